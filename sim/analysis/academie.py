"""Every lycée of an académie at once: each simulated on its own calendar, then counted.

A lycée's outcome is small and language-neutral (minutes, operation ids, codes), so that it
crosses process boundaries cheaply and the académie's figures do not depend on where or in
which order the lycées ran. Aggregates are integer counts over lycées in file order.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from sim.analysis.consistency import stuck_cause, target_consistency
from sim.analysis.differences import run_difference
from sim.analysis.execution import Executor, LocalExecutor
from sim.analysis.replication import fast_engine
from sim.analysis.risk import never_causes_of
from sim.analysis.run_analysis import WARNING_CODES, transition_gaps
from sim.calendar import Clock
from sim.chain import build_graph
from sim.domain import Operation, Target
from sim.engine.lazy import simulate_fast
from sim.engine.simulation import SimulationResult, observation_minutes, simulate
from sim.errors import EngineMismatch
from sim.scenario.academie import Academie
from sim.scenario.model import Scenario

OPERATIONS = {op.value for op in Operation}
NEVER = "never"  # a bottleneck: the target is never right within the window
NONE = "none"  # a bottleneck: right without waiting for any operation
CHECKED_LYCEES = 3  # lycées run again in SimPy, chosen by the académie's seed
PIECE_LYCEES = 4  # lycées per task: a task should last well over 100 ms


@dataclass
class TargetOutcome:
    """One target of one lycée: when it is right for good (apart from the departed accounts
    the ENT keeps, as ``risk`` and ``plan`` count; and strictly), and why not sooner."""

    consistent_from: float | None
    strict_from: float | None
    operation: str | None  # the last operation on the critical chain (None: no operation)
    outage_waited: bool  # a batch on the chain was down when it should have run
    correct: NDArray[np.bool_]  # right on each morning (apart from departed accounts)
    stuck: str | None = None  # never right: where its last category is (``stuck_cause``)


@dataclass
class LyceeRun:
    index: int
    uai: str
    name: str
    kind: str
    students: int
    warnings: list[str]
    forgotten: list[str]  # operations the scenario says are not done
    targets: dict[Target, TargetOutcome]

    def bottleneck(self, target: Target) -> str:
        outcome = self.targets[target]
        if outcome.consistent_from is None:
            return NEVER
        return outcome.operation or NONE

    def never_causes(self, target: Target) -> list[str]:
        """Why ``target`` is never right, when it is not: the lycée's warnings that can
        hold a fact back, its forgotten operations (``forgotten:<operation>``) and where
        its last wrong category is stuck, as ``risk`` counts them."""
        outcome = self.targets[target]
        if outcome.consistent_from is not None:
            return []
        return never_causes_of(self.warnings, self.forgotten, outcome.stuck)


@dataclass
class AcademieRun:
    academie: Academie
    clock: Clock
    observations: list[float]
    lycees: list[LyceeRun]  # in the file's order
    curve: dict[Target, NDArray[np.int64]] = field(default_factory=dict)  # lycées right
    by_count: dict[Target, int] = field(default_factory=dict)
    bottlenecks: dict[Target, dict[str, int]] = field(default_factory=dict)
    outages: dict[Target, int] = field(default_factory=dict)
    ranking: list[int] = field(default_factory=list)  # indexes, most at risk first

    @property
    def by_minute(self) -> float:
        return self.observations[morning_index(self.clock, self.observations, self.academie.by)]


def morning_index(clock: Clock, observations: list[float], day: dt.date) -> int:
    """The index of ``day``'s morning observation (the last one when past the end)."""
    start = clock.day_minutes(day, dt.time(0, 0))
    return min(bisect.bisect_left(observations, start), len(observations) - 1)


def run_lycee(index: int, uai: str, name: str, kind: str, scenario: Scenario) -> LyceeRun:
    """One lycée on its own calendar (the fast engine, or SimPy when asked)."""
    result = _simulate(scenario, fast_engine())
    return outcome_of(index, uai, name, kind, scenario, result)


def _simulate(scenario: Scenario, fast: bool) -> SimulationResult:
    return simulate_fast(scenario)[0] if fast else simulate(scenario)


def outcome_of(
    index: int, uai: str, name: str, kind: str, scenario: Scenario, result: SimulationResult
) -> LyceeRun:
    graph = build_graph(scenario)
    targets = {}
    for target in Target:
        tc = target_consistency(
            result, target, graph, detail=False, chains=("except_departed",), accounts=False
        )
        operations = [step for step in tc.chain_except_departed if step.actor in OPERATIONS]
        critical = tc.critical_category_except_departed
        never = tc.consistent_except_departed_from is None and critical is not None
        targets[target] = TargetOutcome(
            consistent_from=tc.consistent_except_departed_from,
            strict_from=tc.consistent_from,
            operation=operations[-1].actor if operations else None,
            outage_waited=any(step.outages_waited for step in tc.chain_except_departed),
            correct=np.asarray(tc.correct_except_departed, dtype=bool),
            stuck=stuck_cause(result, target, critical) if never and critical else None,
        )
    return LyceeRun(
        index=index,
        uai=uai,
        name=name,
        kind=kind,
        students=scenario.etablissement.students,
        warnings=sorted(
            {e.code for e in result.events if e.code in WARNING_CODES}
            | {w.code for w in transition_gaps(result)}
        ),
        forgotten=[op.value for op in Operation if scenario.operations.get(op).missing],
        targets=targets,
    )


Piece = list[tuple[int, str, str, str, Scenario]]
# a task: lycées to run ("piece"), or one lycée to run again in SimPy ("check")
Task = tuple[str, Piece | Scenario]


def _run_piece(piece: Piece) -> list[LyceeRun]:
    return [run_lycee(*item) for item in piece]


def _run_task(task: Task) -> list[LyceeRun] | str | None:
    kind, payload = task
    if kind == "check":
        assert isinstance(payload, Scenario)
        return run_difference(simulate(payload), _simulate(payload, True))
    assert isinstance(payload, list)
    return _run_piece(payload)


def run_academie(
    academie: Academie,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> AcademieRun:
    """Each lycée of ``academie`` on its own calendar, where ``executor`` runs the tasks
    (this process by default: the same result wherever they run), and the counts. A few
    lycées are run again in SimPy, the reference, beside them (:func:`checked_lycees`)."""
    items = [(ly.index, ly.uai, ly.name, ly.kind, ly.scenario) for ly in academie.lycees]
    checked = checked_lycees(academie)
    tasks: list[Task] = [("check", academie.lycees[p].scenario) for p in checked]
    tasks += [
        ("piece", items[start : start + PIECE_LYCEES])
        for start in range(0, len(items), PIECE_LYCEES)
    ]
    found: dict[int, LyceeRun] = {}
    differences: dict[int, str | None] = {}

    def done(index: int, outcome: list[LyceeRun] | str | None) -> None:
        if index < len(checked):
            assert not isinstance(outcome, list)
            differences[checked[index]] = outcome
            return
        assert isinstance(outcome, list)
        for lycee in outcome:
            found[lycee.index] = lycee
        if progress:
            progress(len(outcome))

    runner: Executor = LocalExecutor(1) if executor is None else executor
    try:
        runner.run(_run_task, tasks, done)
    finally:
        if executor is None:
            runner.close()
    for position, difference in sorted(differences.items()):
        if difference is not None:
            raise EngineMismatch(position, f"{academie.lycees[position].uai} : {difference}")
    lycees = [found[lycee.index] for lycee in academie.lycees]
    return summarise(academie, lycees)


def checked_lycees(academie: Academie) -> list[int]:
    """The positions of the lycées run again in SimPy, the reference, and on the fast
    engine, chosen by the académie's seed (none when every lycée runs in SimPy): any
    difference in the event log or the histories stops the run."""
    if not fast_engine():
        return []
    rng = np.random.default_rng(academie.seed)
    size = min(CHECKED_LYCEES, len(academie.lycees))
    return sorted(rng.choice(len(academie.lycees), size=size, replace=False).tolist())


def summarise(academie: Academie, lycees: Sequence[LyceeRun]) -> AcademieRun:
    first = academie.lycees[0].scenario
    clock = Clock.starting(first.calendar.start)
    run = AcademieRun(
        academie=academie,
        clock=clock,
        observations=observation_minutes(first, clock),
        lycees=list(lycees),
    )
    by = run.by_minute
    for target in Target:
        outcomes = [lycee.targets[target] for lycee in lycees]
        run.curve[target] = np.sum([o.correct for o in outcomes], axis=0, dtype=np.int64)
        run.by_count[target] = sum(
            o.consistent_from is not None and o.consistent_from <= by for o in outcomes
        )
        counts: dict[str, int] = {}
        for lycee in lycees:
            key = lycee.bottleneck(target)
            counts[key] = counts.get(key, 0) + 1
        run.bottlenecks[target] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        run.outages[target] = sum(o.outage_waited for o in outcomes)
    run.ranking = sorted(range(len(lycees)), key=lambda i: _risk_key(lycees[i]))
    return run


def _risk_key(lycee: LyceeRun) -> tuple[float, float, str]:
    """Most at risk first: never right first, then the latest GAR, then the latest ENT."""

    def late(target: Target) -> float:
        minute = lycee.targets[target].consistent_from
        return -np.inf if minute is None else -minute

    return late(Target.GAR), late(Target.ENT), lycee.uai
