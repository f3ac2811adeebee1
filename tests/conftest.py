"""Shared fixtures and the service-availability rules of the suite.

Tests that need a real service (PostgreSQL, a Celery worker on Redis, Chromium) skip with a
reason when it is missing. With SOMELUOTSI_REQUIRE_SERVICES=1 (set by .ci/run) any skip fails
the run, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from tests.factories import UserFactory

REQUIRE_SERVICES = os.environ.get("SOMELUOTSI_REQUIRE_SERVICES") == "1"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if REQUIRE_SERVICES and skipped:
        terminalreporter.section("skips are failures here (SOMELUOTSI_REQUIRE_SERVICES=1)")
        for report in skipped:
            terminalreporter.write_line(f"{report.nodeid}: {report.longrepr}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if REQUIRE_SERVICES and reporter is not None and reporter.stats.get("skipped"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def _make(*roles: Role, **kwargs: object) -> User:
        return UserFactory.create(roles=list(roles), **kwargs)

    return _make


@pytest.fixture
def client_for(make_user: Callable[..., User]) -> Callable[..., Client]:
    """A test client signed in as a new user with the given roles."""

    def _client(*roles: Role, **kwargs: object) -> Client:
        client = Client()
        client.force_login(make_user(*roles, **kwargs))
        return client

    return _client
