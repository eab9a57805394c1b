"""The automatic channels, each moving whole arrays of facts per batch.

A channel is an object with the steps of one run (``key``, ``batch``, ``visit``) and a
SimPy ``process`` that calls them at each scheduled minute. The lazy engine
(:mod:`sim.engine.lazy`) calls the same steps, at the runs where something can move.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable, Generator
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np
import simpy

from sim.calendar import Clock
from sim.domain import (
    SIECLE_CATEGORIES,
    STRUCTURE_CATEGORIES,
    STS_CATEGORIES,
    USER_CATEGORIES,
    Category,
    Channel,
    Operation,
    Store,
)
from sim.engine.model import ChainModel, resume_instants
from sim.scenario.model import ChannelSpec, ExtractionSpec, PreDeleteSpec, StsToSiecleSpec
from sim.truth.facts import BoolArray, FloatArray

Process = Generator[simpy.Event, Any, None]
State = dict[Category, BoolArray]


def _minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60.0


@lru_cache(maxsize=256)
def _run_times(
    clock: Clock, start: dt.date, end: dt.date, at: dt.time, days: tuple[int, ...]
) -> list[float]:
    """The same for every replication of a lycée: computed once (callers only read it)."""
    found = []
    day = start
    while day <= end:
        if day.weekday() in days:
            found.append(clock.day_minutes(day, at))
        day += dt.timedelta(days=1)
    return found


@lru_cache(maxsize=256)
def _run_instants(
    clock: Clock, start: dt.date, end: dt.date, at: dt.time, days: tuple[int, ...], actor: str
) -> list[float]:
    return resume_instants(_run_times(clock, start, end, at, days), actor)


@lru_cache(maxsize=4096)
def _full_day(
    clock: Clock, minute: float, days: tuple[int, ...], dates: frozenset[dt.date]
) -> bool:
    day = clock.instant(minute).date()
    return day.weekday() in days or day in dates


@lru_cache(maxsize=64)
def _full_runs(
    clock: Clock, minutes: tuple[float, ...], days: tuple[int, ...], dates: frozenset[dt.date]
) -> dict[float, bool]:
    return {minute: _full_day(clock, minute, days, dates) for minute in minutes}


@lru_cache(maxsize=64)
def _full_indexes(
    clock: Clock, minutes: tuple[float, ...], days: tuple[int, ...], dates: frozenset[dt.date]
) -> tuple[int, ...]:
    full = _full_runs(clock, minutes, days, dates)
    return tuple(k for k, minute in enumerate(minutes) if full[minute])


class ChannelRunner:
    """Schedule, outages and delivery of one channel."""

    def __init__(self, model: ChainModel, channel: Channel) -> None:
        self.model = model
        self.channel = channel
        self.spec: ChannelSpec = model.scenario.channels.get(channel)
        self.inputs_seen: object = None
        self.outages = [
            (model.instant_of(o.start), model.instant_of(o.end)) for o in self.spec.outages
        ]
        self.delay = _minutes(self.spec.delay)

    def down_at(self, minute: float) -> bool:
        return any(start <= minute < end for start, end in self.outages)

    def outage_end(self, minute: float) -> float:
        for start, end in self.outages:
            if start <= minute < end:
                return end
        return minute

    def lands_in_order(self) -> bool:
        """Whether what the channel sends lands in the order it was sent, whatever its delay:
        so when no two outages overlap (the first listed one that holds an instant sets
        when a delivery lands, and a later run could otherwise land before an earlier one)."""
        spans = sorted(self.outages)
        return all(after[0] >= before[1] for before, after in itertools.pairwise(spans))

    def inputs_changed(self, key: object) -> bool:
        """Whether the batch's inputs differ from the last run's (else the run moves nothing)."""
        if key == self.inputs_seen:
            return False
        self.inputs_seen = key
        return True

    def run_times(self) -> list[float]:
        """Scheduled run minutes over the window: daily at ``at`` on ``days``."""
        calendar = self.model.scenario.calendar
        return _run_times(
            self.model.clock, calendar.start, calendar.end, self.spec.at, tuple(self.spec.days)
        )

    def run_instants(self) -> list[float]:
        """The instants SimPy runs them at (each run's minute shifted by the rank)."""
        calendar = self.model.scenario.calendar
        return _run_instants(
            self.model.clock,
            calendar.start,
            calendar.end,
            self.spec.at,
            tuple(self.spec.days),
            self.channel,
        )

    def down_flags(self, minutes: list[float]) -> list[bool]:
        """:meth:`down_at` of each of ``minutes`` (in increasing order)."""
        flags = [False] * len(minutes)
        for start, end in self.outages:
            first, stop = bisect.bisect_left(minutes, start), bisect.bisect_left(minutes, end)
            flags[first:stop] = [True] * max(0, stop - first)
        return flags

    def deliver(self, apply: Callable[[], None]) -> None:
        """Apply ``apply`` after the channel's delay (postponed past an outage)."""
        now = self.model.env.now
        land = self.outage_end(now + self.delay)
        wait = land - now
        if wait <= 0:
            apply()
        else:
            self.model.env.timeout(wait).callbacks.append(lambda _: apply())


class ScheduledChannel:
    """A channel that runs at fixed minutes, and only when its inputs changed (``key``)."""

    channel: ClassVar[Channel]

    def __init__(self, model: ChainModel) -> None:
        self.model = model
        self.runner = ChannelRunner(model, self.channel)
        self.forced_last = False  # whether the last run that ran was forced

    def key(self, minute: float) -> object:
        """What the run reads: a run with the same key as the last one moves nothing."""
        raise NotImplementedError

    def forced(self, minute: float) -> bool:
        """Whether the run at ``minute`` runs whatever it reads (its key is the minute)."""
        return False

    def signature(self) -> tuple[object, ...]:
        """The counters ``key`` reads, now: when they change, a later run may move something."""
        raise NotImplementedError

    def batch(self, cause: int, minute: float) -> None:
        raise NotImplementedError

    def visit(self, minute: float) -> bool:
        """The run at ``minute`` (not down): runs the batch when the inputs changed."""
        forced = self.forced(minute)
        if not self.runner.inputs_changed(self.key(minute)):
            return False
        self.forced_last = forced
        self.batch(self.model.log(self.channel, "batch", "run"), minute)
        return True

    def process(self) -> Process:
        for minute in self.runner.run_times():
            yield self.model.wait_until(minute, self.channel)
            if self.runner.down_at(minute):
                self.model.log(self.channel, "batch", "outage")
                continue
            self.visit(minute)


class StsToSiecleScheduled(ScheduledChannel):
    """STS-WEB's structure reaches SIECLE by a nightly copy."""

    channel = Channel.STS_VERS_SIECLE

    def __init__(self, model: ChainModel) -> None:
        super().__init__(model)
        self.sts, self.siecle = model.stores[Store.STS], model.stores[Store.SIECLE]

    def key(self, minute: float) -> object:
        return self.sts.version

    def signature(self) -> tuple[object, ...]:
        return (self.sts.version,)

    def batch(self, cause: int, minute: float) -> None:
        structure = self.sts.snapshot(STRUCTURE_CATEGORIES)
        self.runner.deliver(lambda: self.land(structure, cause))

    def land(self, structure: State, cause: int) -> None:
        self.model.copy_structure_to_siecle(structure, cause)


class StsToSiecleContinuous:
    """STS-WEB's structure reaches SIECLE after each change (the default): the difference
    since the last copy is applied to SIECLE as it is when it lands. No schedule, so no
    outage either."""

    channel = Channel.STS_VERS_SIECLE

    def __init__(self, model: ChainModel) -> None:
        self.model = model
        self.runner = ChannelRunner(model, self.channel)
        self.sts, self.siecle = model.stores[Store.STS], model.stores[Store.SIECLE]
        self.seen = self.sts.snapshot(STRUCTURE_CATEGORIES)

    def catch_up(self) -> None:
        """Send the difference between STS-WEB's structure and SIECLE's, as the copy would
        have (SIECLE's was just observed: what it lacks was in transit)."""
        self.seen = self.siecle.snapshot(STRUCTURE_CATEGORIES)
        self.on_change()

    def on_change(self) -> None:
        """STS-WEB changed: send the difference, if any."""
        now = self.sts.snapshot(STRUCTURE_CATEGORIES)
        memo = self.model.memo
        diff = memo.call("sts_difference", _difference, (now, self.seen))
        if not diff:
            return
        self.seen = now
        cause = self.model.log(self.channel, "batch", "run")
        self.runner.deliver(lambda: self.land(diff, cause))

    def land(self, diff: tuple[State, ...], cause: int) -> None:
        """What STS-WEB added and removed, applied to SIECLE as it is now."""
        siecle = self.siecle.snapshot(STRUCTURE_CATEGORIES)
        state = self.model.memo.call("sts_applied", _applied, (siecle, *diff))
        self.model.copy_structure_to_siecle(state, cause)

    def process(self) -> Process:
        while True:
            yield self.sts.changed
            self.on_change()


def _difference(now: State, seen: State) -> tuple[State, ...]:
    """What STS-WEB's structure adds to ``seen`` and removes from it (empty: nothing; not
    None, which the memo takes for a result not computed yet)."""
    added = {c: now[c] & ~seen[c] for c in STRUCTURE_CATEGORIES}
    removed = {c: seen[c] & ~now[c] for c in STRUCTURE_CATEGORIES}
    if not any(added[c].any() or removed[c].any() for c in STRUCTURE_CATEGORIES):
        return ()
    return added, removed


def _applied(siecle: State, added: State, removed: State) -> State:
    return {c: (siecle[c] | added[c]) & ~removed[c] for c in STRUCTURE_CATEGORIES}


class ActivationLiens(ScheduledChannel):
    channel = Channel.ACTIVATION_LIENS

    def __init__(self, model: ChainModel) -> None:
        super().__init__(model)
        self.pending = model.stores[Store.SIECLE_PENDING]

    def key(self, minute: float) -> object:
        return self.pending.version

    def signature(self) -> tuple[object, ...]:
        return (self.pending.version,)

    def batch(self, cause: int, minute: float) -> None:
        links = self.pending[Category.STUDENT_GROUP]
        self.runner.deliver(lambda: self.land(links, cause))

    def land(self, links: BoolArray, cause: int) -> None:
        self.model.know.siecle_activated = links
        self.model.refresh_siecle(cause)


class ExtractionAaf(ScheduledChannel):
    """Nightly extraction of SIECLE and (one night later) STS-WEB into the AAF."""

    channel = Channel.EXTRACTION_AAF

    def __init__(self, model: ChainModel) -> None:
        super().__init__(model)
        spec = self.runner.spec
        assert isinstance(spec, ExtractionSpec)
        full_dates = set(spec.full_on)
        if spec.full_at_rentree:
            full_dates.add(model.rentree)
        self._full = (tuple(spec.full_days), frozenset(full_dates))
        # whether each scheduled run is a full one: the same for every replication
        minutes = tuple(self.runner.run_times())
        self._full_runs = _full_runs(model.clock, minutes, *self._full)
        # the indexes of the full runs among the scheduled ones
        self.full_indexes = _full_indexes(model.clock, minutes, *self._full)
        self._last: tuple[object, State] | None = None
        self.sts_lag = _minutes(spec.sts_delay)
        self.siecle, self.sts, self.aaf = (
            model.stores[s] for s in (Store.SIECLE, Store.STS, Store.AAF)
        )

    def full_at(self, minute: float) -> bool:
        found = self._full_runs.get(minute)
        return _full_day(self.model.clock, minute, *self._full) if found is None else found

    def forced(self, minute: float) -> bool:
        return self.full_at(minute)  # a full extraction always runs

    def key(self, minute: float) -> object:
        if self.forced(minute):
            return minute
        return self.siecle.version, self.sts.version_at(minute - self.sts_lag), self.profiled()

    def signature(self) -> tuple[object, ...]:
        return (self.siecle.version, self.sts.version, self.profiled())

    def profiled(self) -> bool:
        """Whether SIECLE is in its new year: a profilage that moves nothing in SIECLE (its
        leavers already gone) still takes their last-year memberships out of the files."""
        return Operation.PROFILAGE in self.model.done

    def batch(self, cause: int, minute: float) -> None:
        model = self.model
        full = self.full_at(minute)
        lagged = minute - self.sts_lag
        before = not self.profiled()
        inputs = (self.siecle.version, self.sts.version_at(lagged), before)
        if self._last is not None and self._last[0] == inputs:
            state = self._last[1]  # equal versions, equal contents: the same files again
        else:
            state = model.extraction(
                {c: self.siecle[c] for c in SIECLE_CATEGORIES},
                {c: self.sts.state_at(c, lagged) for c in STS_CATEGORIES},
                before,
            )
            self._last = (inputs, state)
        if full:
            model.log(Channel.EXTRACTION_AAF, "batch", "full", cause=cause)
        self.runner.deliver(lambda: self.land(state, full, cause))

    def land(self, state: State, full: bool, cause: int) -> None:
        self.aaf.update(state, cause)
        self.model.aaf_full_pending = self.model.aaf_full_pending or full


class ImportEnt(ScheduledChannel):
    """The ENT editor imports the AAF files (rules 7 and 8)."""

    channel = Channel.IMPORT_ENT

    def __init__(self, model: ChainModel) -> None:
        super().__init__(model)
        self.aaf, self.ent = model.stores[Store.AAF], model.stores[Store.ENT]

    def forced(self, minute: float) -> bool:
        return self.full_pending()

    def full_pending(self) -> bool:
        """A full extraction waits for the import, and only a full import removes the absent
        users (``full_only``): that import runs whatever it reads."""
        return self.model.aaf_full_pending and not self.model.removes_at_every_import

    def key(self, minute: float) -> object:
        if self.forced(minute):
            return minute
        return self.aaf.version, self.model.ent_outside_changes

    def signature(self) -> tuple[object, ...]:
        return (self.aaf.version, self.model.ent_outside_changes, self.full_pending())

    def batch(self, cause: int, minute: float) -> None:
        model = self.model
        files = self.aaf.snapshot()
        full = model.aaf_full_pending
        model.aaf_full_pending = False
        self.runner.deliver(lambda: self.land(files, full, cause, minute))

    def land(self, files: State, full: bool, cause: int, minute: float) -> None:
        model = self.model
        departed, pending = model.departed[Store.ENT], model.pending_deletion
        found = model.import_outcome(
            files, self.ent.snapshot(), departed.snapshot(), pending.snapshot(), full
        )
        state, marks = found["state"], found["marks"]
        if model.removes_at_every_import:
            apply_stamps(model.stamps, import_stamps(found), minute)  # the run, not its end
        for c in USER_CATEGORIES:
            if model.removes_at_every_import:
                pending.set(c, found["pending", c], cause)
                model.apply_rule(
                    Channel.IMPORT_ENT,
                    "users_restored",
                    store=Store.ENT,
                    category=c,
                    count=found["restored", c],
                    cause=cause,
                )
            model.apply_rule(
                Channel.IMPORT_ENT,
                "users_disappeared" if model.removes_at_every_import else "users_removed",
                store=Store.ENT,
                category=c,
                count=found["gone_count", c],
                cause=cause,
            )
        empty = found["empty"]
        if empty != model.ent_empty_structures:
            model.ent_empty_structures = empty
            model.apply_rule(
                Channel.IMPORT_ENT, "empty_structures", store=Store.ENT, count=empty, cause=cause
            )
        self.ent.update(state, cause)
        departed.update(marks, cause)


class ImportEdtEnt(ScheduledChannel):
    """The ENT's own timetable import (rule 13): only for a structure whose groups come
    from the timetable software."""

    channel = Channel.IMPORT_EDT_ENT

    def __init__(self, model: ChainModel) -> None:
        super().__init__(model)
        self.edt, self.ent = model.stores[Store.EDT], model.stores[Store.ENT]

    # the ENT's users change too: a student imported from the AAF takes its groups next time
    def key(self, minute: float) -> object:
        return self.edt.version, self.ent.version

    def signature(self) -> tuple[object, ...]:
        return (self.edt.version, self.ent.version)

    def batch(self, cause: int, minute: float) -> None:
        file = self.edt.snapshot(TIMETABLE_FILE)
        self.runner.deliver(lambda: self.land(file, cause))

    def land(self, file: State, cause: int) -> None:
        model = self.model
        state = model.ent_state_after_timetable(
            file, self.ent.snapshot(), model.departed[Store.ENT].snapshot()
        )
        self.ent.update(state, cause)


class ExportGar(ScheduledChannel):
    """The ENT's nightly export to GAR: full files, in GAR after the integration delay.
    Departed users still in the ENT go too (gar-connector), with their mark."""

    channel = Channel.EXPORT_GAR

    def __init__(self, model: ChainModel) -> None:
        super().__init__(model)
        self.ent, self.gar = model.stores[Store.ENT], model.stores[Store.GAR]
        self.ent_departed = model.departed[Store.ENT]
        self.gar_departed = model.departed[Store.GAR]

    def key(self, minute: float) -> object:
        return self.ent.version, self.ent_departed.version

    def signature(self) -> tuple[object, ...]:
        return (self.ent.version, self.ent_departed.version)

    def batch(self, cause: int, minute: float) -> None:
        state, marks = self.files(self.ent.snapshot(), self.ent_departed.snapshot())
        self.runner.deliver(lambda: self.land(state, marks, cause))

    def files(self, ent: State, departed: State) -> tuple[State, State]:
        """What GAR receives of the ENT's users and classes, and of their departed marks
        (once per distinct ENT: its states are interned when runs share a memo)."""
        found: tuple[State, State] = self.model.memo.by_identity(
            "gar_files", (*ent.values(), *departed.values()), lambda: self._files(ent, departed)
        )
        return found

    def _files(self, ent: State, departed: State) -> tuple[State, State]:
        state = self.model.gar_export(ent)
        marks = self.model.memo.call(
            "gar_marks", _gar_marks, (departed, state), (self.gar_departed.categories,)
        )
        return state, marks

    def land(self, state: State, marks: State, cause: int) -> None:
        self.gar.update(state, cause)
        self.gar_departed.update(marks, cause)


def _gar_marks(departed: State, sent: State, categories: tuple[Category, ...]) -> State:
    """The departed users GAR receives, with their mark."""
    return {c: departed[c] & sent[c] for c in categories}


class PreDelete:
    """entcore's daily pre-delete: users disappeared for ``after`` lose every link and their
    GAR export; their accounts are deleted ``delete_after`` later (rule 8). A night runs
    only when something is due, and only then can it meet an outage."""

    channel = Channel.PRESUPPRESSION_ENT

    def __init__(self, model: ChainModel) -> None:
        self.model = model
        self.runner = ChannelRunner(model, self.channel)
        spec = self.runner.spec
        assert isinstance(spec, PreDeleteSpec)
        self.after, self.delete_after = _minutes(spec.after), _minutes(spec.delete_after)
        self.ent = model.stores[Store.ENT]
        self.departed, self.pending = model.departed[Store.ENT], model.pending_deletion
        self._first_due: tuple[tuple[int, int], float] | None = None

    def signature(self) -> tuple[object, ...]:
        return (self.departed.version, self.pending.version)

    def due(self, minute: float) -> tuple[State, State]:
        return users_due(
            self.departed.present, self.pending.present, self.model.stamps, self.after, minute
        )

    def first_due_minute(self) -> float:
        """The first minute anything falls due. The marks' times change only with the
        marks: recomputed when they change, not every night."""
        key = (self.departed.version, self.pending.version)
        if self._first_due is None or self._first_due[0] != key:
            found = first_due(
                self.departed.present, self.pending.present, self.model.stamps, self.after
            )
            self._first_due = (key, found)
        return self._first_due[1]

    def night(self, minute: float) -> str:
        """One night: ``early`` (before anything can be due), ``idle`` (nothing due),
        ``outage`` or ``run``."""
        if round(minute) < self.first_due_minute():
            return "early"
        eligible, deleted = self.due(minute)
        if not any(a.any() for a in (*eligible.values(), *deleted.values())):
            return "idle"
        if self.runner.down_at(minute):
            self.model.log(self.channel, "batch", "outage")
            return "outage"
        cause = self.model.log(self.channel, "batch", "run")
        self.runner.deliver(lambda: self.land(eligible, deleted, cause))
        return "run"

    def land(self, eligible: State, deleted: State, cause: int) -> None:
        model = self.model
        for c in USER_CATEGORIES:
            for code, users in (("users_pre_deleted", eligible), ("accounts_deleted", deleted)):
                model.apply_rule(
                    self.channel,
                    code,
                    store=Store.ENT,
                    category=c,
                    count=int(np.count_nonzero(users[c])),
                    cause=cause,
                )
        apply_stamps(
            model.stamps, pre_delete_stamps(eligible, deleted, self.delete_after), model.env.now
        )
        self.ent.update(model.without_users(self.ent.snapshot(), eligible), cause)
        self.departed.update({c: self.departed[c] & ~eligible[c] for c in USER_CATEGORIES}, cause)
        self.pending.update(
            {c: (self.pending[c] | eligible[c]) & ~deleted[c] for c in USER_CATEGORIES}, cause
        )
        model.ent_outside_changes += 1

    def process(self) -> Process:
        for minute in self.runner.run_times():
            yield self.model.wait_until(minute, self.channel)
            self.night(minute)


ChannelProcess = ScheduledChannel | StsToSiecleContinuous | PreDelete

# what a departed user's account is stamped with (ChainModel.stamps): when it disappeared
# from the AAF, and when its pre-deletion falls due (NaN: not stamped)
Stamps = tuple[dict[Category, FloatArray], dict[Category, FloatArray]]
# a stamp written on some users: (0 the disappearance, 1 the deletion; category; users;
# the stamp as an offset from the minute it is applied at, None for NaN)
StampWrite = tuple[int, Category, BoolArray, float | None]
TIMETABLE_FILE = (Category.GROUPS, Category.STUDENT_GROUP, Category.SERVICES)


def import_stamps(found: dict[object, Any]) -> tuple[StampWrite, ...]:
    """The stamps an ENT import writes (``found``: its outcome), when it removes absent
    users at every import: the users gone stamped with the run's minute, those back or
    returning unstamped."""
    writes: list[StampWrite] = []
    for c in USER_CATEGORIES:
        if found["gone_count", c]:
            writes.append((0, c, found["gone", c], 0.0))
        if found["back_count", c]:
            writes.append((0, c, found["back", c], None))
        if found["returning_count", c]:
            writes.append((1, c, found["returning", c], None))
    return tuple(writes)


def pre_delete_stamps(
    eligible: State, deleted: State, delete_after: float
) -> tuple[StampWrite, ...]:
    """The stamps a pre-delete writes: its users' deletion falls due ``delete_after`` after
    it lands; the deleted accounts are unstamped."""
    writes: list[StampWrite] = []
    for c in USER_CATEGORIES:
        writes += [(0, c, eligible[c], None), (1, c, eligible[c], delete_after)]
        writes.append((1, c, deleted[c], None))
    return tuple(writes)


def apply_stamps(stamps: Stamps, writes: tuple[StampWrite, ...], minute: float) -> None:
    for table, category, users, offset in writes:
        stamps[table][category][users] = np.nan if offset is None else minute + offset


def users_due(
    departed: State, pending: State, stamps: Stamps, after: float, minute: float
) -> tuple[State, State]:
    """The departed users the pre-delete takes at ``minute``, and the accounts it deletes."""
    disappeared_at, deletion_due = stamps
    now = round(minute)
    with np.errstate(invalid="ignore"):
        eligible = {
            c: departed[c] & (now - np.round(disappeared_at[c]) >= after) for c in USER_CATEGORIES
        }
        deleted = {c: pending[c] & (np.round(deletion_due[c]) <= now) for c in USER_CATEGORIES}
    return eligible, deleted


def first_due(departed: State, pending: State, stamps: Stamps, after: float) -> float:
    """The first minute the pre-delete finds anything due (infinite: never)."""
    found = [np.inf]
    for c in USER_CATEGORIES:
        for times, marked, offset in (
            (stamps[0][c], departed[c], after),
            (stamps[1][c], pending[c], 0.0),
        ):
            # the earliest time of a marked user (fmin passes over the unset ones); rounding
            # the earliest is the earliest rounded, rounding being monotone
            first = np.fmin.reduce(times, where=marked, initial=np.inf)
            if first < np.inf:
                found.append(float(np.round(first)) + offset)
    return min(found)


def channels_of(model: ChainModel) -> list[ChannelProcess]:
    """The scenario's channels, in chain order (the timetable import only under rule 13)."""
    found: list[ChannelProcess] = []
    spec = model.scenario.channels.sts_vers_siecle
    assert isinstance(spec, StsToSiecleSpec)
    found.append(
        StsToSiecleScheduled(model) if spec.mode == "scheduled" else StsToSiecleContinuous(model)
    )
    found += [ActivationLiens(model), ExtractionAaf(model)]
    if model.groups_from_timetable:
        found.append(ImportEdtEnt(model))
    found += [ImportEnt(model), PreDelete(model), ExportGar(model)]
    return found
