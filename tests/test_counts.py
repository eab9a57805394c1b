"""The counts per morning, computed once per distinct state, against the plain count at every
morning (computed here independently) for every shipped scenario."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sim.analysis.consistency import store_states
from sim.analysis.departed import (
    accounts_pending_deletion,
    departed_accounts,
    departed_facts,
    ever_departed,
)
from sim.domain import Category, Store
from sim.engine.simulation import simulate
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_counts_per_distinct_state_equal_the_plain_counts(path: Path) -> None:
    result = simulate(load_scenario(path))
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
