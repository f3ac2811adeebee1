"""A channel with two maintainers, the mavi team, and helpers to connect channels to the
sandbox platform and to send it signed webhooks."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.connectors.base import TokenSet
from someluotsi.connectors.models import Connection, SandboxItem
from someluotsi.connectors.sandbox import platform as sandbox
from someluotsi.connectors.sandbox.connector import SandboxConnector, sign
from someluotsi.connectors.services import connection_save
from tests.factories import ChannelFactory, UnitFactory, UserFactory, add_maintainer


@dataclass
class World:
    channel: Channel
    updater: User
    backup: User
    mavi: User
    outsider: User

    def connect_sandbox(
        self, channel: Channel | None = None, account: str = "sbx-kokkola"
    ) -> Connection:
        tokens = SandboxConnector().issue_tokens(account, "Kokkola")
        return connection_save(
            actor=self.mavi, channel=channel or self.channel, platform="sandbox", tokens=tokens
        )


@pytest.fixture
def world(db: None) -> World:
    unit = UnitFactory.create(code="viestinta")
    channel = ChannelFactory.create(unit=unit, name="Kokkolan kaupunki", goals="Tiedotus")
    updater = UserFactory.create(roles=[Role.UPDATER], unit=unit)
    backup = UserFactory.create(roles=[Role.UPDATER], unit=unit)
    add_maintainer(channel, updater)
    add_maintainer(channel, backup)
    mavi = UserFactory.create(roles=[Role.MAVI], unit=unit)
    outsider = UserFactory.create(roles=[Role.UPDATER], unit=unit)
    return World(channel, updater, backup, mavi, outsider)


def signed_sandbox_post(client: Client, body: bytes, *, at: int | None = None) -> Any:
    """POST a delivery to /webhooks/sandbox/ signed as the sandbox platform signs it."""
    stamp = int(time.time()) if at is None else at
    return client.post(
        "/webhooks/sandbox/", data=body, content_type="application/json",
        headers={"X-Sandbox-Signature": sign(body, at=stamp)},
    )  # fmt: skip


def sandbox_event_body(
    account: str, item_id: str, kind: str = "comment", verb: str = "add"
) -> bytes:
    return json.dumps(
        {"object": "sandbox", "events": [
            {"account_id": account, "item_id": item_id, "kind": kind, "verb": verb}]},
        ensure_ascii=False,
    ).encode()  # fmt: skip


@pytest.fixture
def citizen_comment() -> Callable[..., SandboxItem]:
    """A post on the sandbox account and a citizen's comment under it."""

    def _make(text: str = "Milloin Isokadun katuvalo korjataan?", account: str = "sbx-kokkola",
              author: str = "Matti Meikäläinen") -> SandboxItem:  # fmt: skip
        post = sandbox.sandbox_post(
            account_id=account, text="Katutyöt alkavat maanantaina.",
            at=timezone.now() - timedelta(hours=1),
        )  # fmt: skip
        return sandbox.sandbox_comment(
            account_id=account, thread_id=post.item_id, author=author, text=text
        )

    return _make


__all__ = ["TokenSet", "World", "sandbox_event_body", "signed_sandbox_post"]


PLATFORMS = ("facebook", "instagram", "youtube", "youtube_analytics", "linkedin", "x", "tiktok")


@pytest.fixture
def api(settings: Any, httpserver: Any) -> Any:
    """Every platform's API (and the city's app credentials) pointed at a local HTTP server."""
    base = httpserver.url_for("").rstrip("/")
    settings.CONNECTORS_API_BASE_URLS = dict.fromkeys(PLATFORMS, base)
    settings.META_APP_ID, settings.META_APP_SECRET = "app-1", "meta-app-secret"
    settings.META_VERIFY_TOKEN = "verify-me"
    settings.YOUTUBE_CLIENT_ID, settings.YOUTUBE_CLIENT_SECRET = "yt-client", "yt-secret"
    settings.LINKEDIN_CLIENT_ID, settings.LINKEDIN_CLIENT_SECRET = "li-client", "li-secret"
    settings.X_CLIENT_ID, settings.X_CLIENT_SECRET = "x-client", "x-secret"
    settings.X_CONSUMER_SECRET = "x-consumer-secret"
    settings.TIKTOK_CLIENT_KEY, settings.TIKTOK_CLIENT_SECRET = "tt-key", "tt-secret"
    # Generous: a loaded CI machine must not turn an ordinary answer into a timeout; the
    # timeout tests set their own short limit.
    settings.CONNECTORS_HTTP_TIMEOUT = 5.0
    return httpserver


def connect(
    world: World, platform: str, account_id: str, *, expires_in: int | None = None,
    refresh: str = "", token: str = "access-token-1",  # noqa: S107 - test fixture
) -> Connection:  # fmt: skip
    """Link the world's channel to `platform` with given tokens (no OAuth round trip)."""
    expires = timezone.now() + timedelta(seconds=expires_in) if expires_in is not None else None
    return connection_save(
        actor=world.mavi, channel=world.channel, platform=platform,
        tokens=TokenSet(access_token=token, refresh_token=refresh, access_expires_at=expires,
                        account_id=account_id, account_name="Kokkola"),
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _eager_unless_worker(request: pytest.FixtureRequest) -> Iterator[None]:
    """Contract and flow tests run their tasks in-process even when the suite has a broker;
    the end-to-end tests (marked celery_worker) go through the real worker."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


def wait_for(check: Any, *, timeout: float = 30.0, what: str = "the worker") -> Any:
    """Poll `check()` until it returns something truthy (the worker is another thread)."""
    import time as _time

    deadline = _time.monotonic() + timeout
    while _time.monotonic() < deadline:
        value = check()
        if value:
            return value
        _time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(autouse=True)
def _fresh_hint_window() -> Iterator[None]:
    """Each test starts with an empty webhook repeat window (the cache outlives a test)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
