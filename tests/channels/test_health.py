"""Channel health: the pure rules over plain facts, then the facts gathered from the database
and the weekly summary to the mavi team."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from someluotsi.audit.models import AuditEvent
from someluotsi.channels.health import (
    ChannelFacts,
    MaintainerFacts,
    Problem,
    channel_health,
    channel_problems,
)
from someluotsi.channels.models import Channel, MaintainerAbsence
from someluotsi.channels.summary import health_summary_send
from someluotsi.notifications.models import Notification
from tests.channels.conftest import City
from tests.factories import UserFactory, add_maintainer

NOW = datetime(2026, 11, 24, 10, tzinfo=timezone.get_current_timezone())
HERE = MaintainerFacts("Anna", absent=False, covered=False)
AWAY = MaintainerFacts("Ben", absent=True, covered=False)
AWAY_COVERED = MaintainerFacts("Cilla", absent=True, covered=True)


def _facts(**changes: object) -> ChannelFacts:
    values: dict[str, object] = {
        "maintainers": (HERE, MaintainerFacts("Dan", absent=False, covered=False)),
        "created_at": NOW - timedelta(days=300),
        "last_activity": NOW - timedelta(days=1),
        "overdue_messages": 0,
        "has_goals": True,
        "has_target_groups": True,
    }
    values.update(changes)
    return ChannelFacts(**values)  # type: ignore[arg-type]


def _problems(**changes: object) -> list[Problem]:
    found = channel_problems(_facts(**changes), now=NOW, inactive_days=14)
    return [finding.problem for finding in found]


def test_a_staffed_active_planned_channel_is_healthy() -> None:
    assert _problems() == []


@pytest.mark.parametrize(
    ("maintainers", "expected"),
    [
        ((), [Problem.NO_MAINTAINER]),
        ((HERE,), [Problem.NO_BACKUP]),
        ((HERE, AWAY), [Problem.ABSENT_WITHOUT_COVER]),
        ((HERE, AWAY_COVERED), []),
        ((AWAY, AWAY), [Problem.NOBODY_AVAILABLE]),
        ((AWAY,), [Problem.NOBODY_AVAILABLE, Problem.NO_BACKUP]),
        ((AWAY_COVERED, AWAY), [Problem.ABSENT_WITHOUT_COVER]),
    ],
)
def test_staffing_rules(maintainers: tuple[MaintainerFacts, ...], expected: list[Problem]) -> None:
    assert _problems(maintainers=maintainers) == expected


def test_activity_overdue_and_plan_rules() -> None:
    assert _problems(last_activity=NOW - timedelta(days=15)) == [Problem.INACTIVE]
    assert _problems(last_activity=NOW - timedelta(days=13)) == []
    # A new channel with no activity yet is given the same grace from its creation.
    assert _problems(last_activity=None, created_at=NOW - timedelta(days=3)) == []
    assert _problems(last_activity=None) == [Problem.INACTIVE]
    assert _problems(overdue_messages=2) == [Problem.OVERDUE_MESSAGES]
    assert _problems(has_goals=False, has_target_groups=False) == [
        Problem.NO_GOALS,
        Problem.NO_TARGET_GROUPS,
    ]


def test_inactive_finding_says_how_many_days() -> None:
    found = channel_problems(
        _facts(last_activity=NOW - timedelta(days=20)), now=NOW, inactive_days=14
    )
    assert found[0].detail == "20"
    assert found[0].section == "§12.1"


@pytest.mark.django_db
def test_a_cover_who_is_away_too_is_no_cover(city: City) -> None:
    channel = city.library_ig
    channel.goals = "Goals"
    channel.last_post_at = timezone.now()
    channel.save()
    add_maintainer(channel, city.colleague)
    today = timezone.localdate()
    # A cover who may maintain the channel's unit (works for it): eligible.
    cover = UserFactory.create(unit=city.unit)
    MaintainerAbsence.objects.create(
        user=city.requester, starts_on=today, ends_on=today + timedelta(days=3), cover=cover
    )
    report = channel_health(channels=Channel.objects.filter(pk=channel.pk), inactive_days=14)
    assert report[0].findings == []
    MaintainerAbsence.objects.create(user=cover, starts_on=today, ends_on=today)
    report = channel_health(channels=Channel.objects.filter(pk=channel.pk), inactive_days=14)
    assert [f.problem for f in report[0].findings] == [Problem.ABSENT_WITHOUT_COVER]


@pytest.mark.django_db
def test_answers_in_the_inbox_count_as_activity(city: City) -> None:
    from someluotsi.inbox.models import Message

    channel = city.library_ig
    Channel.objects.filter(pk=channel.pk).update(created_at=timezone.now() - timedelta(days=90))
    report = channel_health(channels=Channel.objects.filter(pk=channel.pk), inactive_days=14)
    assert Problem.INACTIVE in [f.problem for f in report[0].findings]
    Message.objects.create(
        channel=channel,
        platform=channel.platform,
        external_id="m1",
        kind="comment",
        text="Kiitos!",
        received_at=timezone.now() - timedelta(days=2),
        answered_at=timezone.now() - timedelta(days=1),
        status="answered",
        priority="normal",
        category="praise",
    )
    report = channel_health(channels=Channel.objects.filter(pk=channel.pk), inactive_days=14)
    assert Problem.INACTIVE not in [f.problem for f in report[0].findings]


@pytest.mark.django_db
def test_open_inbox_messages_past_their_due_time_are_overdue(city: City) -> None:
    # The inbox supplies these facts (inbox/apps.py); the register never imports the inbox.
    from someluotsi.inbox.models import Message

    channel = city.library_ig
    now = timezone.now()
    for external_id, status, due_in in (
        ("open-late", "new", -1),
        ("taken-late", "assigned", -2),
        ("open-in-time", "new", 5),
        ("answered-late", "answered", -3),
    ):
        Message.objects.create(
            channel=channel,
            platform=channel.platform,
            external_id=external_id,
            kind="comment",
            text="Milloin uimahalli aukeaa?",
            received_at=now - timedelta(days=1),
            due_at=now + timedelta(hours=due_in),
            status=status,
            priority="normal",
            category="question",
        )
    report = channel_health(channels=Channel.objects.filter(pk=channel.pk), inactive_days=14)
    overdue = [f for f in report[0].findings if f.problem == Problem.OVERDUE_MESSAGES]
    assert [f.detail for f in overdue] == ["2"]


@pytest.mark.django_db
def test_the_weekly_summary_goes_to_the_mavi_team_once_a_week(city: City) -> None:
    reported = health_summary_send(now=NOW)
    assert reported == 2  # both demo channels lack goals
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {city.comms.pk, city.mavi.pk}
    body = Notification.objects.filter(recipient=city.mavi).get().body
    assert city.library_ig.name in body
    assert health_summary_send(now=NOW + timedelta(days=2)) == 0
    assert Notification.objects.count() == 2
    assert AuditEvent.objects.filter(action="channel_health.summary_sent").count() == 1
    health_summary_send(now=NOW + timedelta(days=7))
    assert Notification.objects.count() == 4
