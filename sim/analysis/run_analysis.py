"""Everything a user is told about one run: consistency per target, snapshots, warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sim.analysis.consistency import TargetConsistency, target_consistency
from sim.chain import build_graph
from sim.domain import Category, Operation, Store, Target
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
INFO_CODES = {
    "links_replaced",
    "services_replaced",
    "users_disappeared",
    "users_restored",
    "users_removed",
    "users_pre_deleted",
    "accounts_deleted",
    "empty_structures",
    "departed_beyond_window",
    "transition",
    "platform_missing",
    "missing_covered",
}


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
    departed: dict[str, int] = field(default_factory=dict)


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
        code = event.code
        if code == "missing" and event.actor == Operation.EXPORT_STRUCTURE_SIECLE:
            # STS-WEB's copy to SIECLE brings the structure anyway (plan calls it not needed)
            code = "missing_covered"
        severity = "warning" if code in WARNING_CODES else "info"
        warnings.append(
            Warning(
                code,
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


def transition_gaps(result: SimulationResult) -> list[Warning]:
    """A transition done on or after the rentrée: the ENT has no class or group (so GAR none
    either) from the transition to the next import that rebuilds them, in school time."""
    found = []

    def iso(minute: float | None) -> str:
        return "" if minute is None else result.instant(minute).isoformat(timespec="minutes")

    for event in result.events:
        if event.code != "transition" or result.instant(event.minute).date() < result.rentree:
            continue
        ent_back = _next(result, Store.ENT, event.minute, present=True)
        gar_empty = _next(result, Store.GAR, event.minute, present=False)
        gar_back = None if gar_empty is None else _next(result, Store.GAR, gar_empty, True)
        until = ",".join(iso(m) for m in (ent_back, gar_empty, gar_back))
        found.append(
            Warning(
                "transition_after_rentree",
                "warning",
                event.actor,
                event.minute,
                event.count,
                store=Store.ENT.value,
                detail=until,
            )
        )
    return found


def _next(result: SimulationResult, store: Store, after: float, present: bool) -> float | None:
    """The first change after ``after`` where ``store`` holds classes (or holds none)."""
    divisions = result.histories[store][Category.DIVISIONS]
    for minute, state in zip(divisions.minutes, divisions.states, strict=True):
        if minute > after and bool(state.any()) == present:
            return minute
    return None


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
    warnings.extend(transition_gaps(result))
    for t, consistency in targets.items():
        if consistency.consistent_except_departed_from is None:
            warnings.append(
                Warning(
                    "never_consistent",
                    "warning",
                    t.value,
                    result.observations[-1],
                    0,
                    category=(consistency.critical_category_except_departed or ""),
                )
            )
        elif consistency.consistent_from is None:
            # right but for the ENT's own retention of departed users, past the window
            warnings.append(
                Warning(
                    "departed_beyond_window",
                    "info",
                    t.value,
                    result.observations[-1],
                    int(consistency.departed_accounts[-1]),
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
                departed={
                    c.value: int(cat.departed[k]) for c, cat in consistency.categories.items()
                },
            )
    return Analysis(result=result, targets=targets, warnings=warnings, snapshots=snapshots)
