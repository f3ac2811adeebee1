"""The tone of citizens' messages: lexicon with endings, negation, emoji, category override."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from someluotsi.guideline.messages.tone import Tone, tone


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Kiitos, tosi hyvä ja ihana tapahtuma!", "fi", Tone.POSITIVE),
        ("Kiitoksia kaikille, hienoa työtä", "fi", Tone.POSITIVE),
        ("Tämä on surkea ja huono päätös, olen vihainen.", "fi", Tone.NEGATIVE),
        ("Milloin uimahalli aukeaa?", "fi", Tone.NEUTRAL),
        ("Tack för ett bra och trevligt evenemang", "sv", Tone.POSITIVE),
        ("Det här är dåligt och fruktansvärt", "sv", Tone.NEGATIVE),
        ("Great work, thank you!", "en", Tone.POSITIVE),
        ("Terrible and awful service", "en", Tone.NEGATIVE),
        ("👍👍", "fi", Tone.POSITIVE),
        ("😡", "fi", Tone.NEGATIVE),
    ],
)
def test_tone_by_words(text: str, language: str, expected: Tone) -> None:
    assert tone(text, language=language).tone is expected


def test_negation_turns_the_valence() -> None:
    assert tone("good", language="en").tone is Tone.POSITIVE
    assert tone("not good", language="en").tone is Tone.NEGATIVE
    assert tone("ei hyvä", language="fi").tone is Tone.NEGATIVE


def test_the_triage_category_overrides_the_words() -> None:
    assert tone("Kiitos ja hyvää päivää", category="threat").tone is Tone.NEGATIVE
    assert tone("Milloin?", category="praise").tone is Tone.POSITIVE


def test_the_words_that_counted_are_reported() -> None:
    result = tone("Kiitos, hieno juttu", language="fi")
    assert "kiitos" in result.words
    assert result.score > 0


@given(st.text(max_size=300), st.sampled_from(["fi", "sv", "en", "de", ""]))
def test_any_string_has_a_tone(text: str, language: str) -> None:
    assert tone(text, language=language).tone in set(Tone)
