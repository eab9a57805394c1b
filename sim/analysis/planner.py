"""The planner's simulator: candidate calendars of one scenario (same lycée, same seed),
each simulated once, and the constraints a proposed date keeps to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from sim.analysis.consistency import target_consistency
from sim.analysis.differences import run_difference
from sim.analysis.replication import CHECKED_REPLICATIONS, fast_engine
from sim.calendar import Clock, StaffCalendar, day_of
from sim.chain import PREDECESSORS, build_graph
from sim.domain import ENROLMENTS, Category, Operation, Target
from sim.engine.lazy import simulate_fast
from sim.engine.simulation import SimulationResult, build_truth, new_memo, simulate
from sim.errors import EngineMismatch
from sim.scenario.model import Scenario, resolve_rentree
from sim.truth.model import Truth

Instant = dt.date | dt.datetime
Calendar = dict[Operation, list[Instant]]
# What the verifying simulation must not report for a plan to be called verified.
PLAN_WARNINGS = ("refused", "order_broken", "non_working_day", "links_rejected")


def fitted_shares(shares: list[float], count: int) -> list[float]:
    """A share per date when dates were dropped (the first ones kept) or added (whole
    exports: an occurrence added after a change carries everything)."""
    return (shares + [1.0] * count)[:count]


@dataclass(frozen=True)
class PlanWarning:
    """A problem the verifying simulation found: its code, operation, time and detail."""

    code: str
    actor: str
    minute: float
    detail: str = ""
    count: int = 0


@dataclass(frozen=True)
class Outcome:
    """One simulated calendar: its dates apart from departed accounts (what the target asks)
    and strict, its warnings, and the facts the ENT lacks on the rentrée morning."""

    dates: dict[Target, float | None]
    strict: dict[Target, float | None]
    warnings: list[PlanWarning]
    missing_at_rentree: dict[tuple[Target, Category], int]


class Planner:
    """Simulates candidate calendars of one scenario (same lycée, same seed)."""

    def __init__(self, scenario: Scenario, target: dt.date) -> None:
        self.scenario = scenario
        self.staff: StaffCalendar = scenario.calendar.staff()
        self.truth: Truth
        self.clock: Clock
        self.truth, self.clock = build_truth(scenario)
        self.graph = build_graph(scenario)
        self.target = target
        self.target_minute = self.clock.day_minutes(target, scenario.calendar.observation_time)
        self.target_instant = dt.datetime.combine(target, scenario.calendar.observation_time)
        self.rentree = resolve_rentree(scenario)
        self.rentree_minute = self.clock.day_minutes(
            self.rentree, scenario.calendar.observation_time
        )
        self.simulations = 0
        self._known: dict[tuple[tuple[Operation, tuple[Instant, ...]], ...], Outcome] = {}
        self._simulated: list[Calendar] = []
        self.memo = new_memo(scenario, self.truth) if fast_engine() else None
        # as many warnings as the scenario's own calendar had are tolerated while searching
        self.tolerated = 0
        # facts the ENT may lack on the rentrée morning, per category (None: no such rule)
        self.rentree_floor: dict[tuple[Target, Category], int] | None = None
        # with that rule, how many of each operation's occurrences are planned before the
        # rentrée day (they stay before it)
        self.before_rentree: dict[Operation, int] = {}
        # occurrences added after a change: how many of the scenario's own come first, and
        # the instant they stay before (the change)
        self.kept_before: dict[Operation, tuple[int, dt.datetime]] = {}

    def calendar(self, dates: Calendar) -> Scenario | None:
        """The scenario with these dates (None when one falls outside the window); an
        operation left without a date is not done, its shares cut to its dates."""
        cal = self.scenario.calendar
        candidate = self.scenario.model_copy(deep=True)
        for op, values in dates.items():
            if any(not cal.start <= day_of(v) <= cal.end for v in values):
                return None
            spec = candidate.operations.get(op)
            spec.date = list(values)
            spec.missing = not values
            if isinstance(spec.share, list):
                spec.share = fitted_shares(spec.share, len(values))
        return candidate

    def _outcome(self, calendar: Calendar) -> Outcome:
        """What simulating this calendar gives (each calendar simulated once)."""
        key = tuple(sorted((op, tuple(values)) for op, values in calendar.items()))
        if key not in self._known:
            self._known[key] = self._simulate(calendar)
        return self._known[key]

    def dates(self, calendar: Calendar) -> dict[Target, float | None]:
        """ENT and GAR consistency apart from departed accounts (what the target asks)."""
        return self._outcome(calendar).dates

    def warnings(self, calendar: Calendar) -> list[PlanWarning]:
        """What the simulation of ``calendar`` refuses or warns about its dates."""
        return self._outcome(calendar).warnings

    def strict(self, calendar: Calendar) -> dict[Target, float | None]:
        """The strict dates of ``calendar`` (the departed accounts the ENT keeps included):
        moving the profiling moves the leavers' pre-delete."""
        return self._outcome(calendar).strict

    def missing_at_rentree(self, calendar: Calendar) -> dict[tuple[Target, Category], int]:
        """Facts missing from the ENT on the rentrée morning with ``calendar``, by category
        (empty when the rentrée is not observed)."""
        return self._outcome(calendar).missing_at_rentree

    def check_engine(self) -> None:
        """Simulate a few of the calendars tried (chosen by the scenario's seed) again in
        SimPy, the reference, and on the fast engine, and stop on any difference: in the
        event log, the histories, or what the planner kept of the calendar."""
        if self.memo is None or not self._simulated:
            return
        rng = np.random.default_rng(self.scenario.seed)
        size = min(CHECKED_REPLICATIONS, len(self._simulated))
        for index in sorted(rng.choice(len(self._simulated), size=size, replace=False).tolist()):
            calendar = self._simulated[index]
            scenario = self.calendar(calendar)
            assert scenario is not None  # only calendars inside the window are simulated
            reference = simulate(scenario, truth=self.truth, clock=self.clock)
            again, _ = simulate_fast(scenario, truth=self.truth, clock=self.clock, memo=self.memo)
            difference = run_difference(reference, again)
            kept, expected = self._outcome(calendar), self._read(reference)
            for name in ("dates", "strict", "warnings", "missing_at_rentree"):
                if difference is None and getattr(kept, name) != getattr(expected, name):
                    difference = f"{name}: {getattr(expected, name)!r} / {getattr(kept, name)!r}"
            if difference is not None:
                raise EngineMismatch(index, difference, calendar=True)

    def _simulate(self, calendar: Calendar) -> Outcome:
        scenario = self.calendar(calendar)
        if scenario is None:
            return Outcome(dict.fromkeys(Target), dict.fromkeys(Target), [], {})
        if self.memo is None:
            result = simulate(scenario, truth=self.truth, clock=self.clock)
        else:
            result, _ = simulate_fast(scenario, truth=self.truth, clock=self.clock, memo=self.memo)
        self.simulations += 1
        self._simulated.append(calendar)
        return self._read(result)

    def _read(self, result: SimulationResult) -> Outcome:
        found = {
            t: target_consistency(result, t, self.graph, detail=False, chains=(), accounts=False)
            for t in Target
        }
        morning = self.clock.day_minutes(result.rentree, self.scenario.calendar.observation_time)
        missing: dict[tuple[Target, Category], int] = {}
        if morning in result.observations:
            k = result.observations.index(morning)
            missing = {
                (target, c): int(cat.missing[k])
                for target, tc in found.items()
                for c, cat in tc.categories.items()
            }
        return Outcome(
            dates={t: tc.consistent_except_departed_from for t, tc in found.items()},
            strict={t: tc.consistent_from for t, tc in found.items()},
            warnings=[
                PlanWarning(e.code, e.actor, e.minute, e.detail, e.count)
                for e in result.events
                if e.code in PLAN_WARNINGS
            ],
            missing_at_rentree=missing,
        )

    def meets(self, calendar: Calendar) -> bool:
        """The target is met, with no more warnings than the scenario's own calendar had and
        the rentrée morning kept."""
        outcome = self._outcome(calendar)
        return (
            len(outcome.warnings) <= self.tolerated
            and all(m is not None and m <= self.target_minute for m in outcome.dates.values())
            and self.keeps_rentree(calendar)
        )

    def keeps_rentree(self, calendar: Calendar) -> bool:
        """The ENT lacks no more facts on the rentrée morning, per category, than the floor."""
        if self.rentree_floor is None:
            return True
        missing = self._outcome(calendar).missing_at_rentree
        return all(n <= self.rentree_floor.get(c, 0) for c, n in missing.items())

    def last(self, calendar: Calendar) -> float:
        """When the later of the two targets becomes right (infinity: never)."""
        return max(float("inf") if m is None else m for m in self.dates(calendar).values())

    def no_worse(self, candidate: Calendar, reference: Calendar) -> bool:
        """``candidate`` makes both targets right no later than ``reference``, with no more
        warnings than tolerated and the rentrée morning kept."""
        return (
            self.calendar(candidate) is not None
            and len(self.warnings(candidate)) <= self.tolerated
            and self.last(candidate) <= self.last(reference)
            and self.keeps_rentree(candidate)
        )

    def warned(self, calendar: Calendar, op: Operation) -> set[int]:
        """Indexes of ``op``'s occurrences that the simulation refuses, rejects, finds out
        of order or on a day off."""
        starts = sorted(
            (self.clock.minutes(self.instant(v)), i) for i, v in enumerate(calendar.get(op, []))
        )
        found = set()
        for warning in self.warnings(calendar):
            if warning.actor != op:
                continue
            # an operation's events are logged at its minute (plus a tie-break fraction)
            earlier = [i for minute, i in starts if minute <= warning.minute]
            if earlier:
                found.add(earlier[-1])
        return found

    # --- constraints ---------------------------------------------------------------------
    def instant(self, value: Instant) -> dt.datetime:
        return self.scenario.calendar.at(value)

    def earliest(self, op: Operation, calendar: Calendar) -> dt.datetime | None:
        """The earliest instant ``op`` may take: after every operation it depends on (the
        same minute is fine: operations at one minute run in the seed's order) and not
        before its own ``not_before``."""
        bounds = [
            min(self.instant(v) for v in calendar[p]) for p in PREDECESSORS[op] if calendar.get(p)
        ]
        spec = self.scenario.operations.get(op)
        if spec.not_before is not None:
            bounds.append(
                dt.datetime.combine(spec.not_before, self.scenario.calendar.operation_time)
            )
        return max(bounds) if bounds else None

    def respect(self, calendar: Calendar, movable: list[Operation]) -> Calendar:
        """``calendar`` with each movable operation, in the seed's order, moved earlier where
        it comes after its ``not_after`` (to the last working day of it), moved later where it
        comes before an operation it depends on or its ``not_before``, then to a working day.
        A bound the chain cannot keep shows as a warning of the simulation."""
        fixed = dict(calendar)
        for op in movable:
            lower = self.earliest(op, fixed)
            upper = self.scenario.operations.get(op).not_after
            # an enrolment round is dated by the families coming forward: later, not earlier
            arrivals = self._arrivals(op, len(fixed[op]))
            moved = []
            for index, value in enumerate(sorted(fixed[op], key=self.instant)):
                if arrivals and self.instant(value) < arrivals[index]:
                    value = arrivals[index]  # as many rounds as written: one each
                if upper is not None and day_of(value) > upper:
                    last = self.staff.add_working_days(upper + dt.timedelta(days=1), -1)
                    value = dt.datetime.combine(day_of(last), self.instant(value).time())
                if lower is not None and self.instant(value) < lower:
                    value = (
                        lower
                        if isinstance(value, dt.datetime)
                        else max(
                            lower,
                            dt.datetime.combine(
                                day_of(value), self.scenario.calendar.operation_time
                            ),
                        )
                    )
                moved.append(self.staff.next_working(value))
            fixed[op] = sorted(moved, key=self.instant)
        return fixed

    def _arrivals(self, op: Operation, rounds: int) -> list[dt.datetime]:
        """The written instants of an enrolment's rounds, each the earliest its round may
        take (none for another operation, or when rounds were added or dropped)."""
        if op not in ENROLMENTS:
            return []
        written = sorted(self.instant(v) for v in self.scenario.operations.get(op).date)
        return written if len(written) == rounds else []

    def allowed(self, calendar: Calendar, op: Operation, successors: list[Operation]) -> bool:
        """Whether ``op``'s dates keep to the target, its bound and its successors."""
        values = calendar[op]
        if not values:
            return True
        spec = self.scenario.operations.get(op)
        if max(self.instant(v) for v in values) >= self.target_instant:
            return False  # at or after the target's look it cannot help
        if spec.not_after is not None and max(day_of(v) for v in values) > spec.not_after:
            return False
        first = min(self.instant(v) for v in values)
        return all(
            first <= min(self.instant(v) for v in calendar[s])
            for s in successors
            if calendar.get(s)
        )
