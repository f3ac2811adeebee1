"""Goal progress, follower totals and the report rows, from values written straight to the
database (the import path has its own tests)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from someluotsi.channels.models import Channel
from someluotsi.metrics.enums import GoalKind, Metric, ValueSource
from someluotsi.metrics.figures import Period, channel_rows, followers_on, goal_progress
from someluotsi.metrics.models import Goal, MetricValue
from someluotsi.metrics.reports import ReportSpec, report_csv, report_pdf
from tests.factories import ChannelFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 2)  # day 183 of the year: half of a yearly target is due


def _value(channel: Channel, day: date, metric: Metric, value: int | str) -> None:
    MetricValue.objects.create(
        channel=channel, day=day, metric=metric, value=Decimal(value), source=ValueSource.MANUAL
    )


def _goal(channel: Channel, kind: GoalKind, target: str) -> Goal:
    return Goal.objects.create(channel=channel, kind=kind, year=2026, target=Decimal(target))


def test_followers_are_the_last_total_plus_the_net_change_since() -> None:
    channel = ChannelFactory.create()
    _value(channel, date(2026, 1, 1), Metric.FOLLOWERS, 1000)
    _value(channel, date(2026, 1, 2), Metric.NEW_FOLLOWERS, 5)
    _value(channel, date(2026, 1, 3), Metric.NEW_FOLLOWERS, -2)
    assert followers_on(channel, date(2025, 12, 31)) is None
    assert followers_on(channel, date(2026, 1, 2)) == 1005
    assert followers_on(channel, date(2026, 3, 1)) == 1003
    _value(channel, date(2026, 2, 1), Metric.FOLLOWERS, 1100)  # a new count resets the sum
    assert followers_on(channel, date(2026, 3, 1)) == 1100


def test_follower_growth_is_judged_against_the_share_of_the_year_gone() -> None:
    channel = ChannelFactory.create()
    _value(channel, date(2026, 1, 1), Metric.FOLLOWERS, 1000)
    _value(channel, date(2026, 6, 1), Metric.NEW_FOLLOWERS, 40)
    goal = _goal(channel, GoalKind.FOLLOWER_GROWTH, "10")
    progress = goal_progress(goal, TODAY)
    assert progress.actual == 4.0
    assert progress.expected_now == pytest.approx(5.0, abs=0.1)
    assert progress.met is False
    assert progress.percent_of_target == 80
    _value(channel, date(2026, 6, 2), Metric.NEW_FOLLOWERS, 20)
    assert goal_progress(goal, TODAY).met is True


def test_a_channel_first_counted_mid_year_is_judged_from_that_count() -> None:
    channel = ChannelFactory.create()
    _value(channel, date(2026, 4, 2), Metric.FOLLOWERS, 2000)  # 92 days before TODAY
    _value(channel, date(2026, 6, 1), Metric.NEW_FOLLOWERS, 60)
    progress = goal_progress(_goal(channel, GoalKind.FOLLOWER_GROWTH, "10"), TODAY)
    assert progress.actual == 3.0
    assert progress.expected_now == pytest.approx(10 * 92 / 365, abs=0.1)
    assert progress.met is True


def test_a_goal_without_data_is_neither_met_nor_missed() -> None:
    channel = ChannelFactory.create()
    progress = goal_progress(_goal(channel, GoalKind.NEGATIVE_SHARE, "15"), TODAY)
    assert progress.actual is None
    assert progress.met is None
    assert progress.percent_of_target is None


def test_posts_per_month_averages_over_the_months_gone() -> None:
    channel = ChannelFactory.create()
    for week in range(26):
        _value(channel, date(2026, 1, 1) + timedelta(weeks=week), Metric.POSTS, 3)
    progress = goal_progress(_goal(channel, GoalKind.POSTS_MONTH, "12"), TODAY)
    assert progress.actual == pytest.approx(78 / (183 / 30.44), abs=0.1)  # about 13 a month
    assert progress.met is True


def test_a_goal_for_a_year_not_begun_has_no_data() -> None:
    channel = ChannelFactory.create()
    goal = Goal.objects.create(
        channel=channel, kind=GoalKind.POSTS_MONTH, year=2027, target=Decimal(10)
    )
    assert goal_progress(goal, TODAY).met is None


def test_the_goals_cell_counts_only_goals_with_data() -> None:
    channel = ChannelFactory.create()
    _value(channel, date(2026, 1, 1), Metric.FOLLOWERS, 1000)
    _value(channel, date(2026, 6, 1), Metric.NEW_FOLLOWERS, 200)
    _goal(channel, GoalKind.FOLLOWER_GROWTH, "10")
    _goal(channel, GoalKind.NEGATIVE_SHARE, "15")
    period = Period(date(2026, 1, 1), TODAY)
    with translation.override("en"):
        [row] = channel_rows(Channel.objects.filter(pk=channel.pk), period)
        assert (row.goals_met, row.goals_judged) == (1, 1)
        assert row.goals_text() == "1/1 (1 without data)"


def test_follower_change_counts_from_the_first_count_in_the_period() -> None:
    channel = ChannelFactory.create()
    _value(channel, date(2026, 3, 1), Metric.FOLLOWERS, 500)
    _value(channel, date(2026, 3, 2), Metric.NEW_FOLLOWERS, 7)
    [row] = channel_rows(Channel.objects.filter(pk=channel.pk), Period(date(2026, 1, 1), TODAY))
    assert (row.followers, row.follower_change) == (Decimal(507), Decimal(7))
    [later] = channel_rows(Channel.objects.filter(pk=channel.pk), Period(date(2026, 3, 2), TODAY))
    assert later.follower_change == 7  # the day before the period had a count: 500


def test_the_csv_report_has_a_row_per_channel_with_the_period_figures() -> None:
    channel = ChannelFactory.create(name="Kirjaston Facebook")
    other = ChannelFactory.create(name="Nuorten Instagram")
    for day in range(1, 31):
        _value(channel, date(2026, 6, day), Metric.REACH, 100)
    _value(channel, date(2026, 7, 1), Metric.REACH, 9999)  # outside June
    spec = ReportSpec(year=2026, month=6, unit=None, language="fi")
    text = report_csv(spec, Channel.objects.filter(pk__in=[channel.pk, other.pk]))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    by_name = {row[0]: row for row in rows}
    header = next(row for row in rows if "Kattavuus" in row)
    reach = header.index("Kattavuus")
    # A plain number a spreadsheet reads as one (never "3 000"); a missing figure is empty.
    assert by_name["Kirjaston Facebook"][reach] == "3000"
    assert by_name["Nuorten Instagram"][reach] == ""
    assert report_pdf(spec, Channel.objects.filter(pk=channel.pk)).startswith(b"%PDF")
