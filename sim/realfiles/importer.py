"""From a lycée's exports (read and pseudonymised) to the data file of a scenario.

The truth takes what the files say on the day they were exported: STS-WEB's divisions,
groups and services (what is there, as it is), SIECLE's students in their division and
groups, the legal guardians. What cannot be used is counted and told, never guessed:
students without a division, links to structures STS-WEB does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sim.errors import ImportLimitError
from sim.realfiles import exports as ex
from sim.scenario.donnees import (
    DATA_FORMAT,
    DATA_VERSION,
    LIMITS,
    MAX_CHILDREN,
    MAX_GROUPS_PER_STUDENT,
    DivisionData,
    EstablishmentData,
    GroupData,
    GuardianData,
    Level,
    ObservedData,
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
    # links of ResponsablesAvecAdresses to students ElevesSansAdresses does not list (the two
    # exports made on different days?): ignored
    unknown_students_guardians: int = 0
    empty_divisions: int = 0
    empty_groups: int = 0
    services_left_out: int = 0
    assumed_links: int = 0
    assumed_services: int = 0  # divisions given the services of another of their level
    populated: list[str] = field(default_factory=list)  # groups given students (assumed)
    without_group: int = 0
    origins: dict[str, int] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)


def data_of(
    files: ex.SchoolExports,
    fingerprint: str,
    day: date,
    assume_links: bool = False,
    assume_services: bool = False,
    populate: frozenset[str] = frozenset(),
) -> tuple[EstablishmentData, ImportReport]:
    """The data file of ``files`` as they are on ``day``, and what the import left out.
    With ``assume_links``, a student without a group in a division where others have
    groups gets a classmate's groups (the generator's rule for late arrivals); with
    ``assume_services``, a division with students and no service of its own gets those of
    the first division of its level that has some; the groups of ``populate`` (groups with
    no student whose links wait for an export) get students of their divisions, one group
    per subject and student: the reality the files do not show yet. Raises
    :class:`ImportLimitError` when nothing or too much would be left."""
    report = ImportReport()
    sts = files.sts
    divisions = {d.code: d for d in sts.divisions if d.code != ex.INACTIVE_DIVISION}
    groups = {g.code: g for g in sts.groups}
    students = [s for s in files.eleves.students if s.active_on(day)]
    report.inactive = len(files.eleves.students) - len(students)
    mefs = _division_mefs(divisions, students)
    niveaux = {mef: level_of_mef(mef) for mef in sorted(set(mefs.values()))}
    report.levels = dict(niveaux)
    student_data = _students(
        students, divisions, groups, mefs, niveaux, sts.uai, report, assume_links
    )
    if populate:
        report.populated = _populate(student_data, groups, populate, sts.subjects)
    # only what the chain can deliver: the ENT deletes a class or group with no member, and
    # GAR's teacher × group entries need the group's divisions (rules 7 and 12)
    members = {s.division for s in student_data} | {g for s in student_data for g in s.groupes}
    kept_divisions = [code for code in divisions if code in members]
    report.empty_divisions = len(divisions) - len(kept_divisions)
    kept_groups = {
        code: [d for d in dict.fromkeys(g.divisions) if d in members]
        for code, g in groups.items()
        if code in members
    }
    report.empty_groups = len(groups) - len(kept_groups)
    teachers = [p.ident for p in sts.teachers if p.function in ("", ex.TEACHING_FUNCTION)]
    services = _services(files, divisions, groups, kept_divisions, kept_groups, teachers, report)
    if assume_services:
        level_of = {code: niveaux.get(mefs.get(code, ""), "2nde") for code in kept_divisions}
        services += _assumed_services(services, kept_divisions, level_of, report)
    guardian_data = _guardians(files.responsables, {s.id for s in student_data})
    report.guardians = len(guardian_data)
    if files.responsables is not None:
        listed = {s.ident for s in files.eleves.students}
        report.unknown_students_guardians = sum(
            link.student not in listed for link in files.responsables.links
        )
    used_mefs = {mefs.get(code) for code in kept_divisions}
    _check_limits(
        students=len(student_data),
        divisions=len(kept_divisions),
        groups=len(kept_groups),
        teachers=len(teachers),
        services=len(services),
        guardians=len(guardian_data),
    )
    data = EstablishmentData(
        format=DATA_FORMAT,
        version=DATA_VERSION,
        uai=sts.uai,
        annee=sts.year,
        empreinte_cle=fingerprint,
        niveaux={mef: lv for mef, lv in niveaux.items() if mef in used_mefs},
        divisions=[DivisionData(code=code, mef=mefs.get(code)) for code in kept_divisions],
        groupes=[GroupData(code=code, divisions=ds) for code, ds in kept_groups.items()],
        enseignants=teachers,
        services=services,
        eleves=student_data,
        responsables=guardian_data,
    )
    return data, report


def observed_of(files: ex.SchoolExports, day: date) -> ObservedData:
    """What STS-WEB and SIECLE hold on ``day`` according to ``files`` (the students active
    that day; the subjects by their management code, as in the data file). SIECLE holds
    every structure a student is placed in, even when Structures.xml, exported earlier,
    does not list it yet."""
    sts = files.sts
    services = set()
    for kind, structures in (("division", sts.divisions), ("groupe", sts.groups)):
        for structure in structures:
            for service in structure.services:
                subject = sts.subjects.get(service.subject) or service.subject
                for teacher in service.teachers:
                    services.add((teacher, f"{kind}:{structure.code}", subject))
    students = [s for s in files.eleves.students if s.active_on(day)]
    guardians = None
    if files.responsables is not None:
        guardians = frozenset(
            (link.guardian, link.student)
            for link in files.responsables.links
            if link.legal in ex.LEGAL_GUARDIAN
        )
    return ObservedData(
        sts_teachers=frozenset(p.ident for p in sts.teachers),
        sts_divisions=frozenset(d.code for d in sts.divisions if d.code != ex.INACTIVE_DIVISION),
        sts_groups=frozenset(g.code for g in sts.groups),
        sts_services=frozenset(services),
        # a student's division or group is in SIECLE (rule 2): Structures.xml was older
        siecle_divisions=frozenset(d.code for d in files.structures.divisions)
        | {d for s in students for d in s.divisions},
        siecle_groups=frozenset(g.code for g in files.structures.groups)
        | {g for s in students for g in s.groups},
        siecle_students=frozenset(s.ident for s in students),
        student_divisions=frozenset((s.ident, d) for s in students for d in s.divisions),
        student_groups=frozenset((s.ident, g) for s in students for g in s.groups),
        guardian_links=guardians,
    )


def _students(
    students: list[ex.Student],
    divisions: dict[str, ex.Structure],
    groups: dict[str, ex.Structure],
    mefs: dict[str, str],
    niveaux: dict[str, Level],
    uai: str,
    report: ImportReport,
    assume_links: bool,
) -> list[StudentData]:
    found = []
    classmates = _classmates(students, groups)
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
        if len(known) > MAX_GROUPS_PER_STUDENT:
            raise ImportLimitError("groups_per_student", MAX_GROUPS_PER_STUDENT)
        if not known:
            report.without_group += 1
            mate = classmates.get(division) if assume_links else None
            if mate is not None:
                known = mate
                report.assumed_links += 1
        origin = _origin(student, uai, niveaux.get(mefs.get(division, ""), "2nde"))
        report.origins[origin] = report.origins.get(origin, 0) + 1
        found.append(
            StudentData(id=student.ident, division=division, groupes=known, origine=origin)
        )
    report.students = len(found)
    return found


def _services(
    files: ex.SchoolExports,
    divisions: dict[str, ex.Structure],
    groups: dict[str, ex.Structure],
    kept_divisions: list[str],
    kept_groups: dict[str, list[str]],
    teachers: list[str],
    report: ImportReport,
) -> list[ServiceData]:
    """One service per teacher, structure and subject (modalities merged), of the kept
    structures; a group's services only when it has divisions (rule 12)."""
    services: dict[tuple[str, str, str, str], ServiceData] = {}
    kept = {"division": set(kept_divisions), "groupe": {g for g, ds in kept_groups.items() if ds}}
    for kind, structures in (("division", divisions), ("groupe", groups)):
        for code, structure in structures.items():
            for service in structure.services:
                if code not in kept[kind]:
                    report.services_left_out += 1
                    continue
                subject = files.sts.subjects.get(service.subject) or service.subject
                for teacher in service.teachers:
                    if teacher not in teachers:
                        teachers.append(teacher)
                    services.setdefault(
                        (teacher, kind, code, subject),
                        ServiceData(enseignant=teacher, matiere=subject, **{kind: code}),
                    )
    return list(services.values())


def _assumed_services(
    services: list[ServiceData],
    divisions: list[str],
    level_of: dict[str, Level],
    report: ImportReport,
) -> list[ServiceData]:
    """For each division without a service of its own, the services of the first division
    of its level that has some (its teachers and subjects), as its own."""
    own: dict[str, list[ServiceData]] = {}
    for service in services:
        if service.division is not None:
            own.setdefault(service.division, []).append(service)
    model: dict[Level, list[ServiceData]] = {}
    for code in divisions:
        if code in own:
            model.setdefault(level_of[code], own[code])
    assumed: list[ServiceData] = []
    for code in divisions:
        if code not in own and level_of[code] in model:
            report.assumed_services += 1
            assumed += [
                ServiceData(enseignant=s.enseignant, matiere=s.matiere, division=code)
                for s in model[level_of[code]]
            ]
    return assumed


def _check_limits(**counts: int) -> None:
    for what, count in counts.items():
        if what in ("students", "divisions") and count == 0:
            raise ImportLimitError(what, 0)
        if count > LIMITS[what]:
            raise ImportLimitError(what, LIMITS[what])


def _populate(
    students: list[StudentData],
    groups: dict[str, ex.Structure],
    codes: frozenset[str],
    subjects: dict[str, str],
) -> list[str]:
    """Each student gets, for each subject of the groups of ``codes`` over its division
    that it has no group of yet, one of them in turn (one group per subject and student);
    returns the groups that got students."""

    subject_of = {
        # no subject known: a subject of its own
        code: subjects.get(g.services[0].subject) or g.services[0].subject
        if g.services
        else f"#{code}"
        for code, g in groups.items()
    }
    offered: dict[str, dict[str, list[str]]] = {}  # division -> subject -> groups
    for code, group in groups.items():  # in STS-WEB's order
        if code in codes:
            for division in dict.fromkeys(group.divisions):
                offered.setdefault(division, {}).setdefault(subject_of[code], []).append(code)
    turns: dict[tuple[str, ...], int] = {}
    populated: dict[str, None] = {}
    for student in students:
        had = {subject_of.get(code, f"#{code}") for code in student.groupes}
        for subject, shared in offered.get(student.division, {}).items():
            if subject in had or len(student.groupes) >= MAX_GROUPS_PER_STUDENT:
                continue
            key = tuple(shared)
            turn = turns.get(key, 0)
            turns[key] = turn + 1
            code = shared[turn % len(shared)]
            student.groupes.append(code)
            populated[code] = None
    return list(populated)


def _classmates(
    students: list[ex.Student], groups: dict[str, ex.Structure]
) -> dict[str, list[str]]:
    """For each division, the groups of its first student who has some (known ones)."""
    found: dict[str, list[str]] = {}
    for student in students:
        known = [g for g in dict.fromkeys(student.groups) if g in groups]
        if student.divisions and known:
            found.setdefault(student.divisions[0], known)
    return found


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
    for kids in children.values():
        if len(kids) > MAX_CHILDREN:
            raise ImportLimitError("children", MAX_CHILDREN)
    return [GuardianData(id=guardian, eleves=kids) for guardian, kids in children.items()]
