"""From a lycée's exports (read and pseudonymised) to the data file of a scenario.

The truth takes what the files say on the day they were exported: STS-WEB's divisions,
groups and services (what is there, as it is), SIECLE's students in their division and
groups, the legal guardians. What cannot be used is counted and told, never guessed:
students without a division, links to structures STS-WEB does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sim.realfiles import exports as ex
from sim.scenario.donnees import (
    DATA_FORMAT,
    DATA_VERSION,
    DivisionData,
    EstablishmentData,
    GroupData,
    GuardianData,
    Level,
    ServiceData,
    StudentData,
)

# The MEF's third digit tells the year of the cycle (an assumption, unverified on real
# files: 200… 2nde, 201… 1re, 202… Tle); the mapping is written into the data file so that
# a user can correct it.
_YEAR_OF_CYCLE: dict[str, Level] = {"0": "2nde", "1": "1re", "2": "Tle"}


def level_of_mef(mef: str) -> Level:
    return _YEAR_OF_CYCLE.get(mef[2:3], "2nde")


@dataclass
class ImportReport:
    """What was taken and what was left out, by count (no person named)."""

    students: int = 0
    without_division: int = 0
    unknown_division: int = 0
    unknown_groups: int = 0
    inactive: int = 0
    guardians: int = 0
    origins: dict[str, int] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)


def data_of(
    files: ex.SchoolExports, fingerprint: str, day: date
) -> tuple[EstablishmentData, ImportReport]:
    """The data file of ``files`` as they are on ``day``, and what the import left out."""
    report = ImportReport()
    sts = files.sts
    divisions = {d.code: d for d in sts.divisions if d.code != ex.INACTIVE_DIVISION}
    groups = {g.code: g for g in sts.groups}
    students = [s for s in files.eleves.students if s.active_on(day)]
    report.inactive = len(files.eleves.students) - len(students)
    mefs = _division_mefs(divisions, students)
    niveaux = {mef: level_of_mef(mef) for mef in sorted(set(mefs.values()))}
    report.levels = dict(niveaux)
    division_data = [DivisionData(code=code, mef=mefs.get(code)) for code in divisions]
    group_data = [
        GroupData(code=code, divisions=[d for d in dict.fromkeys(g.divisions) if d in divisions])
        for code, g in groups.items()
    ]
    teachers = [p.ident for p in sts.teachers if p.function in ("", ex.TEACHING_FUNCTION)]
    services: dict[tuple[str, str, str, str], ServiceData] = {}
    for kind, structures in (("division", divisions), ("groupe", groups)):
        for code, structure in structures.items():
            for service in structure.services:
                subject = sts.subjects.get(service.subject) or service.subject
                for teacher in service.teachers:
                    if teacher not in teachers:
                        teachers.append(teacher)
                    services.setdefault(
                        (teacher, kind, code, subject),
                        ServiceData(enseignant=teacher, matiere=subject, **{kind: code}),
                    )
    student_data = []
    for student in students:
        if not student.divisions:
            report.without_division += 1
            continue
        division = student.divisions[0]
        if division not in divisions:
            report.unknown_division += 1
            continue
        known = [g for g in dict.fromkeys(student.groups) if g in groups]
        report.unknown_groups += len(set(student.groups)) - len(known)
        origin = _origin(student, files.sts.uai, niveaux.get(mefs.get(division, ""), "2nde"))
        report.origins[origin] = report.origins.get(origin, 0) + 1
        student_data.append(
            StudentData(id=student.ident, division=division, groupes=known, origine=origin)
        )
    report.students = len(student_data)
    guardian_data = _guardians(files.responsables, {s.id for s in student_data})
    report.guardians = len(guardian_data)
    data = EstablishmentData(
        format=DATA_FORMAT,
        version=DATA_VERSION,
        uai=sts.uai,
        annee=sts.year,
        empreinte_cle=fingerprint,
        niveaux=niveaux,
        divisions=division_data,
        groupes=group_data,
        enseignants=teachers,
        services=list(services.values()),
        eleves=student_data,
        responsables=guardian_data,
    )
    return data, report


def _division_mefs(
    divisions: dict[str, ex.Structure], students: list[ex.Student]
) -> dict[str, str]:
    """Each division's MEF: STS-WEB's first, else the most common among its students."""
    counts: dict[str, dict[str, int]] = {}
    for student in students:
        if student.divisions and student.mef:
            by_mef = counts.setdefault(student.divisions[0], {})
            by_mef[student.mef] = by_mef.get(student.mef, 0) + 1
    found = {}
    for code, division in divisions.items():
        if division.mefs:
            found[code] = division.mefs[0]
        elif counts.get(code):
            found[code] = max(sorted(counts[code]), key=lambda m: counts[code][m])
    return found


def _origin(student: ex.Student, uai: str, level: Level) -> str:
    """How the student came (SCOLARITE_AN_DERNIER): returning from this lycée, from a
    collège by affectation (2nde) or another lycée by transfer, or external (none)."""
    if student.previous_uai is None:
        return "external"
    if student.previous_uai == uai:
        return "returning"
    return "affectation" if level == "2nde" else "transfer"


def _guardians(
    responsables: ex.ResponsablesExport | None, students: set[str]
) -> list[GuardianData]:
    """The legal guardians (RESP_LEGAL 1 or 2) of the imported students."""
    if responsables is None:
        return []
    children: dict[str, list[str]] = {}
    for link in responsables.links:
        if link.legal in ex.LEGAL_GUARDIAN and link.student in students:
            listed = children.setdefault(link.guardian, [])
            if link.student not in listed:
                listed.append(link.student)
    return [GuardianData(id=guardian, eleves=kids[:20]) for guardian, kids in children.items()]
