"""Every page as every role on a phone: no page wider than the screen, no axe-core violation.

The demo data is loaded, each demo person (one per role) signs in, and the pages they reach by
following links (tests/site_crawl.py: new apps are picked up as soon as something links to
them), and the signed-out pages, are opened in real Chromium emulating a 390 px phone, then
narrowed to 320 px. A page fails when its document is wider than the viewport (the person would
have to scroll sideways: tables scroll inside their own box instead), when axe-core finds a
WCAG 2.1 A/AA violation, when a table cell's text is squeezed into a column of a couple of
letters a line (conftest.squeezed_cells) or when the browser reports a Content-Security-Policy
violation.

Every HTML page of the URL catalogue (tests/urlcatalogue) must be reached by some role, so a
page nobody links to fails here too. Set SOMELUOTSI_PAGE_WIDTHS=path.json to write every
measured width (the before/after table of the phone work is made from it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from someluotsi.accounts.models import User
from someluotsi.demo.load import USERS, demo_load
from tests.browser.conftest import AXE_JS, WCAG_TAGS, squeezed_cells
from tests.site_crawl import Page, crawl
from tests.urlcatalogue import CATALOGUE, NAMESPACES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE_WIDTH = 320
# Pages of the URL catalogue (tests/urlcatalogue: `page=True`) that a signed-out visitor opens;
# the others must each be reached by a link by some demo role.
SIGNED_OUT = (
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "core:offline",
)


# Pages no link leads to in the demo, opened directly by a role that may: the deliveries list is
# linked only after an e-mail failed.
DIRECT = {"notifications:deliveries": "mavi"}
# Pages that are not Someluotsi's own layout, checked where they are made: the sandbox
# platform's consent page (reached by a redirect while connecting) and its page of a post
# (tests/connectors), and the API documentation (drf-spectacular's Swagger UI, in English for
# developers; tests/accounts/test_password_reset.py checks it needs sign-in).
ELSEWHERE = {"connectors:sandbox_authorize", "connectors:sandbox_item", "api:docs"}


def catalogue_pages() -> set[str]:
    """Every HTML page the URL catalogue declares (new apps declare theirs there)."""
    return {
        name
        for name, declared in CATALOGUE.items()
        if declared.page and name.split(":", 1)[0] not in NAMESPACES
    }


def _axe_violations(page: Any) -> list[str]:
    # Through the DevTools protocol: the page's Content-Security-Policy refuses inline scripts.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): " + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_page_fits_a_phone_for_every_role(
    open_context: Callable[..., Any], live_server: Any, transactional_db: None, language: str
) -> None:
    demo_load()
    problems: list[str] = []
    widths: list[dict[str, object]] = []
    reached: set[str] = set()
    visitors: list[tuple[str, Client, list[Page]]] = []
    for spec in USERS:
        user = User.objects.get(username=spec.username)
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(user)
        pages = crawl(client)
        pages += [
            Page(url=reverse(name), url_name=name, status=200, html="<html>")
            for name, username in DIRECT.items()
            if username == spec.username
        ]
        visitors.append((spec.username, client, pages))
    anonymous = Client()
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    signed_out = [
        Page(url=url, url_name=name, status=200, html="<html>")
        for name in SIGNED_OUT
        for url in CATALOGUE[name].urls(None)  # type: ignore[arg-type]  # no world needed
    ]
    visitors.append(("signed-out", anonymous, signed_out))
    for username, client, pages in visitors:
        context = open_context(
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            locale=f"{language}-FI",
        )
        cookies = [
            {"name": name, "value": client.cookies[name].value, "url": live_server.url}
            for name in ("sessionid", settings.LANGUAGE_COOKIE_NAME)
            if name in client.cookies
        ]
        context.add_cookies(cookies)
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        refused: list[str] = []
        tab.on(
            "console",
            lambda message, out=refused: (
                out.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        for found in pages:
            reached.add(found.url_name)
            where = f"{username} {found.url}"
            if found.status >= 400:
                problems.append(f"{where}: a link leads to HTTP {found.status}")
                continue
            if not found.html:
                continue
            tab.set_viewport_size(PHONE)
            tab.goto(found.url)
            if found.url_name != "core:offline":  # the offline page speaks all three
                assert tab.locator("html").get_attribute("lang") == language, where
            width = tab.evaluate("document.documentElement.scrollWidth")
            tab.set_viewport_size({"width": SMALL_PHONE_WIDTH, "height": PHONE["height"]})
            narrow = tab.evaluate("document.documentElement.scrollWidth")
            widths.append(
                {"user": username, "url": found.url, "name": found.url_name, "390": width}
                | {"320": narrow}
            )
            if width > PHONE["width"]:
                problems.append(f"{where}: {width} px wide at {PHONE['width']} px")
            if narrow > SMALL_PHONE_WIDTH:
                problems.append(f"{where}: {narrow} px wide at {SMALL_PHONE_WIDTH} px")
            tab.set_viewport_size(PHONE)
            problems.extend(f"{where}: squeezed cell {cell}" for cell in squeezed_cells(tab))
            problems.extend(f"{where}: {v}" for v in _axe_violations(tab))
            problems.extend(f"{where}: {text}" for text in refused)
            refused.clear()
        context.close()
    report = os.environ.get("SOMELUOTSI_PAGE_WIDTHS")
    if report:
        Path(report).write_text(json.dumps(widths, indent=1, ensure_ascii=False))
    unreached = catalogue_pages() - reached - ELSEWHERE
    assert problems == [], "\n".join(problems)
    assert not unreached, f"pages no role reached by a link: {sorted(unreached)}"
