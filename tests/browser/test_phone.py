"""On a phone: the app installs and opens offline, the check result comes into view, the queue's
links can be tapped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.demo.load import demo_load
from tests.browser.conftest import assert_accessible, login, squeezed_cells, wait_until
from tests.inbox.conftest import World, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="fi-FI"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_app_installs_and_shows_the_offline_page_without_a_network(
    phone: Any, browser_user: Callable[..., User]
) -> None:
    login(phone, browser_user(Role.UPDATER).username)
    manifest = phone.evaluate(
        "async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json()"
    )
    assert manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert phone.request.get(icon["src"]).headers["content-type"] == "image/png"
    scope = phone.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope.endswith("/")
    # Once the worker controls the page, every stored entry is a public file.
    phone.reload()
    wait_until(phone, "() => navigator.serviceWorker.controller !== null")
    stored = phone.evaluate(
        "async () => { const out = []; for (const key of await caches.keys()) {"
        " const cache = await caches.open(key);"
        " for (const r of await cache.keys()) out.push(new URL(r.url).pathname); }"
        " return out; }"
    )
    assert "/offline/" in stored
    assert all(path == "/offline/" or path.startswith("/static/") for path in stored)
    phone.context.set_offline(True)
    try:
        phone.goto("/inbox/")
        assert phone.locator("main h1").inner_text() == "Ei verkkoyhteyttä"
        assert_accessible(phone)
    finally:
        phone.context.set_offline(False)


def test_check_result_scrolls_into_view_on_a_phone(
    phone: Any, browser_user: Callable[..., User]
) -> None:
    login(phone, browser_user(Role.EMPLOYEE).username)
    phone.goto("/check/")
    phone.locator("#id_text").fill("Soita minulle 040 123 4567, hetu 131052-308T.")
    phone.locator(".check-form button[type=submit]").tap()
    heading = phone.locator("#result-heading")
    heading.wait_for()
    wait_until(
        phone,
        "() => { const r = document.getElementById('result-heading').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
    )
    assert phone.evaluate("document.activeElement.id") == "result-heading"


def test_queue_links_can_be_tapped(phone: Any, transactional_db: None, world: World) -> None:  # noqa: F811
    world.ingest("Milloin kirjasto aukeaa lauantaina?", received_at=timezone.now())
    login(phone, world.updater.username)
    phone.goto("/inbox/")
    link = phone.get_by_role("link", name="Milloin kirjasto aukeaa lauantaina?")
    box = link.bounding_box()
    assert box["height"] >= 24  # a target a finger can hit (WCAG 2.5.8: 24 px)
    link.tap()
    phone.wait_for_url("**/inbox/*/")
    assert "Milloin kirjasto aukeaa lauantaina?" in phone.locator("main").inner_text()


# The box of a figure table scrolls sideways and its first column stays where it is.
BOXES_JS = """() => [...document.querySelectorAll('main .table-box')]
  .filter((box) => box.checkVisibility())
  .map((box) => { const first = box.querySelector('tr > :first-child');
    const before = first.getBoundingClientRect().left;
    box.scrollLeft = box.scrollWidth;
    const moved = first.getBoundingClientRect().left - before;
    box.scrollLeft = 0;
    return {id: box.getAttribute('aria-labelledby'), scrolls: box.scrollWidth > box.clientWidth,
            sticky: getComputedStyle(first).position === 'sticky',
            firstMoved: Math.round(moved)}; })"""


@pytest.mark.parametrize(("username", "language"), [("mavi", "fi"), ("paivittaja", "sv")])
def test_figure_tables_scroll_in_their_box_and_stay_readable_on_a_phone(
    phone: Any, transactional_db: None, username: str, language: str
) -> None:
    """The figure tables of the metrics and the inbox figures with the demo's channels: no cell
    squeezed to a couple of letters a line, the page no wider than the phone, the table box
    scrolling with its key column kept in view."""
    logins = {login.username: login.password for login in demo_load()}
    user = User.objects.get(username=username)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    channel = Channel.objects.filter(maintainers=user).first() or Channel.objects.first()
    assert channel is not None
    login(phone, username, logins[username])
    problems: list[str] = []
    scrolled = 0
    for url in ("/metrics/", f"/metrics/channel/{channel.pk}/", "/inbox/figures/"):
        phone.goto(url)
        if phone.locator("main h1").count() == 0:
            continue
        phone.evaluate("document.querySelectorAll('main details').forEach((d) => d.open = true)")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{url}: the page is {width} px wide")
        problems.extend(f"{url}: {cell}" for cell in squeezed_cells(phone))
        # a count that links to its messages is a target of its own (WCAG 2.5.8: 24 px)
        for size in phone.evaluate(
            "() => [...document.querySelectorAll('main td > a:only-child')].map((a) => {"
            " const r = a.getBoundingClientRect(); return [a.textContent.trim(), r.width,"
            " r.height]; })"
        ):
            if size[1] < 24 or size[2] < 24:
                problems.append(f"{url}: link {size[0]!r} is {size[1]:.0f}×{size[2]:.0f} px")
        for box in phone.evaluate(BOXES_JS):
            if not box["sticky"] or box["firstMoved"] != 0:
                problems.append(f"{url}: the key column of {box['id']} does not stay in view")
            scrolled += box["scrolls"]
    assert problems == [], "\n".join(problems)
    assert scrolled, "no figure table was wider than the phone: the test measured nothing"


# Every checkbox and radio of the page with its label: its own size, whether it sits on the same
# line as its label (vertically overlapping, to the label's left) and how far from the text.
TARGETS_JS = """() => {
  const boxes = [...document.querySelectorAll('main input[type=checkbox], main input[type=radio]')]
    .filter((input) => input.checkVisibility())
    .map((input) => { const r = input.getBoundingClientRect();
      const label = input.labels && input.labels[0];
      const l = label ? label.getBoundingClientRect() : r;
      const beside = label && label.contains(input) ? true
        : r.top < l.bottom && l.top < r.bottom && r.right <= l.left + 1 && l.left - r.right < 24;
      return {kind: 'box', name: input.name + '=' + input.value, width: r.width,
              height: r.height, beside}; });
  const links = [...document.querySelectorAll('.sub-nav a')]
    .filter((a) => a.checkVisibility())
    .map((a) => { const r = a.getBoundingClientRect();
      return {kind: 'link', name: a.textContent.trim(), width: r.width, height: r.height,
              beside: true}; });
  return boxes.concat(links); }"""


@pytest.mark.parametrize(
    ("username", "url", "checkbox"),
    [
        ("paivittaja", "/inbox/", "overdue"),
        ("tarkastaja", "/audit/", "personal_data"),
        ("mavi", "/publishing/new/", "channels"),
        ("mavi", "/check/", "image"),
    ],
)
def test_checkboxes_sit_beside_their_label_and_targets_are_24_px(
    phone: Any, transactional_db: None, username: str, url: str, checkbox: str
) -> None:
    """On a 390 px phone a single checkbox sits on its label's line at its left, not centred
    above it; checkboxes, radios and sub-navigation links are at least 24 × 24 px (WCAG 2.2,
    2.5.8)."""
    logins = {login.username: login.password for login in demo_load()}
    login(phone, username, logins[username])
    phone.goto(url)
    found = phone.evaluate(TARGETS_JS)
    assert any(t["name"].startswith(checkbox + "=") for t in found), found
    problems = [
        f"{t['kind']} {t['name']}: {t['width']:.0f}×{t['height']:.0f} px"
        f"{'' if t['beside'] else ', not beside its label'}"
        for t in found
        if t["width"] < 24 or t["height"] < 24 or not t["beside"]
    ]
    assert problems == [], "\n".join(problems)


# The elements of <main> whose right edge passes the phone's width (a diagnosis when the page is
# wider than the phone): tag, class and width.
WIDE_JS = """(width) => [...document.querySelectorAll('main *')]
  .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 1)
  .slice(0, 12)
  .map((el) => el.tagName.toLowerCase() + '.' + el.className + ' '
       + Math.round(el.getBoundingClientRect().width))"""
LONG_CHANNEL_NAME = "Kokkolankaupunginkirjastonnuorisotoimenkesätapahtumakanava"


@pytest.mark.parametrize("width", [390, 320])
def test_the_composer_fits_a_phone_with_a_channel_named_by_one_long_word(
    phone: Any, transactional_db: None, width: int
) -> None:
    """A channel's name is one long unbreakable word: in the channel choices, a channel's own
    text (its legend) and the check panel's previews it wraps, the page stays as wide as the
    phone (320 px: 378 px before)."""
    from someluotsi.publishing.selectors import publishable_channels

    logins = {login.username: login.password for login in demo_load()}
    mavi = User.objects.get(username="mavi")
    channel = publishable_channels(user=mavi).first()
    assert channel is not None
    Channel.objects.filter(pk=channel.pk).update(name=LONG_CHANNEL_NAME)
    phone.set_viewport_size({"width": width, "height": PHONE["height"]})
    login(phone, "mavi", logins["mavi"])
    phone.goto("/publishing/new/")
    phone.locator(f"input[name=channels][value='{channel.pk}']").check()
    phone.locator("#id_text").fill("Kirjasto on auki lauantaina kello 10-16. Tervetuloa!")
    wait_until(phone, "() => document.querySelector('#check-panel .preview') !== null")
    phone.evaluate("document.querySelectorAll('main details').forEach((d) => d.open = true)")
    assert LONG_CHANNEL_NAME in phone.locator("main").inner_text()
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, phone.evaluate(WIDE_JS, width)
