"""Template helpers of the page shell: `{% load ui %}`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

from someluotsi.core.timewords import duration_words, time_left_words

register = template.Library()


@register.filter
def time_left(due: datetime | None) -> str:
    """ "2 h 15 min left" or "overdue by 3 h" for a due time; "" when there is none."""
    if due is None:
        return ""
    return time_left_words(due, timezone.now())


@register.filter
def duration(delta: timedelta | None) -> str:
    """A length of time in words ("15 min", "1 h 30 min"); "" when there is none."""
    return duration_words(delta) if delta is not None else ""
