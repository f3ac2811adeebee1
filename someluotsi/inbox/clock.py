"""The installation's answering clock, read from settings (the calendar itself is pure, in sla)."""

from __future__ import annotations

from datetime import date, time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from someluotsi.inbox.sla import DEFAULT_SLA_HOURS, WorkingCalendar


def configured_calendar() -> WorkingCalendar:
    try:
        opens, closes = (
            time.fromisoformat(part) for part in settings.INBOX_WORKING_HOURS.split("-")
        )
        closed = frozenset(date.fromisoformat(day) for day in settings.INBOX_CLOSED_DAYS if day)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"INBOX_WORKING_HOURS must look like 08:00-16:00 and INBOX_CLOSED_DAYS hold ISO "
            f"dates: {exc}"
        ) from exc
    if opens >= closes:
        raise ImproperlyConfigured("INBOX_WORKING_HOURS must open before it closes.")
    return WorkingCalendar(
        opens=opens,
        closes=closes,
        weekdays=frozenset(settings.INBOX_WORKING_DAYS),
        timezone=settings.TIME_ZONE,
        closed_days=closed,
    )


def configured_sla_hours() -> dict[str, float | None]:
    hours = dict(DEFAULT_SLA_HOURS)
    for category, value in settings.INBOX_SLA_HOURS.items():
        if category not in hours:
            raise ImproperlyConfigured(f"INBOX_SLA_HOURS: unknown category {category!r}")
        try:
            hours[category] = None if value in ("", "none") else float(value)
        except ValueError as exc:
            raise ImproperlyConfigured(f"INBOX_SLA_HOURS: {category}={value!r}") from exc
    return hours
