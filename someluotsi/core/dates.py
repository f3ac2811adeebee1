"""Dates a client sends (query strings, forms, API bodies) stay within sensible years.

Python's dates run from year 1 to 9999, but a calendar page, a range filter or a report that
adds a day or a time zone to 0001-01-01 or 9999-12-31 overflows (OverflowError, ValueError:
year 10000), which would be a 500 for a client's mistake. Every date or time parameter is read
through this module: `parse_query_date` for query strings (an `ApplicationError`, a 400 with a
message, for nonsense), `BoundedDateField`/`BoundedDateTimeField` in forms and
`BoundedDateSerializerField`/`BoundedDateTimeSerializerField` in the API (a field error).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
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


# How far either way the search for the edges of a skipped or repeated hour goes (minutes).
CLOCK_CHANGE_SEARCH = 240


def _clock_change(naive: datetime, zone: tzinfo) -> str | None:
    """ "skipped" when the wall-clock time `naive` does not exist in `zone` (the clocks go
    forward over it), "repeated" when it comes twice (the clocks go back), else None."""
    earlier = naive.replace(tzinfo=zone, fold=0)
    later = naive.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return None
    back = earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return "repeated" if back == naive else "skipped"


def local_time_problem(naive: datetime, zone: tzinfo | None = None) -> str | None:
    """A translated sentence when the wall-clock time `naive` does not exist in `zone` (the
    installation's zone unless given: Europe/Helsinki, where 03:00–03:59 is skipped on the last
    Sunday of March and comes twice on the last Sunday of October), naming the times to pick
    instead; None for an ordinary time."""
    zone = zone or timezone.get_default_timezone()
    kind = _clock_change(naive, zone)
    if kind is None:
        return None
    minute = naive.replace(second=0, microsecond=0, tzinfo=None)
    step = timedelta(minutes=1)
    start = minute
    for _step in range(CLOCK_CHANGE_SEARCH):
        if _clock_change(start - step, zone) != kind:
            break
        start -= step
    end = minute + step
    for _step in range(CLOCK_CHANGE_SEARCH):
        if _clock_change(end, zone) != kind:
            break
        end += step
    values = {
        "day": formats.date_format(naive.date(), "SHORT_DATE_FORMAT"),
        "time": formats.time_format(naive.time(), "TIME_FORMAT"),
        "start": formats.time_format(start.time(), "TIME_FORMAT"),
        "end": formats.time_format(end.time(), "TIME_FORMAT"),
    }
    if kind == "skipped":
        message = gettext(
            "%(time)s on %(day)s does not exist: the clocks go forward from %(start)s to "
            "%(end)s that night (summer time begins). Pick a time before %(start)s or from "
            "%(end)s on."
        )
    else:
        message = gettext(
            "%(time)s on %(day)s comes twice: the clocks go back from %(end)s to %(start)s "
            "that night (summer time ends). Pick a time before %(start)s or from %(end)s on."
        )
    return message % values


class BoundedDateField(forms.DateField):
    """A form date within EARLIEST…LATEST."""

    default_validators = [validate_bounded_date]  # noqa: RUF012 (Django's own pattern)


class BoundedDateTimeField(forms.DateTimeField):
    """A form date and time within EARLIEST…LATEST, in local time; a time the clocks skip or
    repeat (a daylight saving change) is refused with a sentence saying what to pick."""

    default_validators = [validate_bounded_date]  # noqa: RUF012

    def to_python(self, value: Any) -> datetime | None:
        try:
            return super().to_python(value)
        except ValidationError as error:
            naive = (error.params or {}).get("datetime")
            if error.code != "ambiguous_timezone" or not isinstance(naive, datetime):
                raise
            message = local_time_problem(naive, timezone.get_current_timezone())
            if message is None:
                raise
            raise ValidationError(message, code="clock_change") from None


class BoundedDateSerializerField(serializers.DateField):
    """An API date within EARLIEST…LATEST."""

    def to_internal_value(self, value: Any) -> date:
        day = super().to_internal_value(value)
        if not in_bounds(day):
            raise serializers.ValidationError(_range_message(), code="date_out_of_range")
        return day


class BoundedDateTimeSerializerField(serializers.DateTimeField):
    """An API date and time within EARLIEST…LATEST; a local time without an offset that the
    clocks skip or repeat (a daylight saving change) is refused with a sentence saying what to
    pick (DRF would refuse the one with a technical message and silently take the other as the
    earlier of its two moments)."""

    def enforce_timezone(self, value: datetime) -> datetime:
        if timezone.is_naive(value):
            zone = getattr(self, "timezone", None) or self.default_timezone()
            message = local_time_problem(value, zone if isinstance(zone, tzinfo) else None)
            if message is not None:
                raise serializers.ValidationError(message, code="clock_change")
        return super().enforce_timezone(value)

    def to_internal_value(self, value: Any) -> datetime:
        moment = super().to_internal_value(value)
        if not in_bounds(moment):
            raise serializers.ValidationError(_range_message(), code="date_out_of_range")
        return moment


def api_datetime(value: datetime | str | None) -> str | None:
    """A stored moment (an aware datetime, or ISO 8601 text as JSON columns keep it: evidence,
    timelines) written as every API answer writes its times: DRF's ISO 8601 in the
    installation's zone (TIME_ZONE, Europe/Helsinki: "2026-12-11T14:05:00+02:00"), never the
    UTC "+00:00" in which it was stored beside a model field's "+02:00". None for nothing;
    text that is no moment is returned as it is."""
    if value is None or value == "":
        return None
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return str(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    shown: str = serializers.DateTimeField().to_representation(moment)
    return shown


# A whole text that is an ISO 8601 moment with its offset ("2026-12-11T12:05:00.123+00:00",
# "…Z"): only these are rewritten in recorded JSON, never a date alone or a naive time.
_AWARE_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})"
)


def api_moments_in(value: Any) -> Any:
    """`value` (recorded JSON: an audit event's data) with every text that is a whole moment
    with an offset written as `api_datetime` writes it, in the installation's zone; the same
    instants, other texts untouched."""
    if isinstance(value, dict):
        return {key: api_moments_in(item) for key, item in value.items()}
    if isinstance(value, list):
        return [api_moments_in(item) for item in value]
    if isinstance(value, str) and _AWARE_MOMENT.fullmatch(value):
        return api_datetime(value)
    return value
