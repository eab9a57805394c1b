"""Defects planted in synthetic exports, one per diagnosis rule, with the findings they must
give: for the tests (each rule found, with its count) and for training (« trouvez le
défaut »). Codes are the diagnosis rules' JSON codes; the input layer does not import the
analysis."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

from sim.realfiles import exports as ex

PLANTED_COUNT = 3
Expected = dict[str, int]
T = TypeVar("T")


def _expected(rule: str, count: int) -> Expected:
    """What the diagnosis must find for a defect planted ``count`` times (nothing if none
    could be: a defect planted over another may find nothing left to break)."""
    return {rule: count} if count else {}


def _active_students(files: ex.SchoolExports) -> list[ex.Student]:
    return [s for s in files.eleves.students if s.divisions]


def _spread(items: list[T], shift: int = 0) -> list[T]:
    """:data:`PLANTED_COUNT` items spread over the list (not the first ones: a class, not a
    row), fewer when the list is shorter; defects planted together take different ones by
    their ``shift``."""
    if not items:
        return []
    step = max(1, len(items) // (PLANTED_COUNT + 1))
    picked = [items[(step * (k + 1) + shift) % len(items)] for k in range(PLANTED_COUNT)]
    return list({id(item): item for item in picked}.values())


def _groups_of_students(files: ex.SchoolExports) -> list[str]:
    """Group codes that students belong to, in STS-WEB's order."""
    linked = {code for s in files.eleves.students for code in s.groups}
    return [g.code for g in files.sts.groups if g.code in linked]


def _group_missing_in_siecle(files: ex.SchoolExports) -> Expected:
    """Groups created in STS-WEB today: not yet copied to SIECLE, links to them rejected."""
    codes = set(_spread(_groups_of_students(files)))
    files.structures.groups = [g for g in files.structures.groups if g.code not in codes]
    for student in files.eleves.students:
        student.groups = [g for g in student.groups if g not in codes]
    return _expected("structure_absente_siecle", len(codes))


def _student_structure_unknown(files: ex.SchoolExports) -> Expected:
    """SIECLE's structures exported the day before the groups reached it."""
    codes = set(_spread(_groups_of_students(files)))
    files.structures.groups = [g for g in files.structures.groups if g.code not in codes]
    # students are placed in them, so they are in SIECLE: only Structures.xml is late
    return _expected("structure_eleve_inconnue", len(codes))


def _services_not_sent(files: ex.SchoolExports) -> Expected:
    had = any(s.services for s in (*files.sts.divisions, *files.sts.groups))
    for structure in (*files.sts.divisions, *files.sts.groups):
        structure.services = []
    return _expected("services_non_remontes", len(files.sts.divisions) if had else 0)


def _division_without_service(files: ex.SchoolExports) -> Expected:
    chosen = _spread(files.sts.divisions)
    for division in chosen:
        division.services = []
    return _expected("division_sans_service", len(chosen))


def _service_incomplete(files: ex.SchoolExports) -> Expected:
    """Services of a teacher the timetable software did not match with STS-WEB."""
    chosen = _spread([s for d in files.sts.divisions for s in d.services])
    for k, service in enumerate(chosen):
        service.teachers = [f"99{k:08d}"]
    return _expected("service_incomplet", len(chosen))


def _student_without_division(files: ex.SchoolExports) -> Expected:
    chosen = _spread(_active_students(files), shift=1)
    for student in chosen:
        student.divisions = []
    return _expected("eleve_sans_division", len(chosen))


def _links_not_exported(files: ex.SchoolExports) -> Expected:
    had_groups = any(s.groups for s in files.eleves.students)
    for student in files.eleves.students:
        student.groups = []
    return _expected("liens_non_exportes", len(_active_students(files)) if had_groups else 0)


def _student_without_group(files: ex.SchoolExports) -> Expected:
    chosen = _spread([s for s in _active_students(files) if s.groups], shift=2)
    for student in chosen:
        student.groups = []
    return _expected("eleve_sans_groupe", len(chosen))


def _carried_group(files: ex.SchoolExports) -> Expected:
    """Last year's groups kept at the bascule: no service, no student."""
    chosen = _spread(files.sts.groups)
    for group in chosen:
        twin = ex.Structure(f"{group.code}_N-1", divisions=list(group.divisions))
        files.sts.groups.append(twin)
        files.structures.groups.append(copy.deepcopy(twin))
    return _expected("groupe_reconduit", len(chosen))


def _division_without_student(files: ex.SchoolExports) -> Expected:
    """A division closed this year but not deleted in STS-WEB."""
    if not files.sts.divisions:
        return {}
    model = files.sts.divisions[-1]
    division = ex.Structure(f"{model.code[:3]}90", mefs=list(model.mefs))
    files.sts.divisions.append(division)
    files.structures.divisions.append(copy.deepcopy(division))
    return {"division_sans_eleve": 1}


def _group_without_student(files: ex.SchoolExports) -> Expected:
    codes = set(_spread(_groups_of_students(files)))
    for student in files.eleves.students:
        student.groups = [g for g in student.groups if g not in codes]
    return _expected("groupe_sans_eleve", len(codes))


def _probable_duplicate(files: ex.SchoolExports) -> Expected:
    """Students created again instead of being transferred: a second record, another id."""
    guardians = files.responsables
    chosen = _spread(_active_students(files), shift=3)
    for k, student in enumerate(chosen):
        twin = replace(
            student,
            ident=f"98{k:08d}",
            divisions=list(student.divisions),
            groups=list(student.groups),
            national_id=None,
        )
        files.eleves.students.append(twin)
        if guardians is not None:
            guardians.links += [
                replace(link, student=twin.ident)
                for link in guardians.links
                if link.student == student.ident
            ]
    return _expected("doublon_probable", len(chosen))


def _student_several_divisions(files: ex.SchoolExports) -> Expected:
    codes = [d.code for d in files.sts.divisions]
    chosen = [s for s in _spread(_active_students(files), shift=4) if set(codes) - set(s.divisions)]
    for student in chosen:
        student.divisions.append(next(c for c in codes if c not in student.divisions))
    return _expected("eleve_plusieurs_divisions", len(chosen))


def _student_without_guardian(files: ex.SchoolExports) -> Expected:
    assert files.responsables is not None
    chosen = {s.ident for s in _spread(_active_students(files), shift=5)}
    links = files.responsables.links
    files.responsables.links = [link for link in links if link.student not in chosen]
    return _expected("eleve_sans_responsable", len(chosen))


def _guardian_twice(files: ex.SchoolExports) -> Expected:
    assert files.responsables is not None
    by_student: dict[str, list[ex.GuardianLink]] = {}
    for link in files.responsables.links:
        by_student.setdefault(link.student, []).append(link)
    chosen = _spread([links for links in by_student.values() if len(links) == 2])
    for pair in chosen:
        pair[1].legal = pair[0].legal
    return _expected("responsable_legal_double", len(chosen))


def _guardian_of_unknown_student(files: ex.SchoolExports) -> Expected:
    """ResponsablesAvecAdresses exported after students arrived that ElevesSansAdresses,
    exported before, does not list: guardians linked to students the list lacks."""
    assert files.responsables is not None
    guardians = _spread(files.responsables.guardians, shift=7)
    listed = {s.ident for s in files.eleves.students}
    unknown = [f"7{k:09d}" for k in range(1, 100) if f"7{k:09d}" not in listed]
    files.responsables.links += [
        ex.GuardianLink(student, guardian.ident, "1")
        for student, guardian in zip(unknown, guardians, strict=False)
    ]
    return _expected("responsable_eleve_inconnu", len(guardians))


def _left_student_placed(files: ex.SchoolExports) -> Expected:
    exported = files.eleves.export_date
    assert exported is not None
    chosen = _spread(_active_students(files), shift=6)
    for student in chosen:
        student.exit = exported
    return _expected("eleve_sorti_place", len(chosen))


def _no_group(files: ex.SchoolExports) -> Expected:
    """The timetable's structure has not reached STS-WEB yet: no group anywhere (their
    services with them), the divisions and their services as they are."""
    files.sts.groups = []
    files.structures.groups = []
    for student in files.eleves.students:
        student.groups = []
    on = files.eleves.export_date or date.max
    placed = {s.divisions[0] for s in files.eleves.students if s.divisions and s.active_on(on)}
    return _expected("aucun_groupe", len(placed - {ex.INACTIVE_DIVISION}))


def _exports_of_different_days(files: ex.SchoolExports) -> Expected:
    """Structures.xml exported three days before the students' file (nothing else
    differs: only the dates tell)."""
    exported = files.eleves.export_date
    assert exported is not None
    files.structures.export_date = exported - timedelta(days=3)
    dated = [e for e in (files.eleves, files.structures, files.responsables) if e is not None]
    return _expected("exports_jours_differents", len(dated))


DEFECTS: dict[str, Callable[[ex.SchoolExports], Expected]] = {
    "structure_absente_siecle": _group_missing_in_siecle,
    "structure_eleve_inconnue": _student_structure_unknown,
    "services_non_remontes": _services_not_sent,
    "division_sans_service": _division_without_service,
    "service_incomplet": _service_incomplete,
    "eleve_sans_division": _student_without_division,
    "liens_non_exportes": _links_not_exported,
    "eleve_sans_groupe": _student_without_group,
    "groupe_reconduit": _carried_group,
    "division_sans_eleve": _division_without_student,
    "groupe_sans_eleve": _group_without_student,
    "doublon_probable": _probable_duplicate,
    "eleve_plusieurs_divisions": _student_several_divisions,
    "eleve_sans_responsable": _student_without_guardian,
    "responsable_legal_double": _guardian_twice,
    "responsable_eleve_inconnu": _guardian_of_unknown_student,
    "eleve_sorti_place": _left_student_placed,
    "exports_jours_differents": _exports_of_different_days,
    "aucun_groupe": _no_group,
}


def plant(files: ex.SchoolExports, defect: str) -> tuple[ex.SchoolExports, Expected]:
    """A copy of ``files`` with ``defect`` planted, and the findings (rule code → count)
    that the diagnosis must give for it, and nothing else."""
    planted = copy.deepcopy(files)
    return planted, DEFECTS[defect](planted)
