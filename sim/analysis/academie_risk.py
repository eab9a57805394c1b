"""The académie under uncertainty: each lycée's Monte Carlo, and how many lycées are right.

Replication ``r`` of every lycée shares the académie's failed nights (the batches are
shared systems) unless the file says ``risk_failures: independent``; each lycée keeps its
own draws of lateness and forgetting, from its own seed, so that one lycée's figures are
those ``risk`` gives for it. Tasks return compact arrays placed by (lycée, replication):
the result is the same whatever the processes, machines or order of completion.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from sim.analysis.academie import morning_index
from sim.analysis.differences import run_difference
from sim.analysis.execution import Executor, LocalExecutor
from sim.analysis.replication import (
    DrawPlan,
    Replication,
    common_failures,
    draw,
    fast_engine,
    lycee_key,
    memo_for,
    replicate,
    summarise_run,
)
from sim.analysis.risk import (
    ACTORS,
    PERCENTILES,
    associated_causes,
    never_causes_of,
    percentile,
    percentile_interval,
    scenario_missing,
)
from sim.analysis.run_analysis import WARNING_CODES
from sim.calendar import Clock
from sim.chain import build_graph
from sim.domain import Category, Operation, Store, Target
from sim.engine.lazy import simulate_fast
from sim.engine.simulation import build_truth, observation_minutes, simulate
from sim.errors import EngineMismatch, UsageError
from sim.i18n import t
from sim.scenario.academie import Academie, lycee_seed
from sim.scenario.model import Scenario
from sim.truth.model import Truth

TARGETS = tuple(Target)
OPERATION_IDS = [op.value for op in Operation]
CODES = sorted(WARNING_CODES)
# where a never-right target's last category is stuck (``stuck_cause``), by index
STUCK_CODES = [f"stale:{c.value}" for c in Category] + [
    f"stuck:{c.value}:{where}" for c in Category for where in ("none", *(s.value for s in Store))
]
NEVER, NONE = -2, -1  # step codes besides an operation's index
PIECE_SECONDS = 0.5  # a task should last well over Dask's ~2 ms per task
REPLICATION_SECONDS = 0.004  # what a replication costs on the fast engine (nominal, 11/2026)
KEPT_TRUTHS = 16  # per worker process: tasks come lycée after lycée
CHECKED = 3  # (lycée, replication) pairs run again in SimPy
BAND = (0.1, 0.9)  # the académie's band: 80 % of the replications
MAX_PIECES = 50  # tasks per lycée
# lycées × replications kept by the client (about 55 bytes each: some 275 MB at most)
MAX_PAIRS = 5_000_000


@dataclass(frozen=True)
class Piece:
    """Replications ``start`` to ``stop`` of one lycée."""

    position: int
    scenario: Scenario
    start: int
    stop: int
    seed: int  # the lycée's base seed
    common_seed: int | None  # the académie's failed nights (None: the lycée's own)


@dataclass
class PieceResult:
    position: int
    start: int
    stop: int
    consistent_from: NDArray[np.float64]  # [replication, target], NaN: never
    step: NDArray[np.int8]  # the last operation on the chain (index), NONE or NEVER
    outage: NDArray[np.bool_]  # [replication, target]
    correct: NDArray[np.bool_]  # [replication, target, morning]
    chain: NDArray[np.int64]  # [replication, target]: bit a of ACTORS on the chain
    warnings: NDArray[np.int64]  # [replication]: bit c of CODES
    forgotten: NDArray[np.int64]  # [replication]: bit o of Operation
    stuck: NDArray[np.int16]  # [replication, target]: index of STUCK_CODES, -1: none


_TRUTHS: OrderedDict[str, tuple[Truth, Clock]] = OrderedDict()


def _truth(key: str, scenario: Scenario) -> tuple[Truth, Clock]:
    found = _TRUTHS.get(key)
    if found is None:
        found = build_truth(scenario)
        _TRUTHS[key] = found
        while len(_TRUTHS) > KEPT_TRUTHS:
            _TRUTHS.popitem(last=False)
    else:
        _TRUTHS.move_to_end(key)
    return found


def _failures(piece: Piece, index: int) -> NDArray[np.float64] | None:
    if piece.common_seed is None:
        return None
    cal = piece.scenario.calendar
    return common_failures(piece.common_seed, index, (cal.end - cal.start).days + 1)


def run_piece(piece: Piece) -> PieceResult:
    """The task: a lycée's replications ``start`` to ``stop``, as compact arrays."""
    key = lycee_key(piece.scenario)
    truth, clock = _truth(key, piece.scenario)
    graph = build_graph(piece.scenario)
    memo = memo_for(key, piece.scenario, truth)
    plan = DrawPlan(piece.scenario)
    replications = [
        replicate(
            piece.scenario,
            truth,
            clock,
            graph,
            index,
            piece.seed,
            None,
            memo,
            _failures(piece, index),
            plan,
        )
        for index in range(piece.start, piece.stop)
    ]
    return compact(piece, replications)


def compact(piece: Piece, replications: list[Replication]) -> PieceResult:
    k = len(replications)
    mornings = len(replications[0].correct[Target.ENT]) if replications else 0
    found = PieceResult(
        position=piece.position,
        start=piece.start,
        stop=piece.stop,
        consistent_from=np.full((k, len(TARGETS)), np.nan),
        step=np.full((k, len(TARGETS)), NONE, dtype=np.int8),
        outage=np.zeros((k, len(TARGETS)), dtype=bool),
        correct=np.zeros((k, len(TARGETS), mornings), dtype=bool),
        chain=np.zeros((k, len(TARGETS)), dtype=np.int64),
        warnings=np.zeros(k, dtype=np.int64),
        forgotten=np.zeros(k, dtype=np.int64),
        stuck=np.full((k, len(TARGETS)), -1, dtype=np.int16),
    )
    actors = {actor.value: bit for bit, actor in enumerate(ACTORS)}
    for row, replication in enumerate(replications):
        for column, target in enumerate(TARGETS):
            minute = replication.consistent_from[target]
            chain = replication.chain[target]
            operations = [OPERATION_IDS.index(a) for a in chain if a in OPERATION_IDS]
            if minute is None:
                found.step[row, column] = NEVER
            else:
                found.consistent_from[row, column] = minute
                found.step[row, column] = operations[-1] if operations else NONE
            found.outage[row, column] = replication.outage_waited.get(target, False)
            found.correct[row, column] = replication.correct[target]
            # a late arrival on the chain is nobody's step: no criticality, as in ``risk``
            found.chain[row, column] = sum(1 << actors[a] for a in set(chain) if a in actors)
            stuck = replication.stuck.get(target)
            if stuck is not None:
                found.stuck[row, column] = STUCK_CODES.index(stuck)
        found.warnings[row] = sum(1 << CODES.index(c) for c in replication.warnings)
        found.forgotten[row] = sum(1 << OPERATION_IDS.index(o) for o in replication.forgotten)
    return found


# --- the client side ----------------------------------------------------------------------


@dataclass
class TargetRiskOfLycee:
    percentiles: dict[str, float | None]
    intervals: dict[str, tuple[float | None, float | None]]
    never_share: float
    by_share: float  # P(right for good on the morning of the deadline)
    curve: NDArray[np.float64]  # P(right) each morning
    steps: dict[str, float]  # share of the replications each step sets the date
    outage_share: float
    criticality: dict[str, float]
    never_causes: dict[str, float]

    @property
    def step(self) -> str:
        """The step that most often sets the date."""
        return next(iter(self.steps), "none")


@dataclass
class LyceeRisk:
    position: int
    uai: str
    name: str
    kind: str
    students: int
    seed: int
    targets: dict[Target, TargetRiskOfLycee]


@dataclass
class AcademieRisk:
    academie: Academie
    clock: Clock
    observations: list[float]
    replications: int
    seed: int
    common_failures: bool
    lycees: list[LyceeRisk]
    curve: dict[Target, NDArray[np.float64]] = field(default_factory=dict)
    band: dict[Target, tuple[NDArray[np.float64], NDArray[np.float64]]] = field(
        default_factory=dict
    )
    by_expected: dict[Target, float] = field(default_factory=dict)
    by_band: dict[Target, tuple[int, int]] = field(default_factory=dict)
    steps: dict[Target, dict[str, float]] = field(default_factory=dict)
    outage_share: dict[Target, float] = field(default_factory=dict)
    ranking: list[int] = field(default_factory=list)


class _Collector:
    """Places the pieces' arrays by (lycée, replication) and counts lycées right per
    replication and morning (integers: no order of addition can change a figure)."""

    def __init__(self, lycees: int, n: int, mornings: int) -> None:
        shape = (lycees, n, len(TARGETS))
        self.consistent_from = np.full(shape, np.nan)
        self.step = np.full(shape, NONE, dtype=np.int8)
        self.outage = np.zeros(shape, dtype=bool)
        self.chain = np.zeros(shape, dtype=np.int64)
        self.warnings = np.zeros((lycees, n), dtype=np.int64)
        self.forgotten = np.zeros((lycees, n), dtype=np.int64)
        self.stuck = np.full(shape, -1, dtype=np.int16)
        self.right = np.zeros((lycees, len(TARGETS), mornings), dtype=np.int64)
        self.count = np.zeros((n, len(TARGETS), mornings), dtype=np.int64)
        self.done = np.zeros((lycees, n), dtype=bool)

    def add(self, part: PieceResult) -> None:
        u, rows = part.position, slice(part.start, part.stop)
        if self.done[u, rows].any():
            raise RuntimeError(f"replications {part.start}-{part.stop} of lycée {u} twice")
        self.done[u, rows] = True
        self.consistent_from[u, rows] = part.consistent_from
        self.step[u, rows] = part.step
        self.outage[u, rows] = part.outage
        self.chain[u, rows] = part.chain
        self.warnings[u, rows] = part.warnings
        self.forgotten[u, rows] = part.forgotten
        self.stuck[u, rows] = part.stuck
        self.right[u] += part.correct.sum(axis=0)
        self.count[rows] += part.correct


def pieces_of(
    academie: Academie, n: int, seed: int | None, processes: int, chunk: int | None
) -> list[Piece]:
    """Lycée after lycée, each in runs of replications sized to last about half a second
    (and enough of them to keep every process busy)."""
    total = n * len(academie.lycees)
    size = chunk or max(
        1,
        min(
            n,
            # at most MAX_PIECES per lycée: the number of tasks does not grow with n
            max(math.ceil(PIECE_SECONDS / REPLICATION_SECONDS), math.ceil(n / MAX_PIECES)),
            max(math.ceil(0.1 / REPLICATION_SECONDS), math.ceil(total / (4 * processes))),
        ),
    )
    common = academie.seed if seed is None else seed
    shared = common if academie.risk_failures == "common" else None
    pieces = []
    for position, lycee in enumerate(academie.lycees):
        base = lycee.scenario.seed if seed is None else lycee_seed(seed, lycee.uai)
        for start in range(0, n, size):
            stop = min(n, start + size)
            pieces.append(Piece(position, lycee.scenario, start, stop, base, shared))
    return pieces


def run_academie_risk(
    academie: Academie,
    replications: int,
    seed: int | None = None,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int | None = None,
) -> AcademieRisk:
    """``replications`` drawn calendars of every lycée, and the académie's figures."""
    if replications * len(academie.lycees) > MAX_PAIRS:
        raise UsageError(
            t(
                "cli.academie_too_many",
                lycees=len(academie.lycees),
                n=replications,
                limit=MAX_PAIRS // len(academie.lycees),
            )
        )
    own = executor is None
    runner: Executor = LocalExecutor(1) if executor is None else executor
    pieces = pieces_of(academie, replications, seed, runner.processes, chunk)
    first = academie.lycees[0].scenario
    clock = Clock.starting(first.calendar.start)
    observations = observation_minutes(first, clock)
    collector = _Collector(len(academie.lycees), replications, len(observations))

    def done(_: int, part: PieceResult) -> None:
        collector.add(part)
        if progress:
            progress(part.stop - part.start)

    try:
        runner.run(run_piece, pieces, done)
    finally:
        if own:
            runner.close()
    if not collector.done.all():
        raise RuntimeError("some replications never came back")
    check_engine(academie, pieces, collector, seed)
    return summarise(academie, replications, seed, clock, observations, collector)


def check_engine(
    academie: Academie, pieces: list[Piece], collector: _Collector, seed: int | None
) -> None:
    """Run a few (lycée, replication) pairs, chosen by the seed, again in SimPy and on the
    fast engine here; stop on any difference, in the run or in what came back."""
    if not fast_engine():
        return
    rng = np.random.default_rng(academie.seed if seed is None else seed)
    chosen = rng.choice(len(pieces), size=min(CHECKED, len(pieces)), replace=False)
    for number in sorted(chosen.tolist()):
        piece = pieces[number]
        index = piece.start
        truth, clock = build_truth(piece.scenario)
        failures = _failures(piece, index)
        drawn, lateness, forgotten = draw(piece.scenario, index, piece.seed, None, failures)
        reference = simulate(drawn, truth=truth, clock=clock)
        fast, _ = simulate_fast(drawn, truth=truth, clock=clock)
        graph = build_graph(piece.scenario)
        difference = run_difference(reference, fast)
        if difference is None:
            again = compact(piece, [summarise_run(reference, graph, index, lateness, forgotten)])
            u = piece.position
            same = (
                np.array_equal(again.consistent_from[0], collector.consistent_from[u, index], True)
                and np.array_equal(again.step[0], collector.step[u, index])
                and np.array_equal(again.chain[0], collector.chain[u, index])
                and again.warnings[0] == collector.warnings[u, index]
                and np.array_equal(again.stuck[0], collector.stuck[u, index])
            )
            difference = None if same else "the replication's summary"
        if difference is not None:
            uai = academie.lycees[piece.position].uai
            raise EngineMismatch(index, f"{uai}, {difference}")


def summarise(
    academie: Academie,
    n: int,
    seed: int | None,
    clock: Clock,
    observations: list[float],
    c: _Collector,
) -> AcademieRisk:
    lycees_count = len(academie.lycees)
    by_index = morning_index(clock, observations, academie.by)
    by_minute = observations[by_index]
    result = AcademieRisk(
        academie=academie,
        clock=clock,
        observations=observations,
        replications=n,
        seed=academie.seed if seed is None else seed,
        common_failures=academie.risk_failures == "common",
        lycees=[],
    )
    for u, lycee in enumerate(academie.lycees):
        missing = scenario_missing(lycee.scenario)
        targets = {}
        for column, target in enumerate(TARGETS):
            targets[target] = _lycee_target(c, u, column, n, by_minute, missing)
        base = lycee.scenario.seed if seed is None else lycee_seed(seed, lycee.uai)
        result.lycees.append(
            LyceeRisk(
                position=u,
                uai=lycee.uai,
                name=lycee.name,
                kind=lycee.kind,
                students=lycee.scenario.etablissement.students,
                seed=base,
                targets=targets,
            )
        )
    for column, target in enumerate(TARGETS):
        counts = c.count[:, column, :]  # [replication, morning]
        result.curve[target] = counts.sum(axis=0) / (n * lycees_count)
        shares = np.sort(counts, axis=0) / lycees_count
        low, high = (shares[max(0, math.ceil(p * n) - 1)] for p in BAND)
        result.band[target] = (low, high)
        by = np.nan_to_num(c.consistent_from[:, :, column], nan=np.inf) <= by_minute
        per_replication = sorted(by.sum(axis=0).tolist())
        result.by_expected[target] = float(by.sum()) / n
        result.by_band[target] = (
            int(percentile(per_replication, BAND[0])),
            int(percentile(per_replication, BAND[1])),
        )
        result.steps[target] = _step_shares(c.step[:, :, column])
        result.outage_share[target] = float(c.outage[:, :, column].mean())
    result.ranking = sorted(range(lycees_count), key=lambda u: _risk_key(result.lycees[u]))
    return result


def step_name(code: int) -> str:
    if code == NEVER:
        return "never"
    if code == NONE:
        return "none"
    return OPERATION_IDS[code]


def _step_shares(steps: NDArray[np.int8]) -> dict[str, float]:
    codes, counts = np.unique(steps, return_counts=True)
    total = steps.size
    shares = {
        step_name(int(code)): int(count) / total for code, count in zip(codes, counts, strict=True)
    }
    return dict(sorted(shares.items(), key=lambda item: (-item[1], item[0])))


def _lycee_target(
    c: _Collector, u: int, column: int, n: int, by: float, missing: list[str]
) -> TargetRiskOfLycee:
    minutes = c.consistent_from[u, :, column]
    values = [math.inf if math.isnan(v) else float(v) for v in minutes.tolist()]
    percentiles = {name: _finite(percentile(values, p)) for name, p in PERCENTILES.items()}
    intervals = {}
    for name, p in PERCENTILES.items():
        low, high = percentile_interval(values, p)
        intervals[name] = (_finite(low), _finite(high))
    never = np.isnan(minutes)
    causes: dict[str, float] = {}
    if never.any():
        draws = []
        for r, is_never in enumerate(never.tolist()):
            codes = [code for b, code in enumerate(CODES) if c.warnings[u, r] >> b & 1]
            lost = [op for b, op in enumerate(OPERATION_IDS) if c.forgotten[u, r] >> b & 1]
            at = int(c.stuck[u, r, column])
            stuck = STUCK_CODES[at] if at >= 0 else None
            draws.append((is_never, never_causes_of(codes, [*missing, *lost], stuck)))
        causes = associated_causes(draws)
    chains = c.chain[u, :, column]
    with_chain = chains != 0
    criticality = {
        actor.value: (float(((chains[with_chain] >> bit) & 1).mean()) if with_chain.any() else 0.0)
        for bit, actor in enumerate(ACTORS)
    }
    return TargetRiskOfLycee(
        percentiles=percentiles,
        intervals=intervals,
        never_share=float(never.mean()),
        by_share=float(((~never) & (np.nan_to_num(minutes, nan=np.inf) <= by)).mean()),
        curve=c.right[u, column] / n,
        steps=_step_shares(c.step[u, :, column]),
        outage_share=float(c.outage[u, :, column].mean()),
        criticality=criticality,
        never_causes=causes,
    )


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else value


def _risk_key(lycee: LyceeRisk) -> tuple[float, float, float, str]:
    """Most at risk first: the least likely to have its GAR right by the deadline, then
    the most often never right, then the latest P80 (never first), then the UAI."""
    gar = lycee.targets[Target.GAR]
    p80 = gar.percentiles["p80"]
    return (gar.by_share, -gar.never_share, -(math.inf if p80 is None else p80), lycee.uai)
