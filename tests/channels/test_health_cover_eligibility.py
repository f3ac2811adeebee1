"""Channel health counts a cover only when the cover may maintain the channel's unit (§12.1).

The rule is the one the absence form and service check (selectors.cover_is_eligible) and the
inbox uses to grant a cover access (selectors.channels_covered_by): user_can_maintain_unit. A
cover named before that rule, or whose unit or roles changed since, is no cover: the health
page, the register's table, the weekly summary and the API all count the channel as having a
maintainer away without cover. Each case names who covers the absent maintainer of the
library's channel (unit "kirjasto", under the division "sivistys")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.channels.health import Problem, channel_health
from someluotsi.channels.models import Channel, MaintainerAbsence
from someluotsi.channels.selectors import channels_covered_by, cover_is_eligible
from tests.channels.conftest import City
from tests.factories import UnitFactory, UserFactory, add_maintainer


def _in_unit(city: City) -> User:
    return UserFactory.create(unit=city.unit)


def _sub_unit_worker(city: City) -> User:
    # A sub-unit's people work for its parent: someone in a sub-unit of the library.
    return UserFactory.create(unit=UnitFactory.create(code="kirjastoauto", parent=city.unit))


def _unit_manager(city: City) -> User:
    return city.unit_manager


def _division_manager(city: City) -> User:
    return city.division_manager


def _mavi(city: City) -> User:
    return city.mavi


def _other_unit(city: City) -> User:
    return UserFactory.create(unit=city.other_unit)


def _other_manager(city: City) -> User:
    return city.other_manager


def _division_employee(city: City) -> User:
    # Works for the division itself, not the library under it, and manages nothing.
    return UserFactory.create(unit=city.division)


def _auditor_in_unit(city: City) -> User:
    auditor = UserFactory.create(unit=city.unit)
    RoleAssignment.objects.create(user=auditor, role=Role.AUDITOR)
    return auditor


def _inactive_in_unit(city: City) -> User:
    return UserFactory.create(unit=city.unit, is_active=False)


CASES: list[tuple[str, Callable[[City], User], bool]] = [
    ("colleague in the channel's unit", _in_unit, True),
    ("someone in a sub-unit of the channel's unit", _sub_unit_worker, True),
    ("the unit's manager", _unit_manager, True),
    ("the division's manager (manages the parent)", _division_manager, True),
    ("the mavi team", _mavi, True),
    ("an employee of another unit", _other_unit, False),
    ("another unit's manager", _other_manager, False),
    ("an employee of the parent division only", _division_employee, False),
    ("an auditor in the unit", _auditor_in_unit, False),
    ("a deactivated colleague", _inactive_in_unit, False),
]


def _library_channel(city: City) -> Channel:
    channel = city.library_ig
    channel.goals = "Lukuvinkit"
    channel.last_post_at = timezone.now()
    channel.save()
    add_maintainer(channel, city.colleague)
    return channel


def _findings(channel: Channel) -> list[Problem]:
    report = channel_health(channels=Channel.objects.filter(pk=channel.pk), inactive_days=14)
    return [finding.problem for finding in report[0].findings]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "make_cover", "eligible"), CASES, ids=[c[0] for c in CASES])
def test_health_counts_only_an_eligible_cover(
    city: City, who: str, make_cover: Callable[[City], User], eligible: bool
) -> None:
    channel = _library_channel(city)
    cover = make_cover(city)
    today = timezone.localdate()
    # Recorded directly, as an absence named before the rule (or before a move) would be.
    MaintainerAbsence.objects.create(
        user=city.requester, starts_on=today, ends_on=today + timedelta(days=2), cover=cover
    )
    found = _findings(channel)
    # The health rule agrees with the form's rule and with the inbox's access.
    assert cover_is_eligible(cover=cover, person=city.requester) is eligible
    assert channels_covered_by(user=cover).filter(pk=channel.pk).exists() is eligible
    if eligible:
        assert found == [], who
    else:
        assert found == [Problem.ABSENT_WITHOUT_COVER], who


@pytest.mark.django_db
def test_an_ineligible_cover_of_the_only_maintainer_leaves_nobody_available(city: City) -> None:
    channel = city.library_ig
    channel.goals = "Lukuvinkit"
    channel.last_post_at = timezone.now()
    channel.save()
    today = timezone.localdate()
    MaintainerAbsence.objects.create(
        user=city.requester, starts_on=today, ends_on=today, cover=_other_unit(city)
    )
    assert Problem.NOBODY_AVAILABLE in _findings(channel)


@pytest.mark.django_db
def test_a_cover_counts_per_channel(city: City) -> None:
    """One absence, two channels of different units: the colleague covers the library's
    channel, not the city's main channel (the mavi unit's), which stays without cover."""
    library = _library_channel(city)
    main = city.city_tiktok
    main.goals = "Kaupungin kanava"
    main.last_post_at = timezone.now()
    main.save()
    add_maintainer(main, city.requester)
    add_maintainer(main, city.mavi)
    today = timezone.localdate()
    MaintainerAbsence.objects.create(
        user=city.requester, starts_on=today, ends_on=today, cover=_in_unit(city)
    )
    assert _findings(library) == []
    assert _findings(main) == [Problem.ABSENT_WITHOUT_COVER]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("fi", None),
        ("sv", None),
        ("en", "A maintainer is away without cover"),
    ],
)
def test_the_health_page_shows_an_ineligible_cover_as_no_cover(
    city: City, client: Client, language: str, label: str | None
) -> None:
    channel = _library_channel(city)
    today = timezone.localdate()
    MaintainerAbsence.objects.create(
        user=city.requester, starts_on=today, ends_on=today, cover=_other_unit(city)
    )
    with translation.override(language):
        expected = str(Problem.ABSENT_WITHOUT_COVER.label)
    if label is not None:
        assert expected == label
    else:
        assert expected != "A maintainer is away without cover"
    city.mavi.preferred_language = language
    city.mavi.save(update_fields=["preferred_language"])
    client.force_login(city.mavi)
    response = client.get(reverse("channels:health"))
    assert response.status_code == 200
    body = response.content.decode()
    row = body[body.index(channel.name) :]
    assert expected in row
