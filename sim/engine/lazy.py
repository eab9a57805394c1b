"""The lazy engine: the SimPy model's own steps, woken only where something can move.

SimPy wakes every channel every night (about 800 resumptions for the nominal) to find the
few dozen runs whose inputs changed. This engine runs the same model code (the
:class:`~sim.engine.model.ChainModel`, the operations' effects, the channels' ``key``,
``batch`` and landings) from a plain event queue, and wakes a channel only at the first
run after one of the counters its ``key`` reads has changed, after a forced run (its key
the minute), on the days its key is the minute itself (full extractions), and for the
extraction at the first run that sees an STS-WEB change through its delay. Every other run
would have found its key unchanged and done nothing, in SimPy too.

Instants are computed with SimPy's own expressions (``now + max(0, target - now)`` from
the previous resumption), so that floats are equal bit for bit. Equal instants are
ordered as SimPy orders them, by the order the events were created, where that order is
known: operations, reality changes, landings and change signals are created here when
SimPy creates them; a channel's run is queued when it is woken, so it is known only to
come after its own channel's landings. Any other exact tie stops the run with
:class:`NeedsSimPy`, and :func:`simulate_fast` reruns it in SimPy. The results
(event log with its ids, histories, marks) are the SimPy engine's, which the differential
tests check (``tests/test_lazy_engine.py``).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sim.calendar import Clock
from sim.chain import build_graph
from sim.domain import Category, Channel, Operation, Store
from sim.engine.channels import (
    ChannelProcess,
    ChannelRunner,
    ExportGar,
    ExtractionAaf,
    PreDelete,
    ScheduledChannel,
    State,
    StsToSiecleContinuous,
    channels_of,
)
from sim.engine.memo import Memo
from sim.engine.model import ChainModel, resume_instants
from sim.engine.simulation import Chain, SimulationResult, record_change, simulate
from sim.results import History
from sim.scenario.model import Scenario
from sim.truth.model import Truth


class NeedsSimPy(Exception):
    """Two events of different actors fall on the same instant, in an order this engine
    cannot prove equal to SimPy's: the replication must run in SimPy."""


# Order at equal instants: a landing (or an operation's occurrence) before a channel's run.
# A landing on a run's instant was queued by an earlier run of the same channel, before
# SimPy queued that run's timeout; here runs are queued whenever they are woken.
_FIRST, _RUN = 0, 1


class _Timeout:
    """What ``env.timeout`` returns here: the callbacks to call when it fires."""

    __slots__ = ("callbacks",)

    def __init__(self) -> None:
        self.callbacks: list[Callable[[object], None]] = []


class _Signal:
    """What ``env.event`` returns here: a store's change signal. As in SimPy, it is queued
    when it fires (at the first change of an action, so before what the action queues
    next), and whoever waits on it (the continuous STS copy) runs when it comes out."""

    __slots__ = ("callbacks", "env", "triggered")

    def __init__(self, env: LazyEnvironment) -> None:
        self.env = env
        self.triggered = False
        self.callbacks: list[Callable[[object], None]] = []

    def succeed(self) -> None:
        self.triggered = True
        if self.callbacks:
            self.env.push(self.env.now, _FIRST, self.env.acting, self._fire)

    def _fire(self) -> None:
        for callback in self.callbacks:
            callback(self)


# a queued event: (instant, order, creation number, actor, action)
_Entry = tuple[float, int, int, str, Callable[[], None]]


class LazyEnvironment:
    """The part of ``simpy.Environment`` the model uses, over a plain event queue."""

    def __init__(self) -> None:
        self.now: float = 0  # SimPy's clock starts at the int 0: the first minutes say so
        self.acting = ""
        self.landing = False  # a landing is being applied
        self._queue: list[_Entry] = []
        self._seq = 0

    def close(self) -> None:
        """Drop what is still queued (the closures that hold the model)."""
        self._queue.clear()

    def push(self, at: float, order: int, actor: str, action: Callable[[], None]) -> None:
        self._seq += 1
        heapq.heappush(self._queue, (at, order, self._seq, actor, action))

    def timeout(self, delay: float) -> _Timeout:
        if self.landing:
            # it would carry the channel's name and go before that channel's run at an
            # equal instant, where SimPy may not: no landing does this today
            raise NeedsSimPy(f"a landing of {self.acting} queues another event")
        timeout = _Timeout()

        def fire() -> None:
            self.landing = True
            try:
                for callback in timeout.callbacks:
                    callback(timeout)
            finally:
                self.landing = False

        self._seq += 1
        heapq.heappush(self._queue, (self.now + delay, _FIRST, self._seq, self.acting, fire))
        return timeout

    def event(self) -> _Signal:
        return _Signal(self)

    def run(self, until: float, after: Callable[[], None]) -> None:
        """Fire every event before ``until`` in order, calling ``after`` after each."""
        queue = self._queue
        while queue and queue[0][0] < until:
            at, order, _, actor, action = heapq.heappop(queue)
            if queue and queue[0][0] == at:
                # events queued as SimPy queues them keep its order (creation); a run is
                # queued when woken: only its own channel's landings are known to go first
                other, other_order = queue[0][3], queue[0][1]
                if _RUN in (order, other_order) and other != actor:
                    raise NeedsSimPy(f"{actor} and {other} at {at!r}")
            self.now = at
            self.acting = actor
            action()
            after()


class _Wakes:
    """One scheduled channel's runs, and which of them are queued."""

    def __init__(self, env: LazyEnvironment, channel: ChannelProcess, skip_down: bool) -> None:
        self.env = env
        self.channel = channel
        self.minutes = channel.runner.run_times()
        self.instants = channel.runner.run_instants()
        down = channel.runner.down_flags(self.minutes)
        # the first run at or after each index that is not down (SimPy skips those)
        self.next_up = list(range(len(down) + 1))
        if skip_down:
            for k in reversed(list(itertools.compress(range(len(down)), down))):
                self.next_up[k] = self.next_up[k + 1]
        self.down = down
        self.queued: set[int] = set()
        self.visited = -1  # the last run looked at
        self.signature: tuple[object, ...] = ()
        self.lagged: list[float] | None = None  # the extraction's minutes less its STS delay

    def after(self, minute: float) -> int:
        """Index of the first run still to come at ``minute``: a run at that very instant
        comes after a landing (see ``_RUN``), unless it is the one running now."""
        return max(bisect.bisect_left(self.instants, minute), self.visited + 1)

    def wake(self, k: int, visit: Callable[[int], None]) -> None:
        k = self.next_up[min(max(k, self.visited + 1), len(self.minutes))]
        if k >= len(self.minutes) or k in self.queued:
            return
        env, actor = self.env, self.channel.channel
        if self.instants[k] == env.now and env.acting != actor:
            # SimPy queued this run a day ago: it comes before what is running now
            raise NeedsSimPy(f"{env.acting} and {actor} at {env.now!r}")
        self.queued.add(k)

        def run() -> None:
            self.queued.discard(k)
            self.visited = k
            visit(k)

        self.env.push(self.instants[k], _RUN, self.channel.channel, run)


def simulate_lazy(
    scenario: Scenario,
    seed: int | None = None,
    truth: Truth | None = None,
    clock: Clock | None = None,
    memo: Memo | None = None,
    summary: bool = False,
) -> SimulationResult:
    """The SimPy engine's result, computed with lazy wake-ups. Raises :class:`NeedsSimPy`
    on an instant it cannot order.

    ``summary``: only what a replication's summary reads (histories, marks, and the events
    that caused a change, warned or waited), not the whole event log. The records of each
    store's change are not written, and full extractions are not run where nothing reads
    them: when the ENT removes absent users at every import, a full extraction is an
    ordinary one that always runs, and on a night its files have not changed it lands the
    AAF as it was (its events only differ), provided no two of its outages overlap (see
    :meth:`ChannelRunner.lands_in_order`). The GAR export, which no step reads, is worked
    out once the run is over (:func:`_export_afterwards`). The differential tests compare
    the summaries with SimPy's."""
    env = LazyEnvironment()
    chain = Chain.prepare(scenario, seed, truth, clock, env, memo, summary)
    model = chain.model
    for store in _unread_stores():
        # their changes move no channel's key: the look after each event can skip them
        model.stores[store].watched = False
        if store in model.departed:
            model.departed[store].watched = False
    for op in chain.operations:
        _queue_occurrences(env, chain, op)
    _queue_reality(env, chain)
    channels = channels_of(model)
    continuous = next((c for c in channels if isinstance(c, StsToSiecleContinuous)), None)
    if continuous is not None:
        _wait_for_sts(continuous, env)
    wakes: list[tuple[ScheduledChannel | PreDelete, _Wakes]] = []
    afterwards = [c for c in channels if summary and isinstance(c, ExportGar)]
    for channel in channels:
        if channel in afterwards:
            continue
        if isinstance(channel, ScheduledChannel):
            w = _Wakes(env, channel, skip_down=True)
            for k, down in enumerate(w.down):
                if down:
                    env.push(w.instants[k], _RUN, channel.channel, _outage(model, channel.channel))
            wakes.append((channel, w))
        elif isinstance(channel, PreDelete):
            wakes.append((channel, _Wakes(env, channel, skip_down=False)))
    visits = {id(c): _visitor(c, w) for c, w in wakes}
    for channel, w in wakes:
        w.signature = channel.signature()
        if isinstance(channel, ScheduledChannel):
            w.wake(0, visits[id(channel)])  # the first run always runs: nothing seen yet
        if isinstance(channel, ExtractionAaf) and not _full_runs_unread(channel, summary):
            for k in channel.full_indexes:
                w.wake(k, visits[id(channel)])

    recorder = model.recorder
    stamp: list[object] = [None]

    def after() -> None:
        # most events change nothing (an outage, a run over the same files): one look
        seen = (
            recorder.changes,
            model.ent_outside_changes,
            model.aaf_full_pending,
            len(model.done),  # the extraction reads whether the profilage is done
        )
        if seen == stamp[0]:
            return
        stamp[0] = seen
        now = env.now
        for channel, w in wakes:
            signature = channel.signature()
            if signature == w.signature:
                continue
            visit = visits[id(channel)]
            if isinstance(channel, PreDelete):
                due = channel.first_due_minute()
                k = w.after(now)
                while k < len(w.minutes) and round(w.minutes[k]) < due:
                    k += 1
                w.wake(k, visit)
            else:
                w.wake(w.after(now), visit)
                if isinstance(channel, ExtractionAaf) and signature[1] != w.signature[1]:
                    # STS-WEB is read one delay late: from the first run that sees the change
                    # (``now <= minute - lag``, the test ``version_at`` makes)
                    if w.lagged is None:
                        w.lagged = [m - channel.sts_lag for m in w.minutes]
                    w.wake(bisect.bisect_left(w.lagged, now), visit)
            w.signature = signature

    try:
        env.run(chain.end_minute, after)
        for export in afterwards:
            _export_afterwards(env, export, chain.end_minute)
    finally:
        _release(env, model)
    return chain.result()


def _export_afterwards(env: LazyEnvironment, export: ExportGar, until: float) -> None:
    """The GAR export's runs, worked out once the run is over (summary mode): see
    :func:`export_runs`."""
    model, actor = export.model, export.channel
    env.acting = actor

    def log(at: float, code: str) -> int:
        env.now = at
        return model.log(actor, "batch", code)

    def land(at: float, sent: State, sent_marks: State, cause: int) -> None:
        env.now = at
        export.land(sent, sent_marks, cause)

    changes, files_before = history_files(
        export.ent.history, export.ent_departed.history, export.files
    )
    export_runs(export.runner, until, changes, files_before, log, land)


def history_files(
    ent_history: dict[Category, History],
    marks_history: dict[Category, History],
    files: Callable[[State, State], tuple[State, State]],
) -> tuple[list[float], Callable[[float], tuple[State, State]]]:
    """What :func:`export_runs` reads, from the ENT's histories and its marks': the minutes
    they change at, in order, and what a run sends at an instant (asked in time order)."""
    # what the export reads as it starts, then each change of it in time order (a
    # history's first state is the start's; the number keeps each history's order)
    ent = {c: h.states[0] for c, h in ent_history.items()}
    marks = {c: h.states[0] for c, h in marks_history.items()}
    order = itertools.count()
    changes = sorted(
        (minute, next(order), read, c, state)
        for read, histories in ((ent, ent_history), (marks, marks_history))
        for c, h in histories.items()
        for minute, state in zip(h.minutes[1:], h.states[1:], strict=True)
    )
    applied = 0

    def files_before(at: float) -> tuple[State, State]:
        nonlocal applied
        while applied < len(changes) and changes[applied][0] < at:
            _, _, read, c, state = changes[applied]
            read[c] = state
            applied += 1
        return files(ent, marks)

    return [change[0] for change in changes], files_before


def export_runs(
    runner: ChannelRunner,
    until: float,
    changes: list[float],
    files_before: Callable[[float], tuple[State, State]],
    log: Callable[[float, str], int],
    land: Callable[[float, State, State, int], None],
) -> None:
    """The GAR export's runs from the ENT's changes: no step reads GAR, so its runs and
    landings move nothing else, and a run's files are the ENT as it was then. As in SimPy,
    a run that is not down exports when the ENT or its departed marks changed since the
    last export (the first one always); what it sends lands after the delay (past an
    outage), a landing before the run of its instant. ``changes`` are the minutes the ENT
    or its marks change at, in order; ``files_before(at)`` what a run sends at ``at`` (the
    ENT as it was before that instant; asked in time order), ``log`` writes a run's record
    at its instant, ``land`` applies what a run sent."""
    minutes, instants = runner.run_times(), runner.run_instants()
    last = bisect.bisect_left(instants, until)  # the runs before the window's end
    down = runner.down_flags(minutes)
    exporting = [_up(down, 0, last)]
    previous = None
    for minute in changes:  # the first run after each change (of each minute)
        if minute == previous:
            continue
        previous = minute
        k = bisect.bisect_left(instants, minute)
        if k < last and instants[k] == minute:
            raise NeedsSimPy(f"{runner.channel} and a change of the ENT at {minute!r}")
        exporting.append(_up(down, k, last))
    steps = sorted({*exporting, *itertools.compress(range(last), down)})
    landings: list[tuple[float, int, int, State, State, int]] = []
    for k in steps:
        if k >= last:
            break
        at = instants[k]
        if down[k]:
            log(at, "outage")
            continue
        cause = log(at, "run")
        sent, sent_marks = files_before(at)
        wait = runner.outage_end(at + runner.delay) - at
        if wait > 0:
            landings.append((at + wait, _FIRST, k, sent, sent_marks, cause))
        else:
            landings.append((at, _RUN, k, sent, sent_marks, cause))
    landings.sort(key=lambda landing: landing[:3])
    for landed, _, _, sent, sent_marks, cause in landings:
        if landed >= until:
            break
        land(landed, sent, sent_marks, cause)


def _up(down: list[bool], k: int, last: int) -> int:
    """The first run from ``k`` that is not down (``last`` when none before it)."""
    while k < last and down[k]:
        k += 1
    return k


@lru_cache(maxsize=1)
def _unread_stores() -> frozenset[Store]:
    """The stores no channel reads (GAR, the chain's end), from the domain's graph."""
    graph = build_graph()
    read = {Store(s) for c in Channel for s in graph.nodes[c.value]["reads"]}
    return frozenset(Store) - read


def _release(env: LazyEnvironment, model: ChainModel) -> None:
    """Break the run's reference cycles (queued closures, signal callbacks), so that
    reference counting frees the run at once: left to the cyclic collector, the garbage of
    each replication costs about a tenth of its time."""
    env.close()
    for store in model.stores.values():
        store.forget_waiters()


def _full_runs_unread(extraction: ExtractionAaf, summary: bool) -> bool:
    """Whether a summary can do without the full extractions: when the ENT removes absent
    users at every import nothing reads the ``full`` flag, a full run over files that
    changed is that night's ordinary run, and one over unchanged files lands the AAF as it
    was, provided the landings keep the order of the runs."""
    model = extraction.model
    return summary and model.removes_at_every_import and extraction.runner.lands_in_order()


def _wait_for_sts(continuous: StsToSiecleContinuous, env: LazyEnvironment) -> None:
    """The continuous copy waits for STS-WEB's next change signal, as its SimPy process."""
    continuous.sts.changed.callbacks.append(_StsWatch(continuous, env).resume)


class _StsWatch:
    """The continuous copy's waiting (a class, not a closure that names itself: no
    reference cycle, so a finished run is freed at once)."""

    def __init__(self, continuous: StsToSiecleContinuous, env: LazyEnvironment) -> None:
        self.continuous = continuous
        self.env = env
        self.operations = {op.value for op in Operation}

    def resume(self, _: object) -> None:
        if self.env.acting not in self.operations:
            # its landing is named after the step that changed STS-WEB (always an operation
            # today), which orders it among that step's events at an equal instant
            raise NeedsSimPy(f"STS-WEB changed by {self.env.acting}")
        self.continuous.on_change()
        self.continuous.sts.changed.callbacks.append(self.resume)


def _outage(model: Any, channel: Channel) -> Callable[[], None]:
    def log() -> None:
        model.log(channel, "batch", "outage")

    return log


def _visitor(channel: ScheduledChannel | PreDelete, w: _Wakes) -> Callable[[int], None]:
    if isinstance(channel, PreDelete):
        return _Nights(channel, w).night
    return _Visits(channel, w).visit


class _Nights:
    """The pre-delete's nights: from one that finds users due, the next one too."""

    def __init__(self, channel: PreDelete, w: _Wakes) -> None:
        self.channel, self.w = channel, w

    def night(self, k: int) -> None:
        if self.channel.night(self.w.minutes[k]) != "early":
            self.w.wake(k + 1, self.night)


class _Visits:
    """A scheduled channel's runs."""

    def __init__(self, channel: ScheduledChannel, w: _Wakes) -> None:
        self.channel, self.w = channel, w

    def visit(self, k: int) -> None:
        # after a forced run the next one's key differs (the minute, then the counters
        # again); after any other run it is the same unless a counter changes, which wakes it
        if self.channel.visit(self.w.minutes[k]) and self.channel.forced_last:
            self.w.wake(k + 1, self.visit)


def _queue_occurrences(env: LazyEnvironment, chain: Chain, op: Any) -> None:
    occurrences = chain.occurrences(op)
    instants = resume_instants([m for m, _ in occurrences], op)
    _InTurn(env, op, instants, lambda i: chain.perform(op, occurrences[i][1], occurrences[i][0]))


def _queue_reality(env: LazyEnvironment, chain: Chain) -> None:
    changes = chain.changes()
    instants = resume_instants([c.recorded for c in changes], "reality")
    _InTurn(env, "reality", instants, lambda i: record_change(chain.model, changes[i]))


class _InTurn:
    """An actor's steps at ``instants``, each queued when the previous one is done, as a
    SimPy process waits for them in turn. An object, not a closure that queues itself by
    name: that would be a reference cycle, left to the collector."""

    def __init__(
        self,
        env: LazyEnvironment,
        actor: str,
        instants: list[float],
        step: Callable[[int], None],
    ) -> None:
        self.env, self.actor, self.instants, self.step = env, actor, instants, step
        self.next = 0
        if instants:
            env.push(instants[0], _FIRST, actor, self.perform)

    def perform(self) -> None:
        i = self.next
        self.step(i)
        self.next = i + 1
        if self.next < len(self.instants):
            self.env.push(self.instants[self.next], _FIRST, self.actor, self.perform)


def simulate_fast(
    scenario: Scenario,
    seed: int | None = None,
    truth: Truth | None = None,
    clock: Clock | None = None,
    memo: Memo | None = None,
    summary: bool = False,
) -> tuple[SimulationResult, bool]:
    """The lazy engine's result, or SimPy's when it cannot order an instant; the flag says
    whether SimPy ran."""
    try:
        return simulate_lazy(scenario, seed, truth, clock, memo, summary), False
    except NeedsSimPy:
        return simulate(scenario, seed, truth, clock, memo), True
