"""The habits of a command-line tool, in French: the language variable, --version, help
without Python types and printed once, French words where a user types."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim.catalogue.names import fold, from_word, reality_kind
from sim.cli import app
from sim.scenario.loader import load_scenario
from tests.conftest import ROOT, SCENARIOS

runner = CliRunner()
NOMINAL = str(SCENARIOS / "nominal.yaml")


def _sim(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sim", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


# --- RENTREE_SIM_LANG ------------------------------------------------------------------------


def test_the_language_variable_reaches_the_output() -> None:
    result = runner.invoke(app, ["validate", NOMINAL], env={"RENTREE_SIM_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "valid scenario" in result.output


def test_lang_wins_over_the_variable() -> None:
    result = runner.invoke(
        app, ["validate", NOMINAL, "--lang", "fr"], env={"RENTREE_SIM_LANG": "en"}
    )
    assert "scénario valide" in result.output


def test_the_variable_in_a_subprocess_and_its_default() -> None:
    english = _sim("run", NOMINAL, env={"RENTREE_SIM_LANG": "en"})
    assert "consistent from Fri 04/09/2026 08:00" in english.stdout  # except departed
    french = _sim("run", NOMINAL, env={"RENTREE_SIM_LANG": ""})
    assert "cohérent à partir du ven. 04/09/2026 08:00" in french.stdout


@pytest.mark.parametrize(
    ("variable", "args", "expected"),
    [
        ("en", ["--lang", "fr", "validate", NOMINAL], "scénario valide"),
        ("en", ["validate", NOMINAL, "--lang", "fr"], "scénario valide"),
        ("de", ["--lang", "en", "validate", NOMINAL], "valid scenario"),
        ("de", ["validate", NOMINAL, "--lang", "en"], "valid scenario"),
        ("en", ["validate", NOMINAL], "valid scenario"),
    ],
)
def test_a_lang_on_the_line_wins_over_the_variable_wherever_it_is(
    variable: str, args: list[str], expected: str
) -> None:
    """A review found the variable winning over a --lang given before the command, and an
    unknown variable refused though --lang named a language."""
    result = runner.invoke(app, args, env={"RENTREE_SIM_LANG": variable})
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_a_bad_language_variable_is_named() -> None:
    result = runner.invoke(app, ["validate", NOMINAL], env={"RENTREE_SIM_LANG": "de"})
    assert result.exit_code == 2
    assert "langue inconnue « de »" in result.output
    assert "RENTREE_SIM_LANG" in result.output


# --- --version, help --------------------------------------------------------------------------


def test_version_comes_from_the_package() -> None:
    completed = _sim("--version")
    assert completed.returncode == 0
    assert completed.stdout == f"rentree-sim {metadata.version('rentree-sim')}\n"
    assert completed.stdout == "rentree-sim 0.1.0\n"


@pytest.mark.parametrize("group", [[], ["plot"]])
def test_help_without_arguments_is_printed_once(group: list[str]) -> None:
    completed = _sim(*group)
    assert completed.returncode == 2
    shown = completed.stdout + completed.stderr
    assert shown.count("Usage") == 1, shown
    assert "Commandes" in shown


COMMANDS = [
    [],
    ["run"],
    ["validate"],
    ["schema"],
    ["report"],
    ["risk"],
    ["compare"],
    ["explain"],
    ["plan"],
    ["plot"],
    ["plot", "timeline"],
    ["plot", "completeness"],
    ["plot", "graph"],
    ["plot", "compare"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "rentree-sim")
def test_help_shows_no_python_type(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for placeholder in ("<bool>", "<str>", "<int>", "<float>", "<path>", "<list[", "list[str]"):
        assert placeholder not in result.output, (placeholder, result.output)


def test_help_names_what_to_type_in_french() -> None:
    result = runner.invoke(app, ["risk", "--help"], env={"COLUMNS": "200"})
    assert "SCÉNARIO" in result.output
    assert "--seed" in result.output and "ENTIER" in result.output
    assert "--out" in result.output and "DOSSIER" in result.output
    assert "(sinon la variable RENTREE_SIM_LANG)" in " ".join(result.output.split())


# --- French words where a user types -------------------------------------------------------


def test_folding_ignores_accents_case_and_separators() -> None:
    assert fold("Élève → Groupe") == "eleve_groupe"
    assert fold(" changement-de  groupe ") == "changement_de_groupe"
    assert from_word("STUDENT-GROUP", ["student_group"], {}) == "student_group"
    assert from_word("inconnu", ["student_group"], {}) is None


@pytest.mark.parametrize(
    "word", ["eleve-groupe", "élève-groupe", "élève → groupe", "Eleve_Groupe", "student_group"]
)
def test_explain_category_accepts_french_words(word: str) -> None:
    args = ["explain", NOMINAL, "--at", "2026-09-03", "--category"]
    reference = runner.invoke(app, [*args, "student_group"])
    result = runner.invoke(app, [*args, word])
    assert result.exit_code == 0, result.output
    assert result.output == reference.output
    assert result.output.startswith("élève → groupe le jeu. 03/09/2026 08:00")


def test_explain_category_refuses_an_unknown_word_listing_french_words() -> None:
    completed = _sim("explain", NOMINAL, "--at", "2026-09-03", "--category", "foo")
    assert completed.returncode == 2
    assert "valeur invalide pour --category" in completed.stderr
    assert "eleve-groupe" in completed.stderr and "student_group" in completed.stderr


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("arrivee", "arrival"),
        ("arrivée", "arrival"),
        ("Départ", "departure"),
        ("changement_division", "division_change"),
        ("changement de classe", "division_change"),
        ("changement_groupe", "group_change"),
        ("changement-de-groupe", "group_change"),
        ("group_change", "group_change"),
        ("partir", "partir"),  # left for the field to refuse
    ],
)
def test_reality_kind_words(word: str, kind: str) -> None:
    assert reality_kind(word) == kind


def test_a_scenario_with_french_reality_kinds_runs_as_with_the_ids(tmp_path: Path) -> None:
    def scenario(kinds: tuple[str, str, str]) -> str:
        arrival, move, leave = kinds
        return (
            f"extends: {NOMINAL}\n"
            'name: "Changements"\n'
            "reality:\n"
            f"  - {{date: 2026-09-14, kind: {arrival}, count: 2, level: 2nde}}\n"
            f"  - {{date: 2026-09-15, kind: {move}, count: 3}}\n"
            f"  - {{date: 2026-09-18, kind: {leave}, count: 1, level: Tle}}\n"
        )

    french = tmp_path / "fr.yaml"
    french.write_text(scenario(("arrivée", "changement de groupe", "depart")), "utf-8")
    english = tmp_path / "en.yaml"
    english.write_text(scenario(("arrival", "group_change", "departure")), "utf-8")
    kinds = [change.kind for change in load_scenario(french).reality]
    assert kinds == ["arrival", "group_change", "departure"]
    ran = [runner.invoke(app, ["run", str(path), "--json"]) for path in (french, english)]
    assert ran[0].exit_code == 0, ran[0].output
    assert ran[0].output.replace(str(french), "") == ran[1].output.replace(str(english), "")


def test_the_schema_offers_the_french_kinds() -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).output)
    kinds = schema["$defs"]["RealityChange"]["properties"]["kind"]["enum"]
    assert {"arrival", "arrivée", "départ", "changement_groupe"} <= set(kinds)
