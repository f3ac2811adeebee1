"""Real headless Chromium (Debian's package) driven by Playwright, with axe-core checks.

Skips with a reason when Chromium or axe-core is missing; .ci/run installs both and turns any
skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("SOMELUOTSI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# `expect(locator)` waits as long as a page's own default (pages set 15 s): a loaded machine
# answers htmx more slowly than Playwright's default 5 s assumes.
expect.set_options(timeout=15_000)

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to set
# up data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser(live_server: Any) -> Iterator[Any]:
    """Chromium for the session. It needs the live server so that it closes first: a
    connection the browser still held when the live server stopped ended in a request thread
    closing the test's shared in-memory SQLite connection after the server gave up sharing it
    ("DatabaseWrapper objects created in a thread can only be used in that same thread")."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium chromium-driver")
    if not AXE_JS.exists():
        pytest.skip("axe-core not installed: run `npm ci` in the repository root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def open_context(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Open browser contexts on the live server (keyword arguments as `new_context`'s); every
    one is closed when the test ends, passed or failed, so that none keeps connections to the
    live server open past its test."""
    contexts: list[Any] = []

    def _open(**kwargs: Any) -> Any:
        context = browser.new_context(base_url=live_server.url, **kwargs)
        contexts.append(context)
        return context

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page under the real Content-Security-Policy: any violation the browser reports on the
    console (an inline script or style, an eval) fails the test."""
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert violations == [], violations


def assert_accessible(page: Any) -> None:
    """Run axe-core on the current page; fail listing every WCAG 2.1 A/AA violation."""
    # Evaluated through the DevTools protocol, which the page's CSP does not govern (a script
    # tag with inline code would be refused, as it should be).
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]
    assert violations == [], f"{page.url}: " + " | ".join(violations)


def wait_until(page: Any, predicate: str, arg: Any = None, timeout_ms: float = 15_000) -> None:
    """Poll `predicate` (a JavaScript function, "() => ...") until it returns true, or fail
    after `timeout_ms`.

    Playwright's `wait_for_function` compiles its predicate inside the page with `new Function`,
    which the app's CSP (script-src 'self', no 'unsafe-eval') rightly refuses; `page.evaluate`
    goes through the DevTools protocol, which the CSP does not govern. Prefer `expect(locator)`
    where a locator says it; this is for what only a script can read (a service worker, a box).
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        if page.evaluate(predicate, arg):
            return
        if time.monotonic() >= deadline:
            raise AssertionError(f"{page.url}: still false after {timeout_ms:.0f} ms: {predicate}")
        page.wait_for_timeout(100)


def login(page: Any, username: str, password: str = TEST_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(left_login)


def left_login(url: str) -> bool:
    return "/accounts/login/" not in url


@pytest.fixture
def browser_user(transactional_db: None) -> Callable[..., User]:
    from tests.factories import UnitFactory, UserFactory

    def _make(*roles: Role, **kwargs: object) -> User:
        kwargs.setdefault("unit", UnitFactory.create(code="kirjasto"))
        return UserFactory.create(roles=list(roles), **kwargs)

    return _make


# Table cells whose text is laid out in a column too narrow to read: the text of a th/td takes
# several lines with fewer than MIN_CHARS_PER_LINE characters per line on average (a heading or
# a channel name running down letter by letter). Lines are the distinct line boxes of the cell's
# text nodes (Range.getClientRects), so padding, borders and row heights set by a taller
# neighbour do not count. Returns "text: n chars on m lines, w px" for each such cell.
MIN_CHARS_PER_LINE = 3
SQUEEZED_CELLS_JS = """(minChars) => {
  const out = [];
  for (const cell of document.querySelectorAll('main th, main td')) {
    if (!cell.checkVisibility()) continue;
    const tops = [];
    let chars = 0;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.replace(/\\s+/g, '');
      if (!text) continue;
      chars += text.length;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0 || rect.height === 0) continue;
        if (!tops.some((top) => Math.abs(top - rect.top) < rect.height / 2)) tops.push(rect.top);
      }
    }
    if (tops.length > 1 && chars / tops.length < minChars) {
      const width = Math.round(cell.getBoundingClientRect().width);
      const text = cell.innerText.trim().slice(0, 40);
      out.push(`${text}: ${chars} chars on ${tops.length} lines, ${width} px`);
    }
  }
  return out;
}"""


def squeezed_cells(page: Any) -> list[str]:
    """The table cells of the current page laid out too narrow to read (SQUEEZED_CELLS_JS)."""
    return list(page.evaluate(SQUEEZED_CELLS_JS, MIN_CHARS_PER_LINE))
