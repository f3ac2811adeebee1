"""Blank text: a draft, reply or comment that shows nothing to a reader.

A text of spaces, line breaks, zero-width or other invisible format characters (U+200B, U+2060,
U+FEFF, the soft hyphen U+00AD, direction marks), combining marks with nothing to sit on, or
filler characters that draw as empty space, is as empty as "" for the person who reads it. Every
path that takes such a text (checker page, check API, composer, reply and comment forms, the
services behind them) treats it as missing, with the same message as an empty field, so that an
invisible draft is never checked as "no problems found" nor published.

Blank characters: `str.isspace`, Unicode categories Cc (controls), Cf (format), Zs/Zl/Zp
(separators), Mn/Mc/Me (combining marks), and the fillers listed in `_FILLERS`. The test is one
pass over the text (linear), with no regular expression.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from rest_framework import serializers

_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
# Letters and symbols that are drawn as empty space: Hangul fillers, the blank braille pattern,
# the Mongolian vowel separator (Cf in older Unicode versions), the Ogham space mark.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u1680")


def _blank_char(char: str) -> bool:
    return char.isspace() or char in _FILLERS or unicodedata.category(char) in _BLANK_CATEGORIES


def is_blank(text: str) -> bool:
    """True when `text` has no character a reader would see (empty text included).

    `text`: any string; runs in time linear in its length and never raises.
    """
    return all(_blank_char(ch) for ch in text)


def blank_to_empty(value: Any) -> Any:
    """`value` itself, or "" when it is a string that shows nothing (so "required" applies)."""
    if isinstance(value, str) and is_blank(value):
        return ""
    return value


class TextAreaFormField(forms.CharField):
    """A form field for a draft, post or reply: a text that shows nothing counts as empty, and
    gets the field's own "required" message. The value is otherwise kept as typed."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(blank_to_empty(value))


class TextSerializerField(serializers.CharField):
    """An API field for a draft or reply: a JSON string only (never a number or boolean turned
    into one), and a text that shows nothing is refused as blank (unless `allow_blank`)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if not self.allow_blank and is_blank(data):
            self.fail("blank")
        return str(super().to_internal_value(data))


def trimmed(text: str) -> str:
    """`text` without surrounding whitespace, or "" when it shows nothing at all."""
    return "" if is_blank(text) else text.strip()
