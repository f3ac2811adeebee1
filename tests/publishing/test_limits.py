"""Counting a text the way each platform counts it, and what the previews refuse."""

from __future__ import annotations

import pytest

from someluotsi.publishing.limits import count_chars, hashtags_in, limits_for, mentions_in

X = limits_for("x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hei", 3),
        ("Hej på dig", 10),  # å and ä weigh one
        ("Katso https://www.kokkola.fi/uimahalli/aukioloajat-ja-hinnat", 6 + 23),
        ("www.kokkola.fi", 23),
        ("🏊", 2),
        ("👩‍💻", 2),  # a joined sequence counts once
        ("❤️😀", 4),  # a variation selector belongs to its emoji
        ("東京", 4),  # outside the light ranges: two each
    ],
)
def test_x_counts_weighted_characters_and_links_as_23(text: str, expected: int) -> None:
    assert count_chars(text, X) == expected


def test_a_separate_link_counts_on_x_but_not_twice() -> None:
    assert count_chars("Uimaan!", X, link="https://kokkola.fi/a") == 7 + 1 + 23
    assert count_chars("Uimaan! https://kokkola.fi/a", X, link="https://kokkola.fi/a") == 8 + 23


def test_other_platforms_count_characters_after_normalisation() -> None:
    decomposed = "a\u0308"  # ä as a + combining diaeresis
    assert count_chars(decomposed, limits_for("facebook")) == 1
    assert limits_for("instagram").max_hashtags == 30
    assert limits_for("tiktok").needs_video


def test_hashtags_and_mentions_are_found_once_each_word() -> None:
    text = "Tervetuloa #KokkolaKarleby ja #kesä! @kokkola kiittää, email@kokkola.fi ei ole maininta"
    assert hashtags_in(text) == ["#KokkolaKarleby", "#kesä"]
    assert mentions_in(text) == ["@kokkola"]
