"""An absence covers the person, all their channels: messages due while they are away go to
the channel's other answerers or to their cover, who may then answer them on every channel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment
from someluotsi.channels.services import absence_record
from someluotsi.inbox.selectors import channel_workers, message_can_read, message_can_work
from tests.factories import ChannelFactory, UserFactory, add_maintainer
from tests.inbox.conftest import TUESDAY_10, World


@pytest.fixture(autouse=True)
def _on_tuesday() -> Iterator[None]:
    with time_machine.travel(TUESDAY_10, tick=False):
        yield


@pytest.fixture
def away(world: World) -> World:
    """The updater maintains a second channel alone and is away this week; the other channel's
    updater covers them."""
    world.solo = ChannelFactory.create(unit=world.unit, name="Nuoret")  # type: ignore[attr-defined]
    add_maintainer(world.solo, world.updater)  # type: ignore[attr-defined]
    absence_record(
        actor=world.updater,
        user=world.updater,
        starts_on=TUESDAY_10.date(),
        ends_on=TUESDAY_10.date() + timedelta(days=4),
        cover=world.outsider,
        note="",
    )
    return world


def test_a_channel_with_someone_present_goes_to_them(away: World) -> None:
    message = away.ingest("Milloin kirjasto aukeaa?")
    assert message.assignee == away.backup


def test_a_channel_whose_only_answerer_is_away_goes_to_the_cover(away: World) -> None:
    message = away.ingest("Milloin nuorisotila aukeaa?", channel=away.solo)  # type: ignore[attr-defined]
    assert message.assignee == away.outsider
    assert message_can_work(user=away.outsider, message=message)
    assert message_can_read(user=away.outsider, message=message)
    assert channel_workers(channel=away.solo).filter(pk=away.outsider.pk).exists()  # type: ignore[attr-defined]
    client = Client()
    client.force_login(away.outsider)
    assert client.get(f"/inbox/{message.pk}/").status_code == 200


def test_after_the_absence_the_cover_no_longer_works_the_channel(away: World) -> None:
    message = away.ingest("Milloin nuorisotila aukeaa?", channel=away.solo)  # type: ignore[attr-defined]
    with time_machine.travel(TUESDAY_10 + timedelta(days=7), tick=False):
        assert not message_can_work(user=away.outsider, message=message)


def test_absent_person_without_cover_passes_the_message_to_the_mavi_team(world: World) -> None:
    """The demo's sports channel: its only maintainer is on holiday with nobody covering; the
    message goes to a mavi team member who is present, not to nobody (§7.8, §12.1)."""
    solo = ChannelFactory.create(unit=world.unit, name="Museo")
    add_maintainer(solo, world.updater)
    absence_record(
        actor=world.updater,
        user=world.updater,
        starts_on=TUESDAY_10.date(),
        ends_on=TUESDAY_10.date(),
        cover=None,
        note="",
    )
    assert world.ingest("Onko museo auki?", channel=solo).assignee == world.mavi


def test_a_mavi_member_who_is_away_is_passed_over(world: World) -> None:
    solo = ChannelFactory.create(unit=world.unit, name="Museo")
    add_maintainer(solo, world.updater)
    for person in (world.updater, world.mavi):
        absence_record(
            actor=person,
            user=person,
            starts_on=TUESDAY_10.date(),
            ends_on=TUESDAY_10.date(),
            cover=None,
            note="",
        )
    assert world.ingest("Onko museo auki?", channel=solo).assignee is None
    other = UserFactory.create(unit=world.unit)
    RoleAssignment.objects.create(user=other, role=Role.MAVI)
    assert world.ingest("Onko museo auki tänään?", channel=solo).assignee == other


def test_absences_page_lists_the_channels_an_absence_covers(away: World) -> None:
    client = Client()
    client.force_login(away.updater)
    client.cookies["someluotsi_language"] = "en"
    page = client.get("/channels/absences/").content.decode()
    row = page.split("<tbody>")[1].split("</tr>")[0]
    assert "Kirjasto" in row
    assert "Nuoret" in row
