"""The channels over a replay's flat state (:mod:`sim.engine.replay`).

Each is :mod:`sim.engine.channels`' channel with the same ``key`` and ``visit``: what a
run sends is taken from the replication's state, and its landing is a step replayed from
the book (:class:`~sim.engine.steps.StepBook`). Instead of its ``signature``, a channel
says what its key reads (``reads``: bits of :mod:`sim.engine.steps`) and, for a flag that
may move back, its value (``flag``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.domain import (
    CATEGORIES_OF,
    SIECLE_CATEGORIES,
    STRUCTURE_CATEGORIES,
    STS_CATEGORIES,
    USER_CATEGORIES,
    Category,
    Channel,
    Store,
)
from sim.engine.channels import (
    TIMETABLE_FILE,
    ActivationLiens,
    ChannelRunner,
    ExtractionAaf,
    ImportEdtEnt,
    ImportEnt,
    PreDelete,
    StampWrite,
    State,
    StsToSiecleScheduled,
    _full_indexes,
    _full_runs,
)
from sim.engine.lazy import (
    _FIRST,
)
from sim.engine.model import ChainModel
from sim.scenario.model import (
    ExtractionSpec,
    PreDeleteSpec,
    StsToSiecleSpec,
    resolve_rentree,
)

if TYPE_CHECKING:
    from sim.engine.replay import Replay


from sim.engine.steps import (
    AAF_FULL,
    DEPARTED_ENT,
    DONE,
    OUTSIDE,
    PENDING,
    PROFILAGE_DONE,
    SIECLE_SLOTS,
    STS_SLOT_LIST,
    STS_STRUCTURE,
    V_AAF,
    V_DEPARTED,
    V_EDT,
    V_ENT,
    V_PENDING,
    V_PENDING_LINKS,
    V_SIECLE,
    V_STS,
    Record,
    reads_of,
    slots,
)
from sim.truth.facts import BoolArray

# the slots a channel sends, read in one go (a category, an enumeration member, hashes in
# Python: a dictionary of them is made only when a step is recorded)
_LINKS = slots(Store.SIECLE_PENDING, (Category.STUDENT_GROUP,))[0]
_AAF_FILES = CATEGORIES_OF[Store.AAF]
_AAF = slots(Store.AAF, _AAF_FILES)
_EDT_FILE = slots(Store.EDT, TIMETABLE_FILE)
_DEPARTED = slots(DEPARTED_ENT, USER_CATEGORIES)
_PENDING_MARKS = slots(PENDING, USER_CATEGORIES)


def _state(categories: tuple[Category, ...], arrays: list[BoolArray]) -> State:
    return dict(zip(categories, arrays, strict=True))


def send(run: Replay, runner: ChannelRunner, apply: Callable[[], None]) -> None:
    """:meth:`ChannelRunner.deliver` on the replication's queue."""
    env = run.env
    now = env.now
    wait = runner.outage_end(now + runner.delay) - now
    if wait <= 0:
        apply()
    else:
        env.push(now + wait, _FIRST, env.acting, apply)


class Scheduled:
    """A scheduled channel over flat state: :class:`sim.engine.channels.ScheduledChannel`'s
    ``key`` and ``visit``, its batch's files taken from the replication and its landing
    replayed."""

    channel: Channel
    reads: int  # what its key reads (reads_of): when it moves, a later run may move something

    def __init__(self, run: Replay) -> None:
        self.run = run
        self.runner = ChannelRunner(run.frame, self.channel)  # type: ignore[arg-type]
        self.seen: object = None
        self.forced_last = False
        self.flag_seen: object = None  # flag() at the last look after an event

    def forced(self, minute: float) -> bool:
        return False

    def flag(self) -> object:
        """The flag its key reads, besides counters (None: none)."""
        return None

    def key(self, minute: float) -> object:
        raise NotImplementedError

    def batch(self, cause: int, minute: float) -> None:
        raise NotImplementedError

    def visit(self, minute: float) -> bool:
        forced = self.forced(minute)
        key = self.key(minute)
        if key == self.seen:
            return False
        self.seen = key
        self.forced_last = forced
        self.batch(self.run.log(self.channel, "batch", "run"), minute)
        return True

    def deliver(
        self,
        head: tuple[object, ...],
        land: Callable[[ChainModel, int | None], None],
        cause: int,
        then: Callable[[Record], None] | None = None,
    ) -> None:
        run = self.run

        def apply() -> None:
            record = run.step(head, land, cause)
            if then is not None:
                then(record)

        send(run, self.runner, apply)


class _StsScheduled(Scheduled):
    channel = Channel.STS_VERS_SIECLE
    reads = reads_of(Store.STS)

    def key(self, minute: float) -> object:
        return self.run.versions[V_STS]

    def batch(self, cause: int, minute: float) -> None:
        structure = [self.run.present[slot] for slot in STS_STRUCTURE]
        shadow = self.run.book.channels[StsToSiecleScheduled]
        self.deliver(
            ("sts scheduled", *map(id, structure)),
            lambda model, given: shadow.land(_state(STRUCTURE_CATEGORIES, structure), given),
            cause,
        )


class _Activation(Scheduled):
    channel = Channel.ACTIVATION_LIENS
    reads = reads_of(Store.SIECLE_PENDING)

    def key(self, minute: float) -> object:
        return self.run.versions[V_PENDING_LINKS]

    def batch(self, cause: int, minute: float) -> None:
        links = self.run.present[_LINKS]
        shadow = self.run.book.channels[ActivationLiens]
        self.deliver(
            ("activation", id(links)),
            lambda model, given: shadow.land(links, given),
            cause,
        )


class Extraction(Scheduled):
    channel = Channel.EXTRACTION_AAF
    reads = reads_of(Store.SIECLE, Store.STS) | DONE

    def __init__(self, run: Replay) -> None:
        super().__init__(run)
        spec = self.runner.spec
        assert isinstance(spec, ExtractionSpec)
        full_dates = set(spec.full_on)
        if spec.full_at_rentree:
            full_dates.add(resolve_rentree(run.scenario))
        full = (tuple(spec.full_days), frozenset(full_dates))
        minutes = tuple(self.runner.run_times())
        self._full_runs = _full_runs(run.clock, minutes, *full)
        self.full_indexes = _full_indexes(run.clock, minutes, *full)
        self.sts_lag = spec.sts_delay.total_seconds() / 60.0
        # the last files sent: what they were made from, the files, their identities
        self._last: tuple[object, State, tuple[int, ...]] | None = None

    def forced(self, minute: float) -> bool:
        return self._full_runs[minute]

    def _files(self, lagged: float, before: bool) -> State:
        """The AAF files: SIECLE now, STS-WEB as it was ``lagged``."""
        run = self.run
        present, histories = run.present, run.histories
        siecle = [present[slot] for slot in SIECLE_SLOTS]
        sts = [histories[slot].at(lagged) for slot in STS_SLOT_LIST]
        key = (before, *map(id, siecle), *map(id, sts))
        found = run.book.extractions.get(key)
        if found is None:
            found = run.book.extractions[key] = run.book.model.extraction(
                dict(zip(SIECLE_CATEGORIES, siecle, strict=True)),
                dict(zip(STS_CATEGORIES, sts, strict=True)),
                before,
            )
        return found

    def profiled(self) -> bool:
        return bool(self.run.done_mask & PROFILAGE_DONE)

    def flag(self) -> object:
        return self.profiled()

    def visit(self, minute: float) -> bool:
        # Scheduled.visit with the key and the batch in one, what they read read once: the
        # model's key (the minute of a full run, else SIECLE's version, the STS-WEB changes
        # seen a delay late and whether the profilage is done)
        run = self.run
        full = self._full_runs[minute]
        lagged = minute - self.sts_lag
        seen_sts = bisect.bisect_right(run.sts_changes, lagged)
        profiled = bool(run.done_mask & PROFILAGE_DONE)
        inputs = (run.versions[V_SIECLE], seen_sts, profiled)
        key = minute if full else inputs
        if key == self.seen:
            return False
        self.seen = key
        self.forced_last = full
        cause = run.log(self.channel, "batch", "run")
        last = self._last
        if last is not None and last[0] == inputs:
            state, files = last[1], last[2]
        else:
            state = self._files(lagged, not profiled)
            files = tuple(map(id, state.values()))
            self._last = (inputs, state, files)
        if full:
            run.log(Channel.EXTRACTION_AAF, "batch", "full", cause=cause)
        shadow = run.book.channels[ExtractionAaf]

        def pending(_: Record) -> None:
            if full and not run.aaf_full_pending:
                run.aaf_full_pending = True
                run.touched |= AAF_FULL

        self.deliver(
            ("extraction", full, *files),
            lambda model, given: shadow.land(state, full, given),
            cause,
            pending,
        )
        return True


class _ImportEnt(Scheduled):
    channel = Channel.IMPORT_ENT
    reads = reads_of(Store.AAF) | OUTSIDE | AAF_FULL

    def full_pending(self) -> bool:
        return self.run.aaf_full_pending and not self.run.removes_at_every_import

    def flag(self) -> object:
        return self.full_pending()

    def forced(self, minute: float) -> bool:
        return self.full_pending()

    def key(self, minute: float) -> object:
        if self.forced(minute):
            return minute
        return self.run.versions[V_AAF], self.run.outside

    def batch(self, cause: int, minute: float) -> None:
        run = self.run
        files = [run.present[slot] for slot in _AAF]
        full = run.aaf_full_pending
        if full:
            run.aaf_full_pending = False
            run.touched |= AAF_FULL
        shadow = run.book.channels[ImportEnt]

        def stamped(record: Record) -> None:
            if record[6]:
                run.stamps.apply(record[6], minute)  # the run's minute, not its end

        self.deliver(
            ("import ent", full, *map(id, files)),
            lambda model, given: shadow.land(_state(_AAF_FILES, files), full, given, minute),
            cause,
            stamped,
        )


class _ImportEdtEnt(Scheduled):
    channel = Channel.IMPORT_EDT_ENT
    reads = reads_of(Store.EDT, Store.ENT)

    def key(self, minute: float) -> object:
        return self.run.versions[V_EDT], self.run.versions[V_ENT]

    def batch(self, cause: int, minute: float) -> None:
        file = [self.run.present[slot] for slot in _EDT_FILE]
        shadow = self.run.book.channels[ImportEdtEnt]
        self.deliver(
            ("import edt", *map(id, file)),
            lambda model, given: shadow.land(_state(TIMETABLE_FILE, file), given),
            cause,
        )


class PreDeleteNights:
    """:class:`sim.engine.channels.PreDelete` over flat state."""

    channel = Channel.PRESUPPRESSION_ENT
    reads = reads_of(DEPARTED_ENT, PENDING)

    def __init__(self, run: Replay) -> None:
        self.run = run
        self.runner = ChannelRunner(run.frame, self.channel)  # type: ignore[arg-type]
        spec = self.runner.spec
        assert isinstance(spec, PreDeleteSpec)
        self.after = spec.after.total_seconds() / 60.0
        self.delete_after = spec.delete_after.total_seconds() / 60.0
        self._first_due: tuple[tuple[int, int], float] | None = None
        self._rounded: list[int] | None = None
        self.flag_seen: object = None

    def flag(self) -> object:
        return None

    def rounded(self, minutes: list[float]) -> list[int]:
        if self._rounded is None:
            self._rounded = [round(m) for m in minutes]
        return self._rounded

    def marks(self) -> tuple[State, State]:
        run = self.run
        present = run.present
        return (
            _state(USER_CATEGORIES, [present[slot] for slot in _DEPARTED]),
            _state(USER_CATEGORIES, [present[slot] for slot in _PENDING_MARKS]),
        )

    def marked(self) -> tuple[BoolArray, BoolArray]:
        """The departed users and the pending deletions, end to end (as the stamps)."""
        present = self.run.present
        return (
            np.concatenate([present[slot] for slot in _DEPARTED]),
            np.concatenate([present[slot] for slot in _PENDING_MARKS]),
        )

    def first_due_minute(self) -> float:
        key = (self.run.versions[V_DEPARTED], self.run.versions[V_PENDING])
        if self._first_due is None or self._first_due[0] != key:
            self._first_due = (key, self.run.stamps.first_due(*self.marked(), self.after))
        return self._first_due[1]

    def night(self, minute: float) -> str:
        run = self.run
        if round(minute) < self.first_due_minute():
            return "early"
        stamps = run.stamps
        due = stamps.due(*self.marked(), self.after, minute)
        if not (due[0].any() or due[1].any()):
            return "idle"
        if self.runner.down_at(minute):
            run.log(self.channel, "batch", "outage")
            return "outage"
        cause = run.log(self.channel, "batch", "run")
        eligible, deleted = self.payload(*due)
        shadow = run.book.channels[PreDelete]

        def apply() -> None:
            run.step(
                ("pre-delete", *map(id, eligible.values()), *map(id, deleted.values())),
                lambda model, given: shadow.land(eligible, deleted, given),
                cause,
            )
            run.stamps.pre_delete(*due, run.env.now + self.delete_after)

        send(run, self.runner, apply)
        return "run"

    def payload(self, eligible: BoolArray, deleted: BoolArray) -> tuple[State, State]:
        """What a night sends, by category and interned, found by its content."""
        run = self.run
        key = np.packbits(eligible).tobytes() + np.packbits(deleted).tobytes()
        found = run.book.pre_deletions.get(key)
        if found is None:
            interner = run.book.memo.interner
            assert interner is not None
            stamps = run.stamps
            found = run.book.pre_deletions[key] = tuple(  # type: ignore[assignment]
                _state(USER_CATEGORIES, [interner.canonical(a) for a in stamps.split(users)])
                for users in (eligible, deleted)
            )
        return found  # type: ignore[return-value]


class FlatStamps:
    """The stamps of departed accounts (:data:`sim.engine.channels.Stamps`), each table as
    one array over the user categories end to end: the pre-delete's look at them is a few
    array operations, not a few per category. The same results as
    :func:`sim.engine.channels.first_due` and :func:`~sim.engine.channels.users_due`."""

    def __init__(self, sizes: list[int]) -> None:
        ends = np.cumsum([0, *sizes]).tolist()
        self.spans = dict(zip(USER_CATEGORIES, itertools.pairwise(ends), strict=True))
        self.tables = (np.full(ends[-1], np.nan), np.full(ends[-1], np.nan))

    def apply(self, writes: tuple[StampWrite, ...], minute: float) -> None:
        for table, category, users, offset in writes:
            start, stop = self.spans[category]
            self.tables[table][start:stop][users] = np.nan if offset is None else minute + offset

    def pre_delete(self, eligible: BoolArray, deleted: BoolArray, due: float) -> None:
        """:func:`sim.engine.channels.pre_delete_stamps` applied, on the categories at once:
        the users pre-deleted fall due at ``due``, the deleted accounts are unstamped."""
        disappeared, deletion = self.tables
        disappeared[eligible] = np.nan
        deletion[eligible] = due
        deletion[deleted] = np.nan

    def split(self, users: BoolArray) -> list[BoolArray]:
        return [users[start:stop] for start, stop in self.spans.values()]

    def first_due(self, departed: BoolArray, pending: BoolArray, after: float) -> float:
        found = np.inf
        for times, marked, offset in (
            (self.tables[0], departed, after),
            (self.tables[1], pending, 0.0),
        ):
            # the earliest time of a marked user; rounding the earliest is the earliest
            # rounded, rounding being monotone
            first = np.fmin.reduce(times, where=marked, initial=np.inf)
            if first < np.inf:
                found = min(found, float(np.round(first)) + offset)
        return found

    def due(
        self, departed: BoolArray, pending: BoolArray, after: float, minute: float
    ) -> tuple[BoolArray, BoolArray]:
        now = round(minute)
        eligible = departed & (now - np.round(self.tables[0]) >= after)  # NaN compares False
        deleted = pending & (np.round(self.tables[1]) <= now)
        return eligible, deleted


def channels_over(run: Replay) -> list[Any]:
    """The scenario's channels but the GAR export (worked out afterwards), in chain order,
    as :func:`sim.engine.channels.channels_of`."""
    spec = run.scenario.channels.sts_vers_siecle
    assert isinstance(spec, StsToSiecleSpec)
    found: list[Any] = []
    if spec.mode == "scheduled":
        found.append(_StsScheduled(run))
    else:
        run.continuous_runner = ChannelRunner(run.frame, Channel.STS_VERS_SIECLE)  # type: ignore[arg-type]
        run.sts_seen = run.snapshot(Store.STS, STRUCTURE_CATEGORIES)
        run.armed = True
    found += [_Activation(run), Extraction(run)]
    if run.scenario.etablissement.ent_groups_from_timetable:
        found.append(_ImportEdtEnt(run))
    found += [_ImportEnt(run), PreDeleteNights(run)]
    return found
