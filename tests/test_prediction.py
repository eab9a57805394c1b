"""The forecast of ``diagnostiquer --scenario``: from one day's exports and the rest of a
calendar, when the ENT and GAR will be right, with nothing redone or with the fixes done."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from sim.analysis.diagnosis import Rule, diagnose
from sim.analysis.explain import wrong_facts
from sim.analysis.prediction import (
    Observed,
    Prediction,
    forecast,
    observation_of,
    simulate_future,
    start_of,
)
from sim.analysis.run_analysis import analyse
from sim.domain import Category, Operation, Store, Target
from sim.engine.observation import OBSERVATION_OFFSET
from sim.engine.simulation import SimulationResult, simulate
from sim.realfiles.defects import plant
from sim.realfiles.exports import SchoolExports
from sim.realfiles.fictional import exports_of
from sim.realfiles.importer import data_of
from sim.realfiles.key import load_key
from sim.realfiles.readers import read_school_exports
from sim.realfiles.writer import export_files
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario
from sim.truth.imported import observed_facts
from tests.conftest import ROOT, run_main

NOMINAL = ROOT / "scenarios" / "nominal.yaml"


def _exported(
    tmp_path: Path, scenario: Scenario, day: dt.date, defect: str | None, simulated: bool
) -> tuple[dict[Store, dict[Category, np.ndarray]], SchoolExports]:
    """The files ``scenario``'s lycée exports on ``day``, with ``defect`` planted, as
    ``diagnostiquer`` reads them, and the state they were made from: what its STS-WEB and
    SIECLE hold at the start of that day in the scenario's simulation, or (not
    ``simulated``) the truth itself, every export done."""
    result = simulate(scenario)
    minute = result.clock.day_minutes(day, dt.time(0, 0))
    stores = {
        store: {
            c: h.at(minute) if simulated else result.truth.table(c).true_at(minute)
            for c, h in result.histories[store].items()
        }
        for store in (Store.STS, Store.SIECLE)
    }
    files = exports_of(result.truth, minute, "0330999Z", 2026, day, scenario.seed, stores)
    if defect is not None:
        files, _ = plant(files, defect)
    return stores, _read_back(tmp_path, files)


def _forecast(
    tmp_path: Path,
    day: dt.date,
    defect: str | None,
    simulated: bool = True,
    path: Path = NOMINAL,
) -> Prediction:
    """The forecast from the files of :func:`_exported`, with ``path``'s calendar."""
    scenario = load_scenario(path)
    _, read = _exported(tmp_path, scenario, day, defect, simulated)
    return forecast(diagnose(read, day), read, "0" * 8, scenario, day)


def _read_back(folder: Path, files: SchoolExports) -> SchoolExports:
    """``files`` written as the lycée has them, and read as ``diagnostiquer`` reads them."""
    for name, data in export_files(files, zip_siecle=False).items():
        (folder / name).write_bytes(data)
    return read_school_exports(
        folder / "sts_emp_0330999Z_2026.xml",
        folder / "ElevesSansAdresses.xml",
        folder / "Structures.xml",
        folder / "ResponsablesAvecAdresses.xml",
        load_key(folder / "config"),
    )


def _when(prediction: Prediction, target: Target, fixed: bool) -> dt.datetime | None:
    run = prediction.with_fixes if fixed else prediction.as_it_stands
    assert run is not None
    return prediction.instant(run.targets[target].consistent_from)


def _after_observation(
    tmp_path: Path, day: dt.date, defect: str | None, simulated: bool
) -> tuple[dict[Store, dict[Category, np.ndarray]], SimulationResult, float, Observed]:
    """The nominal lycée's files of ``day`` (as in :func:`_forecast`), put back into a
    simulation of the lycée they describe: the files' state, the run, and the instant just
    after the observation."""
    scenario = load_scenario(NOMINAL)
    stores, read = _exported(tmp_path, scenario, day, defect, simulated)
    data, _ = data_of(read, "0" * 8, day, assume_links=True)
    observed = observation_of(read, day)
    start = start_of(data, scenario, observed)  # the forecast's own start
    assert start.state is not None
    result = simulate(start.scenario, truth=start.truth, clock=start.clock, observed=start.state)
    return stores, result, start.state.minute + 2 * OBSERVATION_OFFSET, observed


def test_clean_files_forecast_the_nominal_dates(tmp_path: Path) -> None:
    """The files the nominal lycée exports on Friday 04/09 (its STS-WEB and SIECLE as
    simulated at the start of that day): no finding, nothing to redo. They are put back on
    Thursday 03/09 at 20:59, just before the extraction to the AAF, and hold what the
    simulation holds then (the links exported on 03/09 at 10:00 were activated at 20:00):
    the ENT is right on 04/09 at 08:00, and GAR, after its export of 04/09 at 21:00, on
    05/09 at 08:00: the nominal's own dates."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 4), None)
    assert prediction.redone == () and prediction.with_fixes is None
    assert prediction.observed_on == dt.date(2026, 9, 4)
    assert _when(prediction, Target.ENT, False) == dt.datetime(2026, 9, 4, 8, 0)
    assert _when(prediction, Target.GAR, False) == dt.datetime(2026, 9, 5, 8, 0)


def test_files_ahead_of_the_calendar_bring_the_dates_forward(tmp_path: Path) -> None:
    """Files of Wednesday 02/09 where every export is done (the truth itself), though the
    calendar exports the links only on Thursday 03/09: the forecast believes the files. They
    are in SIECLE on Tuesday 01/09 at 20:59, before that evening's extraction: the ENT is
    right on 02/09 at 08:00 and GAR (export of 02/09 at 21:00) on 03/09 at 08:00, two days
    before the nominal's dates."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 2), None, simulated=False)
    assert prediction.redone == ()
    assert _when(prediction, Target.ENT, False) == dt.datetime(2026, 9, 2, 8, 0)
    assert _when(prediction, Target.GAR, False) == dt.datetime(2026, 9, 3, 8, 0)


@pytest.mark.parametrize(
    ("day", "simulated"),
    [(dt.date(2026, 8, 28), True), (dt.date(2026, 9, 2), False), (dt.date(2026, 9, 15), True)],
)
def test_the_files_are_what_sts_web_and_siecle_hold_after_the_observation(
    tmp_path: Path, day: dt.date, simulated: bool
) -> None:
    """Files exported from a simulation (or from the truth), read and put back into a
    simulation of the lycée they describe: right after the observation, STS-WEB and SIECLE
    hold as many facts of each kind as the files (the truths differ, their sizes that day
    do not; on 02/09 the simulation had no link in SIECLE yet, the files have them all)."""
    stores, result, after, _ = _after_observation(tmp_path, day, None, simulated)
    for store, categories in stores.items():
        for category, expected in categories.items():
            found = result.histories[store][category].at(after)
            assert found.sum() == expected.sum(), (store, category)


@pytest.mark.parametrize(
    "defect", ["structure_eleve_inconnue", "services_non_remontes", "eleve_sans_groupe"]
)
def test_after_the_observation_the_stores_hold_exactly_what_the_files_show(
    tmp_path: Path, defect: str
) -> None:
    """Whatever the files say, STS-WEB's and SIECLE's entities right after the observation
    are the observed facts (SIECLE also has the structures its students are placed in), and
    SIECLE holds a link exactly when it is observed and both its ends are there."""
    _, result, after, observed = _after_observation(tmp_path, dt.date(2026, 9, 4), defect, True)
    truth = result.truth
    entities, links = observed_facts(truth, observed.shown)
    for store, categories in entities.items():
        for category, expected in categories.items():
            found = result.histories[store][category].at(after)
            assert np.array_equal(found, expected), (store, category)
    siecle = {c: h.at(after) for c, h in result.histories[Store.SIECLE].items()}
    for category, shown in links[Store.SIECLE].items():
        table = truth.table(category)
        ends = np.ones(table.size, dtype=bool)
        for end, index in table.ends.items():
            if end is not Category.PARENTS:  # SIECLE's guardians come with their links
                ends &= siecle[end][index]
        assert np.array_equal(siecle[category], shown & ends), category
    assert siecle[Category.STUDENT_GROUP].sum() == len(observed.shown.student_groups)
    events = [e for e in result.events if e.kind == "observation"]
    assert [(e.actor, e.code, e.minute) for e in events] == [
        ("exports", "files", after - OBSERVATION_OFFSET)
    ]


def test_groups_students_are_placed_in_are_in_siecle(tmp_path: Path) -> None:
    """On Friday 04/09 Structures.xml lacks groups its students are placed in: it was
    exported before they reached SIECLE. A link in SIECLE needs its group there (rule 2),
    so SIECLE has them: nothing differs from the simulation, the dates are the nominal's
    (ENT 04/09, GAR 05/09 at 08:00), and nothing is to be redone in the chain (the finding
    asks for both SIECLE exports again, to check)."""
    _, result, after, observed = _after_observation(
        tmp_path, dt.date(2026, 9, 4), "structure_eleve_inconnue", True
    )
    placed = {g for _, g in observed.shown.student_groups}
    groups = result.truth.table(Category.GROUPS)
    held = result.histories[Store.SIECLE][Category.GROUPS].at(after)
    assert all(held[groups.labels.index(f"groupe:{g}")] for g in placed)
    (tmp_path / "forecast").mkdir()
    prediction = _forecast(tmp_path / "forecast", dt.date(2026, 9, 4), "structure_eleve_inconnue")
    assert prediction.redone == () and prediction.with_fixes is None
    assert _when(prediction, Target.ENT, False) == dt.datetime(2026, 9, 4, 8, 0)
    assert _when(prediction, Target.GAR, False) == dt.datetime(2026, 9, 5, 8, 0)


def test_students_without_groups_on_the_files_day_need_two_exports(tmp_path: Path) -> None:
    """On Friday 04/09, three students have no group in SIECLE while their classmates have
    some. Put back on Thursday 03/09 at 20:59, the files take their links out of SIECLE
    just before the extraction: the ENT lacks them on Friday morning, and nothing later in
    the calendar sends links again. Redone on Friday at 10:00 (SIECLE → EDT) and 10:01 (the
    links), they are activated at 20:00, extracted at 21:00 and imported that night: the
    ENT is right on Saturday 05/09 at 08:00; GAR's export of Saturday 21:00 lands by Sunday
    06/09 at 08:00."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 4), "eleve_sans_groupe")
    assert prediction.assumed_links == 3
    assert [op for op, _ in prediction.redone] == [
        Operation.EXPORT_SIECLE_EDT,
        Operation.EXPORT_LIENS_SIECLE,
    ]
    assert _when(prediction, Target.ENT, False) is None
    assert _when(prediction, Target.ENT, True) == dt.datetime(2026, 9, 5, 8, 0)
    assert _when(prediction, Target.GAR, True) == dt.datetime(2026, 9, 6, 8, 0)


def test_late_arrivals_without_groups_are_fixed_by_two_exports_today(tmp_path: Path) -> None:
    """On Wednesday 02/09 (every export done but for three students without a group),
    SIECLE → EDT then the links are redone that day at 10:00: activated at 20:00, extracted
    at 21:00, imported that night, the ENT is right on Thursday 03/09 at 08:00 and GAR
    (export at 21:00) on Friday 04/09 at 08:00. Without redoing them, the calendar's own
    link export on Thursday 03/09 at 10:00 sends them: ENT 04/09, GAR 05/09 at 08:00."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 2), "eleve_sans_groupe", simulated=False)
    assert [op for op, _ in prediction.redone] == [
        Operation.EXPORT_SIECLE_EDT,
        Operation.EXPORT_LIENS_SIECLE,
    ]
    assert all(at.date() == dt.date(2026, 9, 2) for _, at in prediction.redone)
    assert prediction.assumed_links == 3
    assert _when(prediction, Target.ENT, True) == dt.datetime(2026, 9, 3, 8, 0)
    assert _when(prediction, Target.GAR, True) == dt.datetime(2026, 9, 4, 8, 0)
    assert _when(prediction, Target.ENT, False) == dt.datetime(2026, 9, 4, 8, 0)
    assert _when(prediction, Target.GAR, False) == dt.datetime(2026, 9, 5, 8, 0)


def test_reality_changes_the_files_show_are_not_applied_again(tmp_path: Path) -> None:
    """``arrivees-tardives``: five arrivals on Monday 14/09 typed into SIECLE that day,
    eight group changes on 15/09 typed into the timetable software, a departure on Friday
    18/09, the exports SIECLE → EDT on 21/09 and links on 22/09. Files of Wednesday 16/09
    show the arrivals, without groups (they get a classmate's): they are not applied again;
    the group changes are not in the files (no link export since) and the departure is to
    come: both stay. Nothing redone, the calendar's exports give the scenario's dates, ENT
    23/09 and GAR 24/09 at 08:00. Redone on 16/09, the links (group changes included) are in
    the ENT on 17/09, but the departure typed on Friday 18/09 is extracted that evening: the
    ENT is right for good on Saturday 19/09 at 08:00, GAR on Sunday 20/09. Clean files of
    25/09, after every export, show everything: nothing to redo, right already (a change
    applied twice would move other students and leave them never right)."""
    late = ROOT / "scenarios" / "arrivees-tardives.yaml"
    prediction = _forecast(tmp_path, dt.date(2026, 9, 16), None, path=late)
    assert prediction.assumed_links == 5
    assert _when(prediction, Target.ENT, False) == dt.datetime(2026, 9, 23, 8, 0)
    assert _when(prediction, Target.GAR, False) == dt.datetime(2026, 9, 24, 8, 0)
    assert _when(prediction, Target.ENT, True) == dt.datetime(2026, 9, 19, 8, 0)
    assert _when(prediction, Target.GAR, True) == dt.datetime(2026, 9, 20, 8, 0)
    (tmp_path / "later").mkdir()
    later = _forecast(tmp_path / "later", dt.date(2026, 9, 25), None, path=late)
    assert later.redone == ()
    for target in Target:
        found = _when(later, target, False)
        assert found is not None and found <= dt.datetime(2026, 9, 25, 8, 0)


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
    assert "⚠" not in capsys.readouterr().err
    # another lycée's scenario: only its calendar serves, and the deputy is told
    elsewhere = tmp_path / "autre-lycee.yaml"
    elsewhere.write_text(f"extends: {NOMINAL}\netablissement: {{uai: '0331234A'}}\n")
    assert run_main(monkeypatch, "diagnostiquer", *options, "--scenario", str(elsewhere)) == 0
    err = capsys.readouterr().err
    assert "le scénario de l'UAI 0331234A, les fichiers ceux de l'UAI 0330999Z" in err
    other = tmp_path / "2027.yaml"
    other.write_text(f"extends: {NOMINAL}\ncalendar: {{start: 2027-06-07, end: 2027-11-14}}\n")
    assert run_main(monkeypatch, "diagnostiquer", *options, "--scenario", str(other)) == 2
    assert "2027" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("changes", "ent", "gar"),
    [
        # group changes typed into the timetable software on Tuesday 15/09, links exported
        # again on Tuesday 22/09: files of 16/09 show the old groups; the changes reach
        # SIECLE with that export, are activated at 20:00, extracted at 21:00: ENT 23/09
        (
            "reality: [{date: 2026-09-15, kind: group_change, count: 8}]\n"
            "operations: {export_liens_siecle: {date: [2026-09-03, 2026-09-22]}}\n",
            dt.datetime(2026, 9, 23, 8, 0),
            dt.datetime(2026, 9, 24, 8, 0),
        ),
        # the extraction to the AAF at 01:00: the files of Friday 04/09 are put in on 04/09
        # at 00:59, after Thursday's link export (10:00, activated 20:00), before that
        # night's extraction; the ENT imports at 02:00: right on 04/09, GAR (export at 21:00)
        # on 05/09, as in the scenario's own simulation
        (
            'channels: {extraction_aaf: {at: "01:00"}}\n',
            dt.datetime(2026, 9, 4, 8, 0),
            dt.datetime(2026, 9, 5, 8, 0),
        ),
    ],
    ids=["group-changes", "extraction-at-night"],
)
def test_forecasts_from_clean_files_agree_with_the_scenario(
    tmp_path: Path, changes: str, ent: dt.datetime, gar: dt.datetime
) -> None:
    """Clean files exported by the simulation of a scenario give, with that scenario's
    calendar, the dates of its own simulation."""
    path = tmp_path / "scenario.yaml"
    path.write_text(f"extends: {NOMINAL}\n{changes}", encoding="utf-8")
    own = analyse(simulate(load_scenario(path)))
    day = dt.date(2026, 9, 16) if "group_change" in changes else dt.date(2026, 9, 4)
    (tmp_path / "files").mkdir()
    prediction = _forecast(tmp_path / "files", day, None, path=path)
    assert prediction.redone == ()
    for target, expected in ((Target.ENT, ent), (Target.GAR, gar)):
        minute = own.targets[target].consistent_except_departed_from
        assert minute is not None and own.result.instant(minute) == expected
        assert _when(prediction, target, False) == expected


def test_explain_names_the_files_for_the_links_they_lack(tmp_path: Path) -> None:
    """The three students without a group on Friday 04/09: in the future where nothing is
    redone, their links are in the timetable software but not in SIECLE on Saturday
    morning, because the files read on Thursday 03/09 at 20:59 do not have them (not
    because the link export of 03/09 failed to send them)."""
    scenario = load_scenario(NOMINAL)
    day = dt.date(2026, 9, 4)
    _, read = _exported(tmp_path, scenario, day, "eleve_sans_groupe", True)
    result = simulate_future(read, "0" * 8, scenario, day, redo=False)
    saturday = result.clock.day_minutes(dt.date(2026, 9, 5), dt.time(8, 0))
    found = wrong_facts(result, Category.STUDENT_GROUP, Store.SIECLE, saturday)
    assert found and all(
        group.cause.key == "explain.files_lack" and "03/09 20:59" in group.cause.text()
        for group in found
    )


def test_divisions_without_services_are_given_their_level_s(tmp_path: Path) -> None:
    """On Friday 04/09 three divisions with students have no service in STS-WEB (the
    timetable software did not send them up). The forecast gives each the services of the
    first division of its level: the timetable software has them, STS-WEB does not, and
    nothing in the calendar sends them again: never right. Sent up again on Friday at 10:00,
    they are in STS-WEB that morning; the AAF reads STS-WEB one day late, so the extraction
    of Saturday 05/09 at 21:00 carries them: the ENT is right on Sunday 06/09 at 08:00 and
    GAR (export at 21:00 that Sunday) on Monday 07/09 at 08:00."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 4), "division_sans_service")
    assert prediction.assumed_services == 3
    assert Rule.DIVISION_WITHOUT_SERVICE not in prediction.unseen
    assert [op for op, _ in prediction.redone] == [Operation.IMPORT_STS_EDT]
    assert _when(prediction, Target.ENT, False) is None
    assert _when(prediction, Target.ENT, True) == dt.datetime(2026, 9, 6, 8, 0)
    assert _when(prediction, Target.GAR, True) == dt.datetime(2026, 9, 7, 8, 0)


@pytest.mark.parametrize(
    ("path", "defect", "ent", "gar"),
    [
        (
            ROOT / "scenarios" / "import-sts-en-retard.yaml",
            None,
            dt.datetime(2026, 10, 2, 8, 0),
            dt.datetime(2026, 10, 3, 8, 0),
        ),
        (NOMINAL, "aucun_groupe", None, None),
    ],
)
def test_files_without_any_group_are_given_the_model_s(
    tmp_path: Path,
    path: Path,
    defect: str | None,
    ent: dt.datetime | None,
    gar: dt.datetime | None,
) -> None:
    """On Friday 04/09 no group is in STS-WEB nor SIECLE: the timetable's structure has not
    been sent up. The forecast takes the model's groups (with their students and a teacher
    each) as the reality, missing from STS-WEB and SIECLE.
    - Nothing redone, with the late upload's calendar (STS-WEB on 28/09, links exported on
      Thursday 01/10 at 10:00, activated at 20:00, extracted at 21:00, imported at 02:00):
      the ENT is right on Friday 02/10 at 08:00 and GAR (export 21:00) on Saturday 03/10,
      the dates ``run`` gives for that scenario. With the nominal's calendar (the upload of
      31/08 is past: the files say it did not bring the groups), never.
    - Redone: the upload on Friday 04/09 at 10:00; the continuous copy lands the groups in
      SIECLE one day later, on Saturday; the links are exported on the next working day,
      Monday 07/09 (10:01), activated at 20:00 and extracted at 21:00: the ENT is right on
      Tuesday 08/09 at 08:00 and GAR on Wednesday 09/09."""
    (tmp_path / "files").mkdir()
    prediction = _forecast(tmp_path / "files", dt.date(2026, 9, 4), defect, path=path)
    assert prediction.assumed_groups == 180 and not prediction.links_unknown
    assert [(op, at.date()) for op, at in prediction.redone] == [
        (Operation.IMPORT_STS_EDT, dt.date(2026, 9, 4)),
        (Operation.EXPORT_LIENS_SIECLE, dt.date(2026, 9, 7)),
    ]
    assert _when(prediction, Target.ENT, False) == ent
    assert _when(prediction, Target.GAR, False) == gar
    if defect is None:  # the scenario's own simulation agrees
        own = analyse(simulate(load_scenario(path)))
        for target, expected in ((Target.ENT, ent), (Target.GAR, gar)):
            minute = own.targets[target].consistent_except_departed_from
            assert minute is not None and own.result.instant(minute) == expected
    assert _when(prediction, Target.ENT, True) == dt.datetime(2026, 9, 8, 8, 0)
    assert _when(prediction, Target.GAR, True) == dt.datetime(2026, 9, 9, 8, 0)


def test_files_of_june_give_the_diagnosis_and_say_why_there_is_no_forecast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On 10/06, before the bascule, STS-WEB has no division: no student can be placed, so
    no lycée can be simulated. The diagnosis is printed, and the reason for no forecast."""
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "config"))
    scenario = load_scenario(NOMINAL)
    _exported(tmp_path, scenario, dt.date(2026, 6, 10), None, True)
    options = [
        "--sts",
        str(tmp_path / "sts_emp_0330999Z_2026.xml"),
        "--eleves",
        str(tmp_path / "ElevesSansAdresses.xml"),
        "--structures",
        str(tmp_path / "Structures.xml"),
        "--scenario",
        str(NOMINAL),
    ]
    assert run_main(monkeypatch, "diagnostiquer", *options) == 0
    captured = capsys.readouterr()
    assert "pas de prévision : aucun élève à importer" in captured.err
    assert "Diagnostic des exports" in captured.out and "Prévision" not in captured.out
    assert "Traceback" not in captured.err


RETARD_STS = ROOT / "scenarios" / "import-sts-en-retard.yaml"
RETARD_LIENS = ROOT / "scenarios" / "liens-en-retard.yaml"


@pytest.mark.parametrize(
    ("defect", "path", "ent", "gar", "fixed_ent", "fixed_gar"),
    [
        # no link at all: each group gets the students of its divisions. The nominal's
        # export of 03/09 is past (the files show it sent nothing): never. With the late
        # calendar, the export of Thursday 01/10 (activated 20:00, extracted 21:00,
        # imported 02:00): ENT Friday 02/10, GAR Saturday 03/10, run's own dates. Redone
        # on Friday 04/09 (SIECLE → EDT at 10:00, links at 10:01): ENT Saturday 05/09,
        # GAR Sunday 06/09
        ("liens_non_exportes", NOMINAL, None, None, (9, 5), (9, 6)),
        ("liens_non_exportes", RETARD_LIENS, (10, 2), (10, 3), (9, 5), (9, 6)),
        # no service at all: each division gets its level's usual subjects. Sent up on
        # Friday 04/09 at 10:00, read by the extraction one day late (Saturday 05/09 at
        # 21:00): ENT Sunday 06/09, GAR Monday 07/09. With the late upload's calendar the
        # files have no group either (the model's are assumed): the upload of Monday 28/09
        # brings both, the links follow on Thursday 01/10: ENT 02/10, GAR 03/10, run's own
        # dates; redone, the upload on Friday and the links on Monday 07/09, once the copy
        # has landed: ENT Tuesday 08/09, GAR Wednesday 09/09
        ("services_non_remontes", NOMINAL, None, None, (9, 6), (9, 7)),
        ("services_non_remontes", RETARD_STS, (10, 2), (10, 3), (9, 8), (9, 9)),
    ],
)
def test_what_the_files_lack_is_assumed_and_seen(
    tmp_path: Path,
    defect: str,
    path: Path,
    ent: tuple[int, int] | None,
    gar: tuple[int, int] | None,
    fixed_ent: tuple[int, int],
    fixed_gar: tuple[int, int],
) -> None:
    """Files of Friday 04/09 from the simulation of the scenario, with no link or no
    service: the forecast assumes the reality they miss, so the calendar's dates show."""
    prediction = _forecast(tmp_path, dt.date(2026, 9, 4), defect, path=path)

    def at(day: tuple[int, int] | None) -> dt.datetime | None:
        return None if day is None else dt.datetime(2026, *day, 8, 0)

    assert prediction.unseen == () and not prediction.links_unknown
    assert not prediction.services_unknown
    if defect == "liens_non_exportes":
        assert prediction.populated_groups == 181
    else:
        assert prediction.usual_services == 40
    assert _when(prediction, Target.ENT, False) == at(ent)
    assert _when(prediction, Target.GAR, False) == at(gar)
    assert _when(prediction, Target.ENT, True) == at(fixed_ent)
    assert _when(prediction, Target.GAR, True) == at(fixed_gar)


def test_what_is_redone_waits_for_what_the_calendar_still_plans_before_it() -> None:
    """No group on Tuesday 23/06: the upload from the timetable software is redone, then
    the links once the copy has landed. The timetable is only built on Thursday 09/07 in
    the calendar, so the upload comes the working day after, Friday 10/07 at 10:00, and
    the links one working day after the upload (the copy lands a day later): Monday 13/07,
    a minute after the day's first operation (10:01)."""
    from sim.analysis.diagnosis import Diagnosis, Finding
    from sim.analysis.prediction import operations_to_redo

    day = dt.date(2026, 6, 23)
    diagnosis = Diagnosis("0330999Z", 2026, day, (Finding(Rule.NO_GROUP, 1, ()),), 1, 1, 0, 0)
    assert operations_to_redo(diagnosis, load_scenario(NOMINAL), day) == (
        (Operation.IMPORT_STS_EDT, dt.datetime(2026, 7, 10, 10, 0)),
        (Operation.EXPORT_LIENS_SIECLE, dt.datetime(2026, 7, 13, 10, 1)),
    )


def test_dates_already_past_read_the_same_in_the_text_and_the_json(tmp_path: Path) -> None:
    """Clean files of Thursday 10/09: the ENT has been right since 04/09 and GAR since
    05/09. The text says so (« déjà juste », with the date, the ENT's apart from departed
    accounts as when it is to come), names no step holding the date back, and the JSON
    flags both targets as right already."""
    from sim.presentation.diagnosis_output import prediction_json, prediction_lines

    prediction = _forecast(tmp_path, dt.date(2026, 9, 10), None)
    line = next(x for x in prediction_lines(prediction) if "si rien n'est refait" in x)
    assert "ENT déjà juste (hors comptes de partants) depuis le ven. 04/09/2026 08:00" in line
    assert "GAR déjà juste depuis le sam. 05/09/2026 08:00" in line
    assert "étape" not in line
    future = prediction_json(prediction)["sans_rien_refaire"]
    assert future["ent"]["deja_juste"] and future["gar"]["deja_juste"]
    assert future["ent"]["juste_hors_partants_a_partir_du"] == "2026-09-04T08:00"


def test_a_blocking_finding_the_forecast_does_not_see_withholds_right(tmp_path: Path) -> None:
    """Files of Monday 07/09 with three services STS-WEB lacks (« service_incomplet »): the
    forecast does not see them, so its dates are those of clean files (ENT 04/09, GAR 05/09);
    but those services stay missing in the ENT and GAR until the upload is redone. A probe
    read « juste dès aujourd'hui » under the blocking finding: the line now says they stay
    wrong until it is corrected, and gives the dates for the rest; the JSON names it."""
    from sim.presentation.diagnosis_output import prediction_json, prediction_lines

    prediction = _forecast(tmp_path, dt.date(2026, 9, 7), "service_incomplet")
    assert Rule.SERVICE_INCOMPLETE in prediction.unseen
    lines = prediction_lines(prediction)
    line = next(x for x in lines if "si rien n'est refait" in x)
    assert "l'ENT et le GAR restent faux tant que le constat « services dont" in line
    assert "n'est pas corrigé ; pour le reste : ENT déjà juste" in line
    assert any("(voir l'avertissement plus haut)" in x for x in lines)
    found = prediction_json(prediction)
    assert found["bloquants_hors_prevision"] == ["service_incomplet"]
    # not « already right » in the data either: the dates hold for the rest only
    for target in ("ent", "gar"):
        future = found["sans_rien_refaire"][target]
        assert future["pour_le_reste"] and not future["deja_juste"]


def test_the_library_refuses_a_day_the_forecast_cannot_speak_of(tmp_path: Path) -> None:
    """The checks the command line makes are the analysis' own: a day outside the
    scenario's window, or before the files' export, is refused with the French message
    (``UsageError``), not forecast quietly; too few students is an error of the package."""
    from sim.errors import ImportLimitError, RentreeSimError, UsageError

    scenario = load_scenario(NOMINAL)
    day = dt.date(2026, 9, 4)
    _, read = _exported(tmp_path, scenario, day, None, True)
    outside = dt.date(2027, 3, 1)
    with pytest.raises(UsageError, match="hors de la fenêtre de Rentrée 2026 nominale"):
        forecast(diagnose(read, outside), read, "0" * 8, scenario, outside)
    before = dt.date(2026, 9, 1)
    with pytest.raises(UsageError, match="précède l'export du 04/09/2026"):
        forecast(diagnose(read, before), read, "0" * 8, scenario, before)
    limit = ImportLimitError("students", 0)
    assert isinstance(limit, RentreeSimError) and "élève" in str(limit)
