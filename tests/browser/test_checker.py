"""The checker in a real browser: submit, see highlights and explanations, copy; axe-clean."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "heading", "verdict_word"),
    [
        ("fi", "Tarkista julkaisu", "Älä julkaise"),
        ("sv", "Granska inlägget", "Publicera inte"),
    ],
)
def test_author_checks_a_draft_and_reads_the_findings(
    page: Any, browser_user: Callable[..., User], language: str, heading: str, verdict_word: str
) -> None:
    login(page, browser_user(Role.EMPLOYEE, preferred_language=language).username)
    nav = page.locator("nav.main-nav")
    nav.get_by_role("link", name=heading, exact=True).click()
    assert page.locator("main h1").inner_text() == heading
    assert_accessible(page)
    page.locator("#id_text").fill("Hetu 131052-308T ja ovikoodi on 4512. Kiitos!")
    page.locator(".check-form button[type=submit]").click()
    page.locator(".check-result").wait_for()
    assert verdict_word in page.locator("#result-heading").inner_text()
    assert page.locator("mark.sev-block").count() >= 2
    assert page.locator("ol.findings li").count() == 2
    assert "§2.5" in page.locator("#finding-1").inner_text()
    assert "131052-308T" not in page.locator("#redacted-text").input_value()
    assert page.locator("html").count() == 1  # the result was swapped in, not a new page
    assert_accessible(page)


def test_keyboard_user_reaches_a_finding_from_its_mark(
    page: Any, browser_user: Callable[..., User]
) -> None:
    login(page, browser_user(Role.UPDATER).username)
    page.goto("/check/")
    page.locator("#id_text").fill("Soita minulle numeroon 040 123 4567.")
    page.locator("#id_text").press("Tab")
    page.locator(".check-form button[type=submit]").press("Enter")
    page.locator("mark sup a").first.wait_for()
    page.locator("mark sup a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#finding-1")
    assert page.evaluate("location.hash") == "#finding-1"
