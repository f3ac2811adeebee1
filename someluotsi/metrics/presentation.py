"""The channel figures as people read them, one code path for the dashboard, the report (PDF
and CSV) and the scheduled report: the same columns, the same cells (formatted once, by
`core.charts.shown`: 0,0 is a figure and only a missing one is a dash), the same charts with
the same tables.

Before this module the dashboard's template formatted its own cells (`|default:"–"` turned a
median of 0.0 hours into a dash) while the PDF formatted them in Python (0,0 h).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from someluotsi.channels.models import Channel
from someluotsi.compliance.presentation import CATEGORY_LABELS
from someluotsi.core.charts import (
    BarChart,
    ColumnChart,
    bar_chart,
    column_chart,
    day_label,
    month_label,
    shown,
)
from someluotsi.core.spreadsheet import csv_cell, csv_number
from someluotsi.guideline.model import Category
from someluotsi.metrics.enums import Metric
from someluotsi.metrics.figures import ChannelRow, CheckerFigures

Figure = float | Decimal | int | None


@dataclass(frozen=True)
class FigureColumn:
    """One column of the channel table: its heading and a row's figure (`value`, shown with
    `digits` decimals), or for a column of words its `text`."""

    key: str
    header: str
    value: Callable[[ChannelRow], Figure]
    digits: int | None = 0
    text: Callable[[ChannelRow], str] | None = None

    @property
    def numeric(self) -> bool:
        return self.text is None

    def cell(self, row: ChannelRow) -> str:
        """The cell as pages and the PDF show it, in the active language ("4 165", "30,5")."""
        if self.text is not None:
            return self.text(row)
        return shown(self.value(row), self.digits)

    def plain(self, row: ChannelRow) -> str:
        """The cell for a CSV file: a plain number a spreadsheet reads as one
        (core.spreadsheet.csv_number: "4165", "30,5"), or the column's words."""
        if self.text is not None:
            return csv_cell(self.text(row))
        return csv_number(self.value(row), self.digits)


def _received(row: ChannelRow) -> Figure:
    return row.response.received if row.response else 0


def _no_figure(row: ChannelRow) -> Figure:
    return None


def channel_columns() -> list[FigureColumn]:
    """The columns, headed in the active language (call it under the reader's language)."""
    return [
        FigureColumn("followers", _("Followers"), lambda r: r.followers),
        FigureColumn("change", _("Change in followers"), lambda r: r.follower_change),
        FigureColumn("reach", _("Reach"), lambda r: r.total(Metric.REACH)),
        FigureColumn("interactions", _("Interactions"), lambda r: r.total(Metric.INTERACTIONS)),
        FigureColumn("messages", _("Messages"), _received, digits=None),
        FigureColumn("negative", _("Negative (%)"), lambda r: r.negative_share, digits=1),
        FigureColumn(
            "median",
            _("Median first response (h)"),
            lambda r: r.response.median_hours if r.response else None,
            digits=1,
        ),
        FigureColumn(
            "on_time",
            _("On time (%)"),
            lambda r: r.response.on_time_percent if r.response else None,
            digits=1,
        ),
        FigureColumn("goals", _("Goals on track"), _no_figure, text=ChannelRow.goals_text),
    ]


def channel_labels(channels: Iterable[Channel]) -> dict[int, str]:
    """Each channel's name, with its platform where another channel has the same name (the
    city's "Kokkolan kaupunki" is on Facebook, LinkedIn and YouTube)."""
    items = list(channels)
    counts = Counter(channel.name.casefold() for channel in items)
    return {
        channel.pk: channel.name_with_platform
        if counts[channel.name.casefold()] > 1
        else channel.name
        for channel in items
    }


@dataclass(frozen=True)
class TableRow:
    row: ChannelRow
    label: str
    cells: list[str]
    plain: list[str]  # the same cells for a CSV file (FigureColumn.plain)


@dataclass(frozen=True)
class ChannelTable:
    columns: list[FigureColumn]
    rows: list[TableRow]


def channel_table(rows: list[ChannelRow]) -> ChannelTable:
    columns = channel_columns()
    labels = channel_labels(row.channel for row in rows)
    return ChannelTable(
        columns=columns,
        rows=[
            TableRow(
                row,
                labels[row.channel.pk],
                [column.cell(row) for column in columns],
                [column.plain(row) for column in columns],
            )
            for row in rows
        ],
    )


def category_label(value: str) -> str:
    try:
        return str(CATEGORY_LABELS[Category(value)])
    except ValueError:  # a category a later rulebook dropped
        return value


@dataclass(frozen=True)
class ChartWithTable:
    """A chart and the table it draws: (label, figure as written) rows, the same numbers."""

    key: str
    title: str
    chart: BarChart | ColumnChart
    table_caption: str
    headers: tuple[str, str]
    rows: list[tuple[str, str]]

    def chunks(self, size: int = 8) -> list[list[tuple[str, str]]]:
        """The rows in runs of `size`, for a document's compact table (labels over values)."""
        return [self.rows[start : start + size] for start in range(0, len(self.rows), size)]

    @property
    def runs(self) -> list[list[tuple[str, str]]]:
        return self.chunks()


def figure_charts(
    rows: list[ChannelRow],
    daily: list[tuple[date, int, int]],
    checks: CheckerFigures,
    *,
    by_month: bool = False,
) -> list[ChartWithTable]:
    """The dashboard's charts, each with its table, in the active language; `by_month`: the
    message counts are per month (a yearly report), dated by each month's first day."""
    labels = channel_labels(row.channel for row in rows)

    def when(day: date) -> str:
        return month_label(day) if by_month else day_label(day)

    toned = [row for row in rows if row.tones]
    by_category = [(category_label(value), count) for value, count in checks.by_category]
    return [
        ChartWithTable(
            key="daily",
            title=_("Messages from citizens"),
            chart=column_chart(
                _("Messages per month; the darker part is negative")
                if by_month
                else _("Messages per day; the darker part is negative"),
                [(when(d), n) for d, n, _neg in daily],
                highlight=[neg for _d, _n, neg in daily],
            ),
            table_caption=_("Messages per month") if by_month else _("Messages per day"),
            headers=(_("Month") if by_month else _("Day"), _("Messages (negative)")),
            rows=[(when(d), f"{shown(n)} ({shown(neg)})") for d, n, neg in daily],
        ),
        ChartWithTable(
            key="negative",
            title=_("Quality of reactions"),
            chart=bar_chart(
                _("Negative share of reactions per channel (%)"),
                [(labels[r.channel.pk], r.negative_share) for r in toned],
            ),
            table_caption=_("Negative share of reactions per channel (%)"),
            headers=(_("Channel"), _("Negative (%)")),
            rows=[(labels[r.channel.pk], shown(r.negative_share, 1)) for r in toned],
        ),
        ChartWithTable(
            key="reach",
            title=_("Reach"),
            chart=bar_chart(
                _("Reach per channel"),
                [(labels[r.channel.pk], float(r.total(Metric.REACH) or 0)) for r in rows],
            ),
            table_caption=_("Reach per channel"),
            headers=(_("Channel"), _("Reach")),
            rows=[(labels[r.channel.pk], shown(r.total(Metric.REACH), 0)) for r in rows],
        ),
        ChartWithTable(
            key="checks",
            title=_("Post checker"),
            chart=bar_chart(_("Findings in checked drafts by category"), by_category),
            table_caption=_("Findings by category"),
            headers=(_("Category"), _("Drafts")),
            rows=[(label, shown(count)) for label, count in by_category],
        ),
    ]
