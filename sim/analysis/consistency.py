"""Consistency of the ENT and GAR against the truth, computed from the state histories.

At each daily observation and for each category: facts missing (true but absent) and facts
stale (present but not true). A category is correct when both are zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from sim.analysis.provenance import Blocking, ChainStep, blocking, trace
from sim.chain import build_graph
from sim.domain import CATEGORIES_OF, TARGET_STORE, Category, Store, Target
from sim.engine.simulation import SimulationResult
from sim.results import History
from sim.truth.facts import FactTable


@dataclass
class CategoryConsistency:
    category: Category
    correct: list[bool]
    present_true: NDArray[np.int64]
    missing: NDArray[np.int64]
    stale: NDArray[np.int64]
    first_consistent: float | None
    consistent_from: float | None
    fact_first_correct: NDArray[np.float64]
    chain: list[ChainStep] = field(default_factory=list)
    blocking: Blocking | None = None


@dataclass
class TargetConsistency:
    target: Target
    categories: dict[Category, CategoryConsistency]
    correct: list[bool]
    first_consistent: float | None
    consistent_from: float | None
    critical_category: Category | None
    chain: list[ChainStep]


@dataclass
class StoreState:
    """Counts per observation for one store and category (for ``daily_state.csv``)."""

    store: Store
    category: Category
    correct: NDArray[np.int64]
    missing: NDArray[np.int64]
    stale: NDArray[np.int64]


def _first_true(flags: list[bool], observations: list[float]) -> float | None:
    for ok, minute in zip(flags, observations, strict=True):
        if ok:
            return minute
    return None


def _stays_true_from(flags: list[bool], observations: list[float]) -> tuple[float | None, int]:
    """Minute (and index) of the observation from which ``flags`` stay true to the end."""
    if not flags or not flags[-1]:
        return None, -1
    k = len(flags) - 1
    while k > 0 and flags[k - 1]:
        k -= 1
    return observations[k], k


def counts(history: History, table: FactTable, observations: list[float]) -> StoreState:
    n = len(observations)
    correct = np.zeros(n, dtype=np.int64)
    missing = np.zeros(n, dtype=np.int64)
    stale = np.zeros(n, dtype=np.int64)
    for k, minute in enumerate(observations):
        state = history.at(minute)
        truth = table.true_at(minute)
        correct[k] = np.count_nonzero(state & truth)
        missing[k] = np.count_nonzero(truth & ~state)
        stale[k] = np.count_nonzero(state & ~truth)
    return StoreState(Store.ENT, table.category, correct, missing, stale)


def first_correct_times(history: History, table: FactTable, end: float) -> NDArray[np.float64]:
    """For each fact, the first minute it was present while true (inf: never; nan: stale)."""
    first = np.full(table.size, np.inf)
    bounds = [*history.minutes[1:], end]
    for state, start, stop in zip(history.states, history.minutes, bounds, strict=True):
        candidate = np.maximum(start, table.valid_from)
        ok = state & (candidate < np.minimum(stop, table.valid_to)) & np.isinf(first)
        first[ok] = candidate[ok]
    first[table.stale] = np.nan
    # drop the sub-minute offsets that order same-minute actions (see docs/model.md)
    return np.round(first)


def category_consistency(
    result: SimulationResult,
    graph: nx.DiGraph,
    store: Store,
    category: Category,
    detail: bool = True,
) -> CategoryConsistency:
    """Dates of one category; with ``detail``, also its chain, why it is never right, and
    each fact's first correct time (the Monte Carlo goes without them)."""
    table = result.truth.table(category)
    history = result.histories[store][category]
    state = counts(history, table, result.observations)
    correct = [bool(m == 0 and s == 0) for m, s in zip(state.missing, state.stale, strict=True)]
    consistent_from, index = _stays_true_from(correct, result.observations)
    chain: list[ChainStep] = []
    if detail and index > 0:
        chain = critical_chain(result, graph, store, category, index)
    stuck = None
    if detail and consistent_from is None:
        last = result.observations[-1]
        present, true = history.at(last), table.true_at(last)
        stuck = blocking(result, graph, store, category, true & ~present, present & ~true)
    return CategoryConsistency(
        category=category,
        correct=correct,
        present_true=state.correct,
        missing=state.missing,
        stale=state.stale,
        first_consistent=_first_true(correct, result.observations),
        consistent_from=consistent_from,
        fact_first_correct=first_correct_times(history, table, result.end_minute)
        if detail
        else np.empty(0),
        chain=chain,
        blocking=stuck,
    )


def critical_chain(
    result: SimulationResult, graph: nx.DiGraph, store: Store, category: Category, index: int
) -> list[ChainStep]:
    """The chain of the last fact set right between observation ``index - 1`` and ``index``."""
    history = result.histories[store][category]
    table = result.truth.table(category)
    previous, current = result.observations[index - 1], result.observations[index]
    wanted = table.true_at(current)
    wrong_before = history.at(previous) != table.true_at(previous)
    i = history.index_at(current)
    while i > 0 and history.minutes[i] > previous:
        fixed = wrong_before & (history.states[i] == wanted) & (history.states[i - 1] != wanted)
        if fixed.any():
            fact = int(np.flatnonzero(fixed)[0])
            return trace(result, graph, store, category, fact, bool(wanted[fact]), current)
        i -= 1
    return []


def target_consistency(
    result: SimulationResult,
    target: Target,
    graph: nx.DiGraph | None = None,
    detail: bool = True,
) -> TargetConsistency:
    """Consistency of ``target``; without ``detail`` only the target's own chain is traced."""
    graph = graph if graph is not None else build_graph(result.scenario)
    store = TARGET_STORE[target]
    categories = {
        c: category_consistency(result, graph, store, c, detail) for c in CATEGORIES_OF[store]
    }
    correct = [
        all(cat.correct[k] for cat in categories.values()) for k in range(len(result.observations))
    ]
    consistent_from, _ = _stays_true_from(correct, result.observations)
    critical: Category | None = None
    never = [c for c, cat in categories.items() if cat.consistent_from is None]
    if never:
        critical = never[0]
    elif categories:
        critical = max(categories, key=lambda c: categories[c].consistent_from or 0.0)
    chain = categories[critical].chain if critical is not None else []
    if not detail and critical is not None and categories[critical].consistent_from is not None:
        _, index = _stays_true_from(categories[critical].correct, result.observations)
        if index > 0:
            chain = critical_chain(result, graph, store, critical, index)
    return TargetConsistency(
        target=target,
        categories=categories,
        correct=correct,
        first_consistent=_first_true(correct, result.observations),
        consistent_from=consistent_from,
        critical_category=critical,
        chain=chain,
    )


def store_states(result: SimulationResult) -> list[StoreState]:
    """Correct, missing and stale counts per observation for every system and category."""
    rows = []
    for store in Store:
        if store is Store.SIECLE_PENDING:
            continue
        for category in CATEGORIES_OF[store]:
            state = counts(
                result.histories[store][category], result.truth.table(category), result.observations
            )
            state.store = store
            rows.append(state)
    return rows
