"""Assemble the chain for one scenario and run it: the engine's public entry point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import simpy

from sim.calendar import Clock
from sim.chain import build_graph, prerequisites
from sim.domain import PLATFORM_OPERATIONS, Category, Operation, Origin, Store
from sim.engine.channels import (
    ChannelProcess,
    StsToSiecleContinuous,
    StsToSiecleScheduled,
    channels_of,
)
from sim.engine.memo import Memo
from sim.engine.model import ChainModel
from sim.engine.observation import (
    OBSERVATION_OFFSET,
    ObservedState,
    exported_state,
    observe,
)
from sim.engine.operations import EFFECTS, inscribe
from sim.results import EventRecord, Histories, History
from sim.scenario.donnees import EstablishmentData, read_data
from sim.scenario.model import Scenario, resolve_rentree
from sim.truth.facts import IntArray
from sim.truth.generator import generate_truth
from sim.truth.imported import imported_truth
from sim.truth.model import Truth, TruthChange

Process = Generator[simpy.Event, Any, None]


@dataclass
class SimulationResult:
    """Everything one run produced: flat event log, state histories, and the truth."""

    scenario: Scenario
    seed: int
    clock: Clock
    rentree: dt.date
    truth: Truth
    events: list[EventRecord]
    histories: Histories
    departed: Histories
    pending_deletion: dict[Category, History]
    observations: list[float]
    end_minute: float
    # the memo the run used: its states are interned there, so the analysis can remember
    # what it computed on them for the next run of the same lycée
    memo: Memo | None = None
    # the replay engine's worlds (sim.engine.replay): for the ENT and GAR, the minutes at
    # which what they hold changed and a number for the whole of it then (the first entry
    # holds from the window's start), numbered in the memo's world_generation; the analysis
    # counts each world once
    worlds: dict[Store, tuple[list[float], list[object]]] | None = None
    world_generation: int = 0
    # what the analysis derived from this run: from one history, by the history's id (valid
    # while the run lives: its histories live as long), or by a name. Not an argument: a
    # copy made with dataclasses.replace starts with its own.
    derived: dict[object, Any] = field(init=False, default_factory=dict, repr=False, compare=False)

    def instant(self, minute: float) -> dt.datetime:
        return self.clock.instant(minute)


def build_truth(
    scenario: Scenario,
    seed: int | None = None,
    data: EstablishmentData | None = None,
    assume_groups: bool = False,
    assume_services: bool = False,
) -> tuple[Truth, Clock]:
    """The truth of ``scenario`` (of ``data`` when given: an import not written to a file;
    with ``assume_groups`` or ``assume_services``, the generator's groups or services when
    ``data`` has none)."""
    clock = Clock.starting(scenario.calendar.start)
    recorded = [
        clock.minutes(scenario.calendar.at(r.date)) + r.recorded_after.total_seconds() / 60
        for r in scenario.reality
    ]
    etab, run_seed = scenario.etablissement, scenario.seed if seed is None else seed
    if data is None and etab.donnees is not None:
        data = read_data(Path(etab.donnees))
    if data is not None:
        truth = imported_truth(
            etab, data, scenario.reality, clock, recorded, run_seed, assume_groups, assume_services
        )
    else:
        truth = generate_truth(etab, scenario.reality, clock, recorded, run_seed)
    return truth, clock


def observation_minutes(scenario: Scenario, clock: Clock) -> list[float]:
    cal = scenario.calendar
    return list(_observation_minutes(clock, cal.start, cal.end, cal.observation_time))


@lru_cache(maxsize=64)
def _observation_minutes(
    clock: Clock, start: dt.date, end: dt.date, at: dt.time
) -> tuple[float, ...]:
    days = (end - start).days + 1
    return tuple(clock.day_minutes(start + dt.timedelta(days=d), at) for d in range(days))


def simulate(
    scenario: Scenario,
    seed: int | None = None,
    truth: Truth | None = None,
    clock: Clock | None = None,
    memo: Memo | None = None,
    observed: ObservedState | None = None,
) -> SimulationResult:
    """Run the chain over the scenario's window. Deterministic for a scenario and seed.
    ``memo`` (shared by runs of one lycée) only saves work: the results are the same.
    ``observed``: what a lycée's exports show, put into STS-WEB and SIECLE on their day."""
    chain = Chain.prepare(scenario, seed, truth, clock, simpy.Environment(), memo)
    model = chain.model
    channels = channels_of(model)
    if observed is not None:
        model.env.process(_observation(model, observed, channels))
    for op in chain.operations:
        model.env.process(_operation(chain, op))
    model.env.process(_reality(model))
    for channel in channels:
        model.env.process(channel.process())
    model.env.run(until=chain.end_minute)
    return chain.result()


@dataclass
class Chain:
    """One run being set up or collected: what both engines share around their scheduling."""

    model: ChainModel
    seed: int
    end_minute: float
    operations: list[Operation]

    @classmethod
    def prepare(
        cls,
        scenario: Scenario,
        seed: int | None,
        truth: Truth | None,
        clock: Clock | None,
        env: Any,
        memo: Memo | None = None,
        summary: bool = False,
    ) -> Chain:
        """The model in its initial state, the forgotten operations logged (``summary``:
        see :func:`sim.engine.lazy.simulate_lazy`)."""
        run_seed = scenario.seed if seed is None else seed
        if truth is None or clock is None:
            truth, clock = build_truth(scenario, run_seed)
        if memo is not None and not memo.fits(truth, memo_context(scenario, run_seed)):
            raise ValueError("this memo belongs to another lycée, seed or set of rules")
        model = ChainModel(scenario, truth, clock, run_seed, env, memo, summary)
        end_minute = clock.day_minutes(scenario.calendar.end + dt.timedelta(days=1), dt.time(0, 0))
        start_event = model.log("reality", "start", "initial_state")
        model.initial_states(start_event)
        operations = []
        for op in Operation:
            if scenario.operations.get(op).missing:
                model.log(
                    op, "operation", "platform_missing" if op in PLATFORM_OPERATIONS else "missing"
                )
            else:
                operations.append(op)
        return cls(model, run_seed, end_minute, operations)

    def occurrences(self, op: Operation) -> list[tuple[float, int]]:
        """(minute, index in the scenario) of each occurrence, in time order."""
        model = self.model
        spec = model.scenario.operations.get(op)
        return sorted((model.instant_of(d), i) for i, d in enumerate(spec.date))

    def perform(self, op: Operation, occurrence: int, minute: float) -> None:
        """One occurrence of ``op``, at ``minute`` (the date as written): refused when a gate
        is not done, else run, with its warnings."""
        model = self.model
        spec = model.scenario.operations.get(op)
        day = model.clock.instant(minute).date()
        missing_gates = [g for g in _prerequisites(op, "gate") if g not in model.done]
        if missing_gates:
            model.log(op, "operation", "refused", detail=",".join(missing_gates))
            return
        cause = model.log(op, "operation", "run")
        if not model.staff.works(day) and op not in PLATFORM_OPERATIONS:
            model.log(op, "rule", "non_working_day", detail=day.isoformat(), cause=cause)
        late_order = [p for p in _prerequisites(op, "order") if p not in model.done]
        if late_order:
            model.log(op, "rule", "order_broken", detail=",".join(late_order), cause=cause)
        EFFECTS[op](model, spec, spec.share_at(occurrence), cause)
        model.done.setdefault(op, model.env.now)

    def changes(self) -> list[TruthChange]:
        return sorted(self.model.truth.changes, key=lambda c: c.recorded)

    def result(self) -> SimulationResult:
        model = self.model
        scenario = model.scenario
        histories: Histories = {s: model.stores[s].history for s in Store}
        return SimulationResult(
            scenario=scenario,
            seed=self.seed,
            clock=model.clock,
            rentree=resolve_rentree(scenario),
            truth=model.truth,
            events=model.recorder.events,
            histories=histories,
            departed={s: marks.history for s, marks in model.departed.items()},
            pending_deletion=model.pending_deletion.history,
            observations=observation_minutes(scenario, model.clock),
            end_minute=self.end_minute,
            memo=model.memo if isinstance(model.memo, Memo) else None,
        )


def memo_context(scenario: Scenario, seed: int) -> tuple[object, ...]:
    """What the memoised transitions read besides their inputs and the truth (the seed
    orders the shares): runs of one truth with equal contexts share a :class:`Memo`."""
    return (
        seed,
        scenario.etablissement.ent_groups_from_timetable,
        scenario.channels.import_ent.removal,
    )


def new_memo(
    scenario: Scenario, truth: Truth, seed: int | None = None, verify: bool = False
) -> Memo:
    """A memo for the runs of ``scenario``'s lycée with this truth."""
    context = memo_context(scenario, scenario.seed if seed is None else seed)
    return Memo(truth, context, verify)


@lru_cache(maxsize=64)
def _prerequisites(op: Operation, kind: str) -> tuple[Operation, ...]:
    """Gates and order between operations are the domain's, whatever the scenario."""
    return tuple(Operation(p) for p in prerequisites(build_graph(), op, kind))


def _operation(chain: Chain, op: Operation) -> Process:
    model = chain.model
    for minute, occurrence in chain.occurrences(op):
        yield model.wait_until(minute, op)
        chain.perform(op, occurrence, minute)


# Where staff type each kind of link change: SIECLE for classes and parents, EDT for groups.
_KNOWLEDGE = {
    Category.STUDENT_DIVISION: "siecle_divisions",
    Category.PARENT_STUDENT: "siecle_parents",
    Category.STUDENT_GROUP: "edt_links",
}


def _record(model: ChainModel, category: Category, rows: IntArray, value: bool) -> None:
    attribute = _KNOWLEDGE.get(category)
    if attribute is None:
        return
    known = getattr(model.know, attribute).copy()
    known[rows] = value
    setattr(model.know, attribute, known)


def record_change(model: ChainModel, change: TruthChange) -> None:
    """Staff type one change of reality into SIECLE (people, divisions) or EDT (groups)."""
    truth = model.truth
    cause = model.log("reality", "reality", change.kind, count=change.students_concerned)
    for rows, value in ((change.started, True), (change.ended, False)):
        for category, index in rows.items():
            _record(model, category, index, value)
    if Category.STUDENTS in change.ended:  # a departure: staff remove the student
        for store in (model.stores[Store.SIECLE], model.stores[Store.EDT]):
            students = store[Category.STUDENTS].copy()
            students[change.ended[Category.STUDENTS]] = False
            store.set(Category.STUDENTS, students, cause)
    if Category.STUDENTS in change.started and change.origin is not None:
        if Operation.PROFILAGE not in model.done:
            model.log("reality", "operation", "refused", detail=Operation.PROFILAGE.value)
        else:
            eligible = truth.empty(Category.STUDENTS)
            eligible[change.started[Category.STUDENTS]] = True
            inscribe(
                model,
                Origin(change.origin),
                eligible,
                1.0,
                model.scenario.operations.transferts.recreate_share,
                cause,
            )
    model.refresh_siecle(cause)
    model.refresh_edt(cause)


def _observation(
    model: ChainModel, observed: ObservedState, channels: list[ChannelProcess]
) -> Process:
    yield model.env.timeout(max(0.0, observed.minute + OBSERVATION_OFFSET))
    _put_observed(model, observed, channels, again=False)
    midnight = observed.shown_until + OBSERVATION_OFFSET
    if midnight <= model.env.now:  # a night extraction, or files older than the window
        return
    seen = exported_state(model)
    yield model.env.timeout(midnight - model.env.now)
    if exported_state(model) != seen:
        # typed in that evening after the extraction: the files show it already, and doing
        # it again on top of them would count it twice
        _put_observed(model, observed, channels, again=True)


def _put_observed(
    model: ChainModel, observed: ObservedState, channels: list[ChannelProcess], again: bool
) -> None:
    observe(model, observed, again)
    for channel in channels:
        if isinstance(channel, StsToSiecleContinuous):
            channel.catch_up()
        elif isinstance(channel, StsToSiecleScheduled):
            channel.runner.inputs_seen = None  # its next run copies the whole structure


def _reality(model: ChainModel) -> Process:
    for change in sorted(model.truth.changes, key=lambda c: c.recorded):
        yield model.wait_until(change.recorded, "reality")
        record_change(model, change)
