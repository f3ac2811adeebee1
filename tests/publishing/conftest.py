"""Fixtures for publishing: a city-level channel and a unit channel, their people, uploads in a
temporary media folder, and a stand-in platform for the connectors' contract."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import Unit, User
from someluotsi.channels.enums import ChannelKind, Platform
from someluotsi.channels.models import Channel
from someluotsi.publishing import platforms
from someluotsi.publishing.models import Post
from someluotsi.publishing.services import PostInput, post_create
from tests.factories import ChannelFactory, UnitFactory, UserFactory, add_maintainer


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    unit: Unit
    city: Channel
    unit_channel: Channel
    other_channel: Channel
    updater: User
    mavi: User
    mavi2: User
    manager: User
    employee: User
    elected: User


@pytest.fixture
def world(db: None) -> World:
    unit = UnitFactory.create(code="kirjasto")
    other_unit = UnitFactory.create(code="liikunta")
    city = ChannelFactory.create(
        platform=Platform.FACEBOOK, name="Kokkolan kaupunki", kind=ChannelKind.CITY, unit=unit
    )
    unit_channel = ChannelFactory.create(
        platform=Platform.LINKEDIN, name="Kirjasto", kind=ChannelKind.UNIT, unit=unit
    )
    other = ChannelFactory.create(
        platform=Platform.X, name="Liikunta", kind=ChannelKind.UNIT, unit=other_unit
    )
    updater = UserFactory.create(roles=[Role.UPDATER], unit=unit, preferred_language="fi")
    add_maintainer(city, updater)
    add_maintainer(unit_channel, updater)
    manager = UserFactory.create(roles=[], unit=unit, preferred_language="sv")
    unit.manager = manager
    unit.save()
    from someluotsi.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=manager, role=Role.UNIT_MANAGER, unit=unit)
    return World(
        unit=unit,
        city=city,
        unit_channel=unit_channel,
        other_channel=other,
        updater=updater,
        mavi=UserFactory.create(roles=[Role.MAVI], preferred_language="sv"),
        mavi2=UserFactory.create(roles=[Role.MAVI], preferred_language="en"),
        manager=manager,
        employee=UserFactory.create(roles=[Role.EMPLOYEE]),
        elected=UserFactory.create(roles=[Role.ELECTED]),
    )


def draft_input(channels: list[Channel], **overrides: Any) -> PostInput:
    values: dict[str, Any] = {
        "title": "Uimahalli aukeaa",
        "text": "Uimahalli avataan maanantaina. Tervetuloa! #KokkolaKarleby",
        "text_sv": "Simhallen öppnar på måndag. Välkommen! #KokkolaKarleby",
        "channels": channels,
        "scheduled_at": timezone.now() + timedelta(days=2),
    }
    values.update(overrides)
    return PostInput(**values)


@pytest.fixture
def make_post(world: World) -> Callable[..., Post]:
    def _make(author: User | None = None, channels: list[Channel] | None = None, **kw: Any) -> Post:
        return post_create(
            actor=author or world.updater, data=draft_input(channels or [world.city], **kw)
        )

    return _make


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(out, fmt)
    return out.getvalue()


@dataclass
class FakePlatform:
    """A stand-in for the connectors' contract on the platform side: records what was
    published and deleted, and can be told to fail."""

    connected: bool = True
    failures: list[platforms.PlatformError] = field(default_factory=list)
    published: dict[str, platforms.Published] = field(default_factory=dict)
    outgoing: list[platforms.Outgoing] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def can_publish(self, channel: Channel) -> bool:
        return self.connected

    def publish(
        self, channel: Channel, outgoing: platforms.Outgoing, *, idempotency_key: str
    ) -> platforms.Published:
        if self.failures:
            raise self.failures.pop(0)
        if idempotency_key not in self.published:
            number = len(self.published) + 1
            self.outgoing.append(outgoing)
            self.published[idempotency_key] = platforms.Published(
                platform_post_id=f"9007199254740993{number}",
                permalink=f"https://platform.example/{channel.platform}/{number}",
                published_at=timezone.now(),
            )
        return self.published[idempotency_key]

    def delete(self, channel: Channel, platform_post_id: str) -> None:
        self.deleted.append(platform_post_id)


@pytest.fixture
def fake_platform(monkeypatch: pytest.MonkeyPatch) -> FakePlatform:
    fake = FakePlatform()
    monkeypatch.setattr(platforms, "can_publish", fake.can_publish)
    monkeypatch.setattr(platforms, "publish", fake.publish)
    monkeypatch.setattr(platforms, "delete", fake.delete)
    return fake


def scheduled(post: Post) -> datetime:
    """The post's publishing time (set once it is approved)."""
    assert post.scheduled_at is not None
    return post.scheduled_at


def later(minutes: int = 0) -> datetime:
    return timezone.now() + timedelta(minutes=minutes)
