"""The observation of a lycée's files in the engine: STS-WEB and SIECLE take the observed
facts at one instant, and STS-WEB → SIECLE's copy brings what SIECLE lacks of STS-WEB's
structure, continuous or scheduled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from sim.analysis.run_analysis import analyse
from sim.domain import Category, Origin, Store
from sim.engine.observation import OBSERVATION_OFFSET, ObservedState
from sim.engine.simulation import simulate
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario
from tests.conftest import SCENARIOS


def _nominal_with(folder: Path, changes: str) -> Scenario:
    """The nominal scenario with ``changes`` (YAML written after its ``extends``)."""
    path = folder / "scenario.yaml"
    path.write_text(f"extends: {SCENARIOS / 'nominal.yaml'}\n{changes}", encoding="utf-8")
    return load_scenario(path)


@pytest.mark.parametrize(
    ("mode", "arrives"),
    [
        # continuous: the difference is sent at once and lands one day later
        ("continuous", dt.datetime(2026, 9, 5, 21, 0)),
        # scheduled at 02:00: the next run, on 05/09, lands one day later
        ("scheduled", dt.datetime(2026, 9, 6, 2, 0)),
    ],
)
def test_groups_siecle_lacks_arrive_by_the_copy(
    tmp_path: Path, mode: str, arrives: dt.datetime
) -> None:
    """Five groups STS-WEB has are taken out of SIECLE on Friday 04/09 at 21:00: they are
    back in SIECLE once STS-WEB → SIECLE's copy has landed, not before."""
    scenario = _nominal_with(tmp_path, f"channels: {{sts_vers_siecle: {{mode: {mode}}}}}\n")
    nominal = simulate(scenario)
    clock = nominal.clock
    minute = clock.minutes(dt.datetime(2026, 9, 4, 21, 0))
    groups = nominal.histories[Store.SIECLE][Category.GROUPS].at(minute)
    taken = np.flatnonzero(groups)[:5]
    lacking = groups.copy()
    lacking[taken] = False
    observed = ObservedState(minute, siecle={Category.GROUPS: lacking})
    result = simulate(scenario, truth=nominal.truth, clock=clock, observed=observed)
    history = result.histories[Store.SIECLE][Category.GROUPS]
    after = minute + 2 * OBSERVATION_OFFSET
    assert not history.at(after)[taken].any()
    landed = clock.minutes(arrives)
    assert not history.at(landed - 1)[taken].any()
    assert history.at(landed + 1)[taken].all()
    # the links to them come back with them: SIECLE knows them, only the groups were missing
    links = result.histories[Store.SIECLE][Category.STUDENT_GROUP]
    before = nominal.histories[Store.SIECLE][Category.STUDENT_GROUP]
    assert links.at(after).sum() < before.at(after).sum()
    assert np.array_equal(links.at(landed + 1), before.at(landed + 1))


def test_what_the_eve_adds_after_the_extraction_is_not_counted_twice(tmp_path: Path) -> None:
    """The second round of student creations is typed on Thursday 03/09 at 22:00, after
    that evening's extraction (21:00). The files of Friday 04/09 show what was typed up to
    the Thursday evening, that round included, and they are put into SIECLE on 03/09 at
    20:59. Here they show five of the round's students missing (the round did not bring
    them). At 22:00 the simulated round adds them again (share 1.0 takes every created
    student); on 04/09 at 00:00 the files are put in again, so SIECLE holds what they show,
    and keeps it: nothing else is typed into SIECLE before the next round, never."""
    scenario = _nominal_with(
        tmp_path,
        "operations:\n"
        "  creation_eleves: {date: [2026-07-03, 2026-09-03 22:00], share: [0.6, 1.0]}\n",
    )
    nominal = simulate(scenario)
    clock = nominal.clock
    friday = clock.minutes(dt.datetime(2026, 9, 4, 0, 0))
    students = nominal.histories[Store.SIECLE][Category.STUDENTS].at(friday)
    created = nominal.truth.students_of(Origin.EXTERNAL) & students
    missing = np.flatnonzero(created)[-5:]
    shown = students.copy()
    shown[missing] = False
    minute = clock.minutes(dt.datetime(2026, 9, 3, 20, 59))
    observed = ObservedState(minute, siecle={Category.STUDENTS: shown}, shown_until=friday)
    result = simulate(scenario, truth=nominal.truth, clock=clock, observed=observed)
    history = result.histories[Store.SIECLE][Category.STUDENTS]
    assert not history.at(minute + 2 * OBSERVATION_OFFSET)[missing].any()
    assert history.at(clock.minutes(dt.datetime(2026, 9, 3, 22, 1)))[missing].all()
    for day in (dt.datetime(2026, 9, 4, 0, 1), dt.datetime(2026, 11, 15, 0, 0)):
        assert np.array_equal(history.at(clock.minutes(day)), shown), day
    events = [(e.code, e.minute) for e in result.events if e.kind == "observation"]
    assert events == [
        ("files", minute + OBSERVATION_OFFSET),
        ("files_again", friday + OBSERVATION_OFFSET),
    ]
    # without anything typed in between, the files are put in once
    quiet = ObservedState(
        friday - 3 * 60 - 1, siecle={Category.STUDENTS: students}, shown_until=friday
    )
    again = simulate(load_scenario(SCENARIOS / "nominal.yaml"), observed=quiet)
    assert [e.code for e in again.events if e.kind == "observation"] == ["files"]


def test_links_exported_on_the_eve_after_the_extraction_still_wait_for_activation(
    tmp_path: Path,
) -> None:
    """The links are exported on Thursday 03/09 at 22:00, after the extraction: the files
    of Friday 04/09 (SIECLE as it is that midnight) show no active link, only students and
    structures. Put in on 03/09 at 20:59, they change nothing the 22:00 export sends: its
    links wait for the activation of Friday 20:00, and nothing is put in again at midnight
    (only waiting links changed). They are extracted at 21:00 and imported at 02:00: the
    ENT is right on Saturday 05/09 at 08:00 and GAR (export Saturday 21:00) on Sunday 06/09,
    as in the scenario's own run."""
    scenario = _nominal_with(
        tmp_path, "operations: {export_liens_siecle: {date: 2026-09-03 22:00}}\n"
    )
    own = simulate(scenario)
    clock = own.clock
    friday = clock.minutes(dt.datetime(2026, 9, 4, 0, 0))
    siecle = {c: h.at(friday) for c, h in own.histories[Store.SIECLE].items()}
    assert not siecle[Category.STUDENT_GROUP].any()  # waiting, not shown
    observed = ObservedState(
        clock.minutes(dt.datetime(2026, 9, 3, 20, 59)),
        sts={c: h.at(friday) for c, h in own.histories[Store.STS].items()},
        siecle={c: siecle[c] for c in (Category.STUDENTS, Category.DIVISIONS, Category.GROUPS)},
        siecle_links={Category.STUDENT_GROUP: siecle[Category.STUDENT_GROUP]},
        shown_until=friday,
    )
    result = simulate(scenario, truth=own.truth, clock=clock, observed=observed)
    assert [e.code for e in result.events if e.kind == "observation"] == ["files"]
    saturday = clock.minutes(dt.datetime(2026, 9, 5, 8, 0))
    for store in (Store.SIECLE, Store.ENT):
        links = result.histories[store][Category.STUDENT_GROUP].at(saturday)
        expected = own.histories[store][Category.STUDENT_GROUP].at(saturday)
        assert links.any() and np.array_equal(links, expected), store
    mine, theirs = analyse(result), analyse(own)
    for target in theirs.targets:
        found = mine.targets[target].consistent_except_departed_from
        assert found == theirs.targets[target].consistent_except_departed_from, target
    assert clock.instant(found or 0) == dt.datetime(2026, 9, 6, 8, 0)  # GAR, the last


def test_files_of_a_day_before_the_window_are_put_in_at_its_start() -> None:
    """Files exported before the window opens are put in at its first instant, once: there
    is no evening before their day to put them in again."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    own = simulate(scenario)
    start = own.histories[Store.SIECLE][Category.STUDENTS].at(0.0)
    observed = ObservedState(-4321.0, siecle={Category.STUDENTS: start}, shown_until=-4320.0)
    result = simulate(scenario, truth=own.truth, clock=own.clock, observed=observed)
    events = [(e.code, e.minute) for e in result.events if e.kind == "observation"]
    assert events == [("files", 0.0)]
