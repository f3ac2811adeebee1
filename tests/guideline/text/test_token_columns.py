"""The column views of a text (tokens, sentences, word-list hits, spelt-out words) agree with
the token-by-token definitions they replace, on any string."""

from __future__ import annotations

import re
import unicodedata

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.checker.detectors.harmful import _spaced, analyse
from someluotsi.guideline.checker.engine import engine_for
from someluotsi.guideline.model import AuthorRole, ChannelContext
from someluotsi.guideline.text import names
from someluotsi.guideline.text.analysis import AnalysedText, readable_text
from someluotsi.guideline.text.lexicon import Lexicon
from someluotsi.guideline.text.normalize import (
    _SPECIAL,
    UNIFORM,
    NormalizedText,
    Token,
    _dropped,
    _pieces,
    _specials,
)
from someluotsi.guideline.text.patterns import TOKEN
from someluotsi.guideline.text.sentences import ADDRESS_TITLES, sentences
from someluotsi.guideline.text.vocabulary import vocabulary

PIECES = st.sampled_from(
    ["a", "b", "t", "ä", " ", "  ", ".", ". ", "!", "?", "\n", '"', "”", ")", "-", "_", "1",
     "²", "@", "*", "\t", "tapan", "sinut", "idiootti", "Matti", "\u200b", "a\u0308", "İ"]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


def _reference_in_email(normalised: str, tokens: tuple[Token, ...], index: int) -> bool:
    """A dot before token `index` inside an e-mail address: an "@" in the gap after the next
    token ("ville.n@"), or before the previous token or the one before it ("@gmail.com",
    "@mail.kokkola.fi"), read gap by gap (the first gap is the text before the first token)."""

    def gap(number: int) -> str:
        start = tokens[number - 1].end if number else 0
        end = tokens[number].start if number < len(tokens) else len(normalised)
        return normalised[start:end]

    return any(
        0 <= number <= len(tokens) and "@" in gap(number)
        for number in (index + 1, index - 1, index - 2)
    )


def _reference_sentences(text: NormalizedText) -> tuple[list[int], list[list[Token]]]:
    """The token-by-token segmentation the columns replace."""
    tokens, normalised = text.tokens, text.text
    of_token: list[int] = []
    groups: list[list[Token]] = []
    number = -1
    for index, token in enumerate(tokens):
        if index == 0:
            number = 0
            groups.append([])
        else:
            gap = normalised[tokens[index - 1].end : token.start]
            marks = ("." in gap or "!" in gap or "?" in gap) and not gap.strip(" \t.!?\"')”")
            ends = gap != " " and ("\n" in gap or marks)
            # A dot between digits is a date or a number; a full stop with space after a
            # number or a word of up to four letters, before a word in lower case, is a date
            # or an abbreviation: the sentence goes on.
            before = tokens[index - 1].text
            spaced = " " in gap or "\t" in gap
            goes_on = (
                "\n" not in gap
                and "!" not in gap
                and "?" not in gap
                and (
                    (
                        not spaced
                        and gap == "."
                        and (
                            (before.isdigit() and token.text.isdigit())
                            or (len(before) <= 2 and len(token.text) <= 2)
                            or _reference_in_email(normalised, tokens, index)
                        )
                    )
                    or (
                        spaced
                        and (before.isdigit() or len(before) <= 4)
                        and text.cased[token.start : token.start + 1].islower()
                    )
                    # a title of address before a name ("Mrs. Virtanen", "MR. 0" too)
                    or (spaced and before in ADDRESS_TITLES and gap.strip(" ") == ".")
                )
            )
            if ends and not goes_on:
                number += 1
                groups.append([])
        of_token.append(number)
        groups[number].append(token)
    return of_token, groups


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("MR. 0")  # a title of address goes on before anything (Hypothesis, stop 36)
def test_tokens_and_sentences_agree_with_the_token_by_token_definitions(original: str) -> None:
    text = NormalizedText(original)
    expected = tuple(Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text.text))
    assert text.tokens == expected
    table = text.table
    assert table.gaps == [
        text.text[expected[i - 1].end if i else 0 : token.start] for i, token in enumerate(expected)
    ] + [text.text[expected[-1].end if expected else 0 :]]
    assert list(table.distinct) == list(dict.fromkeys(t.text for t in expected))
    found = sentences(text)
    of_token, groups = _reference_sentences(text)
    assert found.of_token == of_token
    assert found.tokens == groups
    assert found.starts == [text.span(t.start, t.end)[0] for t in expected]


LEXICON = Lexicon(
    [("tapan", "a"), ("sinu*", "b"), ("*tti", "c"), ("a b?", "d"), ("t a p", "e"), ("ä", "f")]
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_word_list_hits_are_found_as_on_the_tokens(original: str) -> None:
    text = AnalysedText(original)
    tokens = text.tokens
    expected = []
    for index in range(len(tokens)):
        for term in LEXICON._terms_at(tokens[index].text):
            position = index + 1
            for spec in term.specs[1:]:
                if position < len(tokens) and spec.matches(tokens[position].text):
                    position += 1
                elif not spec.optional:
                    break
            else:
                expected.append((term.text, index, position))
    assert [(m.term.text, m.first, m.last) for m in text.find(LEXICON)] == expected
    assert text.find(LEXICON) == LEXICON.find(tokens)


def _reference_spaced(text: AnalysedText) -> list[tuple[int, int, int, str]]:
    tokens, listed, normalised = text.tokens, text.words, text.text
    found = []
    index = 0
    while index < len(tokens):
        end = index
        while (
            end < len(tokens)
            and len(listed[end]) == 1
            and listed[end].isalpha()
            and (end == index or normalised[tokens[end - 1].end : tokens[end].start] == " ")
        ):
            end += 1
        if end - index >= 3:
            for info in vocabulary().lookup("".join(listed[index:end])):
                if info.category in {"threat_verbs", "fate", "insult", "obscene", "identity"}:
                    found.append((index, tokens[index].start, tokens[end - 1].end, info.lemma))
        index = max(end, index + 1)
    return found


SPACED = st.lists(
    st.sampled_from(["t", "a", "p", "n", "i", "d", "o", "1", "²", "ab", " ", "  ", "-", "."]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(SPACED, TEXTS))
def test_spelt_out_words_are_found_as_token_by_token(original: str) -> None:
    text = AnalysedText(original)
    ctx = CheckContext(
        text=text,
        role=AuthorRole.EMPLOYEE,
        channel=ChannelContext(),
        media=(),
        city=engine_for().rulebook.city,
    )
    found = [(h.index, h.start, h.end, h.info.lemma) for h in _spaced(ctx, vocabulary())]
    assert found == _reference_spaced(text)


def test_spelt_out_threat_is_a_hit() -> None:
    text = AnalysedText("t a p a n sut, 1 t a p a n")
    ctx = CheckContext(
        text=text,
        role=AuthorRole.EMPLOYEE,
        channel=ChannelContext(),
        media=(),
        city=engine_for().rulebook.city,
    )
    spaced = [h for h in analyse(ctx).hits if "+spaced" in h.info.tags]
    assert {(h.index, h.info.lemma) for h in spaced} == {(0, "tappaa"), (7, "tappaa")}


def _reference_normalised(original: str) -> tuple[str, str, list[int], list[int]]:
    """The character-by-character normalisation the per-distinct-character one replaces."""
    out: list[str] = []
    cased: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(original):
        category = unicodedata.category(char)
        if _dropped(char, category):
            continue
        if category == "Mn":
            if out:
                composed = unicodedata.normalize("NFC", out[-1] + char)
                if len(composed) == 1:
                    out[-1] = composed
                    upper = unicodedata.normalize("NFC", cased[-1] + char)
                    cased[-1] = upper if len(upper) == 1 else composed
                    ends[-1] = index + 1
            continue
        for cased_piece, piece in _pieces(char):
            out.append(piece)
            cased.append(cased_piece)
            starts.append(index)
            ends.append(index + 1)
    return "".join(out), "".join(cased), starts, ends


def _reference_readable(original: str) -> tuple[str, list[int], list[int]]:
    uniform = original.translate(UNIFORM)
    uniform = re.sub("[\ud800-\udfff]", "\ufffd", uniform)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for cluster in regex.finditer(r"\X", uniform):
        piece = regex.sub(r"\p{Cf}", "", unicodedata.normalize("NFC", cluster.group()))
        out.append(piece)
        starts.extend([cluster.start()] * len(piece))
        ends.extend([cluster.end()] * len(piece))
    return "".join(out), starts, ends


ODD = st.sampled_from(
    ["\u200b", "\u200d", "\u00ad", "\u0308", "\u0301", "\ufe0f", "İ", "ﬁ", "Å", "а", "𝐀", "–",
     "\u00a0", "👨\u200d👩", "🇫🇮", "e\u0301\u0308", "\ud800", "ǅ", "\r\n", "ß", "\u1100",
     "\u1161", "\u11a8", "가", "\u0600", "\u200e", "\ufeff", "\n", "\r", "é", "\u0345",
     "\u0b47", "\u0b3e", "\u0915\u094d", "\U0001f3fb", "\u2060"]
)  # fmt: skip
ODD_TEXTS = st.lists(st.one_of(ODD, PIECES, st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(ODD_TEXTS)
def test_normalisation_and_reading_agree_with_the_character_by_character_ones(
    original: str,
) -> None:
    text = NormalizedText(original)
    assert _specials(original) == _specials(original * 100) == set(_SPECIAL.findall(original))
    if text._starts is not None:  # the slow path (the others map one character to one)
        expected, cased, starts, ends = _reference_normalised(original)
        assert (text.text, text.cased) == (expected, cased)
        assert [text.span(i, i + 1) for i in range(len(expected))] == list(
            zip(starts, ends, strict=True)
        )
    assert text.digit_count == len(re.findall(r"\d", original))
    reading, mapped = readable_text(original)
    if mapped is not None:  # else one character for one, before and after
        wanted, wanted_starts, wanted_ends = _reference_readable(original)
        assert reading == wanted
        assert (mapped.starts, mapped.ends) == (wanted_starts, wanted_ends)


def test_a_long_text_of_odd_characters_is_normalised_as_character_by_character() -> None:
    for piece in ("a\u200b", "a\u0308", "а\u00ad ", "👨\u200d👩\u200d👧 "):
        original = piece * 3000
        text = NormalizedText(original)
        assert text._starts is not None
        expected, cased, starts, ends = _reference_normalised(original)
        assert (text.text, text.cased) == (expected, cased)
        assert text.span(0, len(expected)) == (starts[0], ends[-1])
        assert readable_text(original)[0] == _reference_readable(original)[0]


def _reference_names(text: NormalizedText) -> list[tuple[int, int, int, int, bool]]:
    """The token-by-token name scan the capitals-only one replaces."""
    tokens, cased, normalised = text.tokens, text.cased, text.text
    of_token = sentences(text).of_token
    found = []

    def capital(index: int) -> bool:
        return (
            index < len(tokens) and cased[tokens[index].start : tokens[index].start + 1].isupper()
        )

    def adjacent(index: int) -> bool:
        gap = normalised[tokens[index - 1].end : tokens[index].start]
        return of_token[index] == of_token[index - 1] and gap.strip(" '’-") == ""

    def dotted(index: int) -> bool:
        """A title of address with its full stop before the token ("Dr. Matti")."""
        gap = normalised[tokens[index - 1].end : tokens[index].start]
        return (
            tokens[index - 1].text in ADDRESS_TITLES
            and gap.strip(" ") == "."
            and of_token[index] == of_token[index - 1]
        )

    index = 0
    while index < len(tokens):
        word = tokens[index].text
        titled = (
            index > 0
            and (adjacent(index) or dotted(index))
            and names._title(tokens[index - 1].text)
        )
        base = names.first_name(word) if capital(index) else None
        surname = (
            index + 1 < len(tokens)
            and capital(index + 1)
            and adjacent(index + 1)
            and names.first_name(tokens[index + 1].text, inflected=False) is None
            and not tokens[index + 1].text.startswith(names.NOT_SURNAMES)
        )
        if base is not None and (surname or titled or base not in names.AMBIGUOUS_NAMES):
            first = index - 1 if titled else index
            last = index + 2 if surname else index + 1
            found.append(
                (tokens[first].start, tokens[last - 1].end, first, last, surname or titled)
            )
            index = last
            continue
        if (
            titled
            and capital(index)
            and not word.isdigit()
            and not word.startswith(names.NOT_SURNAMES)
            and not names._title(word)
        ):
            last = index + 2 if surname else index + 1
            found.append((tokens[index - 1].start, tokens[last - 1].end, index - 1, last, True))
            index = last
            continue
        index += 1
    return found


NAMEY = st.lists(
    st.sampled_from(["Matti", "Liisan", "Onni", "Korhonen", "Korhosen", "valtuutettu",
                     "Dr", "Dr. ", "Mrs. ", "Smith", "kaupunki", "Kokkola", "annan", "Annas",
                     " ", "  ", ". ", "-", "'", "\n", "2", "JA", "ja"]),
    max_size=25,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(NAMEY, TEXTS))
@example("Dr. Matti")  # a title of address with its full stop (found by Hypothesis)
@example("Mrs. Korhonen ja Dr Smith")
def test_names_are_found_as_token_by_token(original: str) -> None:
    text = NormalizedText(original)
    expected = _reference_names(text)
    found = [(n.start, n.end, n.first, n.last, n.certain) for n in names.person_names(text)]
    assert found == expected
    split = sentences(text)
    for number in range(len(split)):
        first, end = split.bounds(number)
        assert [
            (n.start, n.end, n.first, n.last, n.certain)
            for n in names.names_in_sentence(NormalizedText(original), number)
        ] == [name for name in expected if first <= name[2] < end]


def test_a_character_that_reads_as_itself_leaves_every_text_it_is_in_unchanged() -> None:
    """`readable_text`'s shortcut: each character it takes as read as itself, in the contexts
    that could change it (after a letter, before and after a combining mark's absence, next
    to itself and to ASCII), reads as the text the full reading gives."""
    from someluotsi.guideline.text.analysis import _INERT_BLOCKS, _reads_as_itself

    taken = 0
    for low, high in _INERT_BLOCKS:
        for point in range(low, high + 1):
            char = chr(point)
            if not _reads_as_itself(char):
                continue
            taken += 1
            for original in (f"a{char}", f"{char}a", f"{char}{char}", f"e{char} ä{char}."):
                assert readable_text(original) == (original, None), hex(point)
    assert taken > 5_000  # the shortcut covers the blocks' ordinary characters


@given(
    st.lists(
        st.one_of(
            PIECES,
            st.sampled_from(["€", "“", "…", "😀", "é", "\u00a0", "\u2013", "\u0301", "\u2126"]),
        ),
        max_size=30,
    ).map("".join)
)
def test_the_reading_with_the_distinct_characters_is_the_full_reading(original: str) -> None:
    text = NormalizedText(original)
    assert readable_text(original, text.non_ascii)[0] == readable_text(original)[0]
