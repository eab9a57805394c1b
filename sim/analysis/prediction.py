"""When the ENT and GAR will be right, from one day's exports and the rest of a calendar.

The lycée is the one the files describe (imported as ``importer`` would). The forecast
starts from what the files show: they hold what was typed in up to the day before their
export, so on that evening, just before the extraction to the AAF, STS-WEB and SIECLE take
what the exports hold (less what the import leaves out); the timetable software, the AAF,
the ENT and GAR keep their simulated state until then, since the lycée does not export
them, and the reality changes typed in before the files' day are in them already.
The findings say which operations must happen again. Two futures are simulated with the
scenario's calendar: nothing is redone, or what the findings call for is redone on the next
working day (links once the structure has reached SIECLE).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from sim.analysis.academie import LyceeRun, outcome_of
from sim.analysis.diagnosis import (
    Diagnosis,
    Rule,
    check_diagnosis_day,
    diagnose,
    groups_awaiting_links,
    latest_export_date,
)
from sim.calendar import Clock
from sim.domain import Operation, Store
from sim.engine.observation import ObservedState
from sim.engine.simulation import SimulationResult, build_truth, simulate
from sim.errors import UsageError
from sim.i18n import t
from sim.procedure import PREDECESSORS
from sim.realfiles.exports import SchoolExports
from sim.realfiles.importer import ImportReport, data_of, observed_of
from sim.scenario.donnees import EstablishmentData, ObservedData
from sim.scenario.model import OperationSpec, RealityChange, Scenario, resolve_rentree
from sim.truth.imported import observed_facts
from sim.truth.model import Truth

TYPED_IN_THE_TIMETABLE = frozenset({"group_change"})
# Findings the forecast cannot see (it says so, before its dates): about what the files
# lack (the lycée imported from them lacks it too), or about what the model does not
# simulate (duplicates, guardians, last year's groups, a second division)
UNSEEN = (
    Rule.SERVICES_NOT_SENT,
    Rule.DIVISION_WITHOUT_SERVICE,
    Rule.SERVICE_INCOMPLETE,
    Rule.STRUCTURE_MISSING_IN_SIECLE,
    Rule.GROUP_WITHOUT_STUDENT,
    Rule.DIVISION_WITHOUT_STUDENT,
    Rule.CARRIED_GROUP,
    Rule.PROBABLE_DUPLICATE,
    Rule.STUDENT_SEVERAL_DIVISIONS,
    Rule.STUDENT_WITHOUT_GUARDIAN,
    Rule.GUARDIAN_TWICE,
    Rule.STUDENT_WITHOUT_DIVISION,
)

# what each finding says about the operations, and after how many working days each can be
# redone (links wait for the night's copy of the new groups to SIECLE)
REDONE: dict[Rule, tuple[tuple[Operation, int], ...]] = {
    Rule.STRUCTURE_MISSING_IN_SIECLE: ((Operation.EXPORT_LIENS_SIECLE, 1),),
    Rule.SERVICES_NOT_SENT: ((Operation.IMPORT_STS_EDT, 0),),
    Rule.DIVISION_WITHOUT_SERVICE: ((Operation.IMPORT_STS_EDT, 0),),
    Rule.SERVICE_INCOMPLETE: ((Operation.IMPORT_STS_EDT, 0),),
    Rule.LINKS_NOT_EXPORTED: ((Operation.EXPORT_SIECLE_EDT, 0), (Operation.EXPORT_LIENS_SIECLE, 0)),
    Rule.STUDENT_WITHOUT_GROUP: (
        (Operation.EXPORT_SIECLE_EDT, 0),
        (Operation.EXPORT_LIENS_SIECLE, 0),
    ),
    Rule.GROUP_WITHOUT_STUDENT: ((Operation.EXPORT_LIENS_SIECLE, 0),),
    Rule.NO_GROUP: ((Operation.IMPORT_STS_EDT, 0), (Operation.EXPORT_LIENS_SIECLE, 1)),
}
# findings whose links wait for STS-WEB's new groups to land in SIECLE (rule 2)
WAIT_FOR_THE_COPY = (Rule.STRUCTURE_MISSING_IN_SIECLE, Rule.NO_GROUP)


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
    assumed_services: int = 0  # divisions given the services of another of their level
    links_unknown: bool = False  # no student has a group: the forecast leaves links out
    left_out: int = 0  # students without a division, not in the forecast
    observed_on: dt.date | None = None  # the day of the files
    observed_at: dt.datetime | None = None  # when their state is put into STS-WEB and SIECLE
    unseen: tuple[Rule, ...] = ()  # findings the forecast does not see (told before dates)
    services_unknown: bool = False  # no service in the files: the forecast leaves them out
    assumed_groups: int = 0  # no group in the files: the model's groups, with their links
    populated_groups: int = 0  # groups without students given those of their divisions
    usual_services: int = 0  # no service in the files: divisions given their level's usual

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
    copy_days = 0
    if any(f.rule in WAIT_FOR_THE_COPY for f in diagnosis.findings):
        # the links wait for STS-WEB's copy of the structure to land in SIECLE (rule 2)
        landing = scenario.channels.sts_vers_siecle.delay
        copy_days = max(1, math.ceil(landing / dt.timedelta(days=1)))
        wanted[Operation.EXPORT_LIENS_SIECLE] = max(
            wanted[Operation.EXPORT_LIENS_SIECLE], copy_days
        )
    first = staff.next_working(day)
    assert isinstance(first, dt.date)
    when: list[tuple[Operation, dt.datetime]] = []
    redone: dict[Operation, dt.date] = {}
    for operation in Operation:  # the seed's order, which is the order of a same day
        if operation in wanted:
            moved = staff.add_working_days(first, wanted[operation])
            assert isinstance(moved, dt.date)
            # not before what it needs: a step redone earlier (that day is fine, later in
            # it), or one the calendar still plans (the working day after it)
            for before in PREDECESSORS[operation]:
                if before in redone:
                    moved = max(moved, redone[before])
                    continue
                planned = _next_planned(scenario, before, day)
                if planned is not None and planned >= moved:
                    later = staff.add_working_days(planned, 1)
                    assert isinstance(later, dt.date)
                    moved = later
            upload = redone.get(Operation.IMPORT_STS_EDT)
            if operation is Operation.EXPORT_LIENS_SIECLE and copy_days and upload:
                # the structure sent up again must land in SIECLE first
                landed = staff.add_working_days(upload, copy_days)
                assert isinstance(landed, dt.date)
                moved = max(moved, landed)
            redone[operation] = moved
            instant = scenario.calendar.at(moved) + dt.timedelta(minutes=len(when))
            when.append((operation, instant))
    return tuple(sorted(when, key=lambda item: item[1]))  # a wait may reorder them


def _next_planned(scenario: Scenario, operation: Operation, day: dt.date) -> dt.date | None:
    """The first day from ``day`` on that the calendar does ``operation``, if any."""
    spec = scenario.operations.get(operation)
    if spec.missing:
        return None
    days = [scenario.calendar.at(d).date() for d in spec.date]
    return min((d for d in days if d >= day), default=None)


def replanned(
    scenario: Scenario,
    operations: tuple[tuple[Operation, dt.datetime], ...],
    day: dt.date,
    redo: bool,
    observed: bool = False,
) -> Scenario:
    """``scenario`` where ``operations`` are done at their instant when ``redo``. Without an
    observation of the files, their occurrences before ``day`` are taken as not done; with
    one, the files show what they did (and undoing SIECLE → EDT would empty the timetable
    software of every student, not only of those the findings name)."""
    changed = {}
    for operation, instant in operations:
        spec = scenario.operations.get(operation)
        kept = [
            (d, s)
            for d, s in zip(spec.date, _shares(spec), strict=True)
            if observed or scenario.calendar.at(d) >= dt.datetime.combine(day, dt.time(0, 0))
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


def since_files(scenario: Scenario, observed_on: dt.date) -> Scenario:
    """``scenario`` without the reality changes the files of ``observed_on`` show already:
    those typed into SIECLE before that day (applying them again would move other
    students), and group changes typed into the timetable software when the calendar
    exports the links to SIECLE between them and that day."""
    start = dt.datetime.combine(observed_on, dt.time(0, 0))
    links = scenario.operations.get(Operation.EXPORT_LIENS_SIECLE)
    exports = [] if links.missing else [scenario.calendar.at(d) for d in links.date]

    def shown(change: RealityChange) -> bool:
        typed = scenario.calendar.at(change.date) + change.recorded_after
        if change.kind in TYPED_IN_THE_TIMETABLE:
            return any(typed < export < start for export in exports)
        return typed < start

    return scenario.model_copy(update={"reality": [c for c in scenario.reality if not shown(c)]})


def _shares(spec: OperationSpec) -> list[float]:
    return spec.share if isinstance(spec.share, list) else [spec.share] * len(spec.date)


@dataclass(frozen=True)
class Observed:
    """What the files show of STS-WEB and SIECLE (``shown``), and the day they were
    exported (``on``: the forecast puts it into the stores the evening before)."""

    on: dt.date
    shown: ObservedData


def observation_minute(scenario: Scenario, clock: Clock, on: dt.date) -> float:
    """When the files of ``on`` are put into STS-WEB and SIECLE: they show what was typed in
    up to the day before, so one minute before the last extraction to the AAF ahead of the
    morning of ``on`` (that evening's, or that night's when it runs before the operation
    time): the ENT shows them on that morning, STS-WEB's share one night later (the
    extraction reads STS-WEB one day late), as for anything typed in that day."""
    at = scenario.channels.extraction_aaf.at
    day = on - dt.timedelta(days=1) if at > scenario.calendar.operation_time else on
    return clock.day_minutes(day, at) - 1


def observation_of(files: SchoolExports, day: dt.date) -> Observed:
    """What ``files`` show, on the day of their latest export (``day`` if they tell none)."""
    exported = latest_export_date(files)
    on = exported if exported is not None and exported <= day else day
    return Observed(on, observed_of(files, on))


def predict(
    diagnosis: Diagnosis,
    data: EstablishmentData,
    scenario: Scenario,
    day: dt.date,
    report: ImportReport,
    observed: Observed | None = None,
    missing_covered: bool = False,
) -> Prediction:
    """The ENT and GAR dates for the lycée of ``data`` (its reality: what the files do not
    show yet assumed, as ``report`` counts) from ``day`` on, with nothing redone and with
    what the findings call for redone as soon as possible; from what the files show
    (``observed``) when given."""
    operations = operations_to_redo(diagnosis, scenario, day)
    start = start_of(data, scenario, observed, diagnosis)
    groups = _assumed_groups(start.truth) if assumes_groups(diagnosis) else 0
    usual = len(data.divisions) if assumes_services(diagnosis) and data.enseignants else 0

    def run(redo: bool) -> LyceeRun:
        planned, result = _future(start, operations, day, redo)
        return outcome_of(0, data.uai, scenario.etablissement.name, "", planned, result)

    return Prediction(
        scenario=scenario,
        redone=operations,
        as_it_stands=run(False),
        with_fixes=run(True) if operations else None,
        clock=start.clock,
        day=day,
        assumed_links=report.assumed_links,
        populated_groups=len(report.populated),
        links_unknown=not (groups or any(student.groupes for student in data.eleves)),
        unseen=tuple(
            rule
            for rule in UNSEEN
            if diagnosis.of(rule) is not None and rule not in _seen(report, usual, missing_covered)
        ),
        assumed_services=report.assumed_services,
        services_unknown=not (data.services or usual),
        usual_services=usual,
        assumed_groups=groups,
        left_out=report.without_division + report.unknown_division,
        observed_on=None if observed is None else observed.on,
        observed_at=None if start.state is None else start.clock.instant(start.state.minute),
    )


def simulate_future(
    files: SchoolExports, fingerprint: str, scenario: Scenario, day: dt.date, redo: bool
) -> SimulationResult:
    """The simulation behind one future of :func:`forecast`: with what the findings call for
    redone as soon as possible (``redo``) or nothing redone."""
    data, _, _ = _assumed_data(files, fingerprint, day)
    diagnosis = diagnose(files, day)
    operations = operations_to_redo(diagnosis, scenario, day)
    start = start_of(data, scenario, observation_of(files, day), diagnosis)
    return _future(start, operations, day, redo)[1]


@dataclass(frozen=True)
class Start:
    """What both futures share: the scenario as lived from the files on, the lycée's
    truth, and the files' state with its instant (None without an observation)."""

    scenario: Scenario
    truth: Truth
    clock: Clock
    state: ObservedState | None


def _assumed_data(
    files: SchoolExports, fingerprint: str, day: dt.date
) -> tuple[EstablishmentData, ImportReport, bool]:
    """The lycée ``files`` describe on ``day``, with the reality they do not show yet:
    classmates' groups, their level's services, students of their divisions in the groups
    whose links wait for an export; and whether that covers every structure missing from
    SIECLE (then the forecast sees that finding)."""
    awaiting = groups_awaiting_links(files, day)
    data, report = data_of(
        files,
        fingerprint,
        day,
        assume_links=True,
        assume_services=True,
        populate=awaiting.groups,
    )
    covered = not awaiting.divisions_missing and awaiting.missing_in_siecle <= set(report.populated)
    return data, report, covered


def _seen(report: ImportReport, usual_services: int, missing_covered: bool) -> set[Rule]:
    """The findings the forecast sees thanks to what it assumes."""
    seen = set()
    if usual_services:  # every division given its level's usual services
        seen |= {Rule.SERVICES_NOT_SENT, Rule.DIVISION_WITHOUT_SERVICE}
    if report.assumed_services:  # divisions given their level's services
        seen.add(Rule.DIVISION_WITHOUT_SERVICE)
    if missing_covered:  # every group missing from SIECLE given students
        seen.add(Rule.STRUCTURE_MISSING_IN_SIECLE)
    return seen


def assumes_services(diagnosis: Diagnosis) -> bool:
    """Whether the forecast gives each division its level's usual services: the files have
    none (the timetable software has not sent them up)."""
    return diagnosis.of(Rule.SERVICES_NOT_SENT) is not None


def assumes_groups(diagnosis: Diagnosis) -> bool:
    """Whether the forecast takes the model's groups as the reality: the files have none
    (the timetable's structure has not reached STS-WEB yet)."""
    return diagnosis.of(Rule.NO_GROUP) is not None


def _assumed_groups(truth: Truth) -> int:
    return int(np.count_nonzero(~truth.group_is_carried))


def start_of(
    data: EstablishmentData,
    scenario: Scenario,
    observed: Observed | None,
    diagnosis: Diagnosis | None = None,
) -> Start:
    """The common start of the futures of ``data``'s lycée under ``scenario`` (with the
    model's groups or services where the ``diagnosis`` says the files have none)."""
    assumed = {
        "assume_groups": diagnosis is not None and assumes_groups(diagnosis),
        "assume_services": diagnosis is not None and assumes_services(diagnosis),
    }
    # its pictures and pages name the lycée of the files, and the calendar it follows
    name = t("prediction.scenario_name", uai=data.uai, calendar=scenario.name)
    scenario = scenario.model_copy(update={"name": name})
    if observed is None:
        truth, clock = build_truth(scenario, data=data, **assumed)
        return Start(scenario, truth, clock, None)
    lived = since_files(scenario, observed.on)
    truth, clock = build_truth(lived, data=data, **assumed)
    entities, links = observed_facts(truth, observed.shown)
    state = ObservedState(
        minute=observation_minute(lived, clock, observed.on),
        shown_until=clock.day_minutes(observed.on, dt.time(0, 0)),
        sts=entities[Store.STS],
        siecle=entities[Store.SIECLE],
        siecle_links=links[Store.SIECLE],
    )
    return Start(lived, truth, clock, state)


def _future(
    start: Start,
    operations: tuple[tuple[Operation, dt.datetime], ...],
    day: dt.date,
    redo: bool,
) -> tuple[Scenario, SimulationResult]:
    planned = replanned(start.scenario, operations, day, redo, start.state is not None)
    result = simulate(planned, truth=start.truth, clock=start.clock, observed=start.state)
    return planned, result


def check_same_rentree(
    files: SchoolExports, calendar: Scenario, source: object, option: str
) -> dt.date:
    """The rentrée of ``calendar`` (told as ``source``, given with ``option``), which must
    be in the files' school year."""
    rentree = resolve_rentree(calendar)
    if rentree.year != files.sts.year:
        raise UsageError(
            t(
                "cli.import_year",
                year=files.sts.year,
                model=source,
                rentree=rentree.year,
                option=option,
            )
        )
    return rentree


def check_forecast_day(
    files: SchoolExports, scenario: Scenario, day: dt.date, source: object, option: str
) -> None:
    """A forecast of ``files`` on ``day`` with ``scenario``'s calendar: the same rentrée,
    and ``day`` in the scenario's window (the simulation says nothing outside it)."""
    check_diagnosis_day(files, day)
    check_same_rentree(files, scenario, source, option)
    window = scenario.calendar
    if not window.start <= day <= window.end:
        raise UsageError(
            t(
                "cli.forecast_outside_window",
                day=day.strftime("%d/%m/%Y"),
                scenario=source,
                start=window.start.strftime("%d/%m/%Y"),
                end=window.end.strftime("%d/%m/%Y"),
            )
        )


def forecast(
    diagnosis: Diagnosis,
    files: SchoolExports,
    fingerprint: str,
    scenario: Scenario,
    day: dt.date,
    source: object | None = None,
    option: str = "scenario",
) -> Prediction:
    """:func:`predict` for the lycée ``files`` describe on ``day`` (imported with the links
    its classmates have where the files miss them), from what the files show. ``source``
    and ``option`` name the scenario in the errors (its file, the option that gave it)."""
    check_forecast_day(files, scenario, day, scenario.name if source is None else source, option)
    data, report, covered = _assumed_data(files, fingerprint, day)
    return predict(diagnosis, data, scenario, day, report, observation_of(files, day), covered)
