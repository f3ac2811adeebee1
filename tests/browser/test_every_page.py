"""Every page as every role on a phone: no page wider than the screen, no axe-core violation.

The demo data is loaded, each demo person (one per role) signs in, and the pages they reach by
following links (tests/site_crawl.py: new apps are picked up as soon as something links to
them) are opened in real Chromium emulating a 390 px phone, then narrowed to 320 px. A page
fails when its document is wider than the viewport (the person would have to scroll sideways:
tables scroll inside their own box instead) or when axe-core finds a WCAG 2.1 A/AA violation.

Set SOMELUOTSI_PAGE_WIDTHS=path.json to write every measured width (the before/after table of
the phone work is made from it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from someluotsi.accounts.models import User
from someluotsi.demo.load import USERS, demo_load
from tests.browser.conftest import AXE_JS, WCAG_TAGS
from tests.site_crawl import crawl, page_url_names

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE_WIDTH = 320
# Named URLs that are not pages a person opens from a link: htmx fragments, downloads and
# form targets. Each is exercised by its own app's tests.
NOT_PAGES = {
    "accounts:login": "opened signed out (test_shell)",
    "accounts:logout": "form target (signing out ends the crawl)",
    "accounts:set_language": "form target",
    "channels:export": "CSV download",
    "audit:author_export": "CSV download after a search (tests/audit/test_auditor_pages.py)",
    "core:manifest": "web app manifest (tests/core/test_pwa.py)",
    "core:offline": "shown by the service worker offline (tests/browser/test_phone.py)",
    "core:service_worker": "service worker script (tests/core/test_pwa.py)",
    "channels:existing": "htmx fragment of the new-channel request form",
    "inbox:act": "form target",
    "inbox:escalation_export": "JSON and PDF download",
    "metrics:report": "PDF download (a form)",
    "notifications:read": "form target",
    "healthz": "JSON for the load balancer",
    "publishing:compose_check": "htmx fragment of the composer (tests/publishing)",
    "publishing:action": "form target",
    "publishing:share": "htmx fragment of the hub's text check",
    "publishing:share_go": "redirect to a platform's share dialog",
    "publishing:feed": "iCalendar feed behind a secret address (tests/publishing)",
    "publishing:asset_file": "image or video file shown in pages",
    "publishing:asset_thumb": "thumbnail shown in pages",
}


def _axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
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
    browser: Any, live_server: Any, transactional_db: None, language: str
) -> None:
    demo_load()
    problems: list[str] = []
    widths: list[dict[str, object]] = []
    reached: set[str] = set()
    for spec in USERS:
        user = User.objects.get(username=spec.username)
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(user)
        pages = crawl(client)
        context = browser.new_context(
            base_url=live_server.url,
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            locale=f"{language}-FI",
        )
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        for found in pages:
            reached.add(found.url_name)
            where = f"{spec.username} {found.url}"
            if found.status >= 400:
                problems.append(f"{where}: a link leads to HTTP {found.status}")
                continue
            if not found.html:
                continue
            tab.set_viewport_size(PHONE)
            tab.goto(found.url)
            assert tab.locator("html").get_attribute("lang") == language, where
            width = tab.evaluate("document.documentElement.scrollWidth")
            tab.set_viewport_size({"width": SMALL_PHONE_WIDTH, "height": PHONE["height"]})
            narrow = tab.evaluate("document.documentElement.scrollWidth")
            widths.append(
                {"user": spec.username, "url": found.url, "name": found.url_name, "390": width}
                | {"320": narrow}
            )
            if width > PHONE["width"]:
                problems.append(f"{where}: {width} px wide at {PHONE['width']} px")
            if narrow > SMALL_PHONE_WIDTH:
                problems.append(f"{where}: {narrow} px wide at {SMALL_PHONE_WIDTH} px")
            tab.set_viewport_size(PHONE)
            problems.extend(f"{where}: {v}" for v in _axe_violations(tab))
        context.close()
    report = os.environ.get("SOMELUOTSI_PAGE_WIDTHS")
    if report:
        Path(report).write_text(json.dumps(widths, indent=1, ensure_ascii=False))
    unreached = page_url_names() - reached - NOT_PAGES.keys()
    assert problems == [], "\n".join(problems)
    assert not unreached, f"pages no role reached by a link: {sorted(unreached)}"
