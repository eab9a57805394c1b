"""Académie files: each lycée is the scenario an ``extends`` file with the same values would
be; sizes and seeds derived as documented; every error names the file, the line, the field
as written in the académie and the lycée; the committed schema is current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sim.errors import ScenarioError, ScenarioErrors
from sim.scenario.academie import (
    MAX_LYCEES,
    MAX_REPORTED_ERRORS,
    derived_divisions,
    derived_teachers,
    load_academie,
    lycee_seed,
)
from sim.scenario.loader import load_scenario
from sim.scenario.reading import parse_yaml
from sim.scenario.schema import academie_schema
from tests.conftest import ROOT, SCENARIOS, run_main

NOMINAL = SCENARIOS / "nominal.yaml"
LYCEE_A: dict[str, Any] = {
    "uai": "0339001E",
    "name": "Lycée Jean Rostand (fictif)",
    "kind": "LGT",
    "students": 1240,
}
LYCEE_B: dict[str, Any] = {
    "uai": "0339002F",
    "name": "Lycée professionnel du Port (fictif)",
    "kind": "LP",
    "students": 540,
    "operations": {
        "export_liens_siecle": {"date": "2026-09-17"},
        "import_sts_edt": {"date": "2026-09-02 16:00"},
    },
}


def write(folder: Path, lycees: list[dict[str, Any]], **top: Any) -> Path:
    data = {"name": "Académie d'essai", "seed": 1, "scenario": str(NOMINAL), **top}
    data["lycees"] = lycees
    path = folder / "academie.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def errors_of(path: Path) -> list[ScenarioError]:
    with pytest.raises(ScenarioErrors) as caught:
        load_academie(path)
    assert caught.value.subject == "academie"
    return caught.value.errors


def line_of(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if i > after and text in line)


def test_a_lycee_is_the_scenario_of_an_equivalent_extends_file(tmp_path: Path) -> None:
    """Entry B written as a variant file: ``extends`` the nominal, with the same identity,
    derived sizes (540 LP students: 30 divisions of 18 split 11/10/9, 78 teachers, groups of
    18) and the seed derived from the académie's seed and the UAI."""
    academie = load_academie(write(tmp_path, [LYCEE_A, LYCEE_B]))
    variant = {
        "extends": str(NOMINAL),
        "name": LYCEE_B["name"],
        "seed": lycee_seed(1, "0339002F"),
        "etablissement": {
            "name": LYCEE_B["name"],
            "uai": "0339002F",
            "students": 540,
            "divisions": {"2nde": 11, "1re": 10, "Tle": 9},
            "teachers": 78,
            "group_size": 18,
        },
        "operations": LYCEE_B["operations"],
    }
    path = tmp_path / "variant.yaml"
    path.write_text(yaml.safe_dump(variant, sort_keys=False), "utf-8")
    composed = academie.lycees[1].scenario
    assert composed.model_dump() == load_scenario(path).model_dump()
    assert academie.lycees[1].kind == "LP"
    assert academie.lycees[1].source.line == line_of(tmp_path / "academie.yaml", "0339002F")
    # the common scenario's other lycée keeps the nominal's calendar
    assert academie.lycees[0].scenario.operations == load_scenario(NOMINAL).operations
    assert academie.rentree.isoformat() == "2026-09-01"
    assert academie.by.isoformat() == "2026-09-08"  # the rentrée + 7 days


def test_derived_sizes() -> None:
    """1,240 LGT students: 41 divisions of 30 (14.76/13.12/13.12 → 14/13/13 and the one left
    to the largest remainder, 2nde), 2.6 teachers a division: 107."""
    divisions = derived_divisions("LGT", 1240)
    assert divisions.by_level() == {"2nde": 15, "1re": 13, "Tle": 13}
    assert derived_teachers(divisions) == 107
    assert sum(derived_divisions("LPO", 900).by_level().values()) == 38  # 900 / 24 = 37.5
    assert all(1 <= n <= 40 for n in derived_divisions("LP", 6000).by_level().values())


def test_seeds_do_not_depend_on_the_order_of_the_file(tmp_path: Path) -> None:
    one = load_academie(write(_folder(tmp_path / "a"), [LYCEE_A, LYCEE_B]))
    other = load_academie(write(_folder(tmp_path / "b"), [LYCEE_B, LYCEE_A]))
    assert one.lycees[0].scenario.model_dump() == other.lycees[1].scenario.model_dump()
    assert one.lycees[0].scenario.seed == lycee_seed(1, "0339001E") != lycee_seed(2, "0339001E")
    given = {**LYCEE_A, "seed": 7}
    assert load_academie(write(_folder(tmp_path / "c"), [given])).lycees[0].scenario.seed == 7


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def test_a_bad_uai_and_a_duplicate_name_their_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            {**LYCEE_A, "uai": "0339001A"},
            LYCEE_B,
            {**LYCEE_B, "uai": " 0339002f", "name": "Lycée bis (fictif)"},
        ],
    )
    bad_key, duplicate = errors_of(path)
    assert (bad_key.field, bad_key.line) == ("lycees[0].uai", line_of(path, "0339001A"))
    assert "devrait être E" in bad_key.rule
    first = line_of(path, "0339002F")
    assert duplicate.field == "lycees[2].uai"
    assert duplicate.line == line_of(path, "0339002f")
    assert f"0339002F apparaît deux fois (aussi à la ligne {first})" in duplicate.rule


def test_an_unknown_key_gets_a_suggestion(tmp_path: Path) -> None:
    entry = {k: v for k, v in LYCEE_A.items() if k != "students"} | {"studnets": 1200}
    found = errors_of(write(tmp_path, [entry]))
    rules = {e.field: e.rule for e in found}
    assert "« students »" in rules["lycees[0].studnets"]
    assert "lycees[0].students" in rules  # and the missing one is named


def test_an_override_error_names_the_academie_line_and_the_lycee(tmp_path: Path) -> None:
    entry = {**LYCEE_B, "operations": {"export_liens_siecle": {"date": "31/09/2026"}}}
    path = write(tmp_path, [LYCEE_A, entry])
    (error,) = errors_of(path)
    assert error.file == str(path.resolve())
    assert error.field == "lycees[1].operations.export_liens_siecle.date"
    assert error.line == line_of(path, "31/09/2026")
    assert "0339002F" in error.rule and "Lycée professionnel du Port" in error.rule


def test_an_unknown_operation_is_named_where_the_entry_writes_it(tmp_path: Path) -> None:
    entry = {**LYCEE_B, "operations": {"import_sts_edtt": {"date": "2026-09-02"}}}
    path = write(tmp_path, [entry])
    (error,) = errors_of(path)
    assert error.field == "lycees[0].operations.import_sts_edtt"
    assert error.line == line_of(path, "import_sts_edtt")
    assert "import_sts_edt »" in error.rule


def test_an_inherited_value_is_named_in_the_base_file(tmp_path: Path) -> None:
    """The window shortened by the entry leaves the base's 20/11 transition date outside:
    the faulty value is the base file's (its line), told for this lycée."""
    base = tmp_path / "base.yaml"
    base.write_text(
        f"extends: {NOMINAL}\noperations:\n  transition_ent: {{date: 2026-11-10}}\n", "utf-8"
    )
    entry = {**LYCEE_A, "calendar": {"end": "2026-11-01"}}
    path = write(tmp_path, [entry], scenario="base.yaml")
    (error,) = errors_of(path)
    assert (error.file, error.line) == (str(base.resolve()), 3)
    assert error.field == "operations.transition_ent.date[0]"
    assert "0339001E" in error.rule


def test_a_missing_base_scenario_is_the_academie_fields_fault(tmp_path: Path) -> None:
    path = write(tmp_path, [LYCEE_A, {**LYCEE_B, "scenario": "absent.yaml"}])
    (error,) = errors_of(path)
    assert error.field == "lycees[1].scenario" and "absent.yaml" in error.rule
    assert error.line == line_of(path, "absent.yaml")


def test_the_window_and_the_rentree_are_common(tmp_path: Path) -> None:
    path = write(tmp_path, [LYCEE_A, {**LYCEE_B, "calendar": {"end": "2026-12-01"}}])
    (error,) = errors_of(path)
    assert error.field == "lycees[1].calendar.end"
    assert "15/11/2026 dans le scénario commun" in error.rule
    # the first lycée differs: it is the one named, not the others that follow the common
    first_differs = [{**LYCEE_A, "calendar": {"start": "2026-06-02"}}, LYCEE_B]
    (error,) = errors_of(write(tmp_path, first_differs))
    assert error.field == "lycees[0].calendar.start" and "08/06/2026" in error.rule
    path = write(tmp_path, [LYCEE_A], by="2027-01-10")
    (error,) = errors_of(path)
    assert error.field == "by"


def test_a_value_given_twice(tmp_path: Path) -> None:
    path = write(tmp_path, [{**LYCEE_A, "etablissement": {"students": 900}}])
    (error,) = errors_of(path)
    assert error.field == "lycees[0].etablissement.students"
    assert "lycees[0].students" in error.rule


def test_every_error_of_every_lycee_is_gathered_and_capped(tmp_path: Path) -> None:
    lycees = [
        {
            "uai": f"03390{i:02d}" + "X",
            "name": f"Lycée {i} (fictif)",
            "kind": "LGT",
            "students": 900,
        }
        for i in range(60)
    ]
    with pytest.raises(ScenarioErrors) as caught:
        load_academie(write(tmp_path, lycees))
    wrong = sum(1 for i in range(60) if "ABCDEFGHJKLMNPRSTUVWXYZ"[(339000 + i) % 23] != "X")
    assert len(caught.value.errors) == MAX_REPORTED_ERRORS
    assert caught.value.omitted == wrong - MAX_REPORTED_ERRORS


def test_too_many_lycees_are_refused_before_any_is_read(tmp_path: Path) -> None:
    lycees = [{"uai": "0339001E"}] * (MAX_LYCEES + 1)
    (error,) = errors_of(write(tmp_path, lycees))
    assert error.field == "lycees" and str(MAX_LYCEES) in error.rule


def test_a_closed_day_is_a_warning_and_strict_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = {**LYCEE_B, "operations": {"transferts": {"date": "2026-08-03", "share": 1.0}}}
    path = write(tmp_path, [LYCEE_A, entry])
    academie = load_academie(path)
    (warning,) = academie.warnings
    assert warning.field == "lycees[1].operations.transferts.date[0]"
    assert warning.line == line_of(path, "2026-08-03")
    assert run_main(monkeypatch, "academie", "validate", str(path)) == 0
    assert "⚠" in capsys.readouterr().err
    assert run_main(monkeypatch, "academie", "validate", str(path), "--strict") == 2
    assert "--strict" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "dictionnaire de clés (name, scenario, lycees"),
        ("name: x\netablissement: {name: y, uai: 0330999Z}\n", "est un scénario"),
        ("name: x\nseed: 1\n", "lycees"),
    ],
)
def test_unusable_files_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "academie.yaml"
    path.write_text(text, "utf-8")
    assert any(expected in f"{error.field} {error.rule}" for error in errors_of(path))


def test_an_alias_bomb_and_a_directory_are_refused(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "bombe.yaml"
    path.write_text("\n".join(levels) + "\n", "utf-8")
    assert "alias" in single_error(path).rule
    folder = tmp_path / "dossier.yaml"
    folder.mkdir()
    assert "dossier" in single_error(folder).rule
    assert "YAML" in single_error(tmp_path / "academie.txt").rule


def single_error(path: Path) -> ScenarioError:
    (error,) = errors_of(path)
    return error


def test_validate_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [LYCEE_A, LYCEE_B])
    assert run_main(monkeypatch, "academie", "validate", str(path)) == 0
    out = capsys.readouterr().out
    assert "académie valide" in out and "2 lycées (1 LGT, 1 LP)" in out and "08/09/2026" in out
    bad = write(tmp_path, [{**LYCEE_A, "kind": "LPX"}])
    assert run_main(monkeypatch, "academie", "validate", str(bad)) == 2
    err = capsys.readouterr().err
    assert "Académie invalide (1 erreur)" in err and "LGT, LP, LPO" in err
    assert "Traceback" not in err


def test_committed_schema_is_current(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/academie.schema.json is what `rentree-sim academie schema` prints (regenerate it
    with `rentree-sim academie schema > docs/academie.schema.json`)."""
    committed = json.loads((ROOT / "docs" / "academie.schema.json").read_text("utf-8"))
    assert committed == academie_schema()
    assert run_main(monkeypatch, "academie", "schema") == 0
    assert json.loads(capsys.readouterr().out) == committed


def test_the_schema_agrees_with_the_loader(tmp_path: Path) -> None:
    schema = academie_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema)
    path = write(tmp_path, [LYCEE_A, LYCEE_B])
    assert not list(check.iter_errors(parse_yaml(path.read_text("utf-8"))))
    wrong = parse_yaml(write(tmp_path, [{**LYCEE_A, "kind": "LPX", "studnets": 3}]).read_text())
    assert len(list(check.iter_errors(wrong))) == 2
    typo = parse_yaml(
        write(tmp_path, [{**LYCEE_B, "operations": {"import_sts_edtt": {}}}]).read_text()
    )
    assert list(check.iter_errors(typo))


ACADEMIES = sorted((SCENARIOS / "academies").glob("*.yaml"))


@pytest.mark.parametrize("path", ACADEMIES, ids=[p.name for p in ACADEMIES])
def test_shipped_academies_are_valid_and_pass_the_schema(path: Path) -> None:
    text = path.read_text("utf-8")
    reference = text.splitlines()[0].split("$schema=", 1)[1].strip()
    assert (path.parent / reference).resolve() == ROOT / "docs" / "academie.schema.json"
    check = jsonschema.Draft202012Validator(academie_schema())
    assert not [e.message for e in check.iter_errors(parse_yaml(text))]
    academie = load_academie(path)
    assert academie.lycees and not academie.warnings


@pytest.mark.parametrize(
    ("name", "count"), [("nouvelle-aquitaine-fictive.yaml", 290), ("petite-academie.yaml", 12)]
)
def test_shipped_academies_are_their_generation(name: str, count: int) -> None:
    """`rentree-sim academie generer --lycees N --graine 1 -o scenarios/academies/<name>`
    writes them: they cannot drift from the generator."""
    from sim.scenario.synthetic import generate_academie

    folder = SCENARIOS / "academies"
    assert (folder / name).read_text("utf-8") == generate_academie(count, 1, base_dir=folder)


def test_the_shipped_table_is_what_excel_saves() -> None:
    """exemple.csv: Windows-1252, `;`, CRLF, French headers, `1 240`, « non faite »."""
    path = SCENARIOS / "academies" / "exemple.csv"
    raw = path.read_bytes()
    assert b"\r\n" in raw and "Élèves".encode("cp1252") in raw
    academie = load_academie(path)
    assert [lycee.kind for lycee in academie.lycees] == ["LGT", "LP", "LPO", "LGT", "LP", "LGT"]
    assert academie.lycees[2].scenario.operations.export_liens_siecle.missing
    assert academie.lycees[0].scenario.etablissement.students == 1240


def test_levels_not_given_are_derived_and_kinds_are_read_in_any_case(tmp_path: Path) -> None:
    """An LP of 540 students derives 11/10/9 divisions: giving only the 2nde keeps the rest."""
    entry = {**LYCEE_B, "kind": " lp", "divisions": {"2nde": 3}}
    (lycee,) = load_academie(write(tmp_path, [entry])).lycees
    assert lycee.kind == "LP"
    assert lycee.scenario.etablissement.divisions.by_level() == {"2nde": 3, "1re": 10, "Tle": 9}
    assert lycee.scenario.name == LYCEE_B["name"]


def test_the_scenario_commands_tell_an_academie_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, [LYCEE_A])
    assert run_main(monkeypatch, "validate", str(path)) == 2
    assert "rentree-sim academie" in capsys.readouterr().err
    assert run_main(monkeypatch, "validate", str(SCENARIOS / "academies" / "exemple.csv")) == 2
    assert "rentree-sim academie" in capsys.readouterr().err
    assert run_main(monkeypatch, "academie", "validate", str(path), "--commun", str(NOMINAL)) == 2
    assert "--commun" in capsys.readouterr().err


def test_a_change_of_the_common_calendar_spares_what_a_lycee_says_itself(
    tmp_path: Path,
) -> None:
    """« Et si l'académie fixait l'export des liens au 10/09 ? » Lycée A follows the common
    date; B reported its own (17/09) and keeps it."""
    path = write(tmp_path, [LYCEE_A, LYCEE_B])
    changes = {"operations": {"export_liens_siecle": {"date": "2026-09-10"}}}
    a, b = load_academie(path, changes=changes).lycees
    assert [d.isoformat() for d in a.scenario.operations.export_liens_siecle.date] == ["2026-09-10"]
    assert [d.isoformat() for d in b.scenario.operations.export_liens_siecle.date] == ["2026-09-17"]
    never = {"operations": {"export_liens_siecle": {"missing": True}}}
    a, b = load_academie(path, changes=never).lycees
    assert a.scenario.operations.export_liens_siecle.missing
    assert not b.scenario.operations.export_liens_siecle.missing


def test_a_workbook_is_told_to_be_saved_as_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A probe gave the .xlsx itself, with --commun: it was told « --commun … un fichier
    d'académie YAML », about a file that is no YAML."""
    workbook = tmp_path / "lycees.xlsx"
    workbook.write_bytes(b"PK\x03\x04")
    with pytest.raises(ScenarioErrors, match="enregistrez-le en CSV"):
        load_academie(workbook)
    nominal = str(SCENARIOS / "nominal.yaml")
    assert run_main(monkeypatch, "academie", "validate", str(workbook), "--commun", nominal) == 2
    assert "enregistrez-le en CSV" in capsys.readouterr().err
