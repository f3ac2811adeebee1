"""The fast paths of normalisation (special characters found among a text's distinct
characters, replaced with `str.replace`, digits counted per digit) give what the definition
gives: the special characters (`_SPECIAL`) found in the whole text, none of them: lower case;
each one a single character: each translated; else character by character. On Finnish,
Swedish and English texts with odd Unicode."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.text.normalize import (
    _SPECIAL,
    NormalizedText,
    _digit_count,
    _non_ascii,
    _replace_each,
    _simple,
    _specials,
)

TABLE = [
    "Kaupunginkirjasto on auki arkisin klo 10–20 (§ 131), liput 12,50 €.",
    "Stadsbiblioteket har öppet vardagar kl. 10—20; Åsa ringer på 040\u00a0123\u202f4567.",
    "The city board met on 12 June 2025 — tickets cost 12.50 euros.",
    "ÄITI JA ISÄ ÖISIN ÅLANDISSA",
    "kokkolа.fi ja ｋｏｋｋｏｌａ",  # Cyrillic a, full-width letters
    "İstanbul ja ǅemal",  # lower-cases to more characters; a title-case digraph
    "a\u0308iti ja so\u00adme ja sa\u200blasana",  # combining mark, soft hyphen, zero width
    "hetu 131052\u2011308T ja puh. ０４０ １２３ ４５６７ ja ٣٤٥",  # other digits
    "ﬁlmi ja ½ ja ² ja ™ ja № 5",  # compatibility forms
    "μια κοινή πρόταση και Ωmega",  # Greek, the Ohm sign
    "\ud800 yksinäinen sijaiskoodi",  # a lone surrogate
    "ΟΔΟΣ– ja ΣΑ § ΟΔΟΣ\u00a0x",  # a capital sigma lower-cases by its neighbours
    "Ⓐ ja Ⅻ ja K ja Å – ok",  # enclosed, Roman numeral, Kelvin and Ångström signs
    "",
    "pelkkää ASCII:ta ei ole: vain ascii text 123",
]
PIECES = st.sampled_from(
    ["Kokkola", " ", "ä", "Ö", "å", "–", "—", "§", "€", "\u00a0", "\u202f", "\u2011", "İ",
     "а", "Ω", "\u2126", "ｋ", "１", "٣", "²", "½", "ﬁ", "\u200b", "\u00ad", "a\u0308", "ǅ",
     "\ud800", "é", "ß", "ẞ", "ς", "Σ", "040 123 4567", ".", "\n", "𝐀", "\ufe0f", "№"]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join)


def _slow(original: str) -> NormalizedText:
    """`original` normalised character by character, whatever its characters."""
    text = NormalizedText.__new__(NormalizedText)
    text.original = original
    text._slow_path()
    return text


def _reference(original: str) -> tuple[str, str, list[tuple[int, int]]]:
    """(text, cased, the original span of each character of text) by the definition."""
    special = set(_SPECIAL.findall(original))
    lowered = original.lower()
    one_to_one = [(i, i + 1) for i in range(len(original))]
    if len(lowered) == len(original):
        if not special:
            return lowered, original, one_to_one
        pieces = {char: _simple(char) for char in special}
        if all(pieces.values()):
            cased = original.translate({ord(c): m[0] for c, m in pieces.items() if m})
            text = original.translate({ord(c): m[1] for c, m in pieces.items() if m}).lower()
            if len(text) == len(original):
                return text, cased, one_to_one
    slow = _slow(original)
    return slow.text, slow.cased, [slow.span(i, i + 1) for i in range(len(slow.text))]


def _assert_as_defined(original: str) -> None:
    fast = NormalizedText(original)
    spans = [fast.span(i, i + 1) for i in range(len(fast.text))]
    assert (fast.text, fast.cased, spans) == _reference(original)
    assert fast.digit_count == len(re.findall(r"\d", original))


@pytest.mark.parametrize("original", TABLE)
def test_normalisation_is_as_defined(original: str) -> None:
    _assert_as_defined(original)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_normalisation_is_as_defined_on_any_text(original: str) -> None:
    _assert_as_defined(original)
    assert _specials(original) == set(_SPECIAL.findall(original))
    assert _digit_count(original, _non_ascii(original)) == len(re.findall(r"\d", original))


def test_no_character_lower_cases_to_a_special_one_unless_special_itself() -> None:
    # What lower-casing before replacing the special characters relies on.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if lowered != char and any(_SPECIAL.match(piece) for piece in lowered):
            assert _SPECIAL.match(char), hex(code)


def test_a_finnish_post_with_a_dash_and_a_section_sign_maps_one_to_one() -> None:
    text = NormalizedText("Kokous 12.6.2025 (§ 131) klo 10–12, Äänekoski.")
    assert text._starts is None  # no offset map: one character for one
    assert text.text == "kokous 12.6.2025 (§ 131) klo 10-12, äänekoski."
    assert text.cased == "Kokous 12.6.2025 (§ 131) klo 10-12, Äänekoski."


@pytest.mark.parametrize(
    "mapping",
    [
        {"a": "b", "b": "c"},  # chained: "a" must not go on to "c"
        {"–": "-", "§": "§", "\u00a0": " "},
        {"x": "y", "y": "x"},  # swapped
        {},
    ],
)
def test_replace_each_replaces_all_at_once_as_translate_does(mapping: dict[str, str]) -> None:
    text = "ab–§\u00a0xyba"
    table = {ord(char): value for char, value in mapping.items()}
    assert _replace_each(text, mapping) == text.translate(table)
