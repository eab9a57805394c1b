"""Replications of a lycée's rentrée: one drawn calendar (forgotten operations, lateness in
working days, failed nights of the batches), simulated on the fast engine (or SimPy) and
summed up in a small record. Replication ``i`` draws from ``SeedSequence(seed,
spawn_key=(i,))``, so results do not depend on how many processes run them. ``risk``,
``plan --confidence`` and the académie build on it.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from sim.analysis.consistency import stuck_cause, target_summary
from sim.analysis.differences import run_difference
from sim.analysis.run_analysis import WARNING_CODES
from sim.calendar import Clock, StaffCalendar, day_of
from sim.chain import PREDECESSORS, SEED_ORDER, build_graph
from sim.domain import PLATFORM_OPERATIONS, Category, Channel, Operation, Target
from sim.engine.lazy import simulate_fast
from sim.engine.memo import Memo
from sim.engine.replay import simulate_replay
from sim.engine.simulation import (
    SimulationResult,
    build_truth,
    memo_context,
    new_memo,
    simulate,
)
from sim.errors import EngineMismatch, UsageError, printable
from sim.i18n import t
from sim.scenario.model import (
    MAX_LATENESS_DAYS,
    Calendar,
    ChannelSpec,
    Lateness,
    OperationSpec,
    Outage,
    Scenario,
)
from sim.scenario.priors import failure_probability, operation_risk
from sim.truth.model import Truth


@dataclass
class Replication:
    """What one replication drew and what it gave (small: it crosses process boundaries)."""

    index: int
    lateness: dict[str, int]
    forgotten: list[str]
    consistent_from: dict[Target, float | None]
    category_from: dict[Target, dict[Category, float | None]]
    correct: dict[Target, NDArray[np.bool_]]
    chain: dict[Target, list[str]]
    warnings: list[str] = field(default_factory=list)
    # whether a batch on the target's critical chain was down when it should have run
    outage_waited: dict[Target, bool] = field(default_factory=dict)
    # a target never right: why its last category is not (``stuck_cause``)
    stuck: dict[Target, str] = field(default_factory=dict)


# --- sampling -----------------------------------------------------------------------------


Failures = NDArray[np.float64]  # [channel, day]: uniform draws shared by an académie


def common_failures(seed: int, index: int, days: int) -> Failures:
    """Replication ``index``'s shared draws of failed nights (a stream of its own, apart
    from every lycée's)."""
    sequence = np.random.SeedSequence(entropy=seed, spawn_key=(COMMON_STREAM, index))
    return np.random.default_rng(sequence).random((len(Channel), days))


def draw_lateness(lateness: Lateness, rng: np.random.Generator) -> int:
    """One lateness in whole working days (never negative, capped at ``max`` if given)."""
    if lateness.kind == "triangular":
        high = lateness.max if lateness.max is not None else lateness.mode
        value = (
            lateness.min
            if high <= lateness.min
            else rng.triangular(lateness.min, lateness.mode, high)
        )
    elif lateness.kind == "lognormal":
        value = rng.lognormal(math.log(lateness.median), lateness.sigma)
    else:
        weights = np.asarray(lateness.weights or [1.0] * len(lateness.values), dtype=float)
        value = rng.choice(np.asarray(lateness.values, dtype=float), p=weights / weights.sum())
    if lateness.max is not None:
        value = min(value, lateness.max)
    # past the format's bound an operation is as good as forgotten; the cap keeps a lognormal
    # tail from asking for millions of working days
    return max(0, round(min(float(value), MAX_LATENESS_DAYS)))


def sample_calendar(
    scenario: Scenario,
    rng: np.random.Generator,
    fixed: dict[Operation, int] | None = None,
    failures: Failures | None = None,
    plan: DrawPlan | None = None,
) -> tuple[Scenario, dict[str, int], list[str]]:
    """One drawn calendar (``plan``: the :class:`DrawPlan` of a batch of ``scenario``'s
    draws; one is made when none is given). Draws come in a fixed order (every draw is made
    even when unused) so that fixing one operation's lateness keeps every other draw: common
    random numbers.

    A late operation pushes the ones that follow it in the seed's order (staff follow the
    procedure): an operation's delay is the largest of its own lateness and its done
    predecessors' delays, so the planned spacing between steps is kept. Delays count the days
    the staff work (no closure, no day off); a fixed date (the académie's, AFFELNET's) is
    never late, and the dates after it keep their own lateness.

    ``failures`` (one uniform draw per channel and day of the window, shared by the lycées
    of an académie) replaces the lycée's own draws of failed nights: a night fails where
    the draw is below the channel's failure probability, so lycées whose batches fail as
    often fail on the same nights (the batches are the académie's, not the lycée's)."""
    # only the calendar's parts are drawn (each operation's dates, shares and "missing",
    # each batch's outages): a spec is copied when a draw changes it, the rest is shared
    # with the scenario, never changed
    operations, channels, calendar = scenario.operations, scenario.channels, scenario.calendar
    if plan is None or plan.scenario is not scenario:
        plan = DrawPlan(scenario)
    end, staff = calendar.end, plan.staff
    draws: dict[Operation, tuple[bool, int]] = {}
    for op, forget_probability, lateness in plan.risks:
        forget = bool(rng.random() < forget_probability)
        late = draw_lateness(lateness, rng)
        if fixed is not None and op in fixed:
            late = fixed[op]
        draws[op] = (forget, late)
    delay: dict[Operation, int] = {}
    # each operation's dates as written and as drawn, where some were written on a day off
    placed = dict(plan.fixed) if plan.days_off else {}
    lateness_of: dict[str, int] = {}
    forgotten: list[str] = []
    drawn_operations: dict[str, OperationSpec] = {}
    for op, name, spec, predecessors in plan.steps:
        forget, late = draws[op]
        if forget:
            drawn_operations[name] = plan.drawn(spec, missing=True)
            forgotten.append(name)
            continue
        delay[op] = max([late, *(delay[p] for p in predecessors if p in delay)])
        lateness_of[name] = delay[op]
        if not plan.days_off:
            # no date on a day off: an operation's drawn spec depends on its delay alone
            found = plan.delayed.get((op, delay[op]))
            if found is None:
                found = plan.delayed[op, delay[op]] = _delayed(plan, spec, delay[op], end)
            if found is not spec:
                drawn_operations[name] = found
                if found.missing:
                    forgotten.append(name)
            continue
        if op not in PLATFORM_OPERATIONS and delay[op]:
            moved = [_late(staff, d, delay[op]) for d in spec.date]
        else:
            moved = [staff.add_working_days(d, delay[op]) for d in spec.date]
        before = [placed[p] for p in predecessors if p in placed]
        moved = _kept_after(calendar, spec.date, moved, before)
        placed[op] = [
            (calendar.at(d), calendar.at(m))
            for d, m in zip(spec.date, moved, strict=True)
            if day_of(m) <= end
        ]
        kept = [d for d in moved if day_of(d) <= end]
        if not kept:
            drawn_operations[name] = plan.drawn(spec, missing=True)
            forgotten.append(name)
            continue
        changes: dict[str, Any] = {}
        if kept != spec.date:
            changes["date"] = kept
        if isinstance(spec.share, list) and len(spec.share) > len(kept):
            changes["share"] = spec.share[: len(kept)]
        if changes:
            drawn_operations[name] = plan.drawn(spec, **changes)
    days = (end - calendar.start).days + 1
    drawn_channels: dict[str, ChannelSpec] = {}
    for row, name, batch, probability in plan.batches:
        uniform = rng.random(days)  # drawn even when shared: the stream stays the same
        if failures is not None:
            if failures.shape[1] < days:
                raise ValueError(f"shared failures for {failures.shape[1]} days, not {days}")
            uniform = failures[row, :days]
        failed = (uniform < probability).nonzero()[0]
        if not failed.size:
            continue
        outages = list(batch.outages)
        outages.extend(_failed_night(calendar.start, int(offset), batch.at) for offset in failed)
        drawn_channels[name] = batch.model_copy(update={"outages": outages})
    drawn = scenario.model_copy(
        update={
            "operations": operations.model_copy(update=drawn_operations),
            "channels": channels.model_copy(update=drawn_channels),
        }
    )
    return drawn, lateness_of, forgotten


class DrawPlan:
    """What the draws of one scenario read (each operation's risk in the draws' order, the
    operations the lycée can be late for or forget in the seed's order with their
    predecessors, each batch's failure probability in the order of the shared failures'
    rows), looked up once for a batch of its draws, and the specs they made: the same few
    dates come back in most replications, and a drawn spec is never changed once made. A
    plan serves one batch: a scenario edited in place afterwards (its models are mutable)
    is read again by the next batch's plan."""

    MAX_SPECS = 4096

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.staff = scenario.calendar.staff()
        operations, channels = scenario.operations, scenario.channels
        self.risks: list[tuple[Operation, float, Lateness]] = []
        for op in Operation:
            risk = operation_risk(op, operations.get(op))
            self.risks.append((op, risk.forget_probability, risk.lateness))
        self.steps: list[tuple[Operation, str, OperationSpec, tuple[Operation, ...]]] = [
            (op, op.value, spec, tuple(PREDECESSORS[op]))
            for op in SEED_ORDER
            # a fixed date is not the lycée's to be late for or to forget
            if not (spec := operations.get(op)).missing and not spec.fixed
        ]
        self.batches: list[tuple[int, str, ChannelSpec, float]] = []
        for row, channel in enumerate(Channel):
            batch = channels.get(channel)
            self.batches.append((row, channel.value, batch, failure_probability(channel, batch)))
        self._specs: dict[tuple[object, ...], OperationSpec] = {}
        # an operation's drawn spec by its delay in working days, where none is on a day off
        self.delayed: dict[tuple[Operation, int], OperationSpec] = {}
        # whether an operation the draws move is dated on a day the staff do not work (see
        # _kept_after), and the instants of those with a fixed date (never moved)
        self.days_off = any(
            not self.staff.works(day_of(d))
            for op, _, spec, _ in self.steps
            if op not in PLATFORM_OPERATIONS
            for d in spec.date
        )
        self.fixed: dict[Operation, list[tuple[dt.datetime, dt.datetime]]] = {
            op: [(scenario.calendar.at(d),) * 2 for d in spec.date]
            for op in Operation
            if not (spec := operations.get(op)).missing and spec.fixed
        }

    def drawn(self, spec: OperationSpec, **changes: Any) -> OperationSpec:
        """``spec`` (one of the scenario's, alive as long as the plan) with ``changes``
        (dates, shares, missing)."""
        key = (id(spec), *((k, tuple(v) if isinstance(v, list) else v) for k, v in changes.items()))
        found = self._specs.get(key)
        if found is None:
            if len(self._specs) >= self.MAX_SPECS:
                self._specs.clear()
            found = self._specs[key] = spec.model_copy(update=changes)
        return found


def _delayed(plan: DrawPlan, spec: OperationSpec, days: int, end: dt.date) -> OperationSpec:
    """``spec`` done ``days`` working days late, where no date is on a day off: its dates
    moved, those past the window's ``end`` dropped (all of them: missing), its shares cut
    to the dates kept; ``spec`` itself when nothing changes."""
    kept = [
        d for d in (plan.staff.add_working_days(d, days) for d in spec.date) if day_of(d) <= end
    ]
    if not kept:
        return plan.drawn(spec, missing=True)
    changes: dict[str, Any] = {}
    if kept != spec.date:
        changes["date"] = kept
    if isinstance(spec.share, list) and len(spec.share) > len(kept):
        changes["share"] = spec.share[: len(kept)]
    return plan.drawn(spec, **changes) if changes else spec


def _late(staff: StaffCalendar, date: dt.date | dt.datetime, days: int) -> dt.date | dt.datetime:
    """``date`` done ``days`` (≥ 1) working days late: from the first working day at or
    after it, since the staff do not do on a day off what they are late for. Counted from
    the day off itself, a Sunday's step two days late would fall on the Tuesday that the
    step of the Friday before, as late, falls on: the working day between them is lost."""
    return staff.add_working_days(staff.next_working(date), days)


def _kept_after(
    calendar: Calendar,
    written: list[dt.date | dt.datetime],
    moved: list[dt.date | dt.datetime],
    prerequisites: list[list[tuple[dt.datetime, dt.datetime]]],
) -> list[dt.date | dt.datetime]:
    """``moved`` (an operation's dates, drawn late), none earlier than a drawn date of a
    prerequisite written before it. Equal delays keep the written order, except around a
    day off: a prerequisite written on Sunday 10:00 and its step on the Monday 09:00 after
    it, both late, fall on the same day, the step at the earlier hour. The step is then
    moved to its prerequisite's instant: it is done right after it (in chain order)."""
    kept = list(moved)
    for i, (date, late) in enumerate(zip(written, moved, strict=True)):
        at, drawn = calendar.at(date), calendar.at(late)
        before = [
            after
            for first in prerequisites
            for wrote, after in first
            if wrote < at and after > drawn
        ]
        if before:
            kept[i] = max(before)
    return kept


@lru_cache(maxsize=4096)
def _failed_night(start: dt.date, offset: int, at: dt.time) -> Outage:
    """A batch's failed night: its run ``offset`` days after ``start``, down for a minute
    either side (made once: an outage is never changed)."""
    run = dt.datetime.combine(start + dt.timedelta(days=offset), at)
    # ordered by construction: no need to run the format's validators again
    return Outage.model_construct(
        start=run - dt.timedelta(minutes=1), end=run + dt.timedelta(minutes=1)
    )


# --- replications -------------------------------------------------------------------------


def lycee_key(scenario: Scenario) -> str:
    """What the truth is built from: two scenarios with the same key share one truth (an
    imported lycée's data file by its size and time too: edited, it is read again)."""
    key = scenario.model_dump_json(include={"etablissement", "reality", "seed", "calendar"})
    data = scenario.etablissement.donnees
    if data is not None:
        try:
            found = os.stat(data)
            key += f"|{found.st_size}|{found.st_mtime_ns}"
        except OSError:
            key += "|?"  # the truth's own reading tells what is wrong with it
    return key


# Worker side: the lycées' truths this process holds, by key, and their memos.
_LYCEES: OrderedDict[str, tuple[Truth, Clock]] = OrderedDict()
_MEMOS: OrderedDict[tuple[str, tuple[object, ...]], Memo] = OrderedDict()
KEPT_LYCEES = 16  # truths a long session (a notebook, the API) keeps, the last used
# Replications of each command rerun in SimPy, the reference, and compared field by field.
CHECKED_REPLICATIONS = 3
COMMON_STREAM = 10**7  # above every UAI's seven digits: never a lycée's stream
KEPT_MEMOS = 8
ENGINE_VARIABLE = "RENTREE_SIM_MOTEUR"


ENGINES = {"": True, "rapide": True, "fast": True, "simpy": False}


def fast_engine() -> bool:
    """Whether replications run on the fast engine (the default), or all in SimPy
    (``RENTREE_SIM_MOTEUR=simpy``: slower, for a doubt about the fast one)."""
    value = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if value not in ENGINES:
        raise UsageError(
            t("error.engine_variable", variable=ENGINE_VARIABLE, value=printable(value))
        )
    return ENGINES[value]


def memo_for(key: str, scenario: Scenario, truth: Truth) -> Memo | None:
    """This process's memo for the replications of ``scenario``'s lycée (None: SimPy)."""
    if not fast_engine():
        return None
    context = (key, memo_context(scenario, scenario.seed))
    found = _MEMOS.get(context)
    if found is None or found.owner is not truth:  # a worker forked from a process with
        found = new_memo(scenario, truth)  # its own copy of the truth gets its own memo
        while len(_MEMOS) >= KEPT_MEMOS:  # a long session keeps the lycées it used last
            _, dropped = _MEMOS.popitem(last=False)
            dropped.book = None  # its replay book refers back to it: freed at once
        _MEMOS[context] = found
    _MEMOS.move_to_end(context)
    return found


def _keep(key: str, lycee: tuple[Truth, Clock]) -> tuple[Truth, Clock]:
    _LYCEES[key] = lycee
    _LYCEES.move_to_end(key)
    while len(_LYCEES) > KEPT_LYCEES:
        _LYCEES.popitem(last=False)
    return lycee


def _install(key: str, truth: Truth, clock: Clock) -> None:
    _keep(key, (truth, clock))
    # a worker lives for one command: what it holds now (modules, the truth) is never
    # garbage, so the collector need not walk it again after each replication
    gc.freeze()


def _lycee(key: str, scenario: Scenario) -> tuple[Truth, Clock]:
    found = _LYCEES.get(key)
    return _keep(key, build_truth(scenario) if found is None else found)


def replicate(
    scenario: Scenario,
    truth: Truth,
    clock: Clock,
    graph: nx.DiGraph,
    index: int,
    seed: int,
    fixed: dict[Operation, int] | None,
    memo: Memo | None,
    failures: Failures | None = None,
    plan: DrawPlan | None = None,
) -> Replication:
    """Replication ``index``: on the fast engine with ``memo``, else in SimPy (``plan``:
    the batch's :class:`DrawPlan`)."""
    drawn, lateness, forgotten = draw(scenario, index, seed, fixed, failures, plan)
    return summarise_run(_run(drawn, truth, clock, memo), graph, index, lateness, forgotten)


def as_written(scenario: Scenario) -> Replication:
    """The scenario's own calendar, nothing drawn, summed up as a replication (the dates
    ``run`` gives apart from departed accounts), on the lycée's truth and memo."""
    key = lycee_key(scenario)
    truth, clock = _lycee(key, scenario)
    result = _run(scenario, truth, clock, memo_for(key, scenario, truth))
    return summarise_run(result, build_graph(scenario), -1, {}, [])


def _run(scenario: Scenario, truth: Truth, clock: Clock, memo: Memo | None) -> SimulationResult:
    if memo is None:
        return simulate(scenario, truth=truth, clock=clock)
    return simulate_replay(scenario, truth, clock, memo)[0]


def draw(
    scenario: Scenario,
    index: int,
    seed: int,
    fixed: dict[Operation, int] | None,
    failures: Failures | None = None,
    plan: DrawPlan | None = None,
) -> tuple[Scenario, dict[str, int], list[str]]:
    rng = np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=(index,)))
    return sample_calendar(scenario, rng, fixed, failures, plan)


def summarise_run(
    result: SimulationResult,
    graph: nx.DiGraph,
    index: int,
    lateness: dict[str, int],
    forgotten: list[str],
) -> Replication:
    replication = Replication(index, lateness, forgotten, {}, {}, {}, {})
    replication.warnings = sorted({e.code for e in result.events if e.code in WARNING_CODES})
    for target in Target:
        # the dates the lycée can move: the ENT's own retention of departed users is set by
        # the pre-delete, whatever the calendar
        summary = target_summary(result, target, graph)
        replication.consistent_from[target] = summary.consistent_from
        replication.category_from[target] = summary.category_from
        replication.correct[target] = summary.correct
        replication.chain[target] = [step.actor for step in summary.chain]
        replication.outage_waited[target] = any(step.outages_waited for step in summary.chain)
        critical = summary.critical_category
        if summary.consistent_from is None and critical is not None:
            stuck = stuck_cause(result, target, critical)
            if stuck is not None:
                replication.stuck[target] = stuck
    return replication


Chunk = tuple[str, Scenario, list[int], int, dict[Operation, int] | None]


def replicate_chunk(chunk: Chunk) -> list[Replication]:
    key, scenario, indices, seed, fixed = chunk
    truth, clock = _lycee(key, scenario)
    graph = build_graph(scenario)
    memo = memo_for(key, scenario, truth)
    plan = DrawPlan(scenario)
    return [
        replicate(scenario, truth, clock, graph, i, seed, fixed, memo, plan=plan) for i in indices
    ]


def replication_difference(reference: Replication, other: Replication) -> str | None:
    """The first field where two runs of one replication differ (None: the same)."""
    names = ("lateness", "forgotten", "warnings", "consistent_from", "category_from", "chain")
    for name in (*names, "outage_waited", "stuck"):
        if getattr(reference, name) != getattr(other, name):
            return f"{name}: {getattr(reference, name)!r} / {getattr(other, name)!r}"
    for target, correct in reference.correct.items():
        theirs = other.correct[target]
        if not np.array_equal(correct, theirs):
            k = int(np.flatnonzero(correct != theirs)[0]) if correct.shape == theirs.shape else 0
            return f"correct[{target.value}][{k}]: {correct[k]!r} / {theirs[k]!r}"
    return None


class ReplicationPool:
    """Runs replications, in this process or on worker processes started once and reused by
    every batch of a command (the risk, its tornado, the scenarios of a comparison, the
    margins of a plan). Truths are built once in this process and sent to the workers with
    their start; another lycée's truth is built by each worker on first use."""

    def __init__(self, workers: int = 1) -> None:
        fast_engine()  # a misspelt engine is told before any work
        self.workers = max(1, workers)
        self._truths: dict[str, tuple[Truth, Clock]] = {}
        self._executor: ProcessPoolExecutor | None = None
        self._checked: set[str] = set()

    def __enter__(self) -> ReplicationPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def truth(self, scenario: Scenario) -> tuple[str, Truth, Clock]:
        key = lycee_key(scenario)
        if key not in self._truths:
            self._truths[key] = build_truth(scenario)
        return key, *self._truths[key]

    def run(
        self,
        scenario: Scenario,
        indices: Sequence[int],
        seed: int,
        fixed: dict[Operation, int] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Replication]:
        """Replications ``indices`` of ``scenario`` (the same whatever the processes)."""
        key, truth, clock = self.truth(scenario)
        results: list[Replication] = []
        if self.workers == 1:
            graph = build_graph(scenario)
            memo = memo_for(key, scenario, truth)
            plan = DrawPlan(scenario)
            for index in indices:
                results.append(
                    replicate(scenario, truth, clock, graph, index, seed, fixed, memo, plan=plan)
                )
                if progress:
                    progress(1)
            self._check(scenario, results, seed, fixed)
            return results
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, initializer=_install, initargs=(key, truth, clock)
            )
        size = max(1, len(indices) // (self.workers * 8))
        chunks: list[Chunk] = [
            (key, scenario, list(indices[i : i + size]), seed, fixed)
            for i in range(0, len(indices), size)
        ]
        for done in self._executor.map(replicate_chunk, chunks):
            results.extend(done)
            if progress:
                progress(len(done))
        self._check(scenario, results, seed, fixed)
        return results

    def _check(
        self,
        scenario: Scenario,
        results: list[Replication],
        seed: int,
        fixed: dict[Operation, int] | None,
    ) -> None:
        """Rerun a few replications (chosen by ``seed``) in SimPy, once per lycée and
        command, and stop on any difference with the fast engine: in the event log, the
        histories, or what the replication keeps."""
        key, truth, clock = self.truth(scenario)
        memo = memo_for(key, scenario, truth)
        if key in self._checked or memo is None or not results:
            return
        self._checked.add(key)
        graph = build_graph(scenario)
        rng = np.random.default_rng(seed)
        size = min(CHECKED_REPLICATIONS, len(results))
        for position in sorted(rng.choice(len(results), size=size, replace=False).tolist()):
            fast = results[position]
            drawn, lateness, forgotten = draw(scenario, fast.index, seed, fixed)
            reference = simulate(drawn, truth=truth, clock=clock)
            again, _ = simulate_fast(drawn, truth=truth, clock=clock, memo=memo)
            difference = run_difference(reference, again) or replication_difference(
                summarise_run(reference, graph, fast.index, lateness, forgotten), fast
            )
            if difference is not None:
                raise EngineMismatch(fast.index, difference)


def run_replications(
    scenario: Scenario,
    indices: Sequence[int],
    seed: int,
    workers: int = 1,
    fixed: dict[Operation, int] | None = None,
    progress: Callable[[int], None] | None = None,
    pool: ReplicationPool | None = None,
) -> list[Replication]:
    """Replications ``indices`` of ``scenario``, on ``pool`` (else on ``workers`` processes
    started for this call only)."""
    if pool is not None:
        return pool.run(scenario, indices, seed, fixed, progress)
    with ReplicationPool(workers) as own:
        return own.run(scenario, indices, seed, fixed, progress)
