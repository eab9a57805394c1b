"""What each step of a run does, recorded once per lycée and replayed (the replay engine's book).

A step is an operation's occurrence, a reality change or a channel's landing. Its record
says what it writes (each store's new state, by number), what staff learn, the events it
logs, the counters and stamps it moves. A step never seen is run once on the book's own
:class:`~sim.engine.model.ChainModel` (the SimPy model's code, loaded with the
replication's state) and recorded. The key is the whole *world* (every store's, mark's and
knowledge's state), the operations done, the truth's epoch and what the step carries:
wider than what any step reads, so that a replay is the step computed again. Verify mode
(the memo's) runs every replayed step again and compares the records.
"""

from __future__ import annotations

import array
import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from sim.calendar import Clock
from sim.domain import (
    CATEGORIES_OF,
    SIECLE_CATEGORIES,
    STRUCTURE_CATEGORIES,
    STS_CATEGORIES,
    USER_CATEGORIES,
    Category,
    Operation,
    Store,
)
from sim.engine.channels import (
    ActivationLiens,
    ExportGar,
    ExtractionAaf,
    ImportEdtEnt,
    ImportEnt,
    PreDelete,
    StampWrite,
    State,
    StsToSiecleContinuous,
    StsToSiecleScheduled,
    import_stamps,
)
from sim.engine.ent_rules import GAR_USER_CATEGORIES
from sim.engine.memo import Memo, MemoMismatch
from sim.engine.model import ChainModel
from sim.results import EventRecord, History
from sim.scenario.model import Scenario
from sim.truth.facts import BoolArray
from sim.truth.model import Truth

if TYPE_CHECKING:
    from sim.engine.replay import Replay


# records a book keeps: a few hundred for a lycée's risk; under stressed priors (forgotten
# operations, long delays, failing batches) new ones keep coming, and past this many the
# book starts again (about 1 kB a record)
MAX_RECORDS = 20_000


class NeedsLazy(Exception):
    """A step this engine cannot record (it names an event it was not given, or queues
    what only the lazy engine queues): the replication runs in the lazy engine."""


# The containers of flat state, in a fixed order: every store, then the departed marks of
# the ENT and GAR, then the pending deletions. A slot is one container's category.
DEPARTED_ENT, DEPARTED_GAR, PENDING = "departed ENT", "departed GAR", "pending"
CONTAINERS: tuple[tuple[object, tuple[Category, ...]], ...] = (
    *((s, CATEGORIES_OF[s]) for s in Store),
    (DEPARTED_ENT, USER_CATEGORIES),
    (DEPARTED_GAR, GAR_USER_CATEGORIES),
    (PENDING, USER_CATEGORIES),
)
SLOTS = [(container, c) for container, categories in CONTAINERS for c in categories]
SLOT = {slot: i for i, slot in enumerate(SLOTS)}
CONTAINER_OF = [next(i for i, (c, _) in enumerate(CONTAINERS) if c == s[0]) for s in SLOTS]
CONTAINER_NUMBER = {c: i for i, (c, _) in enumerate(CONTAINERS)}
# no channel reads GAR (sim.engine.lazy._unread_stores): its changes wake nothing
WATCHED = [int(s[0] not in (Store.GAR, DEPARTED_GAR)) for s in SLOTS]
STS_SLOTS = frozenset(i for i, s in enumerate(SLOTS) if s[0] == Store.STS)
STS_SLOT_LIST = [SLOTS.index((Store.STS, c)) for c in STS_CATEGORIES]
SIECLE_SLOTS = [SLOTS.index((Store.SIECLE, c)) for c in SIECLE_CATEGORIES]
KNOWLEDGE = (
    "siecle_divisions",
    "siecle_parents",
    "siecle_activated",
    "edt_links",
    "edt_built_groups",
    "edt_built_services",
    "edt_sts_groups",
)
DONE_BIT = {op: 1 << i for i, op in enumerate(Operation)}
PROFILAGE_DONE = DONE_BIT[Operation.PROFILAGE]
# what moved since the last look after an event: a bit per container, and the counters
# and flags the channels' keys read (sim.engine.lazy.simulate_lazy's ``after``)
CHANGED = [1 << n for n in CONTAINER_OF]
DONE, OUTSIDE, AAF_FULL = (1 << (len(CONTAINERS) + i) for i in range(3))
FLAGS = DONE | AAF_FULL  # may move back: compared, where counters need not be


V_STS, V_PENDING_LINKS, V_SIECLE, V_AAF, V_EDT, V_ENT, V_DEPARTED, V_PENDING = (
    CONTAINER_NUMBER[c]
    for c in (
        Store.STS,
        Store.SIECLE_PENDING,
        Store.SIECLE,
        Store.AAF,
        Store.EDT,
        Store.ENT,
        DEPARTED_ENT,
        PENDING,
    )
)


def slots(container: object, categories: tuple[Category, ...]) -> list[int]:
    """The slots of ``container``'s ``categories``, in their order."""
    return [SLOT[container, c] for c in categories]


STS_STRUCTURE = slots(Store.STS, STRUCTURE_CATEGORIES)  # STS-WEB's classes and groups
# what GAR holds: its stores and its departed marks (written after the run's loop)
GAR_WORLD = [*slots(Store.GAR, CATEGORIES_OF[Store.GAR]), *slots(DEPARTED_GAR, GAR_USER_CATEGORIES)]


def reads_of(*containers: object) -> int:
    return sum(1 << CONTAINER_NUMBER[c] for c in containers)


# what the GAR export reads: the ENT and its departed marks (CHANGED's bits)
ENT_READ = reads_of(Store.ENT, DEPARTED_ENT)


# a record: (world after, writes (slot, state, cause), knowledge written (field, array),
# events logged (actor, kind, code, store, category, count, detail, cause), counter of
# outside changes moved by, empty structures after, stamps written, STS-WEB changed).
# A cause is -1 for the one the step was given, k >= 0 for the step's own k-th event.
Record = tuple[
    int,
    tuple[tuple[int, BoolArray, int], ...],
    tuple[tuple[str, BoolArray], ...],
    tuple[tuple[Any, ...], ...],
    int,
    int,
    tuple[StampWrite, ...],
    bool,
    tuple[tuple[tuple[int, int], ...], int, int, int],
]


class _ShadowEnv:
    """The clock of the book's model: a step runs at ``now``; only the operation that
    sends STS-WEB's structure later queues anything."""

    def __init__(self) -> None:
        self.now: float = 0
        self.acting = ""
        self.queued = 0

    def timeout(self, delay: float) -> Any:
        self.queued += 1
        return _Dropped()

    def event(self) -> Any:
        raise NeedsLazy("a step waits on a store")


class _Dropped:
    __slots__ = ("callbacks",)

    def __init__(self) -> None:
        self.callbacks: list[Any] = []


class _OffsetLog(list[EventRecord]):
    """The book model's event log during one step: ids continue the replication's, and
    the one earlier event a step may read is its cause (its actor: a duplicate's is the
    operation or the reality change that made it), shown without its minute."""

    def __init__(self, base: int, given: EventRecord | None) -> None:
        super().__init__()
        self.base, self.given = base, given

    def __len__(self) -> int:
        return self.base + super().__len__()

    def __getitem__(self, number: Any) -> Any:
        if isinstance(number, int) and number >= self.base:
            return super().__getitem__(number - self.base)
        if self.given is not None and number == self.given.id:
            return self.given._replace(minute=math.nan)
        raise NeedsLazy(f"a step reads event {number!r}")


class _ShadowModel(ChainModel):
    """The book's model: the SimPy model's, keeping the outcome of its last ENT import
    (the stamps the import writes are the replay's, outside the records)."""

    found: dict[object, Any] | None = None

    def import_outcome(self, *args: Any, **kwargs: Any) -> dict[object, Any]:
        self.found = super().import_outcome(*args, **kwargs)
        return self.found


class StepBook:
    """The records of one lycée's steps (a :class:`Memo`'s), and the model that makes
    them: built on the first replication, kept with the memo."""

    def __init__(self, scenario: Scenario, truth: Truth, clock: Clock, seed: int, memo: Memo):
        self.memo = memo
        self.env = _ShadowEnv()
        shadow: Any = self.env  # the part of SimPy's environment a step uses
        self.clock = clock
        model = self.model = _ShadowModel(scenario, truth, clock, seed, shadow, memo, True)
        start = model.log("reality", "start", "initial_state")
        model.initial_states(start)
        self.start_events = list(model.recorder.events)
        self.start_changes = model.recorder.changes
        self.containers = self._containers(model)
        self.start_present: list[BoolArray] = [
            self.containers[CONTAINER_OF[i]].present[c] for i, (_, c) in enumerate(SLOTS)
        ]
        self.start_histories = [
            _copy(self.containers[CONTAINER_OF[i]].history[c]) for i, (_, c) in enumerate(SLOTS)
        ]
        self.start_versions: list[int] = [store.version for store in self.containers]
        self.start_sts_changes = list(model.stores[Store.STS].change_minutes)
        self.start_know = {f: getattr(model.know, f) for f in KNOWLEDGE}
        self.start_empty = model.ent_empty_structures
        self.records: dict[tuple[object, ...], Record] = {}
        # what each of GAR's receptions writes, by the reception (a memo's result, by
        # identity: kept here with it); the slots and states
        self.gar_writes: dict[int, tuple[object, list[tuple[int, BoolArray, int]]]] = {}
        # an operation's occurrences in time order and their instants, by its dates
        self.occurrences: dict[tuple[object, ...], tuple[list[tuple[float, int]], list[float]]] = {}
        # what a pre-delete night sends, by the packed bits of its users (both kinds)
        self.pre_deletions: dict[bytes, tuple[State, State]] = {}
        # whether the staff work on the day of a minute, and the day (by staff calendar)
        self.working: dict[object, dict[float, tuple[bool, str]]] = {}
        # the AAF files by the states they are extracted from (interned: by identity)
        self.extractions: dict[tuple[object, ...], State] = {}
        self.worlds: dict[tuple[object, ...], int] = {}
        self.start_world = self._world(self.start_present, self.start_know, self.start_empty)
        # the minute from which the start's world holds (every start history's last change);
        # the worlds, and what the GAR export reads by them, take the start as one instant
        self.start_minute = max(h.minutes[-1] for h in self.start_histories if h.minutes)
        self.start_settled = all(
            minute == self.start_minute for h in self.start_histories for minute in h.minutes
        )
        memo.new_worlds()  # world numbers start again here
        number = memo.interner.number
        self.start_gar = [number(self.start_present[slot]) for slot in GAR_WORLD]
        # the minutes the ENT and its marks change at as a run starts (their histories'
        # changes after the first state: of the start's world)
        self.start_ent_changes = sorted(
            minute
            for i, (container, _) in enumerate(SLOTS)
            if container in (Store.ENT, DEPARTED_ENT)
            for minute in self.start_histories[i].minutes[1:]
        )
        # what the GAR export sends, by the world it reads (None: the histories' first states)
        self.gar_files: dict[object, tuple[State, State]] = {}
        self.truth_changes = truth.change_minutes()
        self.changes = sorted(truth.changes, key=lambda c: c.recorded)
        self.channels: dict[type, Any] = {
            kind: kind(model)
            for kind in (
                StsToSiecleScheduled,
                StsToSiecleContinuous,
                ActivationLiens,
                ExtractionAaf,
                ImportEdtEnt,
                ImportEnt,
                PreDelete,
                ExportGar,
            )
        }
        self._clear_histories()  # from now on, what a step writes (FactStore.set's record)
        self.replays = 0
        self.recorded = 0

    def forget(self) -> None:
        """Drop the records and what was kept by identity (``MAX_RECORDS``): the next
        replications record their steps again. Between replications only, since a world
        number is valid only while the worlds are kept."""
        kept: dict[Any, Any]
        for kept in (
            self.records,
            self.worlds,
            self.gar_writes,
            self.pre_deletions,
            self.gar_files,
        ):
            kept.clear()
        self.extractions.clear()
        self.memo.new_worlds()
        self.start_world = self._world(self.start_present, self.start_know, self.start_empty)

    def _clear_histories(self) -> None:
        for store in self.containers:
            for h in store.history.values():
                h.minutes.clear()
                h.events.clear()
                h.states.clear()
            if isinstance(getattr(store, "change_minutes", None), list):
                store.change_minutes.clear()

    @staticmethod
    def _containers(model: ChainModel) -> list[Any]:
        found: list[Any] = [model.stores[s] for s in Store]
        found += [model.departed[Store.ENT], model.departed[Store.GAR], model.pending_deletion]
        return found

    def _world(self, present: list[BoolArray], know: dict[str, BoolArray], empty: int) -> int:
        """The number of a world: every slot's and knowledge field's state (by its number in
        the interner, packed) and the ENT's count of empty structures."""
        numbers = self.memo.interner.number
        arrays = (*present, *(know[f] for f in KNOWLEDGE))
        key = (array.array("I", map(numbers, arrays)).tobytes(), empty)
        found = self.worlds.get(key)
        if found is None:
            found = self.worlds[key] = len(self.worlds)
        return found

    def record(
        self,
        run: Replay,
        key: tuple[object, ...],
        step: Callable[[ChainModel, int | None], None],
        given: int | None,
        load_history: tuple[Category, ...] = (),
        queues: bool = False,
    ) -> Record:
        """The step run on the book's model loaded with ``run``'s state, recorded."""
        model, env = self.model, self.env
        for number, store in enumerate(self.containers):
            categories = CONTAINERS[number][1]
            first = SLOT[CONTAINERS[number][0], categories[0]]
            store.present = {c: run.present[first + i] for i, c in enumerate(categories)}
        for f in KNOWLEDGE:
            setattr(model.know, f, run.know[f])
        siecle = model.stores[Store.SIECLE]
        loaded = dict.fromkeys(siecle.categories, 0)
        for c in load_history:  # a step that reads SIECLE as it was (a night's export)
            siecle.history[c] = _copy(run.histories[SLOT[Store.SIECLE, c]])
            loaded[c] = len(siecle.history[c].minutes)
        model.scenario = run.scenario  # what an effect reads of it is in the key
        model.done = dict(run.done)
        model.ent_empty_structures = run.empty
        model.ent_outside_changes = 0
        model.aaf_full_pending = run.aaf_full_pending
        base = len(run.events)
        cause = None if given is None else run.events[given]
        model.recorder.events = log = _OffsetLog(base, cause)
        env.now, env.acting, env.queued = run.env.now, run.env.acting, 0
        model.found = None
        try:
            step(model, given)
            written = [  # what the stores recorded of the step, slot by slot
                (SLOT[container, c], state, cause)
                for store, (container, _) in zip(self.containers, CONTAINERS, strict=True)
                for c, h in store.history.items()
                for state, cause in itertools.islice(
                    zip(h.states, h.events, strict=True),
                    loaded[c] if store is siecle else 0,
                    None,
                )
            ]
        finally:
            self._clear_histories()

        def cause_of(cause: int | None) -> int | None:
            if cause is None:
                return None
            if cause >= base:
                return cause - base
            if cause == given:
                return -1
            raise NeedsLazy(f"a step names event {cause}, neither its own nor its cause")

        logs = tuple(
            (e.actor, e.kind, e.code, e.store, e.category, e.count, e.detail, cause_of(e.cause))
            for e in list.__iter__(log)
        )
        writes = tuple((slot, state, cast(int, cause_of(cause))) for slot, state, cause in written)
        know = tuple(
            (f, getattr(model.know, f))
            for f in KNOWLEDGE
            if getattr(model.know, f) is not run.know[f]
        )
        sts_changed = any(slot in STS_SLOTS for slot, _, _ in writes)
        if env.queued and (sts_changed or not queues):
            raise NeedsLazy(f"step {key[0]} queues an event")
        present = [self.containers[CONTAINER_OF[i]].present[c] for i, (_, c) in enumerate(SLOTS)]
        stamps: tuple[StampWrite, ...] = ()
        if model.found and model.removes_at_every_import:
            stamps = import_stamps(model.found)
        know_after = {f: getattr(model.know, f) for f in KNOWLEDGE}
        empty = model.ent_empty_structures
        made: Record = (
            self._world(present, know_after, empty),
            writes,
            know,
            logs,
            model.ent_outside_changes,
            empty,
            stamps,
            sts_changed,
            _moves(writes),
        )
        return made

    def replay(
        self,
        run: Replay,
        key: tuple[object, ...],
        step: Callable[[ChainModel, int | None], None],
        given: int | None,
        load_history: tuple[Category, ...] = (),
        queues: bool = False,
    ) -> Record:
        found = self.records.get(key)
        if found is None:
            found = self.records[key] = self.record(run, key, step, given, load_history, queues)
            self.recorded += 1
        else:
            self.replays += 1
            if self.memo.verify:
                again = self.record(run, key, step, given, load_history, queues)
                if not _same_record(found, again):
                    raise MemoMismatch(f"step {key[:2]}: the recorded step differs")
        return found


def _copy(history: History) -> History:
    return History(history.minutes[:], history.events[:], history.states[:])


def _moves(writes: tuple[tuple[int, BoolArray, int], ...]) -> tuple[Any, int, int, int]:
    """What a step's writes move besides the slots: each container's version by its count
    of writes, the changes the channels watch, the bits of what moved, STS-WEB's changes."""
    counts: dict[int, int] = {}
    for slot, _, _ in writes:
        counts[CONTAINER_OF[slot]] = counts.get(CONTAINER_OF[slot], 0) + 1
    touched = 0
    for slot, _, _ in writes:
        touched |= CHANGED[slot]
    return (
        tuple(counts.items()),
        sum(WATCHED[slot] for slot, _, _ in writes),
        touched,
        sum(slot in STS_SLOTS for slot, _, _ in writes),
    )


def _same_record(a: Record, b: Record) -> bool:
    if (a[0], a[3], a[4], a[5], a[7], a[8]) != (b[0], b[3], b[4], b[5], b[7], b[8]):
        return False
    same_writes = len(a[1]) == len(b[1]) and all(
        x[0] == y[0] and x[1] is y[1] and x[2] == y[2] for x, y in zip(a[1], b[1], strict=True)
    )
    same_know = len(a[2]) == len(b[2]) and all(
        x[0] == y[0] and x[1] is y[1] for x, y in zip(a[2], b[2], strict=True)
    )
    same_stamps = len(a[6]) == len(b[6]) and all(
        x[:2] == y[:2] and np.array_equal(x[2], y[2]) and x[3] == y[3]
        for x, y in zip(a[6], b[6], strict=True)
    )
    return same_writes and same_know and same_stamps


def book_for(scenario: Scenario, truth: Truth, clock: Clock, memo: Memo) -> StepBook:
    """``memo``'s book (one per clock: its records hold minutes' days and instants),
    emptied when it holds too many records."""
    book = memo.book
    if not isinstance(book, StepBook) or (book.clock is not clock and book.clock != clock):
        book = memo.book = StepBook(scenario, truth, clock, scenario.seed, memo)
    elif len(book.records) > MAX_RECORDS:
        book.forget()
    return book
