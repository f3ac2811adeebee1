from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from someluotsi.inbox.sla import WorkingCalendar, due_at

HELSINKI = ZoneInfo("Europe/Helsinki")
CALENDAR = WorkingCalendar()


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (at(2026, 11, 24, 9), at(2026, 11, 24, 13)),  # Tuesday morning: same day
        (at(2026, 11, 27, 15), at(2026, 11, 30, 11)),  # Friday 15: 1 h Friday, 3 h Monday
        (at(2026, 11, 28, 20), at(2026, 11, 30, 12)),  # Saturday evening: Monday 8 + 4 h
        (at(2026, 11, 24, 6), at(2026, 11, 24, 12)),  # before opening
        (at(2026, 12, 23, 14), at(2026, 12, 28, 10)),  # 24th-26th closed, 27th Sunday
        (at(2026, 6, 18, 15), at(2026, 6, 22, 11)),  # Midsummer Eve and Day closed
        (at(2026, 12, 4, 15), at(2026, 12, 7, 11)),  # Independence Day is a Sunday in 2026
    ],
)
def test_a_question_is_due_in_four_working_hours(received: datetime, expected: datetime) -> None:
    assert due_at("question", received, CALENDAR) == expected


def test_a_threat_is_due_at_once_around_the_clock() -> None:
    saturday_night = at(2026, 11, 28, 23, 30)
    assert due_at("threat", saturday_night, CALENDAR) == saturday_night


def test_other_messages_have_no_due_time() -> None:
    assert due_at("other", at(2026, 11, 24, 9), CALENDAR) is None


def test_the_citys_own_closed_days_count() -> None:
    calendar = WorkingCalendar(closed_days=frozenset({date(2026, 11, 25)}))
    assert due_at("question", at(2026, 11, 24, 15), calendar) == at(2026, 11, 26, 11)


def test_midsummer_eve_and_christmas_eve_are_closed_in_any_year() -> None:
    assert not CALENDAR.is_working_day(date(2031, 6, 20))  # a Friday between 19 and 25 June
    assert not CALENDAR.is_working_day(date(2031, 12, 24))
    assert CALENDAR.is_working_day(date(2031, 6, 18))


def test_working_time_between_counts_only_open_hours() -> None:
    elapsed = CALENDAR.working_time_between(at(2026, 11, 27, 15), at(2026, 11, 30, 9))
    assert elapsed == timedelta(hours=2)
    assert CALENDAR.working_time_between(at(2026, 11, 30, 9), at(2026, 11, 27, 9)) == timedelta()


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        CALENDAR.add_working_time(datetime(2026, 11, 24, 9), timedelta(hours=1))  # noqa: DTZ001


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2031, 2040])
def test_the_kept_holidays_are_the_librarys_every_day_of_the_year(year: int) -> None:
    """The public holidays made once per year are the `holidays` library's, day by day, and a
    datetime is read by its date, as the library reads it."""
    import holidays

    from someluotsi.inbox.sla import finnish_public_holidays

    library = holidays.country_holidays("FI", years=year)
    day = date(year, 1, 1)
    while day.year == year:
        assert (day in finnish_public_holidays(year)) == (day in library), day
        moment = datetime.combine(day, time(12), tzinfo=ZoneInfo("Europe/Helsinki"))
        assert CALENDAR.is_working_day(moment) == CALENDAR.is_working_day(day), day
        day += timedelta(days=1)
