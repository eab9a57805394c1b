"""Latest safe dates: the calendar that makes the ENT and GAR consistent by a target date.

1. If the planned calendar misses the target, every operation is moved earlier by the same
   number of working days (order and spacing kept) until it is met; if even the earliest
   calendar the window allows misses it, the earliest reachable dates are reported.
2. Then, from the last operation of the seed's order back to the first, each one is pushed
   as late as it can go (whole working days) with the target still met.
3. With a confidence level, all operations are moved earlier by a common margin of working
   days until the Monte Carlo (lateness, forgetting, failed nights) gives the target at least
   that probability.
Each step is verified by simulating the calendar it proposes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sim.analysis.consistency import target_consistency
from sim.analysis.risk import SEED_ORDER, run_replications
from sim.calendar import Clock, add_working_days, day_of
from sim.chain import build_graph
from sim.domain import PLATFORM_OPERATIONS, Operation, Target
from sim.engine.simulation import build_truth, simulate
from sim.scenario.model import Scenario
from sim.truth.model import Truth

Instant = dt.date | dt.datetime
MAX_EARLIER = 60
MAX_MARGIN = 20
MAX_LATER = 120


@dataclass
class Plan:
    target: dt.date
    target_minute: float
    feasible: bool
    planned: dict[Operation, list[Instant]]
    proposed: dict[Operation, list[Instant]]
    deterministic: dict[Target, float | None]
    earliest_reachable: dict[Target, float | None] = field(default_factory=dict)
    confidence: float | None = None
    margin_days: int = 0
    probability: float | None = None
    replications: int = 0
    confident: bool = True


class Planner:
    """Simulates candidate calendars of one scenario (same lycée, same seed)."""

    def __init__(self, scenario: Scenario, target: dt.date) -> None:
        self.scenario = scenario
        self.truth: Truth
        self.clock: Clock
        self.truth, self.clock = build_truth(scenario)
        self.graph = build_graph(scenario)
        self.target = target
        self.target_minute = self.clock.day_minutes(target, scenario.calendar.observation_time)
        self.simulations = 0
        self._known: dict[
            tuple[tuple[Operation, tuple[Instant, ...]], ...], dict[Target, float | None]
        ] = {}

    def calendar(self, dates: dict[Operation, list[Instant]]) -> Scenario | None:
        """The scenario with these dates (None when one falls outside the window)."""
        cal = self.scenario.calendar
        candidate = self.scenario.model_copy(deep=True)
        for op, values in dates.items():
            if any(not cal.start <= day_of(v) <= cal.end for v in values):
                return None
            candidate.operations.get(op).date = list(values)
        return candidate

    def dates(self, calendar: dict[Operation, list[Instant]]) -> dict[Target, float | None]:
        """ENT and GAR consistency with this calendar (each calendar simulated once)."""
        key = tuple(sorted((op, tuple(values)) for op, values in calendar.items()))
        if key not in self._known:
            self._known[key] = self._simulate(calendar)
        return self._known[key]

    def _simulate(self, calendar: dict[Operation, list[Instant]]) -> dict[Target, float | None]:
        scenario = self.calendar(calendar)
        if scenario is None:
            return dict.fromkeys(Target)
        self.simulations += 1
        result = simulate(scenario, truth=self.truth, clock=self.clock)
        return {
            t: target_consistency(
                result, t, self.graph, detail=False
            ).consistent_except_departed_from
            for t in Target
        }

    def meets(self, calendar: dict[Operation, list[Instant]]) -> bool:
        return all(m is not None and m <= self.target_minute for m in self.dates(calendar).values())


def _shift(
    calendar: dict[Operation, list[Instant]], ops: list[Operation], days: int
) -> dict[Operation, list[Instant]]:
    shifted = dict(calendar)
    for op in ops:
        shifted[op] = [add_working_days(v, days) for v in calendar[op]]
    return shifted


def _latest(
    planner: Planner, calendar: dict[Operation, list[Instant]], op: Operation
) -> dict[Operation, list[Instant]]:
    """Push ``op`` as late as the target allows: gallop, then bisect on working days. An
    operation is never pushed past the target date: after it, it cannot help reaching it."""

    def safe(days: int) -> bool:
        moved = _shift(calendar, [op], days)
        return max(day_of(v) for v in moved[op]) <= planner.target and planner.meets(moved)

    good, bad = 0, None
    step = 1
    while step <= MAX_LATER:
        if not safe(step):
            bad = step
            break
        good = step
        step *= 2
    if bad is not None:
        while bad - good > 1:
            middle = (good + bad) // 2
            if safe(middle):
                good = middle
            else:
                bad = middle
    return _shift(calendar, [op], good)


def make_plan(
    scenario: Scenario,
    target: dt.date,
    confidence: float | None = None,
    replications: int = 100,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    planner = Planner(scenario, target)
    active = [
        op
        for op in SEED_ORDER
        if not scenario.operations.get(op).missing and op not in PLATFORM_OPERATIONS
    ]
    planned = {op: list(scenario.operations.get(op).date) for op in active}
    calendar = dict(planned)
    if not planner.meets(calendar):
        for days in range(1, MAX_EARLIER + 1):
            earlier = _shift(planned, active, -days)
            if planner.calendar(earlier) is None:
                break
            calendar = earlier
            if planner.meets(calendar):
                break
        if not planner.meets(calendar):
            return Plan(
                target,
                planner.target_minute,
                False,
                planned,
                calendar,
                planner.dates(planned),
                earliest_reachable=planner.dates(calendar),
            )
    for op in reversed(active):
        calendar = _latest(planner, calendar, op)
    plan = Plan(target, planner.target_minute, True, planned, calendar, planner.dates(calendar))
    if confidence is None:
        return plan
    plan.confidence = confidence
    plan.replications = replications
    for margin in range(0, MAX_MARGIN + 1):
        candidate = _shift(calendar, active, -margin)
        scenario_m = planner.calendar(candidate)
        if scenario_m is None:
            break
        runs = run_replications(
            scenario_m, range(replications), scenario.seed, workers, progress=progress
        )
        reached = sum(
            all(m is not None and m <= planner.target_minute for m in r.consistent_from.values())
            for r in runs
        )
        plan.probability = reached / replications
        plan.margin_days = margin
        plan.proposed = candidate
        if plan.probability >= confidence:
            break
    plan.confident = plan.probability is not None and plan.probability >= confidence
    plan.deterministic = planner.dates(plan.proposed)
    return plan
