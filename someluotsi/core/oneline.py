"""One-line text: names, handles, titles, subjects and other fields shown on one line.

A line break or another control character in a one-line field breaks e-mail headers (a channel
name goes into a notification's subject), CSV rows and page layouts, and bidirectional
overrides disguise what a name says. Such fields refuse them at validation with a clear
message, in forms (`OneLineFormField`), the API (`OneLineSerializerField`) and services (the
model guard below refuses them on every save, whatever path the value took); values that come
from outside and must not be lost (a platform's author handle, an e-mail subject built from
names) are flattened with `one_line` instead.

Refused: every C0/C1 control character (category Cc, which includes TAB, LF, CR and NUL), the
line and paragraph separators U+2028/U+2029, and the bidirectional embedding, override and
isolate controls U+202A-U+202E and U+2066-U+2069.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from someluotsi.core.blank import VisibleTextFormField, VisibleTextSerializerField, is_blank
from someluotsi.core.errors import ApplicationError
from someluotsi.core.typed_text import displayable

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SEPARATORS = frozenset("\u2028\u2029")
_MULTILINE_ALLOWED = frozenset("\n\r\t")

MESSAGE = _("Write this on one line, without line breaks or control characters.")
MULTILINE_MESSAGE = _("Remove the control characters from this text.")
BLANK_MESSAGE = _("This shows nothing: it has only spaces or invisible characters. Write the text.")


def _forbidden(char: str) -> bool:
    return char in _BIDI or char in _SEPARATORS or unicodedata.category(char) == "Cc"


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    """True when `value` holds a character a one-line field refuses (with `multiline`, line
    breaks and tabs are allowed, the other control characters are not)."""
    return any(_forbidden(ch) and not (multiline and ch in _MULTILINE_ALLOWED) for ch in value)


def one_line(value: str) -> str:
    """`value` with every refused character turned into a space and runs of spaces collapsed."""
    return " ".join("".join(" " if _forbidden(ch) else ch for ch in value).split())


def neutralised(value: str) -> str:
    """A text kept on its lines: every refused character but line breaks and tabs turned into
    a space (a platform's message body, which must not be lost nor drive a terminal or flip
    the direction of what follows), and every noncharacter or lone surrogate into U+FFFD, the
    visible replacement character (core.typed_text.displayable: PostgreSQL cannot store a
    surrogate, and HTML forbids both in a page)."""
    return displayable(
        "".join(" " if _forbidden(ch) and ch not in _MULTILINE_ALLOWED else ch for ch in value)
    )


def refuse_typed_control_characters(value: str, *, label: str = "") -> None:
    """Text a person typed in a text area (a review comment, a post's first comment that goes
    to the platform): line breaks and tabs are fine, any other control character or direction
    override is refused with a clear message (ApplicationError, 400, `control_characters`),
    never stored. Platform data is `neutralised` instead."""
    if has_control_characters(value, multiline=True):
        message = str(MULTILINE_MESSAGE)
        raise ApplicationError(
            f"{label}: {message}" if label else message, code="control_characters"
        )


def validate_multiline(value: Any) -> None:
    """Django validator for a text area: line breaks and tabs allowed, other controls not."""
    if isinstance(value, str) and has_control_characters(value, multiline=True):
        raise ValidationError(MULTILINE_MESSAGE, code="control_characters")


class MultiLineFormField(VisibleTextFormField):
    """A form field for text typed in a text area (one that shows nothing counts as empty)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_multiline)


def validate_one_line(value: Any) -> None:
    """Django validator (forms, serializers, model fields)."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(MESSAGE, code="control_characters")


class OneLineFormField(VisibleTextFormField):
    """A form field for one line of text (one that shows nothing counts as empty)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_one_line)


class OneLineSerializerField(VisibleTextSerializerField):
    """An API field for one line of text (one that shows nothing counts as blank)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_one_line)


# Model fields that may hold line breaks (they are edited in a text area), and models whose
# character fields are not staff input: platform data kept as delivered (flattened where shown
# on one line), generated subjects and labels, the audit trail.
MULTILINE_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {
        ("channels.channelplan", "target_notes"),
        ("channels.channelplan", "resource_notes"),
        ("channels.channel", "target_notes"),
        ("channels.channel", "resource_notes"),
        ("channels.channelrequest", "target_notes"),
        ("channels.channelrequest", "resource_notes"),
    }
)
GUARDED_APPS = frozenset({"accounts", "channels", "incidents", "metrics"})
EXEMPT_MODELS = frozenset({"metrics.metricimport"})


def refuse_control_characters(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    """pre_save guard: a one-line character field of a staff-edited model never stores a
    control character, nor a required one (blank=False) a value that shows nothing
    (core.blank.is_blank: zero-width or other invisible characters only), whichever path
    (form, API, service, command) the value took.

    Raises ApplicationError (400, code `control_characters`, the field in `details`), which
    pages show as a refusal and the API answers in its error shape.
    """
    meta = sender._meta
    if kwargs.get("raw") or meta.app_label not in GUARDED_APPS:
        return
    if meta.label_lower in EXEMPT_MODELS:
        return
    for field in meta.concrete_fields:
        if not isinstance(field, models.CharField) or field.choices:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and value and not field.blank and is_blank(value):
            message = str(BLANK_MESSAGE)
            raise ApplicationError(
                f"{str(field.verbose_name).capitalize()}: {message}",
                code="blank_text",
                details={field.name: [message]},
            )
        multiline = (meta.label_lower, field.name) in MULTILINE_FIELDS
        if isinstance(value, str) and has_control_characters(value, multiline=multiline):
            message = str(MULTILINE_MESSAGE if multiline else MESSAGE)
            raise ApplicationError(
                f"{str(field.verbose_name).capitalize()}: {message}",
                code="control_characters",
                details={field.name: [message]},
            )
