"""School calendar: rentrée from the holiday table, working days from the public holidays."""

from __future__ import annotations

import datetime as dt

from sim.calendar import Clock, add_working_days, is_working_day, rentree_date


def test_rentree_2026_zone_a_is_tuesday_1_september() -> None:
    """The summer holidays of zone A end on 31 August 2026 (domain.md §5)."""
    assert rentree_date("A", 2026) == dt.date(2026, 9, 1)


def test_working_days() -> None:
    assert is_working_day(dt.date(2026, 9, 3))  # Thursday
    assert not is_working_day(dt.date(2026, 9, 5))  # Saturday
    assert not is_working_day(dt.date(2026, 11, 11))  # Armistice, a Wednesday
    assert not is_working_day(dt.date(2026, 7, 14))


def test_clock_round_trip() -> None:
    clock = Clock.starting(dt.date(2026, 6, 8))
    instant = dt.datetime(2026, 9, 4, 3, 30)
    assert clock.instant(clock.minutes(instant)) == instant
    assert clock.day_minutes(dt.date(2026, 6, 9), dt.time(8, 0)) == 1440 + 480


def test_working_day_arithmetic_both_ways() -> None:
    """Weekends and Armistice (Wed 11/11/2026) are skipped; the time of day is kept."""
    assert add_working_days(dt.date(2026, 9, 4), 1) == dt.date(2026, 9, 7)  # Fri → Mon
    assert add_working_days(dt.date(2026, 9, 7), -1) == dt.date(2026, 9, 4)  # Mon → Fri
    assert add_working_days(dt.datetime(2026, 11, 10, 9, 0), 1) == dt.datetime(2026, 11, 12, 9, 0)
    assert add_working_days(dt.datetime(2026, 11, 12, 9, 0), -1) == dt.datetime(2026, 11, 10, 9, 0)
    assert add_working_days(dt.date(2026, 9, 5), 0) == dt.date(2026, 9, 5)
