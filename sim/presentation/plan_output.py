"""Texts, JSON and scenario file of ``rentree-sim plan``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml

from sim.analysis.plan import Plan
from sim.domain import Target
from sim.i18n import label, t
from sim.presentation.formatting import day_text, instant_text
from sim.scenario.model import Calendar

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


def plan_text(plan: Plan, clock: Any, calendar: Calendar, name: str) -> str:
    lines = [t("plan.title", name=name, target=instant_text(clock.instant(plan.target_minute)))]
    if not plan.feasible:
        lines.append(
            t(
                "plan.infeasible",
                planned=_dates_text(plan, clock, plan.deterministic),
                best=_dates_text(plan, clock, plan.earliest_reachable),
            )
        )
        return "\n".join(lines)
    for op, planned in plan.planned.items():
        lines.append("  " + label("operation", op.value))
        for before, after in zip(planned, plan.proposed[op], strict=True):
            lines.append(
                "    "
                + t(
                    "plan.line",
                    planned=instant_text(calendar.at(before)),
                    proposed=instant_text(calendar.at(after)),
                )
            )
    lines.append(t("plan.verified", dates=_dates_text(plan, clock, plan.deterministic)))
    if plan.confidence is not None and plan.probability is not None:
        key = "plan.confidence_ok" if plan.confident else "plan.confidence_short"
        lines.append(
            t(
                key,
                confidence=round(100 * plan.confidence),
                margin=plan.margin_days,
                probability=round(100 * plan.probability),
                n=plan.replications,
            )
        )
    return "\n".join(lines)


def plan_json(plan: Plan, clock: Any) -> dict[str, Any]:
    def iso(minute: float | None) -> str | None:
        return None if minute is None else clock.instant(minute).isoformat(timespec="minutes")

    return {
        "target": plan.target.isoformat(),
        "feasible": plan.feasible,
        "confidence": plan.confidence,
        "probability": plan.probability,
        "margin_working_days": plan.margin_days,
        "operations": {
            op.value: {
                "planned": [_iso(v) for v in plan.planned[op]],
                "proposed": [_iso(v) for v in plan.proposed[op]],
            }
            for op in plan.planned
        },
        "verification": {t_.value: iso(m) for t_, m in plan.deterministic.items()},
        "earliest_reachable": (
            {t_.value: iso(m) for t_, m in plan.earliest_reachable.items()}
            if plan.earliest_reachable
            else None
        ),
    }


def plan_scenario_yaml(plan: Plan, source: Path, destination: Path, name: str) -> str:
    """A scenario that extends ``source`` with the proposed dates (path relative to the file
    it is written to, as ``extends`` reads it)."""
    relative = os.path.relpath(source.resolve(), destination.resolve().parent)
    data = {
        "extends": relative,
        "name": t("plan.scenario_name", name=name, target=day_text(plan.target)),
        "operations": {
            op.value: {"date": [_iso(v).replace("T", " ") for v in values]}
            for op, values in plan.proposed.items()
        },
    }
    header = "# " + t("plan.scenario_comment", target=plan.target.isoformat()) + "\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
