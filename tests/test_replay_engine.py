"""Differential tests: the replay engine against the lazy engine in summary mode.

The replay engine (:mod:`sim.engine.replay`) schedules as the lazy engine does, over flat
state, and replays each step from a record; so the comparison is the strictest there is:
the whole event log (ids, instants as floats, causes, counts, details) and every history
(minutes, causes, states), marks and pending deletions (:func:`run_difference`). The lazy
engine is itself compared with SimPy on every such case (``tests/test_lazy_engine.py``).
The replay's book runs in verify mode: every step it replays is run and recorded again,
and the two records compared.

Cases: every shipped scenario with risk replications (default and stress priors) sharing
one book, and Hypothesis scenarios on a small lycée, each with drawn calendars.
``PROPERTY_EXAMPLES=500`` explores more generated scenarios.
"""

from __future__ import annotations

import ast
import gc
import itertools
import json
import re
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sim.analysis import consistency, replication
from sim.analysis.differences import run_difference
from sim.analysis.replication import sample_calendar
from sim.chain import build_graph
from sim.domain import USER_CATEGORIES, Category, Store
from sim.engine import replay as replay_module
from sim.engine import steps
from sim.engine.channels import (
    Stamps,
    apply_stamps,
    first_due,
    pre_delete_stamps,
    users_due,
)
from sim.engine.flat_channels import FlatStamps
from sim.engine.lazy import NeedsSimPy, simulate_lazy
from sim.engine.memo import Memo, MemoMismatch
from sim.engine.replay import replay, simulate_replay
from sim.engine.simulation import build_truth, new_memo
from sim.engine.steps import NeedsLazy
from sim.results import EventRecord
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario
from sim.truth.model import Truth
from tests.conftest import SCENARIOS
from tests.test_lazy_engine import SETTINGS, dump, scenarios, stressed

ENGINE = Path(replay_module.__file__).parent


def compare(scenario: Scenario, truth: Truth, clock: object, book: Memo, lazy: Memo) -> bool:
    """The replay of ``scenario`` is the lazy engine's summary; False when both engines
    leave the instant to SimPy."""
    try:
        expected = simulate_lazy(scenario, truth=truth, clock=clock, memo=lazy, summary=True)  # type: ignore[arg-type]
    except NeedsSimPy:
        with pytest.raises((NeedsSimPy, NeedsLazy)):
            replay(scenario, truth, clock, book)  # type: ignore[arg-type]
        return False
    found = replay(scenario, truth, clock, book)  # type: ignore[arg-type]
    difference = run_difference(expected, found)
    assert difference is None, f"{scenario.name}: {difference}\n{dump(scenario)}"
    # the summary from the replay's worlds is the one from the lazy engine's histories
    assert found.worlds is not None and expected.worlds is None
    graph = build_graph(scenario)
    difference = summary_difference(
        replication.summarise_run(expected, graph, 0, {}, []),
        replication.summarise_run(found, graph, 0, {}, []),
    )
    assert difference is None, f"{scenario.name}: {difference}\n{dump(scenario)}"
    return True


def summary_difference(
    expected: replication.Replication, found: replication.Replication
) -> str | None:
    """The first field where two summaries differ, the mornings' flags included."""
    difference = replication.replication_difference(expected, found)
    if difference is not None:
        return difference
    for name in ("stuck", "outage_waited"):
        if getattr(expected, name) != getattr(found, name):
            return f"{name}: {getattr(expected, name)} != {getattr(found, name)}"
    for target, flags in expected.correct.items():
        if not np.array_equal(flags, found.correct[target]):
            first = int(np.flatnonzero(flags != found.correct[target])[0])
            return f"correct[{target}] differs from morning {first}"
    return None


def drawn(scenario: Scenario, count: int, entropy: int = 11) -> list[Scenario]:
    calendars = []
    for index in range(count):
        rng = np.random.default_rng(np.random.SeedSequence(entropy=entropy, spawn_key=(index,)))
        calendars.append(sample_calendar(scenario, rng)[0])
    return calendars


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_scenario_and_its_replications_replay_as_the_lazy_engine(path: Path) -> None:
    scenario = load_scenario(path)
    truth, clock = build_truth(scenario)
    book, lazy = new_memo(scenario, truth, verify=True), new_memo(scenario, truth)
    for calendar in [scenario, *drawn(scenario, 15)]:
        compare(calendar, truth, clock, book, lazy)
    found = book.book
    assert isinstance(found, steps.StepBook)
    # the replications share their steps: most are replayed, not run
    assert found.replays > found.recorded


@pytest.mark.parametrize(
    "name", ["nominal", "arrivees-tardives", "groupes-depuis-edt", "suppression-sur-complet"]
)
def test_stressed_replications_replay_as_the_lazy_engine(name: str) -> None:
    """Forgotten operations, long delays and failing batches: the steps and their order
    differ most from one replication to the next."""
    scenario = stressed(load_scenario(SCENARIOS / f"{name}.yaml"))
    truth, clock = build_truth(scenario)
    book, lazy = new_memo(scenario, truth, verify=True), new_memo(scenario, truth)
    for calendar in drawn(scenario, 15, entropy=5):
        compare(calendar, truth, clock, book, lazy)


@SETTINGS
@given(scenario=scenarios())
def test_generated_scenarios_replay_as_the_lazy_engine(scenario: Scenario | None) -> None:
    assume(scenario is not None)
    assert scenario is not None
    truth, clock = build_truth(scenario)
    book, lazy = new_memo(scenario, truth, verify=True), new_memo(scenario, truth)
    for calendar in [scenario, *drawn(scenario, 3)]:
        compare(calendar, truth, clock, book, lazy)


def test_a_replication_runs_in_the_replay_engine_and_keeps_the_same_summary() -> None:
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    graph = build_graph(scenario)
    for calendar in drawn(scenario, 5):
        found = replication.summarise_run(
            replication._run(calendar, truth, clock, memo), graph, 0, {}, []
        )
        expected = replication.summarise_run(
            simulate_lazy(calendar, truth=truth, clock=clock, summary=True), graph, 0, {}, []
        )
        assert replication.replication_difference(expected, found) is None
    assert isinstance(memo.book, steps.StepBook)
    assert memo.book.replays > 0


def test_verify_mode_catches_a_wrong_record() -> None:
    """A record that does not say what its step does is found at its next replay."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth, verify=True)
    replay(scenario, truth, clock, memo)
    book = memo.book
    assert isinstance(book, steps.StepBook)
    key, record = next((k, r) for k, r in book.records.items() if r[1])
    (slot, state, cause), *rest = record[1]
    book.records[key] = (record[0], ((slot, ~state, cause), *rest), *record[2:])
    with pytest.raises(MemoMismatch, match="the recorded step differs"):
        replay(scenario, truth, clock, memo)


def test_a_step_that_reads_another_event_goes_to_the_lazy_engine() -> None:
    """A record can name only the step's own events and its cause: reading any other
    would tie it to one replication."""
    cause = EventRecord(3, 120.0, "transferts", "operation", "run")
    log = steps._OffsetLog(10, cause)
    assert log[3].actor == "transferts" and np.isnan(log[3].minute)
    with pytest.raises(NeedsLazy):
        log[2]


def test_a_replay_that_cannot_go_on_falls_back_on_the_lazy_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)

    def refuse(*_: object) -> None:
        raise NeedsLazy("refused")

    monkeypatch.setattr(replay_module.Replay, "reality", refuse)
    monkeypatch.setattr(replay_module.Replay, "perform", refuse)
    found, fell_back = simulate_replay(scenario, truth, clock, memo)
    expected = simulate_lazy(scenario, truth=truth, clock=clock, summary=True)
    assert not fell_back and run_difference(expected, found) is None


def test_a_finished_replay_leaves_no_cycle_for_the_collector() -> None:
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    replay(scenario, truth, clock, memo)  # the book is made, and kept with the memo
    gc.collect()
    for calendar in drawn(scenario, 3):
        replay(calendar, truth, clock, memo)
    assert gc.collect() == 0


def test_what_an_effect_reads_of_the_scenario_is_in_the_replays_key() -> None:
    """An operation's record is keyed on the fields of its spec and of the scenario that
    the model's steps read (``_SPEC_FIELDS``, the share of transfers recreated, and the
    memo's context): a step that read another would be replayed wrongly."""
    read_of_specs, read_of_scenario = set(), set()
    for name in ("operations.py", "ent_rules.py", "model.py", "channels.py"):
        tree = ast.parse((ENGINE / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "spec"
                and name == "operations.py"
            ):
                read_of_specs.add(node.attr)
        text = (ENGINE / name).read_text(encoding="utf-8")
        if name != "channels.py":  # the channels' specs are read by the replay itself
            read_of_scenario |= set(re.findall(r"scenario\.((?:\w+\.)*\w+)", text))
    assert read_of_specs <= {*replay_module._SPEC_FIELDS, "delay"}, read_of_specs
    assert read_of_scenario <= {
        "operations.transferts.recreate_share",  # in every operation's and change's key
        "channels.import_ent.removal",  # the memo's context
        "etablissement.ent_groups_from_timetable",  # the memo's context
        "calendar.staff",  # the perform's, done by the replay itself
        "calendar.at",  # instants, computed by the replay itself
        "model",  # the import of sim.scenario.model
    }, read_of_scenario


@SETTINGS
@given(data=st.data())
def test_stamps_end_to_end_give_the_pre_deletes_dates_and_users(data: st.DataObject) -> None:
    """:class:`FlatStamps` (one array per table over the user categories) finds the same
    first due minute and the same users due as the pre-delete's own functions."""
    sizes = [data.draw(st.integers(1, 12)) for _ in USER_CATEGORIES]
    stamps = FlatStamps(sizes)
    per_category: Stamps = (
        {c: np.full(n, np.nan) for c, n in zip(USER_CATEGORIES, sizes, strict=True)},
        {c: np.full(n, np.nan) for c, n in zip(USER_CATEGORIES, sizes, strict=True)},
    )
    minutes = st.sampled_from([0.0, 59.9999, 1440.0, 1500.5, 2880.0001, 10_000.0])
    for _ in range(data.draw(st.integers(0, 6))):
        category = data.draw(st.sampled_from(USER_CATEGORIES))
        n = sizes[USER_CATEGORIES.index(category)]
        users = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
        write = (
            data.draw(st.integers(0, 1)),
            category,
            users,
            data.draw(st.sampled_from([None, 0.0, 1440.0])),
        )
        minute = data.draw(minutes)
        apply_stamps(per_category, (write,), minute)
        stamps.apply((write,), minute)

    def marks() -> dict[Category, np.ndarray]:
        return {
            c: np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
            for c, n in zip(USER_CATEGORIES, sizes, strict=True)
        }

    departed, pending = marks(), marks()
    after = data.draw(st.sampled_from([0.0, 60.0, 1440.0]))
    ends = [np.concatenate(list(m.values())) for m in (departed, pending)]
    assert stamps.first_due(*ends, after) == first_due(departed, pending, per_category, after)
    minute = data.draw(minutes)
    found = stamps.due(*ends, after, minute)
    expected = users_due(departed, pending, per_category, after, minute)
    for users, by_category in zip(found, expected, strict=True):
        for part, c in zip(stamps.split(users), USER_CATEGORIES, strict=True):
            assert np.array_equal(part, by_category[c])
    # the pre-delete's own stamps, written on the users it found due
    delete_after = data.draw(st.sampled_from([0.0, 1440.0]))
    apply_stamps(per_category, pre_delete_stamps(*expected, delete_after), minute)
    stamps.pre_delete(*found, minute + delete_after)
    for table, by_category in zip(stamps.tables, per_category, strict=True):
        ends_again = np.concatenate([by_category[c] for c in USER_CATEGORIES])
        assert np.array_equal(table, ends_again, equal_nan=True)


def _variant(scenario: Scenario, edit: Callable[[dict[str, Any]], None]) -> Scenario:
    data = json.loads(scenario.model_dump_json(exclude_none=True))
    edit(data)
    return Scenario.model_validate(data)


def _arrival_recorded_a_day_later(data: dict[str, Any]) -> None:
    data["reality"] = [
        {"date": "2026-07-03", "kind": "arrival", "origin": "external", "count": 3}
        | {"recorded_after": "1j"}
    ]


def _created_on(day: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["operations"]["creation_eleves"]["date"] = [day, "2026-08-28T14:00:00"]

    return edit


def _recreated(share: float) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["operations"]["transferts"]["recreate_share"] = share

    return edit


def _transferred_on_the_eve(day: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        transfers = data["operations"]["transferts"]
        for key in ("not_before", "not_after", "fixed"):
            transfers.pop(key, None)
        transfers["date"] = [day, "2026-08-28"]
        data["operations"]["export_siecle_edt"].update(
            date=["2026-07-08T16:00:00", "2026-08-31"], snapshot="previous_night"
        )

    return edit


@pytest.mark.parametrize(
    ("base", "variants"),
    [
        # the same world and operations done, on either side of a truth change (the
        # arrival is true from midnight, typed in a day later): the truth's epoch
        (
            _arrival_recorded_a_day_later,
            [_created_on("2026-07-02T23:00:00"), _created_on("2026-07-03T01:00:00")],
        ),
        # the same transfers, half of them recreated or none: the scenario's share
        (None, [_recreated(0.0), _recreated(0.5)]),
        # the same SIECLE by the export, not the night before: SIECLE's history
        (
            None,
            [
                _transferred_on_the_eve("2026-07-07T23:30:00"),
                _transferred_on_the_eve("2026-07-08T00:30:00"),
            ],
        ),
    ],
    ids=["truth epoch", "recreated share", "previous night"],
)
def test_a_step_is_replayed_only_where_what_it_reads_is_the_same(
    base: Callable[[dict[str, Any]], None] | None,
    variants: list[Callable[[dict[str, Any]], None]],
) -> None:
    """Two calendars whose steps meet the same world but read something else differently
    (found by removing each part of the key in turn): one book, no verify mode, so that a
    key too narrow shows as a run that differs."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    if base is not None:
        scenario = _variant(scenario, base)
    truth, clock = build_truth(scenario)
    book, lazy = new_memo(scenario, truth), new_memo(scenario, truth)
    for edit in variants:
        assert compare(_variant(scenario, edit), truth, clock, book, lazy)


def test_a_book_that_holds_too_many_records_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under stressed priors new steps keep coming: past ``MAX_RECORDS`` the book forgets
    them between replications, and the runs stay the lazy engine's."""
    monkeypatch.setattr(steps, "MAX_RECORDS", 40)
    scenario = stressed(load_scenario(SCENARIOS / "nominal.yaml"))
    truth, clock = build_truth(scenario)
    book, lazy = new_memo(scenario, truth), new_memo(scenario, truth)
    sizes = []
    for calendar in drawn(scenario, 8, entropy=3):
        assert compare(calendar, truth, clock, book, lazy)
        assert isinstance(book.book, steps.StepBook)
        sizes.append(len(book.book.records))
    # without the bound the book would hold about 200 records by the eighth replication;
    # with it, it starts again, and holds at most one replication's records past the bound
    assert any(later < earlier for earlier, later in itertools.pairwise(sizes)), sizes
    assert max(sizes) < 40 + 60, sizes


def test_a_run_summed_up_after_its_book_started_again_keeps_its_summary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run's worlds are numbers of its book: once the book starts again, the same numbers
    name other worlds. A run kept from before (summed up later) is then counted from its
    own histories, and its summary is the one it had."""
    monkeypatch.setattr(steps, "MAX_RECORDS", 40)
    scenario = stressed(load_scenario(SCENARIOS / "nominal.yaml"))
    truth, clock = build_truth(scenario)
    graph = build_graph(scenario)
    memo = new_memo(scenario, truth)
    calendars = drawn(scenario, 10, entropy=3)
    kept = [simulate_replay(calendar, truth, clock, memo)[0] for calendar in calendars[:3]]
    expected = [replication.summarise_run(r, graph, 0, {}, []) for r in kept]
    started = memo.world_generation
    for calendar in calendars[3:]:
        summed = simulate_replay(calendar, truth, clock, memo)[0]
        replication.summarise_run(summed, graph, 0, {}, [])  # masks of the new numbers
    assert memo.world_generation > started
    for result, summary in zip(kept, expected, strict=True):
        assert consistency.world_runs(result, Store.ENT) is None
        found = replication.summarise_run(result, graph, 0, {}, [])
        assert summary_difference(summary, found) is None


@pytest.mark.parametrize("name", ["arrivees-tardives", "suppression-sur-complet"])
def test_the_fact_last_set_right_is_remembered_by_all_it_reads(name: str) -> None:
    """The fact a critical chain starts from, remembered for the lycée (by the world and
    truth of the morning before, the truth of the morning, the category's states between),
    is the one found from the run's own histories, at every change of every category."""
    compared = 0
    for scenario in (
        load_scenario(SCENARIOS / f"{name}.yaml"),
        stressed(load_scenario(SCENARIOS / f"{name}.yaml")),
    ):
        truth, clock = build_truth(scenario)
        memo = new_memo(scenario, truth)
        for calendar in drawn(scenario, 10, entropy=5):
            result, _ = simulate_replay(calendar, truth, clock, memo)
            for store in (Store.ENT, Store.GAR):
                runs = consistency.world_runs(result, store)
                assert runs is not None
                firsts, _, keys = runs
                for j in range(1, len(firsts)):
                    for category in result.histories[store]:
                        found = consistency._remembered_fixed(
                            result, store, category, firsts[j], keys[j - 1], keys[j][2]
                        )
                        expected = consistency._last_fixed(result, store, category, firsts[j], True)
                        assert found == expected, (calendar.name, store, category, j)
                        compared += expected is not None
    assert compared > 0


def test_a_start_written_at_several_instants_goes_to_the_lazy_engine() -> None:
    """The worlds (and what the GAR export reads by them) take the stores' start as one
    instant, as the model writes it today; a start spread over several would run in the
    lazy engine."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    replay(scenario, truth, clock, memo)
    assert isinstance(memo.book, steps.StepBook) and memo.book.start_settled
    memo.book.start_settled = False
    with pytest.raises(NeedsLazy):
        replay(scenario, truth, clock, memo)
    result, _ = simulate_replay(scenario, truth, clock, memo)
    assert result.worlds is None
    expected = simulate_lazy(scenario, truth=truth, clock=clock, summary=True)
    assert run_difference(expected, result) is None


def test_a_memo_and_its_book_are_freed_without_the_collector() -> None:
    """The book refers to its memo (its model's): once the memo lets go of it, as the
    replications' table of memos does when it drops one, both are freed at once."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    replay(scenario, truth, clock, memo)
    gc.collect()
    gc.disable()
    try:
        book = weakref.ref(memo.book)  # type: ignore[arg-type]
        kept = weakref.ref(memo)
        memo.book = None
        del memo
        assert book() is None and kept() is None
    finally:
        gc.enable()
