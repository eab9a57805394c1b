"""Facts: every category is a table of fact ids with their validity interval in the truth.

A fact that is never true (a carried-over group, a duplicate identity, last year's leaver)
is *stale*: its interval is empty (``valid_from = inf``). Link facts name their endpoints.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from sim.domain import Category

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

NEVER = np.inf

ENDPOINTS: dict[Category, tuple[Category, ...]] = {
    Category.STUDENT_DIVISION: (Category.STUDENTS, Category.DIVISIONS),
    Category.STUDENT_GROUP: (Category.STUDENTS, Category.GROUPS),
    Category.PARENT_STUDENT: (Category.PARENTS, Category.STUDENTS),
    Category.SERVICES: (Category.TEACHERS, Category.DIVISIONS, Category.GROUPS),
}


@dataclass
class FactTable:
    """All facts of one category: labels, validity in the truth, and endpoints for links."""

    category: Category
    labels: list[str]
    valid_from: FloatArray
    valid_to: FloatArray
    ends: dict[Category, IntArray] = field(default_factory=dict)
    _change_list: list[float] | None = field(default=None, repr=False, compare=False)
    _by_epoch: dict[int, tuple[BoolArray, int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # the ends every row has (no -1): read without checking for a missing one
    _complete: frozenset[Category] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._complete = frozenset(
            end for end, index in self.ends.items() if not index.size or index.min() >= 0
        )

    def end_present(self, end: Category, present: BoolArray) -> BoolArray:
        """:func:`endpoint_present` of the rows' ``end`` in ``present``."""
        index = self.ends[end]
        if end in self._complete and present.size:
            found: BoolArray = present[index]
            return found
        return endpoint_present(present, index)

    @property
    def size(self) -> int:
        return len(self.labels)

    def true_at(self, minute: float) -> BoolArray:
        result: BoolArray = (self.valid_from <= minute) & (minute < self.valid_to)
        return result

    def truth_at(self, minute: float) -> tuple[BoolArray, int]:
        """:meth:`true_at` (read-only: shared by every caller at the same epoch) and how
        many facts are true, computed once per epoch."""
        if not math.isfinite(minute):  # outside every epoch: computed each time
            state = self.true_at(minute)
            state.flags.writeable = False
            return state, int(np.count_nonzero(state))
        epoch = self.epoch_at(minute)
        found = self._by_epoch.get(epoch)
        if found is None:
            state = self.true_at(minute)
            state.flags.writeable = False
            found = self._by_epoch[epoch] = (state, int(np.count_nonzero(state)))
        return found

    def epoch_at(self, minute: float) -> int:
        """How many of the truth's change minutes are at or before ``minute``: two minutes
        with the same epoch have the same ``true_at`` (tables are not changed once built)."""
        return bisect.bisect_right(self.change_minutes(), minute)

    def change_minutes(self) -> list[float]:
        """The minutes at which some fact becomes true or stops being true, in order."""
        if self._change_list is None:
            bounds = np.concatenate([self.valid_from, self.valid_to])
            self._change_list = np.unique(bounds[np.isfinite(bounds)]).tolist()
        return self._change_list

    def __getstate__(self) -> dict[str, object]:
        # the per-epoch cache is rebuilt where the table goes (numpy unpickles arrays
        # writable: a shared one must stay read-only)
        return {**self.__dict__, "_by_epoch": {}}

    @property
    def stale(self) -> BoolArray:
        """Facts that are never true (they can only be wrong where present)."""
        result: BoolArray = ~np.isfinite(self.valid_from)
        return result


def endpoint_present(present: BoolArray, index: IntArray) -> BoolArray:
    """``present[index]`` where an index of -1 (no endpoint) reads as absent."""
    if present.size == 0:
        return np.zeros(index.shape, dtype=bool)
    result: BoolArray = present[index] & (index >= 0)
    return result


def links_with_endpoints(
    table: FactTable, candidates: BoolArray, present: dict[Category, BoolArray]
) -> BoolArray:
    """``candidates`` restricted to links whose endpoints are all present.

    Services point to a division *or* a group: either one present is enough.
    """
    if table.category is Category.SERVICES:
        structure = table.end_present(Category.DIVISIONS, present[Category.DIVISIONS]) | (
            table.end_present(Category.GROUPS, present[Category.GROUPS])
        )
        teacher = table.end_present(Category.TEACHERS, present[Category.TEACHERS])
        result: BoolArray = candidates & structure & teacher
        return result
    result = candidates.copy()
    for end in table.ends:
        result &= table.end_present(end, present[end])
    return result
