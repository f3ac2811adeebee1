"""Real headless Chromium (Debian's package) driven by Playwright, with axe-core checks.

Skips with a reason when Chromium or axe-core is missing; .ci/run installs both and turns any
skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

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

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to set
# up data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
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
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_accessible(page: Any) -> None:
    """Run axe-core on the current page; fail listing every WCAG 2.1 A/AA violation."""
    page.add_script_tag(path=str(AXE_JS))
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
