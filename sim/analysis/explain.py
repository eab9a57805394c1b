"""Where one fact is at a given time, system by system, and why it is not further yet."""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field

from sim.domain import CATEGORIES_OF, READS, WRITES, Category, Store
from sim.engine.simulation import SimulationResult
from sim.errors import UsageError
from sim.i18n import t
from sim.truth.facts import ENDPOINTS

# The way facts of each category travel, from where they are made to GAR.
PATHS: dict[Category, tuple[Store, ...]] = {
    Category.STUDENT_GROUP: (
        Store.EDT,
        Store.SIECLE_PENDING,
        Store.SIECLE,
        Store.AAF,
        Store.ENT,
        Store.GAR,
    ),
    Category.GROUPS: (Store.EDT, Store.STS, Store.SIECLE, Store.AAF, Store.ENT, Store.GAR),
    Category.SERVICES: (Store.EDT, Store.STS, Store.AAF, Store.ENT, Store.GAR),
    Category.DIVISIONS: (Store.STS, Store.SIECLE, Store.AAF, Store.ENT, Store.GAR),
    Category.TEACHERS: (Store.STS, Store.AAF, Store.ENT, Store.GAR),
    Category.STUDENTS: (Store.SIECLE, Store.AAF, Store.ENT, Store.GAR),
    Category.STUDENT_DIVISION: (Store.SIECLE, Store.AAF, Store.ENT, Store.GAR),
    Category.PARENTS: (Store.SIECLE, Store.AAF, Store.ENT),
    Category.PARENT_STUDENT: (Store.SIECLE, Store.AAF, Store.ENT),
}


@dataclass
class Station:
    """The fact in one system at the asked time."""

    store: Store
    present: bool
    since: float | None = None
    since_actor: str | None = None
    next_arrival: float | None = None
    next_actor: str | None = None


@dataclass
class Explanation:
    category: Category
    fact: str
    index: int
    at: float
    true: bool
    stale: bool
    stations: list[Station]
    reasons: list[str] = field(default_factory=list)


def find_fact(result: SimulationResult, label: str) -> tuple[Category, int]:
    """The category and id of the fact labelled ``label`` (a :class:`UsageError` naming the
    closest labels when there is none)."""
    wanted = " ".join(label.split())
    every: list[str] = []
    for category in Category:
        labels = result.truth.table(category).labels
        if wanted in labels:
            return category, labels.index(wanted)
        every.extend(labels)
    close = difflib.get_close_matches(wanted, every, n=3, cutoff=0.6)
    raise UsageError(
        t(
            "explain.unknown_fact",
            fact=label,
            close=", ".join(close) if close else t("explain.no_close"),
        )
    )


def _actors_between(upstream: Store, downstream: Store) -> list[str]:
    return [
        actor for actor, reads in READS.items() if upstream in reads and downstream in WRITES[actor]
    ]


def explain_fact(result: SimulationResult, label: str, at: float) -> Explanation:
    category, index = find_fact(result, label)
    table = result.truth.table(category)
    stations = []
    for store in PATHS[category]:
        history = result.histories[store][category]
        present = bool(history.at(at)[index])
        station = Station(store, present)
        if present:
            i = history.last_transition(index, True, at)
            if i is not None and i > 0:
                station.since = round(history.minutes[i])  # drop same-minute offsets
                station.since_actor = result.events[history.events[i]].actor
        else:
            for i in range(history.index_at(at) + 1, len(history.minutes)):
                if history.states[i][index]:
                    station.next_arrival = round(history.minutes[i])
                    station.next_actor = result.events[history.events[i]].actor
                    break
        stations.append(station)
    explanation = Explanation(
        category,
        table.labels[index],
        index,
        at,
        true=bool(table.true_at(at)[index]),
        stale=bool(table.stale[index]),
        stations=stations,
    )
    explanation.reasons = _reasons(result, explanation)
    return explanation


def _reasons(result: SimulationResult, explanation: Explanation) -> list[str]:
    """Why the fact is not further than it is at ``at``."""
    stations, at = explanation.stations, explanation.at
    reasons: list[str] = []
    if explanation.stale:
        return [t("explain.stale")]
    if not stations[0].present:
        reasons.append(t("explain.not_started", system=t(f"system.{stations[0].store.value}")))
        return reasons
    for upstream, downstream in itertools.pairwise(stations):
        if downstream.present or not upstream.present:
            continue
        since = upstream.since if upstream.since is not None else 0.0
        actors = _actors_between(upstream.store, downstream.store)
        runs = [
            e
            for e in result.events
            if e.actor in actors
            and since < e.minute <= at
            and e.kind in ("operation", "batch")
            and e.code in ("run", "full")
        ]
        names = ", ".join(t(f"short.{a}") for a in actors)
        rejected = [
            e
            for e in result.events
            if e.actor in actors and e.code == "links_rejected" and since < e.minute <= at
        ]
        if rejected:
            reasons.append(
                t(
                    "explain.rejected",
                    step=names,
                    when=result.instant(rejected[-1].minute).strftime("%d/%m %H:%M"),
                )
            )
        elif not runs:
            reasons.append(
                t(
                    "explain.not_run",
                    step=names,
                    system=t(f"system.{upstream.store.value}"),
                    when=result.instant(since).strftime("%d/%m %H:%M"),
                )
            )
        else:
            missing_ends = _missing_ends(result, explanation, downstream.store)
            if missing_ends:
                reasons.append(
                    t(
                        "explain.ends_missing",
                        system=t(f"system.{downstream.store.value}"),
                        ends=", ".join(missing_ends),
                    )
                )
            elif downstream.next_arrival is not None:
                reasons.append(
                    t(
                        "explain.on_its_way",
                        step=names,
                        when=result.instant(downstream.next_arrival).strftime("%d/%m %H:%M"),
                    )
                )
            else:
                reasons.append(t("explain.not_passed", step=names))
        break
    return reasons


def _missing_ends(result: SimulationResult, explanation: Explanation, store: Store) -> list[str]:
    table = result.truth.table(explanation.category)
    missing = []
    for end in ENDPOINTS.get(explanation.category, ()):
        index = int(table.ends[end][explanation.index])
        if index < 0 or end not in CATEGORIES_OF[store]:
            continue
        if not result.histories[store][end].at(explanation.at)[index]:
            missing.append(result.truth.table(end).labels[index])
    return missing


@dataclass
class CategoryStation:
    store: Store
    correct: int
    missing: int
    stale: int


def explain_category(
    result: SimulationResult, category: Category, at: float
) -> list[CategoryStation]:
    """How many facts of ``category`` each system on its path holds right, lacks, or holds
    stale at ``at``."""
    table = result.truth.table(category)
    true = table.true_at(at)
    stations = []
    for store in PATHS[category]:
        present = result.histories[store][category].at(at)
        stations.append(
            CategoryStation(
                store,
                int((present & true).sum()),
                int((true & ~present).sum()),
                int((present & ~true).sum()),
            )
        )
    return stations
