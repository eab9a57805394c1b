"""The ground truth of one établissement: facts, their attributes, and dated changes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.domain import Category, Origin
from sim.truth.facts import BoolArray, FactTable, IntArray

ORIGINS: tuple[Origin, ...] = tuple(Origin)


@dataclass
class TruthChange:
    """A change of reality at ``minute``, typed into the school's systems at ``recorded``."""

    kind: str
    minute: float
    recorded: float
    started: dict[Category, IntArray] = field(default_factory=dict)
    ended: dict[Category, IntArray] = field(default_factory=dict)
    origin: Origin | None = None

    @property
    def students_concerned(self) -> int:
        """How many students the change is about (arrivals, departures, moves)."""
        rows = {
            "arrival": self.started.get(Category.STUDENTS),
            "departure": self.ended.get(Category.STUDENTS),
            "division_change": self.started.get(Category.STUDENT_DIVISION),
        }.get(self.kind)
        if self.kind == "group_change":
            moved = self.started.get(Category.STUDENT_GROUP)
            return 0 if moved is None else len(moved)
        return 0 if rows is None else len(rows)


@dataclass
class Truth:
    tables: dict[Category, FactTable]
    student_origin: IntArray
    student_duplicate: IntArray
    student_is_leaver: BoolArray
    division_is_new: BoolArray
    division_is_obsolete: BoolArray
    group_is_carried: BoolArray
    group_division_indptr: IntArray
    group_division_indices: IntArray
    service_is_carried: BoolArray
    teacher_is_returning: BoolArray
    changes: list[TruthChange]
    # last year's memberships of the leavers (stale links), by link category
    previous_year: dict[Category, BoolArray] = field(default_factory=dict)

    def table(self, category: Category) -> FactTable:
        return self.tables[category]

    def size(self, category: Category) -> int:
        return self.tables[category].size

    def change_minutes(self) -> list[float]:
        """The minutes at which any category's truth changes, in order: an index into them
        (an epoch) says which truth holds, for every category at once."""
        return sorted({m for table in self.tables.values() for m in table.change_minutes()})

    def empty(self, category: Category) -> BoolArray:
        return np.zeros(self.tables[category].size, dtype=bool)

    def students_of(self, origin: Origin) -> BoolArray:
        result: BoolArray = self.student_origin == ORIGINS.index(origin)
        return result

    def at_start(self, category: Category) -> BoolArray:
        """Facts true at the window's first minute (the plan known before any change)."""
        return self.tables[category].true_at(0.0)

    def groups_with_any_division(self, divisions_present: BoolArray) -> BoolArray:
        """Groups with at least one division of membership in ``divisions_present``."""
        return self._per_group(np.logical_or, divisions_present, empty_value=False)

    def divisions_of_groups(self, groups: BoolArray) -> BoolArray:
        """Divisions that at least one of ``groups`` spans."""
        counts = np.diff(self.group_division_indptr)
        spanned = self.empty(Category.DIVISIONS)
        spanned[self.group_division_indices[np.repeat(groups, counts)]] = True
        return spanned

    def groups_with_all_divisions(self, divisions_present: BoolArray) -> BoolArray:
        """Groups whose every division of membership is in ``divisions_present``."""
        return self._per_group(np.logical_and, divisions_present, empty_value=True)

    def _per_group(self, ufunc: np.ufunc, divisions: BoolArray, empty_value: bool) -> BoolArray:
        """``ufunc`` over each group's divisions; a group with none gets ``empty_value``
        (``reduceat`` would give it the next group's first value)."""
        counts = np.diff(self.group_division_indptr)
        result: BoolArray = np.full(counts.size, empty_value, dtype=bool)
        spanning = counts > 0
        if spanning.any():
            per_link = divisions[self.group_division_indices]
            result[spanning] = ufunc.reduceat(per_link, self.group_division_indptr[:-1][spanning])
        return result
