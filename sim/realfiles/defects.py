"""Defects planted in synthetic exports, one per diagnosis rule, with the findings they must
give: for the tests (each rule found, with its count) and for training (« trouvez le
défaut »). Codes are the diagnosis rules' JSON codes; the input layer does not import the
analysis."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from sim.realfiles import exports as ex

PLANTED_COUNT = 3
Expected = dict[str, int]
T = TypeVar("T")


def _active_students(files: ex.SchoolExports) -> list[ex.Student]:
    return [s for s in files.eleves.students if s.divisions]


def _spread(items: list[T], shift: int = 0) -> list[T]:
    """:data:`PLANTED_COUNT` items spread over the list (not the first ones: a class, not a
    row); defects planted together take different ones by their ``shift``."""
    step = max(1, len(items) // (PLANTED_COUNT + 1))
    return [items[(step * (k + 1) + shift) % len(items)] for k in range(PLANTED_COUNT)]


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
    return {"structure_absente_siecle": len(codes)}


def _student_structure_unknown(files: ex.SchoolExports) -> Expected:
    """SIECLE's structures exported the day before the groups reached it."""
    codes = set(_spread(_groups_of_students(files)))
    files.structures.groups = [g for g in files.structures.groups if g.code not in codes]
    return {"structure_absente_siecle": len(codes), "structure_eleve_inconnue": len(codes)}


def _services_not_sent(files: ex.SchoolExports) -> Expected:
    for structure in (*files.sts.divisions, *files.sts.groups):
        structure.services = []
    return {"services_non_remontes": len(files.sts.divisions)}


def _division_without_service(files: ex.SchoolExports) -> Expected:
    for division in _spread(files.sts.divisions):
        division.services = []
    return {"division_sans_service": PLANTED_COUNT}


def _service_incomplete(files: ex.SchoolExports) -> Expected:
    """Services of a teacher the timetable software did not match with STS-WEB."""
    services = [s for d in files.sts.divisions for s in d.services]
    step = max(1, len(services) // (PLANTED_COUNT + 1))
    for k in range(PLANTED_COUNT):
        services[step * (k + 1)].teachers = [f"99{k:08d}"]
    return {"service_incomplet": PLANTED_COUNT}


def _student_without_division(files: ex.SchoolExports) -> Expected:
    for student in _spread(_active_students(files), shift=1):
        student.divisions = []
    return {"eleve_sans_division": PLANTED_COUNT}


def _links_not_exported(files: ex.SchoolExports) -> Expected:
    for student in files.eleves.students:
        student.groups = []
    return {"liens_non_exportes": len(_active_students(files))}


def _student_without_group(files: ex.SchoolExports) -> Expected:
    for student in _spread([s for s in _active_students(files) if s.groups], shift=2):
        student.groups = []
    return {"eleve_sans_groupe": PLANTED_COUNT}


def _carried_group(files: ex.SchoolExports) -> Expected:
    """Last year's groups kept at the bascule: no service, no student."""
    for group in _spread(files.sts.groups):
        twin = ex.Structure(f"{group.code}_N-1", divisions=list(group.divisions))
        files.sts.groups.append(twin)
        files.structures.groups.append(copy.deepcopy(twin))
    return {"groupe_reconduit": PLANTED_COUNT}


def _division_without_student(files: ex.SchoolExports) -> Expected:
    """A division closed this year but not deleted in STS-WEB."""
    model = files.sts.divisions[-1]
    division = ex.Structure(f"{model.code[:3]}90", mefs=list(model.mefs))
    files.sts.divisions.append(division)
    files.structures.divisions.append(copy.deepcopy(division))
    return {"division_sans_eleve": 1}


def _group_without_student(files: ex.SchoolExports) -> Expected:
    codes = set(_spread(_groups_of_students(files)))
    for student in files.eleves.students:
        student.groups = [g for g in student.groups if g not in codes]
    return {"groupe_sans_eleve": len(codes)}


def _probable_duplicate(files: ex.SchoolExports) -> Expected:
    """Students created again instead of being transferred: a second record, another id."""
    guardians = files.responsables
    for k, student in enumerate(_spread(_active_students(files), shift=3)):
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
    return {"doublon_probable": PLANTED_COUNT}


def _student_several_divisions(files: ex.SchoolExports) -> Expected:
    codes = [d.code for d in files.sts.divisions]
    for student in _spread(_active_students(files), shift=4):
        other = next(c for c in codes if c not in student.divisions)
        student.divisions.append(other)
    return {"eleve_plusieurs_divisions": PLANTED_COUNT}


def _student_without_guardian(files: ex.SchoolExports) -> Expected:
    assert files.responsables is not None
    chosen = {s.ident for s in _spread(_active_students(files), shift=5)}
    links = files.responsables.links
    files.responsables.links = [link for link in links if link.student not in chosen]
    return {"eleve_sans_responsable": PLANTED_COUNT}


def _guardian_twice(files: ex.SchoolExports) -> Expected:
    assert files.responsables is not None
    by_student: dict[str, list[ex.GuardianLink]] = {}
    for link in files.responsables.links:
        by_student.setdefault(link.student, []).append(link)
    pairs = [links for links in by_student.values() if len(links) == 2]
    step = max(1, len(pairs) // (PLANTED_COUNT + 1))
    for k in range(PLANTED_COUNT):
        pairs[step * (k + 1)][1].legal = pairs[step * (k + 1)][0].legal
    return {"responsable_legal_double": PLANTED_COUNT}


def _left_student_placed(files: ex.SchoolExports) -> Expected:
    exported = files.eleves.export_date
    assert exported is not None
    for student in _spread(_active_students(files), shift=6):
        student.exit = exported
    return {"eleve_sorti_place": PLANTED_COUNT}


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
    "eleve_sorti_place": _left_student_placed,
}


def plant(files: ex.SchoolExports, defect: str) -> tuple[ex.SchoolExports, Expected]:
    """A copy of ``files`` with ``defect`` planted, and the findings (rule code → count)
    that the diagnosis must give for it, and nothing else."""
    planted = copy.deepcopy(files)
    return planted, DEFECTS[defect](planted)
