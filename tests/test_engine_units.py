"""Unit tests of the engine's parts: histories, stores, shares, joins, channel schedules."""

from __future__ import annotations

import datetime as dt

import numpy as np
import simpy

from sim.domain import Category, Channel, Operation, Store
from sim.engine.channels import ChannelRunner, ExtractionAaf
from sim.engine.model import ChainModel
from sim.engine.recorder import Recorder
from sim.engine.simulation import build_truth
from sim.engine.stores import FactStore
from sim.results import EventRecord, History
from sim.truth.facts import FactTable, endpoint_present, links_with_endpoints
from tests.test_rules import nominal_with


def states(*rows: list[int]) -> list[np.ndarray]:
    return [np.asarray(r, dtype=bool) for r in rows]


def test_history_lookup_and_transitions() -> None:
    history = History()
    for minute, state in zip(
        [0.0, 10.0, 20.0, 30.0], states([0, 0], [1, 0], [1, 1], [0, 1]), strict=True
    ):
        history.append(minute, int(minute), state)
    assert history.at(-5).tolist() == [False, False]  # the start stands for the past
    assert history.at(15).tolist() == [True, False]
    assert history.at(20).tolist() == [True, True]  # a change at a minute is seen at it
    assert history.last_transition(0, True, 25) == 1
    assert history.last_transition(0, False, 35) == 3
    assert history.last_transition(1, True, 15) is None


def test_store_records_changes_with_their_cause() -> None:
    scenario = nominal_with({})
    truth, _ = build_truth(scenario)
    env = simpy.Environment()
    recorder = Recorder()
    cause = recorder.log(0, "import_ent", "batch", "run")
    store = FactStore(env, Store.ENT, truth, recorder)
    store.start_with({}, cause)
    wanted = truth.empty(Category.GROUPS)
    wanted[:3] = True
    store.set(Category.GROUPS, wanted, cause)
    store.set(Category.GROUPS, wanted, cause)  # no change, no record
    wanted[3] = True  # the store kept its own copy
    assert store[Category.GROUPS].sum() == 3
    assert store.version == 1
    changes = [e for e in recorder.events if e.kind == "change"]
    assert [(e.code, e.count, e.cause) for e in changes] == [("added", 3, cause)]


def test_endpoint_present_reads_minus_one_as_absent() -> None:
    present = np.asarray([True, False, True])
    index = np.asarray([0, 1, -1, 2])
    assert endpoint_present(present, index).tolist() == [True, False, False, True]


def test_links_need_both_ends_and_services_either_structure() -> None:
    links = FactTable(
        Category.STUDENT_GROUP,
        ["a", "b"],
        np.zeros(2),
        np.full(2, np.inf),
        {Category.STUDENTS: np.asarray([0, 1]), Category.GROUPS: np.asarray([0, 0])},
    )
    present = {Category.STUDENTS: np.asarray([True, False]), Category.GROUPS: np.asarray([True])}
    assert links_with_endpoints(links, np.asarray([True, True]), present).tolist() == [True, False]
    services = FactTable(
        Category.SERVICES,
        ["d", "g"],
        np.zeros(2),
        np.full(2, np.inf),
        {
            Category.TEACHERS: np.asarray([0, 0]),
            Category.DIVISIONS: np.asarray([0, -1]),
            Category.GROUPS: np.asarray([-1, 0]),
        },
    )
    present = {
        Category.TEACHERS: np.asarray([True]),
        Category.DIVISIONS: np.asarray([False]),
        Category.GROUPS: np.asarray([True]),
    }
    assert links_with_endpoints(services, np.asarray([True, True]), present).tolist() == [
        False,
        True,
    ]


def test_take_share_is_cumulative_and_seeded() -> None:
    scenario = nominal_with({})
    truth, clock = build_truth(scenario)
    model = ChainModel(scenario, truth, clock, 7)
    candidates = ~truth.table(Category.GROUPS).stale
    half = model.take_share(Category.GROUPS, candidates, 0.5)
    most = model.take_share(Category.GROUPS, candidates, 0.8)
    assert half.sum() == int(np.ceil(0.5 * candidates.sum()))
    assert (half <= most).all()  # the first half is part of the first 80 %
    again = ChainModel(scenario, truth, clock, 7).take_share(Category.GROUPS, candidates, 0.5)
    assert (again == half).all()


def test_channel_schedule_days_and_outages() -> None:
    scenario = nominal_with(
        {
            "channels": {
                "export_gar": {
                    "days": ["lundi", "vendredi"],
                    "outages": [{"start": "2026-09-04 00:00", "end": "2026-09-05 00:00"}],
                }
            }
        }
    )
    truth, clock = build_truth(scenario)
    runner = ChannelRunner(ChainModel(scenario, truth, clock, 0), Channel.EXPORT_GAR)
    runs = [clock.instant(m) for m in runner.run_times()]
    assert runs[0] == dt.datetime(2026, 6, 8, 21, 0)  # Monday 8 June, every night from 21:00
    assert {r.weekday() for r in runs} == {0, 4}
    friday = clock.minutes(dt.datetime(2026, 9, 4, 21, 0))
    assert runner.down_at(friday)
    assert runner.outage_end(friday) == clock.minutes(dt.datetime(2026, 9, 5))
    assert not runner.down_at(friday + 1440)


def test_every_field_of_an_event_record_is_written() -> None:
    """The recorder builds records as plain tuples (a named tuple's constructor is slow):
    a field added to the record and not to the recorder would shift the others."""
    recorder = Recorder()
    cause = recorder.log(5.0, "import_ent", "batch", "run")
    recorder.change(5.0, "import_ent", "added", "ent", "students", 3, cause)
    event = recorder.events[-1]
    assert type(event) is EventRecord and len(event) == len(EventRecord._fields)
    assert event._asdict() == {
        "id": 1,
        "minute": 5.0,
        "actor": "import_ent",
        "kind": "change",
        "code": "added",
        "store": "ent",
        "category": "students",
        "count": 3,
        "detail": "",
        "cause": cause,
    }


def test_landings_keep_the_order_of_the_runs_unless_outages_overlap() -> None:
    def runner(outages: list[tuple[str, str]]) -> ChannelRunner:
        spans = [{"start": start, "end": end} for start, end in outages]
        scenario = nominal_with({"channels": {"extraction_aaf": {"outages": spans}}})
        truth, clock = build_truth(scenario)
        return ChannelRunner(ChainModel(scenario, truth, clock, 0), Channel.EXTRACTION_AAF)

    apart = [("2026-09-10 00:00", "2026-09-11 00:00"), ("2026-09-08 00:00", "2026-09-09 00:00")]
    assert runner(apart).lands_in_order()
    touching = [("2026-09-08 00:00", "2026-09-10 00:00"), ("2026-09-10 00:00", "2026-09-11 00:00")]
    assert runner(touching).lands_in_order()
    # the inner outage listed first sets when a run inside it lands: before an earlier run
    nested = [("2026-09-10 00:00", "2026-09-11 00:00"), ("2026-09-08 00:00", "2026-09-15 00:00")]
    late = runner(nested)
    assert not late.lands_in_order()
    early, later = (late.model.instant_of(dt.datetime(2026, 9, d, 21)) for d in (8, 10))
    assert late.outage_end(early) > late.outage_end(later)


def test_the_extraction_reads_whether_the_profilage_is_done() -> None:
    """Its files carry last year's memberships until SIECLE's new year: a profilage that
    moves nothing in SIECLE still changes them, so the key reads it."""
    scenario = nominal_with({})
    truth, clock = build_truth(scenario)
    model = ChainModel(scenario, truth, clock, 0)
    extraction = ExtractionAaf(model)
    minute = extraction.runner.run_times()[0]
    assert not extraction.forced(minute)
    before, signature = extraction.key(minute), extraction.signature()
    model.done[Operation.PROFILAGE] = minute
    assert extraction.key(minute) != before and extraction.signature() != signature
