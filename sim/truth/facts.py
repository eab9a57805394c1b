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
    ends = table.ends
    if table.category is Category.SERVICES:
        structure = endpoint_present(present[Category.DIVISIONS], ends[Category.DIVISIONS]) | (
            endpoint_present(present[Category.GROUPS], ends[Category.GROUPS])
        )
        teacher = endpoint_present(present[Category.TEACHERS], ends[Category.TEACHERS])
        result: BoolArray = candidates & structure & teacher
        return result
    result = candidates.copy()
    for end_category, index in ends.items():
        result &= endpoint_present(present[end_category], index)
    return result
