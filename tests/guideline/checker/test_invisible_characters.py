"""Invisible characters (control characters, zero-width spaces, word joiners, byte-order marks,
soft hyphens) between or inside words: the words are read as the author meant them, and every
finding points at text of the original, never at an empty span."""

from __future__ import annotations

import pytest

from someluotsi.guideline.checker.detectors import harmful
from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.text.normalize import NormalizedText

INVISIBLE = ("\x00", "\x01", "\x1b", "\x7f", "\x9f", "\u00ad", "\u200b", "\u2060", "\ufeff")
HARMFUL = (
    "Tapan sinut huomenna.",
    "Olet täysi idiootti.",
    "Jag ska döda dig.",
    "You are an idiot and I will kill you.",
    "Jotkut ihmistyypit ovat patologisia valehtelijoita.",
)


@pytest.mark.parametrize("mark", INVISIBLE)
@pytest.mark.parametrize("text", HARMFUL)
def test_an_invisible_character_anywhere_leaves_no_shifted_span(text: str, mark: str) -> None:
    plain = {f.rule for f in check(text).findings}
    for at in range(len(text) + 1):
        marked = text[:at] + mark + text[at:]
        report = check(marked)
        for finding in report.findings:
            if finding.start == finding.end:  # a whole-text finding (the model's): at 0..0
                assert finding.start == 0, (marked, finding.rule)
                continue
            assert finding.start < finding.end, (marked, finding.rule)
            excerpt = marked[finding.start : finding.end]
            assert excerpt[0] != mark, (marked, finding.rule)
            assert excerpt[-1] != mark, (marked, finding.rule)
        # The harm rules found without the mark are found with it.
        found = {f.rule for f in report.findings}
        assert {r for r in plain if r.startswith(("threat-00", "insult-001"))} <= found, marked


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("tapan\u200bsinut", "tapan"),
        ("Ta\x01pan sinut", "Ta\x01pan"),
        ("Senkin\x00idiootti", "idiootti"),
        ("I will kill\ufeffyou.", "kill"),
    ],
)
def test_words_joined_by_an_invisible_character_are_read_apart(text: str, excerpt: str) -> None:
    assert excerpt in [f.excerpt for f in check(text).findings]


def test_seams_are_where_characters_were_dropped() -> None:
    assert NormalizedText("ab\u200bcd\x01e").seams() == [2, 4]
    assert NormalizedText("abcde").seams() == []
    assert NormalizedText("\u200b\u200b").seams() == []


def test_a_flood_of_joined_words_is_read_for_a_bounded_number_of_tokens() -> None:
    text = "tapan\u200bsinut " * 5_000
    from tests.guideline.checker.test_spelt_out import _context

    hits = harmful.analyse(_context(text)).hits
    assert len({hit.index for hit in hits}) <= harmful.MAX_JOINED_TOKENS


@pytest.mark.parametrize(
    "text",
    [
        "Eräpäivä löytyy las\u200bkusta.",  # laskusta: no "kusta"
        "Kusi\u200bainen kävi pihalla.",  # kusiainen (an ant)
        "Se var\u200bslut på biljetter.",  # no "slut"
        "Sho\u200bwing the new library today.",
    ],
)
def test_an_invisible_character_inside_an_ordinary_word_makes_no_harm_word(text: str) -> None:
    harm = ("obscene", "insult", "threat")
    assert [f.rule for f in check(text).findings if f.rule.startswith(harm)] == []
