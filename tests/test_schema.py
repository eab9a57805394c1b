"""The JSON Schema an editor uses: valid, its defaults pass it, every shipped scenario passes
it, the committed copy is current, and it agrees with the validator on the values a user
writes (weekday numbers, ``1J``, an unquoted ``21:00``, French dates)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sim.errors import RentreeSimError
from sim.i18n import set_language
from sim.scenario.loader import load_scenario
from sim.scenario.reading import parse_yaml
from sim.scenario.schema import scenario_schema
from tests.conftest import ROOT, SCENARIOS

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))  # académies: test_academie_file.py


def validator() -> jsonschema.Draft202012Validator:
    schema = scenario_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_current() -> None:
    """docs/scenario.schema.json is what `rentree-sim schema` prints (regenerate it with
    `rentree-sim schema > docs/scenario.schema.json`)."""
    committed = json.loads((ROOT / "docs" / "scenario.schema.json").read_text("utf-8"))
    assert committed == scenario_schema()


def _defaults(node: Any, path: str = "") -> list[tuple[str, Any, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if "default" in node:
            found.append((path, node["default"], {k: v for k, v in node.items() if k != "default"}))
        for key, value in node.items():
            found.extend(_defaults(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_defaults(value, f"{path}/{i}"))
    return found


def test_every_default_matches_its_own_schema() -> None:
    schema = scenario_schema()
    defaults = _defaults(schema["$defs"])
    assert len(defaults) > 50
    for path, value, own in defaults:
        check = jsonschema.Draft202012Validator({**own, "$defs": schema["$defs"]})
        assert not list(check.iter_errors(value)), f"{path}: default {value!r}"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_scenario_passes_the_schema(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    reference = text.splitlines()[0].split("$schema=", 1)[1].strip()
    assert (path.parent / reference).resolve() == ROOT / "docs" / "scenario.schema.json"
    errors = list(validator().iter_errors(parse_yaml(text)))
    assert errors == [], [e.message for e in errors]


def test_a_file_that_extends_needs_no_etablissement_nor_calendar() -> None:
    check = validator()
    assert not list(check.iter_errors({"extends": "nominal.yaml", "name": "x"}))
    assert not list(check.iter_errors({"extends": "n.yaml", "etablissement": {"students": 900}}))
    assert list(check.iter_errors({"name": "x"}))  # without extends, both are required


NOMINAL = f"extends: {SCENARIOS / 'nominal.yaml'}\nname: essai\n"

AGREEMENT = [
    ("channels:\n  import_ent: {days: [0, 6]}\n", True),
    ("channels:\n  import_ent: {days: [Samedi, dimanche]}\n", True),
    ("channels:\n  import_ent: {days: [7]}\n", False),
    ("channels:\n  import_ent: {delay: 1J}\n", True),
    ("channels:\n  import_ent: {delay: 90 MIN}\n", True),
    ("channels:\n  import_ent: {delay: -1j}\n", False),
    ("channels:\n  import_ent: {delay: 3 semaines}\n", False),
    ("channels:\n  extraction_aaf: {at: 21:00}\n", True),
    ("channels:\n  extraction_aaf: {at: '8:05'}\n", True),
    ("channels:\n  extraction_aaf: {at: 25:00}\n", False),
    ("channels:\n  extraction_aaf: {at: 2100}\n", False),
    ("operations:\n  export_liens_siecle: {date: 03/09/2026}\n", True),
    ("operations:\n  export_liens_siecle: {date: 2026-09-03 14:30}\n", True),
    ("operations:\n  export_liens_siecle: {date: 2026/09/03}\n", False),
    ("calendar: {rentree: 01/09/2026}\n", True),
    ("calendar: {rentree: 2026-09-01 08:00}\n", False),
    ("etablissement: {uai: 0330999z}\n", False),
    ("etablissement: {zone: D}\n", False),
]


@pytest.mark.parametrize(("extra", "valid"), AGREEMENT, ids=[a for a, _ in AGREEMENT])
def test_schema_and_validator_agree(tmp_path: Path, extra: str, valid: bool) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(NOMINAL + extra, "utf-8")
    try:
        load_scenario(path)
        loads = True
    except RentreeSimError:
        loads = False
    passes = not list(validator().iter_errors(parse_yaml(path.read_text("utf-8"))))
    assert (loads, passes) == (valid, valid)


def test_english_schema_has_english_titles() -> None:
    set_language("en")
    try:
        schema = scenario_schema()
    finally:
        set_language("fr")
    assert schema["$defs"]["Etablissement"]["properties"]["students"]["title"] == "Students"
    assert scenario_schema()["$defs"]["Etablissement"]["properties"]["students"]["title"] == (
        "Élèves"
    )
