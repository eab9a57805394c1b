"""What two runs of the same lycée disagree on, first difference first: the differential
check between the SimPy engine (the reference) and any faster engine (issue 10).

Compared, in this order, for the ENT and GAR and each of their categories:
1. each fact's first correct minute (inf: never; nan: a stale fact);
2. the missing, stale and departed counts of every morning;
3. the consistency dates (strict and apart from departed accounts);
then the warnings and notices (code, actor, minute, store, category, count, detail; the
outages of a channel one by one). The event log itself is not compared: a faster engine
need not log the runs that change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.analysis.consistency import first_correct_times, store_counts, target_consistency
from sim.analysis.run_analysis import INFO_CODES, WARNING_CODES
from sim.domain import CATEGORIES_OF, TARGET_STORE, Target
from sim.engine.simulation import SimulationResult
from sim.results import History


@dataclass(frozen=True)
class Difference:
    """One disagreement: where (target, category, what), which fact or morning, both values."""

    target: str
    category: str
    what: str
    where: str
    reference: object
    other: object

    def __str__(self) -> str:
        place = "/".join(p for p in (self.target, self.category, self.what) if p)
        return f"{place} {self.where}: reference {self.reference!r}, other {self.other!r}"


def _facts(reference: SimulationResult, other: SimulationResult) -> list[Difference]:
    found = []
    for target in Target:
        store = TARGET_STORE[target]
        for category in CATEGORIES_OF[store]:
            table = reference.truth.table(category)
            times = [
                first_correct_times(r.histories[store][category], table, r.end_minute)
                for r in (reference, other)
            ]
            differ = ~((times[0] == times[1]) | (np.isnan(times[0]) & np.isnan(times[1])))
            for row in np.flatnonzero(differ)[:1]:
                found.append(
                    Difference(
                        target.value,
                        category.value,
                        "first correct minute",
                        table.labels[row],
                        float(times[0][row]),
                        float(times[1][row]),
                    )
                )
    return found


def _mornings(reference: SimulationResult, other: SimulationResult) -> list[Difference]:
    found = []
    for target in Target:
        store = TARGET_STORE[target]
        for category in CATEGORIES_OF[store]:
            states = [store_counts(r, store, category) for r in (reference, other)]
            for what in ("missing", "stale", "departed"):
                a, b = (getattr(s, what) for s in states)
                differ = np.flatnonzero(a != b)
                if differ.size:
                    k = int(differ[0])
                    morning = reference.clock.instant(reference.observations[k])
                    found.append(
                        Difference(
                            target.value,
                            category.value,
                            what,
                            f"le {morning:%d/%m/%Y %H:%M}",
                            int(a[k]),
                            int(b[k]),
                        )
                    )
    return found


def _dates(reference: SimulationResult, other: SimulationResult) -> list[Difference]:
    found = []
    for target in Target:
        tcs = [target_consistency(r, target, detail=False) for r in (reference, other)]
        for what in ("consistent_from", "consistent_except_departed_from"):
            a, b = (getattr(tc, what) for tc in tcs)
            if a != b:
                found.append(Difference(target.value, "", what, "", a, b))
    return found


def _warnings(result: SimulationResult) -> list[tuple[object, ...]]:
    return [
        (e.code, e.actor, e.minute, e.store, e.category, e.count, e.detail)
        for e in result.events
        if e.code in WARNING_CODES | INFO_CODES
    ]


def run_difference(reference: SimulationResult, other: SimulationResult) -> str | None:
    """The first event, then the first history, mark or pending deletion, where two runs
    of one calendar differ (None: the same log and histories, to the float)."""
    for mine, theirs in zip(reference.events, other.events, strict=False):
        if mine != theirs:
            return f"event {mine} / {theirs}"
    if len(reference.events) != len(other.events):
        extra = (reference.events + other.events)[min(len(reference.events), len(other.events))]
        return f"{len(reference.events)} / {len(other.events)} events, first extra {extra}"
    for kind in ("histories", "departed"):
        for store, categories in getattr(reference, kind).items():
            for category, history in categories.items():
                found = _history_difference(history, getattr(other, kind)[store][category])
                if found:
                    return f"{kind} {store} {category}: {found}"
    for category, history in reference.pending_deletion.items():
        found = _history_difference(history, other.pending_deletion[category])
        if found:
            return f"pending deletion {category}: {found}"
    return None


def _history_difference(mine: History, theirs: History) -> str | None:
    if mine.minutes != theirs.minutes or mine.events != theirs.events:
        return (
            f"changes at {mine.minutes} (events {mine.events}) / {theirs.minutes} ({theirs.events})"
        )
    for k, (a, b) in enumerate(zip(mine.states, theirs.states, strict=True)):
        if not np.array_equal(a, b):
            return f"state {k} at {mine.minutes[k]}"
    if [type(m) for m in mine.minutes] != [type(m) for m in theirs.minutes]:
        return "the same minutes, of other types"
    return None


def differences(reference: SimulationResult, other: SimulationResult) -> list[Difference]:
    """Every kind of disagreement, each with its first instance (empty: the same results).
    Both runs must be of the same lycée (same truth)."""
    if reference.observations != other.observations:
        return [Difference("", "", "observations", "", reference.observations, other.observations)]
    found = [*_facts(reference, other), *_mornings(reference, other), *_dates(reference, other)]
    mine, theirs = _warnings(reference), _warnings(other)
    if mine != theirs:
        k = next(
            (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
            min(len(mine), len(theirs)),
        )
        found.append(
            Difference(
                "",
                "",
                "warning",
                f"n° {k + 1}",
                mine[k] if k < len(mine) else None,
                theirs[k] if k < len(theirs) else None,
            )
        )
    return found
