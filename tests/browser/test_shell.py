"""Every role logs in, reaches each of its navigation items, and every page passes axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from someluotsi.accounts.access import AREA_ROLES
from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.browser.conftest import assert_accessible, left_login, login

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_role_logs_in_and_reaches_each_navigation_item(
    page: Any, browser_user: Callable[..., User], role: Role
) -> None:
    user = browser_user(role)
    login(page, user.username)
    assert_accessible(page)
    nav = page.get_by_role("navigation", name="Päävalikko")
    links = nav.get_by_role("link")
    expected = {area for area, roles in AREA_ROLES.items() if role in roles}
    assert links.count() == len(expected)
    labels = [links.nth(i).inner_text() for i in range(links.count())]
    for label in labels:
        nav.get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        heading = page.locator("main h1")
        assert heading.count() == 1
        assert heading.inner_text() == label
        current = nav.locator("a[aria-current=page]")
        assert current.inner_text() == label
        assert_accessible(page)


def test_login_page_is_accessible_in_every_language(page: Any, transactional_db: None) -> None:
    page.goto("/accounts/login/")
    for language, heading in (("sv", "Logga in"), ("en", "Log in"), ("fi", "Kirjaudu")):
        page.locator("#language-select").select_option(language)
        page.locator(".language-switch button").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("main h1").inner_text() == heading
        assert_accessible(page)


def test_language_switch_keeps_the_page_and_translates_navigation(
    page: Any, browser_user: Callable[..., User]
) -> None:
    login(page, browser_user(Role.MAVI).username)
    nav = page.get_by_role("navigation", name="Päävalikko")
    nav.get_by_role("link", name="Kanavat", exact=True).click()
    page.locator("#language-select").select_option("sv")
    page.locator(".language-switch button").click()
    page.wait_for_load_state()
    assert page.url.endswith("/channels/")
    assert page.locator("main h1").inner_text() == "Kanaler"
    assert page.get_by_role("navigation", name="Huvudmeny").is_visible()


def test_skip_link_is_first_and_moves_focus_to_main(
    page: Any, browser_user: Callable[..., User]
) -> None:
    login(page, browser_user(Role.EMPLOYEE).username)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Siirry sisältöön"
    # A visible focus indicator (WCAG 2.4.7): the focused skip link has an outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_keyboard_only_login(page: Any, browser_user: Callable[..., User]) -> None:
    user = browser_user(Role.UPDATER)
    page.goto("/accounts/login/")
    page.locator("#id_username").focus()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type("Correct-Horse-Battery-42")
    page.keyboard.press("Enter")
    page.wait_for_url(left_login)
    assert "Tervetuloa" in page.locator("main h1").inner_text()


def test_auditor_filters_the_trail_with_htmx(page: Any, browser_user: Callable[..., User]) -> None:
    from someluotsi.audit.services import audit_record

    audit_record(actor=None, action="demo.loaded")
    audit_record(actor=None, action="role.assigned")
    login(page, browser_user(Role.AUDITOR).username)
    nav = page.get_by_role("navigation", name="Päävalikko")
    nav.get_by_role("link", name="Lokitiedot", exact=True).click()
    assert_accessible(page)
    page.locator("#id_action").select_option("demo.loaded")
    page.locator(".filter-form button").first.click()
    page.wait_for_url("**action=demo.loaded**")
    table = page.locator("#audit-results")
    assert "Someluotsi latasi esittelytiedot" in table.inner_text()
    assert "antoi" not in table.inner_text()  # the role event's sentence is filtered out
    assert page.locator("html").count() == 1  # swapped in place, not a nested page
    assert_accessible(page)


def test_error_pages_are_accessible(page: Any, browser_user: Callable[..., User]) -> None:
    login(page, browser_user(Role.EMPLOYEE).username)
    response = page.goto("/audit/")
    assert response.status == 403
    assert page.locator("main h1").inner_text() == "Ei käyttöoikeutta"
    assert_accessible(page)
