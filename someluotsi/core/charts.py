"""Charts for pages and documents that show figures: the geometry here, the SVG in
`templates/_bar_chart.html` and `templates/_column_chart.html`. A chart is decoration beside
its table (aria-hidden), so the table stays the accessible equivalent.

Horizontal positions are percentages of the chart's width and vertical ones are CSS pixels,
with no viewBox: the chart fills whatever width it gets (a phone, a PDF column) while its
labels keep their size (13 px bar labels, 12 px column labels) instead of shrinking with it.
On a 320 px phone nothing runs past the chart: a bar's label is HTML that wraps (the full
name as its title when cut), its value has the width's last part to itself, a column label
is centred under its column but anchored at the chart's edge near one, and every other
column label (`Column.minor`) is hidden when the chart is narrow (site.css, a container
query)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import ClassVar

from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format, time_format

ROW_HEIGHT = 40  # a label line, the bar under it, a gap
# The longest bar, in percent of the width: its value is written after it, in the rest (a
# 290 px chart on a 320 px phone leaves 75 px, enough for "1 234 567").
BAR_SPACE = 70.0


@dataclass(frozen=True)
class Bar:
    y: int  # the row's top, px
    label: str
    width: float  # percent of the chart's width, never negative
    value: str
    x: float = 0.0  # the bar's left end, percent: left of the zero line for a negative value
    negative: bool = False

    @property
    def value_x(self) -> float:
        """The value is written after the bar, or after the zero line for a negative bar."""
        end = self.x if self.negative else self.x + self.width
        return round(end + 1.5, 1)


@dataclass(frozen=True)
class BarChart:
    caption: str
    bars: list[Bar]
    kind: ClassVar[str] = "bar"
    zero_x: float = 0.0  # the zero line, percent of the width: not 0 when a value is negative

    @property
    def height(self) -> int:
        return max(ROW_HEIGHT, ROW_HEIGHT * len(self.bars))


def bar_chart(caption: str, rows: Iterable[tuple[str, float | Decimal | None]]) -> BarChart:
    """One bar per (label, value); bars are scaled to the largest value, None draws nothing.
    A negative value (a net loss of followers) is drawn left of a zero line, never as a
    negative width (invalid SVG: the browser drops the bar)."""
    items = [(label, None if value is None else float(value)) for label, value in rows]
    highest = max((value or 0 for _label, value in items), default=0)
    lowest = min((value or 0 for _label, value in items), default=0)
    span = (max(highest, 0) - min(lowest, 0)) or 1
    zero = round(BAR_SPACE * -min(lowest, 0) / span, 1)
    bars = []
    for index, (label, value) in enumerate(items):
        width = round(BAR_SPACE * abs(value or 0) / span, 1)
        negative = (value or 0) < 0
        x = round(zero - width, 1) if negative else zero
        bars.append(Bar(index * ROW_HEIGHT, str(label), width, shown(value), x, negative))
    return BarChart(caption=caption, bars=bars, zero_x=zero)


def shown(value: float | Decimal | None, digits: int | None = None) -> str:
    """A figure the way the reader's language writes numbers (17 460; 30,5): `digits`
    decimals, or by default none for whole numbers and one otherwise; None is a dash."""
    if value is None:
        return "–"
    if digits is None:
        digits = 0 if float(value).is_integer() else 1
    return number_format(value, decimal_pos=digits, use_l10n=True, force_grouping=True)


COLUMN_SPACE = 100.0  # percent of the width
COLUMN_HEIGHT = 120  # px
# A day's short label (a chart's column, a table row of days) as its reader writes it, with no
# year: Finnish "01.11.", Swedish "1/11", English (day first, someluotsi/formats/en) "1 Nov".
DAY_LABEL_FORMATS = {"fi": "d.m.", "sv": "j/n", "en": "j M"}


# A day with its weekday, no year (a calendar's day headings): Finnish "pe 11.12." /
# "perjantai 11.12.", Swedish "fre 11/12" / "fredag 11/12", English "Fri 11 Dec" /
# "Friday 11 Dec". Django's own weekday names are translated; only the day's order differs.
WEEKDAY_LABEL_FORMATS = {
    "fi": ("D j.n.", "l j.n."),
    "sv": ("D j/n", "l j/n"),
    "en": ("D j M", "l j M"),
}
# A month with its year in a chart's label: "12/2026" in Finnish and Swedish, "Dec 2026" in
# English (where 12/2026 reads as American).
MONTH_LABEL_FORMATS = {"fi": "n/Y", "sv": "n/Y", "en": "M Y"}


def _language() -> str:
    """The active language's code without its region ("en-gb" → "en"); Finnish by default."""
    return (translation.get_language() or "fi").split("-")[0]


def day_label(day: date) -> str:
    """`day` without its year in the active language's short form."""
    return format_date(day, DAY_LABEL_FORMATS.get(_language(), DAY_LABEL_FORMATS["fi"]))


def weekday_label(day: date, *, long: bool = False) -> str:
    """`day` with its weekday and without its year in the active language ("pe 11.12.",
    "fre 11/12", "Fri 11 Dec"); `long` writes the weekday in full ("perjantai 11.12.")."""
    short, full = WEEKDAY_LABEL_FORMATS.get(_language(), WEEKDAY_LABEL_FORMATS["fi"])
    return format_date(day, full if long else short)


def month_label(day: date) -> str:
    """The month of `day` with its year, short, in the active language ("12/2026", "Dec
    2026")."""
    return format_date(day, MONTH_LABEL_FORMATS.get(_language(), MONTH_LABEL_FORMATS["fi"]))


def clock_label(moment: time | datetime) -> str:
    """A time of day in the active language's own way (Finnish "14.05", Swedish and English
    "14:05"): Django's TIME_FORMAT."""
    return time_format(moment, "TIME_FORMAT")


# The percent sign: Finnish and Swedish write a (no-break) space before it ("65 %"), English
# none ("65%").
PERCENT_WITHOUT_SPACE = frozenset({"en"})


def percent_text(value: float | Decimal | None, digits: int | None = None) -> str:
    """A percentage the way the active language writes it: "65 %" and "33,3 %" in Finnish and
    Swedish (with a no-break space, so the sign never starts a line), "65%" and "33.3%" in
    English; the figure as `shown` writes it. None is a dash."""
    if value is None:
        return "–"
    figure = shown(value, digits)
    return f"{figure}%" if _language() in PERCENT_WITHOUT_SPACE else f"{figure}\u00a0%"


MAX_COLUMN_LABELS = 6  # 12 px dates stay apart on a 320 px phone (every other one there)
# A column label this close to an edge (percent of the width) is anchored at it, not centred.
LABEL_EDGE = 12.0


@dataclass(frozen=True)
class Column:
    x: float  # percent of the width
    width: float  # percent of the width
    height: int  # never negative: a negative value hangs down from the zero line
    y: int
    label: str  # shown under some columns only, to stay legible
    value: str
    highlight: bool = False
    minor: bool = False  # a label hidden when the chart is narrow (every other one shown)

    @property
    def anchor(self) -> str:
        """A label is centred under its column; near the chart's left edge it starts at the
        column and near the right edge it ends there, so it never runs past the chart."""
        centre = self.x + self.width / 2
        if centre < LABEL_EDGE:
            return "start"
        if centre > COLUMN_SPACE - LABEL_EDGE:
            return "end"
        return "middle"

    @property
    def label_x(self) -> float:
        """Where the label is anchored, percent of the width."""
        return {"start": self.x, "end": round(self.x + self.width, 2)}.get(
            self.anchor, round(self.x + self.width / 2, 2)
        )


@dataclass(frozen=True)
class ColumnChart:
    caption: str
    columns: list[Column]
    kind: ClassVar[str] = "column"
    height: int = COLUMN_HEIGHT
    baseline: int | None = None  # y of a reference line (an expected level), if any
    zero: int | None = None  # y of the zero line, drawn when some value is negative


def column_chart(
    caption: str,
    rows: Iterable[tuple[str, float]],
    *,
    highlight: Iterable[float] = (),
    reference: float | None = None,
) -> ColumnChart:
    """Columns over time (days, quarter hours): one per (label, value). `highlight` gives a
    second value per column drawn darker inside it (the negative share of messages);
    `reference` draws a horizontal line (the expected level). A negative value (a day's net
    loss of followers) hangs below a zero line drawn across the chart; SVG has no negative
    heights (the browser drops such a rect)."""
    items = list(rows)
    marks = list(highlight)
    top = max([value for _label, value in items] + [reference or 0, 0])
    bottom = min([value for _label, value in items] + [reference or 0, 0])
    span = (top - bottom) or 1
    zero = round(COLUMN_HEIGHT * top / span)

    def extent(value: float) -> tuple[int, int]:
        """(y, height) of a column from the zero line to `value`."""
        height = round(COLUMN_HEIGHT * abs(value) / span)
        return (zero - height, height) if value >= 0 else (zero, height)

    step = COLUMN_SPACE / max(1, len(items))
    label_every = max(1, -(-len(items) // MAX_COLUMN_LABELS))
    width = round(step * 0.8, 2)
    columns = []
    for index, (label, value) in enumerate(items):
        x = round(index * step, 2)
        y, height = extent(value)
        labelled = index % label_every == 0
        minor = labelled and (index // label_every) % 2 == 1
        shown_label = label if labelled else ""
        columns.append(Column(x, width, height, y, shown_label, shown(value), minor=minor))
        if index < len(marks) and marks[index]:
            y, inner = extent(marks[index])
            columns.append(Column(x, width, inner, y, "", "", highlight=True))
    line = None if reference is None else extent(reference)[0]
    return ColumnChart(
        caption=caption, columns=columns, baseline=line, zero=zero if bottom < 0 else None
    )
