"""Consistency of the ENT and GAR against the truth, computed from the state histories.

At each daily observation and for each category: facts missing (true but absent) and facts
stale (present but not true). A category is correct when both are zero. Among the stale
facts, the *departed* ones are the ENT's own retention (rule 8): accounts of users who left,
kept with their memberships until the pre-delete. A category is correct *except departed*
when nothing is missing and every stale fact is departed; that date is the one the lycée
can act on (plan, risk and compare use it), the strict one is set by the pre-delete.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from sim.analysis.departed import (
    accounts_pending_deletion,
    departed_accounts,
    departed_facts,
    departed_sources,
    ever_departed,
)
from sim.analysis.provenance import Blocking, ChainStep, blocking, furthest_system, trace
from sim.chain import build_graph
from sim.domain import CATEGORIES_OF, TARGET_STORE, Category, Store, Target
from sim.engine.memo import Memo
from sim.engine.simulation import SimulationResult
from sim.results import History, change_runs
from sim.truth.facts import BoolArray, FactTable


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
    departed: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    correct_except_departed: list[bool] = field(default_factory=list)
    consistent_except_departed_from: float | None = None
    # the two lists of flags as arrays: what the target's flags are reduced from
    flags: NDArray[np.bool_] = field(default_factory=lambda: np.ones(0, dtype=bool))
    flags_except_departed: NDArray[np.bool_] = field(default_factory=lambda: np.ones(0, dtype=bool))


@dataclass
class TargetConsistency:
    target: Target
    categories: dict[Category, CategoryConsistency]
    correct: list[bool]
    first_consistent: float | None
    consistent_from: float | None
    critical_category: Category | None
    chain: list[ChainStep]
    correct_except_departed: list[bool] = field(default_factory=list)
    consistent_except_departed_from: float | None = None
    critical_category_except_departed: Category | None = None
    chain_except_departed: list[ChainStep] = field(default_factory=list)
    departed_accounts: NDArray[np.int64] = field(
        default_factory=lambda: np.zeros(0, dtype=np.int64)
    )
    departed_gone_from: float | None = None
    accounts_pending_deletion: NDArray[np.int64] = field(
        default_factory=lambda: np.zeros(0, dtype=np.int64)
    )


@dataclass
class StoreState:
    """Counts per observation for one store and category (for ``daily_state.csv``)."""

    store: Store
    category: Category
    correct: NDArray[np.int64]
    missing: NDArray[np.int64]
    stale: NDArray[np.int64]
    departed: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def _first_true(flags: list[bool], observations: list[float]) -> float | None:
    try:
        return observations[flags.index(True)]
    except ValueError:
        return None


def _stays_true_from(flags: list[bool], observations: list[float]) -> tuple[float | None, int]:
    """Minute (and index) of the observation from which ``flags`` stay true to the end."""
    if not flags or not flags[-1]:
        return None, -1
    try:
        k = len(flags) - flags[::-1].index(False)
    except ValueError:
        k = 0
    return observations[k], k


Counted = tuple[int, int, int, int]
Dated = TypeVar("Dated")


def counts(
    history: History,
    table: FactTable,
    observations: list[float],
    departed: Callable[[float], BoolArray] | None = None,
    runs: list[tuple[int, int]] | None = None,
    known: tuple[dict[object, Counted], Callable[[int], object]] | None = None,
) -> StoreState:
    """Counts per observation; ``departed(minute)`` gives the departed facts, if any, and
    ``runs`` the runs of observations over which nothing they read changes (default: the
    state's and the truth's). Each distinct state is counted once: states change a dozen
    times, not at every morning. ``known`` (a table, and the key of the run starting at an
    observation) remembers the counts across runs of one lycée."""
    n = len(observations)
    correct = np.zeros(n, dtype=np.int64)
    missing = np.zeros(n, dtype=np.int64)
    stale = np.zeros(n, dtype=np.int64)
    kept = np.zeros(n, dtype=np.int64)
    if n == 0:
        return StoreState(Store.ENT, table.category, correct, missing, stale, kept)
    if runs is None:
        runs = change_runs(observations, (history.minutes[1:], table.change_minutes()))
    for first, stop in runs:
        key = None if known is None else known[1](first)
        found = None if known is None else known[0].get(key)
        if found is None:
            found = _counted(history, table, departed, observations[first])
            if known is not None:
                known[0][key] = found
        correct[first:stop], missing[first:stop], stale[first:stop], kept[first:stop] = found
    return StoreState(Store.ENT, table.category, correct, missing, stale, kept)


def _counted(
    history: History,
    table: FactTable,
    departed: Callable[[float], BoolArray] | None,
    minute: float,
) -> Counted:
    """(present and true, missing, stale, stale and departed) at ``minute``."""
    state = history.at(minute)
    truth, true_count = table.truth_at(minute)
    right = int(np.count_nonzero(state & truth))
    wrong = int(np.count_nonzero(state)) - right
    kept_here = int(np.count_nonzero(departed(minute))) if departed and wrong else 0
    return right, true_count - right, wrong, kept_here


@dataclass
class _CountPlan:
    """How one category of a run is counted: what it reads (its history, the truth, the
    departed facts and the ``sources`` they come from) and, with a memo, the key of its
    whole counts (``whole``; each run of mornings has its own, :func:`_run_keys`)."""

    history: History
    table: FactTable
    departed: Callable[[float], BoolArray] | None
    sources: list[History]
    whole: object = None

    def runs(self, observations: list[float]) -> list[tuple[int, int]]:
        changes = [*(h.minutes[1:] for h in self.sources), self.table.change_minutes()]
        return change_runs(observations, changes)


def _count_plan(result: SimulationResult, store: Store, category: Category) -> _CountPlan:
    history = result.histories[store][category]
    plan = _CountPlan(history, result.truth.table(category), None, [history])
    if ever_departed(result, store):

        def departed(minute: float) -> BoolArray:
            return departed_facts(result, store, category, minute)

        plan.departed = departed
        plan.sources = departed_sources(result, store, category)
    if result.memo is not None:
        # the same histories (instants and interned states) give the same counts: most
        # categories are not moved by a replication's draws
        observations = result.observations
        plan.whole = (
            store,
            category,
            plan.departed is None,
            observations[0] if observations else None,
            len(observations),
            tuple(_described(result, result.memo, h) for h in plan.sources),
        )
    return plan


def _run_keys(
    result: SimulationResult,
    store: Store,
    category: Category,
    plan: _CountPlan,
    runs: list[tuple[int, int]],
) -> list[object]:
    """The memo's key of each run's counts: what they read (the sources' states, the
    truth's epoch)."""
    assert result.memo is not None
    observations = result.observations
    firsts = [observations[first] for first, _ in runs]
    numbers = [_described(result, result.memo, h)[1] for h in plan.sources]
    # each source's state at each run's first morning (its first state also stands for
    # what came before it)
    columns: list[list[object]] = [
        [n[i - 1] if (i := bisect.bisect_right(h.minutes, minute)) else n[0] for minute in firsts]
        for n, h in zip(numbers, plan.sources, strict=True)
    ]
    changes = plan.table.change_minutes()
    epochs = [bisect.bisect_right(changes, minute) for minute in firsts]
    prefix = (store, category, plan.departed is None)
    return [(*prefix, epoch, *states) for epoch, *states in zip(epochs, *columns, strict=True)]


Count = TypeVar("Count", int, NDArray[np.int64])


def _excused(missing: Count, stale: Count, departed: Count) -> Any:
    """Right apart from departed accounts: nothing missing, every stale fact a departed
    one (of one morning's counts, or of each morning's)."""
    return (missing == 0) & (stale == departed)


def store_counts(result: SimulationResult, store: Store, category: Category) -> StoreState:
    """Counts of one category of ``store`` at every observation, departed facts included."""
    plan = _count_plan(result, store, category)
    memo = result.memo
    if memo is not None:
        found = memo.categories.get(plan.whole)
        if found is not None:
            return StoreState(store, category, *found)
    observations = result.observations
    runs = plan.runs(observations)
    known = None
    if memo is not None:
        firsts = [first for first, _ in runs]
        keys = dict(zip(firsts, _run_keys(result, store, category, plan, runs), strict=True))
        known = (memo.counts, keys.__getitem__)
    state = counts(plan.history, plan.table, observations, plan.departed, runs, known)
    state.store = store
    if memo is not None:
        arrays = (state.correct, state.missing, state.stale, state.departed)
        for array in arrays:
            array.flags.writeable = False  # shared by the runs that hit the memo
        memo.remember(plan.whole, arrays)
    return state


def excused_flags(result: SimulationResult, store: Store, category: Category) -> BoolArray:
    """Whether one category of ``store`` is right apart from departed accounts (nothing
    missing, every stale fact a departed one) at each observation: what a replication
    keeps, without the counts' arrays (the same counts, remembered in the same memo)."""
    memo = result.memo
    if memo is None:
        state = store_counts(result, store, category)
        excused: BoolArray = _excused(state.missing, state.stale, state.departed)
        return excused
    plan = _count_plan(result, store, category)
    whole = ("excused", plan.whole)
    flags: BoolArray | None = memo.categories.get(whole)
    if flags is not None:
        return flags
    observations = result.observations
    runs = plan.runs(observations)
    known = memo.counts
    flags = np.ones(len(observations), dtype=bool)
    for (first, stop), key in zip(
        runs, _run_keys(result, store, category, plan, runs), strict=True
    ):
        found = known.get(key)
        if found is None:
            found = known[key] = _counted(
                plan.history, plan.table, plan.departed, observations[first]
            )
        if not _excused(*found[1:]):
            flags[first:stop] = False
    flags.flags.writeable = False  # shared by the runs that hit the memo
    memo.remember(whole, flags)
    return flags


def world_runs(
    result: SimulationResult, store: Store
) -> tuple[list[int], list[int], list[tuple[object, ...]]] | None:
    """The runs of observations over which ``store``'s world (the replay engine's
    :attr:`SimulationResult.worlds`) and the truth stay the same, as each run's first
    observation, and each run's mask: bit ``i`` set when the ``i``-th category of the
    store is right apart from departed accounts (:func:`excused_flags`' flag), and its
    key (the store, its world, the truth's epoch, whether a user was ever marked departed).
    Each world is counted once per lycée. None: the run has no worlds (not the replay
    engine's, or numbered before its book started again)."""
    memo, observations = result.memo, result.observations
    if result.worlds is None or memo is None or not observations:
        return None
    if result.world_generation != memo.world_generation:
        return None  # numbered before the book started again: its numbers mean other worlds
    minutes, worlds = result.worlds[store]
    if minutes[0] > observations[0]:
        return None
    n = len(observations)
    seen = first_seen(observations, minutes, worlds)
    epochs = _truth_epochs(result)
    firsts = sorted(k for k in {*seen, *epochs} if k < n)
    ever = ever_departed(result, store)
    known = memo.world_masks
    masks: list[int] = []
    keys: list[tuple[object, ...]] = []
    world: object = None
    epoch = 0
    for k in firsts:
        world, epoch = seen.get(k, world), epochs.get(k, epoch)
        key = (store, world, epoch, ever)
        mask = known.get(key)
        if mask is None:
            mask = known[key] = _excused_mask(result, store, observations[k], ever)
        masks.append(mask)
        keys.append(key)
    return firsts, masks, keys


def first_seen(
    observations: list[float], minutes: list[float], worlds: list[object]
) -> dict[int, object]:
    """Each world (changed at ``minutes``, in order) by the index of the first observation
    that sees it, as :meth:`History.at` does (a change at or before an observation), the
    last one where several are first seen together; past the last observation: ``n``."""
    seen: dict[int, object] = {}
    for minute, world in zip(minutes, worlds, strict=True):
        seen[bisect.bisect_left(observations, minute)] = world
    return seen


def _truth_epochs(result: SimulationResult) -> dict[int, int]:
    """The observations at which the truth changes (the first one included), each with
    the number of the truth's changes it sees (of every category)."""
    assert result.memo is not None
    observations = result.observations
    key = ("truth epochs", tuple(observations))
    found: dict[int, int] | None = result.memo.categories.get(key)
    if found is None:
        truth = result.truth
        changes = truth.change_minutes()
        seen = {0, *(bisect.bisect_left(observations, m) for m in changes)}
        found = {
            k: bisect.bisect_right(changes, observations[k])
            for k in sorted(seen)
            if k < len(observations)
        }
        result.memo.remember(key, found)
    return found


def _excused_mask(result: SimulationResult, store: Store, minute: float, ever: bool) -> int:
    """:func:`world_runs`' mask of ``store`` at ``minute`` (``ever``: whether the run ever
    marked a user departed there: else departed accounts are not looked for)."""
    mask = 0
    for bit, category in enumerate(CATEGORIES_OF[store]):
        departed = partial(departed_facts, result, store, category) if ever else None
        found = _counted(
            result.histories[store][category], result.truth.table(category), departed, minute
        )
        if _excused(*found[1:]):
            mask |= 1 << bit
    return mask


def _stays_set_from(
    masks: list[int], bits: int, firsts: list[int], observations: list[float]
) -> tuple[float | None, int]:
    """:func:`_stays_true_from` over runs of observations: from which observation every
    run's mask has ``bits`` set to the end."""
    j = len(masks)
    while j and masks[j - 1] & bits == bits:
        j -= 1
    if j == len(masks):
        return None, -1
    return observations[firsts[j]], firsts[j]


def _described(
    result: SimulationResult, memo: Memo, history: History
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A history as its counts see it: the morning each change is first seen (the first
    observation at or after it, as :func:`change_runs`), whatever its minute, and the
    interned numbers of its states. Worked out once per run: a store's marks are read by
    each of its categories."""
    found = result.derived.get(id(history))
    if found is None:
        observations, seen = result.observations, bisect.bisect_left
        mornings = tuple([seen(observations, m) for m in history.minutes])
        found = result.derived[id(history)] = (mornings, _state_numbers(memo, history))
    return found


def _state_numbers(memo: Memo, history: History) -> tuple[int, ...]:
    """The interned numbers of a history's states."""
    return _state_numbers_of(memo, history.states)


def _state_numbers_of(memo: Memo, states: list[BoolArray]) -> tuple[int, ...]:
    try:  # a memoised run's states are interned: looked up by identity, without calls
        return tuple(map(memo.interner.numbers_by_id.__getitem__, map(id, states)))
    except KeyError:
        return tuple(map(memo.interner.number, states))


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
    state = store_counts(result, store, category)
    flags = (state.missing == 0) & (state.stale == 0)
    flags_excused = _excused(state.missing, state.stale, state.departed)
    correct: list[bool] = flags.tolist()
    excused: list[bool] = flags_excused.tolist()
    consistent_from, index = _stays_true_from(correct, result.observations)
    except_from, _ = _stays_true_from(excused, result.observations)
    chain: list[ChainStep] = []
    if detail and index > 0:
        chain = critical_chain(result, graph, store, category, index)
    stuck = None
    if detail and consistent_from is None:
        missing, stale = wrong_at_end(result, store, category)
        stuck = blocking(result, graph, store, category, missing, stale)
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
        departed=state.departed,
        correct_except_departed=excused,
        consistent_except_departed_from=except_from,
        flags=flags,
        flags_except_departed=flags_excused,
    )


def critical_chain(
    result: SimulationResult,
    graph: nx.DiGraph,
    store: Store,
    category: Category,
    index: int,
    except_departed: bool = False,
) -> list[ChainStep]:
    """The chain of the last fact set right between observation ``index - 1`` and ``index``
    (with ``except_departed``, among the facts that were not departed ones)."""
    found = _last_fixed(result, store, category, index, except_departed)
    if found is None:
        return []
    fact, wanted = found
    return trace(result, graph, store, category, fact, wanted, result.observations[index])


def _last_fixed(
    result: SimulationResult, store: Store, category: Category, index: int, except_departed: bool
) -> tuple[int, bool] | None:
    """:func:`critical_chain`'s fact, and whether it was set true (None: none)."""
    history = result.histories[store][category]
    table = result.truth.table(category)
    previous, current = result.observations[index - 1], result.observations[index]
    wanted = table.true_at(current)
    wrong_before = history.at(previous) != table.true_at(previous)
    if except_departed:
        wrong_before &= ~departed_facts(result, store, category, previous)
    i = history.index_at(current)
    while i > 0 and history.minutes[i] > previous:
        fixed = wrong_before & (history.states[i] == wanted) & (history.states[i - 1] != wanted)
        if fixed.any():
            fact = int(np.flatnonzero(fixed)[0])
            return fact, bool(wanted[fact])
        i -= 1
    return None


def _remembered_fixed(
    result: SimulationResult,
    store: Store,
    category: Category,
    index: int,
    before: object,
    after: object,
) -> tuple[int, bool] | None:
    """:func:`_last_fixed` apart from departed accounts, remembered for the lycée by what it
    reads: ``before``, the key of the world (and truth) at observation ``index - 1``
    (:func:`world_runs`), ``after``, the truth's epoch at ``index``, and the category's
    states from the one at ``index - 1`` to the one at ``index``."""
    memo = result.memo
    assert memo is not None
    history = result.histories[store][category]
    previous, current = result.observations[index - 1], result.observations[index]
    last = history.index_at(current)
    if last <= 0 or history.minutes[last] <= previous:
        return None
    first = bisect.bisect_right(history.minutes, previous)
    key = (
        "last fixed",
        category,
        before,
        after,
        # the state at ``index - 1`` and each one since (the first state also stands for
        # what came before it, as History.at)
        *_state_numbers_of(memo, history.states[max(first - 1, 0) : last + 1]),
    )
    known = memo.world_masks
    if key in known:
        return known[key]  # type: ignore[no-any-return]
    found = known[key] = _last_fixed(result, store, category, index, True)
    return found


def wrong_at_end(
    result: SimulationResult, store: Store, category: Category
) -> tuple[BoolArray, BoolArray]:
    """The facts of ``category`` missing from ``store`` and stale in it at the last
    observation; stale ones the lycée can act on only, when there are any or something
    is missing (an account the ENT keeps explains less)."""
    last = result.observations[-1]
    present = result.histories[store][category].at(last)
    true = result.truth.table(category).true_at(last)
    stale, missing = present & ~true, true & ~present
    other = stale & ~departed_facts(result, store, category, last)
    if other.any() or missing.any():
        stale = other
    return missing, stale


def stuck_cause(result: SimulationResult, target: Target, category: Category) -> str | None:
    """Why ``category`` of ``target`` is still wrong at the window's end, as a code: the
    furthest system one missing fact reached (``stuck:<category>:<system>``, ``none``
    when it is in none), else a stale fact (``stale:<category>``); None: nothing wrong."""
    missing, stale = wrong_at_end(result, TARGET_STORE[target], category)
    if missing.any():
        fact = int(np.flatnonzero(missing)[0])
        where = furthest_system(result, category, fact, result.observations[-1])
        return f"stuck:{category.value}:{'none' if where is None else where.value}"
    return f"stale:{category.value}" if stale.any() else None


def _critical(
    categories: Mapping[Category, Dated],
    date: Callable[[Dated], float | None],
) -> Category | None:
    never = [c for c, cat in categories.items() if date(cat) is None]
    if never:
        return never[0]
    if not categories:
        return None
    return max(categories, key=lambda c: date(categories[c]) or 0.0)


def _gone_from(counts: NDArray[np.int64], observations: list[float]) -> float | None:
    """First observation from which ``counts`` stays at zero after being above it."""
    above = np.flatnonzero(counts)
    if above.size == 0 or above[-1] == len(observations) - 1:
        return None
    return observations[int(above[-1]) + 1]


def target_consistency(
    result: SimulationResult,
    target: Target,
    graph: nx.DiGraph | None = None,
    detail: bool = True,
    chains: tuple[str, ...] = ("strict", "except_departed"),
    accounts: bool = True,
) -> TargetConsistency:
    """Consistency of ``target``; without ``detail`` only the target's own chains are
    traced. A Monte Carlo asks only what it keeps: ``chains`` (the strict one, the one
    apart from departed accounts, or none: then empty) and ``accounts`` (the departed
    accounts each morning; else zeros)."""
    graph = graph if graph is not None else build_graph(result.scenario)
    store = TARGET_STORE[target]
    categories = {
        c: category_consistency(result, graph, store, c, detail) for c in CATEGORIES_OF[store]
    }
    observations = result.observations
    n = len(observations)
    everywhere = np.ones(n, dtype=bool)
    correct: list[bool] = np.logical_and.reduce(
        [everywhere, *(cat.flags for cat in categories.values())]
    ).tolist()
    excused: list[bool] = np.logical_and.reduce(
        [everywhere, *(cat.flags_except_departed for cat in categories.values())]
    ).tolist()
    consistent_from, _ = _stays_true_from(correct, observations)
    except_from, _ = _stays_true_from(excused, observations)
    critical = _critical(categories, lambda cat: cat.consistent_from)
    chain = (
        _target_chain(result, graph, store, categories, critical, detail, False)
        if "strict" in chains
        else []
    )
    critical_except = _critical(categories, lambda cat: cat.consistent_except_departed_from)
    chain_except = (
        _target_chain(result, graph, store, categories, critical_except, detail, True)
        if "except_departed" in chains
        else []
    )
    held = departed_accounts(result, store) if accounts else np.zeros(n, dtype=np.int64)
    return TargetConsistency(
        target=target,
        categories=categories,
        correct=correct,
        first_consistent=_first_true(correct, observations),
        consistent_from=consistent_from,
        critical_category=critical,
        chain=chain,
        correct_except_departed=excused,
        consistent_except_departed_from=except_from,
        critical_category_except_departed=critical_except,
        chain_except_departed=chain_except,
        departed_accounts=held,
        departed_gone_from=_gone_from(held, observations),
        accounts_pending_deletion=accounts_pending_deletion(result)
        if store is Store.ENT and accounts
        else np.zeros(len(observations), dtype=np.int64),
    )


@dataclass
class TargetSummary:
    """What a replication keeps of a target, apart from departed accounts: the date, each
    category's, the flags of each morning, and the chain of the last category right."""

    consistent_from: float | None
    category_from: dict[Category, float | None]
    correct: NDArray[np.bool_]
    critical_category: Category | None
    chain: list[ChainStep]


def target_summary(result: SimulationResult, target: Target, graph: nx.DiGraph) -> TargetSummary:
    """The fields of :func:`target_consistency` apart from departed accounts (``detail``
    off, that chain only), from each category's flags alone (:func:`excused_flags`), or
    from the masks of the run's worlds (:func:`world_runs`) when the engine kept them."""
    store = TARGET_STORE[target]
    observations = result.observations
    category_from: dict[Category, float | None] = {}
    index_of: dict[Category, int] = {}
    runs = world_runs(result, store)
    if runs is not None:
        firsts, masks, keys = runs
        for bit, category in enumerate(CATEGORIES_OF[store]):
            category_from[category], index_of[category] = _stays_set_from(
                masks, 1 << bit, firsts, observations
            )
        whole = (1 << len(CATEGORIES_OF[store])) - 1
        consistent_from, _ = _stays_set_from(masks, whole, firsts, observations)
        lengths = np.diff([*firsts, len(observations)])
        correct = np.repeat(np.array([mask == whole for mask in masks], dtype=bool), lengths)
    else:
        flags = {c: excused_flags(result, store, c) for c in CATEGORIES_OF[store]}
        for category, flagged in flags.items():
            category_from[category], index_of[category] = _stays_true_from(
                flagged.tolist(), observations
            )
        correct = np.logical_and.reduce([np.ones(len(observations), dtype=bool), *flags.values()])
        consistent_from, _ = _stays_true_from(correct.tolist(), observations)
    critical = _critical(category_from, lambda date: date)
    chain: list[ChainStep] = []
    if critical is not None and index_of[critical] > 0:
        index = index_of[critical]
        if runs is None:
            chain = critical_chain(result, graph, store, critical, index, True)
        else:
            j = bisect.bisect_left(firsts, index)  # the run that starts there
            found = _remembered_fixed(result, store, critical, index, keys[j - 1], keys[j][2])
            if found is not None:
                fact, wanted = found
                chain = trace(result, graph, store, critical, fact, wanted, observations[index])
    return TargetSummary(consistent_from, category_from, correct, critical, chain)


def _target_chain(
    result: SimulationResult,
    graph: nx.DiGraph,
    store: Store,
    categories: dict[Category, CategoryConsistency],
    critical: Category | None,
    detail: bool,
    except_departed: bool,
) -> list[ChainStep]:
    """The chain that sets the date of the target's last category to become right."""
    if critical is None:
        return []
    cat = categories[critical]
    strict_index = _stays_true_from(cat.correct, result.observations)[1]
    if except_departed:
        _, index = _stays_true_from(cat.correct_except_departed, result.observations)
    else:
        index = strict_index
    if index <= 0:
        return []
    if detail and index == strict_index:
        return cat.chain
    return critical_chain(result, graph, store, critical, index, except_departed)


def store_states(result: SimulationResult) -> list[StoreState]:
    """Correct, missing, stale and departed counts per observation for every system and
    category."""
    return [
        store_counts(result, store, category)
        for store in Store
        if store is not Store.SIECLE_PENDING
        for category in CATEGORIES_OF[store]
    ]
