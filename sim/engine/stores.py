"""Fact stores: what each system holds, one boolean array per category over the fact ids."""

from __future__ import annotations

import bisect
from collections.abc import Mapping

import numpy as np
import simpy

from sim.domain import CATEGORIES_OF, CATEGORY_NAMES, Category, Store
from sim.engine.memo import Interner
from sim.engine.recorder import Recorder
from sim.results import History
from sim.truth.facts import BoolArray
from sim.truth.model import Truth

# a store's contents, histories, change minutes and version (FactStore.saved)
SavedStore = tuple[
    dict[Category, BoolArray],
    dict[Category, tuple[list[float], list[int], list[BoolArray]]],
    list[float],
    int,
]


def same_saved(kept: SavedStore, again: SavedStore) -> bool:
    """Whether two saved stores hold and have recorded the same (interned states: by
    identity)."""
    present, histories, change_minutes, version = kept
    present_again, histories_again, minutes_again, version_again = again
    if (version, change_minutes) != (version_again, minutes_again):
        return False
    if present.keys() != present_again.keys() or histories.keys() != histories_again.keys():
        return False
    if any(present[c] is not present_again[c] for c in present):
        return False
    for category, (minutes, events, states) in histories.items():
        minutes_b, events_b, states_b = histories_again[category]
        if (minutes, events) != (minutes_b, events_b) or len(states) != len(states_b):
            return False
        if any(a is not b for a, b in zip(states, states_b, strict=True)):
            return False
    return True


class FactStore:
    """The facts one system holds. Every change is recorded in the history with its cause.

    Arrays handed out are never mutated: a change replaces the array, so a snapshot is a
    plain reference. ``changed`` fires after each change (continuous channels wait on it).
    """

    def __init__(
        self,
        env: simpy.Environment,
        store: Store,
        truth: Truth,
        recorder: Recorder,
        interner: Interner | None = None,
    ) -> None:
        self.env = env
        self.interner = interner
        self.store = store
        self.recorder = recorder
        self.categories = CATEGORIES_OF[store]
        self.present: dict[Category, BoolArray] = _empty(truth, self.categories, interner)
        self.name = store.value
        self.history: dict[Category, History] = {c: History() for c in self.categories}
        self._changed: simpy.Event | None = None  # made when first waited on
        self.change_minutes: list[float] = []
        self.version = 0  # number of changes so far: equal versions mean equal contents
        # whether a change counts in ``recorder.changes`` (what wakes the lazy engine's
        # channels): not for a store no channel reads
        self.watched = True

    def start_with(self, initial: Mapping[Category, BoolArray], event: int) -> None:
        for category in self.categories:
            state = initial.get(category)
            if state is not None:
                self.present[category] = _kept(self.interner, state)
            elif self.interner is not None:
                self.present[category] = self.interner.canonical(self.present[category])
            self.history[category].append(0.0, event, self.present[category])

    def __getitem__(self, category: Category) -> BoolArray:
        return self.present[category]

    def saved(self) -> SavedStore:
        """What the store holds and has recorded: another run starts from it (:meth:`restore`)."""
        histories = {c: (h.minutes[:], h.events[:], h.states[:]) for c, h in self.history.items()}
        return dict(self.present), histories, self.change_minutes[:], self.version

    def restore(self, saved: SavedStore) -> None:
        present, histories, change_minutes, version = saved
        self.present = dict(present)
        self.history = {c: History(m[:], e[:], s[:]) for c, (m, e, s) in histories.items()}
        self.change_minutes = change_minutes[:]
        self.version = version

    def set(self, category: Category, state: BoolArray, cause: int) -> None:
        """Replace one category's facts."""
        old = self.present[category]
        if state is old:
            return
        interner = self.interner
        if interner is not None:
            state = interner.canonical(state)
            if state is old:
                return
        elif state.tobytes() == old.tobytes():  # a copy and a memcmp: cheaper than != and any
            return
        else:
            state = state.copy()
        recorder = self.recorder
        recorder.changes += self.watched
        self.present[category] = state
        minute = self.env.now
        history = self.history[category]
        history.minutes.append(minute)
        history.events.append(cause)
        history.states.append(state)
        self.change_minutes.append(minute)
        self.version += 1
        if recorder.log_changes:
            self._log_change(category, old, state, minute, cause)
        if self._changed is not None:  # someone waits on the next change
            self._notify()

    def _log_change(
        self, category: Category, old: BoolArray, new: BoolArray, minute: float, cause: int
    ) -> None:
        """The records of what a change added and removed (the event log's)."""
        if self.interner is not None:
            added, removed = self.interner.difference(old, new)
        else:
            changed = new != old
            added = int(np.count_nonzero(changed & new))
            removed = int(np.count_nonzero(changed & old))
        recorder = self.recorder
        actor, name = recorder.events[cause].actor, CATEGORY_NAMES[category]
        if added:
            recorder.change(minute, actor, "added", self.name, name, added, cause)
        if removed:
            recorder.change(minute, actor, "removed", self.name, name, removed, cause)

    def update(self, states: Mapping[Category, BoolArray], cause: int) -> None:
        present, interned = self.present, self.interner is not None
        for category, state in states.items():
            old = present[category]
            # most categories of an update are unchanged: told apart here, without a call
            if state is not old and (interned or state.tobytes() != old.tobytes()):
                self.set(category, state, cause)

    def snapshot(self, categories: tuple[Category, ...] | None = None) -> dict[Category, BoolArray]:
        return {c: self.present[c] for c in (categories or self.categories)}

    def version_at(self, minute: float) -> int:
        return bisect.bisect_right(self.change_minutes, minute)

    def state_at(self, category: Category, minute: float) -> BoolArray:
        return self.history[category].at(minute)

    @property
    def changed(self) -> simpy.Event:
        """The event of the next change. Made on demand: only the continuous STS-WEB copy
        waits on a store, and an event nobody waits on moves nothing in SimPy either."""
        if self._changed is None:
            self._changed = self.env.event()
        return self._changed

    def forget_waiters(self) -> None:
        """Drop whoever waits on the next change (a finished run's cycles)."""
        if self._changed is not None:
            self._changed.callbacks.clear()

    def _notify(self) -> None:
        signal = self._changed
        assert signal is not None  # made when first waited on: set() asks first
        if not signal.triggered:
            signal.succeed()
        self._changed = self.env.event()


class MarkStore:
    """Users of one system under a mark (disappeared, or pre-deleted awaiting deletion).

    Not facts of reality: the analysis reads them to tell the ENT's own retention apart
    from a late step. States are replaced, never mutated, like a :class:`FactStore`'s.
    """

    def __init__(
        self,
        env: simpy.Environment,
        truth: Truth,
        categories: tuple[Category, ...],
        recorder: Recorder,
        interner: Interner | None = None,
    ) -> None:
        self.env = env
        self.recorder = recorder
        self.categories = categories
        self.interner = interner
        self.present: dict[Category, BoolArray] = _empty(truth, categories, interner)
        self.history: dict[Category, History] = {c: History() for c in categories}
        self.version = 0
        self.watched = True  # see FactStore
        for category in categories:
            self.history[category].append(0.0, 0, self.present[category])

    def __getitem__(self, category: Category) -> BoolArray:
        return self.present[category]

    def snapshot(self) -> dict[Category, BoolArray]:
        return dict(self.present)

    def set(self, category: Category, state: BoolArray, cause: int) -> None:
        if state is self.present[category]:
            return
        if self.interner is not None:
            state = self.interner.canonical(state)
            if state is self.present[category]:
                return
        elif state.tobytes() == self.present[category].tobytes():
            return
        new = _kept(self.interner, state)
        self.recorder.changes += self.watched
        self.present[category] = new
        self.history[category].append(self.env.now, cause, new)
        self.version += 1

    def update(self, states: Mapping[Category, BoolArray], cause: int) -> None:
        for category, state in states.items():
            if category in self.present:
                self.set(category, state, cause)


def _empty(
    truth: Truth, categories: tuple[Category, ...], interner: Interner | None
) -> dict[Category, BoolArray]:
    """No fact of ``categories``: fresh arrays, or the interned ones (shared, read-only)."""
    if interner is None:
        return {c: truth.empty(c) for c in categories}
    return dict(interner.empties(categories, lambda: [truth.size(c) for c in categories]))


def _kept(interner: Interner | None, state: BoolArray) -> BoolArray:
    """The array a store keeps: interned (shared, read-only) or a private copy."""
    return state.copy() if interner is None else interner.canonical(state)
