"""Horizontal bar charts for pages that show figures: the geometry here, the SVG in
`templates/_bar_chart.html`. A chart is decoration beside its table (aria-hidden), so the
table stays the accessible equivalent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ROW_HEIGHT = 24
BAR_SPACE = 220


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    width: int
    value: str


@dataclass(frozen=True)
class BarChart:
    caption: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return max(ROW_HEIGHT, ROW_HEIGHT * len(self.bars))


def bar_chart(caption: str, rows: Iterable[tuple[str, float | None]]) -> BarChart:
    """One bar per (label, value); bars are scaled to the largest value, None draws nothing."""
    items = list(rows)
    longest = max((value or 0 for _label, value in items), default=0) or 1
    bars = [
        Bar(
            y=index * ROW_HEIGHT,
            label=str(label),
            width=round(BAR_SPACE * (value or 0) / longest),
            value="–" if value is None else str(value),
        )
        for index, (label, value) in enumerate(items)
    ]
    return BarChart(caption=caption, bars=bars)
