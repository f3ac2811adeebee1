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

from someluotsi.core.typed_text import api_text_check, form_text_check, with_text_policy
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
    forms.CharField.

    Every such field also applies the typed-text policy (core.typed_text): a control character,
    NUL, noncharacter or lone surrogate is refused with a message naming it and its position,
    and a text over `max_length` with the product's own message (the API's fields say the
    same); the widget reads a NUL as typed and shows refused characters as U+FFFD."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget = with_text_policy(self.widget)

    def to_python(self, value: Any) -> Any:
        """The value (blank counts as ""). Raises ValidationError ("too_long",
        "control_characters") when it breaks the typed-text policy."""
        value = super().to_python(blank_to_empty(value))
        form_text_check(value, max_length=self.max_length)
        return value


class TextAreaFormField(VisibleTextFormField):
    """A form field for a draft, post or reply: a text that shows nothing counts as empty, and
    gets the field's own "required" message. The value is otherwise kept as typed."""


class VisibleTextSerializerField(serializers.CharField):
    """The API's counterpart of `VisibleTextFormField`: a string that shows nothing is taken as
    "", so a field without `allow_blank` refuses it with the "may not be blank" message (in the
    caller's language) and one with it stores "". A JSON string only (a number or boolean is
    refused as "Not a valid string.", never turned into text), and the typed-text policy
    (core.typed_text) applies: refused characters and the over-length text get the same
    messages as on the pages."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        return super().run_validation(blank_to_empty(data))

    def to_internal_value(self, data: Any) -> str:
        """The string. Raises ValidationError ("invalid", "too_long", "control_characters")."""
        if not isinstance(data, str):
            self.fail("invalid")
        value = str(super().to_internal_value(data))
        api_text_check(value, max_length=self.max_length)
        return value


class TextSerializerField(serializers.CharField):
    """An API field for a draft or reply: a JSON string only (never a number or boolean turned
    into one), and a text that shows nothing is refused as blank (unless `allow_blank`); the
    typed-text policy (core.typed_text) applies as on the pages.

    Raises ValidationError ("invalid", "blank", "too_long", "control_characters")."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if not self.allow_blank and is_blank(data):
            self.fail("blank")
        value = str(super().to_internal_value(data))
        api_text_check(value, max_length=self.max_length)
        return value


def trimmed(text: str) -> str:
    """`text` without surrounding whitespace, or "" when it shows nothing at all."""
    return "" if is_blank(text) else text.strip()
