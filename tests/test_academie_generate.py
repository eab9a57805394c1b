"""The synthetic académie (``sim.scenario.synthetic``): reproducible bytes, sizes and UAIs in
their ranges, unique fictional names, and calendars that still compose into valid scenarios."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from sim.calendar import day_of
from sim.chain import PREDECESSORS
from sim.domain import Operation
from sim.scenario.academie import split_divisions
from sim.scenario.checks import check_runnable, check_window, office_habits
from sim.scenario.fields import parse_instant
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario
from sim.scenario.synthetic import (
    KIND_SHARES,
    KINDS,
    LATE_LINKS_DAYS,
    NAMES,
    generate_academie,
)
from sim.scenario.uai import parse_uai

SCENARIOS = Path(__file__).parent.parent / "scenarios"
ACADEMIES = SCENARIOS / "academies"  # where the file would live (may not exist yet)
COMMON = SCENARIOS / "nominal.yaml"
# the same safe loader as yaml.safe_load, in C when available: the 290-lycée file is 200 KB
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LYCEE_KEYS = {"uai", "name", "kind", "students", "divisions", "operations"}


@lru_cache(maxsize=8)
def text(count: int, seed: int) -> str:
    return generate_academie(count, seed, base_dir=ACADEMIES)


@lru_cache(maxsize=8)
def parsed(count: int, seed: int) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(text(count, seed), Loader=LOADER)
    return data


@lru_cache(maxsize=1)
def common() -> Scenario:
    return load_scenario(COMMON)


def composed(entry: dict[str, Any], scenario: Scenario) -> dict[Operation, list[dt.datetime]]:
    """Each done operation's instants: the entry's override, else the common scenario's."""
    cal = scenario.calendar
    result = {}
    for op in Operation:
        spec = scenario.operations.get(op)
        written = entry.get("operations", {}).get(op.value)
        if written is not None:
            values = written["date"] if isinstance(written["date"], list) else [written["date"]]
            result[op] = [cal.at(parse_instant(v)) for v in values]
        elif not spec.missing:
            result[op] = [cal.at(v) for v in spec.date]
    return result


def as_scenario_data(entry: dict[str, Any]) -> dict[str, Any]:
    """The common scenario's file with the entry's établissement and dates merged in."""
    data: dict[str, Any] = copy.deepcopy(yaml.safe_load(COMMON.read_text(encoding="utf-8")))
    data["etablissement"].update(
        uai=entry["uai"],
        name=entry["name"],
        students=entry["students"],
        divisions=entry["divisions"],
    )
    for op, override in entry.get("operations", {}).items():
        merged = {**data["operations"].get(op, {}), **override}
        merged.pop("missing", None)
        data["operations"][op] = merged
    return data


# --- the bytes ------------------------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_text() -> None:
    first = generate_academie(60, 3, base_dir=ACADEMIES)
    assert generate_academie(60, 3, base_dir=ACADEMIES).encode() == first.encode()
    assert generate_academie(60, 4, base_dir=ACADEMIES) != first


def test_header_and_top_level_keys() -> None:
    lines = text(290, 1).splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../docs/academie.schema.json"
    assert "« rentree-sim academie generer --lycees 290 --graine 1 »" in lines[1]
    data = parsed(290, 1)
    assert list(data) == ["name", "description", "seed", "scenario", "lycees"]
    assert data["name"] == (
        "Académie fictive de Nouvelle-Aquitaine — rentrée 2026 (290 lycées, graine 1)"
    )
    assert data["seed"] == 1
    assert data["scenario"] == "../nominal.yaml"
    assert "scenario: ../nominal.yaml\n" in text(290, 1)
    # French characters as they are, not escaped
    assert "é" in text(290, 1) and "\\u" not in text(290, 1) and "\\x" not in text(290, 1)


def test_name_argument_and_common_path_written_as_given(tmp_path: Path) -> None:
    shutil.copy(COMMON, tmp_path / "mon nominal.yaml")
    out = generate_academie(3, 9, common="mon nominal.yaml", name="Démo « x »", base_dir=tmp_path)
    data = yaml.safe_load(out)
    assert data["name"] == "Démo « x »"
    assert data["scenario"] == "mon nominal.yaml"
    single = yaml.safe_load(generate_academie(1, 0, common=str(COMMON)))
    assert single["name"].endswith("(1 lycée, graine 0)")
    assert single["scenario"] == str(COMMON)


@pytest.mark.parametrize("count", [0, -1, 5001, True, 2.0])
def test_count_out_of_bounds(count: Any) -> None:
    with pytest.raises(ValueError, match="count"):
        generate_academie(count, 1, base_dir=ACADEMIES)


def test_negative_seed_refused() -> None:
    with pytest.raises(ValueError, match="seed"):
        generate_academie(3, -1, base_dir=ACADEMIES)


# --- the lycées -----------------------------------------------------------------------------


def test_count_keys_and_kind_mix() -> None:
    lycees = parsed(290, 1)["lycees"]
    assert len(lycees) == 290
    for entry in lycees:
        assert set(entry) <= LYCEE_KEYS and set(entry) >= LYCEE_KEYS - {"operations"}
        assert "operations" not in entry or entry["operations"]  # never an empty mapping
    kinds = Counter(entry["kind"] for entry in lycees)
    assert set(kinds) <= set(KINDS)
    for kind, share in zip(KINDS, KIND_SHARES, strict=True):
        assert abs(kinds[kind] / 290 - share) < 0.08, kinds


def test_sizes_in_their_ranges() -> None:
    for entry in parsed(290, 1)["lycees"]:
        divisions = entry["divisions"]
        assert list(divisions) == ["2nde", "1re", "Tle"]
        assert all(1 <= n <= 40 for n in divisions.values())
        total = sum(divisions.values())
        assert 27 <= total <= 50
        assert divisions == split_divisions(total)
        students = entry["students"]
        assert 30 <= students <= 6000
        if entry["kind"] == "LP":
            assert 16.7 <= students / total <= 18
        else:
            assert 800 <= students <= 1500


def test_level_split() -> None:
    assert split_divisions(41) == {"2nde": 15, "1re": 13, "Tle": 13}
    for total in range(3, 51):
        split = split_divisions(total)
        assert sum(split.values()) == total and min(split.values()) >= 1
        assert split["2nde"] >= split["1re"] >= split["Tle"]


def test_uais_distinct_and_valid() -> None:
    uais = [entry["uai"] for entry in parsed(290, 1)["lycees"]]
    assert len(set(uais)) == len(uais)
    for uai in uais:
        assert isinstance(uai, str) and parse_uai(uai) == uai
        assert 9001 <= int(uai[3:7]) <= 9999


def test_names_unique_fictional_and_by_kind() -> None:
    prefixes = {"LGT": "Lycée ", "LP": "Lycée professionnel ", "LPO": "Lycée polyvalent "}
    lycees = parsed(290, 1)["lycees"]
    names = [entry["name"] for entry in lycees]
    assert len(set(names)) == len(names)
    for entry in lycees:
        assert entry["name"].endswith(" (fictif)")
        assert entry["name"].startswith(prefixes[entry["kind"]])
    assert len(NAMES) >= 300 and len(set(NAMES)) == len(NAMES)


def test_names_stay_unique_past_the_list() -> None:
    count = len(NAMES) + 60
    names = [entry["name"] for entry in parsed(count, 2)["lycees"]]
    assert len(set(names)) == count
    assert all(name.endswith(" (fictif)") for name in names)


# --- the calendars --------------------------------------------------------------------------


def test_written_operations_exist_differ_and_stay_in_window() -> None:
    scenario = common()
    cal = scenario.calendar
    moved = 0
    for entry in parsed(290, 1)["lycees"]:
        for op_name, override in entry.get("operations", {}).items():
            op = Operation(op_name)  # a ValueError names an unknown operation
            assert set(override) == {"date"}
            spec = scenario.operations.get(op)
            assert not spec.missing and not spec.fixed
            values = override["date"] if isinstance(override["date"], list) else [override["date"]]
            assert len(values) == len(spec.date)  # the shares still fit
            instants = [parse_instant(v) for v in values]
            assert [cal.at(v) for v in instants] != [cal.at(v) for v in spec.date]
            for value, written in zip(instants, values, strict=True):
                assert cal.start <= day_of(value) <= cal.end
                if isinstance(written, str):  # a time only when it is not the default one
                    assert isinstance(value, dt.datetime) and value.time() != cal.operation_time
            moved += 1
    assert moved > 290  # the calendars do spread


def test_order_of_the_procedure_kept() -> None:
    scenario = common()
    for entry in parsed(290, 1)["lycees"]:
        dates = composed(entry, scenario)
        for op, instants in dates.items():
            for before in PREDECESSORS[op]:
                if before in dates:
                    assert min(instants) >= min(dates[before]), (entry["uai"], op, before)


def test_some_lycees_export_links_weeks_late() -> None:
    scenario = common()
    staff = scenario.calendar.staff()
    planned = day_of(scenario.operations.get(Operation.EXPORT_LIENS_SIECLE).date[0])
    late = 0
    for entry in parsed(290, 1)["lycees"]:
        first = min(composed(entry, scenario)[Operation.EXPORT_LIENS_SIECLE])
        late += staff.working_days_between(planned, first.date()) >= LATE_LINKS_DAYS[0]
    assert 0.03 <= late / 290 <= 0.2


def test_each_lycee_composes_into_a_valid_scenario() -> None:
    for entry in parsed(60, 5)["lycees"][:20]:
        scenario = Scenario.model_validate(as_scenario_data(entry))
        assert scenario.etablissement.uai == entry["uai"]
        assert check_window(scenario) == [] and check_runnable(scenario) == []
        assert office_habits(scenario) == []  # moves count the staff's working days


def test_bounds_and_window_hold_moves_back(tmp_path: Path) -> None:
    data = yaml.safe_load(COMMON.read_text(encoding="utf-8"))
    data["operations"]["construction_edt"]["not_after"] = dt.date(2026, 7, 9)
    data["calendar"]["end"] = dt.date(2026, 9, 18)  # no room for weeks-late link exports
    (tmp_path / "serre.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    scenario = load_scenario(tmp_path / "serre.yaml")
    lycees = yaml.load(
        generate_academie(120, 6, common="serre.yaml", base_dir=tmp_path), Loader=LOADER
    )["lycees"]
    for entry in lycees:
        dates = composed(entry, scenario)
        assert max(dates[Operation.CONSTRUCTION_EDT]).date() <= dt.date(2026, 7, 9)
        assert all(max(v).date() <= dt.date(2026, 9, 18) for v in dates.values())
        for op, instants in dates.items():
            assert all(min(instants) >= min(dates[p]) for p in PREDECESSORS[op] if p in dates)
