"""CSV files for a French spreadsheet by default, the international form for scripts; one
language per set of file names; risk.json the same bytes whatever the string hashing."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sim.cli import app
from sim.domain import Operation
from tests.conftest import ROOT, SCENARIOS

runner = CliRunner()
PANNE = str(SCENARIOS / "panne-aaf.yaml")
LATE_LINKS = str(SCENARIOS / "liens-en-retard.yaml")


def _rows(path: Path, delimiter: str = ";", encoding: str = "utf-8-sig") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_run_out_writes_french_csv_by_default(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", PANNE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir() if p.name != ".rentree-sim")
    assert names == ["etat-quotidien.csv", "evenements.csv", "faits.csv", "resultat.json"]
    for name in names[:3]:
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbf"), name

    daily = _rows(tmp_path / "etat-quotidien.csv")
    assert daily[0] == [
        "observation",
        "système",
        "catégorie",
        "justes",
        "manquants",
        "périmés",
        "dont comptes de partants",
        "cohérent",
        "cohérent hors comptes de partants",
    ]
    # the window opens on Monday 8 June 2026, observed at 08:00; STS-WEB holds no division yet
    assert daily[1][:3] == ["08/06/2026 08:00", "STS-WEB", "divisions (classes)"]
    assert daily[1][-2:] == ["non", "non"]
    # the ENT keeps the 390 leavers (marked at the 17/06 import) until the 15/09 pre-delete
    ent_students = {row[0]: row for row in daily[1:] if row[1] == "ENT" and row[2] == "élèves"}
    assert ent_students["14/09/2026 08:00"][5:] == ["390", "390", "non", "oui"]
    assert ent_students["15/09/2026 08:00"][5:] == ["0", "0", "oui", "oui"]

    events = _rows(tmp_path / "evenements.csv")
    assert events[0][:6] == [
        "n°",
        "date et heure",
        "acteur (identifiant)",
        "acteur",
        "type",
        "événement",
    ]
    outages = [row for row in events if row[5] == "panne"]
    # panne-aaf.yaml: the AAF extraction is down from Monday 31/08 00:00 to Monday 07/09
    # 00:00, so the seven nightly runs at 21:00 from 31/08 to 06/09 are outages
    nights = ["31/08/2026 21:00", *(f"{day:02d}/09/2026 21:00" for day in range(1, 7))]
    assert [row[1] for row in outages] == nights
    assert {row[3] for row in outages} == {"extraction nocturne vers l'AAF"}

    facts = _rows(tmp_path / "faits.csv")
    assert facts[0] == ["cible", "catégorie", "fait", "juste à partir du"]
    assert facts[1] == ["ENT", "divisions (classes)", "division:2ND01", "17/06/2026 03:30"]


def test_run_out_international_form_for_scripts(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", PANNE, "--out", str(tmp_path), "--csv", "international"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir() if p.name != ".rentree-sim")
    assert names == ["daily_state.csv", "events.csv", "facts.csv", "result.json"]
    raw = (tmp_path / "daily_state.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    daily = _rows(tmp_path / "daily_state.csv", delimiter=",", encoding="utf-8")
    assert daily[0] == [
        "observation",
        "system",
        "category",
        "correct",
        "missing",
        "stale",
        "departed",
        "consistent",
        "consistent_except_departed",
    ]
    assert daily[1] == ["2026-06-08T08:00", "sts", "divisions", "0", "40", "0", "0", "0", "0"]
    facts = _rows(tmp_path / "facts.csv", delimiter=",", encoding="utf-8")
    assert facts[1] == ["ent", "divisions", "division:2ND01", "2026-06-17T03:30"]


def test_the_csv_form_is_case_insensitive_and_checked(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["run", PANNE, "--out", str(tmp_path), "--csv", "International"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, ["run", PANNE, "--out", str(tmp_path), "--csv", "tableur"])
    assert bad.exit_code == 2


def test_risk_out_names_in_one_language(tmp_path: Path) -> None:
    # one uncertain operation: the tornado runs its three levels only (the file names and
    # forms are what is tested here, not the figures)
    scenario = tmp_path / "un-seul-retard.yaml"
    certain = {"forget_probability": 0, "lateness": {"kind": "empirical", "values": [0]}}
    scenario.write_text(
        f"extends: {LATE_LINKS}\nname: un seul retard\noperations:\n"
        + "".join(
            f"  {op.value}: {json.dumps(certain)}\n"
            for op in Operation
            if op is not Operation.EXPORT_LIENS_SIECLE
        ),
        encoding="utf-8",
    )
    base = ["risk", str(scenario), "-n", "8", "--seed", "1", "--workers", "1", "--tornado"]
    french, international = tmp_path / "fr", tmp_path / "int"
    assert runner.invoke(app, [*base, "--out", str(french)]).exit_code == 0
    assert (
        runner.invoke(app, [*base, "--out", str(international), "--csv", "international"]).exit_code
        == 0
    )
    assert sorted(p.name for p in french.iterdir() if p.name != ".rentree-sim") == [
        "courbe.csv",
        "courbe.png",
        "risque.json",
        "tirages.csv",
        "tornade.png",
    ]
    assert sorted(p.name for p in international.iterdir() if p.name != ".rentree-sim") == [
        "curve.csv",
        "curve.png",
        "replications.csv",
        "risk.json",
        "tornado.png",
    ]
    curve = _rows(french / "courbe.csv")
    assert curve[0] == ["date", "probabilité ENT juste", "probabilité GAR juste"]
    assert curve[1] == ["08/06/2026", "0,0000", "0,0000"]
    # eight replications: a share of right mornings is k/8, written with a decimal comma
    assert all(re.fullmatch(r"[01],\d{4}", cell) for row in curve[1:] for cell in row[1:])
    draws = _rows(french / "tirages.csv")
    assert draws[0][:3] == ["tirage", "ENT juste à partir du", "GAR juste à partir du"]
    assert "retard (jours travaillés) : export des liens élèves-groupes vers SIECLE" in draws[0]
    dates = [row[1] for row in draws[1:] if row[1]]  # empty: never right in that draw
    assert dates and all(re.fullmatch(r"\d\d/\d\d/2026", d) for d in dates)
    plain = _rows(international / "curve.csv", delimiter=",", encoding="utf-8")
    assert plain[0] == ["date", "p_ent", "p_gar"]
    assert plain[1] == ["2026-06-08", "0.0000", "0.0000"]
    assert (french / "risque.json").read_bytes() == (international / "risk.json").read_bytes()


def test_risk_json_is_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Never-consistent causes were counted over a set: their order followed the string
    hashing of the process. Three hash seeds, one file."""
    scenario = str(SCENARIOS / "liens-jamais-exportes.yaml")
    outputs = []
    for hash_seed in ("0", "1", "4242"):
        out = tmp_path / hash_seed
        completed = subprocess.run(
            [
                *(sys.executable, "-m", "sim", "risk", scenario, "-n", "12", "--seed", "3"),
                *("--workers", "1", "--out", str(out)),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        assert completed.returncode == 0, completed.stderr
        outputs.append((out / "risque.json").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
