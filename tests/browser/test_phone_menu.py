"""At 390 px the content starts near the top: the language switch, the user's links and the main
navigation fold behind a Menu button (aria-expanded, aria-controls) that opens and closes with
the keyboard; every target in the menu is 44 px tall; without JavaScript nothing is folded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CONTENT_TOP_MAX = 200  # px from the top of the screen to the page's heading

MEASURE_JS = """() => {
  const h1 = document.querySelector('main h1');
  const box = (el) => { const r = el.getBoundingClientRect(); return {h: r.height, w: r.width}; };
  const shown = (sel) => [...document.querySelectorAll(sel)].filter((el) => el.checkVisibility());
  return {
    top: Math.round(h1.getBoundingClientRect().top + window.scrollY),
    scrollWidth: document.documentElement.scrollWidth,
    navLinks: shown('.main-nav a').map(box),
    tools: shown('.site-tools select, .site-tools button, .site-tools a').map(box),
  };
}"""


@pytest.fixture
def phone(open_context: Callable[..., Any]) -> Any:
    page = open_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fi-FI").new_page()
    page.set_default_timeout(15_000)
    return page


def _measure(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(MEASURE_JS))


def test_the_login_page_starts_near_the_top_with_a_44_px_language_switch(
    phone: Any, transactional_db: None
) -> None:
    phone.goto("/accounts/login/")
    sizes = _measure(phone)
    assert sizes["top"] <= CONTENT_TOP_MAX, sizes
    assert sizes["scrollWidth"] <= PHONE["width"], sizes
    # No navigation to fold for someone not logged in: the language switch is shown, 44 px.
    assert phone.locator(".menu-button").count() == 0
    assert sizes["tools"], sizes
    assert all(t["h"] >= 44 for t in sizes["tools"]), sizes
    assert_accessible(phone)


@pytest.mark.parametrize("path", ["/inbox/", "/check/", "/channels/"])
def test_the_menu_folds_and_opens_with_the_keyboard(
    phone: Any, browser_user: Callable[..., User], path: str
) -> None:
    login(phone, browser_user(Role.UPDATER).username)
    phone.goto(path)
    closed = _measure(phone)
    assert closed["top"] <= CONTENT_TOP_MAX, closed
    assert closed["scrollWidth"] <= PHONE["width"], closed
    assert closed["navLinks"] == [], closed
    assert closed["tools"] == [], closed
    button = phone.get_by_role("button", name="Valikko")
    assert button.get_attribute("aria-expanded") == "false"
    assert set(button.get_attribute("aria-controls").split()) == {"site-tools", "main-nav"}
    box = button.bounding_box()
    assert box["height"] >= 44, box
    assert box["width"] >= 44, box
    assert_accessible(phone)

    # The skip link is still the first stop; the menu button comes right after the brand.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.className") == "menu-button"
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    opened = _measure(phone)
    assert opened["navLinks"], opened
    assert all(link["h"] >= 44 for link in opened["navLinks"]), opened
    assert all(tool["h"] >= 44 for tool in opened["tools"]), opened
    assert opened["scrollWidth"] <= PHONE["width"], opened
    assert_accessible(phone)
    # Tab goes on into the opened menu: the language switch first.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.id") == "language-select"
    # Escape closes it and gives the focus back to the button; Space opens it again.
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.className") == "menu-button"
    assert _measure(phone)["navLinks"] == []
    phone.keyboard.press(" ")
    assert button.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "false"


def test_without_javascript_the_menu_is_shown_and_on_a_wide_screen_never_folded(
    open_context: Callable[..., Any], browser_user: Callable[..., User]
) -> None:
    username = browser_user(Role.UPDATER).username
    for options, button_shown in (
        ({"viewport": PHONE, "java_script_enabled": False}, False),
        ({"viewport": {"width": 1280, "height": 800}}, False),
    ):
        page = open_context(locale="fi-FI", **options).new_page()
        login(page, username)
        page.goto("/inbox/")
        assert page.locator(".menu-button").is_visible() is button_shown
        assert page.get_by_role("navigation", name="Päävalikko").is_visible()
        assert page.locator("#language-select").is_visible()
        sizes = _measure(page)
        assert all(link["h"] >= 24 for link in sizes["navLinks"]), sizes
        assert sizes["scrollWidth"] <= options["viewport"]["width"], sizes  # type: ignore[index]


def test_the_closed_menu_shows_the_number_of_unread_notifications(
    phone: Any, browser_user: Callable[..., User]
) -> None:
    """The unread count is in the menu (the Notifications link); with the menu closed the button
    shows it too, and its name says it: "Valikko, 3 lukematonta ilmoitusta"."""
    from someluotsi.notifications.models import Notification

    user = browser_user(Role.UPDATER)
    for number in range(3):
        Notification.objects.create(recipient=user, subject=f"Uusi viesti {number}")
    login(phone, user.username)
    phone.goto("/inbox/")
    button = phone.get_by_role("button", name="Valikko, 3 lukematonta ilmoitusta", exact=True)
    assert button.get_attribute("aria-expanded") == "false"
    badge = button.locator(".menu-badge")
    assert badge.is_visible()
    assert badge.inner_text() == "3"
    box, page_box = button.bounding_box(), badge.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], box
    assert page_box["x"] >= box["x"], (page_box, box)
    assert page_box["x"] + page_box["width"] <= box["x"] + box["width"], (page_box, box)
    assert _measure(phone)["scrollWidth"] <= PHONE["width"]
    assert_accessible(phone)
    # Opened, the Notifications link inside says the same.
    button.click()
    assert phone.get_by_role("link", name="Ilmoitukset 3 lukematonta").is_visible()

    # Read: no badge, and the button is just "Valikko".
    Notification.objects.filter(recipient=user).update(read_at=timezone.now())
    phone.goto("/inbox/")
    assert phone.get_by_role("button", name="Valikko", exact=True).is_visible()
    assert phone.locator(".menu-badge").count() == 0


def test_one_unread_notification_is_named_in_the_singular_in_swedish(
    open_context: Callable[..., Any], browser_user: Callable[..., User]
) -> None:
    from someluotsi.notifications.models import Notification

    user = browser_user(Role.UPDATER, preferred_language="sv")
    Notification.objects.create(recipient=user, subject="Nytt")
    page = open_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="sv-SE").new_page()
    login(page, user.username)
    page.goto("/inbox/")
    assert page.get_by_role("button", name="Meny, 1 oläst avisering", exact=True).is_visible()


BADGE_GAP_JS = """() => {
  const link = document.querySelector('.user-box a[href$="/notifications/"]');
  const badge = link.querySelector('.badge');
  const range = document.createRange();
  range.selectNodeContents(link.firstChild);
  const text = range.getBoundingClientRect(), mark = badge.getBoundingClientRect();
  const box = link.getBoundingClientRect();
  return {gap: mark.left - text.right, textTop: text.top, markTop: mark.top,
          markHeight: mark.height, height: box.height, width: box.width};
}"""


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_notifications_link_keeps_its_unread_badge_apart_on_a_phone(
    open_context: Callable[..., Any], browser_user: Callable[..., User], language: str
) -> None:
    """Found by a tester at 390 px: "Ilmoitukset" touched "6 lukematonta" (the menu's links
    are flex boxes, which drop the space between them). Now they are apart, on one line, and
    the link stays a 44 px target."""
    from someluotsi.notifications.models import Notification

    user = browser_user(Role.UPDATER, preferred_language=language)
    for number in range(6):
        Notification.objects.create(recipient=user, subject=f"Uusi viesti {number}")
    page = open_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.set_default_timeout(15_000)
    login(page, user.username)
    page.goto("/inbox/")
    page.locator(".menu-button").click()
    measured = page.evaluate(BADGE_GAP_JS)
    assert measured["gap"] >= 4, measured
    assert abs(measured["textTop"] - measured["markTop"]) < measured["markHeight"], measured
    assert measured["height"] >= 44, measured
    assert measured["width"] >= 24, measured
