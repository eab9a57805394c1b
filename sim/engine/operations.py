"""Effects of the manual operations of the seed, each applying the rules of domain.md §3."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np

from sim.calendar import Clock
from sim.domain import Category, Operation, Origin, Store
from sim.engine.model import RANK_STEP, ChainModel
from sim.scenario.model import (
    BasculeSpec,
    ExportSiecleEdtSpec,
    ExportStructureSpec,
    OperationSpec,
    VerificationSpec,
)
from sim.truth.facts import BoolArray

Effect = Callable[[ChainModel, OperationSpec, float, int], None]
# what a memoised step computes: the states it writes by category, its counts by rule code
Outcome = dict[Any, Any]
# the start of a day, as a nightly export sees it: after files put in at midnight (a
# forecast's observation, RANK_STEP / 2), before every actor of the day
SNAPSHOT_OFFSET = RANK_STEP * 3 / 4


def _by_structure(
    model: ChainModel, services: BoolArray, structure: Category, chosen: BoolArray
) -> BoolArray:
    """Services (among ``services``) attached to one of the ``chosen`` structures."""
    result: BoolArray = services & model.truth.table(Category.SERVICES).end_present(
        structure, chosen
    )
    return result


def bascule_sts(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    assert isinstance(spec, BasculeSpec)
    teachers = model.true_now(Category.TEACHERS)
    found = model.computed(
        "bascule_sts",
        _bascule,
        (teachers,),
        (spec.carry_structure, spec.carry_groups),
    )
    if spec.carry_groups:
        model.apply_rule(
            Operation.BASCULE_STS,
            "carried_groups",
            store=Store.STS,
            category=Category.GROUPS,
            count=found["carried"],
            cause=cause,
        )
    model.stores[Store.STS].update({c: found[c] for c in _BASCULE_WRITES}, cause)


_BASCULE_WRITES = (Category.TEACHERS, Category.DIVISIONS, Category.GROUPS, Category.SERVICES)


def _bascule(
    model: ChainModel, teachers: BoolArray, carry_structure: bool, carry_groups: bool
) -> Outcome:
    t = model.truth
    divisions = t.empty(Category.DIVISIONS)
    services = t.empty(Category.SERVICES)
    groups = t.empty(Category.GROUPS)
    if carry_structure:
        divisions = (t.at_start(Category.DIVISIONS) & ~t.division_is_new) | t.division_is_obsolete
        services = _by_structure(model, t.service_is_carried, Category.DIVISIONS, divisions)
    if carry_groups:
        groups = t.group_is_carried.copy()
        services |= _by_structure(model, t.service_is_carried, Category.GROUPS, groups)
    return {
        Category.TEACHERS: teachers,
        Category.DIVISIONS: divisions,
        Category.GROUPS: groups,
        Category.SERVICES: services,
        "carried": int(groups.sum()),
    }


def nothing_moved(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Nomenclature steps move no directory fact: they open the way to later operations."""


def profilage(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """SIECLE's new year: last year's leavers leave the base."""
    siecle = model.stores[Store.SIECLE]
    siecle.set(Category.STUDENTS, siecle[Category.STUDENTS] & ~model.truth.student_is_leaver, cause)
    model.refresh_siecle(cause)


def verification_divisions(
    model: ChainModel, spec: OperationSpec, share: float, cause: int
) -> None:
    assert isinstance(spec, VerificationSpec)
    sts = model.stores[Store.STS]
    found = model.computed(
        "verification_divisions",
        _verification,
        (
            sts[Category.DIVISIONS],
            sts[Category.GROUPS],
            sts[Category.SERVICES],
            model.true_now(Category.DIVISIONS),
        ),
        (share, spec.delete_carried_groups),
    )
    sts.update(found, cause)


def _verification(
    model: ChainModel,
    current: BoolArray,
    groups: BoolArray,
    services: BoolArray,
    wanted: BoolArray,
    share: float,
    delete_carried_groups: bool,
) -> dict[Category, BoolArray]:
    actions = model.take_share(Category.DIVISIONS, current ^ wanted, share)
    divisions = current ^ actions
    removed = current & ~divisions
    services = services & ~_by_structure(model, services, Category.DIVISIONS, removed)
    if delete_carried_groups:
        carried = groups & model.truth.group_is_carried
        services &= ~_by_structure(model, services, Category.GROUPS, carried)
        groups = groups & ~carried
    return {Category.DIVISIONS: divisions, Category.GROUPS: groups, Category.SERVICES: services}


def export_structure_siecle(
    model: ChainModel, spec: OperationSpec, share: float, cause: int
) -> None:
    assert isinstance(spec, ExportStructureSpec)
    sts = model.stores[Store.STS]
    structure = sts.snapshot((Category.DIVISIONS, Category.GROUPS))

    def land(_: object) -> None:
        model.copy_structure_to_siecle(structure, cause)

    model.env.timeout(spec.delay.total_seconds() / 60).callbacks.append(land)


def _inscribe(origin: Origin) -> Effect:
    def effect(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
        inscribe(
            model,
            origin,
            model.true_now(Category.STUDENTS),
            share,
            _recreate_share(model),
            cause,
        )

    effect.__doc__ = f"Inscribe the students whose origin is {origin.value}."
    return effect


def _recreate_share(model: ChainModel) -> float:
    return model.scenario.operations.transferts.recreate_share


def inscribe(
    model: ChainModel,
    origin: Origin,
    eligible: BoolArray,
    share: float,
    recreate_share: float,
    cause: int,
) -> None:
    """SIECLE inscriptions; a transferred student recreated gets a duplicate identity (rule 6).
    ``share`` is cumulative, as the scenario format says: [0.85, 0.97, 1.0] means 85 % of
    the origin's students inscribed after the first round, 97 % after the second (the same
    seeded order each time, so each round adds to the one before)."""
    siecle = model.stores[Store.SIECLE]
    found = model.computed(
        "inscribe",
        _inscription,
        (siecle[Category.STUDENTS], eligible),
        (origin, share, recreate_share),
    )
    if origin is Origin.TRANSFER and recreate_share > 0:
        model.apply_rule(
            model.recorder.events[cause].actor,
            "duplicates",
            store=Store.SIECLE,
            category=Category.STUDENTS,
            count=found["recreated"],
            cause=cause,
        )
    siecle.set(Category.STUDENTS, found[Category.STUDENTS], cause)
    model.refresh_siecle(cause)


def _inscription(
    model: ChainModel,
    students: BoolArray,
    eligible: BoolArray,
    origin: Origin,
    share: float,
    recreate_share: float,
) -> Outcome:
    t = model.truth
    has_duplicate = t.student_duplicate >= 0
    duplicate_in = np.zeros_like(students)
    duplicate_in[has_duplicate] = students[t.student_duplicate[has_duplicate]]
    cohort = eligible & t.students_of(origin)
    chosen = model.take_share(Category.STUDENTS, cohort, share) & ~students & ~duplicate_in
    new = students | chosen
    recreated_count = 0
    if origin is Origin.TRANSFER and recreate_share > 0:
        recreated = chosen & (model.priority[Category.STUDENTS] < recreate_share)
        new = new & ~recreated
        new[t.student_duplicate[recreated]] = True
        recreated_count = int(recreated.sum())
    return {Category.STUDENTS: new, "recreated": recreated_count}


def export_sts_edt(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Teachers, divisions and subjects reach the timetable software: they are now matched."""
    sts, edt = model.stores[Store.STS], model.stores[Store.EDT]
    model.know.edt_sts_groups = sts[Category.GROUPS] & model.truth.group_is_carried
    edt.update(
        {Category.TEACHERS: sts[Category.TEACHERS], Category.DIVISIONS: sts[Category.DIVISIONS]},
        cause,
    )
    model.refresh_edt(cause)


def snapshot_night(clock: Clock, now: float) -> tuple[float, float]:
    """The midnight of ``now``'s day, and the instant a "previous night" export shows
    SIECLE as it was."""
    midnight = clock.day_minutes(clock.instant(now).date(), dt.time(0, 0))
    return midnight, midnight + SNAPSHOT_OFFSET


def export_siecle_edt(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Students (and their division) reach the timetable software: SIECLE as it was at the
    start of the day (its XML exports show what was typed in up to the night before), or
    as it is (``snapshot: live``)."""
    assert isinstance(spec, ExportSiecleEdtSpec)
    siecle, edt = model.stores[Store.SIECLE], model.stores[Store.EDT]
    if spec.snapshot == "previous_night":
        midnight, night = snapshot_night(model.clock, model.env.now)
        seen = model.observed_at
        if seen is not None and midnight <= seen < model.env.now:
            # the lycée's files, put in that night (a 02:00 extraction's eve): that is SIECLE
            # as the night left it
            night = max(night, seen + SNAPSHOT_OFFSET)
        present, divisions = (
            siecle.state_at(c, night) for c in (Category.STUDENTS, Category.STUDENT_DIVISION)
        )
    else:
        present, divisions = siecle[Category.STUDENTS], siecle[Category.STUDENT_DIVISION]
    students = model.take_share(Category.STUDENTS, present, share)
    edt.update({Category.STUDENTS: students, Category.STUDENT_DIVISION: divisions}, cause)
    model.refresh_edt(cause)


def construction_edt(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Staff build the timetable: groups, services and student→group links (a share of them)."""
    know = model.know
    found = model.computed(
        "construction_edt",
        _construction,
        (
            know.edt_built_groups,
            know.edt_built_services,
            model.true_now(Category.GROUPS),
            model.true_now(Category.SERVICES),
        ),
        (share,),
    )
    know.edt_built_groups = found[Category.GROUPS]
    know.edt_built_services = found[Category.SERVICES]
    model.refresh_edt(cause)


def _construction(
    model: ChainModel,
    built_groups: BoolArray,
    built_services: BoolArray,
    groups: BoolArray,
    services: BoolArray,
    share: float,
) -> dict[Category, BoolArray]:
    built_groups = built_groups | model.take_share(Category.GROUPS, groups, share)
    table = model.truth.table(Category.SERVICES)
    division_services = services & (table.ends[Category.DIVISIONS] >= 0)
    group_services = _by_structure(model, services, Category.GROUPS, built_groups)
    built_services = (
        built_services
        | group_services
        | model.take_share(Category.SERVICES, division_services, share)
    )
    return {Category.GROUPS: built_groups, Category.SERVICES: built_services}


def import_sts_edt(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Structure and services go up to STS-WEB; only what is matched is sent (rule 3)."""
    sts, edt = model.stores[Store.STS], model.stores[Store.EDT]
    actor = Operation.IMPORT_STS_EDT
    found = model.computed(
        "import_sts_edt",
        _import_sts_edt,
        (
            edt[Category.DIVISIONS],
            edt[Category.SERVICES],
            edt[Category.TEACHERS],
            model.know.edt_built_groups,
            sts[Category.GROUPS],
            sts[Category.SERVICES],
        ),
        (share,),
    )
    for store, category, code in (
        (Store.EDT, Category.GROUPS, "unmatched_groups"),
        (Store.EDT, Category.SERVICES, "unmatched_services"),
        (Store.STS, Category.SERVICES, "services_replaced"),
    ):
        model.apply_rule(
            actor, code, store=store, category=category, count=found[code], cause=cause
        )
    sts.update({c: found[c] for c in (Category.GROUPS, Category.SERVICES)}, cause)


def _import_sts_edt(
    model: ChainModel,
    matched_divisions: BoolArray,
    services: BoolArray,
    teachers: BoolArray,
    built: BoolArray,
    sts_groups: BoolArray,
    current: BoolArray,
    share: float,
) -> Outcome:
    t = model.truth
    groups_ok = built & t.groups_with_all_divisions(matched_divisions)
    sent_groups = model.take_share(Category.GROUPS, groups_ok, share)
    teacher_ok = t.table(Category.SERVICES).end_present(Category.TEACHERS, teachers)
    structure_ok = _by_structure(model, services, Category.DIVISIONS, matched_divisions) | (
        _by_structure(model, services, Category.GROUPS, sent_groups)
    )
    sent = services & teacher_ok & structure_ok
    described = _by_structure(model, current, Category.DIVISIONS, matched_divisions) | (
        _by_structure(model, current, Category.GROUPS, sent_groups)
    )
    return {
        "unmatched_groups": int(np.count_nonzero(built & ~groups_ok)),
        "unmatched_services": int(np.count_nonzero(services & ~sent)),
        "services_replaced": int(np.count_nonzero(described & ~sent)),
        Category.GROUPS: sts_groups | sent_groups,
        Category.SERVICES: (current & ~described) | sent,
    }


def export_liens_siecle(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Links go from the timetable software to SIECLE: they replace the links of the file's
    students (rule 1); a link to a group SIECLE does not have is rejected (rule 2); with no
    student in the timetable software there is no link to send (rule 4)."""
    edt, siecle = model.stores[Store.EDT], model.stores[Store.SIECLE]
    pending = model.stores[Store.SIECLE_PENDING]
    actor = Operation.EXPORT_LIENS_SIECLE
    found = model.computed(
        "export_liens_siecle",
        _export_liens,
        (
            edt[Category.STUDENTS],
            edt[Category.STUDENT_GROUP],
            siecle[Category.STUDENTS],
            siecle[Category.GROUPS],
            pending[Category.STUDENT_GROUP],
        ),
        (share,),
    )
    if found["without_students"]:
        model.apply_rule(
            actor,
            "links_without_students",
            store=Store.EDT,
            category=Category.STUDENT_GROUP,
            cause=cause,
        )
        return
    for code in ("links_rejected", "links_replaced"):
        model.apply_rule(
            actor,
            code,
            store=Store.SIECLE,
            category=Category.STUDENT_GROUP,
            count=found[code],
            cause=cause,
        )
    pending.set(Category.STUDENT_GROUP, found[Category.STUDENT_GROUP], cause)


def _export_liens(
    model: ChainModel,
    edt_students: BoolArray,
    edt_links: BoolArray,
    siecle_students: BoolArray,
    siecle_groups: BoolArray,
    before: BoolArray,
    share: float,
) -> Outcome:
    if not edt_students.any():
        return {"without_students": True}
    table = model.truth.table(Category.STUDENT_GROUP)
    students_of_link = table.ends[Category.STUDENTS]
    file_students = edt_students & siecle_students
    links = model.take_share(
        Category.STUDENT_GROUP, edt_links & file_students[students_of_link], share
    )
    accepted = links & siecle_groups[table.ends[Category.GROUPS]]
    in_file = np.zeros_like(file_students)
    in_file[students_of_link[links]] = True
    return {
        "without_students": False,
        "links_rejected": int(np.count_nonzero(links & ~accepted)),
        "links_replaced": int((before & in_file[students_of_link] & ~accepted).sum()),
        Category.STUDENT_GROUP: (before & ~in_file[students_of_link]) | accepted,
    }


def transition_ent(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """The ENT's year change (entcore ``Transition``): every class, group and membership of
    the structure goes; users and their parents' links stay. The next import rebuilds the
    structure from the AAF files (rule 11)."""
    ent = model.stores[Store.ENT]
    found = model.computed("transition_ent", _transition, (ent.snapshot(_EMPTIED),))
    model.apply_rule(
        Operation.TRANSITION_ENT, "transition", store=Store.ENT, count=found["deleted"], cause=cause
    )
    ent.update({c: found[c] for c in _EMPTIED}, cause)
    model.ent_outside_changes += 1


_EMPTIED = (
    Category.DIVISIONS,
    Category.GROUPS,
    Category.STUDENT_DIVISION,
    Category.STUDENT_GROUP,
    Category.SERVICES,
)


def _transition(model: ChainModel, structure: dict[Category, BoolArray]) -> Outcome:
    return {
        "deleted": sum(int(np.count_nonzero(structure[c])) for c in _EMPTIED),
        **{c: model.truth.empty(c) for c in _EMPTIED},
    }


EFFECTS: dict[Operation, Effect] = {
    Operation.BASCULE_STS: bascule_sts,
    Operation.NOMENCLATURES_ACADEMIE: nothing_moved,
    Operation.SELECTION_NOMENCLATURES: nothing_moved,
    Operation.PROFILAGE: profilage,
    Operation.VERIFICATION_DIVISIONS: verification_divisions,
    Operation.EXPORT_STRUCTURE_SIECLE: export_structure_siecle,
    Operation.INSCRIPTION_AFFECTATION: _inscribe(Origin.AFFECTATION),
    Operation.TRANSFERTS: _inscribe(Origin.TRANSFER),
    Operation.CREATION_ELEVES: _inscribe(Origin.EXTERNAL),
    Operation.EXPORT_STS_EDT: export_sts_edt,
    Operation.EXPORT_SIECLE_EDT: export_siecle_edt,
    Operation.CONSTRUCTION_EDT: construction_edt,
    Operation.IMPORT_STS_EDT: import_sts_edt,
    Operation.EXPORT_LIENS_SIECLE: export_liens_siecle,
    Operation.TRANSITION_ENT: transition_ent,
}
