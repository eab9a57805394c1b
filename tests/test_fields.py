"""Value parsers of the scenario format."""

from __future__ import annotations

import datetime as dt

import pytest

from sim.scenario.fields import (
    format_duration,
    parse_duration,
    parse_instant,
    parse_time_of_day,
    parse_weekday,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1j", 1440),
        ("2d", 2880),
        ("12h", 720),
        ("90min", 90),
        ("0j", 0),
        (" 1.5 h ", 90),
    ],
)
def test_durations(text: str, minutes: float) -> None:
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["-1j", "-30min"])
def test_negative_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="négative"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["demain", "1 semaine", "", "j1"])
def test_malformed_durations(text: str) -> None:
    with pytest.raises(ValueError, match="durée invalide"):
        parse_duration(text)


def test_duration_round_trip() -> None:
    for text in ("2j", "12h", "90min"):
        assert format_duration(parse_duration(text)) == text


def test_instants() -> None:
    assert parse_instant("2026-09-03") == dt.date(2026, 9, 3)
    assert parse_instant("2026-09-03 14:30") == dt.datetime(2026, 9, 3, 14, 30)
    assert parse_instant("2026-09-03T14:30") == dt.datetime(2026, 9, 3, 14, 30)
    assert parse_instant("03/09/2026") == dt.date(2026, 9, 3)  # as French offices write it
    assert parse_instant("03/09/2026 14:30") == dt.datetime(2026, 9, 3, 14, 30)
    with pytest.raises(ValueError, match="date invalide"):
        parse_instant("2026/09/03")
    with pytest.raises(ValueError, match="n'existe pas"):
        parse_instant("2026-02-30")
    with pytest.raises(ValueError, match="fuseau"):
        parse_instant("2026-09-03 10:00+02:00")
    with pytest.raises(ValueError, match="fuseau"):
        parse_instant(dt.datetime(2026, 9, 3, 10, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match="entre 2000 et 2100"):
        parse_instant("9999-12-31")


def test_times_of_day_are_text() -> None:
    """The loader reads an unquoted 21:00 as text (no YAML 1.1 base 60), so a number is
    refused and an impossible hour is quoted as written."""
    assert parse_time_of_day("08:00") == dt.time(8, 0)
    with pytest.raises(ValueError, match="« 1260 »"):
        parse_time_of_day(1260)
    with pytest.raises(ValueError, match="« 25:00 »"):
        parse_time_of_day("25:00")
    with pytest.raises(ValueError):
        parse_time_of_day("8h")


def test_weekdays_french_and_english() -> None:
    assert parse_weekday("samedi") == parse_weekday("Saturday") == parse_weekday("sat") == 5
    with pytest.raises(ValueError, match="jour de la semaine"):
        parse_weekday("samdi")
