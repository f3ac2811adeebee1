"""The answering clock in working time (§8.4: answered as soon as possible within working hours).

Working hours default to Mon–Fri 8–16 Europe/Helsinki; Finnish public holidays come from the
`holidays` library, and the city's own non-working days (Midsummer Eve, Christmas Eve, and any
listed dates) are added. A threat is due at once, around the clock (§10.6). Pure functions: no
database, no settings; times must be timezone-aware.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, cached_property
from zoneinfo import ZoneInfo

import holidays

# Due time per triage category, in working hours; 0 means at once around the clock; None, never.
DEFAULT_SLA_HOURS: dict[str, float | None] = {
    "threat": 0,
    "sensitive": 4,
    "question": 4,
    "feedback": 8,
    "inappropriate": 8,
    "spam": 8,
    "praise": 16,
    "other": None,
}


@cache
def finnish_public_holidays(year: int) -> frozenset[date]:
    """Finland's public holidays of `year` (the `holidays` library's "FI" calendar), made once
    per year: the library builds a year's calendar on every call (about 0.5 ms), and the
    answering clock asks for each day it counts, at every message's ingestion."""
    return frozenset(holidays.country_holidays("FI", years=year))


@dataclass(frozen=True)
class WorkingCalendar:
    opens: time = time(8)
    closes: time = time(16)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    timezone: str = "Europe/Helsinki"
    closed_days: frozenset[date] = field(default_factory=frozenset)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: date) -> bool:
        """Whether `day` (a date; a datetime counts by its date) is a working day: one of
        `weekdays`, not in `closed_days`, no Finnish public holiday, no Midsummer Eve or
        Christmas Eve."""
        if isinstance(day, datetime):
            day = day.date()
        if day.weekday() not in self.weekdays or day in self.closed_days:
            return False
        if day in finnish_public_holidays(day.year):
            return False
        # The city's own: Midsummer Eve (the Friday of 19–25 June) and Christmas Eve.
        midsummer_eve = day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4
        return not (midsummer_eve or (day.month == 12 and day.day == 24))

    def _window(self, day: date) -> tuple[datetime, datetime]:
        return (
            datetime.combine(day, self.opens, tzinfo=self.zone),
            datetime.combine(day, self.closes, tzinfo=self.zone),
        )

    def add_working_time(self, moment: datetime, duration: timedelta) -> datetime:
        """The moment when `duration` of working time has passed after `moment`."""
        if moment.tzinfo is None:
            raise ValueError("moment must be timezone-aware")
        current = moment.astimezone(self.zone)
        remaining = duration
        for _day in range(3660):  # ten years of calendar days: a hard bound, never reached
            opens, closes = self._window(current.date())
            if self.is_working_day(current.date()) and current < closes:
                start = max(current, opens)
                available = closes - start
                if remaining <= available:
                    return start + remaining
                remaining -= available
            current = datetime.combine(current.date() + timedelta(days=1), time(0), self.zone)
        raise ValueError("no working time in the next ten years")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time elapsed from `start` to `end` (zero if end is earlier)."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        start, end = start.astimezone(self.zone), end.astimezone(self.zone)
        total = timedelta()
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                opens, closes = self._window(day)
                lower, upper = max(opens, start), min(closes, end)
                if upper > lower:
                    total += upper - lower
            day += timedelta(days=1)
        return total


def due_at(
    category: str,
    received: datetime,
    calendar: WorkingCalendar,
    hours: dict[str, float | None] = DEFAULT_SLA_HOURS,
) -> datetime | None:
    """When a message of `category` received at `received` should be answered or handled."""
    limit = hours.get(category)
    if limit is None:
        return None
    if limit == 0:
        return received
    return calendar.add_working_time(received, timedelta(hours=limit))
