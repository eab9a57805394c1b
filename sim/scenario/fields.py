"""Value types of the scenario format: durations, instants, times of day, weekdays.

Each parser raises ``ValueError`` with a French (or English) message from the catalogue;
the loader turns it into a :class:`~sim.errors.ScenarioError` naming file and field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from sim.i18n import t

_DURATION = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(j|d|h|min|m)\s*$", re.IGNORECASE)
_UNIT_MINUTES = {"j": 1440.0, "d": 1440.0, "h": 60.0, "min": 1.0, "m": 1.0}

WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}


def parse_duration(value: Any) -> dt.timedelta:
    """``"1j"``, ``"2d"``, ``"12h"``, ``"90min"`` or a timedelta; never negative."""
    if isinstance(value, dt.timedelta):
        minutes = value.total_seconds() / 60
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        minutes = float(m.group(1)) * _UNIT_MINUTES[m.group(2).lower()]
    else:
        raise ValueError(t("rule.duration_format", value=value))
    if minutes < 0:
        raise ValueError(t("rule.duration_negative", value=value))
    return dt.timedelta(minutes=minutes)


def format_duration(value: dt.timedelta) -> str:
    minutes = value.total_seconds() / 60
    if minutes % 1440 == 0:
        return f"{int(minutes // 1440)}j"
    if minutes % 60 == 0:
        return f"{int(minutes // 60)}h"
    return f"{minutes:g}min"


def parse_instant(value: Any) -> dt.date | dt.datetime:
    """A date (the time is the scenario's default operation time) or a date and time."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                pass
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(t("rule.instant_format", value=value))


def parse_date(value: Any) -> dt.date:
    parsed = parse_instant(value)
    if isinstance(parsed, dt.datetime):
        raise ValueError(t("rule.date_only", value=value))
    return parsed


def parse_time_of_day(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        # YAML 1.1 reads an unquoted 21:00 as the sexagesimal integer 1260 (minutes).
        return dt.time(value // 60, value % 60)
    if isinstance(value, str):
        try:
            return dt.datetime.strptime(value.strip(), "%H:%M").time()
        except ValueError:
            pass
    raise ValueError(t("rule.time_format", value=value))


def parse_weekday(value: Any) -> int:
    if isinstance(value, int) and 0 <= value <= 6:
        return value
    if isinstance(value, str) and value.strip().lower() in WEEKDAYS:
        return WEEKDAYS[value.strip().lower()]
    raise ValueError(t("rule.weekday", value=value))


Duration = Annotated[
    dt.timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d+(\.\d+)?\s*(j|d|h|min|m)$"}),
]
Instant = Annotated[
    dt.date | dt.datetime,
    BeforeValidator(parse_instant),
    WithJsonSchema({"type": "string", "description": "AAAA-MM-JJ ou AAAA-MM-JJ HH:MM"}),
]
Day = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
TimeOfDay = Annotated[
    dt.time,
    BeforeValidator(parse_time_of_day),
    PlainSerializer(lambda v: v.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}),
]
Weekday = Annotated[
    int,
    BeforeValidator(parse_weekday),
    WithJsonSchema({"type": "string", "enum": sorted(WEEKDAYS)}),
]
