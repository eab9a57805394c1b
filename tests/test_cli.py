"""The command line as a user runs it: exit codes, French messages, JSON, files."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from sim.cli import app
from tests.conftest import ROOT, SCENARIOS

runner = CliRunner()
NOMINAL = str(SCENARIOS / "nominal.yaml")


def test_run_prints_the_french_summary() -> None:
    result = runner.invoke(app, ["run", NOMINAL])
    assert result.exit_code == 0, result.output
    assert "ENT (Lycée Connecté) : cohérent à partir du mar. 15/09/2026 08:00" in result.output
    assert "GAR (manuels numériques) : cohérent à partir du mer. 16/09/2026 08:00" in result.output
    apart = "hors comptes de partants en attente de présuppression : cohérent à partir du"
    assert f"{apart} ven. 04/09/2026 08:00" in result.output
    assert f"{apart} sam. 05/09/2026 08:00" in result.output
    assert (
        "comptes de partants en attente de présuppression : 1\u202f094 à la rentrée, "
        "1\u202f094 une semaine après ; plus aucun à partir du mar. 15/09/2026 08:00"
    ) in result.output
    assert "licences GAR occupées par des élèves partis : 390 à la rentrée" in result.output
    assert "Chaîne qui fixe la date" in result.output


def test_run_in_english() -> None:
    result = runner.invoke(app, ["run", NOMINAL, "--lang", "en"])
    assert result.exit_code == 0
    assert "except departed accounts awaiting pre-delete: consistent from Fri 04/09/2026 08:00" in (
        result.output
    )
    assert "consistent from Tue 15/09/2026 08:00" in result.output


def test_run_json_has_the_documented_fields() -> None:
    result = runner.invoke(app, ["run", str(SCENARIOS / "liens-en-retard.yaml"), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["scenario"]["name"].startswith("Liens")
    ent = data["targets"]["ent"]
    assert ent["consistent_from"] == "2026-10-02T08:00"
    assert ent["first_consistent"] == "2026-10-02T08:00"
    assert ent["categories"]["student_group"]["consistent_from"] == "2026-10-02T08:00"
    assert data["targets"]["gar"]["consistent_from"] == "2026-10-03T08:00"
    assert ent["consistent_except_departed_from"] == "2026-10-02T08:00"
    # the leavers are kept until the 15/09 pre-delete: 390 students and 704 parents
    assert ent["departed_accounts"] == {
        "max": 1094,
        "gone_from": "2026-09-15T08:00",
        "at_end": 0,
        "at_rentree": 1094,
        "week_after": 1094,
        "awaiting_deletion_at_end": 1094,
    }
    assert data["targets"]["gar"]["departed_accounts"]["at_rentree"] == 390
    students = ent["categories"]["students"]
    assert students["at_rentree"] == {"missing": 0, "stale": 390, "departed": 390}
    assert students["consistent_except_departed_from"] == "2026-08-29T08:00"
    assert isinstance(data["warnings"], list)
    for warning in data["warnings"]:
        assert {"code", "message", "time", "count"} <= set(warning)


def test_never_consistent_is_null_not_dropped() -> None:
    result = runner.invoke(app, ["run", str(SCENARIOS / "liens-jamais-exportes.yaml"), "--json"])
    data = json.loads(result.output)
    assert data["targets"]["ent"]["consistent_from"] is None
    assert data["targets"]["ent"]["categories"]["student_group"]["never_consistent"] is True
    assert any(w["code"] == "never_consistent" for w in data["warnings"])


def test_out_writes_the_files(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = runner.invoke(app, ["run", NOMINAL, "--out", str(out), "--csv", "international"])
    assert result.exit_code == 0
    names = sorted(p.name for p in out.iterdir() if p.name != ".rentree-sim")
    assert names == ["daily_state.csv", "events.csv", "facts.csv", "result.json"]
    header = (out / "daily_state.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "observation,system,category,correct,missing,stale,departed,consistent,"
        "consistent_except_departed"
    )
    saved = json.loads((out / "result.json").read_text(encoding="utf-8"))
    printed = json.loads(runner.invoke(app, ["run", NOMINAL, "--json"]).output)
    assert saved == printed


def test_out_into_a_file_fails_cleanly(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["run", NOMINAL, "--out", str(blocker / "sub")])
    assert result.exit_code == 2
    assert "impossible d'écrire" in result.output
    assert "Traceback" not in result.output


def test_validate_ok_and_bad(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["validate", NOMINAL])
    assert ok.exit_code == 0 and "scénario valide" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"extends: {NOMINAL}\nchannels:\n  import_ent: {{delay: -1h}}\n")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "channels.import_ent.delay" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content", ["name: [unclosed\n", "- a list\n"])
def test_malformed_files_exit_2(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    result = runner.invoke(app, ["run", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output


def test_missing_file_exits_2() -> None:
    result = runner.invoke(app, ["validate", "nulle-part.yaml"])
    assert result.exit_code == 2
    assert "introuvable" in result.output


def test_schema_validates_every_scenario_file() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    validator = jsonschema.Draft202012Validator(schema)
    for path in SCENARIOS.glob("*.yaml"):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        if "extends" in data:
            continue  # a partial file: only the merged result is a whole scenario
        assert list(validator.iter_errors(data)) == [], path.name


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n(.*?)^```", text, flags=re.S | re.M)
    return [
        line.split("#")[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.startswith("rentree-sim ")
    ]


@pytest.mark.parametrize("command", _readme_commands())
def test_readme_examples_run(command: str, tmp_path: Path) -> None:
    """Every command the README shows runs (SCENARIO stands for the nominal scenario); what
    it writes goes to a temporary folder, which is its working directory."""
    args = shlex.split(command.replace("SCENARIO", NOMINAL).replace("results/", str(tmp_path)))
    args = [str(ROOT / a) if a.startswith("scenarios/") else a for a in args]
    completed = subprocess.run(
        [sys.executable, "-m", "sim", *args[1:]],
        cwd=tmp_path,
        env={**os.environ, "RENTREE_SIM_CONFIG": str(tmp_path / "config")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    # an example does what it shows (a planted defect that finds nothing to break says so)
    assert "n'a rien trouvé" not in completed.stderr, completed.stderr
    written = {p.name for p in tmp_path.iterdir()}
    for name in re.findall(r"-o (\S+)", command):
        assert name in written, (name, written)


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["--lang", "en", "--help"], "Simulates the rentrée directory chain"),
        (["run", "--lang", "en", "--help"], "Simulate a scenario and print the summary"),
        (["--lang=en", "run", "--help"], "Simulate a scenario and print the summary"),
        (["--lang", "en", "run", NOMINAL], "Scenario 'Rentrée 2026 nominale (zone A)'"),
    ],
)
def test_lang_anywhere_gives_english_help_and_output(args: list[str], english: str) -> None:
    """A probe put --lang first, or before --help: « unknown option », then French help.
    The help texts are made in the language the command line asks for, wherever --lang is."""
    env = {k: v for k, v in os.environ.items() if k != "RENTREE_SIM_LANG"}
    done = subprocess.run(
        [sys.executable, "-m", "sim", *args], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert english in " ".join(done.stdout.split()), done.stdout[:400]


def test_a_folder_given_as_a_picture_is_told_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "images"
    folder.mkdir()
    done = runner.invoke(app, ["plot", "timeline", NOMINAL, "-o", str(folder)])
    assert done.exit_code == 2 and "c'est un dossier" in done.output


def test_help_is_french() -> None:
    result = runner.invoke(app, ["run", "--help"])
    assert result.exit_code == 0
    assert "affiche cette aide" in result.output
    assert "[obligatoire]" in result.output
    assert "Show this message" not in result.output


def test_report_command_compares_with_the_extended_scenario(tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    result = runner.invoke(app, ["report", str(SCENARIOS / "panne-aaf.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count("<svg") == 4
    assert "Rentrée 2026 nominale" in text  # the scenario it extends is in the comparison


@pytest.mark.parametrize("kind", ["timeline", "completeness", "graph"])
def test_plot_commands(tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.svg"
    result = runner.invoke(app, ["plot", kind, NOMINAL, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_plot_compare_and_bad_extension(tmp_path: Path) -> None:
    out = tmp_path / "cmp.png"
    args = ["plot", "compare", NOMINAL, str(SCENARIOS / "liens-en-retard.yaml"), "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
    bad = runner.invoke(app, ["plot", "timeline", NOMINAL, "-o", str(tmp_path / "x.jpg")])
    assert bad.exit_code == 2
    assert "utiliser .png ou .svg" in bad.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run"], "il manque SCENARIO"),
        # every option left out is named, not only the first the parser met
        (["diagnostiquer", "--eleves", "e.xml"], "il manque --sts, --structures\n"),
        (["importer", "-o", "x.yaml"], "il manque --sts, --eleves, --structures\n"),
        (["run", NOMINAL, "--bogus"], "option inconnue : --bogus"),
        (["frob"], "commande inconnue « frob »"),
        (["explain", NOMINAL, "--at", "2026-09-01", "--category", "foo"], "student_group"),
        # click's own English sentences, in the catalogue's words
        (["run", NOMINAL, "mon calendrier.yaml"], "argument(s) en trop : mon calendrier.yaml"),
        (["run", NOMINAL, "--seed"], "l'option --seed attend une valeur"),
        (["run", NOMINAL, "--json=3"], "l'option --json ne prend pas de valeur"),
        (["run", NOMINAL, "--seed", "-1"], "pour --seed (de 0 à 9223372036854775807)"),
        (["risk", NOMINAL, "--seed", "douze"], "valeur invalide pour --seed (de 0 à"),
        (["plan", NOMINAL, "--target", "2026-09-14", "--confidence", "80"], "(de 0,01 à 0,99)"),
    ],
)
def test_parser_mistakes_are_told_in_french(args: list[str], expected: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "sim", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2
    assert expected in completed.stderr
    assert "Aide : rentree-sim" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not any(word in completed.stderr for word in ("Got ", "requires", "does not take"))


@pytest.mark.parametrize("command", [["run"], ["academie", "risk"], ["academie", "generer"]])
def test_seed_help_does_not_print_its_19_digit_bound(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "ENTIER" in result.output and "9223372036854775807" not in result.output


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("31/02/2026", "--at : « 31/02/2026 » n'existe pas dans le calendrier"),
        ("hier", "--at : date invalide « hier » (attendu JJ/MM/AAAA ou AAAA-MM-JJ"),
        ("01/01/2027", "--at : le ven. 01/01/2027 est hors de la fenêtre du scénario (du lun."),
    ],
)
def test_explain_says_what_is_wrong_with_at(at: str, expected: str) -> None:
    result = runner.invoke(app, ["explain", NOMINAL, "--category", "eleve-groupe", "--at", at])
    assert result.exit_code == 2 and expected in result.output


@pytest.mark.parametrize("confidence", ["0,8", "0.8", "80 %", "80\u202f%"])
def test_confidence_is_typed_as_a_french_office_types_it(confidence: str) -> None:
    from sim.cli.usage import share_number

    assert share_number(confidence) == pytest.approx(0.8)


def test_compare_tells_apart_a_variant_that_keeps_its_parents_name(tmp_path: Path) -> None:
    """A variant that only moves the link export keeps the nominal's name: each row then
    carries its file's name; a long name is cut with an ellipsis; columns stay aligned."""
    variant = tmp_path / "variante.yaml"
    variant.write_text(
        f"extends: {NOMINAL}\noperations:\n  export_liens_siecle: {{date: 2026-09-10}}\n",
        encoding="utf-8",
    )
    long_name = tmp_path / "long.yaml"
    long_name.write_text(f'extends: {NOMINAL}\nname: "{"Variante " * 10}"\n', encoding="utf-8")
    result = runner.invoke(app, ["compare", NOMINAL, str(variant), str(long_name)])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[3:7]
    assert rows[1].startswith("Rentrée 2026 nominale (zone A) — nominal.yaml ")
    assert rows[2].startswith("Rentrée 2026 nominale (zone A) — variante.yaml ")
    assert "+7 j" in rows[2] and rows[3].startswith("Variante Variante") and "…" in rows[3]
    assert len({row.index("ven.") for row in rows[1:3]}) == 1  # one column for the ENT dates


def test_a_parser_mistake_is_told_in_the_language_asked_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--lang en is read before the parser runs: its own mistakes are told in English too,
    and the caller's language is left as it was."""
    from sim.i18n import language
    from tests.conftest import run_main

    assert run_main(monkeypatch, "run", NOMINAL, "--seed", "-1", "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "invalid value for --seed (from 0 to" in err and "Help: rentree-sim run" in err
    assert language() == "fr"
    assert run_main(monkeypatch, "run", NOMINAL, "x.yaml", "--lang=en") == 2
    assert "unexpected extra argument(s): x.yaml" in capsys.readouterr().err


def test_academie_generer_without_a_seed_takes_seed_1(tmp_path: Path) -> None:
    """The documented default (`--graine 1`) when the option is left out: an int default
    goes through the seed's parser too, which once failed on it with an internal error."""
    common = str(Path(NOMINAL).resolve())
    outputs = []
    for extra in ([], ["--graine", "1"]):
        output = tmp_path / f"academie{len(extra)}.yaml"
        arguments = ["academie", "generer", "--lycees", "3", "--commun", common]
        result = runner.invoke(app, [*arguments, "-o", str(output), *extra])
        assert result.exit_code == 0, result.output
        outputs.append(output.read_text("utf-8"))
    assert outputs[0] == outputs[1]
