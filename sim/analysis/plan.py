"""Latest safe dates: the calendar that makes the ENT and GAR consistent by a target date.

Only the lycée's own operations move: never a fixed one (the académie's, AFFELNET's), never
the ENT operator's transition. Every date is a day the staff work (``calendar.working_days``,
no public holiday, no ``calendar.closed`` period), inside the operation's own
``not_before``/``not_after``, and never before an operation it depends on (the seed's gates
and recommended order). "Met" means both targets right, apart from departed accounts, from
the target morning to the end of the window.

1. If the planned calendar misses the target, the movable operations move earlier together,
   working day by working day, until it is met; if even the earliest calendar the window
   allows misses it, the earliest reachable dates are reported.
2. Occurrences planned after the target that the target does not need are set aside
   ("pas nécessaire pour la cible"); the others stay where they are.
3. Then, from the last operation of the seed's order back to the first, each one is pushed
   as late as it can go (working days), never past the target, past its own bound, or past
   an operation that depends on it: the CPM late finish, each with the ones after it at
   their own latest dates.
4. With a confidence level, the movable operations move earlier by a common margin of
   working days until the Monte Carlo gives the target at least that probability.
The final calendar is simulated: it is "verified" when it meets the target with no refused
operation, no broken order and nothing on a day off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sim.analysis.consistency import target_consistency
from sim.analysis.risk import PREDECESSORS, SEED_ORDER, run_replications
from sim.calendar import Clock, StaffCalendar, day_of
from sim.chain import build_graph
from sim.domain import PLATFORM_OPERATIONS, Category, Operation, Target
from sim.engine.simulation import build_truth, simulate
from sim.scenario.model import Scenario
from sim.truth.model import Truth

Instant = dt.date | dt.datetime
Calendar = dict[Operation, list[Instant]]
MAX_EARLIER = 60
MAX_MARGIN = 20
MAX_LATER = 120
# What the verifying simulation must not report for a plan to be called verified.
PLAN_WARNINGS = ("refused", "order_broken", "non_working_day", "links_rejected")


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
    missing_at_rentree: dict[Category, int]


@dataclass
class Plan:
    target: dt.date
    target_minute: float
    feasible: bool
    planned: Calendar
    proposed: Calendar
    deterministic: dict[Target, float | None]
    earliest_reachable: dict[Target, float | None] = field(default_factory=dict)
    confidence: float | None = None
    margin_days: int = 0
    probability: float | None = None
    replications: int = 0
    confident: bool = True
    # occurrences after the target that the target does not need (kept as planned)
    not_needed: Calendar = field(default_factory=dict)
    # occurrences the scenario lacks, proposed so that the target can be met
    added: Calendar = field(default_factory=dict)
    added_after: float | None = None  # the last change of reality they follow (minute)
    # fixed operations and the platform's: shown, never moved
    fixed: Calendar = field(default_factory=dict)
    warnings: list[PlanWarning] = field(default_factory=list)
    # the verifying simulation's strict dates (departed accounts included)
    strict: dict[Target, float | None] = field(default_factory=dict)
    # facts the ENT lacks on the rentrée morning: with the planned calendar, with the plan
    missing_at_rentree: tuple[dict[Category, int], dict[Category, int]] = ({}, {})

    def written(self, scenario: Scenario) -> Scenario:
        """``scenario`` with the proposed dates, as ``--write`` writes it: the occurrences
        set aside stay (after the proposed ones), an operation left with none is not done."""
        result = scenario.model_copy(deep=True)
        for op, dates in self.proposed.items():
            spec = result.operations.get(op)
            spec.date = [*dates, *self.not_needed.get(op, [])]
            spec.missing = not spec.date
            if isinstance(spec.share, list):
                spec.share = spec.share[: len(spec.date)]
        return result

    @property
    def verified(self) -> bool:
        """Met, and nothing refused, out of order, rejected or on a day off, except a fixed
        date on a day off: the lycée does not choose it (it is still listed)."""
        blocking = [
            w for w in self.warnings if not (w.code == "non_working_day" and w.actor in self.fixed)
        ]
        return self.feasible and not blocking and self.confident


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
        self.simulations = 0
        self._known: dict[tuple[tuple[Operation, tuple[Instant, ...]], ...], Outcome] = {}
        # as many warnings as the scenario's own calendar had are tolerated while searching
        self.tolerated = 0

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
                spec.share = spec.share[: len(values)]
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

    def missing_at_rentree(self, calendar: Calendar) -> dict[Category, int]:
        """Facts missing from the ENT on the rentrée morning with ``calendar``, by category
        (empty when the rentrée is not observed)."""
        return self._outcome(calendar).missing_at_rentree

    def _simulate(self, calendar: Calendar) -> Outcome:
        scenario = self.calendar(calendar)
        if scenario is None:
            return Outcome(dict.fromkeys(Target), dict.fromkeys(Target), [], {})
        self.simulations += 1
        result = simulate(scenario, truth=self.truth, clock=self.clock)
        found = {t: target_consistency(result, t, self.graph, detail=False) for t in Target}
        morning = self.clock.day_minutes(result.rentree, self.scenario.calendar.observation_time)
        missing: dict[Category, int] = {}
        if morning in result.observations:
            k = result.observations.index(morning)
            missing = {c: int(cat.missing[k]) for c, cat in found[Target.ENT].categories.items()}
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
        """The target is met, with no more warnings than the scenario's own calendar had."""
        outcome = self._outcome(calendar)
        return len(outcome.warnings) <= self.tolerated and all(
            m is not None and m <= self.target_minute for m in outcome.dates.values()
        )

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
        """``calendar`` with each movable operation, in the seed's order, moved later where
        it comes before an operation it depends on or its own bound, then to a working day."""
        fixed = dict(calendar)
        for op in movable:
            lower = self.earliest(op, fixed)
            moved = []
            for value in fixed[op]:
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


def _shift(
    planner: Planner, calendar: Calendar, ops: list[Operation], days: int, until: dt.date | None
) -> Calendar:
    """``ops`` moved ``days`` staff working days; with ``until``, only their occurrences on
    or before that day (those after it stay where they are)."""
    shifted = dict(calendar)
    for op in ops:
        shifted[op] = [
            planner.staff.add_working_days(v, days) if until is None or day_of(v) <= until else v
            for v in calendar[op]
        ]
    return shifted


SUCCESSORS: dict[Operation, list[Operation]] = {
    op: [s for s in Operation if op in PREDECESSORS[s]] for op in Operation
}


def _latest(planner: Planner, calendar: Calendar, op: Operation) -> Calendar:
    """Push ``op``'s occurrences up to the target as late as they can go: gallop, then
    bisect on working days."""

    before = [v for v in calendar[op] if planner.instant(v) < planner.target_instant]
    after = [v for v in calendar[op] if planner.instant(v) >= planner.target_instant]

    def moved(days: int) -> Calendar:
        shifted = dict(calendar)
        shifted[op] = [planner.staff.add_working_days(v, days) for v in before] + after
        return shifted

    def safe(days: int) -> bool:
        only_before = dict(calendar)
        only_before[op] = moved(days)[op][: len(before)]
        return planner.allowed(only_before, op, SUCCESSORS[op]) and planner.meets(moved(days))

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
    return moved(good)


def _set_aside(
    planner: Planner, calendar: Calendar, movable: list[Operation]
) -> tuple[Calendar, Calendar]:
    """Occurrences after the target that the target does not need: dropped from the plan
    (latest first), when the target is still met without them."""
    not_needed: Calendar = {}
    for op in reversed(movable):
        after = [v for v in calendar[op] if planner.instant(v) >= planner.target_instant]
        if not after:
            continue
        without = dict(calendar)
        without[op] = [v for v in calendar[op] if planner.instant(v) < planner.target_instant]
        if planner.meets(without):
            calendar = without
            not_needed[op] = after
    return calendar, not_needed


def _capped(planner: Planner, every: Calendar, movable: list[Operation]) -> Calendar:
    """``every`` with each movable occurrence at or after the target's look brought back to
    the last working day before it (at the same time of day)."""
    last = planner.staff.add_working_days(planner.target, -1)
    capped = dict(every)
    for op in movable:
        capped[op] = [
            v
            if planner.instant(v) < planner.target_instant
            else dt.datetime.combine(day_of(last), planner.instant(v).time())
            for v in every[op]
        ]
    return capped


def _reach(
    planner: Planner, every: Calendar, movable: list[Operation]
) -> tuple[Calendar | None, Calendar]:
    """A calendar that meets the target (None if none), and the best one tried: the planned
    one, the one whose late steps are brought back before the target, else the movable
    operations brought earlier together, working day by working day."""
    calendar = planner.respect(every, movable)
    if planner.meets(calendar):
        return calendar, calendar
    capped = planner.respect(_capped(planner, every, movable), movable)
    if planner.meets(capped):
        return capped, capped
    if _later_than(planner, calendar, capped):
        calendar = capped
    # fixed dates stay put while the rest comes earlier: not every earlier calendar is
    # better, so the best one tried is the earliest reachable
    best = calendar
    for days in range(1, MAX_EARLIER + 1):
        earlier = planner.respect(_shift(planner, every, movable, -days, None), movable)
        if planner.calendar(earlier) is None:
            break
        if _later_than(planner, best, earlier):
            best = earlier
        if planner.meets(earlier):
            return earlier, earlier
    return None, best


# The exports that carry a change of reality to the ENT: students to the timetable software,
# then the student → group links back to SIECLE.
REFRESH = (Operation.EXPORT_SIECLE_EDT, Operation.EXPORT_LIENS_SIECLE)


def _extra_occurrences(planner: Planner, every: Calendar, movable: list[Operation]) -> Calendar:
    """One more occurrence of each refreshing export, the first working day the staff can
    do it after the last change of reality typed in before the target (arrivals, group
    changes), for the exports whose every occurrence comes before that change."""
    changes = [c.recorded for c in planner.truth.changes if c.recorded < planner.target_minute]
    if not changes:
        return {}
    typed = planner.clock.instant(max(changes))
    first = dt.datetime.combine(typed.date(), planner.scenario.calendar.operation_time)
    if first <= typed:
        first += dt.timedelta(days=1)
    start = planner.staff.next_working(first)
    assert isinstance(start, dt.datetime)
    if start >= planner.target_instant:
        return {}
    return {
        op: [start]
        for op in REFRESH
        if op in movable and all(planner.instant(v) <= typed for v in every[op])
    }


def _later_than(planner: Planner, first: Calendar, second: Calendar) -> bool:
    """Whether ``first`` makes its last target right later than ``second`` does."""

    def last(calendar: Calendar) -> float:
        dates = planner.dates(calendar).values()
        return max(float("inf") if m is None else m for m in dates)

    return last(first) > last(second)


def _unneeded(
    planner: Planner,
    calendar: Calendar,
    movable: list[Operation],
    not_needed: Calendar,
) -> tuple[Calendar, Calendar]:
    """Operations pushed up to the last day before the target that the target does not need
    at all: done or not, it is met, and nothing more is refused or out of order."""
    last_day = planner.staff.add_working_days(planner.target, -1)
    for op in reversed(movable):
        values = calendar[op]
        if not values or day_of(max(values, key=planner.instant)) != last_day:
            continue
        without = {**calendar, op: []}
        if planner.meets(without):
            # written at its latest dates: done or not, the target holds
            not_needed[op] = list(values)
            calendar = without
    return calendar, not_needed


def make_plan(
    scenario: Scenario,
    target: dt.date,
    confidence: float | None = None,
    replications: int = 100,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    planner = Planner(scenario, target)
    present = [op for op in SEED_ORDER if not scenario.operations.get(op).missing]
    movable = [
        op
        for op in present
        if op not in PLATFORM_OPERATIONS and not scenario.operations.get(op).fixed
    ]
    every: Calendar = {op: list(scenario.operations.get(op).date) for op in present}
    planner.tolerated = len(planner.warnings(planner.respect(every, movable)))
    fixed = {op: every[op] for op in present if op not in movable}
    planned = {op: every[op] for op in movable}
    calendar, best = _reach(planner, every, movable)
    added: Calendar = {}
    if calendar is None:
        # the scenario's own steps cannot do it: redo the exports after the last change
        extras = _extra_occurrences(planner, every, movable)
        if extras:
            with_extras = {
                op: sorted([*every[op], *extras.get(op, [])], key=planner.instant) for op in every
            }
            calendar, _ = _reach(planner, with_extras, movable)
            if calendar is not None:
                added = extras
    if calendar is None:
        return Plan(
            target,
            planner.target_minute,
            False,
            planned,
            {op: best[op] for op in movable},
            planner.dates(every),
            earliest_reachable=planner.dates(best),
            fixed=fixed,
        )
    calendar, not_needed = _set_aside(planner, calendar, movable)
    for op in reversed(movable):
        calendar = _latest(planner, calendar, op)
    calendar, not_needed = _unneeded(planner, calendar, movable, not_needed)
    final = {op: calendar[op] for op in movable}
    plan = Plan(
        target,
        planner.target_minute,
        True,
        planned,
        final,
        planner.dates(calendar),
        not_needed=not_needed,
        fixed=fixed,
        added=added,
        added_after=max(
            (c.recorded for c in planner.truth.changes if c.recorded < planner.target_minute),
            default=None,
        )
        if added
        else None,
    )
    if confidence is not None:
        plan.confidence = confidence
        plan.replications = replications
        for margin in range(0, MAX_MARGIN + 1):
            candidate = planner.respect(
                _shift(planner, calendar, movable, -margin, target), movable
            )
            scenario_m = planner.calendar(candidate)
            # a margin that breaks the chain (a step pulled before a fixed date it needs)
            # is no margin: stop at the last one that still meets the target as planned
            if scenario_m is None or not planner.meets(candidate):
                break
            runs = run_replications(
                scenario_m, range(replications), scenario.seed, workers, progress=progress
            )
            reached = sum(
                all(
                    m is not None and m <= planner.target_minute for m in r.consistent_from.values()
                )
                for r in runs
            )
            plan.probability = reached / replications
            plan.margin_days = margin
            calendar = candidate
            plan.proposed = {op: candidate[op] for op in movable}
            if plan.probability >= confidence:
                break
        plan.confident = plan.probability is not None and plan.probability >= confidence
        plan.deterministic = planner.dates(calendar)
    plan.warnings = planner.warnings(calendar)
    plan.strict = planner.strict(calendar)
    plan.missing_at_rentree = (
        planner.missing_at_rentree(planner.respect(every, movable)),
        planner.missing_at_rentree(calendar),
    )
    return plan
