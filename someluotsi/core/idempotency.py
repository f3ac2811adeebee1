"""One-time keys of creation forms: a double submit creates one object.

A creation form carries a hidden key made when the empty form is shown (`FormKeyField`,
`new_form_key`); the service stores it with what it creates and, given the same key by the
same person again, hands back the first result instead of creating a second one (a unique
constraint settles two submits that arrive at once). A missing key (an older page, a script)
creates as before.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django import forms

from someluotsi.core.oneline import OneLineFormField

KEY_LENGTH = 64
_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_form_key() -> str:
    """A fresh key for one showing of a creation form (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def clean_form_key(value: str) -> str:
    """The key as stored: URL-safe, 16 to 64 characters; anything else counts as none ("")."""
    return value if _KEY.fullmatch(value or "") else ""


class FormKeyField(OneLineFormField):
    """The hidden one-time key of a creation form (never required, never shown)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", KEY_LENGTH)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        return clean_form_key(str(super().clean(value) or ""))
