from __future__ import annotations

from someluotsi.core.charts import BAR_SPACE, ROW_HEIGHT, bar_chart


def test_bars_scale_to_the_largest_value_and_none_draws_nothing() -> None:
    chart = bar_chart("c", [("a", 2), ("b", 4), ("c", None), ("d", 0)])
    assert [bar.width for bar in chart.bars] == [BAR_SPACE // 2, BAR_SPACE, 0, 0]
    assert [bar.value for bar in chart.bars] == ["2", "4", "–", "0"]
    assert [bar.y for bar in chart.bars] == [0, ROW_HEIGHT, 2 * ROW_HEIGHT, 3 * ROW_HEIGHT]
    assert chart.height == 4 * ROW_HEIGHT


def test_an_empty_chart_keeps_one_row_of_height() -> None:
    assert bar_chart("c", []).height == ROW_HEIGHT
