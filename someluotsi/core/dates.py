"""Dates a client sends (query strings, forms, API bodies) stay within sensible years.

Python's dates run from year 1 to 9999, but a calendar page, a range filter or a report that
adds a day or a time zone to 0001-01-01 or 9999-12-31 overflows (OverflowError, ValueError:
year 10000), which would be a 500 for a client's mistake. Every date or time parameter is read
through this module: `parse_query_date` for query strings (an `ApplicationError`, a 400 with a
message, for nonsense), `BoundedDateField`/`BoundedDateTimeField` in forms and
`BoundedDateSerializerField`/`BoundedDateTimeSerializerField` in the API (a field error).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from someluotsi.core.errors import ApplicationError

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)

RANGE_MESSAGE = _("Give a date between %(earliest)s and %(latest)s.")
INVALID_MESSAGE = _("Give a date as YYYY-MM-DD, e.g. 2026-03-01.")


def _range_message() -> str:
    return str(RANGE_MESSAGE) % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()}


def in_bounds(value: date | datetime) -> bool:
    """True when the day of `value` lies within EARLIEST…LATEST."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def validate_bounded_date(value: Any) -> None:
    """Django validator for a date or datetime."""
    if isinstance(value, date) and not in_bounds(value):
        raise ValidationError(_range_message(), code="date_out_of_range")


def parse_query_date(value: str | None, default: date | None = None) -> date | None:
    """A date from a query string: `default` when absent or empty; an ApplicationError (400,
    code `invalid_date`) when it is not a date or lies outside the sensible years."""
    if value is None or not value.strip():
        return default
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ApplicationError(str(INVALID_MESSAGE), code="invalid_date") from None
    if not in_bounds(day):
        raise ApplicationError(_range_message(), code="invalid_date")
    return day


class BoundedDateField(forms.DateField):
    """A form date within EARLIEST…LATEST."""

    default_validators = [validate_bounded_date]  # noqa: RUF012 (Django's own pattern)


class BoundedDateTimeField(forms.DateTimeField):
    """A form date and time within EARLIEST…LATEST."""

    default_validators = [validate_bounded_date]  # noqa: RUF012


class BoundedDateSerializerField(serializers.DateField):
    """An API date within EARLIEST…LATEST."""

    def to_internal_value(self, value: Any) -> date:
        day = super().to_internal_value(value)
        if not in_bounds(day):
            raise serializers.ValidationError(_range_message(), code="date_out_of_range")
        return day


class BoundedDateTimeSerializerField(serializers.DateTimeField):
    """An API date and time within EARLIEST…LATEST."""

    def to_internal_value(self, value: Any) -> datetime:
        moment = super().to_internal_value(value)
        if not in_bounds(moment):
            raise serializers.ValidationError(_range_message(), code="date_out_of_range")
        return moment
