"""The counts per morning, computed once per distinct state, against the plain count at every
morning (computed here independently) for every shipped scenario."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.analysis.consistency import (
    _stays_set_from,
    _stays_true_from,
    first_seen,
    store_states,
    target_consistency,
    target_summary,
)
from sim.analysis.departed import (
    accounts_pending_deletion,
    departed_accounts,
    departed_facts,
    ever_departed,
)
from sim.analysis.replication import sample_calendar
from sim.chain import build_graph
from sim.domain import Category, Store, Target
from sim.engine.lazy import simulate_fast
from sim.engine.replay import simulate_replay
from sim.engine.simulation import SimulationResult, build_truth, new_memo, simulate
from sim.results import History, change_runs, state_runs
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS
from tests.test_lazy_engine import stressed


@given(
    observations=st.lists(st.integers(0, 50), max_size=12).map(sorted),
    changes=st.lists(st.lists(st.integers(-5, 60), max_size=6).map(sorted), max_size=4),
)
def test_runs_from_change_minutes_equal_the_runs_from_indexes(
    observations: list[int], changes: list[list[int]]
) -> None:
    """A history's index at a morning counts its minutes at or before it (clipped at its
    first state); the truth's epoch counts change minutes the same way, without clipping."""
    minutes = [float(m) for m in observations]
    histories = [History(minutes=[float(m) for m in c]) for c in changes if c]
    truth = [float(m) for m in (changes[0] if changes else [])]
    indexes = [h.indexes_at(minutes) for h in histories]
    epochs = np.searchsorted(np.asarray(truth), minutes, side="right")
    expected = state_runs([*indexes, epochs]) if minutes else []
    found = change_runs(minutes, [*(h.minutes[1:] for h in histories), truth])
    assert found == expected


def _with_memo(path: Path) -> SimulationResult:
    """The scenario run by the fast engine after a drawn calendar filled its memo, so that
    the counts come through the memo's tables."""
    scenario = load_scenario(path)
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    drawn, _, _ = sample_calendar(scenario, np.random.default_rng(3))
    simulate_fast(drawn, truth=truth, clock=clock, memo=memo)
    store_states(simulate_fast(drawn, truth=truth, clock=clock, memo=memo)[0])
    return simulate_fast(scenario, truth=truth, clock=clock, memo=memo)[0]


@pytest.mark.parametrize("engine", ["simpy", "memo"])
@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_counts_per_distinct_state_equal_the_plain_counts(path: Path, engine: str) -> None:
    result = simulate(load_scenario(path)) if engine == "simpy" else _with_memo(path)
    check_plain_counts(result)


@pytest.mark.parametrize("name", ["nominal", "suppression-sur-complet", "arrivees-tardives"])
def test_a_memo_shared_by_replications_gives_the_plain_counts(name: str) -> None:
    """The memo remembers a category's counts by what they read (its states, the marks and
    links the departed facts read, each first seen some morning): replications that share
    it, with their departures and pre-deletions on other days, still count right."""
    scenario = stressed(load_scenario(SCENARIOS / f"{name}.yaml"))
    truth, clock = build_truth(scenario)
    memo = new_memo(scenario, truth)
    memo.categories = remembered = _Counting()
    for index in range(10):
        drawn, _, _ = sample_calendar(scenario, np.random.default_rng(index))
        result, _ = simulate_fast(drawn, truth=truth, clock=clock, memo=memo, summary=True)
        check_plain_counts(result)
    assert remembered.hits > 0  # the remembered counts served, and were checked


@given(
    observations=st.lists(st.integers(0, 30), max_size=10).map(sorted),
    minutes=st.lists(st.integers(-5, 35), min_size=1, max_size=8).map(sorted),
)
def test_the_world_an_observation_sees_is_the_one_a_history_gives(
    observations: list[int], minutes: list[int]
) -> None:
    """Carried forward from each one's first observation, the worlds are what a history
    with these change minutes holds at each observation (its first from the start)."""
    history = History([float(m) for m in minutes], [0] * len(minutes), [])
    worlds: list[object] = list(range(len(minutes)))
    seen = first_seen([float(m) for m in observations], history.minutes, worlds)
    world: object = worlds[0]
    for k, minute in enumerate(observations):
        world = seen.get(k, world)
        assert world == worlds[max(0, history.index_at(float(minute)))]


@given(
    masks=st.lists(st.integers(0, 7), min_size=1, max_size=10),
    bits=st.sampled_from([1, 2, 4, 7]),
)
def test_a_mask_set_to_the_end_is_the_flag_true_to_the_end(masks: list[int], bits: int) -> None:
    """Over runs of observations (one per mask here, a few observations each), the first
    observation from which ``bits`` stay set is the flags' own."""
    lengths = [1 + m % 3 for m in range(len(masks))]
    firsts = np.cumsum([0, *lengths[:-1]]).tolist()
    flags = [mask & bits == bits for mask, n in zip(masks, lengths, strict=True) for _ in range(n)]
    observations = [float(10 * k) for k in range(len(flags))]
    assert _stays_set_from(masks, bits, firsts, observations) == _stays_true_from(
        flags, observations
    )


@pytest.mark.parametrize("engine", ["lazy", "replay"])
@pytest.mark.parametrize("name", ["nominal", "suppression-sur-complet", "arrivees-tardives"])
def test_a_replications_summary_is_the_whole_analysis(name: str, engine: str) -> None:
    """What a replication keeps of a target comes from each category's flags alone, through
    the memo (as a replication runs it: the summary first, its flags counted or remembered
    there), or from the masks of the replay engine's worlds: the same as the whole
    analysis' fields apart from departed accounts, worked out without a memo on SimPy's
    run, on stressed replications (late, forgotten, failed nights)."""
    scenario = stressed(load_scenario(SCENARIOS / f"{name}.yaml"))
    truth, clock = build_truth(scenario)
    graph = build_graph(scenario)
    memo = new_memo(scenario, truth)
    memo.categories = remembered = _Counting()
    chains = 0
    for index in range(12):
        drawn, _, _ = sample_calendar(scenario, np.random.default_rng(index))
        if engine == "lazy":
            fast, _ = simulate_fast(drawn, truth=truth, clock=clock, memo=memo, summary=True)
        else:
            fast, _ = simulate_replay(drawn, truth, clock, memo)
        reference = simulate(drawn, truth=truth, clock=clock)
        for target in Target:
            summary = target_summary(fast, target, graph)
            whole = target_consistency(reference, target, graph, detail=False)
            assert summary.consistent_from == whole.consistent_except_departed_from
            assert summary.category_from == {
                c: cat.consistent_except_departed_from for c, cat in whole.categories.items()
            }
            assert summary.correct.tolist() == whole.correct_except_departed
            assert summary.critical_category == whole.critical_category_except_departed
            # event ids apart: a summary writes fewer events
            assert [replace(s, event=0) for s in summary.chain] == [
                replace(s, event=0) for s in whole.chain_except_departed
            ]
            chains += bool(summary.chain)
    assert chains > 0
    if engine == "lazy":  # remembered flags served, and the flags' own counting ran
        assert remembered.excused_hits > 0 and len(memo.counts) > 0
    else:  # the worlds' masks served
        assert len(memo.world_masks) > 0


class _Counting(dict[object, object]):
    """A memo's table of categories that counts what it serves."""

    hits = 0
    excused_hits = 0  # of the flags a replication's summary reads

    def get(self, key: object, default: object = None) -> object:
        found = super().get(key, default)
        self.hits += found is not None
        if isinstance(key, tuple) and key and key[0] == "excused":
            self.excused_hits += found is not None
        return found


def check_plain_counts(result: SimulationResult) -> None:
    for state in store_states(result):
        history = result.histories[state.store][state.category]
        table = result.truth.table(state.category)
        for k, minute in enumerate(result.observations):
            present, true = history.at(minute), table.true_at(minute)
            assert state.correct[k] == np.count_nonzero(present & true)
            assert state.missing[k] == np.count_nonzero(true & ~present)
            stale = np.count_nonzero(present & ~true)
            assert state.stale[k] == stale
            departed = (
                np.count_nonzero(departed_facts(result, state.store, state.category, minute))
                if ever_departed(result, state.store) and stale
                else 0
            )
            assert state.departed[k] == departed, (state.store, state.category, minute)
    for store in (Store.ENT, Store.GAR):
        marks = result.departed.get(store, {})
        users = marks if store is Store.ENT else {Category.STUDENTS: marks[Category.STUDENTS]}
        expected = [
            sum(
                np.count_nonzero(h.at(m) & result.histories[store][c].at(m))
                for c, h in users.items()
            )
            for m in result.observations
        ]
        assert departed_accounts(result, store).tolist() == expected
    pending = [
        sum(np.count_nonzero(h.at(m)) for h in result.pending_deletion.values())
        for m in result.observations
    ]
    assert accounts_pending_deletion(result).tolist() == pending
