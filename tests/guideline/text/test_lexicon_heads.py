"""The words that may start a term, found by stems shared between lists (`_by_prefix`, for a
text's tuple of distinct words), are those the word-by-word loop finds, for any text."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors.confidential import DRAFTS, LEAKS, MARKERS
from someluotsi.guideline.checker.detectors.personal_data import HOME_CONTEXT, SENSITIVE
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.lexicon import Lexicon

STEMS = Lexicon(
    [("tapan", "a"), ("sinu*", "b"), ("äit*", "c"), ("ab", "d"), ("hem* och", "e"), ("x", "f")]
)
LISTS = [STEMS, DRAFTS, LEAKS, MARKERS, HOME_CONTEXT, SENSITIVE]

WORDS = st.sampled_from(
    ["tapan", "sinua", "sinu", "sin", "äiti", "äi", "ab", "abc", "hemma", "och", "x", "xx",
     "luonnos", "salainen", "kotiosoite", "a\u0308iti", "\ud800", "🎉", "ÄITI", "", "1"]
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(WORDS, max_size=20).map(" ".join),
    st.text(max_size=60),
)


def _loop(lexicon: Lexicon, words: tuple[str, ...]) -> Mapping[str, object]:
    # A dict of the words, not a tuple: the word-by-word path.
    return lexicon._heads_of(dict.fromkeys(words))


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_shared_stems_find_the_heads_the_loop_finds(first: str, second: str) -> None:
    texts = [AnalysedText(first), AnalysedText(second)]
    for _ in range(2):  # the lists asked in turn, texts alternating: the cache of one entry
        for lexicon in LISTS:
            for text in texts:
                distinct = tuple(text.table.distinct)
                assert lexicon._heads_of(distinct) == _loop(lexicon, distinct)
                table = text.table
                assert lexicon.find_in(
                    table.words, table.starts, table.ends, distinct
                ) == lexicon.find_in(table.words, table.starts, table.ends)


def test_a_text_with_listed_words_and_stems_has_its_heads() -> None:
    distinct = ("tapan", "sinua", "äiti", "hemma", "muuta")
    assert set(STEMS._heads_of(distinct)) == {"tapan", "sinua", "äiti", "hemma"}
    assert STEMS._heads_of(()) == {}
