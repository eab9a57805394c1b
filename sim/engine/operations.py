"""Effects of the manual operations of the seed, each applying the rules of domain.md §3."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

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
    t = model.truth
    divisions = t.empty(Category.DIVISIONS)
    services = t.empty(Category.SERVICES)
    groups = t.empty(Category.GROUPS)
    if spec.carry_structure:
        divisions = (t.at_start(Category.DIVISIONS) & ~t.division_is_new) | t.division_is_obsolete
        services = _by_structure(model, t.service_is_carried, Category.DIVISIONS, divisions)
    if spec.carry_groups:
        groups = t.group_is_carried.copy()
        services |= _by_structure(model, t.service_is_carried, Category.GROUPS, groups)
        model.apply_rule(
            Operation.BASCULE_STS,
            "carried_groups",
            store=Store.STS,
            category=Category.GROUPS,
            count=int(groups.sum()),
            cause=cause,
        )
    model.stores[Store.STS].update(
        {
            Category.TEACHERS: t.table(Category.TEACHERS).true_at(model.env.now),
            Category.DIVISIONS: divisions,
            Category.GROUPS: groups,
            Category.SERVICES: services,
        },
        cause,
    )


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
    t, sts = model.truth, model.stores[Store.STS]
    current = sts[Category.DIVISIONS]
    wanted = t.table(Category.DIVISIONS).true_at(model.env.now)
    actions = model.take_share(Category.DIVISIONS, current ^ wanted, share)
    divisions = current ^ actions
    removed = current & ~divisions
    services = sts[Category.SERVICES] & ~_by_structure(
        model, sts[Category.SERVICES], Category.DIVISIONS, removed
    )
    groups = sts[Category.GROUPS]
    if spec.delete_carried_groups:
        carried = groups & t.group_is_carried
        services &= ~_by_structure(model, services, Category.GROUPS, carried)
        groups = groups & ~carried
    sts.update(
        {Category.DIVISIONS: divisions, Category.GROUPS: groups, Category.SERVICES: services}, cause
    )


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
            model.truth.table(Category.STUDENTS).true_at(model.env.now),
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
    t, siecle = model.truth, model.stores[Store.SIECLE]
    students = siecle[Category.STUDENTS]
    has_duplicate = t.student_duplicate >= 0
    duplicate_in = np.zeros_like(students)
    duplicate_in[has_duplicate] = students[t.student_duplicate[has_duplicate]]
    cohort = eligible & t.students_of(origin)
    chosen = model.take_share(Category.STUDENTS, cohort, share) & ~students & ~duplicate_in
    new = students | chosen
    if origin is Origin.TRANSFER and recreate_share > 0:
        recreated = chosen & (model.priority[Category.STUDENTS] < recreate_share)
        new = new & ~recreated
        new[t.student_duplicate[recreated]] = True
        model.apply_rule(
            model.recorder.events[cause].actor,
            "duplicates",
            store=Store.SIECLE,
            category=Category.STUDENTS,
            count=int(recreated.sum()),
            cause=cause,
        )
    siecle.set(Category.STUDENTS, new, cause)
    model.refresh_siecle(cause)


def export_sts_edt(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Teachers, divisions and subjects reach the timetable software: they are now matched."""
    sts, edt = model.stores[Store.STS], model.stores[Store.EDT]
    model.know.edt_sts_groups = sts[Category.GROUPS] & model.truth.group_is_carried
    edt.update(
        {Category.TEACHERS: sts[Category.TEACHERS], Category.DIVISIONS: sts[Category.DIVISIONS]},
        cause,
    )
    model.refresh_edt(cause)


def export_siecle_edt(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Students (and their division) reach the timetable software: SIECLE as it was at the
    start of the day (its XML exports show what was typed in up to the night before), or
    as it is (``snapshot: live``)."""
    assert isinstance(spec, ExportSiecleEdtSpec)
    siecle, edt = model.stores[Store.SIECLE], model.stores[Store.EDT]
    if spec.snapshot == "previous_night":
        day = model.clock.instant(model.env.now).date()
        midnight = model.clock.day_minutes(day, dt.time(0, 0))
        night = midnight + SNAPSHOT_OFFSET
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
    t = model.truth
    groups = t.table(Category.GROUPS).true_at(model.env.now)
    built = model.take_share(Category.GROUPS, groups, share)
    model.know.edt_built_groups = model.know.edt_built_groups | built
    services = t.table(Category.SERVICES).true_at(model.env.now)
    division_services = services & (t.table(Category.SERVICES).ends[Category.DIVISIONS] >= 0)
    group_services = _by_structure(model, services, Category.GROUPS, model.know.edt_built_groups)
    model.know.edt_built_services = (
        model.know.edt_built_services
        | group_services
        | (model.take_share(Category.SERVICES, division_services, share))
    )
    model.refresh_edt(cause)


def import_sts_edt(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Structure and services go up to STS-WEB; only what is matched is sent (rule 3)."""
    t, sts, edt = model.truth, model.stores[Store.STS], model.stores[Store.EDT]
    actor = Operation.IMPORT_STS_EDT
    matched_divisions = edt[Category.DIVISIONS]
    built = model.know.edt_built_groups
    groups_ok = built & t.groups_with_all_divisions(matched_divisions)
    sent_groups = model.take_share(Category.GROUPS, groups_ok, share)
    services = edt[Category.SERVICES]
    table = t.table(Category.SERVICES)
    teacher_ok = table.end_present(Category.TEACHERS, edt[Category.TEACHERS])
    structure_ok = _by_structure(model, services, Category.DIVISIONS, matched_divisions) | (
        _by_structure(model, services, Category.GROUPS, sent_groups)
    )
    sent = services & teacher_ok & structure_ok
    unsent_groups = int(np.count_nonzero(built & ~groups_ok))
    unsent_services = int(np.count_nonzero(services & ~sent))
    model.apply_rule(
        actor,
        "unmatched_groups",
        store=Store.EDT,
        category=Category.GROUPS,
        count=unsent_groups,
        cause=cause,
    )
    model.apply_rule(
        actor,
        "unmatched_services",
        store=Store.EDT,
        category=Category.SERVICES,
        count=unsent_services,
        cause=cause,
    )
    current = sts[Category.SERVICES]
    described = _by_structure(model, current, Category.DIVISIONS, matched_divisions) | (
        _by_structure(model, current, Category.GROUPS, sent_groups)
    )
    replaced = int(np.count_nonzero(described & ~sent))
    model.apply_rule(
        actor,
        "services_replaced",
        store=Store.STS,
        category=Category.SERVICES,
        count=replaced,
        cause=cause,
    )
    sts.update(
        {
            Category.GROUPS: sts[Category.GROUPS] | sent_groups,
            Category.SERVICES: (current & ~described) | sent,
        },
        cause,
    )


def export_liens_siecle(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """Links go from the timetable software to SIECLE: they replace the links of the file's
    students (rule 1); a link to a group SIECLE does not have is rejected (rule 2); with no
    student in the timetable software there is no link to send (rule 4)."""
    t = model.truth
    edt, siecle = model.stores[Store.EDT], model.stores[Store.SIECLE]
    pending = model.stores[Store.SIECLE_PENDING]
    actor = Operation.EXPORT_LIENS_SIECLE
    table = t.table(Category.STUDENT_GROUP)
    students_of_link = table.ends[Category.STUDENTS]
    if not edt[Category.STUDENTS].any():
        model.apply_rule(
            actor,
            "links_without_students",
            store=Store.EDT,
            category=Category.STUDENT_GROUP,
            cause=cause,
        )
        return
    file_students = edt[Category.STUDENTS] & siecle[Category.STUDENTS]
    links = model.take_share(
        Category.STUDENT_GROUP, edt[Category.STUDENT_GROUP] & file_students[students_of_link], share
    )
    accepted = links & siecle[Category.GROUPS][table.ends[Category.GROUPS]]
    rejected = int(np.count_nonzero(links & ~accepted))
    model.apply_rule(
        actor,
        "links_rejected",
        store=Store.SIECLE,
        category=Category.STUDENT_GROUP,
        count=rejected,
        cause=cause,
    )
    in_file = np.zeros_like(file_students)
    in_file[students_of_link[links]] = True
    before = pending[Category.STUDENT_GROUP]
    replaced_mask = before & in_file[students_of_link] & ~accepted
    model.apply_rule(
        actor,
        "links_replaced",
        store=Store.SIECLE,
        category=Category.STUDENT_GROUP,
        count=int(replaced_mask.sum()),
        cause=cause,
    )
    pending.set(Category.STUDENT_GROUP, (before & ~in_file[students_of_link]) | accepted, cause)


def transition_ent(model: ChainModel, spec: OperationSpec, share: float, cause: int) -> None:
    """The ENT's year change (entcore ``Transition``): every class, group and membership of
    the structure goes; users and their parents' links stay. The next import rebuilds the
    structure from the AAF files (rule 11)."""
    ent = model.stores[Store.ENT]
    emptied = (
        Category.DIVISIONS,
        Category.GROUPS,
        Category.STUDENT_DIVISION,
        Category.STUDENT_GROUP,
        Category.SERVICES,
    )
    deleted = sum(int(np.count_nonzero(ent[c])) for c in emptied)
    model.apply_rule(
        Operation.TRANSITION_ENT, "transition", store=Store.ENT, count=deleted, cause=cause
    )
    ent.update({c: model.truth.empty(c) for c in emptied}, cause)
    model.ent_outside_changes += 1


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
