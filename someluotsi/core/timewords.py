"""Short durations in words for people who triage work: "2 h 15 min", "3 d 4 h".

Used for the time left before a message's due time and how long it has been overdue. Two units
at most, the largest first; under a minute reads "under a minute".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext, pgettext


def duration_words(delta: timedelta) -> str:
    """`delta` (its absolute value) as one or two units in the active language.

    Days and hours from a day up, hours and minutes from an hour up, minutes below that.
    """
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        if hours:
            return pgettext("duration", "%(days)d d %(hours)d h") % {"days": days, "hours": hours}
        return pgettext("duration", "%(days)d d") % {"days": days}
    if hours:
        if minutes:
            return pgettext("duration", "%(hours)d h %(minutes)d min") % {
                "hours": hours,
                "minutes": minutes,
            }
        return pgettext("duration", "%(hours)d h") % {"hours": hours}
    if minutes:
        return pgettext("duration", "%(minutes)d min") % {"minutes": minutes}
    return gettext("under a minute")


def time_left_words(due: datetime, now: datetime) -> str:
    """ "2 h 15 min left" before `due`, "overdue by 1 d 3 h" after it."""
    if due >= now:
        return gettext("%(duration)s left") % {"duration": duration_words(due - now)}
    return gettext("overdue by %(duration)s") % {"duration": duration_words(now - due)}
