"""Everything a user is told about one run: consistency per target, snapshots, warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sim.analysis.consistency import TargetConsistency, target_consistency
from sim.chain import build_graph
from sim.domain import Target
from sim.engine.simulation import SimulationResult

WARNING_CODES = {
    "missing",
    "refused",
    "order_broken",
    "links_rejected",
    "links_without_students",
    "duplicates",
    "carried_groups",
    "unmatched_services",
    "unmatched_groups",
    "outage",
    "non_working_day",
}
INFO_CODES = {"links_replaced", "services_replaced", "users_disappeared", "empty_structures"}


@dataclass(frozen=True)
class Warning:
    """A rule applied, an operation refused or missing, a batch down: with its count."""

    code: str
    severity: str
    actor: str
    minute: float
    count: int
    store: str = ""
    category: str = ""
    detail: str = ""


@dataclass
class Snapshot:
    """Facts still wrong in a target at one observation, per category."""

    minute: float
    missing: dict[str, int]
    stale: dict[str, int]


@dataclass
class Analysis:
    result: SimulationResult
    targets: dict[Target, TargetConsistency]
    warnings: list[Warning]
    snapshots: dict[Target, dict[str, Snapshot]] = field(default_factory=dict)


def collect_warnings(result: SimulationResult) -> list[Warning]:
    """Rule events become warnings; the nightly outages of one channel are grouped."""
    warnings: list[Warning] = []
    outages: dict[str, Warning] = {}
    for event in result.events:
        if event.code not in WARNING_CODES | INFO_CODES:
            continue
        if event.kind == "batch" and event.code == "outage":
            first = outages.get(event.actor)
            outages[event.actor] = Warning(
                "outage",
                "warning",
                event.actor,
                first.minute if first else event.minute,
                (first.count if first else 0) + 1,
            )
            continue
        severity = "warning" if event.code in WARNING_CODES else "info"
        warnings.append(
            Warning(
                event.code,
                severity,
                event.actor,
                event.minute,
                event.count,
                event.store,
                event.category,
                event.detail,
            )
        )
    warnings.extend(outages.values())
    warnings.sort(key=lambda w: (w.minute, w.actor, w.code))
    return warnings


def observation_index(result: SimulationResult, day: dt.date) -> int | None:
    minute = result.clock.day_minutes(day, result.scenario.calendar.observation_time)
    try:
        return result.observations.index(minute)
    except ValueError:
        return None


def analyse(result: SimulationResult) -> Analysis:
    graph = build_graph(result.scenario)
    targets = {t: target_consistency(result, t, graph) for t in Target}
    warnings = collect_warnings(result)
    for t, consistency in targets.items():
        if consistency.consistent_from is None:
            warnings.append(
                Warning(
                    "never_consistent",
                    "warning",
                    t.value,
                    result.observations[-1],
                    0,
                    category=(consistency.critical_category or ""),
                )
            )
    snapshots: dict[Target, dict[str, Snapshot]] = {}
    moments = {"rentree": result.rentree, "week_after": result.rentree + dt.timedelta(days=7)}
    for t, consistency in targets.items():
        snapshots[t] = {}
        for name, day in moments.items():
            k = observation_index(result, day)
            if k is None:
                continue
            snapshots[t][name] = Snapshot(
                minute=result.observations[k],
                missing={c.value: int(cat.missing[k]) for c, cat in consistency.categories.items()},
                stale={c.value: int(cat.stale[k]) for c, cat in consistency.categories.items()},
            )
    return Analysis(result=result, targets=targets, warnings=warnings, snapshots=snapshots)
