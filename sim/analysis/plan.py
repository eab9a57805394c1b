"""Latest safe dates: the calendar that makes the ENT and GAR consistent by a target date.

Only the lycée's own operations move: never a fixed one (the académie's, AFFELNET's), never
the ENT operator's transition. Every date is a day the staff work (``calendar.working_days``,
no public holiday, no ``calendar.closed`` period), inside the operation's own
``not_before``/``not_after``, and never before an operation it depends on (the seed's gates
and recommended order). "Met" means both targets right, apart from departed accounts, from
the target morning to the end of the window, with no more refused, rejected or out-of-order
steps than the scenario's own calendar, and (unless asked otherwise) the ENT no less right on
the rentrée morning than with the planned calendar.

1. Reaching the target: the planned calendar; else with the occurrences the simulation
   refuses or rejects pushed later till it no longer does (a step after a late fixed one);
   else with the late steps brought back before the target; else moved earlier together;
   else each occurrence, in the seed's order, as early as the chain allows (the earliest
   start). If none meets the target, the earliest reachable dates are reported; when changes
   of reality come after the last exports, one more of each export is tried first.
2. Occurrences the simulation refuses or rejects and that change nothing are dropped
   ("sans effet"); occurrences after the target that the target does not need are set aside
   ("pas nécessaire pour la cible").
3. Then, from the last operation of the seed's order back to the first, and from the last
   occurrence to the first, each is pushed as late as it can go (working days), never past
   the target, its own bound, the next occurrence or an operation that depends on it: the
   CPM late finish, each with the ones after it at their own latest dates.
4. With a confidence level, the movable operations move earlier by a common margin of
   working days until the Monte Carlo gives the target at least that probability.
The final calendar is simulated: it is "verified" when it meets the target with no refused
operation, no broken order and nothing on a day off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sim.analysis.planner import Calendar, Instant, Planner, PlanWarning, fitted_shares
from sim.analysis.replication import ReplicationPool
from sim.calendar import day_of
from sim.chain import PREDECESSORS, SEED_ORDER
from sim.domain import ENROLMENTS, GATES, PLATFORM_OPERATIONS, Category, Operation, Target
from sim.scenario.model import Scenario

__all__ = ["Calendar", "Instant", "Plan", "PlanWarning", "make_plan"]

MAX_EARLIER = 60
MAX_MARGIN = 20
MAX_LATER = 120


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
    # why the margin stopped short of the confidence: "chain" (moved earlier by one more
    # day, the calendar no longer meets the target as planned: a step before a fixed date
    # it needs, a warning, the rentrée morning), "window" (a date out of the window), "max"
    # (MAX_MARGIN reached)
    margin_limit: str | None = None
    # (operation, fixed one) where a latest date falls at the very minute of a fixed
    # operation that requires it (a gate): any delay of the first has the other refused
    no_margin: list[tuple[Operation, Operation]] = field(default_factory=list)
    # occurrences after the target that the target does not need (kept as planned)
    not_needed: Calendar = field(default_factory=dict)
    # occurrences the scenario lacks, proposed so that the target can be met
    added: Calendar = field(default_factory=dict)
    added_after: float | None = None  # the last change of reality they follow (minute)
    # operations the scenario leaves out (missing: true) that the target needs: to add
    forgotten: list[Operation] = field(default_factory=list)
    # the first change of reality typed in after the target's look (minute), when the
    # target is out of reach: right from the target on needs exports after it
    change_after_target: float | None = None
    # occurrences the simulation refuses or rejects and that change nothing: not to do
    useless: Calendar = field(default_factory=dict)
    # whether the latest dates keep the rentrée morning as the planned calendar has it
    keeps_rentree: bool = True
    rentree: dt.date | None = None
    # fixed operations and the platform's: shown, never moved
    fixed: Calendar = field(default_factory=dict)
    warnings: list[PlanWarning] = field(default_factory=list)
    # the verifying simulation's strict dates (departed accounts included)
    strict: dict[Target, float | None] = field(default_factory=dict)
    # facts the ENT lacks on the rentrée morning: with the planned calendar, with the plan
    missing_at_rentree: tuple[
        dict[tuple[Target, Category], int], dict[tuple[Target, Category], int]
    ] = ({}, {})

    def written(self, scenario: Scenario) -> Scenario:
        """``scenario`` with the proposed dates, as ``--write`` writes it: the occurrences
        set aside stay (after the proposed ones), an operation left with none is not done."""
        result = scenario.model_copy(deep=True)
        for op, dates in self.proposed.items():
            spec = result.operations.get(op)
            spec.date = [*dates, *self.not_needed.get(op, [])]
            spec.missing = not spec.date
            if isinstance(spec.share, list):
                spec.share = fitted_shares(spec.share, len(spec.date))
        return result

    def kept(self, op: Operation) -> list[Instant]:
        """``op``'s planned occurrences apart from the useless ones: the proposed dates
        follow them one for one, then the added ones."""
        kept = list(self.planned.get(op, []))
        for value in self.useless.get(op, []):
            kept.remove(value)
        return kept

    @property
    def verified(self) -> bool:
        """The simulation's verdict: met, and nothing refused, out of order, rejected or on a
        day off, except a fixed date on a day off (the lycée does not choose it; it is still
        listed). Whether a confidence level is reached is :attr:`confident`."""
        blocking = [
            w for w in self.warnings if not (w.code == "non_working_day" and w.actor in self.fixed)
        ]
        return self.feasible and not blocking


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


def _largest(ok: Callable[[int], bool], limit: int) -> int:
    """The largest ``k`` in 0…``limit`` with ``ok(k)``, ``ok(0)`` taken as true: gallop,
    then bisect (``ok`` is taken as monotone)."""
    good, bad, step = 0, None, 1
    while step <= limit:
        if not ok(step):
            bad = step
            break
        good = step
        step *= 2
    if bad is None:
        if good == limit or ok(limit):
            return limit
        bad = limit
    while bad - good > 1:
        middle = (good + bad) // 2
        if ok(middle):
            good = middle
        else:
            bad = middle
    return good


def _smallest(ok: Callable[[int], bool], limit: int) -> int | None:
    """The smallest ``k`` in 1…``limit`` with ``ok(k)`` (None: none): gallop, then bisect."""
    bad, step = 0, 1
    while not ok(step):
        bad = step
        if step == limit:
            return None
        step = min(2 * step, limit)
    while step - bad > 1:
        middle = (bad + step) // 2
        if ok(middle):
            step = middle
        else:
            bad = middle
    return step


def _moved(planner: Planner, calendar: Calendar, op: Operation, index: int, days: int) -> Calendar:
    """``calendar`` with one occurrence of ``op`` moved ``days`` staff working days."""
    values = list(calendar[op])
    values[index] = planner.staff.add_working_days(values[index], days)
    return {**calendar, op: values}


def _in_order(planner: Planner, values: list[Instant], index: int) -> bool:
    """The occurrence ``index`` still comes strictly between its neighbours."""
    at = planner.instant(values[index])
    return (index == 0 or planner.instant(values[index - 1]) < at) and (
        index + 1 == len(values) or at < planner.instant(values[index + 1])
    )


def _latest(planner: Planner, calendar: Calendar, op: Operation) -> Calendar:
    """Push ``op``'s occurrences before the target, the last first, each as late as it can
    go with the others where they are."""
    for index in reversed(range(len(calendar[op]))):
        if planner.instant(calendar[op][index]) < planner.target_instant:
            calendar = _latest_occurrence(planner, calendar, op, index)
    return calendar


def _latest_occurrence(planner: Planner, calendar: Calendar, op: Operation, index: int) -> Calendar:
    """One occurrence pushed as late as it can go. The calendar's own limits (the target,
    the bounds, the next occurrence, the operations after it) are found first without
    simulating; most steps stop there, and one simulation confirms it."""
    count, bound = planner.kept_before.get(op, (0, planner.target_instant))

    def possible(days: int) -> bool:
        candidate = _moved(planner, calendar, op, index, days)
        before = [v for v in candidate[op] if planner.instant(v) < planner.target_instant]
        if index < count and planner.instant(candidate[op][index]) >= bound:
            return False  # a scenario's occurrence stays before the change it does not carry
        enrolled = index < planner.before_rentree.get(op, 0)
        if enrolled and day_of(candidate[op][index]) >= planner.rentree:
            return False  # students enrolled before the rentrée stay so
        return (
            _in_order(planner, candidate[op], index)
            and planner.instant(candidate[op][index]) < planner.target_instant
            and planner.allowed({**candidate, op: before}, op, SUCCESSORS[op])
        )

    def safe(days: int) -> bool:
        return possible(days) and planner.meets(_moved(planner, calendar, op, index, days))

    limit = _largest(possible, MAX_LATER)
    if limit == 0 or safe(limit):
        return _moved(planner, calendar, op, index, limit)
    return _moved(planner, calendar, op, index, _largest(safe, limit - 1))


def _repair(planner: Planner, calendar: Calendar, movable: list[Operation]) -> Calendar:
    """Each occurrence the simulation refuses, rejects or finds out of order, in the seed's
    order, pushed later to the first working day that removes a warning (a step after a
    late fixed one, or at the same minute as data still on its way)."""
    for op in movable:
        for index in sorted(planner.warned(calendar, op)):
            calendar = _repair_occurrence(planner, calendar, movable, op, index)
    return calendar


def _repair_occurrence(
    planner: Planner, calendar: Calendar, movable: list[Operation], op: Operation, index: int
) -> Calendar:
    def pushed(days: int) -> Calendar:
        return planner.respect(_moved(planner, calendar, op, index, days), movable)

    def clears(days: int) -> bool:
        raw = _moved(planner, calendar, op, index, days)[op]
        if not _in_order(planner, raw, index):
            return False
        if planner.instant(raw[index]) >= planner.target_instant:
            return False
        candidate = pushed(days)
        return planner.calendar(candidate) is not None and len(planner.warnings(candidate)) < len(
            planner.warnings(calendar)
        )

    days = _smallest(clears, MAX_LATER)
    return calendar if days is None else pushed(days)


def _compact(planner: Planner, calendar: Calendar, movable: list[Operation]) -> Calendar:
    """Each occurrence, in the seed's order, brought as early as it can come with the
    targets right no later, no more warnings and the rentrée kept: the earliest start."""
    for op in movable:
        for index in range(len(calendar[op])):
            calendar = _compact_occurrence(planner, calendar, movable, op, index)
    return calendar


def _compact_occurrence(
    planner: Planner, calendar: Calendar, movable: list[Operation], op: Operation, index: int
) -> Calendar:
    def pulled(days: int) -> Calendar:
        return planner.respect(_moved(planner, calendar, op, index, -days), movable)

    def fine(days: int) -> bool:
        raw = _moved(planner, calendar, op, index, -days)[op]
        return _in_order(planner, raw, index) and planner.no_worse(pulled(days), calendar)

    return pulled(_largest(fine, MAX_EARLIER))


def _changes_nothing(planner: Planner, without: Calendar, calendar: Calendar) -> bool:
    """Leaving occurrences out (``without``) removes warnings, and makes no target right
    later, strict dates included, nor the rentrée morning less right."""
    strict_without, strict_with = planner.strict(without), planner.strict(calendar)
    later = any(
        strict_with[t] is not None
        and (strict_without[t] is None or strict_without[t] > strict_with[t])  # type: ignore[operator]
        for t in Target
    )
    rentree = planner.missing_at_rentree(calendar)
    return (
        len(planner.warnings(without)) < len(planner.warnings(calendar))
        and planner.last(without) <= planner.last(calendar)
        and not later
        and all(n <= rentree.get(c, 0) for c, n in planner.missing_at_rentree(without).items())
    )


def _useless(
    planner: Planner, calendar: Calendar, movable: list[Operation], own: dict[Operation, int]
) -> tuple[Calendar, dict[Operation, list[int]]]:
    """Occurrences the simulation refuses or rejects that change nothing: without them the
    targets are right no later (strict dates too), the rentrée no less right, and fewer
    warnings. An early link export before the groups reach SIECLE is one. Returns the
    calendar without them and their positions (below ``own[op]``: the scenario's own
    occurrences, in the planned order; above: added ones)."""
    dropped: dict[Operation, list[int]] = {}
    for op in movable:
        shares = planner.scenario.operations.get(op).share
        for index in sorted(planner.warned(calendar, op), reverse=True):
            if isinstance(shares, list) and index != len(calendar[op]) - 1:
                continue  # the shares of the occurrences after it would shift
            values = calendar[op]
            without = {**calendar, op: values[:index] + values[index + 1 :]}
            if _changes_nothing(planner, without, calendar):
                dropped.setdefault(op, []).insert(0, index)
                calendar = without
    return calendar, dropped


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
    planner: Planner, every: Calendar, movable: list[Operation], search: bool = True
) -> tuple[Calendar | None, Calendar]:
    """A calendar that meets the target (None if none), and the best one tried: the planned
    one, repaired, with its late steps brought back before the target, then (with
    ``search``) the movable operations brought earlier together, and each as early as the
    chain allows."""
    calendar = planner.respect(every, movable)
    tried = [calendar]
    capped = planner.respect(_capped(planner, every, movable), movable)
    for candidate in (calendar, capped):
        if candidate is not calendar:
            tried.append(candidate)
        if planner.meets(candidate):
            return candidate, candidate
        repaired = _repair(planner, candidate, movable)
        tried.append(repaired)
        if planner.meets(repaired):
            return repaired, repaired
    if not search:
        return None, min(tried, key=planner.last)
    # fixed dates stay put while the rest comes earlier together
    for days in range(1, MAX_EARLIER + 1):
        earlier = planner.respect(_shift(planner, every, movable, -days, None), movable)
        if planner.calendar(earlier) is None:
            break
        tried.append(earlier)
        if planner.meets(earlier):
            return earlier, earlier
    start = min(tried, key=planner.last)
    compacted = _compact(planner, _repair(planner, start, movable), movable)
    if planner.meets(compacted):
        return compacted, compacted
    return None, min([*tried, compacted], key=planner.last)


# The exports that carry a change of reality to the ENT: students to the timetable software,
# then the student → group links back to SIECLE.
REFRESH = (Operation.EXPORT_SIECLE_EDT, Operation.EXPORT_LIENS_SIECLE)


def _values(calendar: Calendar) -> list[Instant]:
    return [value for values in calendar.values() for value in values]


def _changes_before_target(planner: Planner) -> list[float]:
    """The minutes the changes of reality before the target's look are typed in."""
    return [c.recorded for c in planner.truth.changes if c.recorded < planner.target_minute]


def _last_change(planner: Planner) -> float:
    """The minute the last change of reality before the target is typed in."""
    return max(_changes_before_target(planner))


def _extra_occurrences(planner: Planner, every: Calendar, movable: list[Operation]) -> Calendar:
    """One more occurrence of each refreshing export after the last change of reality typed
    in before the target (arrivals, group changes), for the exports whose every occurrence
    comes before that change: the next working day at the operations' time, or the same day
    an hour after the change when the next day is too late (and the SIECLE → EDT export, if
    one is added, shows SIECLE live: its XML export shows a change the next day only). It
    may fall after the target (then nothing reaches it, and the occurrences only say how
    early it could be right)."""
    if not _changes_before_target(planner):
        return {}
    typed = planner.clock.instant(_last_change(planner))
    siecle_export = planner.scenario.operations.export_siecle_edt
    nightly = siecle_export.snapshot == "previous_night"

    def carries(op: Operation, value: Instant) -> bool:
        """Whether an occurrence shows the change (a SIECLE export as its snapshot says)."""
        at = planner.instant(value)
        return siecle_export.shows(typed, at) if op is Operation.EXPORT_SIECLE_EDT else at > typed

    added = [op for op in REFRESH if op in movable and not any(carries(op, v) for v in every[op])]
    if Operation.EXPORT_SIECLE_EDT in added and Operation.EXPORT_LIENS_SIECLE in movable:
        # the links of the students it brings leave after it: the links export follows
        added = [op for op in REFRESH if op in (*added, Operation.EXPORT_LIENS_SIECLE)]
    start: dt.date | dt.datetime = planner.staff.next_working(
        dt.datetime.combine(typed.date(), planner.scenario.calendar.operation_time)
        + dt.timedelta(days=1)
    )
    same_day = typed + dt.timedelta(hours=1)
    if (
        planner.instant(start) >= planner.target_instant
        and same_day.date() == typed.date()
        and planner.staff.works(typed.date())
        and not (nightly and Operation.EXPORT_SIECLE_EDT in added)
    ):
        start = same_day
    return {op: [start] for op in added}


def _removed(values: list[Instant], gone: list[Instant]) -> list[Instant]:
    """``values`` without one occurrence of each of ``gone``."""
    kept = list(values)
    for value in gone:
        kept.remove(value)
    return kept


def _unneeded(
    planner: Planner,
    calendar: Calendar,
    movable: list[Operation],
    not_needed: Calendar,
    kept: Calendar,
) -> tuple[Calendar, Calendar]:
    """Operations pushed up to the last day before the target that the target does not need
    at all: done or not, it is met, and nothing more is refused or out of order. They are
    written as planned (``kept``: what the table shows), or at their latest dates when the
    target is not met with the planned ones; occurrences set aside after the target stay."""
    last_day = planner.staff.add_working_days(planner.target, -1)
    as_planned: Calendar = {}  # the ones written at their planned dates so far
    for op in reversed(movable):
        values = calendar[op]
        if not values or day_of(max(values, key=planner.instant)) != last_day:
            continue
        without = {**calendar, op: []}
        if planner.meets(without):
            before = [v for v in kept.get(op, []) if planner.instant(v) < planner.target_instant]
            # with those already written as planned: the written calendar as a whole must
            # meet the target with no more warnings than without this operation
            base = {**without, **as_planned}
            planned = {**base, op: before}
            if (
                before
                and planner.meets(planned)
                and len(planner.warnings(planned)) <= len(planner.warnings(base))
            ):
                as_planned[op] = before
                not_needed[op] = [*before, *not_needed.get(op, [])]
            else:
                not_needed[op] = [*values, *not_needed.get(op, [])]
            calendar = without
    return calendar, not_needed


def _with_margin(
    planner: Planner,
    plan: Plan,
    calendar: Calendar,
    movable: list[Operation],
    confidence: float,
    pool: ReplicationPool,
    progress: Callable[[int], None] | None,
) -> Calendar:
    """The calendar moved earlier by the smallest common margin of working days that gives
    the target ``confidence`` under the Monte Carlo (``plan`` records the outcome)."""
    plan.confidence = confidence
    latest = calendar
    for margin in range(0, MAX_MARGIN + 1):
        # every margin is counted from the latest dates, not from the previous margin's
        candidate = planner.respect(_shift(planner, latest, movable, -margin, plan.target), movable)
        drawn = planner.calendar(candidate)
        # a margin that breaks the chain (a step pulled before a fixed date it needs) is no
        # margin: stop at the last one that still meets the target as planned
        if drawn is None or not planner.meets(candidate):
            plan.margin_limit = "window" if drawn is None else "chain"
            break
        runs = pool.run(drawn, range(plan.replications), planner.scenario.seed, progress=progress)
        reached = sum(
            all(m is not None and m <= planner.target_minute for m in r.consistent_from.values())
            for r in runs
        )
        plan.probability = reached / plan.replications
        plan.margin_days = margin
        calendar = candidate
        plan.proposed = {op: candidate[op] for op in movable}
        plan.added = {op: candidate[op][-len(values) :] for op, values in plan.added.items()}
        if plan.probability >= confidence:
            break
    plan.confident = plan.probability is not None and plan.probability >= confidence
    if plan.confident:
        plan.margin_limit = None
    elif plan.margin_limit is None:
        plan.margin_limit = "max"
    plan.deterministic = planner.dates(calendar)
    return calendar


def make_plan(
    scenario: Scenario,
    target: dt.date,
    confidence: float | None = None,
    replications: int = 100,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    keep_rentree: bool = True,
) -> Plan:
    """The latest safe dates for ``target`` (see the module's docstring); with
    ``keep_rentree``, the ENT no less right on the rentrée morning than as planned."""
    planner = Planner(scenario, target)
    present = [op for op in SEED_ORDER if not scenario.operations.get(op).missing]
    movable = [
        op
        for op in present
        if op not in PLATFORM_OPERATIONS and not scenario.operations.get(op).fixed
    ]
    every: Calendar = {op: list(scenario.operations.get(op).date) for op in present}
    as_planned = planner.respect(every, movable)
    planner.tolerated = len(planner.warnings(as_planned))
    rentree_looked = planner.missing_at_rentree(as_planned)
    if keep_rentree and rentree_looked and planner.rentree_minute < planner.target_minute:
        planner.rentree_floor = rentree_looked
        # students enrolled before the rentrée stay so, even where its morning cannot tell
        # (a batch down over it keeps the ENT as it is whatever is done the day before)
        first_day = dt.datetime.combine(planner.rentree, dt.time(0, 0))
        planner.before_rentree = {
            op: sum(planner.instant(v) < first_day for v in every[op])
            for op in movable
            if op in ENROLMENTS
        }
    fixed = {op: every[op] for op in present if op not in movable}
    planned = {op: every[op] for op in movable}
    # changes of reality after every occurrence of an export: bringing steps earlier cannot
    # carry them, so the search goes to the occurrences to add without trying it
    extras = _extra_occurrences(planner, every, movable)
    calendar, best = _reach(planner, every, movable, search=not extras)
    best_added: Calendar | None = None
    if calendar is None and extras:
        # one more of each export after the change; the scenario's own occurrences keep
        # serving the reality before it (pushed past it, they would leave the ENT without
        # what they carry until then)
        with_extras = {
            op: sorted([*every[op], *extras.get(op, [])], key=planner.instant) for op in every
        }
        typed = planner.clock.instant(_last_change(planner))
        planner.kept_before = {op: (len(every[op]), typed) for op in extras}
        if all(planner.instant(v) < planner.target_instant for v in _values(extras)):
            calendar, best_added = _reach(planner, with_extras, movable)
        else:  # too late for the target: only how early it could be right
            best_added = planner.respect(with_extras, movable)
        if planner.last(best_added) < planner.last(best):
            best = best_added
    else:
        extras = {}
    forgotten: list[Operation] = []
    if calendar is None:
        # operations the scenario leaves out: done once, as early as the chain allows,
        # then pushed to their latest dates like the others
        left_out = [
            op
            for op in SEED_ORDER
            if op not in PLATFORM_OPERATIONS
            and scenario.operations.get(op).missing
            and not scenario.operations.get(op).fixed
        ]
        if left_out:
            # each after the last occurrence of what it depends on, so that it carries
            # everything they bring (the passes then move it)
            source = best_added if best_added is not None else every
            widened = [op for op in SEED_ORDER if op in movable or op in left_out]
            # at the very instant of the last of them, else the next working day: an export
            # of SIECLE shows what was typed up to the night before (the enrolments, which
            # come no earlier, would not be in it)
            for days in (0, 1):
                with_left_out: Calendar = {**source}
                for op in left_out:
                    before = [
                        planner.instant(v)
                        for p in PREDECESSORS[op]
                        for v in with_left_out.get(p, [])
                    ]
                    first = max(
                        before,
                        default=dt.datetime.combine(
                            scenario.calendar.start, scenario.calendar.operation_time
                        ),
                    )
                    with_left_out[op] = [planner.staff.add_working_days(first, days)]
                found, best_left_out = _reach(planner, with_left_out, widened)
                if found is not None:
                    break
            if found is not None or planner.last(best_left_out) < planner.last(best):
                best = best_left_out
                planned.update({op: [] for op in left_out})
                movable, forgotten, calendar = widened, left_out, found
                every.update({op: [] for op in left_out})
    if calendar is None:
        infeasible = Plan(
            target,
            planner.target_minute,
            False,
            planned,
            {op: best[op] for op in movable},
            planner.dates(every),
            earliest_reachable=planner.dates(best),
            fixed=fixed,
            keeps_rentree=False,
            rentree=planner.rentree,
            forgotten=forgotten,
        )
        if best is best_added:  # the earliest dates need the exports added after the change
            infeasible.added = {op: best[op][-len(v) :] for op, v in extras.items()}
            infeasible.added_after = _last_change(planner)
        infeasible.change_after_target = min(
            (c.recorded for c in planner.truth.changes if c.recorded >= planner.target_minute),
            default=None,
        )
        planner.check_engine()
        return infeasible
    own = {op: len(every[op]) for op in movable}
    calendar, dropped = _useless(planner, calendar, movable, own)
    useless = {
        op: [every[op][i] for i in indexes if i < own[op]] for op, indexes in dropped.items()
    }
    useless = {op: values for op, values in useless.items() if values}
    for op, indexes in dropped.items():
        gone_own = sum(i < own[op] for i in indexes)
        if op in planner.before_rentree:  # the rule counts the occurrences that are left
            count = planner.before_rentree[op]
            planner.before_rentree[op] = count - sum(i < count for i in indexes)
        if op in planner.kept_before:
            count, typed = planner.kept_before[op]
            planner.kept_before[op] = (count - gone_own, typed)
        if op in extras:
            extras[op] = extras[op][: len(extras[op]) - (len(indexes) - gone_own)]
    extras = {op: values for op, values in extras.items() if values}
    # the passes after this one keep what the calendar found achieves
    planner.tolerated = min(planner.tolerated, len(planner.warnings(calendar)))
    calendar, not_needed = _set_aside(planner, calendar, movable)
    for op in reversed(movable):
        calendar = _latest(planner, calendar, op)
    kept = {op: _removed(planned[op], useless.get(op, [])) for op in movable}
    calendar, not_needed = _unneeded(planner, calendar, movable, not_needed, kept)
    final = {op: calendar[op] for op in movable}
    # an operation the scenario leaves out was added for the search: one the target holds
    # without stays left out (neither "to add" nor "not needed", and not written)
    not_needed = {op: v for op, v in not_needed.items() if op not in forgotten or final.get(op)}
    forgotten = [op for op in forgotten if final.get(op)]
    # the added occurrences stay the last ones of their operations, at their latest dates
    added = {op: final[op][-len(values) :] for op, values in extras.items() if final.get(op)}
    plan = Plan(
        target,
        planner.target_minute,
        True,
        planned,
        final,
        planner.dates(calendar),
        not_needed=not_needed,
        useless=useless,
        keeps_rentree=planner.rentree_floor is not None,
        rentree=planner.rentree,
        fixed=fixed,
        added=added,
        added_after=_last_change(planner) if added else None,
        forgotten=forgotten,
        replications=replications if confidence is not None else 0,
    )
    if confidence is not None:
        with ReplicationPool(workers) as pool:
            calendar = _with_margin(planner, plan, calendar, movable, confidence, pool, progress)
    plan.warnings = planner.warnings(calendar)
    plan.no_margin = [
        (gate, op)
        for op, values in fixed.items()
        for gate in GATES.get(op, ())
        if {planner.instant(v) for v in values}
        & {planner.instant(v) for v in calendar.get(gate, [])}
    ]
    plan.strict = planner.strict(calendar)
    plan.missing_at_rentree = (
        rentree_looked,
        planner.missing_at_rentree(calendar),
    )
    planner.check_engine()
    return plan
