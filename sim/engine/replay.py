"""The replay engine: the lazy engine's scheduling over flat states, each step replayed.

Across a lycée's replications, what a step *does* (an operation's occurrence, a reality
change, a channel's landing) is almost always one already seen: the replications differ by
*when* their steps happen, not by what they do. This engine keeps the lazy engine's
scheduling rule for rule (:mod:`sim.engine.lazy`: the same queue, wake-ups and ties, the
same channel keys over the same store versions), but holds the chain as flat state (one
interned array per store and category, what staff know, a few counters: see
:mod:`sim.engine.steps`) and replays each step from the lycée's
:class:`~sim.engine.steps.StepBook`. What depends on the clock (the minute a step happens,
the stamps of departed accounts, the runs' outages) stays here, outside the records; the
channels over flat state are in :mod:`sim.engine.flat_channels`. Summary mode only
(:func:`sim.engine.lazy.simulate_lazy`); the differential tests compare every run with
the lazy engine's, event for event (``tests/test_replay_engine.py``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
from collections.abc import Callable
from typing import Any, cast

from sim.calendar import Clock
from sim.domain import (
    CATEGORIES_OF,
    PLATFORM_OPERATIONS,
    STRUCTURE_CATEGORIES,
    USER_CATEGORIES,
    Category,
    Channel,
    Operation,
    Store,
)
from sim.engine.channels import (
    ChannelRunner,
    ExportGar,
    State,
    StsToSiecleContinuous,
    _difference,
)
from sim.engine.ent_rules import GAR_USER_CATEGORIES
from sim.engine.flat_channels import (
    Extraction,
    FlatStamps,
    PreDeleteNights,
    Scheduled,
    channels_over,
    send,
)
from sim.engine.lazy import (
    _FIRST,
    _RUN,
    LazyEnvironment,
    NeedsSimPy,
    _InTurn,
    _Nights,
    _Visits,
    _Wakes,
    export_runs,
    simulate_fast,
)
from sim.engine.memo import Memo
from sim.engine.model import ChainModel, resume_instants
from sim.engine.operations import EFFECTS, snapshot_night
from sim.engine.simulation import (
    SimulationResult,
    _prerequisites,
    memo_context,
    observation_minutes,
    record_change,
)
from sim.engine.steps import (
    CHANGED,
    DEPARTED_ENT,
    DEPARTED_GAR,
    DONE,
    DONE_BIT,
    ENT_READ,
    FLAGS,
    GAR_WORLD,
    OUTSIDE,
    PENDING,
    SLOT,
    STS_STRUCTURE,
    NeedsLazy,
    Record,
    StepBook,
    book_for,
)
from sim.results import EventRecord, History
from sim.scenario.model import (
    OperationSpec,
    Scenario,
    resolve_rentree,
)
from sim.truth.facts import BoolArray
from sim.truth.model import Truth

# what an operation's effect reads of its spec and of the scenario, besides the share
_SPEC_FIELDS = ("carry_structure", "carry_groups", "delete_carried_groups", "snapshot")
_OPERATIONS = frozenset(op.value for op in Operation)
# where a result's histories are: each store's, each mark's, the pending deletions'
_STORES = [(s, [(c, SLOT[s, c]) for c in CATEGORIES_OF[s]]) for s in Store]
_MARKS = [
    (Store.ENT, [(c, SLOT[DEPARTED_ENT, c]) for c in USER_CATEGORIES]),
    (Store.GAR, [(c, SLOT[DEPARTED_GAR, c]) for c in GAR_USER_CATEGORIES]),
]
_PENDING_SLOTS = [(c, SLOT[PENDING, c]) for c in USER_CATEGORIES]


def _static(op: Operation) -> tuple[Any, ...]:
    """An operation's bit, its gates and the operations it comes after (each with its
    bit) and their masks, and whether staff do it (a platform's is not on their days)."""
    gates = tuple((g, DONE_BIT[g]) for g in _prerequisites(op, "gate"))
    order = tuple((p, DONE_BIT[p]) for p in _prerequisites(op, "order"))
    masks = (sum(bit for _, bit in gates), sum(bit for _, bit in order))
    staffed = op not in PLATFORM_OPERATIONS
    return DONE_BIT[op], gates, masks[0], order, masks[1], staffed


@functools.cache
def _fields_of(kind: type[OperationSpec]) -> tuple[str, ...]:
    """Which of ``_SPEC_FIELDS`` a kind of operation spec has."""
    return tuple(f for f in _SPEC_FIELDS if f in kind.model_fields)


# the operations in order, by number: each, its name in the format, and what its absence logs
_OPERATIONS_IN_ORDER = [
    (op, op.value, "platform_missing" if op in PLATFORM_OPERATIONS else "missing")
    for op in Operation
]
_STATIC = [_static(op) for op in Operation]
# an operation's occurrences by their dates, kept per book: drawn dates repeat across
# replications (a few days of lateness each); the table is emptied past this size
_MAX_OCCURRENCES = 4096


def simulate_replay(
    scenario: Scenario, truth: Truth, clock: Clock, memo: Memo
) -> tuple[SimulationResult, bool]:
    """A replication's summary (:func:`sim.engine.lazy.simulate_lazy` with ``summary``),
    replayed; the lazy engine's (or SimPy's) when a step cannot be recorded or an instant
    ordered. The flag says whether SimPy ran."""
    try:
        return replay(scenario, truth, clock, memo), False
    except (NeedsLazy, NeedsSimPy):
        return simulate_fast(scenario, truth=truth, clock=clock, memo=memo, summary=True)


def replay(scenario: Scenario, truth: Truth, clock: Clock, memo: Memo) -> SimulationResult:
    """:func:`simulate_replay` without its fallback: raises :class:`NeedsLazy` or
    :class:`sim.engine.lazy.NeedsSimPy`."""
    if not memo.fits(truth, memo_context(scenario, scenario.seed)):
        raise ValueError("this memo belongs to another lycée, seed or set of rules")
    book = book_for(scenario, truth, clock, memo)
    if not book.start_settled:
        raise NeedsLazy("the stores' start is written at several instants")
    return Replay(book, scenario, clock).run()


_new = tuple.__new__  # an EventRecord without the named tuple's Python constructor


class _Frame:
    """What a :class:`ChannelRunner` reads of a model: the scenario and its clock."""

    def __init__(self, scenario: Scenario, clock: Clock) -> None:
        self.scenario, self.clock = scenario, clock

    def instant_of(self, value: dt.date | dt.datetime) -> float:
        return self.clock.minutes(self.scenario.calendar.at(value))


class Replay:
    """One replication: the lazy engine's set-up and loop over flat state."""

    def __init__(self, book: StepBook, scenario: Scenario, clock: Clock) -> None:
        self.book, self.scenario, self.clock = book, scenario, clock
        self.env = LazyEnvironment()
        self.frame = _Frame(scenario, clock)
        self.present = book.start_present[:]
        self.histories = [
            History(h.minutes[:], h.events[:], h.states[:]) for h in book.start_histories
        ]
        self.versions = book.start_versions[:]
        self.sts_changes = book.start_sts_changes[:]
        self.know = dict(book.start_know)
        self.empty = book.start_empty
        self.world = book.start_world
        # the worlds in turn and their minutes (what the analysis counts: SimulationResult)
        self.world_minutes: list[float] = [book.start_minute]
        self.worlds: list[object] = [book.start_world]
        # when the ENT or its marks changed, and the world then (what the GAR export reads)
        self.ent_minutes = book.start_ent_changes[:]
        self.ent_worlds: list[object] = [book.start_world] * len(self.ent_minutes)
        # GAR's worlds, written by the export afterwards: the numbers of what it holds
        self.gar_minutes: list[float] = [book.start_minute]
        self.gar_worlds: list[object] = [tuple(book.start_gar)]
        self.events = list(book.start_events)
        self.changes = book.start_changes
        self.done: dict[Operation, float] = {}
        self.done_mask = 0
        self.aaf_full_pending = False
        self.outside = 0
        self.touched = 0
        self._stamps: FlatStamps | None = None
        self.armed = False  # the continuous STS-WEB copy waits for a change
        self.sts_seen: State = {}  # what that copy last sent
        self.continuous_runner: ChannelRunner | None = None
        calendar = scenario.calendar
        self.end_minute = clock.day_minutes(calendar.end + dt.timedelta(days=1), dt.time(0, 0))
        self.staff = calendar.staff()
        # whether staff work on the day of a minute, and the day: the same in every run
        self.working = book.working.setdefault(self.staff, {})
        self.recreate = scenario.operations.transferts.recreate_share
        self.removes_at_every_import = scenario.channels.import_ent.removal == "every_import"

    # --- state ------------------------------------------------------------------------
    def log(
        self,
        actor: str,
        kind: str,
        code: str,
        *,
        count: int = 0,
        detail: str = "",
        cause: int | None = None,
    ) -> int:
        events = self.events
        number = len(events)
        events.append(
            _new(
                EventRecord, (number, self.env.now, actor, kind, code, "", "", count, detail, cause)
            )
        )
        return number

    def snapshot(self, container: object, categories: tuple[Category, ...]) -> State:
        present = self.present
        return {c: present[SLOT[container, c]] for c in categories}

    @property
    def stamps(self) -> FlatStamps:
        if self._stamps is None:
            truth = self.book.model.truth
            self._stamps = FlatStamps([truth.size(c) for c in USER_CATEGORIES])
        return self._stamps

    def step(
        self,
        head: tuple[object, ...],
        step: Callable[[ChainModel, int | None], None],
        given: int | None,
        load_history: tuple[Category, ...] = (),
        queues: bool = False,
    ) -> Record:
        """Replay (or record) one step at ``now`` and apply it."""
        now = self.env.now
        key = (*head, self.world, self.done_mask, bisect.bisect_right(self.book.truth_changes, now))
        book = self.book
        record = book.records.get(key)
        if record is None or book.memo.verify:
            record = book.replay(self, key, step, given, load_history, queues)
        else:
            book.replays += 1
        world, writes, know, logs, outside, empty, _, sts_changed, moves = record
        events = self.events
        base = len(events)
        for actor, kind, code, store, category, count, detail, cause in logs:
            if cause is not None:
                cause = given if cause < 0 else base + cause
            events.append(
                _new(
                    EventRecord,
                    (len(events), now, actor, kind, code, store, category, count, detail, cause),
                )
            )
        if writes:
            histories, present = self.histories, self.present
            for slot, state, cause in writes:
                history = histories[slot]
                history.minutes.append(now)
                history.events.append(given if cause < 0 else base + cause)  # type: ignore[arg-type]
                history.states.append(state)
                present[slot] = state
            counts, watched, touched, sts = moves
            versions = self.versions
            for container, count in counts:
                versions[container] += count
            self.changes += watched
            self.touched |= touched
            if sts:
                self.sts_changes.extend([now] * sts)
            if touched & ENT_READ:
                self.ent_minutes.append(now)
                self.ent_worlds.append(world)
        for field, array in know:
            self.know[field] = array
        if outside:
            self.outside += outside
            self.touched |= OUTSIDE
        self.empty = empty
        if world != self.world:
            self.world = world
            self.world_minutes.append(now)
            self.worlds.append(world)
        if sts_changed and self.armed:
            # the store's change signal (sim.engine.lazy._Signal), queued at the step's
            # first change of STS-WEB: no step both changes it and queues anything else
            self.armed = False
            self.env.push(now, _FIRST, self.env.acting, self._sts_changed)
        return record

    # --- operations and reality -------------------------------------------------------
    def perform(self, turn: _Occurrences, occurrence: int, minute: float) -> None:
        """:meth:`sim.engine.simulation.Chain.perform`, its effect replayed."""
        op, spec, env, done = turn.op, turn.spec, self.env, self.done_mask
        if turn.gate_mask & ~done:
            missing_gates = [g for g, bit in turn.gates if not bit & done]
            self.log(op, "operation", "refused", detail=",".join(missing_gates))
            return
        cause = self.log(op, "operation", "run")
        if turn.staffed:
            working = self.working.get(minute)
            if working is None:
                day = self.clock.instant(minute).date()
                working = self.working[minute] = (self.staff.works(day), day.isoformat())
            if not working[0]:
                self.log(op, "rule", "non_working_day", detail=working[1], cause=cause)
        if turn.order_mask & ~done:
            late_order = [p for p, bit in turn.order if not bit & done]
            self.log(op, "rule", "order_broken", detail=",".join(late_order), cause=cause)
        share = spec.share_at(occurrence)
        head = (*turn.head, share)
        load: tuple[Category, ...] = ()
        if turn.previous_night:
            _, night = snapshot_night(self.clock, env.now)
            load = (Category.STUDENTS, Category.STUDENT_DIVISION)
            head += tuple(id(self.histories[SLOT[Store.SIECLE, c]].at(night)) for c in load)

        def effect(model: ChainModel, given: int | None) -> None:
            EFFECTS[op](model, spec, share, given)  # type: ignore[arg-type]

        self.step(head, effect, cause, load, turn.sends_structure)
        if turn.sends_structure:
            structure = [self.present[slot] for slot in STS_STRUCTURE]
            delay = spec.delay.total_seconds() / 60  # type: ignore[attr-defined]

            def land() -> None:
                self.step(
                    ("structure", *map(id, structure)),
                    lambda model, given: model.copy_structure_to_siecle(
                        dict(zip(STRUCTURE_CATEGORIES, structure, strict=True)),
                        given,  # type: ignore[arg-type]
                    ),
                    cause,
                )

            env.push(env.now + delay, _FIRST, env.acting, land)
        if not done & turn.bit:
            self.done[op] = env.now
            self.done_mask |= turn.bit
            self.touched |= DONE

    def reality(self, index: int) -> None:
        change = self.book.changes[index]
        self.step(
            ("reality", index, self.recreate), lambda model, _: record_change(model, change), None
        )

    # --- the continuous STS-WEB copy --------------------------------------------------
    def _sts_changed(self) -> None:
        env = self.env
        if env.acting not in _OPERATIONS:
            raise NeedsSimPy(f"STS-WEB changed by {env.acting}")
        self.armed = True
        now = self.snapshot(Store.STS, STRUCTURE_CATEGORIES)
        memo = self.book.memo
        diff = memo.call("sts_difference", _difference, (now, self.sts_seen))
        if not diff:
            return
        self.sts_seen = now
        cause = self.log(Channel.STS_VERS_SIECLE, "batch", "run")
        continuous = self.book.channels[StsToSiecleContinuous]
        arrays = tuple(id(a) for part in diff for a in part.values())

        def land() -> None:
            self.step(
                ("sts continuous", *arrays),
                lambda model, given: continuous.land(diff, given),
                cause,
            )

        assert self.continuous_runner is not None
        send(self, self.continuous_runner, land)

    # --- the run ----------------------------------------------------------------------
    def run(self) -> SimulationResult:
        scenario, env, book = self.scenario, self.env, self.book
        operations = []
        for number, (op, name, forgotten) in enumerate(_OPERATIONS_IN_ORDER):
            spec = getattr(scenario.operations, name)
            if spec.missing:
                self.log(op, "operation", forgotten)
            else:
                operations.append((number, op, spec))
        occurrences_of = book.occurrences
        if len(occurrences_of) > _MAX_OCCURRENCES:
            occurrences_of.clear()
        at = scenario.calendar.operation_time
        for number, op, spec in operations:
            key = (number, at, *spec.date)
            found = occurrences_of.get(key)
            if found is None:
                occurrences = sorted((self.frame.instant_of(d), i) for i, d in enumerate(spec.date))
                instants = resume_instants([m for m, _ in occurrences], op)
                found = occurrences_of[key] = (occurrences, instants)
            _InTurn(env, op, found[1], _Occurrences(self, number, op, spec, found[0]).perform)
        changes = book.changes
        instants = resume_instants([c.recorded for c in changes], "reality")
        _InTurn(env, "reality", instants, self.reality)
        channels = channels_over(self)
        wakes: list[tuple[Any, _Wakes]] = []
        for channel in channels:
            if isinstance(channel, Scheduled):
                w = _Wakes(env, channel, skip_down=True)  # type: ignore[arg-type]
                if any(w.down):
                    outage = _Outage(self, channel.channel).log
                    for k in itertools.compress(range(len(w.down)), w.down):
                        env.push(w.instants[k], _RUN, channel.channel, outage)
                wakes.append((channel, w))
            else:
                wakes.append((channel, _Wakes(env, channel, skip_down=False)))
        visits = {id(c): _visitor(c, w) for c, w in wakes}
        for channel, w in wakes:
            channel.flag_seen = channel.flag()
            if isinstance(channel, Scheduled):
                w.wake(0, visits[id(channel)])
            if isinstance(channel, Extraction) and not (
                self.removes_at_every_import and channel.runner.lands_in_order()
            ):
                for k in channel.full_indexes:
                    w.wake(k, visits[id(channel)])
        # each channel, its runs, what its key reads, what a woken run does, and its kind
        looked = [
            (
                c,
                w,
                c.reads,
                visits[id(c)],
                isinstance(c, Extraction),
                isinstance(c, PreDeleteNights),
            )
            for c, w in wakes
        ]
        sts = CHANGED[SLOT[Store.STS, Category.DIVISIONS]]
        plans: dict[int, list[Any]] = {}

        def after() -> None:
            # the lazy engine's look after each event (a channel whose signature changed is
            # woken), from what moved since the last look: a counter moved is a signature
            # changed (counters only grow); a flag may have moved back, so it is compared
            touched = self.touched
            if not touched:
                return
            self.touched = 0
            now = env.now
            concerned = plans.get(touched)
            if concerned is None:  # the channels whose key reads something that moved
                concerned = plans[touched] = [e for e in looked if e[2] & touched]
            for channel, w, reads, visit, extraction, pre_delete in concerned:
                moved = reads & touched
                if moved & FLAGS:
                    flag = channel.flag()
                    if flag == channel.flag_seen and not moved & ~FLAGS:
                        continue
                    channel.flag_seen = flag
                if pre_delete:
                    # the first run from now whose rounded minute is due (rounding is
                    # monotone: the lazy engine's scan, as a search)
                    due = channel.first_due_minute()
                    k = max(w.after(now), bisect.bisect_left(channel.rounded(w.minutes), due))
                    w.wake(k, visit)
                else:
                    w.wake(w.after(now), visit)
                    if extraction and moved & sts:
                        # STS-WEB is read one delay late: from the first run that sees it
                        if w.lagged is None:
                            w.lagged = [m - channel.sts_lag for m in w.minutes]
                        w.wake(bisect.bisect_left(w.lagged, now), visit)

        try:
            env.run(self.end_minute, after)
            self._export_afterwards()
        finally:
            env.close()
            wakes.clear()
            visits.clear()
            looked.clear()
            plans.clear()
        return self.result()

    def _export_afterwards(self) -> None:
        env, actor = self.env, Channel.EXPORT_GAR
        env.acting = actor
        export = self.book.channels[ExportGar]
        memo = self.book.memo

        def log(at: float, code: str) -> int:
            env.now = at
            return self.log(actor, "batch", code)

        writes = self.book.gar_writes
        held = dict(zip(GAR_WORLD, self.book.start_gar, strict=True))  # in GAR_WORLD's order

        def land(at: float, sent: State, sent_marks: State, cause: int) -> None:
            env.now = at
            present, histories = self.present, self.histories
            changed = False
            for states, container in ((sent, Store.GAR), (sent_marks, DEPARTED_GAR)):
                found = writes.get(id(states))
                if found is None:  # what GAR receives is interned (the memo's): by identity
                    found = writes[id(states)] = (states, _received(container, states, memo))
                for slot, state, number in found[1]:
                    if state is not present[slot]:
                        # the run is over: only the history and the state (no counter
                        # or channel reads GAR)
                        history = histories[slot]
                        history.minutes.append(at)
                        history.events.append(cause)
                        history.states.append(state)
                        present[slot] = state
                        held[slot] = number
                        changed = True
            if changed:
                self.gar_minutes.append(at)
                self.gar_worlds.append(tuple(held.values()))

        histories = self.histories
        minutes, worlds, sent_by_world = self.ent_minutes, self.ent_worlds, self.book.gar_files

        def files_before(at: float) -> tuple[State, State]:
            # the ENT as it was at its last change before ``at``, by that change's world
            j = bisect.bisect_left(minutes, at) - 1
            world = worlds[j] if j >= 0 else None
            found = sent_by_world.get(world)
            if found is None:

                def read(container: object, categories: tuple[Category, ...]) -> State:
                    return {
                        c: histories[SLOT[container, c]].at(minutes[j])
                        if j >= 0
                        else histories[SLOT[container, c]].states[0]
                        for c in categories
                    }

                found = sent_by_world[world] = export.files(
                    read(Store.ENT, CATEGORIES_OF[Store.ENT]), read(DEPARTED_ENT, USER_CATEGORIES)
                )
            return found

        export_runs(
            ChannelRunner(self.frame, actor),  # type: ignore[arg-type]
            self.end_minute,
            minutes,
            files_before,
            log,
            land,
        )

    def result(self) -> SimulationResult:
        scenario, clock, histories = self.scenario, self.clock, self.histories
        return SimulationResult(
            scenario=scenario,
            seed=scenario.seed,
            clock=clock,
            rentree=resolve_rentree(scenario),
            truth=self.book.model.truth,
            events=self.events,
            histories={s: {c: histories[i] for c, i in slots} for s, slots in _STORES},
            departed={s: {c: histories[i] for c, i in slots} for s, slots in _MARKS},
            pending_deletion={c: histories[i] for c, i in _PENDING_SLOTS},
            observations=observation_minutes(scenario, clock),
            end_minute=self.end_minute,
            memo=self.book.memo,
            worlds={
                Store.ENT: (self.world_minutes, self.worlds),
                Store.GAR: (self.gar_minutes, self.gar_worlds),
            },
            world_generation=self.book.memo.world_generation,
        )


def _received(container: object, states: State, memo: Memo) -> list[tuple[int, BoolArray, int]]:
    """The slots GAR's reception writes, their states, as its stores' ``update``, and the
    states' numbers."""
    interner = memo.interner
    assert interner is not None
    received = [
        (SLOT[container, c], interner.canonical(state))
        for c, state in states.items()
        if (container, c) in SLOT
    ]
    return [(slot, state, interner.number(state)) for slot, state in received]


def _visitor(channel: Any, w: _Wakes) -> Callable[[int], None]:
    """What the lazy engine does at a woken run (the same classes, over flat channels)."""
    if isinstance(channel, PreDeleteNights):
        return _Nights(cast(Any, channel), w).night
    return _Visits(channel, w).visit


class _Occurrences:
    """An operation's occurrences, performed in turn (a class: no closure naming itself),
    and what every occurrence reads of its spec and of the operations done."""

    def __init__(
        self,
        run: Replay,
        number: int,
        op: Operation,
        spec: OperationSpec,
        occurrences: list[tuple[float, int]],
    ):
        self.run, self.op, self.spec, self.occurrences = run, op, spec, occurrences
        static = _STATIC[number]
        self.bit, self.gates, self.gate_mask, self.order, self.order_mask, self.staffed = static
        self.sends_structure = op == Operation.EXPORT_STRUCTURE_SIECLE
        fields = spec.__dict__  # a pydantic model's fields: read without its __getattr__
        # what the effect reads of its spec and of the scenario, besides the share (the
        # operation by number: an enumeration member hashes in Python)
        self.head = (number, run.recreate, *[fields[f] for f in _fields_of(type(spec))])
        self.previous_night = (
            op == Operation.EXPORT_SIECLE_EDT and fields.get("snapshot") == "previous_night"
        )

    def perform(self, i: int) -> None:
        minute, occurrence = self.occurrences[i]
        self.run.perform(self, occurrence, minute)


class _Outage:
    def __init__(self, run: Replay, channel: Channel) -> None:
        self.run, self.channel = run, channel

    def log(self) -> None:
        self.run.log(self.channel, "batch", "outage")
