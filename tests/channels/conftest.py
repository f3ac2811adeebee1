"""A small city for register tests: a division with two units, the unit's own and the
division's manager, another unit's manager, the communications manager, a mavi team member, two
updaters of the unit, an auditor, and two shared channels that already exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, Unit, User
from someluotsi.channels.enums import ChannelKind, Platform, TargetGroup
from someluotsi.channels.models import Channel, ChannelRequest
from someluotsi.channels.requests import RequestDraft, request_submit
from tests.factories import ChannelFactory, UnitFactory, UserFactory, add_maintainer


@dataclass
class City:
    division: Unit
    unit: Unit
    other_unit: Unit
    requester: User
    colleague: User
    unit_manager: User
    division_manager: User
    other_manager: User
    comms: User
    mavi: User
    auditor: User
    city_tiktok: Channel
    library_ig: Channel
    plan: dict[str, Any] = field(default_factory=dict)

    def draft(self, **changes: Any) -> RequestDraft:
        values: dict[str, Any] = {
            "unit": self.unit,
            "platform": Platform.TIKTOK,
            "name": "Kirjasto TikTok",
            "maintainers": [self.requester, self.colleague],
            "why_not_existing": "The city's TikTok cannot carry weekly reading tips.",
            "plan": dict(self.plan),
        }
        values.update(changes)
        return RequestDraft(**values)

    def submit(self, **changes: Any) -> ChannelRequest:
        return request_submit(actor=self.requester, draft=self.draft(**changes))


def _scoped(role: Role, scope: Unit | None, **kwargs: Any) -> User:
    user = UserFactory.create(**kwargs)
    RoleAssignment.objects.create(user=user, role=role, unit=scope)
    return user


@pytest.fixture
def city(db: None) -> City:
    division = UnitFactory.create(code="sivistys")
    unit = UnitFactory.create(code="kirjasto", parent=division)
    other_unit = UnitFactory.create(code="tekninen")
    requester = _scoped(Role.UPDATER, None, unit=unit, preferred_language="sv")
    colleague = _scoped(Role.UPDATER, None, unit=unit)
    comms = _scoped(Role.COMMS_MANAGER, None)
    RoleAssignment.objects.create(user=comms, role=Role.MAVI)
    city_tiktok = ChannelFactory.create(
        platform=Platform.TIKTOK,
        name="Kokkola Karleby",
        kind=ChannelKind.CITY,
        unit=UnitFactory.create(code="mavi"),
        target_groups=[TargetGroup.YOUTH],
    )
    library_ig = ChannelFactory.create(
        platform=Platform.INSTAGRAM,
        name="Kirjasto IG",
        unit=unit,
        target_groups=[TargetGroup.CULTURE, TargetGroup.FAMILIES],
    )
    add_maintainer(library_ig, requester)
    return City(
        division=division,
        unit=unit,
        other_unit=other_unit,
        requester=requester,
        colleague=colleague,
        unit_manager=_scoped(Role.UNIT_MANAGER, unit, unit=unit),
        division_manager=_scoped(Role.UNIT_MANAGER, division, unit=division),
        other_manager=_scoped(Role.UNIT_MANAGER, other_unit, unit=other_unit),
        comms=comms,
        mavi=_scoped(Role.MAVI, None),
        auditor=_scoped(Role.AUDITOR, None),
        city_tiktok=city_tiktok,
        library_ig=library_ig,
        plan={
            "goals": "Reading tips for young people, 500 followers in a year.",
            "target_groups": [TargetGroup.YOUTH, TargetGroup.CULTURE],
            "languages": ["fi", "sv"],
            "hours_per_week": "3",
            "videos_per_month": 8,
            "translations": "in_house",
        },
    )
