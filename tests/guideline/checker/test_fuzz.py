"""Any string gets a report or a clear refusal (too long, or showing nothing), never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.engine import MAX_CHARS, check
from someluotsi.guideline.model import BlankTextError, TextTooLongError
from someluotsi.guideline.text.blank import is_blank

TRICKY = st.sampled_from(
    [
        "\u200b",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\u00ad",
        "\u0308",
        "İ",
        "ß",
        "🎉",
        "👨‍👩‍👧",
        "#",
        "@",
        "http://",
        "xn--",
        "131052-308T",
        "040 123 4567",
        "FI21",
        "§",
        "\n",
        "\x00",
        "\ud7ff",
        "ǅ",
        "ﬁ",
        "Å",
        "а",
        "٣",
        "𝐀",
    ]
)
TEXTS = st.lists(st.one_of(st.text(max_size=40), TRICKY), max_size=30).map("".join)


def _assert_sound(text: str) -> None:
    if is_blank(text):  # a text that shows nothing is refused, never reported "ok"
        with pytest.raises(BlankTextError):
            check(text)
        return
    report = check(text)
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.excerpt == text[finding.start : finding.end][:200]
    assert report.verdict.value in {"ok", "warn", "block"}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_string_gets_a_sound_report(text: str) -> None:
    _assert_sound(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_binary_junk_decoded_any_way_gets_a_report(data: bytes) -> None:
    _assert_sound(data.decode("utf-8", errors="replace"))
    _assert_sound(data.decode("latin-1"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "🎉" * 500,
        "\u200b" * 1000,
        "\u202e" * 50 + "Hetu 131052-308T",
        "a\x00b",
        "\n" * 5000,
    ],
)
def test_edge_inputs(text: str) -> None:
    _assert_sound(text)


def test_text_at_the_limit_is_checked_and_above_it_refused() -> None:
    _assert_sound("Kokkola " * (MAX_CHARS // 8))
    with pytest.raises(TextTooLongError, match="limit is 100,000"):
        check("x" * (1024 * 1024))
