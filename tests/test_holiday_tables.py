"""The holiday tables read once into a cache give what the two packages give."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import holidays
import pytest
from vacances_scolaires_france import SchoolHolidayDates

from sim import holiday_tables as tables_module
from sim.calendar import is_public_holiday, is_school_holiday
from sim.holiday_tables import CACHE_ENV, holiday_tables


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    holiday_tables.cache_clear()
    yield tmp_path
    holiday_tables.cache_clear()


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def test_school_holidays_are_the_packages_for_every_day_and_zone(cache: Path) -> None:
    reference = SchoolHolidayDates()
    for zone in ("A", "B", "C", "Z"):
        for day in _days(dt.date(1988, 1, 1), dt.date(reference.max_year + 2, 12, 31)):
            try:
                expected = bool(reference.is_holiday_for_zone(day, zone))
            except Exception:  # outside its years or zones: unknown, so no holiday
                expected = False
            assert is_school_holiday(day, zone) == expected, (day, zone)


def test_public_holidays_are_the_packages_inside_and_outside_the_cached_years(
    cache: Path,
) -> None:
    for year in (1985, 1990, 2026, 2027, 2050, 2051, 2060):
        french = holidays.country_holidays("FR", years=[year])
        for day in _days(dt.date(year, 1, 1), dt.date(year, 12, 31)):
            assert is_public_holiday(day) == (day in french), day


def test_the_cache_is_written_once_then_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = holiday_tables()
    [written] = cache.glob("*.json")
    assert json.loads(written.read_text(encoding="utf-8"))["format"] == tables_module.FORMAT
    holiday_tables.cache_clear()

    def no_build() -> None:
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(tables_module, "_build", no_build)
    assert holiday_tables() == first


DAMAGED = [
    "{not json",
    '{"format": 1}',
    "[]",
    '{"format": 99}',
    "[" * 200_000,  # nesting deep enough to exhaust the parser's recursion
    "SAME_VERSION_INFINITE_YEARS",
]


@pytest.mark.parametrize("content", DAMAGED, ids=range(len(DAMAGED)))
def test_a_damaged_cache_is_rebuilt(cache: Path, content: str) -> None:
    expected = holiday_tables()
    [written] = cache.glob("*.json")
    if content == "SAME_VERSION_INFINITE_YEARS":
        data = json.loads(written.read_text(encoding="utf-8"))
        content = json.dumps({**data, "school_years": [float("inf"), 2000]})
    written.write_text(content, encoding="utf-8")
    holiday_tables.cache_clear()
    assert holiday_tables() == expected
    assert json.loads(written.read_text(encoding="utf-8"))["format"] == tables_module.FORMAT


def test_a_cache_path_that_is_not_a_regular_file_is_left_alone(cache: Path) -> None:
    path = tables_module._cache_file()
    assert path is not None
    path.mkdir(parents=True)  # a folder where the cache would go
    tables = holiday_tables()
    assert path.is_dir() and tables.public
    assert not list(cache.glob(".holidays-*"))  # no temporary file left behind


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    holiday_tables.cache_clear()
    try:
        assert dt.date(2026, 7, 14) in holiday_tables().public
    finally:
        holiday_tables.cache_clear()
