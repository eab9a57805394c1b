"""``academie run``: each lycée's dates are those of its own scenario run alone; the
académie's counts, bottlenecks and ranking follow from them; the same bytes whatever the
number of processes; outputs written whole and checked before any computation."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sim.analysis.academie import NEVER, run_academie
from sim.analysis.execution import LocalExecutor
from sim.analysis.run_analysis import analyse
from sim.domain import Operation, Target
from sim.engine.simulation import simulate
from sim.presentation.academie_output import academie_run_json, academie_run_summary
from sim.presentation.export import dumps
from sim.scenario.academie import load_academie
from tests.conftest import SCENARIOS, run_main

NOMINAL = SCENARIOS / "nominal.yaml"
ON_TIME: dict[str, Any] = {"uai": "0339001E", "name": "A (fictif)", "kind": "LGT", "students": 900}
LATE: dict[str, Any] = {
    "uai": "0339002F",
    "name": "B (fictif)",
    "kind": "LP",
    "students": 400,
    "operations": {"export_liens_siecle": {"date": "2026-09-17"}},
}
NEVER_DONE: dict[str, Any] = {
    "uai": "0339003G",
    "name": "C (fictif)",
    "kind": "LPO",
    "students": 700,
    "operations": {"export_liens_siecle": {"missing": True}},
}


def academie_file(folder: Path, *lycees: dict[str, Any]) -> Path:
    data = {"name": "Essai", "seed": 3, "scenario": str(NOMINAL), "lycees": list(lycees)}
    path = folder / "academie.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = academie_file(tmp_path_factory.mktemp("academie"), ON_TIME, LATE, NEVER_DONE)
    return run_academie(load_academie(path))


def test_each_lycee_is_its_own_run(three: Any) -> None:
    for lycee, outcome in zip(three.academie.lycees, three.lycees, strict=True):
        analysis = analyse(simulate(lycee.scenario))
        for target in Target:
            tc = analysis.targets[target]
            assert outcome.targets[target].consistent_from == tc.consistent_except_departed_from
            assert outcome.targets[target].strict_from == tc.consistent_from
            assert outcome.targets[target].correct.tolist() == tc.correct_except_departed


def test_dates_steps_counts_and_ranking_by_hand(three: Any) -> None:
    """Links exported on Thursday 03/09 reach the ENT on Friday 04/09 and the GAR on
    Saturday 05/09 (the nominal's comment); exported on Thursday 17/09, the GAR is right on
    Saturday 19/09; never exported, never right. By Tuesday 08/09 (the rentrée + 7 days),
    one lycée of three is right; the one never right is called first."""
    on_time, late, never = three.lycees
    assert _day(three, on_time.targets[Target.GAR].consistent_from) == "2026-09-05"
    assert _day(three, on_time.targets[Target.ENT].consistent_from) == "2026-09-04"
    assert _day(three, late.targets[Target.GAR].consistent_from) == "2026-09-19"
    assert never.targets[Target.GAR].consistent_from is None
    assert on_time.targets[Target.GAR].operation == Operation.EXPORT_LIENS_SIECLE.value
    assert never.bottleneck(Target.GAR) == NEVER
    assert "export_liens_siecle" in never.forgotten
    assert three.by_count == {Target.ENT: 1, Target.GAR: 1}
    assert three.bottlenecks[Target.GAR] == {"export_liens_siecle": 2, NEVER: 1}
    assert [three.lycees[i].uai for i in three.ranking] == ["0339003G", "0339002F", "0339001E"]
    sep_6 = three.observations.index(three.clock.day_minutes(_date("2026-09-06"), _eight()))
    assert three.curve[Target.GAR][sep_6] == 1
    assert three.curve[Target.GAR][-1] == 2


def _date(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def _eight() -> Any:
    import datetime as dt

    return dt.time(8, 0)


def _day(run: Any, minute: float | None) -> str | None:
    return None if minute is None else run.clock.instant(minute).date().isoformat()


def test_the_same_bytes_on_one_or_two_processes(tmp_path: Path, three: Any) -> None:
    path = academie_file(tmp_path, ON_TIME, LATE, NEVER_DONE, {**ON_TIME, "uai": "0339004H"})
    academie = load_academie(path)
    one = dumps(academie_run_json(run_academie(academie), "a.yaml"))
    with LocalExecutor(2) as executor:
        two = dumps(academie_run_json(run_academie(academie, executor), "a.yaml"))
    assert one == two
    assert gc.get_freeze_count() == 0  # the collector walks what the runs left, as before
    data = json.loads(one)
    assert [row["rank"] for row in data["lycees"]] == [1, 2, 3, 4]
    assert data["targets"]["gar"]["by"] == 2


def test_the_command_summary_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = academie_file(tmp_path, ON_TIME, LATE, NEVER_DONE)
    out = tmp_path / "resultats"
    assert run_main(monkeypatch, "academie", "run", str(path), "--out", str(out)) == 0
    text = capsys.readouterr().out
    assert "justes pour de bon au plus tard le mar. 08/09/2026 : 1 lycée sur 3" in text
    assert "jamais juste dans la fenêtre" in text
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "academie.json",
        "courbe-academie.csv",
        "goulots.csv",
        "lycees.csv",
    ]
    assert (
        "jamais juste dans la fenêtre : oubli : export des liens élèves-groupes vers SIECLE" in text
    )
    table = (out / "lycees.csv").read_text("utf-8-sig").splitlines()
    assert "GAR : pourquoi jamais juste" in table[0]
    assert table[1].startswith(
        "1;0339003G;C (fictif);LPO;700;;;jamais juste dans la fenêtre;"
        "oubli : export des liens élèves-groupes vers SIECLE, manquants : élève → groupe, arrêtés "
        "à EDT/PRONOTE;"
    )
    assert ";export des liens élèves-groupes vers SIECLE;;" in table[3]  # right: no cause
    international = tmp_path / "international"
    code = run_main(
        monkeypatch,
        "academie",
        "run",
        str(path),
        "--out",
        str(international),
        "--csv",
        "international",
        "--json",
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["academie"]["lycees"] == 3
    never = data["lycees"][0]
    causes = ["forgotten:export_liens_siecle", "stuck:student_group:edt"]
    assert never["gar"]["never_causes"] == causes
    assert data["lycees"][2]["gar"]["never_causes"] == []
    assert (international / "schools.csv").read_text("utf-8").startswith("rank,uai,school")


def test_the_deadline_is_any_day_of_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """« On 19 September, how many? »: links exported on 17/09 reach the GAR on Saturday
    19/09, so two lycées of three are right for good that morning (one on 08/09)."""
    path = str(academie_file(tmp_path, ON_TIME, LATE, NEVER_DONE))
    assert run_main(monkeypatch, "academie", "run", path, "--echeance", "19/09/2026") == 0
    assert "justes pour de bon au plus tard le sam. 19/09/2026 : 2 lycées sur 3" in (
        capsys.readouterr().out
    )
    assert run_main(monkeypatch, "academie", "run", path, "--by", "2026-09-19", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["targets"]["gar"]["by"] == 2
    assert run_main(monkeypatch, "academie", "run", path, "--echeance", "01/01/2027") == 2
    err = capsys.readouterr().err
    assert "hors de la fenêtre des lycées (du lun. 08/06/2026 au dim. 15/11/2026)" in err


def test_a_transition_after_the_rentree_is_told_beside_the_step(tmp_path: Path) -> None:
    """The ENT's transition on Monday 07/09 empties its classes and groups: the step that
    sets the date is told with it (the lycée's own ``run`` warns of it too)."""
    late_transition = {
        **ON_TIME,
        "operations": {"transition_ent": {"date": "2026-09-07"}},
    }
    run = run_academie(load_academie(academie_file(tmp_path, late_transition)))
    (lycee,) = run.lycees
    assert "transition_after_rentree" in lycee.warnings
    assert lycee.never_causes(Target.GAR) == []
    text = academie_run_summary(run)
    assert "(et la transition de l'ENT après la rentrée, qui l'a vidé)" in text


def test_out_is_checked_before_computing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sim.analysis.academie as module

    def never_called(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed before checking --out")

    monkeypatch.setattr(module, "run_academie", never_called)
    path = academie_file(tmp_path, ON_TIME)
    assert run_main(monkeypatch, "academie", "run", str(path), "--out", str(NOMINAL)) == 2
    assert "dossier" in capsys.readouterr().err


def test_the_run_stops_when_the_engines_disagree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checked lycées run again in SimPy beside the others: a fast engine that logs
    one event too many stops the run, naming the lycée."""
    from sim.analysis import academie
    from sim.errors import EngineMismatch
    from sim.results import EventRecord

    real = academie._simulate

    def wrong(scenario: Any, fast: bool) -> Any:
        result = real(scenario, fast)
        if fast:
            last = result.events[-1]
            result.events.append(
                EventRecord(len(result.events), last.minute, "export_liens_siecle", "rule", "x")
            )
        return result

    monkeypatch.setattr(academie, "_simulate", wrong)
    loaded = load_academie(academie_file(tmp_path, ON_TIME, LATE))
    assert academie.checked_lycees(loaded) == [0, 1]
    with pytest.raises(EngineMismatch, match="0339001E"):
        run_academie(loaded)


def test_a_name_a_spreadsheet_would_run_is_written_inert(tmp_path: Path) -> None:
    """A probe named a lycée « =cmd|' /C calc'!A0 »: lycees.csv had the cell as written, which
    Excel runs as a formula. It is written with an apostrophe before it, in both forms; a
    number written as text (a negative margin) is left as it is."""
    from sim.presentation.academie_output import schools_csv
    from sim.presentation.export import Csv, CsvForm

    hostile = {**ON_TIME, "name": "=cmd|' /C calc'!A0"}
    run = run_academie(load_academie(academie_file(tmp_path, hostile)))
    for form in CsvForm:
        text = schools_csv(run, Csv(form))
        assert "'=cmd|' /C calc'!A0" in text and ";=cmd" not in text and ",=cmd" not in text
    assert (
        Csv()
        .dumps([["-3", "-0,5", "@SUM(1)", "+HYPERLINK(1)"]])
        .endswith("-3;-0,5;'@SUM(1);'+HYPERLINK(1)\r\n")
    )
