"""Assemble the chain for one scenario and run it: the engine's public entry point."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import simpy

from sim.calendar import Clock
from sim.chain import build_graph, prerequisites
from sim.domain import PLATFORM_OPERATIONS, Category, Channel, Operation, Origin, Store
from sim.engine.channels import PROCESSES
from sim.engine.model import ChainModel, resolve_rentree
from sim.engine.operations import EFFECTS, inscribe
from sim.results import EventRecord, Histories, History
from sim.scenario.model import Scenario
from sim.truth.facts import IntArray
from sim.truth.generator import generate_truth
from sim.truth.model import Truth

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
    engine_seconds: float

    def instant(self, minute: float) -> dt.datetime:
        return self.clock.instant(minute)


def build_truth(scenario: Scenario, seed: int | None = None) -> tuple[Truth, Clock]:
    clock = Clock.starting(scenario.calendar.start)
    recorded = [
        clock.minutes(scenario.calendar.at(r.date)) + r.recorded_after.total_seconds() / 60
        for r in scenario.reality
    ]
    truth = generate_truth(
        scenario.etablissement,
        scenario.reality,
        clock,
        recorded,
        scenario.seed if seed is None else seed,
    )
    return truth, clock


def observation_minutes(scenario: Scenario, clock: Clock) -> list[float]:
    cal = scenario.calendar
    days = (cal.end - cal.start).days + 1
    return [
        clock.day_minutes(cal.start + dt.timedelta(days=d), cal.observation_time)
        for d in range(days)
    ]


def simulate(
    scenario: Scenario,
    seed: int | None = None,
    truth: Truth | None = None,
    clock: Clock | None = None,
) -> SimulationResult:
    """Run the chain over the scenario's window. Deterministic for a scenario and seed."""
    run_seed = scenario.seed if seed is None else seed
    if truth is None or clock is None:
        truth, clock = build_truth(scenario, run_seed)
    started = time.perf_counter()
    model = ChainModel(scenario, truth, clock, run_seed)
    end_minute = clock.day_minutes(scenario.calendar.end + dt.timedelta(days=1), dt.time(0, 0))
    start_event = model.log("reality", "start", "initial_state")
    model.initial_states(start_event)
    graph = build_graph(scenario)
    for op in Operation:
        spec = scenario.operations.get(op)
        if spec.missing:
            model.log(
                op, "operation", "platform_missing" if op in PLATFORM_OPERATIONS else "missing"
            )
        else:
            model.env.process(_operation(model, op, graph))
    model.env.process(_reality(model))
    for channel in Channel:
        model.env.process(PROCESSES[channel](model))
    model.env.run(until=end_minute)
    elapsed = time.perf_counter() - started
    histories: Histories = {s: model.stores[s].history for s in Store}
    return SimulationResult(
        scenario=scenario,
        seed=run_seed,
        clock=clock,
        rentree=resolve_rentree(scenario),
        truth=truth,
        events=model.recorder.events,
        histories=histories,
        departed={s: marks.history for s, marks in model.departed.items()},
        pending_deletion=model.pending_deletion.history,
        observations=observation_minutes(scenario, clock),
        end_minute=end_minute,
        engine_seconds=elapsed,
    )


def _operation(model: ChainModel, op: Operation, graph: Any) -> Process:
    spec = model.scenario.operations.get(op)
    occurrences = sorted((model.instant_of(d), i) for i, d in enumerate(spec.date))
    for minute, occurrence in occurrences:
        yield model.wait_until(minute, op)
        day = model.clock.instant(minute).date()
        missing_gates = [
            g for g in prerequisites(graph, op, "gate") if Operation(g) not in model.done
        ]
        if missing_gates:
            model.log(op, "operation", "refused", detail=",".join(missing_gates))
            continue
        cause = model.log(op, "operation", "run")
        if not model.staff.works(day) and op not in PLATFORM_OPERATIONS:
            model.log(op, "rule", "non_working_day", detail=day.isoformat(), cause=cause)
        late_order = [
            p for p in prerequisites(graph, op, "order") if Operation(p) not in model.done
        ]
        if late_order:
            model.log(op, "rule", "order_broken", detail=",".join(late_order), cause=cause)
        EFFECTS[op](model, spec, spec.share_at(occurrence), cause)
        model.done.setdefault(op, model.env.now)


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


def _reality(model: ChainModel) -> Process:
    """Staff type each change of reality into SIECLE (people, divisions) or EDT (groups)."""
    truth = model.truth
    for change in sorted(truth.changes, key=lambda c: c.recorded):
        yield model.wait_until(change.recorded, "reality")
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
