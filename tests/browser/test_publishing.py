"""The publishing flow in real Chromium, in Finnish and Swedish, on a desktop and a 390 px phone,
axe-clean at every step: an updater adds an image to the library and composes a bilingual post,
fixes a finding the check shows as they type and sends it for review; the mavi team approves
it; at its time it is published through the sandbox platform and shows in the calendar as
published; an employee checks their own words and shares it from the ambassador hub."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from PIL import Image

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.enums import ChannelKind, Platform
from someluotsi.connectors.models import SandboxItem
from someluotsi.connectors.sandbox.connector import SandboxConnector
from someluotsi.connectors.services import connection_save
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.models import Post, ShareRecord
from someluotsi.publishing.tasks import publishing_publish_due
from tests.browser.conftest import assert_accessible, login
from tests.factories import ChannelFactory, add_maintainer

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WORDS = {
    "fi": {"published": "Julkaistu", "must_fix": "korjattava"},
    "sv": {"published": "Publicerad", "must_fix": "åtgärdas"},
}


# The innermost elements whose right edge passes the viewport (what makes the page too wide).
OVERFLOWING = """(limit) => {
    const wide = [...document.querySelectorAll('body *')].filter(
        (el) => el.getBoundingClientRect().right > limit + 0.5);
    return wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)))
        .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
            + `${el.className && typeof el.className === 'string' ? '.' + el.className.trim()
                .split(/\\s+/).join('.') : ''} (${Math.round(el.getBoundingClientRect().right)}`
            + ` px): ${(el.textContent || '').trim().slice(0, 60)}`);
}"""


def _fits(page: Any, viewport: dict[str, int]) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > viewport["width"]:
        wide = page.evaluate(OVERFLOWING, viewport["width"])
        raise AssertionError(f"{page.url}: {width} px wide; too wide: {wide}")


def _check(page: Any, viewport: dict[str, int]) -> None:
    _fits(page, viewport)
    assert_accessible(page)


def _logout(page: Any) -> None:
    page.context.clear_cookies()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_compose_approve_publish_and_share(
    open_context: Callable[..., Any],
    browser_user: Callable[..., User],
    settings: Any,
    tmp_path: Path,
    language: str,
    viewport: dict[str, int],
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    words = WORDS[language]
    updater = browser_user(Role.UPDATER, preferred_language=language)
    mavi = browser_user(Role.MAVI, preferred_language=language)
    employee = browser_user(Role.EMPLOYEE, preferred_language=language)
    city = ChannelFactory.create(
        platform=Platform.FACEBOOK, name="Kokkolan kaupunki", kind=ChannelKind.CITY,
        unit=updater.unit,
    )  # fmt: skip
    add_maintainer(city, updater)
    connection_save(
        actor=mavi,
        channel=city,
        platform="sandbox",
        tokens=SandboxConnector().issue_tokens("sbx-kokkola", "Kokkola"),
    )
    context = open_context(viewport=viewport, locale=f"{language}-FI")
    context.route("https://www.linkedin.com/**", lambda route: route.fulfill(body="shared"))
    page = context.new_page()
    page.set_default_timeout(20_000)
    csp_violations: list[str] = []
    context.on(
        "console",
        lambda message: (
            csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )

    # The updater adds an image to the library.
    login(page, updater.username)
    page.goto("/publishing/assets/")
    page.locator("details.upload summary").click()
    picture = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 110, 170)).save(picture, "JPEG")
    page.locator("#id_file").set_input_files(
        {"name": "satama.jpg", "mimeType": "image/jpeg", "buffer": picture.getvalue()}
    )
    page.locator("#id_title").fill("Satama")
    page.locator("#id_alt_text").fill("Kokkolan satama aamulla, tyyni meri ja aurinko.")
    page.locator("#id_photographer").fill("Viestintä")
    page.locator("#id_licence").select_option("city")
    page.locator("#id_consent").select_option("no_people")
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url("**/publishing/assets/*/")
    assert page.locator("img.asset-preview").get_attribute("alt")
    _check(page, viewport)

    # Composes a bilingual post; the check shows a finding as they type; they fix it.
    page.goto("/publishing/new/")
    page.locator("#id_title").fill("Uimahalli avautuu")
    page.get_by_label(f"{city.get_platform_display()}: {city.name}").check()
    text = page.locator("#id_text")
    text.fill("Uimahalli avautuu maanantaina. Lisätiedot: Matti Meikäläinen, hetu 131052-308T")
    page.locator("#check-panel").get_by_text("privacy-001").wait_for()
    assert words["must_fix"] in page.locator("#check-status").inner_text()
    _check(page, viewport)
    text.fill("Uimahalli avautuu maanantaina klo 6. Tervetuloa! #KokkolaKarleby")
    page.locator("#id_text_sv").fill("Simhallen öppnar på måndag kl. 6. Välkommen! #KokkolaKarleby")
    page.get_by_label("Satama (").check()
    page.locator("#check-panel").get_by_text("privacy-001").wait_for(state="detached")
    when = timezone.localtime() + timedelta(minutes=3)
    page.locator("#id_scheduled_at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.locator("button[value=submit]").click()
    page.wait_for_url("**/publishing/posts/*/")
    post = Post.objects.get()
    assert post.status == PostStatus.IN_REVIEW
    assert post.assets.count() == 1
    _check(page, viewport)
    _logout(page)

    # The mavi team approves it.
    login(page, mavi.username)
    page.goto("/publishing/")
    page.locator("#waiting-h").wait_for()
    page.get_by_role("link", name="Uimahalli avautuu").first.click()
    page.wait_for_url(f"**/publishing/posts/{post.pk}/")
    _check(page, viewport)
    page.locator("button[value=approve]").click()
    page.wait_for_url(f"**/publishing/posts/{post.pk}/")
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED

    # At its time it goes out through the sandbox and shows in the calendar as published.
    assert post.scheduled_at is not None
    with time_machine.travel(post.scheduled_at + timedelta(seconds=20)):
        publishing_publish_due.apply()
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    on_platform = SandboxItem.objects.get(kind="post", from_account=True)
    assert "Simhallen öppnar" in on_platform.text
    day = timezone.localdate(post.published_at).isoformat()
    page.goto(f"/publishing/calendar/list/?day={day}")
    row = page.locator("table.cal-list tr", has_text="Uimahalli avautuu")
    assert words["published"] in row.inner_text()
    _check(page, viewport)
    page.goto(f"/publishing/calendar/month/?day={day}")
    assert page.locator(".cal-item.status-published").count() == 1
    _check(page, viewport)
    _logout(page)

    # An employee checks their own words and shares it from the hub.
    Post.objects.filter(pk=post.pk).update(shareable=True)
    login(page, employee.username)
    page.goto("/publishing/hub/")
    page.locator(f"#share-text-{post.pk}").fill("Uimaan! Omat mielipiteeni. #KokkolaKarleby")
    page.locator(".share-form button").click()
    page.locator(f"#share-check-{post.pk} .version-check").wait_for()
    _check(page, viewport)
    with context.expect_page() as opened:
        page.locator(".share-link[href*='/linkedin/']").click()
    opened.value.wait_for_load_state()
    assert "linkedin.com" in opened.value.url
    assert ShareRecord.objects.filter(post=post, user=employee, platform="linkedin").exists()
    context.close()
    assert csp_violations == [], csp_violations
