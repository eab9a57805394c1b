"""Monte Carlo over a rentrée calendar: forgotten operations, lateness in working days, failed
nights of the batches. Replication ``i`` draws from ``SeedSequence(seed, spawn_key=(i,))``,
so results do not depend on how many worker processes run them.

The lycée itself (the truth) is the scenario's: only the calendar is uncertain.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from sim.analysis.consistency import stuck_cause, target_consistency
from sim.analysis.differences import run_difference
from sim.analysis.run_analysis import WARNING_CODES
from sim.calendar import Clock, day_of
from sim.chain import PREDECESSORS, SEED_ORDER, build_graph
from sim.domain import LYCEE_OPERATIONS, Category, Channel, Operation, Target
from sim.engine.lazy import simulate_fast
from sim.engine.memo import Memo
from sim.engine.simulation import (
    SimulationResult,
    build_truth,
    memo_context,
    new_memo,
    observation_minutes,
    simulate,
)
from sim.errors import EngineMismatch, UsageError, printable
from sim.i18n import t
from sim.scenario.model import MAX_LATENESS_DAYS, Lateness, Outage, Scenario, resolve_rentree
from sim.scenario.priors import failure_probability, operation_risk
from sim.truth.model import Truth

PERCENTILES = {"p50": 0.5, "p80": 0.8, "p95": 0.95}
# Warnings that cannot by themselves keep a target wrong to the end (a missed night is caught
# up the next one), or that "forgotten:<operation>" already says better.
NOT_CAUSES = {"outage", "non_working_day", "missing"}
CONFIDENCE = 0.95
ACTORS = (*Operation, *Channel)


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


@dataclass
class TargetRisk:
    percentiles: dict[str, float | None]
    intervals: dict[str, tuple[float | None, float | None]]
    never_share: float
    curve: NDArray[np.float64]
    categories: dict[Category, dict[str, float | None]]
    category_never: dict[Category, float]
    criticality: dict[str, float]
    criticality_basis: int
    never_causes: dict[str, float] = field(default_factory=dict)


@dataclass
class RiskResult:
    scenario: Scenario
    seed: int
    clock: Clock
    rentree: dt.date
    observations: list[float]
    replications: list[Replication]
    targets: dict[Target, TargetRisk]
    tornado: dict[str, tuple[float | None, float | None, float | None]] = field(
        default_factory=dict
    )
    # the replications the tornado ran on, and their P80 as drawn (what its bars move)
    tornado_size: int = 0
    tornado_reference: float | None = None

    @property
    def size(self) -> int:
        return len(self.replications)


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
) -> tuple[Scenario, dict[str, int], list[str]]:
    """One drawn calendar. Draws come in a fixed order (every draw is made even when unused)
    so that fixing one operation's lateness keeps every other draw: common random numbers.

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
    # each batch's outages): the rest is shared with the scenario, never changed
    operations, channels = scenario.operations, scenario.channels
    drawn = scenario.model_copy(
        update={
            "operations": operations.model_copy(
                update={op.value: operations.get(op).model_copy() for op in Operation}
            ),
            "channels": channels.model_copy(
                update={
                    c.value: channels.get(c).model_copy(
                        update={"outages": list(channels.get(c).outages)}
                    )
                    for c in Channel
                }
            ),
        }
    )
    end = drawn.calendar.end
    staff = drawn.calendar.staff()
    draws: dict[Operation, tuple[bool, int]] = {}
    for op in Operation:
        risk = operation_risk(op, drawn.operations.get(op))
        forget = bool(rng.random() < risk.forget_probability)
        late = draw_lateness(risk.lateness, rng)
        if fixed is not None and op in fixed:
            late = fixed[op]
        draws[op] = (forget, late)
    delay: dict[Operation, int] = {}
    lateness_of: dict[str, int] = {}
    forgotten: list[str] = []
    for op in SEED_ORDER:
        spec = drawn.operations.get(op)
        forget, late = draws[op]
        if spec.missing:
            continue
        if spec.fixed:
            continue  # not the lycée's to be late or to forget
        if forget:
            spec.missing = True
            forgotten.append(op.value)
            continue
        delay[op] = max([late, *(delay[p] for p in PREDECESSORS[op] if p in delay)])
        lateness_of[op.value] = delay[op]
        moved = [staff.add_working_days(d, delay[op]) for d in spec.date]
        kept = [d for d in moved if day_of(d) <= end]
        if not kept:
            spec.missing = True
            forgotten.append(op.value)
            continue
        if isinstance(spec.share, list):
            spec.share = spec.share[: len(kept)]
        spec.date = kept
    days = (end - drawn.calendar.start).days + 1
    for row, channel in enumerate(Channel):
        batch = drawn.channels.get(channel)
        uniform = rng.random(days)  # drawn even when shared: the stream stays the same
        if failures is not None:
            if failures.shape[1] < days:
                raise ValueError(f"shared failures for {failures.shape[1]} days, not {days}")
            uniform = failures[row, :days]
        failed = uniform < failure_probability(channel, batch)
        for offset in np.flatnonzero(failed):
            day = drawn.calendar.start + dt.timedelta(days=int(offset))
            run = dt.datetime.combine(day, batch.at)
            # ordered by construction: no need to run the format's validators again
            batch.outages.append(
                Outage.model_construct(
                    start=run - dt.timedelta(minutes=1), end=run + dt.timedelta(minutes=1)
                )
            )
    return drawn, lateness_of, forgotten


# --- replications -------------------------------------------------------------------------


def _lycee_key(scenario: Scenario) -> str:
    """What the truth is built from: two scenarios with the same key share one truth."""
    return scenario.model_dump_json(include={"etablissement", "reality", "seed", "calendar"})


# Worker side: the lycées' truths this process holds, by key, and their memos.
_LYCEES: dict[str, tuple[Truth, Clock]] = {}
_MEMOS: dict[tuple[str, tuple[object, ...]], Memo] = {}
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


def _memo(key: str, scenario: Scenario, truth: Truth) -> Memo | None:
    """This process's memo for the replications of ``scenario``'s lycée (None: SimPy)."""
    if not fast_engine():
        return None
    context = (key, memo_context(scenario, scenario.seed))
    found = _MEMOS.get(context)
    if found is None or found.owner is not truth:  # a worker forked from a process with
        found = new_memo(scenario, truth)  # its own copy of the truth gets its own memo
        while len(_MEMOS) >= KEPT_MEMOS:  # a long session keeps the lycées it used last
            del _MEMOS[next(iter(_MEMOS))]
        _MEMOS[context] = found
    return found


def _install(key: str, truth: Truth, clock: Clock) -> None:
    _LYCEES[key] = (truth, clock)
    # a worker lives for one command: what it holds now (modules, the truth) is never
    # garbage, so the collector need not walk it again after each replication
    gc.freeze()


def _lycee(key: str, scenario: Scenario) -> tuple[Truth, Clock]:
    if key not in _LYCEES:
        _LYCEES[key] = build_truth(scenario)
    return _LYCEES[key]


def _replicate(
    scenario: Scenario,
    truth: Truth,
    clock: Clock,
    graph: nx.DiGraph,
    index: int,
    seed: int,
    fixed: dict[Operation, int] | None,
    memo: Memo | None,
    failures: Failures | None = None,
) -> Replication:
    """Replication ``index``: on the fast engine with ``memo``, else in SimPy."""
    drawn, lateness, forgotten = _draw(scenario, index, seed, fixed, failures)
    if memo is None:
        result = simulate(drawn, truth=truth, clock=clock)
    else:
        result, _ = simulate_fast(drawn, truth=truth, clock=clock, memo=memo)
    return _replication(result, graph, index, lateness, forgotten)


def _draw(
    scenario: Scenario,
    index: int,
    seed: int,
    fixed: dict[Operation, int] | None,
    failures: Failures | None = None,
) -> tuple[Scenario, dict[str, int], list[str]]:
    rng = np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=(index,)))
    return sample_calendar(scenario, rng, fixed, failures)


def _replication(
    result: SimulationResult,
    graph: nx.DiGraph,
    index: int,
    lateness: dict[str, int],
    forgotten: list[str],
) -> Replication:
    replication = Replication(index, lateness, forgotten, {}, {}, {}, {})
    replication.warnings = sorted({e.code for e in result.events if e.code in WARNING_CODES})
    for target in Target:
        tc = target_consistency(
            result, target, graph, detail=False, chains=("except_departed",), accounts=False
        )
        # the dates the lycée can move: the ENT's own retention of departed users is set by
        # the pre-delete, whatever the calendar
        replication.consistent_from[target] = tc.consistent_except_departed_from
        replication.category_from[target] = {
            c: cat.consistent_except_departed_from for c, cat in tc.categories.items()
        }
        replication.correct[target] = np.asarray(tc.correct_except_departed, dtype=bool)
        replication.chain[target] = [step.actor for step in tc.chain_except_departed]
        replication.outage_waited[target] = any(
            step.outages_waited for step in tc.chain_except_departed
        )
        critical = tc.critical_category_except_departed
        if tc.consistent_except_departed_from is None and critical is not None:
            stuck = stuck_cause(result, target, critical)
            if stuck is not None:
                replication.stuck[target] = stuck
    return replication


Chunk = tuple[str, Scenario, list[int], int, dict[Operation, int] | None]


def _replicate_chunk(chunk: Chunk) -> list[Replication]:
    key, scenario, indices, seed, fixed = chunk
    truth, clock = _lycee(key, scenario)
    graph = build_graph(scenario)
    memo = _memo(key, scenario, truth)
    return [_replicate(scenario, truth, clock, graph, i, seed, fixed, memo) for i in indices]


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
        key = _lycee_key(scenario)
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
            memo = _memo(key, scenario, truth)
            for index in indices:
                results.append(_replicate(scenario, truth, clock, graph, index, seed, fixed, memo))
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
        for done in self._executor.map(_replicate_chunk, chunks):
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
        memo = _memo(key, scenario, truth)
        if key in self._checked or memo is None or not results:
            return
        self._checked.add(key)
        graph = build_graph(scenario)
        rng = np.random.default_rng(seed)
        size = min(CHECKED_REPLICATIONS, len(results))
        for position in sorted(rng.choice(len(results), size=size, replace=False).tolist()):
            fast = results[position]
            drawn, lateness, forgotten = _draw(scenario, fast.index, seed, fixed)
            reference = simulate(drawn, truth=truth, clock=clock)
            again, _ = simulate_fast(drawn, truth=truth, clock=clock, memo=memo)
            difference = run_difference(reference, again) or replication_difference(
                _replication(reference, graph, fast.index, lateness, forgotten), fast
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


# --- statistics ---------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (``inf`` stands for never)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


class _Binomial:
    """The CDF of binomial(n, p), each log term computed once (the interval's search asks
    for many ``k`` of one ``n``)."""

    def __init__(self, n: int, p: float) -> None:
        self.n = n
        self.p = p
        self._logs: list[float] = []

    def cdf(self, k: int) -> float:
        n, p = self.n, self.p
        if k < 0:
            return 0.0
        if k >= n:
            return 1.0
        logs = self._logs
        for j in range(len(logs), k + 1):
            logs.append(
                math.lgamma(n + 1)
                - math.lgamma(j + 1)
                - math.lgamma(n - j + 1)
                + j * math.log(p)
                + (n - j) * math.log1p(-p)
            )
        terms = logs[: k + 1]
        top = max(terms)
        return min(1.0, math.exp(top) * sum(math.exp(v - top) for v in terms))

    def first_reaching(self, level: float, start: int = 0) -> int:
        """The smallest ``k >= start`` whose CDF is at least ``level`` (``n`` if none); the
        CDF grows with ``k``, so a bisection finds it in a few evaluations."""
        low, high = start, self.n
        while low < high:
            middle = (low + high) // 2
            if self.cdf(middle) < level:
                low = middle + 1
            else:
                high = middle
        return low


def _binomial_cdf(k: int, n: int, p: float) -> float:
    return _Binomial(n, p).cdf(k)


def percentile_interval(
    values: Sequence[float], p: float, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Distribution-free interval of the ``p`` percentile: order statistics whose ranks
    bracket the binomial(n, p) quantiles (1 - confidence)/2 and (1 + confidence)/2."""
    ordered = sorted(values)
    n = len(ordered)
    alpha = (1 - confidence) / 2
    binomial = _Binomial(n, p)
    low = binomial.first_reaching(alpha)
    high = binomial.first_reaching(1 - alpha, low)
    return ordered[max(0, low - 1)], ordered[min(n - 1, high)]


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else value


def _dates(replications: Iterable[Replication], target: Target) -> list[float]:
    """The replications' consistency minutes for ``target``; never is ``inf``."""
    return [math.inf if (d := r.consistent_from[target]) is None else d for r in replications]


def scenario_missing(scenario: Scenario) -> list[str]:
    """The operations the scenario itself says are not done: every draw keeps them (a
    draw's own omissions are its ``forgotten``)."""
    return [op.value for op in Operation if scenario.operations.get(op).missing]


def never_causes_of(
    warnings: Iterable[str], forgotten: Iterable[str], stuck: str | None = None
) -> list[str]:
    """Why a run never right was not: its warnings that can hold a fact back, each
    operation not done (``forgotten:<operation>``) and where its last wrong category is
    stuck (``stuck_cause``), in a fixed order (a set's order follows string hashing,
    PYTHONHASHSEED: the output must not)."""
    found = (set(warnings) - NOT_CAUSES) | {f"forgotten:{op}" for op in forgotten}
    return sorted(found | ({stuck} if stuck else set()))


NEVER_CAUSE_RATIO = 2.0  # how much more often a cause must go with never being right


def associated_causes(draws: Sequence[tuple[bool, Sequence[str]]]) -> dict[str, float]:
    """For each cause (``never_causes_of``) of the draws never right, the share of those
    draws it appears in, most frequent first; a cause that appears about as often in the
    draws that are right (an omission that changes nothing) explains nothing and is left
    out. When no draw is right, the causes common to all of them (the scenario's own
    omissions), if any, are the ones told. ``draws``: (never right, causes) per draw."""
    never = [codes for is_never, codes in draws if is_never]
    other = [codes for is_never, codes in draws if not is_never]
    if not never:
        return {}
    counted = Counter(code for codes in never for code in codes)
    shares = {code: count / len(never) for code, count in counted.items()}
    if other:
        elsewhere = Counter(code for codes in other for code in codes)
        shares = {
            code: share
            for code, share in shares.items()
            if share >= NEVER_CAUSE_RATIO * elsewhere.get(code, 0) / len(other)
        }
    else:
        everywhere = {code: share for code, share in shares.items() if share == 1.0}
        shares = everywhere or shares
    return dict(sorted(shares.items(), key=lambda item: (-item[1], item[0])))


def _target_risk(
    replications: list[Replication], target: Target, missing: Sequence[str] = ()
) -> TargetRisk:
    values = _dates(replications, target)
    percentiles = {name: _finite(percentile(values, p)) for name, p in PERCENTILES.items()}
    intervals = {}
    for name, p in PERCENTILES.items():
        low, high = percentile_interval(values, p)
        intervals[name] = (_finite(low), _finite(high))
    curve = np.mean([r.correct[target] for r in replications], axis=0)
    categories: dict[Category, dict[str, float | None]] = {}
    category_never: dict[Category, float] = {}
    for category in replications[0].category_from[target]:
        per = [r.category_from[target][category] for r in replications]
        finite = [math.inf if v is None else v for v in per]
        categories[category] = {n: _finite(percentile(finite, p)) for n, p in PERCENTILES.items()}
        category_never[category] = sum(v is None for v in per) / len(per)
    causes = associated_causes(
        [
            (
                r.consistent_from[target] is None,
                never_causes_of(r.warnings, [*missing, *r.forgotten], r.stuck.get(target)),
            )
            for r in replications
        ]
    )
    with_chain = [r for r in replications if r.chain[target]]
    criticality = {
        actor.value: (
            sum(actor.value in r.chain[target] for r in with_chain) / len(with_chain)
            if with_chain
            else 0.0
        )
        for actor in ACTORS
    }
    return TargetRisk(
        percentiles=percentiles,
        intervals=intervals,
        never_share=sum(math.isinf(v) for v in values) / len(values),
        curve=curve,
        categories=categories,
        category_never=category_never,
        criticality=criticality,
        criticality_basis=len(with_chain),
        never_causes=causes,
    )


def summarise(scenario: Scenario, seed: int, replications: list[Replication]) -> RiskResult:
    clock = Clock.starting(scenario.calendar.start)
    missing = scenario_missing(scenario)
    return RiskResult(
        scenario=scenario,
        seed=seed,
        clock=clock,
        rentree=resolve_rentree(scenario),
        observations=observation_minutes(scenario, clock),
        replications=replications,
        targets={t: _target_risk(replications, t, missing) for t in Target},
    )


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_risk(
    scenario: Scenario,
    replications: int,
    seed: int | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    pool: ReplicationPool | None = None,
) -> RiskResult:
    """``replications`` drawn calendars of ``scenario``, simulated and summarised."""
    base_seed = scenario.seed if seed is None else seed
    runs = run_replications(
        scenario,
        range(replications),
        base_seed,
        workers or default_workers(),
        progress=progress,
        pool=pool,
    )
    return summarise(scenario, base_seed, runs)


# --- tornado ------------------------------------------------------------------------------


def lateness_quantiles(
    lateness: Lateness, levels: Sequence[float] = (0.1, 0.5, 0.9), draws: int = 4000
) -> list[int]:
    """Quantiles of a lateness distribution, in whole working days (seeded draws)."""
    rng = np.random.default_rng(0)
    sample = sorted(draw_lateness(lateness, rng) for _ in range(draws))
    return [sample[int(level * (draws - 1))] for level in levels]


def tornado(
    scenario: Scenario,
    base: RiskResult,
    target: Target = Target.GAR,
    size: int | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    operations: Iterable[Operation] = LYCEE_OPERATIONS,
    pool: ReplicationPool | None = None,
) -> dict[str, tuple[float | None, float | None, float | None]]:
    """For each of the lycée's operations whose lateness varies: the P80 ``target`` date with
    its lateness held at its 10th, 50th and 90th percentiles, every other draw as usual (same
    seeds, so the three differ only by that operation). Values are minutes (None: never).
    They are computed on the first ``size`` replications; ``base`` records that number and
    the P80 of those same replications as drawn (``tornado_size``, ``tornado_reference``),
    which the bars are to be read against."""
    count = size or max(40, base.size // 4)
    own = ReplicationPool(workers or default_workers()) if pool is None else None
    runner = own or pool
    assert runner is not None
    bars: dict[str, tuple[float | None, float | None, float | None]] = {}
    try:
        drawn = (
            base.replications[:count]
            if count <= base.size
            else runner.run(scenario, range(count), base.seed, progress=progress)
        )
        base.tornado_size = count
        base.tornado_reference = _finite(percentile(_dates(drawn, target), 0.8))
        for op in operations:
            spec = scenario.operations.get(op)
            if spec.missing or spec.fixed:
                continue
            levels = lateness_quantiles(operation_risk(op, spec).lateness)
            if levels[0] == levels[-1]:
                continue
            p80 = []
            for value in levels:
                runs = runner.run(
                    scenario, range(count), base.seed, fixed={op: value}, progress=progress
                )
                p80.append(_finite(percentile(_dates(runs, target), 0.8)))
            bars[op.value] = (p80[0], p80[1], p80[2])
    finally:
        if own is not None:
            own.close()
    return bars
