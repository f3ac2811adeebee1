from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from someluotsi.core.charts import BAR_SPACE, ROW_HEIGHT, bar_chart, column_chart, day_label


def test_bars_scale_to_the_largest_value_and_none_draws_nothing() -> None:
    chart = bar_chart("c", [("a", 2), ("b", 4), ("c", None), ("d", 0)])
    assert [bar.width for bar in chart.bars] == [BAR_SPACE / 2, BAR_SPACE, 0, 0]
    assert [bar.value for bar in chart.bars] == ["2", "4", "–", "0"]
    assert [bar.y for bar in chart.bars] == [0, ROW_HEIGHT, 2 * ROW_HEIGHT, 3 * ROW_HEIGHT]
    assert chart.height == 4 * ROW_HEIGHT


def test_an_empty_chart_keeps_one_row_of_height() -> None:
    assert bar_chart("c", []).height == ROW_HEIGHT


def test_figures_are_written_the_readers_way() -> None:
    with translation.override("fi"):
        chart = bar_chart("c", [("a", 17460.0), ("b", 30.5), ("c", Decimal("4.0"))])
    assert [bar.value.replace("\xa0", " ") for bar in chart.bars] == ["17 460", "30,5", "4"]
    with translation.override("en"):
        assert bar_chart("c", [("a", 30.5)]).bars[0].value == "30.5"


def test_svg_geometry_is_not_localised() -> None:
    """A decimal comma in an SVG attribute is invalid: every column would land at x=0."""
    chart = column_chart("c", [(str(day), float(day % 5)) for day in range(30)])
    assert any("." in str(column.x) for column in chart.columns)
    with translation.override("fi"):
        html = render_to_string("_column_chart.html", {"chart": chart})
    numbers = re.findall(r'\b(?:x|y|width|height)="([^"]*)"', html)
    assert numbers
    assert all(re.fullmatch(r"-?\d+(\.\d+)?%?", n) for n in numbers), numbers


def test_labels_keep_their_size_at_any_width() -> None:
    """No viewBox: the SVG is never scaled, so 13 px and 12 px labels stay 13 px and 12 px on
    a 320 px phone; horizontal geometry is in percent so the chart still fits."""
    bars = render_to_string("_bar_chart.html", {"chart": bar_chart("c", [("a", 1)])})
    columns = render_to_string(
        "_column_chart.html", {"chart": column_chart("c", [(str(d), 1.0) for d in range(90)])}
    )
    for html in (bars, columns):
        assert "viewBox" not in html
        assert 'width="100%"' in html
        sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', html)]
        assert sizes
        assert min(sizes) >= 12
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", columns)
    assert 1 < len(labels) <= 6


def test_negative_columns_hang_below_a_zero_line() -> None:
    """A net loss is drawn downwards from the zero line, never as a negative height."""
    chart = column_chart("c", [("a", 30.0), ("b", -10.0), ("c", 0.0)])
    up, down, flat = chart.columns
    assert chart.zero == 90  # 30 of the 40 units of range are above zero: 3/4 of 120 px
    assert (up.y, up.height) == (0, 90)
    assert (down.y, down.height) == (90, 30)
    assert (flat.y, flat.height) == (90, 0)
    assert all(column.height >= 0 for column in chart.columns)
    assert column_chart("c", [("a", 3.0)]).zero is None  # no zero line without a loss
    html = render_to_string("_column_chart.html", {"chart": chart})
    assert 'class="column-zero"' in html
    assert not re.search(r'(?:width|height)="-', html)


def test_negative_bars_extend_left_of_a_zero_line() -> None:
    chart = bar_chart("c", [("gain", 30), ("loss", -10)])
    gain, loss = chart.bars
    assert chart.zero_x == BAR_SPACE / 4
    assert (gain.x, gain.width) == (BAR_SPACE / 4, BAR_SPACE * 3 / 4)
    assert (loss.x, loss.width) == (0, BAR_SPACE / 4)
    html = render_to_string("_bar_chart.html", {"chart": chart})
    assert not re.search(r'(?:width|height)="-', html)
    assert 'class="bar-zero"' in html


def test_a_days_label_follows_the_readers_language() -> None:
    """Chart columns and day tables: Finnish "01.11.", Swedish "1/11", English "1 Nov" (never
    the Finnish form in another language)."""
    day = date(2026, 11, 1)
    labels = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            labels[language] = day_label(day)
    assert labels == {"fi": "01.11.", "sv": "1/11", "en": "1 Nov"}


def test_column_labels_stay_inside_and_every_other_one_is_minor() -> None:
    """On a 320 px phone the axis shows every other label (the minor ones are hidden by a
    container query), and the first and last labels are anchored at the chart's edges."""
    chart = column_chart("c", [(f"{day}/11", float(day)) for day in range(1, 31)])
    labelled = [column for column in chart.columns if column.label]
    assert [column.label for column in labelled] == [
        "1/11",
        "6/11",
        "11/11",
        "16/11",
        "21/11",
        "26/11",
    ]
    assert [column.minor for column in labelled] == [False, True, False, True, False, True]
    assert labelled[0].anchor == "start"
    assert {column.anchor for column in labelled[1:]} == {"middle"}
    last = column_chart("c", [(f"{day}/11", 1.0) for day in range(1, 32)])
    final = [column for column in last.columns if column.label][-1]
    assert final.anchor == "end"
    assert final.label_x == round(final.x + final.width, 2) <= 100


def test_a_long_value_has_room_after_the_longest_bar() -> None:
    chart = bar_chart("c", [("Kokkolan kaupunginkirjasto – Karleby stadsbibliotek", 1_234_567)])
    assert chart.bars[0].value_x <= 72
