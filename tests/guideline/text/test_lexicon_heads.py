"""The words that may start a term, found for all lists at once (`_starts`, for a
text's tuple of distinct words), are those the word-by-word loop finds, for any text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors.confidential import DRAFTS, LEAKS, MARKERS
from someluotsi.guideline.checker.detectors.personal_data import HOME_CONTEXT, SENSITIVE
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.lexicon import Lexicon

STEMS = Lexicon(
    [("tapan", "a"), ("sinu*", "b"), ("äit*", "c"), ("ab", "d"), ("hem* och", "e"), ("x", "f")]
)
# Word endings of three letters or more ("*syöpä") are indexed by their last three letters,
# with no try on every word; a short ending ("*ö") or a part inside ("*koodi*") is tried on
# every word.
ENDINGS = Lexicon([("*syöpä", "a"), ("*cancer", "b"), ("tapan", "c"), ("kuu* *syövän", "d")])
ANYWHERE = Lexicon([("*ö", "a"), ("*koodi*", "b"), ("*cancer", "c")])
LISTS = [STEMS, ENDINGS, ANYWHERE, DRAFTS, LEAKS, MARKERS, HOME_CONTEXT, SENSITIVE]

WORDS = st.sampled_from(
    ["tapan", "sinua", "sinu", "sin", "äiti", "äi", "ab", "abc", "hemma", "och", "x", "xx",
     "luonnos", "salainen", "kotiosoite", "a\u0308iti", "\ud800", "🎉", "ÄITI", "", "1",
     "rintasyöpä", "syöpä", "bröstcancer", "cancern", "kuukausi", "ihosyövän", "ovikoodi",
     "työ", "öpä"]
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


def test_a_word_with_a_listed_ending_starts_its_terms() -> None:
    distinct = ("rintasyöpä", "bröstcancer", "syöpää", "tapan", "kuukausi", "muuta")
    assert set(ENDINGS._heads_of(distinct)) == {"rintasyöpä", "bröstcancer", "tapan", "kuukausi"}
    assert not ENDINGS._anywhere
    assert ANYWHERE._anywhere
    words = ["kuukausi", "ihosyövän", "ja", "rintasyöpä"]
    found = ENDINGS.find_in(words, [0, 9, 19, 22], [8, 18, 21, 32])
    assert [(m.term.text, m.first, m.last) for m in found] == [
        ("kuu* *syövän", 0, 2),
        ("*syöpä", 3, 4),
    ]


def test_a_list_made_after_a_text_was_read_finds_its_words() -> None:
    distinct = ("zyxwv", "qwrtp")
    assert STEMS._heads_of(distinct) == {}  # the text's words looked up for all lists
    late = Lexicon([("zyxwv", "late"), ("qwr*", "late")])
    assert set(late._heads_of(distinct)) == {"zyxwv", "qwrtp"}


def test_a_collected_list_leaves_the_shared_index() -> None:
    import gc

    from someluotsi.guideline.text import lexicon as module

    gone = Lexicon([("vzxqk", "gone"), ("vzq*", "gone")])
    number = gone._number
    assert number in module._FIRST_WORDS["vzxqk"]
    assert number in module._STEMS["vzq"]
    del gone
    gc.collect()
    Lexicon([("other", "x")])  # the next registration purges the collected ones
    assert "vzxqk" not in module._FIRST_WORDS
    assert "vzq" not in module._STEMS


def test_an_unpickled_list_has_a_number_of_its_own() -> None:
    import pickle

    original = Lexicon([("zqvwx", "a"), ("qwv*", "b")])
    copy = pickle.loads(pickle.dumps(original))  # noqa: S301 - our own object
    assert copy._number != original._number
    words = ("zqvwx", "qwvtt")
    assert set(copy._heads_of(words)) == set(words)
    assert copy._heads_of(words) == copy._heads_of(dict.fromkeys(words))


def test_a_list_registered_while_a_text_is_read_is_not_served_a_stale_answer() -> None:
    """Thread A reads a text's words while thread B registers a list with one of them: no
    answer made before B's registration may be kept (the memo of words, the remembered
    answers), whatever the interleaving. Forced here by registering from inside A's
    lookup of the word, where a thread switch could land."""
    import threading

    from someluotsi.guideline.text import lexicon as module

    made: list[Lexicon] = []
    index = module._FIRST_WORDS

    class Pausing(dict[str, list[int]]):
        def get(self, key: str, default: Any = None) -> Any:
            found = dict.get(self, key, default)
            if key == "xzebra" and not made:
                thread = threading.Thread(target=lambda: made.append(Lexicon([("xzebra", "z")])))
                thread.start()
                thread.join(timeout=0.2)  # B waits for A's lock: it registers after A stores
            return found

    pausing = module._FIRST_WORDS = Pausing(index)
    try:
        STEMS._heads_of(("xzebra",))  # A: computes the word's lists without the new one
        while not made:
            pass
    finally:
        index.update(pausing)  # with B's registration
        module._FIRST_WORDS = index
    late = made[0]
    words = ("a", "xzebra")
    assert set(late._heads_of(words)) == {"xzebra"}
    assert set(late._heads_of(dict.fromkeys(words))) == {"xzebra"}
