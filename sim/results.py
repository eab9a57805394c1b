"""Flat records the engine produces: the event log and each store's state history."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from sim.domain import Category, Store
from sim.truth.facts import BoolArray, IntArray


class EventRecord(NamedTuple):
    """One thing that happened: an operation, a batch, a rule applied, a state change.

    ``code`` is a stable machine identifier (its French text lives in the catalogue);
    ``cause`` is the id of the event this one belongs to (a change's operation or batch).
    A named tuple, not a frozen dataclass: a run writes hundreds of them, and a tuple is
    made several times faster.
    """

    id: int
    minute: float
    actor: str
    kind: str
    code: str
    store: str = ""
    category: str = ""
    count: int = 0  # type: ignore[assignment]  # a field, over tuple.count (unused)
    detail: str = ""
    cause: int | None = None


@dataclass
class History:
    """Successive states of one category in one store; arrays are never mutated."""

    minutes: list[float] = field(default_factory=list)
    events: list[int] = field(default_factory=list)
    states: list[BoolArray] = field(default_factory=list)

    def append(self, minute: float, event: int, state: BoolArray) -> None:
        self.minutes.append(minute)
        self.events.append(event)
        self.states.append(state)

    def index_at(self, minute: float) -> int:
        """Index of the state in force at ``minute`` (-1 before the first)."""
        return bisect.bisect_right(self.minutes, minute) - 1

    def indexes_at(self, minutes: list[float]) -> IntArray:
        """:meth:`index_at` of each minute, never below 0 (the state :meth:`at` gives)."""
        found: IntArray = np.searchsorted(np.asarray(self.minutes), minutes, side="right") - 1
        return np.maximum(found, 0)

    def at(self, minute: float) -> BoolArray:
        # the first state (the window's start) also stands for what came before it
        return self.states[max(0, self.index_at(minute))]

    def last_transition(self, fact: int, wanted: bool, before: float) -> int | None:
        """Index of the last state change before ``before`` that set ``fact`` to ``wanted``."""
        states = self.states
        i = bisect.bisect_right(self.minutes, before) - 1  # index_at, inline: traces call it often
        while i >= 0 and bool(states[i][fact]) != wanted:
            i -= 1
        if i < 0:
            return None
        while i > 0 and bool(states[i - 1][fact]) == wanted:
            i -= 1
        return i


Histories = dict[Store, dict[Category, History]]


def change_runs(
    observations: Sequence[float], changes: Iterable[Sequence[float]]
) -> list[tuple[int, int]]:
    """The runs of observations (first, stop) over which no input changes, from each
    input's change minutes (a change at a minute is seen by the observations at or after
    it). The same runs as :func:`state_runs` over the inputs' indexes, without arrays:
    histories change a dozen times, and numpy's set-up costs more than the bisections."""
    n = len(observations)
    if n == 0:
        return []
    starts = {0}
    for minutes in changes:
        for minute in minutes:
            k = bisect.bisect_left(observations, minute)
            if 0 < k < n:
                starts.add(k)
    ordered = sorted(starts)
    return list(zip(ordered, [*ordered[1:], n], strict=True))


def state_runs(inputs: list[IntArray]) -> list[tuple[int, int]]:
    """The runs of observations (first, stop) over which no input changes. Inputs are
    indexes into histories and truth epochs, which never go back in time, so equal rows are
    consecutive."""
    stacked = np.stack(inputs, axis=1)
    if len(stacked) == 0:
        return []
    starts = [0, *(np.flatnonzero(np.any(np.diff(stacked, axis=0) != 0, axis=1)) + 1).tolist()]
    return list(zip(starts, [*starts[1:], len(stacked)], strict=True))
