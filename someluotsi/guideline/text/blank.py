"""Blank text: a draft, reply or message that shows nothing to a reader.

A text of spaces (ordinary, no-break, em, ideographic...), line breaks, zero-width or other
invisible format characters (U+200B, U+2060, U+FEFF, the soft hyphen U+00AD, direction marks),
combining marks with nothing to sit on, or filler characters that draw as empty space, is as
empty as "" for the person who reads it. The command line refuses it as it refuses "" (exit 3,
empty_text), and the web side (core/blank.py, which uses this test) treats it as a missing
field, so that an invisible draft is never checked as "no problems found".

Blank characters: `str.isspace`, Unicode categories Cc (controls), Cf (format), Zs/Zl/Zp
(separators), Mn/Mc/Me (combining marks), and the fillers listed in `FILLERS`. The test is one
pass over the text (linear), with no regular expression, and stops at the first visible
character.
"""

from __future__ import annotations

import unicodedata

BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
# Letters and symbols that are drawn as empty space: Hangul fillers, the blank braille pattern,
# the Mongolian vowel separator (Cf in older Unicode versions), the Ogham space mark.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u1680")
# The blank ASCII characters: the controls (Cc, white space among them) and the space.
_ASCII_BLANK = "".join(map(chr, range(33))) + "\x7f"


def blank_char(char: str) -> bool:
    """Whether one character shows nothing (module doc)."""
    return char.isspace() or char in FILLERS or unicodedata.category(char) in BLANK_CATEGORIES


def is_blank(text: str) -> bool:
    """True when `text` has no character a reader would see (empty text included).

    `text`: any string; runs in time linear in its length, stops at the first visible
    character and never raises.
    """
    if text.isascii():
        return not text.strip(_ASCII_BLANK)  # the common case, at C speed
    return all(map(blank_char, text))
