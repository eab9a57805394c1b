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

_DURATION = re.compile(r"^\s*(-?\d{1,15}(?:\.\d{1,6})?)\s*(j|d|h|min|m)\s*$", re.IGNORECASE)
MAX_DURATION = dt.timedelta(days=60)
# The ENT's retention delays (pre-delete, deletion) are counted in months, not days.
MAX_RETENTION = dt.timedelta(days=400)
FIRST_YEAR, LAST_YEAR = 2000, 2100
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
    "lun": 0,
    "mar": 1,
    "mer": 2,
    "jeu": 3,
    "ven": 4,
    "sam": 5,
    "dim": 6,
}


def parse_duration(value: Any, limit: dt.timedelta = MAX_DURATION) -> dt.timedelta:
    """``"1j"``, ``"2d"``, ``"12h"``, ``"90min"`` or a timedelta; never negative."""
    if isinstance(value, dt.timedelta):
        minutes = value.total_seconds() / 60
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        minutes = float(m.group(1)) * _UNIT_MINUTES[m.group(2).lower()]
    else:
        raise ValueError(t("rule.duration_format", value=value))
    if minutes < 0:
        raise ValueError(t("rule.duration_negative", value=value))
    if minutes > limit.total_seconds() / 60:
        raise ValueError(t("rule.duration_too_long", value=value, limit=limit.days))
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
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        raise ValueError(t("rule.instant_timezone", value=value))
    if isinstance(value, dt.datetime | dt.date):
        return _in_years(value, value)
    if isinstance(value, str):
        text = value.strip()
        match = _INSTANT.match(text) or _FRENCH_INSTANT.match(text)
        if match is None:
            if _TIMEZONE.search(text):
                raise ValueError(t("rule.instant_timezone", value=value))
            raise ValueError(t("rule.instant_format", value=value))
        first, second_part, third, hour, minute, second = (
            int(part) if part else 0 for part in match.groups()
        )
        year, month, day = (
            (first, second_part, third) if match.re is _INSTANT else (third, second_part, first)
        )
        try:
            parsed: dt.date = (
                dt.date(year, month, day)
                if match.group(4) is None
                else dt.datetime(year, month, day, hour, minute, second)
            )
        except ValueError:
            raise ValueError(t("rule.instant_impossible", value=value)) from None
        return _in_years(parsed, value)
    raise ValueError(t("rule.instant_format", value=value))


_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
_INSTANT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})" + _TIME)
_FRENCH_INSTANT = re.compile(r"^(\d{2})/(\d{2})/(\d{4})" + _TIME)
_TIMEZONE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


def _in_years(parsed: dt.date, value: Any) -> dt.date:
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise ValueError(t("rule.instant_years", value=value, first=FIRST_YEAR, last=LAST_YEAR))
    return parsed


def parse_date(value: Any) -> dt.date:
    parsed = parse_instant(value)
    if isinstance(parsed, dt.datetime):
        raise ValueError(t("rule.date_only", value=value))
    return parsed


def parse_time_of_day(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise ValueError(t("rule.time_format", value=value))
        return value
    if isinstance(value, str) and (match := _CLOCK.match(value)):
        return dt.time(int(match.group(1)), int(match.group(2)))
    raise ValueError(t("rule.time_format", value=value))


_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$")


def parse_weekday(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str) and value.strip().lower() in WEEKDAYS:
        return WEEKDAYS[value.strip().lower()]
    raise ValueError(t("rule.weekday", value=value))


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


# The schema's patterns accept exactly what the parsers above accept (JSON Schema patterns
# have no flags, hence the spelled-out cases).
DURATION_PATTERN = (
    r"^\s*\d{1,15}(\.\d{1,6})?\s*("
    + "|".join(_any_case(u) for u in ("min", "j", "d", "h", "m"))
    + r")\s*$"
)
_DAY_PATTERN = r"(\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4})"
DAY_PATTERN = rf"^\s*{_DAY_PATTERN}\s*$"
INSTANT_PATTERN = rf"^\s*{_DAY_PATTERN}([ T]\d{{1,2}}:\d{{2}}(:\d{{2}})?)?\s*$"
TIME_PATTERN = _CLOCK.pattern
WEEKDAY_PATTERN = r"^\s*(" + "|".join(_any_case(w) for w in sorted(WEEKDAYS)) + r")\s*$"
INSTANT_SCHEMA = {"type": "string", "pattern": INSTANT_PATTERN}

Duration = Annotated[
    dt.timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN}),
]
RetentionDuration = Annotated[
    dt.timedelta,
    BeforeValidator(lambda value: parse_duration(value, MAX_RETENTION)),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN}),
]
Instant = Annotated[
    dt.date | dt.datetime,
    BeforeValidator(parse_instant),
    WithJsonSchema(INSTANT_SCHEMA),
]
Day = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "pattern": DAY_PATTERN}),
]
TimeOfDay = Annotated[
    dt.time,
    BeforeValidator(parse_time_of_day),
    PlainSerializer(lambda v: v.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": TIME_PATTERN}),
]
Weekday = Annotated[
    int,
    BeforeValidator(parse_weekday),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 6},
                {"type": "string", "pattern": WEEKDAY_PATTERN},
            ]
        }
    ),
]
