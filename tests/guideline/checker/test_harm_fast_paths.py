"""The harm analysis's shortcuts find what the plain walks they replace found.

Each shortcut skips work where a cheap necessary condition fails (a mask right after a possible
letter, three one-character tokens in a row, a word that may start a term, a word long enough
to be a compound) or makes hits only for the categories a detector asks for. Each is compared
here with the plain computation on Finnish, Swedish and English texts with odd spellings:
masks, leetspeak, spelt-out words, odd Unicode (combining marks, non-Latin letters, "€", "ß").
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors import harm_context
from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.detectors.harmful import (
    _SINGLES,
    COMPOUND_CATEGORIES,
    DEGRADING,
    MASK_MARKS,
    MASKABLE,
    MASKED,
    Hit,
    _three_singles,
    analyse,
    masked_words,
)
from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.model import AuthorRole, ChannelContext
from someluotsi.guideline.text.analysis import AnalysedText
from someluotsi.guideline.text.lexicon import Lexicon, Term
from someluotsi.guideline.text.vocabulary import FormInfo, Vocabulary, vocabulary
from someluotsi.guideline.text.wordlists import load_terms, load_words

PIECES = [
    # Finnish, Swedish and English harm words, inflected, masked, leeted and spelt out
    "tapan", "t a p a n", "sinut", "v*ttu", "p**ka", "v***n", "1d10tt1", "idiootteja",
    "kusipää", "muslimikoirat", "paskahousu", "kusiaispesä", "skjuta", "d0da", "döda",
    "jag ska döda dig", "sh*t", "f#ck", "idiot", "kill", "you", "I'll kill you", "Mamut pois",
    "s_a_t_a_n", "palaute@kokkola.fi", "#kokkola", "a@", "@@", "_x", "ä*", "ß_", "é*k",
    "€*", "\u0301*", "a\u0301*b", "ж*па", "ｉｄｉｏｔ", "1", "²", "x",
    # separators and punctuation
    " ", " ", " ", "  ", ",", ".", ". ", "!", "?", "\n", "-", "/", "(", "'", '"',
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
ODD = st.one_of(TEXTS, st.text(max_size=40))


def _ctx(text: str) -> CheckContext:
    return CheckContext(
        text=AnalysedText(text),
        role=AuthorRole.EMPLOYEE,
        channel=ChannelContext(),
        media=(),
        city=engine_for().rulebook.city,
    )


_NOT_IN_MASKED = re.compile(r"[ \t\n\r,.;:!?()\[\]{}\"'/\\<>=+&%$€|~^`-]")


def _reference_masked(text: str) -> list[tuple[int, int, str]]:
    """Every run of text between spaces and punctuation read alone (the former walk)."""
    found = []
    position = 0
    for run in _NOT_IN_MASKED.split(text):
        if any(mark in run for mark in MASK_MARKS):
            found += [(position + m.start(1), position + m.end(1), m.group(1))
                      for m in MASKED.finditer(run)]  # fmt: skip
        position += len(run) + 1
    return found


@settings(max_examples=500, deadline=None)
@given(ODD)
def test_masked_words_are_those_of_every_run(text: str) -> None:
    assert list(masked_words(text)) == _reference_masked(text)
    assert list(masked_words(text)) == _reference_masked(text)  # from the memo of runs


@settings(max_examples=500, deadline=None)
@given(ODD)
def test_spelt_out_words_need_three_one_character_tokens(text: str) -> None:
    table = AnalysedText(text).table
    if _SINGLES.search(AnalysedText(text).text):
        assert _three_singles(table.words)


def _reference_hits(text: str) -> list[tuple[int, int, int, FormInfo]]:
    """Every hit as the analysis made them all at once: each token's readings (its analyses,
    else its compound readings) in token order; the spelt-out, masked and phrase hits after."""
    ctx = _ctx(text)
    words = vocabulary()
    table = ctx.text.table
    hits = []
    for index, word in enumerate(table.words):
        found = words.lookup(word) or words.compounds(word, COMPOUND_CATEGORIES, DEGRADING)
        hits += [(index, table.starts[index], table.ends[index], info) for info in found]
    analysis = analyse(ctx)
    others = [
        h
        for h in analysis.hits
        if "+spaced" in h.info.tags or "+joined" in h.info.tags or h.index < 0
    ]
    others += [h for h in analysis.hits if "+phrase" in h.info.tags]
    return hits + [(h.index, h.start, h.end, h.info) for h in others]


def _plain(hits: list[Hit]) -> list[tuple[int, int, int, FormInfo]]:
    return [(h.index, h.start, h.end, h.info) for h in hits]


@settings(max_examples=300, deadline=None)
@given(ODD)
def test_hits_made_per_category_are_the_hits_made_at_once(text: str) -> None:
    expected = _reference_hits(text)
    analysis = analyse(_ctx(text))
    for category in {info.category for *_, info in expected} | {"weapons", "nothing"}:
        chosen = [hit for hit in expected if hit[3].category == category]
        assert _plain(analysis.of(category)) == chosen
        if chosen:
            assert analysis.of(category) is analysis.of(category)
    assert _plain(analysis.hits) == expected
    # The same objects either way (a hit's facts are kept by its identity).
    for hit in analysis.hits:
        assert any(hit is other for other in analysis.of(hit.info.category))
    masked = [info.category for index, *_, info in expected if index < 0]
    assert all(category in MASKABLE for category in masked)


def test_categories_asked_in_any_order_give_the_same_hits() -> None:
    text = "Tapan sinut, senkin idiootti! Jag ska döda dig. v*ttu 1d10tt1 t a p a n"
    first, second = analyse(_ctx(text)), analyse(_ctx(text))
    categories = sorted(first.categories)
    assert {c: _plain(first.of(c)) for c in categories} == {
        c: _plain(second.of(c)) for c in reversed(categories)
    }
    assert _plain(first.hits) == _plain(second.hits)
    assert {"threat_verbs", "insult", "targets", "obscene"} <= first.categories


LISTED = ["kusipää", "kusiaispesä", "paskahousu", "muslimikoirat", "homohomo", "idiootti",
          "neekeri", "mamut", "mamukoira", "paskaa", "huorat", "ämmä", "k", "kusi", "kusipa",
          "juutalaisrotat", "ryssänsika", "x" * 41, "pask", "vittupää"]  # fmt: skip
WORDS = st.one_of(
    st.sampled_from(LISTED), st.text(alphabet="aäöiksuphmrtenjo", min_size=1, max_size=16)
)


def _reference_compound_part(words: Vocabulary, word: str, category: str) -> str | None:
    if len(word) > 40 or words.dictionary_word(word):
        return None
    for part in words._compounds.get(category, ()):
        if len(part) >= 4 and word.startswith(part) and len(word) - len(part) >= 3:
            return part
    return None


def _reference_group_compound(words: Vocabulary, word: str) -> FormInfo | None:
    if len(word) > 40 or words.dictionary_word(word):
        return None
    for split in range(4, len(word) - 2):
        first, rest = word[:split], word[split:]
        if not any(i.category == "groups" for i in words._forms.get(first, ())):
            continue
        head = next((i for i in words._forms.get(rest, ()) if i.category in DEGRADING), None)
        if head is not None:
            return FormInfo("identity", "fi", f"{first}-{head.lemma}", "+compound")
    return None


@settings(max_examples=500, deadline=None)
@given(WORDS)
def test_compound_readings_are_those_of_every_listed_part(word: str) -> None:
    words = vocabulary()
    expected: list[FormInfo] = []
    for category in COMPOUND_CATEGORIES:
        part = _reference_compound_part(words, word, category)
        if part:
            expected.append(FormInfo(category, "fi", part, "+compound"))
    attack = _reference_group_compound(words, word)
    if attack:
        expected.append(attack)
    assert words.compounds(word, COMPOUND_CATEGORIES, DEGRADING) == tuple(expected)
    assert words.compound_memo(COMPOUND_CATEGORIES, DEGRADING)[word] == tuple(expected)
    assert words.lookup(word) == words._lookup(word)


def test_listed_compounds_are_found() -> None:
    memo = vocabulary().compound_memo(COMPOUND_CATEGORIES, DEGRADING)
    assert memo["kusipää"]
    assert memo["muslimikoirat"][-1].category == "identity"
    assert not memo["kusiaispesä"]  # a dictionary word: an ant's nest


LEXICONS = [
    Lexicon(load_terms("confidential")),
    Lexicon((term, "draft") for term in load_words("drafts")),
    Lexicon((term, "rumour") for term in load_words("rumor")),
    Lexicon((term, "x") for term in load_words("disparaging")),
    vocabulary().phrases,
    Lexicon([("tapan", "a"), ("sinu*", "b"), ("*tti", "c"), ("a b?", "d"), ("ä", "f")]),
]


def _reference_heads(lexicon: Lexicon, words: list[str]) -> dict[str, tuple[Term, ...]]:
    heads = {}
    for word in dict.fromkeys(words):
        terms = tuple(
            term
            for term in (
                *lexicon._exact.get(word, ()),
                *lexicon._prefix.get(word[:3], ()),
                *lexicon._short_prefix,
                *lexicon._other,
            )
            if term.specs[0].matches(word)
        )
        if terms:
            heads[word] = terms
    return heads


@settings(max_examples=300, deadline=None)
@given(ODD)
def test_words_that_start_terms_are_found_as_word_by_word(text: str) -> None:
    table = AnalysedText(text).table
    for lexicon in LEXICONS:
        expected = _reference_heads(lexicon, table.words)
        assert lexicon._heads_of(table.distinct) == expected
        assert lexicon._heads_of(list(table.distinct)) == expected


SAID = ["klassikkoleffa", "filmen", "movies", "hummeri", "kräftan", "mice", "museo", "ant",
        "antaa", "kutsui", "minä", "i", "called", "you", "peli", "x", "ä", "", "book",
        "show", "up", "play", "with"]  # fmt: skip
CONTEXT_WORDS = st.lists(st.one_of(st.sampled_from(SAID), st.text(max_size=8)), max_size=12)


@settings(max_examples=400, deadline=None)
@given(CONTEXT_WORDS)
def test_sentence_contexts_are_those_of_each_word(words: list[str]) -> None:
    media = any(
        any(part in word for part in harm_context.MEDIA_PARTS)
        or word.startswith(harm_context.MEDIA_HEADS)
        for word in words
    ) or any(
        word in harm_context.MEDIA_WORDS_EXACT
        and (index == len(words) - 1 or words[index + 1] not in harm_context.MEDIA_NOT_AFTER)
        for index, word in enumerate(words)
    )
    animal = any(
        word in harm_context.ANIMAL_WORDS or word.startswith(harm_context.ANIMAL_STARTS)
        for word in words
    )
    naming = any(
        word in harm_context.NAMING_VERBS
        and not (index > 0 and words[index - 1] in harm_context.FIRST_PERSON)
        for index, word in enumerate(words)
    )
    assert harm_context.media_context(words) is media
    assert harm_context.animal_context(words) is animal
    assert harm_context.reports_naming(words) is naming
