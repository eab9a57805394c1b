"""Departed users the ENT keeps (rule 8): which facts of a system are wrong only for that.

entcore marks a user absent from an import as disappeared and keeps it, with its classes and
groups, and exports it to GAR, until the pre-delete. Such facts are stale, but they are the
ENT's design and not a late step of the lycée, so the analysis counts them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
from numpy.typing import NDArray

from sim.domain import Category, Store
from sim.engine.simulation import SimulationResult
from sim.results import History, state_runs
from sim.truth.facts import BoolArray, IntArray

# The user end of each link that makes it a departed user's membership.
_USER_ENDS: dict[Category, tuple[Category, ...]] = {
    Category.STUDENT_DIVISION: (Category.STUDENTS,),
    Category.STUDENT_GROUP: (Category.STUDENTS,),
    Category.PARENT_STUDENT: (Category.PARENTS, Category.STUDENTS),
    Category.SERVICES: (Category.TEACHERS,),
}


def ever_departed(result: SimulationResult, store: Store) -> bool:
    """Whether any user of ``store`` was ever marked departed in this run."""
    marks = result.departed.get(store, {})
    return any(len(history.states) > 1 for history in marks.values())


def _marked_links(
    result: SimulationResult, category: Category, marked: dict[Category, BoolArray]
) -> BoolArray:
    table = result.truth.table(category)
    found = result.truth.empty(category)
    for end in _USER_ENDS[category]:
        if end in marked:
            found |= table.end_present(end, marked[end])
    return found


def departed_sources(result: SimulationResult, store: Store, category: Category) -> list[History]:
    """The histories :func:`departed_facts` (and the counts beside it) read besides the
    truth: the category's state; for a class or group the links that can keep it (its
    members' and the services'); and the marks of the users it concerns."""
    histories = result.histories[store]
    marks = result.departed.get(store, {})
    read = [histories[category]]
    if category in marks:
        users: tuple[Category, ...] = (category,)
    elif category in _USER_ENDS:
        users = _USER_ENDS[category]
    else:
        own = (
            Category.STUDENT_DIVISION if category is Category.DIVISIONS else Category.STUDENT_GROUP
        )
        links = [link for link in (own, Category.SERVICES) if link in histories]
        read += [histories[link] for link in links]
        users = tuple(end for link in links for end in _USER_ENDS[link])
    # only the marks departed_facts reads for this category: a user's own, a link's user
    # ends, the members' of a class or group (the others change nothing it returns)
    return [*read, *(history for c, history in marks.items() if c in users)]


def departed_facts(
    result: SimulationResult, store: Store, category: Category, minute: float
) -> BoolArray:
    """Facts of ``store`` wrong at ``minute`` only because the ENT keeps a departed user:
    the user, its memberships, and a class or group whose only members are departed."""
    table = result.truth.table(category)
    state = result.histories[store][category].at(minute)
    wrong = state & ~table.truth_at(minute)[0]
    marks = result.departed.get(store, {})
    marked = {c: history.at(minute) for c, history in marks.items()}
    if not wrong.any() or not marks:
        return result.truth.empty(category)
    if category not in _USER_ENDS and category not in marked:
        # a class or group left empty by a pre-delete waits for the next import
        return wrong & _kept_by_departed_only(result, store, category, minute, marked)
    if not any(m.any() for m in marked.values()):
        # a shortcut only: what follows is empty too when the marks it reads are
        # (departed_sources names those, and the counts' memo keys on them alone)
        return result.truth.empty(category)
    if category in marked:
        return wrong & marked[category]
    return wrong & _marked_links(result, category, marked)


def _kept_by_departed_only(
    result: SimulationResult,
    store: Store,
    structure: Category,
    minute: float,
    marked: dict[Category, BoolArray],
) -> BoolArray:
    """Classes or groups whose members in ``store`` are all departed users, or that have
    none left: the ENT drops an empty one at its next import only (after a pre-delete)."""
    truth = result.truth
    other_member = np.zeros(truth.size(structure) + 1, dtype=bool)  # last slot: no such end
    own_link = (
        Category.STUDENT_DIVISION if structure is Category.DIVISIONS else Category.STUDENT_GROUP
    )
    for link in (own_link, Category.SERVICES):
        if link not in result.histories[store]:
            continue
        present = result.histories[store][link].at(minute)
        departed = _marked_links(result, link, marked)
        ends = truth.table(link).ends[structure]
        other_member[ends[present & ~departed]] = True
    return ~other_member[:-1]


def departed_accounts(result: SimulationResult, store: Store) -> NDArray[np.int64]:
    """Accounts of departed users ``store`` still holds each morning: every user in the ENT,
    students (the licences they take) in GAR."""
    n = len(result.observations)
    total = np.zeros(n, dtype=np.int64)
    marks = result.departed.get(store, {})
    users = (
        marks if store is Store.ENT else {c: h for c, h in marks.items() if c is Category.STUDENTS}
    )
    for category, history in users.items():
        present = result.histories[store][category]
        total += _remembered(
            result,
            ("accounts", store, category),
            [history, present],
            partial(_counted_over, result.observations, _present_marked, history, present),
        )
    return total


def _remembered(
    result: SimulationResult,
    name: tuple[object, ...],
    histories: list[History],
    compute: Callable[[], NDArray[np.int64]],
) -> NDArray[np.int64]:
    """``compute()``, remembered in the run's memo by the histories it reads (their
    instants and interned states): replications that share them share the counts."""
    if result.memo is None:
        return compute()
    number = result.memo.interner.number
    key = (
        *name,
        result.observations[0] if result.observations else None,
        len(result.observations),
        tuple((tuple(h.minutes), tuple(map(number, h.states))) for h in histories),
    )
    found: NDArray[np.int64] | None = result.memo.categories.get(key)
    if found is None:
        found = compute()
        found.flags.writeable = False
        result.memo.remember(key, found)
    return found


def _present_marked(marks: History, present: History, minute: float) -> int:
    return int(np.count_nonzero(marks.at(minute) & present.at(minute)))


def _marked(marks: History, minute: float) -> int:
    return int(np.count_nonzero(marks.at(minute)))


def _counted_over(
    observations: list[float], count: Callable[..., int], *histories: History
) -> NDArray[np.int64]:
    """``count(*histories, minute)`` at each observation, once per run of unchanged states."""
    return _counted(
        partial(count, *histories), [h.indexes_at(observations) for h in histories], observations
    )


def _counted(
    count: Callable[[float], int], inputs: list[IntArray], observations: list[float]
) -> NDArray[np.int64]:
    """``count`` at each observation, computed once per run of unchanged ``inputs``."""
    total = np.zeros(len(observations), dtype=np.int64)
    for first, stop in state_runs(inputs):
        total[first:stop] = count(observations[first])
    return total


def accounts_pending_deletion(result: SimulationResult) -> NDArray[np.int64]:
    """ENT accounts pre-deleted and not yet deleted, each morning."""
    total = np.zeros(len(result.observations), dtype=np.int64)
    for category, history in result.pending_deletion.items():
        total += _remembered(
            result,
            ("pending", category),
            [history],
            partial(_counted_over, result.observations, _marked, history),
        )
    return total


def marked_user(
    result: SimulationResult, store: Store, category: Category, index: int, at: float
) -> tuple[Category, int] | None:
    """The departed user a fact of ``store`` belongs to at ``at``: itself for a user, a
    marked user end for a link (None for a class or group, or when no user is marked)."""
    marks = result.departed.get(store, {})
    if category in marks:
        return (category, index) if marks[category].at(at)[index] else None
    table = result.truth.table(category)
    for end in _USER_ENDS.get(category, ()):
        row = int(table.ends[end][index])
        if end in marks and row >= 0 and marks[end].at(at)[row]:
            return end, row
    return None


def marked_since(
    result: SimulationResult, store: Store, user: tuple[Category, int], at: float
) -> float | None:
    """When the ENT marked ``user`` disappeared (the mark's landing in ``store``)."""
    history = result.departed[store][user[0]]
    i = history.last_transition(user[1], True, at)
    return None if i is None else history.minutes[i]


def removed_after(
    result: SimulationResult, store: Store, category: Category, index: int, at: float
) -> tuple[float, str] | None:
    """When a fact present in ``store`` at ``at`` leaves it next, and what removes it."""
    history = result.histories[store][category]
    for i in range(history.index_at(at) + 1, len(history.minutes)):
        if not history.states[i][index]:
            return history.minutes[i], result.events[history.events[i]].actor
    return None
