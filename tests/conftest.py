"""Shared fixtures and the service-availability rules of the suite.

Tests that need a real service (PostgreSQL, a Celery worker on Redis, Chromium) skip with a
reason when it is missing. With SOMELUOTSI_REQUIRE_SERVICES=1 (set by .ci/run) any skip fails
the run, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

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


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Each test starts with empty caches: throttles and lock-outs counted in one test must not
    refuse the next one's requests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded and generated files (the asset library, report files) go to a temporary
    folder, never into the working tree's var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def embedded_default(settings: Any) -> Iterator[None]:
    """The embedded default's way of running background work (tasks in-process, no broker),
    also in the PostgreSQL stage, which has a broker and a worker: for tests of what the app
    does without one (report jobs in the request, sweeps after requests)."""
    from celery import current_app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    before = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        yield
    finally:
        current_app.conf.task_always_eager = before


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


@pytest.fixture(scope="session", autouse=True)
def _flush_may_empty_the_audit_trail() -> Iterator[None]:
    """Transactional tests empty the database with `flush`; only that may pass the triggers."""
    from django.core.management.base import CommandError
    from django.core.management.commands import flush

    from someluotsi.audit.maintenance import audit_maintenance

    original = flush.Command.handle

    def handle(self: flush.Command, **options: Any) -> None:
        # A task the test sent to the real worker (PostgreSQL stage) may still be running on
        # the test database: the flush waits for it, and tries again if it met one anyway
        # (TRUNCATE against the worker's transaction can end in a deadlock).
        for attempt in range(FLUSH_TRIES):
            _wait_for_an_idle_worker()
            try:
                with audit_maintenance(using=options.get("database") or "default"):
                    original(self, **options)
                return
            except CommandError:
                if attempt == FLUSH_TRIES - 1:
                    raise

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush.Command, "handle", handle)
        yield


FLUSH_TRIES = 3
IDLE_WAIT_S = 20.0
_RUNNING_WORKER: list[object] = []


def _worker_busy() -> bool:
    """Whether the suite's worker holds a task or one waits for it in the broker's queue."""
    from celery.worker import state

    from config.celery import app

    if state.active_requests or state.reserved_requests:
        return True
    from amqp.exceptions import ChannelError

    with app.connection_for_read() as conn:
        channel: Any = conn.default_channel  # kombu's virtual channel (Redis)
        try:
            declared = channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
        except ChannelError:  # no queue yet (Redis makes it with the first message)
            return False
    return bool(declared.message_count)


def _wait_for_an_idle_worker() -> None:
    """Block until the running worker (if any) has been idle for three polls in a row, at most
    IDLE_WAIT_S seconds; without a worker, return at once."""
    if not _RUNNING_WORKER:
        return
    deadline = time.monotonic() + IDLE_WAIT_S
    quiet = 0
    while quiet < 3 and time.monotonic() < deadline:
        quiet = 0 if _worker_busy() else quiet + 1
        time.sleep(0.02)


def broker_reachable() -> tuple[bool, str]:
    """Whether the configured broker accepts a connection (and why not)."""
    from config.celery import app

    if app.conf.task_always_eager:
        return False, "no CELERY_BROKER_URL: tasks run eagerly in-process"
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001 - any failure means unreachable
        return False, f"broker unreachable ({type(exc).__name__})"
    return True, ""


@pytest.fixture(scope="session", autouse=True)
def celery_worker(django_db_setup: None, django_db_blocker: Any) -> Iterator[object | None]:
    """With a broker configured, a real Celery worker consumes every task the suite sends."""
    reachable, _reason = broker_reachable()
    if not reachable:
        yield None
        return
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.control.purge()
    with start_worker(app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=15) as w:
        _RUNNING_WORKER.append(w)
        try:
            yield w
        finally:
            _RUNNING_WORKER.clear()


@pytest.fixture
def require_celery_worker(celery_worker: object | None) -> object:
    if celery_worker is None:
        _reachable, reason = broker_reachable()
        pytest.skip(f"needs a real Celery worker on a broker: {reason}")
    return celery_worker


@pytest.fixture
def require_postgres(db: None) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs the real PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/someluotsi"
        )
