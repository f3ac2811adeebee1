"""Blank text: a draft, reply or comment that shows nothing to a reader.

A text of spaces, line breaks, zero-width or other invisible format characters (U+200B, U+2060,
U+FEFF, the soft hyphen U+00AD, direction marks), combining marks with nothing to sit on, or
filler characters that draw as empty space, is as empty as "" for the person who reads it. Every
path that takes such a text (checker page, check API, composer, reply and comment forms, the
services behind them) treats it as missing, with the same message as an empty field, so that an
invisible draft is never checked as "no problems found" nor published.

The test itself is the engine's (`someluotsi.guideline.text.blank`), so that the command line,
the library and the web pages refuse the same texts: `str.isspace`, Unicode categories Cc, Cf,
Zs/Zl/Zp, Mn/Mc/Me and the fillers that draw as empty space; linear, no regular expression.
"""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework import serializers

from someluotsi.guideline.text.blank import is_blank

__all__ = (
    "TextAreaFormField",
    "TextSerializerField",
    "VisibleTextFormField",
    "VisibleTextSerializerField",
    "blank_to_empty",
    "is_blank",
    "trimmed",
)


def blank_to_empty(value: Any) -> Any:
    """`value` itself, or "" when it is a string that shows nothing (so "required" applies)."""
    if isinstance(value, str) and is_blank(value):
        return ""
    return value


class VisibleTextFormField(forms.CharField):
    """The one place where a form's text field learns that invisible text is no text: a value
    that shows nothing (`is_blank`: spaces, zero-width and other format characters, lone
    combining marks, fillers) counts as empty, so a required field refuses it with its own
    "required" message (in the reader's language) and an optional one stores "". Every text
    field of the app's forms is this or a subclass (OneLineFormField, MultiLineFormField,
    TextAreaFormField); tests/core/test_visible_text.py checks that no form uses a bare
    forms.CharField."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(blank_to_empty(value))


class TextAreaFormField(VisibleTextFormField):
    """A form field for a draft, post or reply: a text that shows nothing counts as empty, and
    gets the field's own "required" message. The value is otherwise kept as typed."""


class VisibleTextSerializerField(serializers.CharField):
    """The API's counterpart of `VisibleTextFormField`: a string that shows nothing is taken as
    "", so a field without `allow_blank` refuses it with the "may not be blank" message (in the
    caller's language) and one with it stores ""."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        return super().run_validation(blank_to_empty(data))


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
