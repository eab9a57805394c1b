"""Texts, JSON and scenario file of ``rentree-sim plan``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sim.analysis.plan import MAX_MARGIN, Plan
from sim.analysis.run_analysis import Warning
from sim.calendar import Clock, day_of
from sim.domain import ROLE_OF, Operation, Target
from sim.i18n import label, t
from sim.presentation.formatting import count_text, day_text, instant_text, warning_message
from sim.scenario.loader import extends_reference
from sim.scenario.model import Calendar, Scenario

Instant = dt.date | dt.datetime


def _iso(value: Instant) -> str:
    return (
        value.isoformat(timespec="minutes")
        if isinstance(value, dt.datetime)
        else (value.isoformat())
    )


def _dates_text(plan: Plan, result_clock: Any, dates: dict[Target, float | None]) -> str:
    return ", ".join(
        f"{label('system', t_.value)} "
        + (t("summary.never") if m is None else instant_text(result_clock.instant(m)))
        for t_, m in dates.items()
    )


@dataclass(frozen=True)
class PlanRow:
    """One line of the plan: an occurrence of an operation."""

    operation: Operation
    planned: Instant | None  # None: an occurrence to add
    latest: Instant | None  # None: fixed or not needed (see ``state``)
    state: str  # "moved", "added", "fixed", "not_needed" or "useless"
    slack: int | None


def plan_rows(plan: Plan, calendar: Calendar) -> list[PlanRow]:
    """Every occurrence of the plan, ordered by the date to act on (the latest one, else the
    planned one)."""
    staff = calendar.staff()
    rows: list[PlanRow] = []
    for op in plan.planned:
        planned, proposed = plan.kept(op), plan.proposed.get(op, [])
        rows.extend(PlanRow(op, value, None, "useless", None) for value in plan.useless.get(op, []))
        for i, before in enumerate(planned):
            if i < len(proposed):
                after = proposed[i]
                slack = staff.working_days_between(day_of(before), day_of(after))
                rows.append(PlanRow(op, before, after, "moved", slack))
            else:
                rows.append(PlanRow(op, before, None, "not_needed", None))
        rows.extend(PlanRow(op, None, extra, "added", None) for extra in proposed[len(planned) :])
    for op, dates in plan.fixed.items():
        rows.extend(PlanRow(op, value, None, "fixed", None) for value in dates)
    order = list(Operation)  # the seed's order, for operations at the same minute
    return sorted(
        rows,
        key=lambda r: (
            calendar.at(_when_to_act(r)),
            order.index(r.operation),
        ),
    )


def _when_to_act(row: PlanRow) -> Instant:
    when = row.latest if row.latest is not None else row.planned
    assert when is not None  # a row has a planned date or a latest one
    return when


def _warning_lines(plan: Plan, clock: Any) -> list[str]:
    return [
        t(
            "plan.warning_line",
            when=instant_text(clock.instant(w.minute)),
            message=warning_message(
                Warning(w.code, "warning", w.actor, w.minute, w.count, detail=w.detail)
            ),
        )
        for w in plan.warnings
    ]


def _written_not_needed(plan: Plan) -> dict[Operation, list[Instant]]:
    """Occurrences the target does not need that ``--write`` writes at other dates than the
    planned ones (their latest, so that the procedure's order holds)."""
    written: dict[Operation, list[Instant]] = {}
    for op, values in plan.not_needed.items():
        planned = plan.kept(op)
        moved = [v for v in values if v not in planned]
        if moved:
            written[op] = moved
    return written


def plan_text(plan: Plan, scenario: Scenario) -> str:
    """The plan as a person reads it: a table by date, then whether it is verified."""
    calendar, name = scenario.calendar, scenario.name
    clock = Clock.starting(calendar.start)
    lines = [t("plan.title", name=name, target=instant_text(clock.instant(plan.target_minute)))]
    if not plan.feasible:
        lines.append(
            t(
                "plan.infeasible",
                planned=_dates_text(plan, clock, plan.deterministic),
                best=_dates_text(plan, clock, plan.earliest_reachable),
            )
        )
        if plan.change_after_target is not None:
            lines.append(
                t(
                    "plan.change_after_target",
                    when=instant_text(clock.instant(plan.change_after_target)),
                )
            )
        if plan.forgotten:
            lines.append(
                t(
                    "plan.forgotten_infeasible",
                    operations=_names(plan.forgotten),
                    count=len(plan.forgotten),
                )
            )
        if plan.added and plan.added_after is not None:
            first = min(calendar.at(v) for values in plan.added.values() for v in values)
            lines.append(
                t(
                    "plan.infeasible_added",
                    when=instant_text(clock.instant(plan.added_after)),
                    operations=_names(plan.added),
                    first=instant_text(first),
                )
            )
        return "\n".join(lines)
    table = []
    for row in plan_rows(plan, calendar):
        if row.state in ("moved", "added") and row.latest is not None:
            latest = instant_text(calendar.at(row.latest))
            slack = t("plan.slack", days=f"{row.slack:+d}" if row.slack else "0")
        else:
            latest, slack = t(f"plan.{row.state}"), ""
        if row.state == "added":
            slack = ""
        table.append(
            [
                latest,
                label("operation", row.operation.value),
                t("plan.to_add") if row.planned is None else instant_text(calendar.at(row.planned)),
                slack,
                t("role." + ROLE_OF[row.operation]),
            ]
        )
    header = [t(f"plan.col_{c}") for c in ("latest", "operation", "planned", "slack", "who")]
    widths = [max(len(cells[i]) for cells in [header, *table]) for i in range(4)]
    for cells in [header, *table]:
        lines.append(
            "  "
            + " ".join(f"{c:<{w}}" for c, w in zip(cells[:4], widths, strict=True))
            + " "
            + cells[4]
        )
    lines.append(t("plan.legend"))
    if written := _written_not_needed(plan):
        operations = t("summary.list_separator").join(
            f"{label('operation', op.value)} "
            + ", ".join(instant_text(calendar.at(v)) for v in values)
            for op, values in written.items()
        )
        lines.append(t("plan.not_needed_legend", operations=operations))
    if plan.useless:
        lines.append(t("plan.useless_legend"))
    if plan.added and plan.added_after is not None:
        lines.append(
            t(
                "plan.added",
                when=instant_text(clock.instant(plan.added_after)),
                operations=_names(plan.added),
            )
        )
    if plan.forgotten:
        lines.append(
            t(
                "plan.forgotten",
                operations=_names(plan.forgotten),
                count=len(plan.forgotten),
            )
        )
    if plan.verified:
        lines.append(t("plan.verified", dates=_dates_text(plan, clock, plan.deterministic)))
    else:
        lines.append(t("plan.not_verified", dates=_dates_text(plan, clock, plan.deterministic)))
        lines.extend(_warning_lines(plan, clock))
    if plan.strict and plan.strict != plan.deterministic:
        lines.append(t("plan.strict", dates=_dates_text(plan, clock, plan.strict)))
    lines.extend(_rentree_lines(plan))
    lines.extend(_no_margin_lines(plan))
    if plan.keeps_rentree and plan.rentree is not None:
        lines.append(t("plan.rentree_kept", rentree=day_text(plan.rentree)))
    if plan.confidence is not None and plan.probability is not None:
        key = "plan.confidence_ok" if plan.confident else "plan.confidence_short"
        lines.append(
            t(
                key,
                confidence=round(100 * plan.confidence),
                margin=plan.margin_days,
                probability=round(100 * plan.probability),
                n=count_text(plan.replications),
            )
        )
        if plan.margin_limit is not None:
            lines.append(t(f"plan.margin_limit_{plan.margin_limit}", limit=MAX_MARGIN))
    return "\n".join(lines)


def _written_name(plan: Plan, scenario: Scenario) -> str:
    """The written plan's name: its target, and its confidence when it has margins."""
    target = day_text(plan.target)
    if plan.confidence is None:
        return t("plan.scenario_name", name=scenario.name, target=target)
    confidence = round(100 * plan.confidence)
    key = "plan.scenario_name_confidence" if plan.confident else "plan.scenario_name_short"
    return t(key, name=scenario.name, target=target, confidence=confidence)


def _names(operations: Iterable[Operation]) -> str:
    """« a » puis « b »: operations named in the order of the chain."""
    return t("plan.then").join(t("quoted", text=label("operation", op.value)) for op in operations)


def _no_margin_lines(plan: Plan) -> list[str]:
    return [
        t(
            "plan.no_margin",
            operation=label("operation", op.value),
            fixed=label("operation", fixed.value),
        )
        for op, fixed in plan.no_margin
    ]


def _rentree_lines(plan: Plan) -> list[str]:
    """What the latest dates cost on the rentrée morning: facts the ENT or GAR would lack
    that the scenario's own calendar had (a latest date is no advice to wait that long)."""
    planned, proposed = plan.missing_at_rentree
    worse = [
        t(
            "plan.rentree_item",
            category=f"{label('system', target.value)}, {label('category', c.value)}",
            count=count_text(n),
            planned=count_text(planned.get((target, c), 0)),
        )
        for (target, c), n in proposed.items()
        if n > planned.get((target, c), 0)
    ]
    if not worse:
        return []
    return [t("plan.rentree_worse", items=t("summary.list_separator").join(worse))]


def plan_json(plan: Plan, clock: Any, calendar: Calendar, name: str = "") -> dict[str, Any]:
    """The plan for scripts; every instant is a date and time (a bare date takes the
    scenario's operation time), slacks are given per proposed occurrence (null: added)."""

    def iso(minute: float | None) -> str | None:
        return None if minute is None else clock.instant(minute).isoformat(timespec="minutes")

    def when(value: Instant) -> str:
        return calendar.at(value).isoformat(timespec="minutes")

    staff = calendar.staff()
    operations: dict[str, Any] = {}
    for op in plan.planned:
        planned, proposed = plan.kept(op), plan.proposed.get(op, [])
        operations[op.value] = {
            "role": ROLE_OF[op],
            "fixed": False,
            "planned": [when(v) for v in plan.planned[op]],
            "proposed": [when(v) for v in proposed],
            "not_needed": [when(v) for v in plan.not_needed.get(op, [])],
            "useless": [when(v) for v in plan.useless.get(op, [])],
            "added": [when(v) for v in proposed[len(planned) :]],
            "slack_working_days": [
                staff.working_days_between(day_of(planned[i]), day_of(v))
                if i < len(planned)
                else None
                for i, v in enumerate(proposed)
            ],
        }
    for op, dates in plan.fixed.items():
        operations[op.value] = {
            "role": ROLE_OF[op],
            "fixed": True,
            "planned": [when(v) for v in dates],
            "proposed": [when(v) for v in dates],
            "not_needed": [],
            "useless": [],
            "added": [],
            "slack_working_days": [],
        }
    return {
        "scenario": name,
        "target": plan.target.isoformat(),
        "feasible": plan.feasible,
        "verified": plan.verified,
        "confident": plan.confident,
        "confidence": plan.confidence,
        "probability": plan.probability,
        "margin_working_days": plan.margin_days,
        "operations": operations,
        # latest dates at the very minute of a fixed operation that requires them
        "no_margin": [
            {"operation": op.value, "fixed": fixed.value} for op, fixed in plan.no_margin
        ],
        "warnings": [
            {
                "code": w.code,
                "operation": w.actor,
                "time": iso(w.minute),
                "detail": w.detail,
                "message": warning_message(
                    Warning(w.code, "warning", w.actor, w.minute, w.count, detail=w.detail)
                ),
            }
            for w in plan.warnings
        ],
        # the simulated proposed calendar (none when the target is out of reach: see
        # earliest_reachable)
        "verification": (
            {t_.value: iso(m) for t_, m in plan.deterministic.items()} if plan.feasible else None
        ),
        "keeps_rentree": plan.keeps_rentree,
        "forgotten": [op.value for op in plan.forgotten],
        "change_after_target": iso(plan.change_after_target),
        "verification_strict": {t_.value: iso(m) for t_, m in plan.strict.items()},
        **{
            f"{target.value}_missing_at_rentree": {
                "planned": {
                    c.value: n for (t_, c), n in plan.missing_at_rentree[0].items() if t_ is target
                },
                "plan": {
                    c.value: n for (t_, c), n in plan.missing_at_rentree[1].items() if t_ is target
                },
            }
            for target in Target
        },
        "earliest_reachable": (
            {t_.value: iso(m) for t_, m in plan.earliest_reachable.items()}
            if plan.earliest_reachable
            else None
        ),
    }


def plan_scenario_yaml(plan: Plan, scenario: Scenario, source: Path, destination: Path) -> str:
    """A scenario that extends ``source`` (``scenario`` as loaded) with the proposed dates
    (path relative to the file it is written to, as ``extends`` reads it); an operation
    whose shares are a list gets them too, one per written date."""
    relative = extends_reference(source.resolve(), destination.resolve().parent)
    written = plan.written(scenario)
    operations: dict[str, Any] = {}
    for op in plan.proposed:
        # the occurrences the target does not need are written too (see ``Plan.written``)
        spec = written.operations.get(op)
        if spec.missing:
            operations[op.value] = {"missing": True}
            continue
        entry: dict[str, Any] = {"date": [_iso(v).replace("T", " ") for v in spec.date]}
        if isinstance(spec.share, list):
            entry["share"] = list(spec.share)
        operations[op.value] = entry
    data = {
        "extends": relative,
        "name": _written_name(plan, scenario),
        "operations": operations,
    }
    header = "# " + t("plan.scenario_comment", target=day_text(plan.target)) + "\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
