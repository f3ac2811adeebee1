"""A small city for inbox tests: a division and its unit, a unit channel with two updaters,
the mavi team, a supervisor of the division, an occupational safety manager, a unit manager and
an updater of another channel."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.channels.models import Channel
from someluotsi.inbox.models import Message
from someluotsi.inbox.services import IncomingMessage, IngestResult, message_ingest
from tests.factories import ChannelFactory, UnitFactory, UserFactory, add_maintainer

HELSINKI = ZoneInfo("Europe/Helsinki")
# A Tuesday in working hours.
TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)


@dataclass
class World:
    division: Unit
    unit: Unit
    channel: Channel
    other_channel: Channel
    updater: User
    backup: User
    mavi: User
    supervisor: User
    safety: User
    manager: User
    outsider: User

    def ingest(
        self,
        text: str,
        *,
        external_id: str | None = None,
        received_at: datetime = TUESDAY_10,
        channel: Channel | None = None,
        auto_escalate: bool | None = None,
    ) -> Message:
        ingest_count = Message.objects.count()
        # The service refuses receipt times older than the retention period (they cannot be
        # new deliveries); a test that needs such a message delivers it back then.
        delivered_at = received_at if received_at < timezone.now() - timedelta(days=300) else None
        with time_machine.travel(delivered_at) if delivered_at else contextlib.nullcontext():
            result = self._deliver(text, external_id or f"m-{ingest_count + 1}", received_at,
                                   channel, auto_escalate)  # fmt: skip
        return result.created[0]

    def _deliver(
        self,
        text: str,
        external_id: str,
        received_at: datetime,
        channel: Channel | None,
        auto_escalate: bool | None,
    ) -> IngestResult:
        return message_ingest(
            actor=None,
            items=[
                IncomingMessage(
                    channel=channel or self.channel,
                    external_id=external_id,
                    kind="comment",
                    text=text,
                    received_at=received_at,
                    author_handle="@asukas",
                    permalink="https://www.facebook.com/kirjasto/posts/1",
                )
            ],
            auto_escalate=auto_escalate,
        )


@pytest.fixture
def world(db: None) -> World:
    division = UnitFactory.create(code="sivistys")
    unit = UnitFactory.create(code="kirjasto", parent=division)
    other_unit = UnitFactory.create(code="liikunta", parent=division)

    def person(*roles: Role, unit_scope: Unit | None = None) -> User:
        user = UserFactory.create(unit=unit)
        for role in roles:
            RoleAssignment.objects.create(user=user, role=role, unit=unit_scope)
        return user

    channel = ChannelFactory.create(unit=unit, name="Kirjasto")
    other_channel = ChannelFactory.create(unit=other_unit, name="Liikunta")
    updater, backup = person(Role.UPDATER), person(Role.UPDATER)
    outsider = person(Role.UPDATER)
    add_maintainer(channel, updater)
    backup_row = add_maintainer(channel, backup)
    backup_row.answer_order = 2
    backup_row.save()
    add_maintainer(other_channel, outsider)
    return World(
        division=division,
        unit=unit,
        channel=channel,
        other_channel=other_channel,
        updater=updater,
        backup=backup,
        mavi=person(Role.MAVI),
        supervisor=person(Role.SUPERVISOR, unit_scope=division),
        safety=person(Role.SAFETY_MANAGER),
        manager=person(Role.UNIT_MANAGER, unit_scope=unit),
        outsider=outsider,
    )


@pytest.fixture
def ingest(world: World) -> Callable[..., Message]:
    return world.ingest
