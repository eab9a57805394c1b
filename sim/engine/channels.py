"""The automatic channels: one SimPy process each, moving whole arrays of facts per batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator
from functools import lru_cache
from typing import Any

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
from sim.engine.model import ChainModel
from sim.scenario.model import ChannelSpec, ExtractionSpec, PreDeleteSpec, StsToSiecleSpec
from sim.truth.facts import BoolArray

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

    def down_at(self, minute: float) -> bool:
        return any(start <= minute < end for start, end in self.outages)

    def outage_end(self, minute: float) -> float:
        for start, end in self.outages:
            if start <= minute < end:
                return end
        return minute

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

    def deliver(self, apply: Callable[[], None]) -> None:
        """Apply ``apply`` after the channel's delay (postponed past an outage)."""
        land = self.outage_end(self.model.env.now + _minutes(self.spec.delay))
        wait = land - self.model.env.now
        if wait <= 0:
            apply()
        else:
            self.model.env.timeout(wait).callbacks.append(lambda _: apply())

    def scheduled(
        self, batch: Callable[[int, float], None], inputs: Callable[[float], object]
    ) -> Process:
        """Run ``batch`` at each scheduled minute when ``inputs(minute)`` changed since the
        last run (a run over unchanged inputs moves nothing and is not logged)."""
        for minute in self.run_times():
            yield self.model.wait_until(minute, self.channel)
            if self.down_at(minute):
                self.model.log(self.channel, "batch", "outage")
                continue
            if self.inputs_changed(inputs(minute)):
                batch(self.model.log(self.channel, "batch", "run"), minute)


def sts_vers_siecle(model: ChainModel) -> Process:
    runner = ChannelRunner(model, Channel.STS_VERS_SIECLE)
    spec = runner.spec
    assert isinstance(spec, StsToSiecleSpec)
    sts, siecle = model.stores[Store.STS], model.stores[Store.SIECLE]

    def copy(structure: State, cause: int) -> None:
        siecle.update(structure, cause)
        model.refresh_siecle(cause)

    if spec.mode == "scheduled":

        def batch(cause: int, _: float) -> None:
            structure = sts.snapshot(STRUCTURE_CATEGORIES)
            runner.deliver(lambda: copy(structure, cause))

        yield from runner.scheduled(batch, lambda _: sts.version)
        return

    seen = sts.snapshot(STRUCTURE_CATEGORIES)
    while True:
        yield sts.changed
        now = sts.snapshot(STRUCTURE_CATEGORIES)
        diff = {c: (now[c] & ~seen[c], seen[c] & ~now[c]) for c in STRUCTURE_CATEGORIES}
        if not any(a.any() or r.any() for a, r in diff.values()):
            continue
        seen = now
        cause = model.log(Channel.STS_VERS_SIECLE, "batch", "run")

        def apply(
            diff: dict[Category, tuple[BoolArray, BoolArray]] = diff, cause: int = cause
        ) -> None:
            copy({c: (siecle[c] | added) & ~removed for c, (added, removed) in diff.items()}, cause)

        runner.deliver(apply)


def activation_liens(model: ChainModel) -> Process:
    runner = ChannelRunner(model, Channel.ACTIVATION_LIENS)
    pending = model.stores[Store.SIECLE_PENDING]

    def batch(cause: int, _: float) -> None:
        links = pending[Category.STUDENT_GROUP]

        def apply() -> None:
            model.know.siecle_activated = links
            model.refresh_siecle(cause)

        runner.deliver(apply)

    yield from runner.scheduled(batch, lambda _: pending.version)


def extraction_aaf(model: ChainModel) -> Process:
    """Nightly extraction of SIECLE and (one night later) STS-WEB into the AAF."""
    runner = ChannelRunner(model, Channel.EXTRACTION_AAF)
    spec = runner.spec
    assert isinstance(spec, ExtractionSpec)
    siecle, sts, aaf = (model.stores[s] for s in (Store.SIECLE, Store.STS, Store.AAF))
    sts_lag = _minutes(spec.sts_delay)
    full_dates = set(spec.full_on)
    if spec.full_at_rentree:
        full_dates.add(model.rentree)

    def batch(cause: int, minute: float) -> None:
        day = model.clock.instant(minute).date()
        full = day.weekday() in spec.full_days or day in full_dates
        state: State = {c: siecle[c] for c in SIECLE_CATEGORIES}
        lagged = {c: sts.state_at(c, minute - sts_lag) for c in STS_CATEGORIES}
        for c in STS_CATEGORIES:
            state[c] = state[c] | lagged[c] if c in state else lagged[c]
        if Operation.PROFILAGE not in model.done:  # SIECLE still holds last year's base
            for c, rows in model.previous_year.items():
                state[c] = state[c] | rows
        if full:
            model.log(Channel.EXTRACTION_AAF, "batch", "full", cause=cause)

        def apply() -> None:
            aaf.update(state, cause)
            model.aaf_full_pending = model.aaf_full_pending or full

        runner.deliver(apply)

    def inputs(minute: float) -> object:
        day = model.clock.instant(minute).date()
        if day.weekday() in spec.full_days or day in full_dates:
            return minute  # a full extraction always runs
        return siecle.version, sts.version_at(minute - sts_lag)

    yield from runner.scheduled(batch, inputs)


def import_ent(model: ChainModel) -> Process:
    """The ENT editor imports the AAF files (rules 7 and 8)."""
    runner = ChannelRunner(model, Channel.IMPORT_ENT)
    aaf, ent = model.stores[Store.AAF], model.stores[Store.ENT]
    departed, pending = model.departed[Store.ENT], model.pending_deletion

    def batch(cause: int, minute: float) -> None:
        files = aaf.snapshot()
        full = model.aaf_full_pending
        model.aaf_full_pending = False

        def apply() -> None:
            current = ent.snapshot()
            state = model.ent_state_after_import(files, full, current)
            marks = model.departed_after_import(files, state)
            for c in USER_CATEGORIES:
                if model.removes_at_every_import:
                    gone = marks[c] & ~departed[c]
                    back = departed[c] & ~marks[c] & state[c]
                    model.disappeared_at[c][gone] = minute  # the import's run, not its end
                    model.disappeared_at[c][back] = np.nan
                    returning = pending[c] & files[c]
                    model.deletion_due[c][returning] = np.nan
                    pending.set(c, pending[c] & ~returning, cause)
                    model.apply_rule(
                        Channel.IMPORT_ENT,
                        "users_restored",
                        store=Store.ENT,
                        category=c,
                        count=int(np.count_nonzero(back | returning)),
                        cause=cause,
                    )
                else:
                    gone = current[c] & ~state[c]
                model.apply_rule(
                    Channel.IMPORT_ENT,
                    "users_disappeared" if model.removes_at_every_import else "users_removed",
                    store=Store.ENT,
                    category=c,
                    count=int(np.count_nonzero(gone)),
                    cause=cause,
                )
            empty = model.structures_without_users(files, state)
            if empty != model.ent_empty_structures:
                model.ent_empty_structures = empty
                model.apply_rule(
                    Channel.IMPORT_ENT,
                    "empty_structures",
                    store=Store.ENT,
                    count=empty,
                    cause=cause,
                )
            ent.update(state, cause)
            departed.update(marks, cause)

        runner.deliver(apply)

    def inputs(minute: float) -> object:
        if model.aaf_full_pending and not model.removes_at_every_import:
            return minute  # a full import always runs: it removes the absent users
        return aaf.version, model.ent_outside_changes

    yield from runner.scheduled(batch, inputs)


def import_edt_ent(model: ChainModel) -> Process:
    """The ENT's own timetable import (rule 13): only for a structure whose groups come
    from the timetable software; it never runs otherwise."""
    if not model.groups_from_timetable:
        return
    runner = ChannelRunner(model, Channel.IMPORT_EDT_ENT)
    edt, ent = model.stores[Store.EDT], model.stores[Store.ENT]

    def batch(cause: int, _: float) -> None:
        file = edt.snapshot((Category.GROUPS, Category.STUDENT_GROUP, Category.SERVICES))
        runner.deliver(
            lambda: ent.update(model.ent_state_after_timetable(file, ent.snapshot()), cause)
        )

    # the ENT's users change too: a student imported from the AAF takes its groups next time
    yield from runner.scheduled(batch, lambda _: (edt.version, ent.version))


def presuppression_ent(model: ChainModel) -> Process:
    """entcore's daily pre-delete: users disappeared for ``after`` lose every link and their
    GAR export; their accounts are deleted ``delete_after`` later (rule 8)."""
    runner = ChannelRunner(model, Channel.PRESUPPRESSION_ENT)
    spec = runner.spec
    assert isinstance(spec, PreDeleteSpec)
    after, delete_after = _minutes(spec.after), _minutes(spec.delete_after)
    ent = model.stores[Store.ENT]
    departed, pending = model.departed[Store.ENT], model.pending_deletion

    def due(minute: float) -> tuple[State, State]:
        now = round(minute)
        with np.errstate(invalid="ignore"):
            eligible = {
                c: departed[c] & (now - np.round(model.disappeared_at[c]) >= after)
                for c in USER_CATEGORIES
            }
            deleted = {
                c: pending[c] & (np.round(model.deletion_due[c]) <= now) for c in USER_CATEGORIES
            }
        return eligible, deleted

    # the marks' times change only with the marks: the first minute anything falls due is
    # recomputed when they change, not every night
    first_due: list[tuple[tuple[int, int], float]] = []

    def first_due_minute() -> float:
        key = (departed.version, pending.version)
        if not first_due or first_due[0][0] != key:
            found = [np.inf]
            for c in USER_CATEGORIES:
                for times, offset in (
                    (model.disappeared_at[c][departed[c]], after),
                    (model.deletion_due[c][pending[c]], 0.0),
                ):
                    times = np.round(times[~np.isnan(times)])
                    if times.size:
                        found.append(float(times.min()) + offset)
            first_due[:] = [(key, min(found))]
        return first_due[0][1]

    for minute in runner.run_times():
        yield model.wait_until(minute, Channel.PRESUPPRESSION_ENT)
        if round(minute) < first_due_minute():
            continue
        eligible, deleted = due(minute)
        if not any(a.any() for a in (*eligible.values(), *deleted.values())):
            continue
        if runner.down_at(minute):
            model.log(Channel.PRESUPPRESSION_ENT, "batch", "outage")
            continue
        cause = model.log(Channel.PRESUPPRESSION_ENT, "batch", "run")

        def apply(eligible: State = eligible, deleted: State = deleted, cause: int = cause) -> None:
            for c in USER_CATEGORIES:
                model.apply_rule(
                    Channel.PRESUPPRESSION_ENT,
                    "users_pre_deleted",
                    store=Store.ENT,
                    category=c,
                    count=int(np.count_nonzero(eligible[c])),
                    cause=cause,
                )
                model.apply_rule(
                    Channel.PRESUPPRESSION_ENT,
                    "accounts_deleted",
                    store=Store.ENT,
                    category=c,
                    count=int(np.count_nonzero(deleted[c])),
                    cause=cause,
                )
                model.disappeared_at[c][eligible[c]] = np.nan
                model.deletion_due[c][eligible[c]] = model.env.now + delete_after
                model.deletion_due[c][deleted[c]] = np.nan
            ent.update(model.without_users(ent.snapshot(), eligible), cause)
            departed.update({c: departed[c] & ~eligible[c] for c in USER_CATEGORIES}, cause)
            pending.update(
                {c: (pending[c] | eligible[c]) & ~deleted[c] for c in USER_CATEGORIES}, cause
            )
            model.ent_outside_changes += 1

        runner.deliver(apply)


def export_gar(model: ChainModel) -> Process:
    """The ENT's nightly export to GAR: full files, in GAR after the integration delay.
    Departed users still in the ENT go too (gar-connector), with their mark."""
    runner = ChannelRunner(model, Channel.EXPORT_GAR)
    ent, gar = model.stores[Store.ENT], model.stores[Store.GAR]
    ent_departed, gar_departed = model.departed[Store.ENT], model.departed[Store.GAR]

    def batch(cause: int, _: float) -> None:
        state = model.gar_export(ent.snapshot())
        marks = {c: ent_departed[c] & state[c] for c in gar_departed.categories}

        def apply() -> None:
            gar.update(state, cause)
            gar_departed.update(marks, cause)

        runner.deliver(apply)

    yield from runner.scheduled(batch, lambda _: (ent.version, ent_departed.version))


PROCESSES: dict[Channel, Callable[[ChainModel], Process]] = {
    Channel.STS_VERS_SIECLE: sts_vers_siecle,
    Channel.ACTIVATION_LIENS: activation_liens,
    Channel.EXTRACTION_AAF: extraction_aaf,
    Channel.IMPORT_EDT_ENT: import_edt_ent,
    Channel.IMPORT_ENT: import_ent,
    Channel.PRESUPPRESSION_ENT: presuppression_ent,
    Channel.EXPORT_GAR: export_gar,
}
