"""Where one fact is at a given time, system by system, and why it is not further yet."""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from sim.analysis.departed import departed_facts, marked_since, marked_user, removed_after
from sim.analysis.provenance import read_lag
from sim.domain import CATEGORIES_OF, READS, WRITES, Category, Channel, Operation, Store
from sim.engine.simulation import SimulationResult
from sim.errors import UsageError
from sim.i18n import label, t
from sim.results import EventRecord, History
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
# Rule 13: the ENT takes groups, their members and teachers from its own timetable import.
TIMETABLE_PATHS: dict[Category, tuple[Store, ...]] = {
    Category.STUDENT_GROUP: (Store.EDT, Store.ENT, Store.GAR),
    Category.GROUPS: (Store.EDT, Store.ENT, Store.GAR),
}


def path_of(result: SimulationResult, category: Category) -> tuple[Store, ...]:
    """The systems facts of ``category`` pass through in this run's chain."""
    if result.scenario.etablissement.ent_groups_from_timetable and category in TIMETABLE_PATHS:
        return TIMETABLE_PATHS[category]
    return PATHS[category]


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
    departed: bool = False  # present only because the ENT keeps a departed user (rule 8)


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


def _actor_name(actor: str) -> str:
    """A channel's or operation's full name, as the rest of the texts give it."""
    kind = "channel" if actor in {c.value for c in Channel} else "operation"
    return label(kind, actor)


def _actors_between(upstream: Store, downstream: Store) -> list[str]:
    return [
        actor for actor, reads in READS.items() if upstream in reads and downstream in WRITES[actor]
    ]


def explain_fact(result: SimulationResult, label: str, at: float) -> Explanation:
    category, index = find_fact(result, label)
    table = result.truth.table(category)
    stations = []
    for store in path_of(result, category):
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
    explanation.departed = any(
        station.present
        and station.store in result.departed
        and bool(departed_facts(result, station.store, category, at)[index])
        for station in stations
    )
    return explanation


@dataclass(frozen=True)
class Cause:
    """Why a fact is not further: a catalogue key and its values, already written for a
    person; equal causes group equal facts in the summary."""

    key: str
    values: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        return t(self.key, **dict(self.values))


def _cause(key: str, **values: str) -> Cause:
    return Cause(key, tuple(sorted(values.items())))


def _when(result: SimulationResult, minute: float) -> str:
    return result.instant(minute).strftime("%d/%m %H:%M")


def _runs(
    result: SimulationResult, actors: list[str], since: float, at: float
) -> list[EventRecord]:
    return [
        e
        for e in result.events
        if e.actor in actors
        and since < e.minute <= at
        and e.kind in ("operation", "batch")
        and e.code in ("run", "full")
    ]


def _outages(
    result: SimulationResult, actors: list[str], upstream: Store, since: float, at: float
) -> list[EventRecord]:
    """The runs of ``actors`` that an outage stopped up to ``at`` and that would have read
    the fact in ``upstream``, there since ``since`` (a run that reads it a delay late, as
    the AAF extraction reads STS-WEB, sees it only from that delay after)."""
    found = []
    for e in result.events:
        if e.actor not in actors or (e.kind, e.code) != ("batch", "outage") or e.minute > at:
            continue
        lag = read_lag(result, e.actor, upstream)
        # as the extraction reads: what changed up to its scheduled minute less the delay
        if (since <= round(e.minute) - lag) if lag else (since < e.minute):
            found.append(e)
    return found


def _shows_the_night_before(result: SimulationResult, run: EventRecord, since: float) -> bool:
    """A SIECLE → EDT export on the day a fact reached SIECLE, showing SIECLE as it was the
    night before (``snapshot: previous_night``): it could not carry the fact."""
    spec = result.scenario.operations.export_siecle_edt
    return run.actor == Operation.EXPORT_SIECLE_EDT and not spec.shows(
        result.instant(since), result.instant(run.minute)
    )


def _last_run(result: SimulationResult, actors: list[str], before: float) -> str | None:
    runs = _runs(result, actors, -1.0, before)
    return _when(result, runs[-1].minute) if runs else None


def arrival_minutes(history: History, at: float) -> NDArray[np.float64]:
    """For each fact present at ``at``, the minute it last arrived (0: there from the
    start); NaN for a fact absent at ``at``."""
    i = history.index_at(at)
    pending = history.at(at).copy()
    arrived_at = np.full(pending.shape, np.nan)
    while i > 0 and pending.any():
        arrived = pending & ~history.states[i - 1]
        arrived_at[arrived] = round(history.minutes[i])  # drop same-minute offsets
        pending &= ~arrived
        i -= 1
    arrived_at[pending] = 0.0
    return arrived_at


def _feeder(
    result: SimulationResult, category: Category, index: int, store: Store, at: float
) -> tuple[Store, list[str]] | None:
    """The system from which a step brings the fact into ``store``, where it is at ``at``."""
    for upstream in Store:
        actors = _actors_between(upstream, store)
        if (
            actors
            and upstream is not store
            and category in CATEGORIES_OF[upstream]
            and result.histories[upstream][category].at(at)[index]
        ):
            return upstream, actors
    return None


def _missing_end(
    result: SimulationResult, category: Category, index: int, store: Store, at: float
) -> tuple[Category, int] | None:
    """The first end of a link that ``store`` lacks at ``at`` (a link waits for its ends)."""
    table = result.truth.table(category)
    for end in ENDPOINTS.get(category, ()):
        end_index = int(table.ends[end][index])
        if (
            end_index >= 0
            and end in CATEGORIES_OF[store]
            and not result.histories[store][end].at(at)[end_index]
        ):
            return end, end_index
    return None


def _not_started(
    result: SimulationResult, category: Category, index: int, store: Store, at: float
) -> Cause:
    """Why a fact is not even in ``store``, where it is made: for a link, the end that
    never reached it, and the step that would have brought it."""
    missing = _missing_end(result, category, index, store, at)
    if missing is None:
        return _cause("explain.not_started", system=label("system", store.value))
    end, end_index = missing
    end_label = result.truth.table(end).labels[end_index]
    feeder = _feeder(result, end, end_index, store, at)
    if feeder is None:
        return _cause("explain.end_nowhere", end=end_label, system=label("system", store.value))
    upstream, actors = feeder
    since = float(arrival_minutes(result.histories[upstream][end], at)[end_index])
    values = {
        "end": end_label,
        "system": label("system", store.value),
        "upstream": label("system", upstream.value),
        "since": t("explain.on", when=_when(result, since)) if since else t("explain.at_start"),
        "step": ", ".join(label("operation", a) for a in actors),
    }
    runs = _runs(result, actors, since, at)
    if runs and all(_shows_the_night_before(result, e, since) for e in runs):
        return _cause("explain.end_same_day", **values)
    if runs:
        return _cause("explain.end_not_passed", **values)
    last = _last_run(result, actors, since)
    if last is None:
        return _cause("explain.end_never_run", **values)
    return _cause("explain.end_not_run", last=last, **values)


def _taken_out_by_files(
    result: SimulationResult, category: Category, index: int, store: Store, at: float
) -> float | None:
    """When the observation of a lycée's files took the fact out of ``store`` (it has not
    come back since), if it did."""
    history = result.histories[store].get(category)
    if history is None or history.at(at)[index]:
        return None
    i = history.last_transition(index, False, at)
    if i is None or i == 0:
        return None
    event = result.events[history.events[i]]
    return event.minute if event.kind == "observation" else None


def cause_between(
    result: SimulationResult,
    category: Category,
    index: int,
    upstream: Store,
    downstream: Store,
    since: float,
    at: float,
) -> Cause:
    """Why the fact, in ``upstream`` since ``since``, is not in ``downstream`` at ``at``."""
    read = _taken_out_by_files(result, category, index, downstream, at)
    if read is not None:
        return _cause(
            "explain.files_lack",
            system=t(f"system.{downstream.value}"),
            when=result.instant(read).strftime("%d/%m %H:%M"),
        )
    actors = _actors_between(upstream, downstream)
    names = ", ".join(_actor_name(a) for a in actors)
    rejected = [
        e
        for e in result.events
        if e.actor in actors and e.code == "links_rejected" and since < e.minute <= at
    ]
    if rejected:
        return _cause(
            "explain.rejected",
            step=names,
            when=result.instant(rejected[-1].minute).strftime("%d/%m %H:%M"),
        )
    if not _runs(result, actors, since, at):
        last = _last_run(result, actors, since)
        values = {
            "step": names,
            "system": t(f"system.{upstream.value}"),
            "when": result.instant(since).strftime("%d/%m %H:%M"),
        }
        missed = _outages(result, actors, upstream, since, at)
        if missed:  # scheduled, but down: the outage is why, not staff
            down = dict(values, step=", ".join(dict.fromkeys(_actor_name(e.actor) for e in missed)))
            if len(missed) == 1:
                return _cause("explain.down_once", first=_when(result, missed[0].minute), **down)
            return _cause(
                "explain.down",
                count=str(len(missed)),
                first=_when(result, missed[0].minute),
                latest=_when(result, missed[-1].minute),
                **down,
            )
        if last is None:
            later = _runs(result, actors, at, result.end_minute)
            if later:  # planned after the moment asked about, not forgotten
                return _cause("explain.not_yet", next=_when(result, later[0].minute), **values)
            return _cause("explain.never_run", **values)
        return _cause("explain.not_run", last=last, **values)
    missing = _missing_end(result, category, index, downstream, at)
    if missing is not None:
        end, end_index = missing
        return _cause(
            "explain.ends_missing",
            system=t(f"system.{downstream.value}"),
            ends=result.truth.table(end).labels[end_index],
        )
    history = result.histories[downstream][category]
    for i in range(history.index_at(at) + 1, len(history.minutes)):
        if history.states[i][index]:
            when = result.instant(round(history.minutes[i])).strftime("%d/%m %H:%M")
            return _cause("explain.on_its_way", step=names, when=when)
    return _cause("explain.not_passed", step=names)


def _reasons(result: SimulationResult, explanation: Explanation) -> list[str]:
    """Why the fact is not further than it is at ``at``."""
    stations, at = explanation.stations, explanation.at
    for station in reversed(stations):
        if station.present and station.store in result.departed:
            kept = _departed_reason(
                result, station.store, explanation.category, explanation.index, at
            )
            if kept is not None:
                return [kept]
    if explanation.stale:
        return [t("explain.stale")]
    if not stations[0].present:
        cause = _not_started(result, explanation.category, explanation.index, stations[0].store, at)
        return [cause.text()]
    for upstream, downstream in itertools.pairwise(stations):
        if downstream.present or not upstream.present:
            continue
        since = upstream.since if upstream.since is not None else 0.0
        cause = cause_between(
            result,
            explanation.category,
            explanation.index,
            upstream.store,
            downstream.store,
            since,
            at,
        )
        return [cause.text()]
    return []


def _until(
    result: SimulationResult, store: Store, category: Category, index: int, at: float
) -> str:
    removal = removed_after(result, store, category, index, at)
    if removal is None:
        return t("explain.kept_past_window")
    minute, actor = removal
    kind = "channel" if actor in Channel.__members__.values() else "operation"
    return t("explain.removed_on", when=_when(result, minute), step=label(kind, actor))


def _until_everywhere(result: SimulationResult, category: Category, index: int, at: float) -> str:
    """When the fact leaves each of the ENT and GAR that hold it at ``at``."""
    return t("summary.list_separator").join(
        t("explain.in_system", system=label("system", store.value))
        + _until(result, store, category, index, at)
        for store in (Store.ENT, Store.GAR)
        if category in result.histories[store] and result.histories[store][category].at(at)[index]
    )


def _departed_reason(
    result: SimulationResult, store: Store, category: Category, index: int, at: float
) -> str | None:
    """Why a departed user's fact is still in ``store`` at ``at`` (None if it is not one)."""
    if not departed_facts(result, store, category, at)[index]:
        return None
    until = _until_everywhere(result, category, index, at)
    user = marked_user(result, store, category, index, at)
    if user is None:  # a class or group whose members all left
        return t("explain.departed_structure", until=until)
    since = marked_since(result, Store.ENT, user, at)  # GAR only copies the ENT's mark
    return t(
        "explain.departed_fact",
        user=result.truth.table(user[0]).labels[user[1]],
        since=t("explain.at_start") if not since else _when(result, since),
        until=until,
    )


@dataclass(frozen=True)
class WrongFacts:
    """Facts of one category wrong in a target at one time, for one same cause."""

    cause: Cause
    count: int
    example: str
    # links stopped for want of an end: the category of that end and how many of them
    end: Category | None = None
    ends: int = 0


def wrong_facts(
    result: SimulationResult, category: Category, target: Store, at: float
) -> list[WrongFacts]:
    """The facts of ``category`` wrong in ``target`` at ``at``, grouped by cause, the
    largest group first. Facts stopped at the same system, for a fact or an end that got
    to the system before it at the same minute, share one cause (worked out on the first)."""
    full = path_of(result, category)
    path = full[: full.index(target) + 1]
    table = result.truth.table(category)
    true = table.true_at(at)
    presence = np.array([result.histories[store][category].at(at) for store in path])
    groups: dict[tuple[object, ...], list[int]] = {}
    departed = departed_facts(result, target, category, at)
    for index in (int(i) for i in np.flatnonzero(departed)):
        removal = removed_after(result, target, category, index, at)
        day = None if removal is None else result.instant(removal[0]).date()
        groups.setdefault(("departed", day), []).append(index)
    stale = np.flatnonzero(presence[-1] & ~true & ~departed)
    if stale.size:
        groups[("stale",)] = [int(i) for i in stale]
    missing = true & ~presence[-1]
    stop = np.argmax(~presence, axis=0)  # the first system on the path that lacks the fact
    ends: dict[tuple[object, ...], set[int]] = {}
    arrivals: dict[tuple[Store, Category], NDArray[np.float64]] = {}

    def arrived(store: Store, of: Category, index: int) -> float:
        if (store, of) not in arrivals:  # one pass over a history serves every fact
            arrivals[store, of] = arrival_minutes(result.histories[store][of], at)
        return float(arrivals[store, of][index])

    for index in (int(i) for i in np.flatnonzero(missing)):
        k = int(stop[index])
        key: tuple[object, ...]
        if k > 0:
            key = ("between", k, arrived(path[k - 1], category, index))
        else:
            end = _missing_end(result, category, index, path[0], at)
            key = ("start", None if end is None else end[0])
            feeder = None if end is None else _feeder(result, end[0], end[1], path[0], at)
            if end is not None and feeder is not None:
                key += (feeder[0], arrived(feeder[0], end[0], end[1]))
            if end is not None:
                ends.setdefault(key, set()).add(end[1])
        groups.setdefault(key, []).append(index)
    found: list[WrongFacts] = []
    for key, indices in groups.items():
        first = indices[0]
        if key[0] == "stale":
            cause = _cause("explain.stale")
        elif key[0] == "departed":
            until = _until(result, target, category, first, at)
            cause = _cause("explain.departed", system=label("system", target.value), until=until)
        elif key[0] == "start":
            cause = _not_started(result, category, first, path[0], at)
        else:
            k = int(str(key[1]))
            cause = cause_between(
                result, category, first, path[k - 1], path[k], float(str(key[2])), at
            )
        end_category = key[1] if key[0] == "start" and isinstance(key[1], Category) else None
        found.append(
            WrongFacts(
                cause,
                len(indices),
                table.labels[first],
                end=end_category,
                ends=len(ends.get(key, ())),
            )
        )
    found.sort(key=lambda w: -w.count)
    return found


@dataclass
class CategoryStation:
    store: Store
    correct: int
    missing: int
    stale: int
    departed: int = 0


def explain_category(
    result: SimulationResult, category: Category, at: float
) -> list[CategoryStation]:
    """How many facts of ``category`` each system on its path holds right, lacks, or holds
    stale at ``at``."""
    table = result.truth.table(category)
    true = table.true_at(at)
    stations = []
    for store in path_of(result, category):
        present = result.histories[store][category].at(at)
        stations.append(
            CategoryStation(
                store,
                int((present & true).sum()),
                int((true & ~present).sum()),
                int((present & ~true).sum()),
                int(departed_facts(result, store, category, at).sum())
                if store in result.departed
                else 0,
            )
        )
    return stations
