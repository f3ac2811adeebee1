"""A maintainer's cover must be someone who may maintain the absent person's channels, the
same people a channel's maintainer may be chosen from (§12.1-§12.2): the unit's people, its
managers, the mavi team. An elected official, another unit's employee or the safety manager of
another unit is refused by the absence form and the service, and a cover recorded before the
rule (or whose unit changed) gets no inbox access through it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.channels.models import MaintainerAbsence
from someluotsi.channels.selectors import channel_list_for_user, user_has_channel_work
from someluotsi.channels.services import absence_record
from someluotsi.core.errors import ApplicationError
from someluotsi.inbox.selectors import (
    channel_workers,
    channels_in_queue,
    channels_worked_by,
    message_can_read,
    message_can_work,
)
from tests.factories import UnitFactory, UserFactory, add_maintainer
from tests.inbox.conftest import TUESDAY_10, World


@pytest.fixture(autouse=True)
def _on_tuesday() -> Iterator[None]:
    with time_machine.travel(TUESDAY_10, tick=False):
        yield


def _person(unit: Unit, *roles: Role) -> User:
    user = UserFactory.create(unit=unit)
    for role in roles:
        RoleAssignment.objects.create(user=user, role=role)
    return user


@pytest.fixture
def strangers(world: World) -> dict[str, User]:
    """People who may not maintain the library's channels: an elected official and the safety
    manager of group services, an employee of a sibling unit."""
    group = UnitFactory.create(code="konserni")
    sports = Unit.objects.get(code="liikunta")
    return {
        "elected": _person(group, Role.ELECTED),
        "safety": _person(group, Role.SAFETY_MANAGER),
        "employee": _person(sports, Role.EMPLOYEE),
    }


def _record(world: World, cover: User) -> MaintainerAbsence:
    return absence_record(
        actor=world.updater,
        user=world.updater,
        starts_on=TUESDAY_10.date(),
        ends_on=TUESDAY_10.date() + timedelta(days=2),
        cover=cover,
    )


@pytest.mark.parametrize("who", ["elected", "safety", "employee"])
def test_the_service_refuses_a_cover_who_may_not_maintain_the_channels(
    world: World, strangers: dict[str, User], who: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        _record(world, strangers[who])
    assert caught.value.code == "bad_cover"
    assert not MaintainerAbsence.objects.exists()


@pytest.mark.parametrize("who", ["backup", "mavi", "manager"])
def test_the_units_people_its_manager_and_the_mavi_team_may_cover(world: World, who: str) -> None:
    absence = _record(world, getattr(world, who))
    assert absence.cover == getattr(world, who)


def test_a_manager_of_the_unit_from_another_unit_may_cover(world: World) -> None:
    manager = _person(UnitFactory.create(code="konserni"))
    RoleAssignment.objects.create(user=manager, role=Role.UNIT_MANAGER, unit=world.unit)
    assert _record(world, manager).cover == manager


@pytest.mark.parametrize("who", ["elected", "safety", "employee"])
def test_the_absence_form_neither_offers_nor_accepts_them(
    world: World, strangers: dict[str, User], who: str
) -> None:
    client = Client()
    client.force_login(world.updater)
    cover = strangers[who]
    page = client.get("/channels/absences/").content.decode()
    assert f'value="{cover.pk}"' not in page
    day = TUESDAY_10.date()
    client.post(
        "/channels/absences/",
        {"user": world.updater.pk, "starts_on": day, "ends_on": day, "cover": cover.pk},
    )
    assert not MaintainerAbsence.objects.exists()


@pytest.mark.parametrize("who", ["elected", "safety", "employee"])
def test_an_existing_bad_cover_gets_no_inbox_access(
    world: World, strangers: dict[str, User], who: str
) -> None:
    """An absence stored before the rule: the cover reads and works nothing through it."""
    cover = strangers[who]
    day = TUESDAY_10.date()
    MaintainerAbsence.objects.create(user=world.updater, starts_on=day, ends_on=day, cover=cover)
    MaintainerAbsence.objects.create(user=world.backup, starts_on=day, ends_on=day)
    message = world.ingest("Milloin kirjasto aukeaa? Terveisin Matti Meikäläinen")
    assert message.assignee != cover
    assert not message_can_read(user=cover, message=message)
    assert not message_can_work(user=cover, message=message)
    assert not channels_worked_by(user=cover).exists()
    assert not channels_in_queue(user=cover).exists()
    assert not channel_workers(channel=world.channel).filter(pk=cover.pk).exists()
    assert not channel_list_for_user(user=cover).exists()
    assert not user_has_channel_work(cover)
    client = Client()
    client.force_login(cover)
    assert client.get(f"/inbox/{message.pk}/").status_code in (403, 404)
    assert "Meikäläinen" not in client.get("/inbox/").content.decode()


def test_a_cover_works_only_the_channels_of_units_they_may_maintain(world: World) -> None:
    """The absent updater also maintains a sibling unit's channel: a library colleague covers
    the library's channel, not the sports one."""
    add_maintainer(world.other_channel, world.updater)
    _record(world, world.backup)
    assert set(channels_worked_by(user=world.backup)) == {world.channel}
    assert not channel_workers(channel=world.other_channel).filter(pk=world.backup.pk).exists()


def test_a_colleague_of_a_sub_unit_may_cover(world: World) -> None:
    branch = UnitFactory.create(code="sivukirjasto", parent=world.unit)
    colleague = _person(branch, Role.UPDATER)
    _record(world, colleague)
    assert set(channels_worked_by(user=colleague)) == {world.channel}
