"""Blank text (text/blank.py): what shows nothing to a reader, the same test for the command
line, the library and the web side (core/blank.py uses it)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from someluotsi.guideline.text.blank import FILLERS, blank_char, is_blank

BLANKS = [
    "",
    " \t\n\r\x0b\x0c",
    "\x00\x01\x1f\x7f",
    "\u00a0\u2007\u202f",  # no-break spaces
    "\u2002\u2003\u2009\u200a\u3000\u205f",  # en, em, thin, hair, ideographic, math spaces
    "\u2028\u2029\u0085",  # line and paragraph separators, next line
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width characters
    "\u00ad\u200e\u200f\u202a\u202e\u2066\u2069",  # soft hyphen, direction marks
    "\u0301\u0308\u20dd",  # combining marks alone
    "\u115f\u1160\u3164\uffa0\u2800\u180e\u1680",  # fillers
]
VISIBLE = ["a", "ä", " x ", "\u200bHei", "1", ".", "🎉", "م", "Я", "\u00a0-\u00a0", "\u0301a"]


@pytest.mark.parametrize("text", BLANKS)
def test_what_shows_nothing_is_blank(text: str) -> None:
    assert is_blank(text)
    assert is_blank(text * 3 + " ")


@pytest.mark.parametrize("text", VISIBLE)
def test_a_visible_character_is_not_blank(text: str) -> None:
    assert not is_blank(text)
    assert not is_blank(f"\u00a0\u200b{text}\u2003")


def _reference(char: str) -> bool:
    return (
        char.isspace()
        or char in FILLERS
        or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"}
    )


def test_the_ascii_fast_path_agrees_with_the_character_test() -> None:
    for code in range(128):
        char = chr(code)
        assert blank_char(char) == _reference(char)
        assert is_blank(char) == _reference(char), hex(code)
        assert is_blank(f" {char}\t") == _reference(char), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_is_blank_is_every_character_blank(text: str) -> None:
    assert is_blank(text) == all(_reference(char) for char in text)
