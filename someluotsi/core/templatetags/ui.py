"""Template helpers of the page shell: `{% load ui %}`."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

from someluotsi.core.timewords import time_left_words

register = template.Library()


@register.filter
def time_left(due: datetime | None) -> str:
    """ "2 h 15 min left" or "overdue by 3 h" for a due time; "" when there is none."""
    if due is None:
        return ""
    return time_left_words(due, timezone.now())
