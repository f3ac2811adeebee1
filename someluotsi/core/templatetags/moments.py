"""`{{ value|moment }}`: a moment in local time to the second, in the reader's language;
`{{ value|moment_short }}` to the minute (core.times.moment_text); `{{ value|clock }}` the
time of day alone ("klo 14.05", core.times.clock_text)."""

from __future__ import annotations

from datetime import datetime

from django import template

from someluotsi.core.times import clock_text, moment_text

register = template.Library()


@register.filter
def moment(value: datetime | str | None) -> str:
    return moment_text(value)


@register.filter
def moment_zoned(value: datetime | str | None) -> str:
    return moment_text(value, with_zone=True)


@register.filter
def moment_short(value: datetime | str | None) -> str:
    return moment_text(value, seconds=False)


@register.filter
def clock(value: datetime | str | None) -> str:
    return clock_text(value)
