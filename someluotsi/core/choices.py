"""Choice fields for database rows picked in a form (a unit, a channel, people, media).

Django's `ModelMultipleChoiceField` looks the posted ids up with `pk__in=[...]`; an id longer
than the database's integers (a tampered form: `channels=99999999999999999999999`) reaches the
driver and overflows (OverflowError on SQLite: a server error). These fields refuse any posted
value that is not a whole number within the id range as an ordinary form error ("Select a valid
choice") before a query runs. Every form of the project uses them instead of Django's;
tests/core/test_choice_fields.py walks every form class and refuses a bare Django one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from someluotsi.core.converters import MAX_ID

M = TypeVar("M", bound=models.Model)


def is_id(value: Any) -> bool:
    """True for a database id as a form posts it: a whole number from 0 to 2^63 - 1 (an int or
    its decimal text, ASCII digits only, at most 19 of them)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= MAX_ID
    text = str(value).strip()
    return text.isascii() and text.isdigit() and len(text) <= 19 and int(text) <= MAX_ID


def _integer_key(field: forms.ModelChoiceField[Any]) -> bool:
    if field.queryset is None:
        return False
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    return isinstance(key, models.IntegerField | models.AutoField)


class IdChoiceField(forms.ModelChoiceField[M]):
    """One row by its id; anything that is not an id in range is "Select a valid choice"."""

    def to_python(self, value: Any) -> M | None:
        if value not in self.empty_values and _integer_key(self) and not is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField[M]):
    """Several rows by their ids; a value that is not an id in range is refused with Django's
    "Select a valid choice. X is not one of the available choices." before any query."""

    def _check_values(self, value: Iterable[Any]) -> models.QuerySet[M]:
        if _integer_key(self) and not isinstance(value, str | bytes):
            for item in value:
                if not is_id(item):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(item)[:40]},
                    )
        checked: models.QuerySet[M] = super()._check_values(value)  # type: ignore[misc]
        return checked
