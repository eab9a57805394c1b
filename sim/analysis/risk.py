"""Monte Carlo over a rentrée calendar: the replications (``sim.analysis.replication``)
summed up in percentiles with their confidence intervals, the probability of being right
each morning, the causes of never being right, the criticality of each step, and the
tornado of each operation's lateness.

The lycée itself (the truth) is the scenario's: only the calendar is uncertain.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from sim.analysis.replication import (
    Replication,
    ReplicationPool,
    as_written,
    draw_lateness,
    run_replications,
)
from sim.calendar import Clock
from sim.domain import LYCEE_OPERATIONS, Category, Channel, Operation, Target
from sim.engine.simulation import observation_minutes
from sim.scenario.model import Lateness, Scenario, resolve_rentree
from sim.scenario.priors import operation_risk

PERCENTILES = {"p50": 0.5, "p80": 0.8, "p95": 0.95}
# Warnings that cannot by themselves keep a target wrong to the end (a missed night is caught
# up the next one), or that "forgotten:<operation>" already says better.
NOT_CAUSES = {"outage", "non_working_day", "missing"}
CONFIDENCE = 0.95
ACTORS = (*Operation, *Channel)


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
    # each target's date in the calendar as written, nothing drawn (what ``run`` says, apart
    # from departed accounts): where the drawn dates start from
    as_written: dict[Target, float | None] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.replications)


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
    """``replications`` drawn calendars of ``scenario``, simulated and summarised, with the
    dates of the calendar as written."""
    base_seed = scenario.seed if seed is None else seed
    runs = run_replications(
        scenario,
        range(replications),
        base_seed,
        workers or default_workers(),
        progress=progress,
        pool=pool,
    )
    result = summarise(scenario, base_seed, runs)
    result.as_written = as_written(scenario).consistent_from
    return result


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
