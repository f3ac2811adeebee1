"""Moments as people in Finland read them: local time (the installation's zone, Europe/Helsinki
for Kokkola) to the second, with the zone named where a document may leave the building."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def as_moment(value: datetime | str | None) -> datetime | None:
    """A stored moment (a datetime or ISO 8601 text, as the evidence JSON keeps it) in local
    time; None for nothing or text that is not a moment."""
    if value is None or value == "":
        return None
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return timezone.localtime(moment, timezone.get_default_timezone())


def zone_text(moment: datetime) -> str:
    """ "Finnish time (Europe/Helsinki, UTC+2)" in the active language; the offset is the one
    in force at `moment` (UTC+3 in summer)."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    name = settings.TIME_ZONE
    if name == "Europe/Helsinki":
        return _("Finnish time (%(zone)s, %(offset)s)") % {"zone": name, "offset": utc}
    return f"{name}, {utc}"


def moment_text(
    value: datetime | str | None, *, with_zone: bool = False, seconds: bool = True
) -> str:
    """ "12.3.2025 klo 14.05.33" (fi), "12.3.2025 kl. 14.05.33" (sv), "12 March 2025 at
    14:05:33" (en), to the second, in local time; without `seconds` to the minute
    ("12.3.2025 klo 14.05"); with `with_zone` the zone follows ("… Finnish time
    (Europe/Helsinki, UTC+2)"). A dash for no moment.

    The one way a page, notification or audit sentence shows a moment (the `moment` and
    `moment_short` template filters), so that a language never mixes "2026-11-03 09:10"
    with "3.12.2026 kl. 09.19.58"."""
    moment = as_moment(value)
    if moment is None:
        return "–"
    day = date_format(moment, pgettext("a date() format for a day in documents", "j F Y"))
    clock = date_format(
        moment,
        pgettext("a date() format for a time with seconds", "H:i:s")
        if seconds
        else pgettext("a date() format for a time", "H:i"),
    )
    text = _("%(day)s at %(time)s") % {"day": day, "time": clock}
    return f"{text} {zone_text(moment)}" if with_zone else text


def clock_text(value: datetime | str | None) -> str:
    """A time of day on its own, to the minute, in local time, the way `moment_text` writes
    the clock: "klo 14.05" (fi), "kl. 14.05" (sv), "14:05" (en). For a place where the day
    is already said (a calendar's day); a dash for no moment."""
    moment = as_moment(value)
    if moment is None:
        return "–"
    clock = date_format(moment, pgettext("a date() format for a time", "H:i"))
    # English writes the clock alone; Finnish and Swedish put their word before it.
    return pgettext("a time of day on its own: 'klo %(time)s' in Finnish", "%(time)s") % {
        "time": clock
    }
