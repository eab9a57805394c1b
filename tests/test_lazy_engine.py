"""Differential tests: the lazy engine with its memo against SimPy, the reference.

The lazy engine runs the model's own steps from another scheduler, so the comparison is
strict: the whole event log (ids, instants as floats, causes, counts, details), every
history (minutes, causes, states), the marks and pending deletions, and the analysis
(:func:`sim.analysis.differences.differences`). The memo runs in verify mode: every
result it remembers is computed again and compared.

Cases: every shipped scenario, risk replications (default and stress priors), Hypothesis
scenarios on a small lycée that put operations and batches on colliding instants, and
hand-made ties. ``PROPERTY_EXAMPLES=500`` explores more generated scenarios.

The replications of ``risk`` and the académie run the lazy engine in summary mode (no
record of each store change, no full extraction where nothing reads it): on every case
above, what a replication keeps (:func:`sim.analysis.replication.summarise_run`) is
compared with SimPy's.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sim.analysis import replication, risk
from sim.analysis.differences import differences, run_difference
from sim.analysis.replication import replication_difference, sample_calendar, summarise_run
from sim.chain import build_graph
from sim.cli.app import main
from sim.domain import (
    SIECLE_CATEGORIES,
    STS_CATEGORIES,
    Category,
    Channel,
    Operation,
    Store,
)
from sim.engine.channels import channels_of
from sim.engine.lazy import (
    LazyEnvironment,
    NeedsSimPy,
    _unread_stores,
    simulate_fast,
    simulate_lazy,
)
from sim.engine.memo import Memo, MemoMismatch
from sim.engine.simulation import Chain, SimulationResult, build_truth, new_memo, simulate
from sim.errors import EngineMismatch
from sim.results import EventRecord
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario
from tests.conftest import SCENARIOS
from tests.test_golden_engine import fingerprint
from tests.test_properties import BASE

SETTINGS = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "25")),
    deadline=None,
    derandomize=not os.environ.get("PROPERTY_EXAMPLES"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def first_difference(reference: SimulationResult, other: SimulationResult) -> str | None:
    """The first event, then the first history, where the two runs differ, then the first
    difference of the analysis."""
    found = run_difference(reference, other)
    if found is None and fingerprint(reference) != fingerprint(other):
        found = "fingerprints differ"
    if found is None:
        analysed = differences(reference, other)
        found = str(analysed[0]) if analysed else None
    return found


def check(scenario: Scenario, memo: Memo | None = None) -> None:
    truth, clock = build_truth(scenario)
    memo = memo or new_memo(scenario, truth, verify=True)
    reference = simulate(scenario, truth=truth, clock=clock)
    lazy = simulate_lazy(scenario, truth=truth, clock=clock, memo=memo)
    difference = first_difference(reference, lazy)
    assert difference is None, f"{scenario.name}: {difference}\n{dump(scenario)}"
    check_summary(scenario, reference, memo)


def check_summary(scenario: Scenario, reference: SimulationResult, memo: Memo) -> None:
    """The lazy engine in summary mode keeps what SimPy's run gives a replication."""
    summary, _ = simulate_fast(
        scenario, truth=reference.truth, clock=reference.clock, memo=memo, summary=True
    )
    graph = build_graph(scenario)
    difference = replication_difference(
        summarise_run(reference, graph, 0, {}, []), summarise_run(summary, graph, 0, {}, [])
    )
    assert difference is None, f"{scenario.name}, summary mode: {difference}\n{dump(scenario)}"


def dump(scenario: Scenario) -> str:
    """The scenario as YAML-able JSON, to replay a failure with ``rentree-sim run``."""
    return scenario.model_dump_json(exclude_none=True)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_scenario_gives_the_same_run(path: Path) -> None:
    check(load_scenario(path))


STRESS = {
    "forget_probability": 0.1,
    "lateness": {"kind": "lognormal", "median": 3, "sigma": 1, "max": 40},
}


def stressed(scenario: Scenario) -> Scenario:
    """Every operation often forgotten and late, every batch failing one night in five."""
    data = json.loads(scenario.model_dump_json(exclude_none=True))
    for op in Operation:
        data["operations"][op.value].update(STRESS)
    for channel in Channel:
        data["channels"].setdefault(channel.value, {})["failure_probability"] = 0.2
    return Scenario.model_validate(data)


@pytest.mark.parametrize(
    ("name", "stress"),
    [
        ("nominal", False),
        ("nominal", True),
        ("arrivees-tardives", True),
        ("groupes-depuis-edt", True),
        ("suppression-sur-complet", True),
    ],
)
def test_risk_replications_give_the_same_runs(name: str, stress: bool) -> None:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    if stress:
        scenario = stressed(scenario)
    truth, clock = build_truth(scenario)
    # verify mode computes every remembered result again; a plain memo serves them, as
    # replications do (the stores' start copied, the transitions looked up)
    memos = (new_memo(scenario, truth, verify=True), new_memo(scenario, truth))
    for index in range(12):
        rng = np.random.default_rng(np.random.SeedSequence(entropy=5, spawn_key=(index,)))
        drawn, _, _ = sample_calendar(scenario, rng)
        reference = simulate(drawn, truth=truth, clock=clock)
        for memo in memos:
            lazy = simulate_lazy(drawn, truth=truth, clock=clock, memo=memo)
            difference = first_difference(reference, lazy)
            assert difference is None, f"{name} replication {index}: {difference}\n{dump(drawn)}"
            check_summary(drawn, reference, memo)
    assert all(m.hits > m.misses for m in memos)  # the replications share their transitions


# --- generated scenarios ------------------------------------------------------------------

START = dt.date(2026, 6, 8)
DAYS = 160
# minutes where actors meet: midnight, the batches' hours, the observation, the default time
TIMES = ["00:00", "01:00", "02:00", "03:00", "03:30", "08:00", "10:00", "20:00", "21:00", "06:00"]
DELAYS = ["0min", "90min", "9h", "1j", "2j", "1min", "3j"]
SHARES = [1.0, 0.07, 0.5, 0.85, 0.97]


@st.composite
def instants(draw: st.DrawFn) -> str:
    # a few days before the window (SimPy runs those at its start) or after it (never)
    day = START + dt.timedelta(days=draw(st.integers(-5, DAYS + 3)))
    return f"{day.isoformat()} {draw(st.sampled_from(TIMES))}"


@st.composite
def operations(draw: st.DrawFn, data: dict[str, Any]) -> None:
    for op in draw(st.sets(st.sampled_from(list(Operation)), max_size=8)):
        spec = data["operations"][op.value]
        for key in ("fixed", "not_before", "not_after"):
            spec.pop(key, None)
        if draw(st.integers(0, 9)) == 0:
            spec.pop("date", None)
            spec.pop("share", None)
            spec["missing"] = True
            continue
        dates = draw(st.lists(instants(), min_size=1, max_size=3))
        spec["date"] = dates
        spec["missing"] = False
        spec["share"] = (
            [draw(st.sampled_from(SHARES)) for _ in dates]
            if draw(st.booleans())
            else draw(st.sampled_from(SHARES))
        )


@st.composite
def channels(draw: st.DrawFn, data: dict[str, Any]) -> None:
    for channel in draw(st.sets(st.sampled_from(list(Channel)), max_size=4)):
        spec = data["channels"].setdefault(channel.value, {})
        spec["at"] = draw(st.sampled_from(TIMES))
        spec["delay"] = draw(st.sampled_from(DELAYS))
        if draw(st.booleans()):
            spec["days"] = sorted(draw(st.sets(st.integers(0, 6), min_size=1)))
        outages = []
        for _ in range(draw(st.integers(0, 3))):
            start = dt.datetime.fromisoformat(draw(instants()))
            length = dt.timedelta(minutes=draw(st.sampled_from([1, 120, 1440, 3 * 1440, 361])))
            outages.append({"start": start.isoformat(), "end": (start + length).isoformat()})
        if outages and draw(st.booleans()):
            # a longer outage around the first, listed after it: the inner one sets when a
            # delivery sent inside it lands, before one sent earlier
            inner = outages[0]
            start = dt.datetime.fromisoformat(inner["start"]) - dt.timedelta(
                days=draw(st.integers(0, 2))
            )
            end = dt.datetime.fromisoformat(inner["end"]) + dt.timedelta(
                days=draw(st.integers(1, 4))
            )
            outages.append({"start": start.isoformat(), "end": end.isoformat()})
        spec["outages"] = outages
    sts = data["channels"].setdefault("sts_vers_siecle", {})
    sts["mode"] = draw(st.sampled_from(["continuous", "scheduled"]))
    extraction = data["channels"].setdefault("extraction_aaf", {})
    extraction["full_days"] = sorted(draw(st.sets(st.integers(0, 6), max_size=2)))
    extraction["full_at_rentree"] = draw(st.booleans())
    extraction["sts_delay"] = draw(st.sampled_from(["0min", "12h", "1j", "2j"]))
    data["channels"].setdefault("import_ent", {})["removal"] = draw(
        st.sampled_from(["every_import", "full_only"])
    )
    pre = data["channels"].setdefault("presuppression_ent", {})
    pre["after"] = f"{draw(st.integers(0, 60))}j"
    pre["delete_after"] = f"{draw(st.integers(0, 60))}j"


@st.composite
def reality(draw: st.DrawFn, data: dict[str, Any]) -> None:
    changes = []
    for _ in range(draw(st.integers(0, 4))):
        day = START + dt.timedelta(days=draw(st.integers(0, DAYS)))
        kind = draw(st.sampled_from(["arrival", "departure", "division_change", "group_change"]))
        change: dict[str, Any] = {
            "date": day.isoformat(),
            "kind": kind,
            "count": draw(st.integers(1, 4)),
        }
        if kind == "arrival":
            change["origin"] = draw(st.sampled_from(["affectation", "transfer", "external"]))
        if draw(st.booleans()):
            change["recorded_after"] = draw(st.sampled_from(["2h", "1j"]))
        changes.append(change)
    data["reality"] = changes


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario | None:
    data = json.loads(json.dumps(BASE, default=str))
    data["channels"] = data.get("channels") or {}
    draw(operations(data))
    draw(channels(data))
    draw(reality(data))
    etablissement = data["etablissement"]
    etablissement["ent_groups_from_timetable"] = draw(st.booleans())
    if draw(st.booleans()):
        etablissement["leavers"] = 0
    data["operations"]["transferts"]["recreate_share"] = draw(st.sampled_from([0.0, 0.3]))
    if "date" in data["operations"].get("export_siecle_edt", {}):
        snapshot = draw(st.sampled_from(["previous_night", "live"]))
        data["operations"]["export_siecle_edt"]["snapshot"] = snapshot
    data["seed"] = draw(st.integers(0, 10_000))
    try:
        return Scenario.model_validate(data)
    except ValueError:
        return None


@SETTINGS
@given(scenario=scenarios())
def test_generated_scenarios_give_the_same_runs(scenario: Scenario | None) -> None:
    assume(scenario is not None)
    assert scenario is not None
    truth, clock = build_truth(scenario)
    reference = simulate(scenario, truth=truth, clock=clock)
    memo = new_memo(scenario, truth, verify=True)
    try:
        lazy = simulate_lazy(scenario, truth=truth, clock=clock, memo=memo)
    except NeedsSimPy:
        fast, fell_back = simulate_fast(scenario, truth=truth, clock=clock, memo=memo)
        assert fell_back and first_difference(reference, fast) is None
        return
    difference = first_difference(reference, lazy)
    assert difference is None, f"{difference}\n{dump(scenario)}"
    check_summary(scenario, reference, memo)


@pytest.mark.parametrize("removal", ["every_import", "full_only"])
def test_summary_mode_writes_less_and_keeps_the_causes(removal: str) -> None:
    """Summary mode leaves out the records of store changes, and under ``every_import``
    the full extractions over unchanged files; every change's cause is still an event of
    the log, with the actor and minute SimPy gives it."""
    data = json.loads(load_scenario(SCENARIOS / "nominal.yaml").model_dump_json())
    data["channels"]["import_ent"]["removal"] = removal
    scenario = Scenario.model_validate(data)
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth, verify=True)
    full = simulate_lazy(scenario, truth=truth, clock=clock, memo=memo)
    summary = simulate_lazy(scenario, truth=truth, clock=clock, memo=memo, summary=True)
    assert not [e for e in summary.events if e.kind == "change"]
    assert [e for e in full.events if e.kind == "change"]
    fulls = [len([e for e in r.events if e.code == "full"]) for r in (full, summary)]
    if removal == "every_import":
        assert fulls[1] < fulls[0]
    else:
        assert fulls[1] == fulls[0]
    for store, categories in full.histories.items():
        for category, history in categories.items():
            other = summary.histories[store][category]
            assert history.minutes == other.minutes
            assert [s.tobytes() for s in history.states] == [s.tobytes() for s in other.states]
            causes = [(full.events[i].actor, full.events[i].minute) for i in history.events]
            assert causes == [
                (summary.events[i].actor, summary.events[i].minute) for i in other.events
            ]
    check_summary(scenario, simulate(scenario, truth=truth, clock=clock), memo)


def test_summary_mode_keeps_full_runs_when_a_later_run_could_land_first() -> None:
    """Overlapping outages listed inner first (the format accepts them) and a delay of
    days: the 8 September run's files land on the 15th, after the 10th's, which land on
    the 11th. A full run skipped there would leave the 10th's files in the AAF, where SimPy
    has the 8th's (a review found ENT dates 12 days early)."""
    data = json.loads(load_scenario(SCENARIOS / "nominal.yaml").model_dump_json())
    extraction = data["channels"]["extraction_aaf"]
    extraction["delay"] = "3j"
    extraction["outages"] = [
        {"start": "2026-09-10T00:00:00", "end": "2026-09-11T00:00:00"},
        {"start": "2026-09-08T00:00:00", "end": "2026-09-15T00:00:00"},
    ]
    data["operations"]["export_liens_siecle"]["date"] = ["2026-09-07"]
    data["operations"]["export_liens_siecle"]["share"] = 1.0
    check(Scenario.model_validate(data))


def _same_histories(reference: SimulationResult, other: SimulationResult, store: Store) -> None:
    """The store's and its marks' histories alike: instants, states, and each change's
    cause (actor and minute: the ids differ, summary mode writing fewer events)."""
    marks = reference.departed.get(store, {})
    for histories, others in (
        (reference.histories[store], other.histories[store]),
        (marks, other.departed.get(store, {})),
    ):
        for category, history in histories.items():
            theirs = others[category]
            assert history.minutes == theirs.minutes, (store, category)
            assert [a.tobytes() for a in history.states] == [b.tobytes() for b in theirs.states]
            causes = [
                (reference.events[i].actor, reference.events[i].minute) for i in history.events
            ]
            assert causes == [
                (other.events[i].actor, other.events[i].minute) for i in theirs.events
            ]


GAR_CASES = {
    # a later run's files land before an earlier one's, past outages listed inner first
    "overtaking": (
        "2j",
        [("2026-08-28", "2026-08-30"), ("2026-08-27", "2026-09-05")],
    ),
    # and the ENT's transition, dated before the window, changes the ENT at minute 0
    "at_once": ("0min", [("2026-08-28", "2026-08-30"), ("2026-08-27", "2026-09-05")]),
    # the 15 September run's files would land at the window's very end: SimPy drops them
    "window_end": ("9h", [("2026-09-16", "2026-11-16")]),
}


@pytest.mark.parametrize("case", list(GAR_CASES))
def test_summary_mode_exports_to_gar_afterwards_as_simpy_does(case: str) -> None:
    """Summary mode works out the GAR export once the run is over, from the ENT's
    histories: its runs after each change of the ENT or of its departed marks (users leave
    and are pre-deleted here), skipped while down, landing at once or after the delay, past
    outages; with or without a memo."""
    delay, outages = GAR_CASES[case]
    data = json.loads(load_scenario(SCENARIOS / "nominal.yaml").model_dump_json())
    data["channels"]["export_gar"] = {
        "delay": delay,
        "outages": [{"start": f"{a}T00:00:00", "end": f"{b}T00:00:00"} for a, b in outages],
        "failure_probability": 0.2,
    }
    if case == "at_once":
        data["operations"]["transition_ent"]["date"] = ["2026-05-20"]
    scenario = Scenario.model_validate(data)
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth, verify=True)
    moved = overtaken = at_start = 0
    for index in range(4):
        drawn, _, _ = sample_calendar(scenario, np.random.default_rng(index))
        reference = simulate(drawn, truth=truth, clock=clock)
        for shared in (memo, None):
            summary = simulate_lazy(drawn, truth=truth, clock=clock, memo=shared, summary=True)
            _same_histories(reference, summary, Store.GAR)
            _same_histories(reference, summary, Store.ENT)
            outages_seen = [
                [e.minute for e in r.events if e.code == "outage" and e.actor == "export_gar"]
                for r in (reference, summary)
            ]
            assert outages_seen[0] == outages_seen[1] and outages_seen[0]
        check_summary(drawn, reference, memo)
        moved += any(len(h.minutes) > 1 for h in reference.departed[Store.GAR].values())
        at_start += any(0.0 in h.minutes[1:] for h in reference.histories[Store.ENT].values())
        # (landing, run) of each GAR change: with a delay, some run's files land first
        sent = sorted(
            {
                (minute, reference.events[event].minute)
                for history in reference.histories[Store.GAR].values()
                for minute, event in zip(history.minutes[1:], history.events[1:], strict=True)
            }
        )
        overtaken += any(a[1] > b[1] for a, b in itertools.pairwise(sent))
    assert memo.hits > 0 and moved  # GAR received departed marks
    assert bool(at_start) == (case == "at_once")
    assert bool(overtaken) == (case == "overtaking")


def test_the_gar_export_lands_nothing_at_the_windows_end() -> None:
    """The case above where a landing falls at the window's very end is one: it is left
    out, as SimPy leaves out what falls at the end."""
    data = json.loads(load_scenario(SCENARIOS / "nominal.yaml").model_dump_json())
    delay, outages = GAR_CASES["window_end"]
    data["channels"]["export_gar"] = {
        "delay": delay,
        "outages": [{"start": f"{a}T00:00:00", "end": f"{b}T00:00:00"} for a, b in outages],
    }
    scenario = Scenario.model_validate(data)
    truth, clock = build_truth(scenario)
    reference = simulate(scenario, truth=truth, clock=clock)
    end = clock.day_minutes(scenario.calendar.end + dt.timedelta(days=1), dt.time(0, 0))
    runs = [e for e in reference.events if e.actor == "export_gar" and e.code == "run"]
    sent = clock.day_minutes(dt.date(2026, 9, 15), dt.time(21, 0))
    assert round(runs[-1].minute) == sent  # its files would land at the end
    summary = simulate_lazy(scenario, truth=truth, clock=clock, summary=True)
    assert all(m < end for h in summary.histories[Store.GAR].values() for m in h.minutes)
    _same_histories(reference, summary, Store.GAR)


def test_no_channel_reads_what_the_lazy_engine_does_not_watch() -> None:
    """The lazy engine looks at the channels' signatures only after a change of a store
    some channel reads (GAR is read by none, its marks neither): changing everything
    else moves no signature."""
    assert _unread_stores() == {Store.GAR}
    scenario = load_scenario(SCENARIOS / "groupes-depuis-edt.yaml")  # every channel
    truth, clock = build_truth(scenario)
    chain = Chain.prepare(scenario, None, truth, clock, LazyEnvironment(), summary=True)
    model = chain.model
    channels = [c for c in channels_of(model) if hasattr(c, "signature")]
    assert {c.channel for c in channels} >= {Channel.IMPORT_EDT_ENT, Channel.EXPORT_GAR}
    before = [c.signature() for c in channels]
    for store in _unread_stores():
        facts, marks = model.stores[store], model.departed[store]
        for category in facts.categories:
            facts.set(category, ~facts[category], 0)
        for category in marks.categories:
            marks.set(category, ~marks[category], 0)
    assert [c.signature() for c in channels] == before


def test_a_finished_run_leaves_no_cycle_for_the_collector() -> None:
    """Reference counting frees a lazy run at once: the collector, left to find a run's
    garbage, cost about a tenth of each replication."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    simulate_lazy(scenario, truth=truth, clock=clock, memo=memo, summary=True)
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for summary in (False, True):
            simulate_lazy(scenario, truth=truth, clock=clock, memo=memo, summary=summary)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


# --- hand-made ties -----------------------------------------------------------------------


def small(**changes: Any) -> Scenario:
    data = json.loads(json.dumps(BASE, default=str))
    data["channels"] = data.get("channels") or {}
    for path, value in changes.items():
        where = data
        *parents, last = path.split("__")
        for part in parents:
            where = where.setdefault(part, {})
        where[last] = value
    return Scenario.model_validate(data)


@pytest.mark.parametrize("at", ["00:00", "10:00"])
@pytest.mark.parametrize("delay", ["1j", "2j"])
@pytest.mark.parametrize("channel", [c.value for c in Channel])
def test_a_delay_of_whole_days_meets_a_later_run(channel: str, delay: str, at: str) -> None:
    """A landing one or two days later falls on one of the channel's next runs (or, to the
    float, next to it): SimPy applies the landing first, then runs; so must the lazy
    engine. The timetable import exists only under rule 13."""
    check(
        small(
            **{f"channels__{channel}__delay": delay, f"channels__{channel}__at": at},
            etablissement__ent_groups_from_timetable=channel == Channel.IMPORT_EDT_ENT,
        )
    )


def test_two_occurrences_at_one_instant_and_outages_ending_together() -> None:
    """Two exports at the same minute run in the order written; two batches down until the
    same minute both land then, in the order they ran; an outage ends at 08:00, when the
    morning is observed."""
    outage = {"start": "2026-09-01 00:30", "end": "2026-09-03 08:00"}
    check(
        small(
            operations__export_liens_siecle__date=["2026-09-03 10:00", "2026-09-03 10:00"],
            channels__import_ent__outages=[outage],
            channels__extraction_aaf__outages=[outage],
            channels__export_gar__outages=[outage],
        )
    )


def test_operations_on_consecutive_days_at_one_time_meet_their_own_landings() -> None:
    """The STS-WEB copy of one day's change lands when the same step runs again the next
    day: the step runs first (SimPy queued it before the copy)."""
    check(
        small(
            operations__import_sts_edt__date=["2026-09-01 10:00", "2026-09-02 10:00"],
            operations__export_structure_siecle__date=["2026-06-23 10:00", "2026-06-24 10:00"],
            operations__export_structure_siecle__delay="1j",
        )
    )


def test_a_change_of_sts_web_is_copied_after_what_was_queued_before_it() -> None:
    """The continuous copy wakes through STS-WEB's change signal, queued at the change:
    the copy of yesterday's change, landing at this very instant, comes first (its event
    ids show it)."""
    check(
        small(
            operations__verification_divisions__date=["2026-06-22", "2026-06-23"],
            operations__verification_divisions__share=[0.5, 1.0],
        )
    )
    check(
        small(
            operations__import_sts_edt__date=["2026-08-31 16:00", "2026-09-01 16:00"],
            operations__import_sts_edt__share=[0.5, 1.0],
        )
    )


def test_a_run_due_at_the_instant_of_another_actor_falls_back_to_simpy() -> None:
    """A landing 60.0001 minutes after the 20:00 activation meets the extraction's 21:00
    run to the float: SimPy queued that run a day before, so it goes first; the lazy engine
    cannot know it and hands the calendar to SimPy."""
    scenario = small(
        channels__activation_liens__delay="60.0001min", channels__activation_liens__days=[2]
    )
    with pytest.raises(NeedsSimPy, match="activation_liens and extraction_aaf"):
        simulate_lazy(scenario)
    result, fell_back = simulate_fast(scenario)
    assert fell_back and first_difference(simulate(scenario), result) is None


def test_an_ent_change_at_the_instant_of_a_gar_export_falls_back_to_simpy() -> None:
    """An import landing 60.0002 minutes after its 20:00 run changes the ENT at the GAR
    export's 21:00 instant, to the float: summary mode, which works the export out from
    the ENT's histories afterwards, cannot order them either and hands the run to SimPy."""
    scenario = small(channels__import_ent__at="20:00", channels__import_ent__delay="60.0002min")
    with pytest.raises(NeedsSimPy, match="export_gar and a change of the ENT"):
        simulate_lazy(scenario, summary=True)
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth, verify=True)
    assert simulate_fast(scenario, truth=truth, clock=clock, memo=memo, summary=True)[1]
    check_summary(scenario, simulate(scenario, truth=truth, clock=clock), memo)


def test_operations_dated_before_the_window_run_at_its_start_in_simpys_order() -> None:
    """Dated before the window, operations all run at its first instant, in the order
    SimPy created them: the lazy engine creates them in the same order."""
    scenario = small(
        operations__nomenclatures_academie__date=["2026-05-10"],
        operations__selection_nomenclatures__date=["2026-05-20"],
        operations__bascule_sts__date=["2026-06-01"],
        operations__profilage__date=["2026-06-02", "2026-06-03"],
    )
    simulate_lazy(scenario)  # no NeedsSimPy
    check(scenario)


def test_an_unprovable_tie_stops_the_lazy_engine() -> None:
    env = LazyEnvironment()
    env.push(10.0, 0, "import_ent", lambda: None)
    env.push(10.0, 1, "export_gar", lambda: None)  # a run, queued when woken
    with pytest.raises(NeedsSimPy, match="import_ent and export_gar"):
        env.run(20.0, lambda: None)


def test_a_landing_that_queues_an_event_stops_the_lazy_engine() -> None:
    """No landing queues anything today; if one did, its event would carry the channel's
    name and could go before that channel's run where SimPy does not."""
    env = LazyEnvironment()
    env.acting = "import_ent"
    env.timeout(5.0).callbacks.append(lambda _: env.timeout(1.0))
    with pytest.raises(NeedsSimPy, match="a landing of import_ent"):
        env.run(20.0, lambda: None)


def test_the_fast_entry_point_falls_back_to_simpy(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = small()

    def cannot(*_: object, **__: object) -> SimulationResult:
        raise NeedsSimPy("tie")

    monkeypatch.setattr("sim.engine.lazy.simulate_lazy", cannot)
    result, fell_back = simulate_fast(scenario)
    assert fell_back
    assert first_difference(simulate(scenario), result) is None


# --- the memo -----------------------------------------------------------------------------


def test_interned_states_are_shared_and_read_only() -> None:
    scenario = small()
    truth, _ = build_truth(scenario)
    memo = new_memo(scenario, truth)
    a = memo.interner.canonical(np.array([True, False, True]))
    b = memo.interner.canonical(np.array([True, False, True]))
    assert a is b and memo.interner.number(a) == memo.interner.number(b)
    assert memo.interner.canonical(np.array([True, False, False])) is not a
    with pytest.raises(ValueError, match="read-only"):
        a[0] = False


def test_verify_mode_catches_a_key_that_misses_an_input() -> None:
    scenario = small()
    truth, _ = build_truth(scenario)
    memo = new_memo(scenario, truth, verify=True)
    hidden = [np.array([True, False])]

    def reads_more_than_its_key(shown: np.ndarray) -> np.ndarray:
        found: np.ndarray = shown & hidden[0]
        return found

    shown = np.array([True, True])
    memo.call("leaky", reads_more_than_its_key, (shown,))
    hidden[0] = np.array([False, True])
    with pytest.raises(MemoMismatch, match="leaky"):
        memo.call("leaky", reads_more_than_its_key, (shown,))


def _same_states(found: dict[Any, Any], expected: dict[Any, Any]) -> bool:
    return found.keys() == expected.keys() and all(
        np.array_equal(found[k], expected[k]) for k in found
    )


def _after_each_change(
    inputs: list[dict[Category, Any]], interner: Any, check: Callable[[], None]
) -> int:
    """``check()``, then again after each category of each input is changed in turn (to
    another interned state); how many changes were checked."""
    check()
    checked = 0
    for changed in inputs:
        for category in list(changed):
            changed[category] = interner.canonical(~changed[category])
            check()
            checked += 1
    return checked


def test_steps_keyed_on_identity_read_each_of_their_inputs() -> None:
    """The steps the memo keys on their inputs' identities (SIECLE's and the timetable's
    links, the extraction, the ENT import's outcome: ``Memo.by_identity``) give what the
    step computes afresh after each input or flag in turn changes: a key that left one out
    would give the previous call's result (a review found such mutations unseen)."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    model = Chain.prepare(scenario, None, truth, clock, LazyEnvironment(), memo).model
    interner = memo.interner
    assert interner is not None
    siecle, sts, edt = (model.stores[s] for s in (Store.SIECLE, Store.STS, Store.EDT))
    know = model.know
    checked = 0

    def invert_in(store: Any, category: Any) -> None:
        store.set(category, ~store[category], 0)

    def invert_known(name: str) -> None:
        setattr(know, name, ~getattr(know, name))

    # the links SIECLE and the timetable software derive, from their store and what staff know
    for refresh, store, ends, known, step, reads in (
        (
            model.refresh_siecle,
            siecle,
            (Category.STUDENTS, Category.DIVISIONS, Category.GROUPS),
            ("siecle_divisions", "siecle_parents", "siecle_activated"),
            model._siecle_links,
            lambda: (siecle.snapshot((Category.STUDENTS, Category.DIVISIONS, Category.GROUPS)),),
        ),
        (
            model.refresh_edt,
            edt,
            (Category.STUDENTS,),
            ("edt_links", "edt_built_groups", "edt_sts_groups", "edt_built_services"),
            model._edt_links,
            lambda: (edt[Category.STUDENTS],),
        ),
    ):
        changes = [lambda s=store, c=c: invert_in(s, c) for c in ends]
        changes += [lambda n=n: invert_known(n) for n in known]
        for change in changes:
            change()
            expected = step(*reads(), *(getattr(know, n) for n in known))
            refresh(0)
            assert _same_states({c: store[c] for c in expected}, expected)
            checked += 1
    # the extraction and the import's outcome, from the states they are given
    inputs: list[dict[Category, Any]] = [
        {c: siecle[c] for c in SIECLE_CATEGORIES},
        {c: sts[c] for c in STS_CATEGORIES},
    ]

    def extractions() -> None:
        for flag in (True, False):  # the same files before the profilage, then after it
            found = model.extraction(inputs[0], inputs[1], flag)
            assert _same_states(found, model._extraction(inputs[0], inputs[1], flag))

    checked += _after_each_change(inputs, interner, extractions)
    files = {c: interner.canonical(a) for c, a in model.stores[Store.AAF].snapshot().items()}
    outcome: list[dict[Category, Any]] = [
        files,
        model.stores[Store.ENT].snapshot(),
        model.departed[Store.ENT].snapshot(),
        model.pending_deletion.snapshot(),
    ]

    def outcomes() -> None:
        for full in (True, False):  # the same files, ENT and marks, imported whole or not
            found = model.import_outcome(outcome[0], outcome[1], outcome[2], outcome[3], full)
            again = model._import_outcome(outcome[0], outcome[1], outcome[2], outcome[3], full)
            assert _same_states(found, again)

    checked += _after_each_change(outcome, interner, outcomes)
    assert checked > 40


def test_a_memo_serves_only_its_own_lycee() -> None:
    scenario = small()
    truth, clock = build_truth(scenario)
    other_truth, _ = build_truth(scenario)
    with pytest.raises(ValueError, match="another lycée"):
        simulate_lazy(scenario, truth=truth, clock=clock, memo=new_memo(scenario, other_truth))
    reseeded = scenario.model_copy(update={"seed": scenario.seed + 1})
    with pytest.raises(ValueError, match="another lycée"):
        simulate_lazy(reseeded, truth=truth, clock=clock, memo=new_memo(scenario, truth))


# --- in the commands ----------------------------------------------------------------------


def disagreeing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fast engine that wrongly reports a rejected link in every run."""
    real = simulate_fast

    def wrong(*args: Any, **kwargs: Any) -> tuple[SimulationResult, bool]:
        result, fell_back = real(*args, **kwargs)
        last = result.events[-1]
        extra = EventRecord(
            len(result.events), last.minute, "export_liens_siecle", "rule", "links_rejected"
        )
        result.events.append(extra)
        return result, fell_back

    monkeypatch.setattr(replication, "simulate_fast", wrong)


def test_risk_stops_when_the_engines_disagree(monkeypatch: pytest.MonkeyPatch) -> None:
    disagreeing(monkeypatch)
    with pytest.raises(EngineMismatch, match="events, first extra"):
        risk.run_risk(small(), 6, seed=1, workers=1)


def test_the_cli_says_so_in_french_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    disagreeing(monkeypatch)
    monkeypatch.setattr(
        "sys.argv", ["rentree-sim", "risk", str(SCENARIOS / "nominal.yaml"), "-n", "4"]
    )
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 1
    error = capsys.readouterr().err
    assert "le moteur rapide et le moteur de référence (SimPy) ne donnent pas" in error
    assert "RENTREE_SIM_MOTEUR=simpy" in error
    assert "Traceback" not in error


def test_risk_is_the_same_on_either_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(SCENARIOS / "arrivees-tardives.yaml")
    fast = risk.run_risk(scenario, 40, seed=9, workers=1)
    monkeypatch.setenv(replication.ENGINE_VARIABLE, "simpy")
    reference = risk.run_risk(scenario, 40, seed=9, workers=1)
    for a, b in zip(reference.replications, fast.replications, strict=True):
        assert replication.replication_difference(a, b) is None
    for target, expected in reference.targets.items():
        assert fast.targets[target].percentiles == expected.percentiles
        assert np.array_equal(fast.targets[target].curve, expected.curve)


def test_a_worker_with_another_copy_of_the_truth_gets_its_own_memo() -> None:
    """A worker process forked after the parent ran replications inherits the parent's
    memos, but receives its own copy of the truth: it must not use the parent's memo."""
    scenario = small()
    key = replication.lycee_key(scenario)
    first, _ = build_truth(scenario)
    second, _ = build_truth(scenario)
    memo = replication.memo_for(key, scenario, first)
    assert memo is not None and replication.memo_for(key, scenario, first) is memo
    other = replication.memo_for(key, scenario, second)
    assert other is not None and other is not memo and other.owner is second


def test_plan_stops_when_the_engines_disagree_on_a_tried_calendar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sim.analysis import planner
    from sim.analysis.plan import make_plan

    real = simulate_fast

    def wrong(*args: Any, **kwargs: Any) -> tuple[SimulationResult, bool]:
        result, fell_back = real(*args, **kwargs)
        result.events.append(EventRecord(len(result.events), 0.0, "reality", "start", "extra"))
        return result, fell_back

    monkeypatch.setattr(planner, "simulate_fast", wrong)
    with pytest.raises(EngineMismatch, match=r"calendrier essayé|tried calendar"):
        make_plan(small(), dt.date(2026, 9, 14))


@pytest.mark.parametrize("command", ["risk", "plan"])
def test_an_unknown_engine_is_a_french_usage_error(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(replication.ENGINE_VARIABLE, "simply")
    extra = ["-n", "4"] if command == "risk" else ["--target", "2026-09-14"]
    monkeypatch.setattr(
        "sys.argv", ["rentree-sim", command, str(SCENARIOS / "nominal.yaml"), *extra]
    )
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "RENTREE_SIM_MOTEUR=simply : moteur inconnu (rapide, le défaut, ou simpy)" in error
    assert "Traceback" not in error
