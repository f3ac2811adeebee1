"""Figures for the dashboards and reports: metric totals, follower counts, the quality of
reactions, response times, post-checker figures and goal progress (§16)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext

from someluotsi.channels.models import Channel
from someluotsi.compliance.models import CheckRun
from someluotsi.inbox.figures import ChannelFigures, day_bounds, response_figures
from someluotsi.inbox.models import Message
from someluotsi.metrics.enums import LOWER_IS_BETTER, GoalKind, Metric
from someluotsi.metrics.models import Goal, MetricValue

INTERACTION_PARTS = (Metric.REACTIONS, Metric.COMMENTS, Metric.SHARES)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """The period's window, the one the inbox's figures page counts in too."""
        return day_bounds(self.start, self.end)


def last_days(days: int, today: date | None = None) -> Period:
    end = today or timezone.localdate()
    return Period(end - timedelta(days=days - 1), end)


def metric_totals(channels: Iterable[Channel], period: Period) -> dict[int, dict[str, Decimal]]:
    """Sums per channel and metric over the period (follower totals are not summed)."""
    rows = (
        MetricValue.objects.filter(channel__in=channels, day__range=(period.start, period.end))
        .exclude(metric=Metric.FOLLOWERS)
        .values("channel_id", "metric")
        .annotate(total=Sum("value"))
    )
    totals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        totals[row["channel_id"]][row["metric"]] = row["total"]
    for metrics in totals.values():
        if Metric.INTERACTIONS not in metrics and any(m in metrics for m in INTERACTION_PARTS):
            metrics[Metric.INTERACTIONS] = sum(
                (metrics.get(m, Decimal(0)) for m in INTERACTION_PARTS), Decimal(0)
            )
    return totals


def followers_on(channel: Channel, day: date) -> Decimal | None:
    """The latest recorded total on or before `day`, plus the net new followers since."""
    anchor = (
        MetricValue.objects.filter(channel=channel, metric=Metric.FOLLOWERS, day__lte=day)
        .order_by("-day")
        .first()
    )
    if anchor is None:
        return None
    change = MetricValue.objects.filter(
        channel=channel, metric=Metric.NEW_FOLLOWERS, day__gt=anchor.day, day__lte=day
    ).aggregate(total=Sum("value"))["total"]
    return anchor.value + (change or Decimal(0))


def tone_counts(channels: Iterable[Channel], period: Period) -> dict[int, Counter[str]]:
    start, end = period.bounds()
    rows = (
        Message.objects.filter(channel__in=channels, received_at__gte=start, received_at__lt=end)
        .exclude(tone="")
        .values("channel_id", "tone")
        .annotate(n=Count("id"))
    )
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts[row["channel_id"]][row["tone"]] = row["n"]
    return counts


def negative_share(counts: Counter[str]) -> float | None:
    total = sum(counts.values())
    return round(100 * counts.get("negative", 0) / total, 1) if total else None


@dataclass(frozen=True)
class CheckerFigures:
    checked: int
    blocked: int
    warned: int
    by_category: list[tuple[str, int]]


def checker_figures(channels: QuerySet[Channel] | None, period: Period) -> CheckerFigures:
    """Drafts checked in the period: all of them when `channels` is None (the city)."""
    start, end = period.bounds()
    runs = CheckRun.objects.filter(created_at__gte=start, created_at__lt=end)
    if channels is not None:
        runs = runs.filter(channel__in=channels)
    verdicts = Counter(dict(runs.values_list("verdict").annotate(n=Count("id"))))
    categories: Counter[str] = Counter()
    for row in runs.exclude(verdict="ok").values_list("categories", flat=True).iterator():
        categories.update(row or [])
    return CheckerFigures(
        checked=sum(verdicts.values()),
        blocked=verdicts.get("block", 0),
        warned=verdicts.get("warn", 0),
        by_category=categories.most_common(),
    )


def responses(channels: QuerySet[Channel], period: Period) -> dict[int, ChannelFigures]:
    """The response figures (inbox.figures: one definition everywhere) of the messages received
    in the period; open ones are judged against the time now."""
    start, end = period.bounds()
    figures = response_figures(channels=channels, since=start, until=end)
    return {f.channel.pk: f for f in figures}


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    actual: float | None
    expected_now: float  # the target pro rata for cumulative goals, else the target
    met: bool | None  # None: no data yet

    @property
    def percent_of_target(self) -> int | None:
        if self.actual is None or not self.expected_now:
            return None
        if self.goal.kind in LOWER_IS_BETTER:
            return min(100, round(100 * self.expected_now / self.actual)) if self.actual else 100
        return max(0, min(100, round(100 * self.actual / self.expected_now)))


def _first_follower_count(channel: Channel, period: Period) -> tuple[date, Decimal | None]:
    """The total at the start of the period or, for a channel first counted later in the
    year, its first count: growth is then judged from that day, pro rata."""
    first = followers_on(channel, period.start)
    if first is not None:
        return period.start, first
    earliest = (
        MetricValue.objects.filter(
            channel=channel, metric=Metric.FOLLOWERS, day__range=(period.start, period.end)
        )
        .order_by("day")
        .first()
    )
    if earliest is None:
        return period.start, None
    return earliest.day, earliest.value


@dataclass(frozen=True)
class YearFigures:
    """The year-to-date figures goals are judged by, read once for many channels."""

    period: Period
    responses: dict[int, ChannelFigures]
    tones: dict[int, Counter[str]]
    totals: dict[int, dict[str, Decimal]]


def _goal_period(year: int, today: date) -> Period:
    return Period(date(year, 1, 1), min(today, date(year, 12, 31)))


def year_figures(channels: QuerySet[Channel], year: int, today: date) -> YearFigures:
    period = _goal_period(year, today)
    return YearFigures(
        period=period,
        responses=responses(channels, period),
        tones=tone_counts(channels, period),
        totals=metric_totals(channels, period),
    )


def goal_progress(
    goal: Goal, today: date | None = None, figures: YearFigures | None = None
) -> GoalProgress:
    """Progress towards one goal; `figures` (the goal's year, its channel included) saves the
    queries when many goals are judged at once."""
    today = today or timezone.localdate()
    period = _goal_period(goal.year, today)
    target = float(goal.target)
    if period.end < period.start:
        return GoalProgress(goal, None, target, None)
    if figures is None or figures.period != period:
        figures = year_figures(Channel.objects.filter(pk=goal.channel_id), goal.year, today)
    months = max(1.0, period.days / 30.44)
    actual: float | None = None
    expected = target
    if goal.kind == GoalKind.FOLLOWER_GROWTH:
        since, first = _first_follower_count(goal.channel, period)
        last = followers_on(goal.channel, period.end)
        if first and last is not None:
            actual = round(100 * float(last - first) / float(first), 1)
        expected = round(target * Period(since, period.end).days / 365, 1)
    elif goal.kind in {GoalKind.MEDIAN_RESPONSE, GoalKind.ON_TIME}:
        response = figures.responses.get(goal.channel_id)
        if response:
            actual = (
                response.median_hours
                if goal.kind == GoalKind.MEDIAN_RESPONSE
                else response.on_time_percent
            )
    elif goal.kind == GoalKind.NEGATIVE_SHARE:
        actual = negative_share(figures.tones.get(goal.channel_id, Counter()))
    else:
        metric = Metric.REACH if goal.kind == GoalKind.REACH_MONTH else Metric.POSTS
        total = figures.totals.get(goal.channel_id, {}).get(metric)
        if total is not None:
            actual = round(float(total) / months, 1)
    if actual is None:
        return GoalProgress(goal, None, expected, None)
    met = actual <= expected if goal.kind in LOWER_IS_BETTER else actual >= expected
    return GoalProgress(goal, actual, expected, met)


@dataclass
class ChannelRow:
    """One channel's figures for a period: the dashboard's and the report's row."""

    channel: Channel
    followers: Decimal | None = None
    follower_change: Decimal | None = None
    totals: dict[str, Decimal] = field(default_factory=dict)
    tones: Counter[str] = field(default_factory=Counter)
    response: ChannelFigures | None = None
    goals: list[GoalProgress] = field(default_factory=list)

    @property
    def negative_share(self) -> float | None:
        return negative_share(self.tones)

    @property
    def goals_met(self) -> int:
        return sum(1 for g in self.goals if g.met)

    @property
    def goals_judged(self) -> int:
        """Goals with data to judge by: one without data is neither met nor missed."""
        return sum(1 for g in self.goals if g.met is not None)

    @property
    def goals_without_data(self) -> int:
        return len(self.goals) - self.goals_judged

    def goals_text(self) -> str:
        """'met/judged', and how many goals have no data yet: the dashboard's and the report's
        cell."""
        if not self.goals:
            return "–"
        text = f"{self.goals_met}/{self.goals_judged}" if self.goals_judged else "–"
        if self.goals_without_data:
            text += " " + gettext("(%(count)s without data)") % {"count": self.goals_without_data}
        return text

    def total(self, metric: str) -> Decimal | None:
        return self.totals.get(metric)


def channel_rows(channels: QuerySet[Channel], period: Period) -> list[ChannelRow]:
    totals = metric_totals(channels, period)
    tones = tone_counts(channels, period)
    response = responses(channels, period)
    goals: dict[int, list[Goal]] = defaultdict(list)
    for goal in Goal.objects.filter(channel__in=channels, year=period.end.year).select_related(
        "channel"
    ):
        goals[goal.channel_id].append(goal)
    judged = year_figures(channels, period.end.year, period.end) if goals else None
    rows = []
    for channel in channels.order_by("name"):
        end = followers_on(channel, period.end)
        start = followers_on(channel, period.start - timedelta(days=1))
        if start is None:  # first counted within the period: the change since that count
            start = _first_follower_count(channel, period)[1]
        rows.append(
            ChannelRow(
                channel=channel,
                followers=end,
                follower_change=(end - start) if end is not None and start is not None else None,
                totals=totals.get(channel.pk, {}),
                tones=tones.get(channel.pk, Counter()),
                response=response.get(channel.pk),
                goals=[goal_progress(g, period.end, judged) for g in goals.get(channel.pk, [])],
            )
        )
    return rows


def daily_series(channel: Channel, metric: str, period: Period) -> list[tuple[date, Decimal]]:
    values = dict(
        MetricValue.objects.filter(
            channel=channel, metric=metric, day__range=(period.start, period.end)
        ).values_list("day", "value")
    )
    return [
        (day, values[day])
        for day in (period.start + timedelta(days=i) for i in range(period.days))
        if day in values
    ]


def daily_messages(channels: QuerySet[Channel], period: Period) -> list[tuple[date, int, int]]:
    """(day, messages, negative) for every day of the period."""
    start, end = period.bounds()
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    rows = Message.objects.filter(
        channel__in=channels, received_at__gte=start, received_at__lt=end
    ).values_list("received_at", "tone")
    for received, message_tone in rows.iterator():
        day = timezone.localtime(received).date()
        counts[day][0] += 1
        counts[day][1] += message_tone == "negative"
    days = (period.start + timedelta(days=i) for i in range(period.days))
    return [(day, counts[day][0], counts[day][1]) for day in days]
