"""Interned states and memoised transitions, shared by the runs of one lycée.

Across the replications of a risk, the chain goes through a few hundred distinct states
only: the same import of the same AAF files into the same ENT happens in most of them.
Every state a store holds is *interned* (one read-only array per distinct content), so
that a transition's inputs are named by small numbers, and its result is computed once.
A :class:`Memo` belongs to one lycée (truth), seed and set of rules; runs that differ only
by their calendar share it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import numpy as np

from sim.domain import Category
from sim.truth.facts import BoolArray

Result = TypeVar("Result")
MAX_REMEMBERED = 1024  # analysis results kept per memo (a few kB each)
Inputs = tuple[Mapping[Category, BoolArray] | BoolArray, ...]


class MemoMismatch(AssertionError):
    """A memoised result differs from the transition computed again (verify mode): the
    memo's key misses an input."""


class Interner:
    """One read-only array per distinct content, and a number for each."""

    def __init__(self) -> None:
        self._by_content: dict[tuple[int, bytes], BoolArray] = {}
        self._numbers: dict[int, int] = {}
        self.numbers_by_id = self._numbers  # id of an interned array -> its number
        self._differences: dict[tuple[int, int], tuple[int, int]] = {}
        self._empties: dict[int, BoolArray] = {}
        self._empty_states: dict[tuple[Category, ...], dict[Category, BoolArray]] = {}
        # arrays of the truth (one per epoch, never changed) and their interned copy; the
        # array is kept too, so that its id is not reused
        self._aliases: dict[int, tuple[BoolArray, BoolArray]] = {}

    def __len__(self) -> int:
        return len(self._by_content)

    def empty(self, size: int) -> BoolArray:
        """The interned array of ``size`` facts, none present (every store starts with some)."""
        found = self._empties.get(size)
        if found is None:
            found = self._empties[size] = self.canonical(np.zeros(size, dtype=bool))
        return found

    def empties(
        self, categories: tuple[Category, ...], sizes: Callable[[], list[int]]
    ) -> dict[Category, BoolArray]:
        """:meth:`empty` of each category (of ``sizes()`` facts): worked out once, since
        the interner serves one truth."""
        found = self._empty_states.get(categories)
        if found is None:
            found = self._empty_states[categories] = {
                c: self.empty(size) for c, size in zip(categories, sizes(), strict=True)
            }
        return found

    def canonical(self, array: BoolArray) -> BoolArray:
        """The interned array equal to ``array`` (itself when it already is one)."""
        if id(array) in self._numbers:
            return array  # interned arrays stay alive here: their ids are never reused
        key = (array.size, np.packbits(array).tobytes())
        found = self._by_content.get(key)
        if found is None:
            found = np.array(array, dtype=bool, copy=True)
            found.flags.writeable = False
            self._by_content[key] = found
            self._numbers[id(found)] = len(self._numbers)
        return found

    def alias(self, array: BoolArray) -> BoolArray:
        """The interned array equal to ``array``, an array that never changes and outlives
        the runs (the truth's of one epoch): hashed once, then found by identity."""
        found = self._aliases.get(id(array))
        if found is None:
            found = self._aliases[id(array)] = (array, self.canonical(array))
        return found[1]

    def difference(self, old: BoolArray, new: BoolArray) -> tuple[int, int]:
        """How many facts ``new`` adds to ``old`` and removes from it (both interned)."""
        key = (id(old), id(new))
        found = self._differences.get(key)
        if found is None:
            changed = old != new
            found = (int(np.count_nonzero(changed & new)), int(np.count_nonzero(changed & old)))
            self._differences[key] = found
        return found

    def number(self, array: BoolArray) -> int:
        number = self._numbers.get(id(array))
        if number is None:
            number = self._numbers[id(self.canonical(array))]
        return number


class Memo:
    """Results of transitions by the numbers of their inputs. ``verify`` computes every
    result again and compares (the differential tests use it)."""

    def __init__(self, owner: object, context: tuple[object, ...], verify: bool = False) -> None:
        self.owner = owner
        self.context = context
        self.verify = verify
        self.interner = Interner()
        self._results: dict[tuple[object, ...], Any] = {}
        # the analysis' counts per distinct state (sim.analysis.consistency: store_counts,
        # excused_flags), and what it worked out for a whole category or store (the counts,
        # the flags a replication keeps, departed accounts) when its histories are seen alike
        self.counts: dict[object, tuple[int, int, int, int]] = {}
        self.categories: dict[object, Any] = {}
        # what the analysis found in each world of the replay engine's book (the categories
        # right, the fact last set right), by the worlds' numbers: valid for one generation
        # of the book (new_worlds)
        self.world_masks: dict[object, Any] = {}
        self.world_generation = 0
        # the stores as every run of the lycée starts (sim.engine.model.ChainModel.initial_states)
        self.starts: dict[object, Any] = {}
        # the records of whole steps (sim.engine.steps.StepBook), made on first use
        self.book: object | None = None
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._results)

    def remember(self, key: object, value: Any) -> None:
        """Keep an analysis result for ``key``. Unlike states and transitions, histories
        rarely repeat exactly: the table is emptied when full, so that memory does not grow
        with the number of replications."""
        if len(self.categories) >= MAX_REMEMBERED:
            self.categories.clear()
        self.categories[key] = value

    def new_worlds(self) -> None:
        """The book's worlds are numbered again: what was found of the previous ones goes,
        and runs numbered before are no longer read by these numbers."""
        self.world_masks.clear()
        self.world_generation += 1

    def fits(self, owner: object, context: tuple[object, ...]) -> bool:
        """Whether runs of ``owner`` (a truth) under ``context`` may use this memo."""
        return owner is self.owner and context == self.context

    def _key(self, name: str, inputs: Inputs, scalars: tuple[object, ...]) -> tuple[object, ...]:
        number = self.interner.number
        known = self.interner.numbers_by_id
        parts: list[object] = [name, *scalars]
        for value in inputs:
            if isinstance(value, np.ndarray):
                found = known.get(id(value))
                parts.append(number(value) if found is None else found)
                continue
            try:  # interned arrays are looked up by identity, without Python calls
                numbers = tuple(map(known.__getitem__, map(id, value.values())))
            except KeyError:
                numbers = tuple(map(number, value.values()))
            parts.append((tuple(value), numbers))
        return tuple(parts)

    def _canonical(self, value: Any) -> Any:
        if isinstance(value, np.ndarray):
            if value.dtype != bool:  # kept as computed, read-only (shares' priorities)
                value.flags.writeable = False
                return value
            return self.interner.canonical(value)
        if isinstance(value, dict):
            return {k: self._canonical(v) for k, v in value.items()}
        if isinstance(value, tuple):
            return tuple(self._canonical(v) for v in value)
        return value

    def by_identity(
        self, name: str, arrays: tuple[BoolArray, ...], compute: Callable[[], Result]
    ) -> Result:
        """``compute()``, once per distinct ``arrays``, which must all be interned: they live
        as long as the memo, so their identities name them (a key made without a call per
        array; ``name`` must fix what each position is). Verify mode checks that they are
        interned, and computes again."""
        key = (name, *map(id, arrays))
        if self.verify and not all(id(array) in self.interner.numbers_by_id for array in arrays):
            raise MemoMismatch(f"{name}: an array of the key is not interned")
        found = self._results.get(key)
        if found is None:
            self.misses += 1
            found = self._results[key] = self._canonical(compute())
        else:
            self.hits += 1
            if self.verify and not _same(found, self._canonical(compute())):
                raise MemoMismatch(f"{name}: the memoised result differs")
        result: Result = found
        return result

    def call(
        self,
        name: str,
        compute: Callable[..., Result],
        inputs: Inputs,
        scalars: tuple[object, ...] = (),
    ) -> Result:
        """``compute(*inputs, *scalars)``, once per distinct inputs."""
        key = self._key(name, inputs, scalars)
        found = self._results.get(key)
        if found is None:
            self.misses += 1
            found = self._canonical(compute(*inputs, *scalars))
            self._results[key] = found
        else:
            self.hits += 1
            if self.verify:
                again = self._canonical(compute(*inputs, *scalars))
                if not _same(found, again):
                    raise MemoMismatch(f"{name}: the memoised result differs for {key!r}")
        result: Result = found
        return result


class NoMemo:
    """Computes every time (the reference engine)."""

    interner = None

    def by_identity(
        self, name: str, arrays: tuple[BoolArray, ...], compute: Callable[[], Result]
    ) -> Result:
        return compute()

    def call(
        self,
        name: str,
        compute: Callable[..., Result],
        inputs: Inputs,
        scalars: tuple[object, ...] = (),
    ) -> Result:
        return compute(*inputs, *scalars)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray):
        return a is b if a.dtype == bool else bool(np.array_equal(a, b))
    return bool(a == b)
