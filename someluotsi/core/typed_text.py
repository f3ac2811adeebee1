"""Free text a person types: one policy for every page and every API field.

Every form text field (`core.blank.VisibleTextFormField` and its subclasses) and every API text
field (`core.blank.VisibleTextSerializerField`, `TextSerializerField`, `OneLineSerializerField`)
applies this policy, so that the check page and the check API (and the composer, reply, note
and register forms beside their endpoints) answer the same input with the same words:

- Refused, with a message in the reader's language that names the problem, its code point and
  its position (the first one found; positions count characters from 1):
  - NUL (U+0000);
  - the other C0 control characters except tab, line feed and carriage return (U+0001-U+0008,
    U+000B, U+000C, U+000E-U+001F), DEL (U+007F) and the C1 controls (U+0080-U+009F);
  - noncharacters (U+FDD0-U+FDEF and the last two code points of every plane: U+FFFE, U+FFFF,
    U+1FFFE, ...);
  - lone surrogates (U+D800-U+DFFF: a JSON "\\ud800" escape; a page's UTF-8 cannot carry one).
  The HTML standard forbids these in a page's text, PostgreSQL cannot store NUL nor a
  surrogate, and none of them is anything a person means to publish.
- Normalised: nothing is changed in silence. A text that shows nothing counts as empty
  (`core.blank`); whitespace is trimmed only where a field says so (`strip`/`trim_whitespace`).
- The limit: a field's `max_length`, counted in characters (code points) as typed; a longer text
  is refused with the product's own message that names the length and the limit, written the
  reader's way ("100 000"), never Django's or DRF's generic one.

A value that is not a string (a number, a list) is refused by the API fields before this runs
("Not a valid string."), and a choice given as a list by `StringChoiceField`.

Text a connector delivers from a platform is never refused (connectors/ingest.py, through
inbox.services): it is kept with these characters turned into U+FFFD on storing
(`core.oneline.neutralised`), and `displayable` does the same on display for anything stored
before. The ingestion API's client types what it sends: its fields apply this policy
(inbox.apis).

Linear: one regular-expression character class searched once (no repetition, no backtracking).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from someluotsi.core.errors import ApplicationError
from someluotsi.guideline.text.refused import REFUSED, refused_kind

__all__ = (
    "RefusedCharacter",
    "StringChoiceField",
    "TextPolicyWidget",
    "displayable",
    "first_refused",
    "posted_text",
    "refused_message",
    "text_problem",
    "too_long_message",
)

REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class RefusedCharacter:
    """The first refused character of a text: `position` counts characters from 1, `kind` is
    "nul", "control", "noncharacter" or "surrogate"."""

    position: int
    char: str

    @property
    def code_point(self) -> str:
        """ "U+0000", "U+FFFE", "U+1FFFF"."""
        return f"U+{ord(self.char):04X}"

    @property
    def kind(self) -> str:
        """ "nul", "surrogate", "control" or "noncharacter" (guideline.text.refused)."""
        return refused_kind(self.char)


def first_refused(text: str) -> RefusedCharacter | None:
    """The first character of `text` the policy refuses (module doc), or None. Linear."""
    found = REFUSED.search(text)
    if found is None:
        return None
    return RefusedCharacter(position=found.start() + 1, char=found.group())


def _number(value: int) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)


def refused_message(found: RefusedCharacter) -> str:
    """What is wrong, in the active language: the kind, the code point and the position."""
    values = {"code": found.code_point, "position": _number(found.position)}
    if found.kind == "nul":
        return (
            _(
                "The text has a NUL character (%(code)s) at character %(position)s. "
                "Remove it and try again."
            )
            % values
        )
    if found.kind == "surrogate":
        return (
            _(
                "The text has a broken character (a lone surrogate, %(code)s) at character "
                "%(position)s. Remove it and try again."
            )
            % values
        )
    if found.kind == "noncharacter":
        return (
            _(
                "The text has a character that is not meant for text (%(code)s) at character "
                "%(position)s. Remove it and try again."
            )
            % values
        )
    return (
        _(
            "The text has an invisible control character (%(code)s) at character %(position)s. "
            "Remove it and try again."
        )
        % values
    )


def too_long_message(*, limit: int, length: int) -> str:
    """The product's over-length message in the active language, both figures its way."""
    return _("The text is too long: %(length)s characters, at most %(max)s.") % {
        "length": _number(length),
        "max": _number(limit),
    }


def text_problem(text: str, *, max_length: int | None) -> tuple[str, str] | None:
    """(code, message) when `text` breaks the policy, else None: "too_long" over `max_length`
    (checked first), else "control_characters" for a refused character."""
    if max_length is not None and len(text) > max_length:
        return "too_long", too_long_message(limit=max_length, length=len(text))
    found = first_refused(text)
    if found is not None:
        return "control_characters", refused_message(found)
    return None


def posted_text(data: Any, name: str, default: str = "") -> str:
    """A free text a view reads from a page's form itself (no form field: an incident's note
    or reply draft, a clearance draft, a platform reply), under the same policy as a form's
    text field: read as typed, a NUL included (the request middleware removed it for raw
    readers, `NulRemovedQueryDict.typed_value`; reading it here takes the general "NUL
    characters were removed" message back, as a field does), and a refused character refused
    with the message that names it and its position. Without this, "\\x00" alone reached the
    service as "" and was answered "write the reply first".

    Raises ApplicationError (code "control_characters", details {"field": name}); the
    service still applies its own limit and blank check."""
    typed = getattr(data, "typed_value", None)
    value = typed(name) if typed is not None else None
    if value is None:
        value = data.get(name, default)
    if not isinstance(value, str):
        return default
    found = first_refused(value)
    if found is not None:
        raise ApplicationError(
            refused_message(found), code="control_characters", details={"field": name}
        )
    return value


def displayable(text: str) -> str:
    """`text` with every refused character turned into U+FFFD, the visible replacement
    character: for showing a text on a page (valid HTML) without losing where it was odd."""
    return REFUSED.sub(REPLACEMENT, text) if REFUSED.search(text) else text


class TextPolicyWidget:
    """Mixed into a text field's widget (`core.blank.VisibleTextFormField` does it): the value
    is read as typed, a NUL included (the request middleware removes NUL characters from a
    page's form for every raw reader, and keeps what was typed for these fields, so that the
    field refuses it with the same message as the API), and a value is shown with refused
    characters made visible (`displayable`), so a re-filled form stays valid HTML."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        typed = getattr(data, "typed_value", None)
        if typed is not None:
            value = typed(name)
            if value is not None:
                return value
        return super().value_from_datadict(data, files, name)  # type: ignore[misc]

    def format_value(self, value: Any) -> Any:
        shown = super().format_value(value)  # type: ignore[misc]
        return displayable(shown) if isinstance(shown, str) else shown


_WIDGET_CLASSES: dict[type[forms.Widget], type[forms.Widget]] = {}


def with_text_policy(widget: forms.Widget) -> forms.Widget:
    """`widget` itself, its class given `TextPolicyWidget` (one subclass per widget class)."""
    if isinstance(widget, TextPolicyWidget):
        return widget
    base = type(widget)
    policy = _WIDGET_CLASSES.get(base)
    if policy is None:
        policy = type(f"Policy{base.__name__}", (TextPolicyWidget, base), {})
        _WIDGET_CLASSES[base] = policy
    widget.__class__ = policy
    return widget


def form_text_check(value: Any, *, max_length: int | None) -> None:
    """Raises Django's ValidationError (codes "too_long", "control_characters") when a form
    value breaks the policy."""
    if isinstance(value, str):
        problem = text_problem(value, max_length=max_length)
        if problem is not None:
            raise ValidationError(problem[1], code=problem[0])


def api_text_check(value: Any, *, max_length: int | None) -> None:
    """Raises DRF's ValidationError (codes "too_long", "control_characters") when an API
    value breaks the policy."""
    if isinstance(value, str):
        problem = text_problem(value, max_length=max_length)
        if problem is not None:
            raise serializers.ValidationError(problem[1], code=problem[0])


class StringChoiceField(serializers.ChoiceField):
    """A choice that must be given as a string: a list, number or object is refused with
    "Must be a string: one of fi, sv, en." (DRF's choice error would print the list back,
    "\"['sv']\" is not a valid choice."); an unknown string keeps the field's own message."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "not_a_string": gettext_lazy("Must be a string: one of %(choices)s."),
        "invalid_choice": gettext_lazy('"{input}" is not a valid choice: one of {choices}.'),
    }

    def to_internal_value(self, data: Any) -> Any:
        """The chosen value. Raises ValidationError "not_a_string" for anything but a
        string, "invalid_choice" (naming the valid values, unless the field words its own)
        for a string that is no choice."""
        choices = ", ".join(str(key) for key in self.choices)
        if not isinstance(data, str):
            message = self.error_messages["not_a_string"] % {"choices": choices}
            raise serializers.ValidationError(message, code="not_a_string")
        if data == "" and self.allow_blank:
            return ""
        if data not in self.choice_strings_to_values:
            self.fail("invalid_choice", input=data[:80], choices=choices)
        return self.choice_strings_to_values[data]
