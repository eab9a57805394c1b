"""School calendar and the simulation clock (minutes since the window's first midnight)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sim.errors import RentreeSimError
from sim.holiday_tables import CACHED_YEARS, holiday_tables, public_holidays_outside_cache
from sim.i18n import t

MINUTES_PER_DAY = 1440.0
# A staff calendar may close for months; a search for a working day stops after this long.
MAX_SEARCH_DAYS = 800


def is_public_holiday(day: dt.date) -> bool:
    if day.year in CACHED_YEARS:
        return day in holiday_tables().public
    return day in public_holidays_outside_cache(day.year)


def is_school_holiday(day: dt.date, zone: str) -> bool:
    """Whether ``zone`` is on holiday on ``day`` (False outside the table's years: unknown)."""
    tables = holiday_tables()
    first, last = tables.school_years
    return first <= day.year <= last and day in tables.school.get(zone, frozenset())


def is_working_day(day: dt.date) -> bool:
    """An administrative working day: Monday to Friday, not a French public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


@lru_cache(maxsize=64)
def rentree_date(zone: str, year: int) -> dt.date:
    """First school day after the summer holidays of ``zone`` in ``year``."""
    day = dt.date(year, 8, 15)
    table_known = False
    while day < dt.date(year, 9, 30):
        holiday = is_school_holiday(day, zone)
        table_known = table_known or holiday
        if table_known and not holiday and is_working_day(day):
            return day
        day += dt.timedelta(days=1)
    raise RentreeSimError(t("error.no_rentree", zone=zone, year=year))


def day_of(value: dt.date | dt.datetime) -> dt.date:
    """The day of a date or of a date and time."""
    return value.date() if isinstance(value, dt.datetime) else value


def add_working_days(value: dt.date | dt.datetime, days: int) -> dt.date | dt.datetime:
    """``value`` moved ``days`` working days (earlier when negative), weekends and public
    holidays skipped; a time of day is kept."""
    day = day_of(value)
    step = dt.timedelta(days=1 if days >= 0 else -1)
    for _ in range(abs(days)):
        day += step
        while not is_working_day(day):
            day += step
    return _with_time(value, day)


@dataclass(frozen=True)
class Clock:
    """Converts between wall-clock instants and simulation minutes."""

    origin: dt.datetime

    @classmethod
    def starting(cls, day: dt.date) -> Clock:
        return cls(dt.datetime.combine(day, dt.time(0, 0)))

    def minutes(self, instant: dt.datetime) -> float:
        return (instant - self.origin).total_seconds() / 60.0

    def instant(self, minutes: float) -> dt.datetime:
        return self.origin + dt.timedelta(minutes=round(minutes))

    def day_minutes(self, day: dt.date, time: dt.time) -> float:
        return self.minutes(dt.datetime.combine(day, time))


@lru_cache(maxsize=4096)
def _works(staff: StaffCalendar, day: dt.date) -> bool:
    """Whether the staff work on ``day`` (asked for the same few days by every run)."""
    return (
        day.weekday() in staff.weekdays and not is_public_holiday(day) and not staff.closed_on(day)
    )


@dataclass(frozen=True)
class StaffCalendar:
    """The days the établissement's staff work: ``weekdays`` (0 = Monday), no French public
    holiday, no closed period (``closed``: [first, last] days, both included)."""

    weekdays: frozenset[int] = frozenset(range(5))
    closed: tuple[tuple[dt.date, dt.date], ...] = ()

    def closed_on(self, day: dt.date) -> bool:
        return any(first <= day <= last for first, last in self.closed)

    def works(self, day: dt.date) -> bool:
        return _works(self, day)

    def add_working_days(self, value: dt.date | dt.datetime, days: int) -> dt.date | dt.datetime:
        """``value`` moved ``days`` of the staff's working days (earlier when negative); a
        time of day is kept."""
        return _with_time(value, _moved(self, day_of(value), days))

    def next_working(
        self, value: dt.date | dt.datetime, forward: bool = True
    ) -> dt.date | dt.datetime:
        """``value`` if the staff work that day, else the nearest working day after it (or
        before it)."""
        day = day_of(value)
        step = dt.timedelta(days=1 if forward else -1)
        for _ in range(MAX_SEARCH_DAYS):
            if self.works(day):
                break
            day += step
        return _with_time(value, day)

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Staff working days from ``first`` to ``last`` (negative when ``last`` is earlier),
        counted as the moves of :meth:`add_working_days`."""
        sign = 1 if last >= first else -1
        count, day = 0, first
        step = dt.timedelta(days=sign)
        while day != last:
            day += step
            if self.works(day):
                count += sign
        return count


def _with_time(value: dt.date | dt.datetime, day: dt.date) -> dt.date | dt.datetime:
    return dt.datetime.combine(day, value.time()) if isinstance(value, dt.datetime) else day


@lru_cache(maxsize=8192)
def _moved(calendar: StaffCalendar, day: dt.date, days: int) -> dt.date:
    # the Monte Carlo moves the same few dates by the same few days thousands of times
    step = dt.timedelta(days=1 if days >= 0 else -1)
    for _ in range(abs(days)):
        day += step
        for _ in range(MAX_SEARCH_DAYS):
            if calendar.works(day):
                break
            day += step
    return day
