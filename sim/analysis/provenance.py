"""Why a fact reached a system when it did: the chain of events back to its origin.

From the event that set the fact in the target, step back through what that operation or
batch reads (the dependency graph's ``reads``), each time to the latest arrival among the
fact itself and, for a link, its ends (a link waits for itself and for its ends).
"""

from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np

from sim.domain import Category, Channel, Store
from sim.engine.simulation import SimulationResult
from sim.truth.facts import ENDPOINTS

MAX_STEPS = 40


@dataclass(frozen=True)
class ChainStep:
    """One link of a critical chain: ``actor`` ran at ``minute``; its effect landed at
    ``landed`` in ``store`` for the fact ``fact`` (a label of the truth)."""

    actor: str
    minute: float
    landed: float
    store: str
    category: str
    fact: str
    event: int
    outages_waited: int = 0


@dataclass(frozen=True)
class Blocking:
    """Why a category is still wrong at the end: one wrong fact, and how far it got.

    A missing fact is present at most as far as ``furthest`` (None: in no system); a stale
    fact came into the target through ``chain``."""

    fact: str
    missing: bool
    furthest: str | None
    chain: list[ChainStep]


# Stores from the target back to the sources, to find how far a missing fact got.
DOWNSTREAM_FIRST = (
    Store.GAR,
    Store.ENT,
    Store.AAF,
    Store.SIECLE,
    Store.SIECLE_PENDING,
    Store.EDT,
    Store.STS,
)


def read_lag(result: SimulationResult, actor: str, store: Store) -> float:
    """How late ``actor`` reads ``store``, in minutes (the AAF extraction reads STS-WEB a
    delay late: a run sees what was there that much earlier)."""
    if actor == Channel.EXTRACTION_AAF and store is Store.STS:
        return result.scenario.channels.extraction_aaf.sts_delay.total_seconds() / 60
    return 0.0


def _endpoints(
    result: SimulationResult, category: Category, fact: int
) -> list[tuple[Category, int]]:
    table = result.truth.table(category)
    found = []
    for end in ENDPOINTS.get(category, ()):
        index = int(table.ends[end][fact])
        if index >= 0:
            found.append((end, index))
    return found


def trace(
    result: SimulationResult,
    graph: nx.DiGraph,
    store: Store,
    category: Category,
    fact: int,
    wanted: bool,
    before: float,
) -> list[ChainStep]:
    """The chain that put ``fact`` in (``wanted``) or out of ``store`` by ``before``,
    origin first."""
    steps: list[ChainStep] = []
    seen: set[int] = set()
    histories, events, truth = result.histories, result.events, result.truth
    reads_of = _reads(result, graph)
    while len(steps) < MAX_STEPS:
        history = histories[store][category]
        i = history.last_transition(fact, wanted, before)
        if not i:  # None, or the start's state
            break
        event = events[history.events[i]]
        if event.id in seen:
            break
        seen.add(event.id)
        landed = history.minutes[i]
        steps.append(
            ChainStep(
                actor=event.actor,
                minute=event.minute,
                landed=landed,
                store=store.value,
                category=category.value,
                fact=truth.table(category).labels[fact],
                event=event.id,
            )
        )
        reads = reads_of.get(event.actor)
        if reads is None:  # not in the graph
            break
        best: tuple[float, Store, Category, int] | None = None
        candidates = [(category, fact)]
        if wanted:
            candidates += _endpoints(result, category, fact)
        for read_store, lag in reads:
            limit = event.minute - lag
            if read_store is store:
                limit = min(limit, landed) - 1e-9
            read_histories = histories[read_store]
            for cat, index in candidates:
                read_history = read_histories.get(cat)
                if read_history is None:
                    continue
                j = read_history.last_transition(index, wanted if cat is category else True, limit)
                if not j:
                    continue
                minute = read_history.minutes[j]
                if best is None or minute > best[0]:
                    best = (minute, read_store, cat, index)
        if best is None:
            break
        before, store, new_category, fact = best
        if new_category is not category:
            wanted = True
        category = new_category
    steps.reverse()
    return _with_outages(result, steps)


def _reads(result: SimulationResult, graph: nx.DiGraph) -> dict[str, list[tuple[Store, float]]]:
    """What each actor of ``graph`` reads, each store with its :func:`read_lag` (worked out
    once per graph and lag: a Monte Carlo traces thousands of runs on one graph)."""
    lag = read_lag(result, Channel.EXTRACTION_AAF, Store.STS)
    by_lag = _READS.setdefault(graph, {})
    found = by_lag.get(lag)
    if found is None:
        found = by_lag[lag] = {
            actor: [
                (Store(read), read_lag(result, actor, Store(read)))
                for read in graph.nodes[actor]["reads"]
            ]
            for actor in graph.nodes
        }
    return found


# _reads' tables, by graph (kept while the graph lives) and by lag
_READS: weakref.WeakKeyDictionary[nx.DiGraph, dict[float, dict[str, list[tuple[Store, float]]]]] = (
    weakref.WeakKeyDictionary()
)


def _with_outages(result: SimulationResult, steps: list[ChainStep]) -> list[ChainStep]:
    """Count, for each batch of the chain, the runs it missed (outage) while the fact waited."""
    if not steps:
        return []
    outages = result.derived.get(_OUTAGES)
    if outages is None:
        outages = result.derived[_OUTAGES] = {}
        for e in result.events:  # each actor logs in time order: its list is sorted
            if e.code == "outage":
                outages.setdefault(e.actor, []).append(e.minute)
    marked = []
    for i, step in enumerate(steps):
        since = steps[i - 1].landed if i else 0.0
        found = outages.get(step.actor, [])
        # the outages strictly between the fact's previous landing and this step
        missed = bisect.bisect_left(found, step.minute) - bisect.bisect_right(found, since)
        waited = max(0, missed)
        # a frozen step waiting as long is kept as it is (most wait on no outage)
        if step.outages_waited != waited:
            step = replace(step, outages_waited=waited)
        marked.append(step)
    return marked


_OUTAGES = "outages"  # the key of each actor's outage minutes in a run's derived results


def furthest_system(
    result: SimulationResult, category: Category, fact: int, minute: float
) -> Store | None:
    """The system furthest down the chain that holds ``fact`` at ``minute`` (None: none)."""
    for candidate in DOWNSTREAM_FIRST:
        history = result.histories[candidate].get(category)
        if history is not None and history.at(minute)[fact]:
            return candidate
    return None


def blocking(
    result: SimulationResult,
    graph: nx.DiGraph,
    store: Store,
    category: Category,
    wrong_missing: np.ndarray,
    wrong_stale: np.ndarray,
) -> Blocking | None:
    """One fact still wrong at the end of the window, and why (see :class:`Blocking`)."""
    end = result.end_minute
    labels = result.truth.table(category).labels
    if wrong_stale.any():
        fact = int(np.flatnonzero(wrong_stale)[0])
        chain = trace(result, graph, store, category, fact, True, end)
        return Blocking(labels[fact], missing=False, furthest=None, chain=chain)
    if not wrong_missing.any():
        return None
    fact = int(np.flatnonzero(wrong_missing)[0])
    furthest = furthest_system(result, category, fact, end)
    if furthest is None:
        return Blocking(labels[fact], missing=True, furthest=None, chain=[])
    chain = trace(result, graph, furthest, category, fact, True, end)
    return Blocking(labels[fact], missing=True, furthest=furthest.value, chain=chain)
