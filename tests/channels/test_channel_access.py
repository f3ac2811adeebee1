from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_get_for_user, channel_list_for_user
from tests.factories import ChannelFactory, UnitFactory, add_maintainer


@dataclass
class World:
    library_fb: Channel
    youth_ig: Channel
    updater: User
    manager: User


@pytest.fixture
def world(make_user: Callable[..., User]) -> World:
    library, youth = UnitFactory.create(code="kirjasto"), UnitFactory.create(code="nuoriso")
    library_fb = ChannelFactory.create(name="Kirjasto FB", unit=library)
    youth_ig = ChannelFactory.create(name="Nuoriso IG", unit=youth)
    updater = make_user(Role.UPDATER)
    add_maintainer(library_fb, updater)
    manager = make_user()
    RoleAssignment.objects.create(user=manager, role=Role.UNIT_MANAGER, unit=youth)
    return World(library_fb, youth_ig, updater, manager)


@pytest.mark.django_db
def test_updater_sees_only_maintained_channels(world: World) -> None:
    assert list(channel_list_for_user(user=world.updater)) == [world.library_fb]


@pytest.mark.django_db
def test_unit_manager_sees_own_unit_channels(world: World) -> None:
    assert list(channel_list_for_user(user=world.manager)) == [world.youth_ig]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MAVI, Role.AUDITOR])
def test_mavi_and_auditor_see_all_channels(
    world: World, make_user: Callable[..., User], role: Role
) -> None:
    assert channel_list_for_user(user=make_user(role)).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.ELECTED, Role.SAFETY_MANAGER])
def test_roles_without_the_channel_area_see_none(
    world: World, make_user: Callable[..., User], role: Role
) -> None:
    assert channel_list_for_user(user=make_user(role)).count() == 0


@pytest.mark.django_db
def test_api_hides_other_units_channels_as_not_found(world: World) -> None:
    client = APIClient()
    client.force_authenticate(world.updater)
    assert client.get(f"/api/v1/channels/{world.youth_ig.pk}").status_code == 404
    listing = client.get("/api/v1/channels").json()
    assert [c["name"] for c in listing["results"]] == ["Kirjasto FB"]
    assert channel_get_for_user(user=world.updater, channel_id=world.youth_ig.pk) is None


@pytest.mark.django_db
def test_auditor_cannot_write_through_the_channel_api(
    world: World, make_user: Callable[..., User]
) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.AUDITOR))
    assert client.post("/api/v1/channels", {"name": "x"}, format="json").status_code == 403
