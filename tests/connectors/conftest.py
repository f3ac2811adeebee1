"""A channel with two maintainers, the mavi team, and helpers to connect channels to the
sandbox platform and to send it signed webhooks."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

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
        tokens = SandboxConnector()._tokens(account, "Kokkola")
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


def signed_sandbox_post(client: Client, body: bytes, *, at: int | None = None) -> object:
    """POST a delivery to /webhooks/sandbox/ signed as the sandbox platform signs it."""
    stamp = int(time.time()) if at is None else at
    return client.post(
        "/webhooks/sandbox/", data=body, content_type="application/json",
        HTTP_X_SANDBOX_SIGNATURE=sign(body, at=stamp),
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
