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
from collections.abc import Callable
from typing import Any

from sim.calendar import Clock
from sim.domain import Channel, Operation
from sim.engine.channels import (
    ChannelProcess,
    ExtractionAaf,
    PreDelete,
    ScheduledChannel,
    StsToSiecleContinuous,
    channels_of,
)
from sim.engine.memo import Memo
from sim.engine.model import resume_instants
from sim.engine.simulation import Chain, SimulationResult, record_change, simulate
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
        if skip_down and any(down):
            for k in range(len(down) - 1, -1, -1):
                if down[k]:
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
) -> SimulationResult:
    """The SimPy engine's result, computed with lazy wake-ups. Raises :class:`NeedsSimPy`
    on an instant it cannot order."""
    env = LazyEnvironment()
    chain = Chain.prepare(scenario, seed, truth, clock, env, memo)
    model = chain.model
    for op in chain.operations:
        _queue_occurrences(env, chain, op)
    _queue_reality(env, chain)
    channels = channels_of(model)
    continuous = next((c for c in channels if isinstance(c, StsToSiecleContinuous)), None)
    if continuous is not None:
        _wait_for_sts(continuous, env)
    wakes: list[tuple[ScheduledChannel | PreDelete, _Wakes]] = []
    for channel in channels:
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
        if isinstance(channel, ExtractionAaf):
            for k in channel.full_indexes:
                w.wake(k, visits[id(channel)])

    recorder = model.recorder
    stamp: list[object] = [None]

    def after() -> None:
        # most events change nothing (an outage, a run over the same files): one look
        seen = (recorder.changes, model.ent_outside_changes, model.aaf_full_pending)
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

    env.run(chain.end_minute, after)
    return chain.result()


def _wait_for_sts(continuous: StsToSiecleContinuous, env: LazyEnvironment) -> None:
    """The continuous copy waits for STS-WEB's next change signal, as its SimPy process."""
    sts = continuous.sts
    operations = {op.value for op in Operation}

    def resume(_: object) -> None:
        if env.acting not in operations:
            # its landing is named after the step that changed STS-WEB (always an operation
            # today), which orders it among that step's events at an equal instant
            raise NeedsSimPy(f"STS-WEB changed by {env.acting}")
        continuous.on_change()
        sts.changed.callbacks.append(resume)

    sts.changed.callbacks.append(resume)


def _outage(model: Any, channel: Channel) -> Callable[[], None]:
    def log() -> None:
        model.log(channel, "batch", "outage")

    return log


def _visitor(channel: ScheduledChannel | PreDelete, w: _Wakes) -> Callable[[int], None]:
    if isinstance(channel, PreDelete):

        def night(k: int) -> None:
            if channel.night(w.minutes[k]) != "early":
                w.wake(k + 1, night)

        return night

    def visit(k: int) -> None:
        # after a forced run the next one's key differs (the minute, then the counters
        # again); after any other run it is the same unless a counter changes, which wakes it
        if channel.visit(w.minutes[k]) and channel.forced_last:
            w.wake(k + 1, visit)

    return visit


def _queue_occurrences(env: LazyEnvironment, chain: Chain, op: Any) -> None:
    occurrences = chain.occurrences(op)
    instants = resume_instants([m for m, _ in occurrences], op)

    def occurrence(i: int) -> Callable[[], None]:
        def perform() -> None:
            chain.perform(op, occurrences[i][1], occurrences[i][0])
            if i + 1 < len(occurrences):
                env.push(instants[i + 1], _FIRST, op, occurrence(i + 1))

        return perform

    if occurrences:
        env.push(instants[0], _FIRST, op, occurrence(0))


def _queue_reality(env: LazyEnvironment, chain: Chain) -> None:
    changes = chain.changes()
    instants = resume_instants([c.recorded for c in changes], "reality")

    def change(i: int) -> Callable[[], None]:
        def record() -> None:
            record_change(chain.model, changes[i])
            if i + 1 < len(changes):
                env.push(instants[i + 1], _FIRST, "reality", change(i + 1))

        return record

    if changes:
        env.push(instants[0], _FIRST, "reality", change(0))


def simulate_fast(
    scenario: Scenario,
    seed: int | None = None,
    truth: Truth | None = None,
    clock: Clock | None = None,
    memo: Memo | None = None,
) -> tuple[SimulationResult, bool]:
    """The lazy engine's result, or SimPy's when it cannot order an instant; the flag says
    whether SimPy ran."""
    try:
        return simulate_lazy(scenario, seed, truth, clock, memo), False
    except NeedsSimPy:
        return simulate(scenario, seed, truth, clock, memo), True
