"""Monthly and yearly reports per unit or for the city, in Finnish, Swedish or English (§16.2:
metrics show what worked and what to improve).

The PDF is a designed document (`templates/documents/report.html`, rendered by WeasyPrint): a
cover with the period and scope, a summary of the goals met and missed, the channels' table and
the dashboard's charts, a page per channel with its charts and goals, the storms and incidents
of the period, and the post checker's figures. Every figure comes from the dashboard's code
path (`figures.channel_rows`, `presentation.channel_table` and `presentation.figure_charts`),
so a report and the dashboard over the same days show the same numbers. The CSV has the same
columns as the dashboard's table. Neither holds a message text or an author.

`report_render` is the one way a report becomes a file: the report jobs people start from the
metrics page (`report_jobs.py`, rendered by a task) and the scheduled reports (`schedules.py`)
both call it. It reports its steps to an optional `Progress` callback (collecting the figures,
each channel's page, laying out the pages, writing the file) so a page can show how far a long
report has come.
"""

from __future__ import annotations

import calendar
import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from someluotsi.accounts.models import Unit
from someluotsi.channels.models import Channel
from someluotsi.core.charts import column_chart, day_label, shown
from someluotsi.core.documents import render_html, render_pdf
from someluotsi.core.spreadsheet import csv_cell
from someluotsi.core.times import moment_text
from someluotsi.incidents.enums import AlertStatus, IncidentStatus
from someluotsi.incidents.models import Incident, StormAlert
from someluotsi.metrics.enums import LOWER_IS_BETTER, GoalKind, Metric
from someluotsi.metrics.figures import (
    ChannelRow,
    Period,
    channel_rows,
    checker_figures,
    daily_messages,
    daily_series,
    negative_share,
)
from someluotsi.metrics.presentation import (
    ChartWithTable,
    channel_labels,
    channel_table,
    figure_charts,
)

LANGUAGES = ("fi", "sv", "en")
FORMATS = ("pdf", "csv")
SERIES = (Metric.NEW_FOLLOWERS, Metric.REACH, Metric.VIEWS, Metric.INTERACTIONS)
TEMPLATE = "documents/report.html"
CONTENT_TYPES = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}

# The steps of making a report, in order (their words are the job page's, report_jobs.py).
STAGE_FIGURES = "figures"  # the channels' figures, the summary, storms and checker figures
STAGE_CHANNELS = "channels"  # one page per channel: its charts and goals
STAGE_LAYOUT = "layout"  # WeasyPrint lays out the pages
STAGE_WRITING = "writing"  # the PDF (or CSV) is written
STAGES = (STAGE_FIGURES, STAGE_CHANNELS, STAGE_LAYOUT, STAGE_WRITING)


class Progress(Protocol):
    """Told at the start of each step: the stage (one of STAGES), the step number (1-based) and
    the number of steps in all, and within the channels' stage which channel of how many."""

    def __call__(
        self, stage: str, step: int, steps: int, *, item: int = 0, items: int = 0
    ) -> None: ...


def _no_progress(stage: str, step: int, steps: int, *, item: int = 0, items: int = 0) -> None:
    return None


@dataclass(frozen=True)
class ReportSpec:
    year: int
    month: int | None  # None: the whole year
    unit: Unit | None  # None: the city
    language: str  # fi, sv or en
    # The reader sees only some of the city's channels (a unit manager, an updater): a city
    # report then says on its cover and title line that it covers those, "3 of 11".
    limited: bool = False

    @property
    def period(self) -> Period:
        """The month or year; one still running ends today (the report says so by its dates)."""
        if self.month is None:
            start, end = date(self.year, 1, 1), date(self.year, 12, 31)
        else:
            last = calendar.monthrange(self.year, self.month)[1]
            start, end = date(self.year, self.month, 1), date(self.year, self.month, last)
        today = timezone.localdate()
        return Period(start, min(end, today) if start <= today else end)

    def file_stem(self) -> str:
        when = f"{self.year}-{self.month:02d}" if self.month else str(self.year)
        scope = f"unit{self.unit.pk}" if self.unit else "city"
        return f"someluotsi-report-{scope}-{when}-{self.language}"


def report_channels(spec: ReportSpec, visible: QuerySet[Channel]) -> QuerySet[Channel]:
    if spec.unit is None:
        return visible
    return visible.filter(unit__in=[spec.unit.pk, *spec.unit.children.values_list("pk", flat=True)])


def _month_name(month: int) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[month])


def _scope(spec: ReportSpec, channels: QuerySet[Channel]) -> str:
    """What the report covers, truthfully: a unit, the city, or (for a reader who does not see
    every channel) the city's channels that reader may see, "3 of 11"."""
    if spec.unit is not None:
        return spec.unit.localized_name()
    if spec.limited:
        return _("City of Kokkola: the channels you may see, %(seen)s of %(all)s") % {
            "seen": channels.count(),
            "all": Channel.objects.count(),
        }
    return _("City of Kokkola")


def _title(spec: ReportSpec) -> str:
    if spec.month:
        return _("Social media report %(month)s %(year)s") % {
            "month": _month_name(spec.month),
            "year": spec.year,
        }
    return _("Social media report %(year)s") % {"year": spec.year}


def report_csv(spec: ReportSpec, channels: QuerySet[Channel]) -> str:
    """The dashboard's table for the period: a title line, the headings, a row per channel."""
    with translation.override(spec.language):
        table = channel_table(channel_rows(channels, spec.period))
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([csv_cell(f"{_title(spec)}: {_scope(spec, channels)}")])
        writer.writerow([_("Channel"), _("Platform"), *(c.header for c in table.columns)])
        for line in table.rows:
            channel = line.row.channel
            # Figures as plain numbers ("4165", not "4 165": a spreadsheet reads that as text).
            writer.writerow(
                [csv_cell(channel.name), csv_cell(channel.get_platform_display()), *line.plain]
            )
        return "\ufeff" + out.getvalue()


def _totals(rows: list[ChannelRow]) -> dict[str, str]:
    """Followers, reach and messages summed over the channels; negative share over them all."""
    counted = [r.followers for r in rows if r.followers is not None]
    followers = sum(counted, Decimal(0)) if counted else None
    reach = sum((r.total(Metric.REACH) or Decimal(0) for r in rows), Decimal(0))
    messages = sum(r.response.received for r in rows if r.response)
    tones = sum((r.tones for r in rows), Counter[str]())
    return {
        "followers": shown(followers, 0),
        "reach": shown(reach, 0),
        "messages": shown(messages, 0),
        "negative": shown(negative_share(tones), 1),
    }


def _goal_lines(rows: list[ChannelRow], labels: dict[int, str]) -> list[dict[str, Any]]:
    lines = []
    for row in rows:
        for progress in row.goals:
            kind = progress.goal.kind
            lines.append(
                {
                    "channel": labels[row.channel.pk],
                    "goal": str(GoalKind(kind).label),
                    "actual": shown(progress.actual, 1),
                    "expected": shown(progress.expected_now, 1),
                    "target": shown(progress.goal.target, 1),
                    "met": progress.met,
                    "lower_is_better": kind in LOWER_IS_BETTER,
                }
            )
    return lines


def _series(channel: Channel, metric: str, period: Period) -> list[tuple[str, Decimal]]:
    """Daily values for a month; monthly sums for a longer period (a year's 365 columns and
    table rows would tell nothing)."""
    values = daily_series(channel, metric, period)
    if period.days <= 62:
        return [(day_label(day), value) for day, value in values]
    months: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for day, value in values:
        months[(day.year, day.month)] += value
    return [(f"{month}/{year}", total) for (year, month), total in sorted(months.items())]


def _by_month(daily: list[tuple[date, int, int]]) -> list[tuple[date, int, int]]:
    """The daily message counts summed per month, each month dated by its first day."""
    months: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for day, count, negative in daily:
        key = day.replace(day=1)
        months[key][0] += count
        months[key][1] += negative
    return [(day, total, negative) for day, (total, negative) in sorted(months.items())]


def _channel_pages(
    rows: list[ChannelRow],
    period: Period,
    labels: dict[int, str],
    progress: Progress = _no_progress,
    steps: int = 0,
) -> list[dict[str, Any]]:
    table = channel_table(rows)
    pages = []
    for number, line in enumerate(table.rows, start=1):
        progress(STAGE_CHANNELS, 1 + number, steps, item=number, items=len(table.rows))
        channel = line.row.channel
        charts = []
        for metric in SERIES:
            points = _series(channel, metric, period)
            if not points:
                continue
            label = str(Metric(metric).label)
            charts.append(
                ChartWithTable(
                    key=str(metric),
                    title=label,
                    chart=column_chart(label, [(name, float(value)) for name, value in points]),
                    table_caption=label,
                    headers=(_("Day") if period.days <= 62 else _("Month"), label),
                    rows=[(name, shown(value)) for name, value in points],
                )
            )
        pages.append(
            {
                "label": labels[channel.pk],
                "channel": channel,
                "unit": channel.unit.localized_name() if channel.unit else "",
                "facts": list(zip([c.header for c in table.columns], line.cells, strict=True)),
                "goals": _goal_lines([line.row], labels),
                "charts": charts,
            }
        )
    return pages


def _storms(channels: QuerySet[Channel], period: Period, labels: dict[int, str]) -> dict[str, Any]:
    start, end = period.bounds()
    alerts = StormAlert.objects.filter(
        channel__in=channels, detected_at__gte=start, detected_at__lt=end
    ).order_by("detected_at")
    incidents = Incident.objects.filter(
        channel__in=channels, opened_at__gte=start, opened_at__lt=end
    ).order_by("opened_at")
    return {
        "alerts": [
            {
                "when": moment_text(alert.detected_at),
                "channel": labels.get(alert.channel_id, ""),
                "messages": shown(alert.observed),
                "expected": shown(alert.expected, 1),
                "status": str(AlertStatus(alert.status).label),
            }
            for alert in alerts
        ],
        "incidents": [
            {
                "title": incident.title,
                "channel": labels.get(incident.channel_id, ""),
                "opened": moment_text(incident.opened_at),
                "closed": moment_text(incident.closed_at) if incident.closed_at else "",
                "status": str(IncidentStatus(incident.status).label),
            }
            for incident in incidents
        ],
    }


def pdf_steps(channel_count: int) -> int:
    """The steps of a PDF report: the figures, a page per channel, the layout and the writing."""
    return channel_count + 3


def report_context(
    spec: ReportSpec, channels: QuerySet[Channel], progress: Progress = _no_progress
) -> dict[str, Any]:
    """Everything the report shows, worded in the active language (call it under the
    report's language). `progress` hears of the figures step and of each channel's page."""
    period = spec.period
    steps = pdf_steps(channels.count())
    progress(STAGE_FIGURES, 1, steps)
    rows = channel_rows(channels, period)
    labels = channel_labels(row.channel for row in rows)
    checks = checker_figures(None if spec.unit is None else channels, period)
    daily = daily_messages(channels, period)
    if period.days > 62:  # a year: 12 columns and rows, not 365
        daily = _by_month(daily)
    goals = _goal_lines(rows, labels)
    # Storms and incidents for every channel of the scope, also those without figures.
    all_labels = {**channel_labels(channels), **labels}
    today = timezone.localdate()
    return {
        "title": _title(spec),
        "scope": _scope(spec, channels),
        "period_start": period.start,
        "period_end": period.end,
        "running": period.end == today and (spec.month is None or period.days < 28),
        "created": moment_text(timezone.now(), with_zone=True),
        "channel_count": len(rows),
        "totals": _totals(rows),
        "goals": goals,
        "goals_met": sum(1 for g in goals if g["met"] is True),
        "goals_missed": [g for g in goals if g["met"] is False],
        "goals_without_data": sum(1 for g in goals if g["met"] is None),
        "table": channel_table(rows),
        "charts": figure_charts(rows, daily, checks, by_month=period.days > 62),
        "checks": checks,
        "channel_pages": _channel_pages(rows, period, labels, progress, steps),
        "storms": _storms(channels, period, all_labels),
    }


def _language(spec: ReportSpec) -> str:
    return spec.language if spec.language in LANGUAGES else "fi"


def report_html(spec: ReportSpec, channels: QuerySet[Channel]) -> str:
    language = _language(spec)
    with translation.override(language):
        context = report_context(spec, channels)
    return render_html(TEMPLATE, context, language=language)


def report_pdf(
    spec: ReportSpec, channels: QuerySet[Channel], progress: Progress = _no_progress
) -> bytes:
    """The report as a designed PDF in the spec's language."""
    language = _language(spec)
    with translation.override(language):
        context = report_context(spec, channels, progress)
    steps = pdf_steps(context["channel_count"])
    stages: dict[str, tuple[str, int]] = {
        "layout": (STAGE_LAYOUT, steps - 1),
        "write": (STAGE_WRITING, steps),
    }

    def on_stage(name: str) -> None:
        stage, step = stages[name]
        progress(stage, step, steps)

    return render_pdf(TEMPLATE, context, language=language, on_stage=on_stage)


@dataclass(frozen=True)
class RenderedReport:
    """A finished report: its bytes, their content type and the file name to offer."""

    content: bytes
    content_type: str
    file_name: str


def report_render(
    spec: ReportSpec,
    channels: QuerySet[Channel],
    fmt: str,
    progress: Progress = _no_progress,
) -> RenderedReport:
    """The report over `channels` (already limited to what its reader may see) as `fmt`
    ("pdf" or "csv"), telling `progress` of each step. Raises ValueError for another format.
    Takes seconds to tens of seconds for a year of a city's channels (mostly WeasyPrint's
    layout): call it from a task, never in a request."""
    if fmt == "csv":
        progress(STAGE_FIGURES, 1, 2)
        text = report_csv(spec, channels)
        progress(STAGE_WRITING, 2, 2)
        content = text.encode("utf-8")
    elif fmt == "pdf":
        content = report_pdf(spec, channels, progress)
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return RenderedReport(
        content=content, content_type=CONTENT_TYPES[fmt], file_name=f"{spec.file_stem()}.{fmt}"
    )
