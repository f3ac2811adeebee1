"""Template helpers of the page shell: `{% load ui %}`."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone, translation

from someluotsi.core.charts import percent_text, shown, weekday_label
from someluotsi.core.money import euros as euros_text
from someluotsi.core.timewords import duration_words, time_left_words
from someluotsi.core.typed_text import displayable

register = template.Library()


@register.filter
def euros(amount: Decimal | float | str | None) -> str:
    """ "€1,200.00" (en), "1 200,00 €" (fi, sv): core.money."""
    return euros_text(amount)


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


@register.filter
def language_name(code: str | None) -> str:
    """A language's name in the reader's language ("ruotsi", "svenska" → "Swedish" in English);
    a code Django does not know is shown as it is, none as a dash."""
    if not code:
        return "–"
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


@register.filter
def figure(value: float | Decimal | None, digits: int | None = None) -> str:
    """A figure written as the dashboard and the reports write it (core.charts.shown): 0,0 is a
    figure, only a missing one is a dash."""
    return shown(value, digits)


@register.filter
def percent(value: float | Decimal | None, digits: int | None = None) -> str:
    """A percentage in the reader's language: "65 %" in Finnish and Swedish, "65%" in English
    (core.charts.percent_text); a dash when there is none. Never write "{{ x }} %" by hand."""
    return percent_text(value, digits)


@register.filter
def weekday_day(day: date | None, style: str = "short") -> str:
    """A day with its weekday and no year in the reader's language: "pe 11.12.", "fre 11/12",
    "Fri 11 Dec"; `"long"` writes the weekday in full (core.charts.weekday_label)."""
    if day is None:
        return ""
    return weekday_label(day, long=style == "long")


@register.filter
def fields_with_errors(form: Any) -> list[Any]:
    """The visible bound fields of `form` that have errors, in the form's order (for an error
    summary that links to each)."""
    return [field for field in form.visible_fields() if field.errors]


@register.filter
def visible_text(value: str | None) -> str:
    """A stored text (a platform's message, a thread's post) with every character HTML forbids
    in a page (control characters, noncharacters, lone surrogates) shown as U+FFFD, the
    visible replacement character (core.typed_text.displayable); the text is otherwise kept,
    and escaped as usual."""
    return displayable(value) if value else ""
