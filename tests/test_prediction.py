"""The forecast of ``diagnostiquer --scenario``: from one day's exports and the rest of a
calendar, when the ENT and GAR will be right, with nothing redone or with the fixes done."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sim.analysis.diagnosis import diagnose
from sim.analysis.prediction import Prediction, predict
from sim.domain import Operation, Target
from sim.engine.simulation import build_truth
from sim.realfiles.defects import plant
from sim.realfiles.fictional import exports_of
from sim.realfiles.importer import data_of
from sim.realfiles.key import load_key
from sim.realfiles.readers import read_school_exports
from sim.realfiles.writer import export_files
from sim.scenario.loader import load_scenario
from tests.conftest import ROOT, run_main

NOMINAL = ROOT / "scenarios" / "nominal.yaml"


def _forecast(tmp_path: Path, day: dt.date, defect: str | None) -> Prediction:
    scenario = load_scenario(NOMINAL)
    truth, clock = build_truth(scenario)
    files = exports_of(
        truth, clock.day_minutes(day, dt.time(0, 0)), "0330999Z", 2026, day, scenario.seed
    )
    if defect is not None:
        files, _ = plant(files, defect)
    for name, data in export_files(files, zip_siecle=False).items():
        (tmp_path / name).write_bytes(data)
    key = load_key(tmp_path / "config")
    read = read_school_exports(
        tmp_path / "sts_emp_0330999Z_2026.xml",
        tmp_path / "ElevesSansAdresses.xml",
        tmp_path / "Structures.xml",
        None,
        key,
    )
    data, report = data_of(read, key.fingerprint, day, assume_links=True)
    return predict(diagnose(read, day), data, scenario, day, report.assumed_links)


def _when(prediction: Prediction, target: Target, fixed: bool) -> dt.datetime | None:
    run = prediction.with_fixes if fixed else prediction.as_it_stands
    assert run is not None
    return prediction.instant(run.targets[target].consistent_from)


def test_clean_files_forecast_the_nominal_dates(tmp_path: Path) -> None:
    """Clean exports of the rentrée (01/09) and the nominal calendar: nothing to redo; the
    links exported on Thursday 03/09 reach the ENT on Friday 04/09 at 08:00 and GAR on
    Saturday 05/09 at 08:00, the nominal's dates."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 1), None)
    assert prediction.redone == () and prediction.with_fixes is None
    assert _when(prediction, Target.ENT, False) == dt.datetime(2026, 9, 4, 8, 0)
    assert _when(prediction, Target.GAR, False) == dt.datetime(2026, 9, 5, 8, 0)


def test_late_arrivals_without_groups_are_fixed_by_two_exports_today(tmp_path: Path) -> None:
    """On Wednesday 02/09, three students have no group while their classmates have some:
    SIECLE → EDT then the links are redone that day at 10:00. The links are activated in
    SIECLE at 20:00, extracted to the AAF at 21:00, imported by the ENT that night: right on
    Thursday 03/09 at 08:00; GAR's export at 21:00 on 03/09 is integrated by 06:00: right on
    Friday 04/09 at 08:00. Without redoing them, the three students never get their groups."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 2), "eleve_sans_groupe")
    assert [op for op, _ in prediction.redone] == [
        Operation.EXPORT_SIECLE_EDT,
        Operation.EXPORT_LIENS_SIECLE,
    ]
    assert all(at.date() == dt.date(2026, 9, 2) for _, at in prediction.redone)
    assert prediction.assumed_links == 3
    assert _when(prediction, Target.ENT, True) == dt.datetime(2026, 9, 3, 8, 0)
    assert _when(prediction, Target.GAR, True) == dt.datetime(2026, 9, 4, 8, 0)
    assert _when(prediction, Target.ENT, False) is None


def test_the_forecast_in_json_and_a_calendar_of_another_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    folder = ROOT / "scenarios" / "exports" / "lycee-montaigne-defauts"
    options = [
        "--sts",
        str(folder / "sts_emp_0330999Z_2026.xml"),
        "--eleves",
        str(folder / "ElevesSansAdresses.zip"),
        "--structures",
        str(folder / "Structures.zip"),
    ]
    assert (
        run_main(monkeypatch, "diagnostiquer", *options, "--scenario", str(NOMINAL), "--json") == 0
    )
    forecast = json.loads(capsys.readouterr().out)["prevision"]
    assert {o["operation"] for o in forecast["operations_a_refaire"]} == {
        "export_siecle_edt",
        "import_sts_edt",
        "export_liens_siecle",
    }
    assert forecast["en_refaisant"]["ent"]["juste_hors_partants_a_partir_du"] is not None
    other = tmp_path / "2027.yaml"
    other.write_text(f"extends: {NOMINAL}\ncalendar: {{start: 2027-06-07, end: 2027-11-14}}\n")
    assert run_main(monkeypatch, "diagnostiquer", *options, "--scenario", str(other)) == 2
    assert "2027" in capsys.readouterr().err
