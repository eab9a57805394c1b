"""French school holidays (per zone) and public holidays, read once into a small cache.

The tables come from two well-kept packages: ``vacances-scolaires-france`` (a CSV of every
day since 1990, about 0.6 s to parse with the package's own reader) and ``holidays`` (about
0.2 s to import every country it knows). The first use writes what this project needs —
holiday dates per zone and French public holidays for ``CACHED_YEARS`` — to a JSON file in
the user's cache folder, named after both packages' versions; later runs read it in a few
milliseconds. A missing, unreadable or foreign cache is rebuilt; a folder that cannot be
written only costs the slow path.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

CACHED_YEARS = range(1990, 2051)
SCHOOL_ZONES = ("A", "B", "C")
CACHE_ENV = "RENTREE_SIM_CACHE"  # a folder for the cache; "off" disables it
FORMAT = 1
MAX_CACHE_BYTES = 2_000_000  # a real cache is about 60 kB; anything bigger is not ours


@dataclass(frozen=True)
class HolidayTables:
    """Holiday dates per school zone (within ``school_years``) and public holidays."""

    school: dict[str, frozenset[dt.date]]
    school_years: tuple[int, int]
    public: frozenset[dt.date]


def _versions() -> str:
    return "-".join(
        metadata.version(name) for name in ("vacances-scolaires-france", "holidays")
    ).replace(" ", "")


def _cache_file() -> Path | None:
    folder = os.environ.get(CACHE_ENV)
    if folder == "off":
        return None
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("rentree-sim", appauthor=False)
    return Path(folder) / f"jours-feries-et-vacances-{FORMAT}-{_versions()}.json"


def _read_school_table() -> tuple[dict[str, frozenset[dt.date]], tuple[int, int]]:
    """The package's CSV, read directly: one row per day, ``True`` where a zone is off."""
    source = resources.files("vacances_scolaires_france").joinpath("data", "data.csv")
    days: dict[str, set[dt.date]] = {zone: set() for zone in SCHOOL_ZONES}
    with source.open("rb") as raw:
        reader = csv.DictReader(raw.read().decode("utf-8").splitlines())
        for row in reader:
            day = dt.date.fromisoformat(row["date"])
            for zone in SCHOOL_ZONES:
                if row[f"vacances_zone_{zone.lower()}"] == "True":
                    days[zone].add(day)
    every = set().union(*days.values())
    # the package's own range: the years holding a holiday of any zone
    years = (min(every).year, max(every).year) if every else (0, -1)
    return {zone: frozenset(found) for zone, found in days.items()}, years


def _public_holidays(years: range) -> frozenset[dt.date]:
    import holidays

    return frozenset(holidays.country_holidays("FR", years=list(years)).keys())


def _build() -> HolidayTables:
    school, years = _read_school_table()
    return HolidayTables(school, years, _public_holidays(CACHED_YEARS))


def _encoded(tables: HolidayTables) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "versions": _versions(),
        "school_years": list(tables.school_years),
        "school": {
            zone: sorted(d.isoformat() for d in days) for zone, days in tables.school.items()
        },
        "public": sorted(d.isoformat() for d in tables.public),
    }


def _decoded(data: Any) -> HolidayTables | None:
    """The tables in ``data``, or None when it is not a cache of this version."""
    try:
        if data["format"] != FORMAT or data["versions"] != _versions():
            return None
        first, last = data["school_years"]
        if not all(type(year) is int for year in (first, last)):
            return None
        school = {
            zone: frozenset(dt.date.fromisoformat(d) for d in data["school"][zone])
            for zone in SCHOOL_ZONES
        }
        public = frozenset(dt.date.fromisoformat(d) for d in data["public"])
    except (AttributeError, KeyError, TypeError, ValueError):  # not this version's cache: rebuilt
        return None
    return HolidayTables(school, (first, last), public)


def _load(path: Path) -> HolidayTables | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_CACHE_BYTES:
            return None
        return _decoded(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, RecursionError):  # deep nesting too: a damaged file
        return None


def _store(path: Path, tables: HolidayTables) -> None:
    """Write the cache as a whole (a temporary file renamed over it); never fails a run."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".holidays-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(_encoded(tables), file)
            if path.is_symlink() or (path.exists() and not path.is_file()):
                return
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@lru_cache(maxsize=1)
def holiday_tables() -> HolidayTables:
    """The tables, from the cache when it is there and right, else built (and cached)."""
    path = _cache_file()
    if path is not None:
        cached = _load(path)
        if cached is not None:
            return cached
    tables = _build()
    if path is not None:
        _store(path, tables)
    return tables


@lru_cache(maxsize=8)
def public_holidays_outside_cache(year: int) -> frozenset[dt.date]:
    """French public holidays of a year the cache does not hold."""
    return _public_holidays(range(year, year + 1))
