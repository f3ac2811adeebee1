"""Letters drawn out (normalize.unstretched) and disguised words read plain (harm_spelling)."""

from __future__ import annotations

import time

import pytest

from someluotsi.guideline.checker.detectors.harm_spelling import disguised, plain_reading
from someluotsi.guideline.text.normalize import STRETCH, TokenTable, unstretched
from someluotsi.guideline.text.vocabulary import vocabulary


@pytest.mark.parametrize(
    ("word", "spellings"),
    [
        ("tapaaan", ("tapan", "tapaan")),
        ("dööödar", ("dödar", "döödar")),
        ("kiiiill", ("kill", "kiill")),
        ("tapaan", ()),  # a real Finnish long vowel is no stretch
        ("kuolee", ()),
        ("kill", ()),
        ("1000", ()),  # digits are no letters
        ("kiiillll", ("kil", "kiil", "kill", "kiill")),
    ],
)
def test_unstretched(word: str, spellings: tuple[str, ...]) -> None:
    assert unstretched(word) == spellings


def test_many_runs_read_two_ways_only() -> None:
    assert unstretched("aaabbbcccddd") == ("abcd", "aabbccdd")


@pytest.mark.parametrize(
    ("word", "plain"),
    [
        ("tapaaan", "tapan"),
        ("diiig", "dig"),
        ("yooou", "you"),
        ("sooon", "soon"),  # a known word of the grammar with a real double letter
        ("d1g", "dig"),
        ("y0u", "you"),
        ("kiiitos", "kitos"),  # no word read through it: each run once, harmless
        ("veeerran", "verran"),  # a word of a phrase ("pommin verran")
        ("4g", "4g"),  # fewer letters than two: no leetspeak
        ("covid19", "covid19"),  # a number at its end: no leetspeak
        ("b2b", "b2b"),  # no word the harm reading knows
    ],
)
def test_plain_reading(word: str, plain: str) -> None:
    assert plain_reading(word, vocabulary())[0] == plain


def test_everyday_drawn_out_words_have_no_harm_reading() -> None:
    for word in ("kiiitos", "myyycket", "sooo", "heeei", "hyvääää", "juuul", "yessss"):
        assert plain_reading(word, vocabulary())[1] == ()


def test_plain_text_is_not_read_again() -> None:
    text = "tapaan sinut huomenna kirjastossa klo 10"
    assert disguised(text, TokenTable(text), vocabulary(), digits=True) == {}


def test_disguised_words_of_a_text() -> None:
    text = "j4g dööödar diiig, www.kokkola.fi 2026"
    found = disguised(text, TokenTable(text), vocabulary(), digits=True)
    assert {word: plain for word, (plain, _readings) in found.items()} == {
        "j4g": "jag",
        "dööödar": "dödar",
        "diiig": "dig",
    }


def test_stretch_search_is_linear() -> None:
    flood = "a" * 200_000 + "b" + "ab" * 100_000
    started = time.perf_counter()
    assert STRETCH.search("xy" * 200_000) is None
    assert len(unstretched(flood[:40])) == 2
    assert time.perf_counter() - started < 0.5
