"""Channel health: is every active channel staffed, covered, alive and planned?

The rules are plain functions over plain facts (`ChannelFacts`), so that they can be tested
and read without a database; `channel_health` gathers the facts for a set of channels. What the
register does not keep itself (answers, overdue messages, a broken platform connection) comes
from the apps above it through `channel_activity_source` and `extra_findings_register`, so that
the register never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from someluotsi.accounts.models import Unit, User
from someluotsi.channels.enums import ChannelStatus
from someluotsi.channels.models import Channel, MaintainerAbsence
from someluotsi.channels.selectors import user_can_maintain_unit

RECOMMENDED_MAINTAINERS = 2


class Problem(models.TextChoices):
    NO_MAINTAINER = "no_maintainer", _("No maintainer")
    NOBODY_AVAILABLE = "nobody_available", _("Every maintainer is away without cover")
    NO_BACKUP = "no_backup", _("No backup maintainer")
    ABSENT_WITHOUT_COVER = "absent_without_cover", _("A maintainer is away without cover")
    OVERDUE_MESSAGES = "overdue_messages", _("Overdue inbox messages")
    INACTIVE = "inactive", _("No posts or answers lately")
    NO_GOALS = "no_goals", _("No goals")
    NO_TARGET_GROUPS = "no_target_groups", _("No target groups")
    CONNECTION_BROKEN = "connection_broken", _("The platform connection has stopped working")


# Where the guideline asks for it.
PROBLEM_SECTIONS: dict[Problem, str] = {
    Problem.NO_MAINTAINER: "§12.2",
    Problem.NOBODY_AVAILABLE: "§12.1",
    Problem.NO_BACKUP: "§12.2",
    Problem.ABSENT_WITHOUT_COVER: "§12.1",
    Problem.OVERDUE_MESSAGES: "§8.4",
    Problem.INACTIVE: "§12.1",
    Problem.NO_GOALS: "§13.1",
    Problem.NO_TARGET_GROUPS: "§13.1",
    # Messages can no longer be read or answered on the platform (§8.4).
    Problem.CONNECTION_BROKEN: "§8.4",
}
CRITICAL = frozenset(
    {
        Problem.NO_MAINTAINER,
        Problem.NOBODY_AVAILABLE,
        Problem.OVERDUE_MESSAGES,
        Problem.CONNECTION_BROKEN,
    }
)


@dataclass(frozen=True)
class MaintainerFacts:
    name: str
    absent: bool
    covered: bool


@dataclass(frozen=True)
class ChannelFacts:
    maintainers: tuple[MaintainerFacts, ...]
    created_at: datetime
    last_activity: datetime | None
    overdue_messages: int
    has_goals: bool
    has_target_groups: bool


@dataclass(frozen=True)
class Finding:
    problem: Problem
    detail: str = ""

    @property
    def critical(self) -> bool:
        return self.problem in CRITICAL

    @property
    def section(self) -> str:
        return PROBLEM_SECTIONS[self.problem]


def channel_problems(facts: ChannelFacts, *, now: datetime, inactive_days: int) -> list[Finding]:
    """The health findings of one active channel, most serious first."""
    found: list[Finding] = []
    people = facts.maintainers
    if not people:
        found.append(Finding(Problem.NO_MAINTAINER))
    elif all(m.absent and not m.covered for m in people):
        found.append(Finding(Problem.NOBODY_AVAILABLE))
    if facts.overdue_messages:
        found.append(Finding(Problem.OVERDUE_MESSAGES, str(facts.overdue_messages)))
    if 0 < len(people) < RECOMMENDED_MAINTAINERS:
        found.append(Finding(Problem.NO_BACKUP))
    uncovered = [m.name for m in people if m.absent and not m.covered]
    if uncovered and len(uncovered) < len(people):
        found.append(Finding(Problem.ABSENT_WITHOUT_COVER, ", ".join(uncovered)))
    since = facts.last_activity or facts.created_at
    if now - since > timedelta(days=inactive_days):
        found.append(Finding(Problem.INACTIVE, str((now - since).days)))
    if not facts.has_goals:
        found.append(Finding(Problem.NO_GOALS))
    if not facts.has_target_groups:
        found.append(Finding(Problem.NO_TARGET_GROUPS))
    return found


# Channel activity kept by the apps above the register, as annotations on the channel queryset:
# `last_answer` (time of the channel's last answer) and `overdue` (open messages past their due
# time, §8.4), both from the inbox. Each app registers a function of `now` in its
# AppConfig.ready(); a channel without a source has no answers and nothing overdue.
ActivityAnnotations = Callable[[datetime], Mapping[str, Any]]
_activity_sources: list[ActivityAnnotations] = []


def channel_activity_source(annotations: ActivityAnnotations) -> None:
    """Register a source of channel activity (see above); registering it again changes nothing."""
    if annotations not in _activity_sources:
        _activity_sources.append(annotations)


# Findings that higher apps add (the connectors: a broken platform connection), registered
# explicitly in their AppConfig.ready(); each maps channel ids to extra findings.
ExtraFindings = Callable[[list[int]], dict[int, list[Finding]]]
EXTRA_FINDINGS: list[ExtraFindings] = []


def extra_findings_register(source: ExtraFindings) -> None:
    if source not in EXTRA_FINDINGS:
        EXTRA_FINDINGS.append(source)


@dataclass(frozen=True)
class ChannelHealth:
    channel: Channel
    findings: list[Finding]

    @property
    def critical(self) -> bool:
        return any(finding.critical for finding in self.findings)


def _absences_on(day: date, user_ids: set[int]) -> dict[int, list[User]]:
    """Users away on `day` → the covers named for them who are active and present that day
    (an empty list: away without one). Whether a cover counts on a given channel is decided
    per channel (_is_covered): only a cover who may maintain the channel's unit."""
    on_day = MaintainerAbsence.objects.filter(starts_on__lte=day, ends_on__gte=day)
    absences = list(on_day.filter(user_id__in=user_ids).select_related("cover"))
    cover_ids = {a.cover_id for a in absences if a.cover_id is not None}
    away = set(on_day.filter(user_id__in=user_ids | cover_ids).values_list("user_id", flat=True))
    covers: dict[int, list[User]] = {}
    for absence in absences:
        cover = absence.cover
        present = covers.setdefault(absence.user_id, [])
        if cover is not None and cover.is_active and cover.pk not in away:
            present.append(cover)
    return covers


class _CoverCheck:
    """Whether an absent maintainer is covered on one channel: some present cover of theirs
    may maintain the channel's unit (selectors.user_can_maintain_unit, §12.1-§12.2): the same
    rule as the absence form (cover_is_eligible) and the cover's access to the inbox
    (channels_covered_by), so that an ineligible cover counts as no cover. Answers are cached
    per (cover, unit): the rule costs a query or two."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], bool] = {}

    def may_cover(self, cover: User, unit: Unit) -> bool:
        key = (cover.pk, unit.pk)
        if key not in self._cache:
            self._cache[key] = user_can_maintain_unit(user=cover, unit=unit)
        return self._cache[key]

    def covered(self, covers: list[User], unit: Unit) -> bool:
        return any(self.may_cover(cover, unit) for cover in covers)


def channel_health(
    *, channels: QuerySet[Channel], inactive_days: int, now: datetime | None = None
) -> list[ChannelHealth]:
    """Findings for each active channel in `channels`, channels with findings first."""
    now = now or timezone.now()
    annotations: dict[str, Any] = {}
    for activity_source in _activity_sources:
        annotations.update(activity_source(now))
    active = (
        channels.filter(status=ChannelStatus.ACTIVE)
        .annotate(**annotations)
        .select_related("unit")
        .prefetch_related("maintainerships__user")
        .order_by("name")
    )
    rows = list(active)
    user_ids = {m.user_id for channel in rows for m in channel.maintainerships.all()}
    covers = _absences_on(timezone.localdate(now), user_ids)
    check = _CoverCheck()
    extra: dict[int, list[Finding]] = {}
    for source in EXTRA_FINDINGS:
        for channel_id, found in source([channel.pk for channel in rows]).items():
            extra.setdefault(channel_id, []).extend(found)
    report = []
    for channel in rows:
        people = tuple(
            MaintainerFacts(
                name=m.user.get_full_name() or m.user.username,
                absent=m.user_id in covers,
                covered=check.covered(covers.get(m.user_id, []), channel.unit),
            )
            for m in channel.maintainerships.all()
            if m.user.is_active
        )
        last_answer = getattr(channel, "last_answer", None)
        activity = [t for t in (channel.last_post_at, last_answer) if t is not None]
        facts = ChannelFacts(
            maintainers=people,
            created_at=channel.created_at,
            last_activity=max(activity) if activity else None,
            overdue_messages=getattr(channel, "overdue", 0),
            has_goals=bool(channel.goals.strip()),
            has_target_groups=bool(channel.target_groups),
        )
        findings = channel_problems(facts, now=now, inactive_days=inactive_days)
        findings = sorted(extra.get(channel.pk, []), key=lambda f: not f.critical) + findings
        report.append(ChannelHealth(channel, findings))
    report.sort(key=lambda row: (not row.critical, not row.findings, row.channel.name))
    return report


def problem_counts(report: list[ChannelHealth]) -> list[tuple[Problem, int]]:
    """How many channels have each problem, in the order of `Problem`."""
    return [
        (problem, sum(1 for row in report if any(f.problem == problem for f in row.findings)))
        for problem in Problem
    ]
