"""When the ENT and GAR will be right, from one day's exports and the rest of a calendar.

The lycée is the one the files describe (imported as ``importer`` would). The findings say
which operations did not happen, or must happen again: those dated before the day of the
diagnosis are taken as not done. Two futures are simulated with the scenario's calendar:
nothing is redone, or they are redone on the next working day (links the day after, once
tonight's STS-WEB → SIECLE copy has run). Everything else follows the scenario: operations
dated before the day as done, the AAF, the ENT and GAR as it has them (no ENT export is read).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sim.analysis.academie import LyceeRun, outcome_of
from sim.analysis.diagnosis import Diagnosis, Rule
from sim.calendar import Clock
from sim.domain import Operation
from sim.engine.simulation import build_truth, simulate
from sim.realfiles.exports import SchoolExports
from sim.realfiles.importer import data_of
from sim.scenario.donnees import EstablishmentData
from sim.scenario.model import OperationSpec, Scenario

# what each finding says about the operations, and after how many working days each can be
# redone (links wait for the night's copy of the new groups to SIECLE)
REDONE: dict[Rule, tuple[tuple[Operation, int], ...]] = {
    Rule.STRUCTURE_MISSING_IN_SIECLE: ((Operation.EXPORT_LIENS_SIECLE, 1),),
    Rule.STUDENT_STRUCTURE_UNKNOWN: ((Operation.EXPORT_LIENS_SIECLE, 1),),
    Rule.SERVICES_NOT_SENT: ((Operation.IMPORT_STS_EDT, 0),),
    Rule.DIVISION_WITHOUT_SERVICE: ((Operation.IMPORT_STS_EDT, 0),),
    Rule.SERVICE_INCOMPLETE: ((Operation.IMPORT_STS_EDT, 0),),
    Rule.LINKS_NOT_EXPORTED: ((Operation.EXPORT_SIECLE_EDT, 0), (Operation.EXPORT_LIENS_SIECLE, 0)),
    Rule.STUDENT_WITHOUT_GROUP: (
        (Operation.EXPORT_SIECLE_EDT, 0),
        (Operation.EXPORT_LIENS_SIECLE, 0),
    ),
    Rule.GROUP_WITHOUT_STUDENT: ((Operation.EXPORT_LIENS_SIECLE, 0),),
}


@dataclass(frozen=True)
class Prediction:
    """The two futures of one day's exports under a scenario's calendar."""

    scenario: Scenario
    redone: tuple[tuple[Operation, dt.datetime], ...]
    as_it_stands: LyceeRun
    with_fixes: LyceeRun | None
    clock: Clock
    day: dt.date = dt.date.min  # the day of the files
    assumed_links: int = 0  # students given a classmate's groups
    links_unknown: bool = False  # no student has a group: the forecast leaves links out
    left_out: int = 0  # students without a division, not in the forecast

    def instant(self, minute: float | None) -> dt.datetime | None:
        return None if minute is None else self.clock.instant(minute)


def operations_to_redo(
    diagnosis: Diagnosis, scenario: Scenario, day: dt.date
) -> tuple[tuple[Operation, dt.datetime], ...]:
    """The operations the findings call for, each at the first time it can be done."""
    staff = scenario.calendar.staff()
    wanted: dict[Operation, int] = {}
    for finding in diagnosis.findings:
        for operation, delay in REDONE.get(finding.rule, ()):
            wanted[operation] = max(wanted.get(operation, 0), delay)
    first = staff.next_working(day)
    assert isinstance(first, dt.date)
    when: list[tuple[Operation, dt.datetime]] = []
    for operation in Operation:  # the seed's order, which is the order of a same day
        if operation in wanted:
            moved = staff.add_working_days(first, wanted[operation])
            assert isinstance(moved, dt.date)
            instant = scenario.calendar.at(moved) + dt.timedelta(minutes=len(when))
            when.append((operation, instant))
    return tuple(when)


def replanned(
    scenario: Scenario,
    operations: tuple[tuple[Operation, dt.datetime], ...],
    day: dt.date,
    redo: bool,
) -> Scenario:
    """``scenario`` where ``operations`` were not done before ``day``, and are done at their
    instant when ``redo``."""
    changed = {}
    for operation, instant in operations:
        spec = scenario.operations.get(operation)
        kept = [
            (d, s)
            for d, s in zip(spec.date, _shares(spec), strict=True)
            if scenario.calendar.at(d) >= dt.datetime.combine(day, dt.time(0, 0))
        ]
        if redo:
            kept.append((instant, 1.0))
        if kept:
            update = {"date": [d for d, _ in kept], "share": [s for _, s in kept], "missing": False}
        else:
            update = {"date": [], "share": 1.0, "missing": True}
        changed[operation.value] = spec.model_copy(update=update)
    return scenario.model_copy(
        update={"operations": scenario.operations.model_copy(update=changed)}
    )


def _shares(spec: OperationSpec) -> list[float]:
    return spec.share if isinstance(spec.share, list) else [spec.share] * len(spec.date)


def predict(
    diagnosis: Diagnosis,
    data: EstablishmentData,
    scenario: Scenario,
    day: dt.date,
    assumed_links: int = 0,
    left_out: int = 0,
) -> Prediction:
    """The ENT and GAR dates for the lycée of ``data`` (its reality: links assumed where
    the files miss them) from ``day`` on, with nothing redone and with what the findings
    call for redone as soon as possible."""
    operations = operations_to_redo(diagnosis, scenario, day)
    truth, clock = build_truth(scenario, data=data)

    def run(redo: bool) -> LyceeRun:
        planned = replanned(scenario, operations, day, redo)
        result = simulate(planned, truth=truth, clock=clock)
        return outcome_of(0, data.uai, scenario.etablissement.name, "", planned, result)

    return Prediction(
        scenario=scenario,
        redone=operations,
        as_it_stands=run(False),
        with_fixes=run(True) if operations else None,
        clock=clock,
        day=day,
        assumed_links=assumed_links,
        links_unknown=diagnosis.of(Rule.LINKS_NOT_EXPORTED) is not None,
        left_out=left_out,
    )


def forecast(
    diagnosis: Diagnosis,
    files: SchoolExports,
    fingerprint: str,
    scenario: Scenario,
    day: dt.date,
) -> Prediction:
    """:func:`predict` for the lycée ``files`` describe on ``day`` (imported with the links
    its classmates have where the files miss them)."""
    data, report = data_of(files, fingerprint, day, assume_links=True)
    left_out = report.without_division + report.unknown_division
    return predict(diagnosis, data, scenario, day, report.assumed_links, left_out)
