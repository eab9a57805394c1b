"""What a lycée's exports of one day will make wrong in the ENT or GAR.

Each check is a pure function of the records read from the files (codes and pseudonyms,
never a name) and gives at most one :class:`Finding` per rule: how many structures,
services or students, a few examples, and how serious it is. The texts (effect, what to
do) are the catalogue's, keyed by the rule, and told by the presentation layer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sim.errors import UsageError
from sim.i18n import t
from sim.realfiles import exports as ex

MAX_EXAMPLES = 10
OLD_EXPORT_DAYS = 7


class Severity(StrEnum):
    BLOCKING = "bloquant"  # facts will be wrong in the ENT or GAR
    WARNING = "attention"  # probably wrong
    INFO = "info"


class Rule(StrEnum):
    """The diagnosis's rules; their value is the stable code of the JSON output."""

    # first: when it holds, what the other rules find is about part of the lycée only
    STUDENTS_EXPORT_INCOMPLETE = "export_eleves_incomplet"
    STRUCTURE_MISSING_IN_SIECLE = "structure_absente_siecle"
    STUDENT_STRUCTURE_UNKNOWN = "structure_eleve_inconnue"
    SERVICES_NOT_SENT = "services_non_remontes"
    DIVISION_WITHOUT_SERVICE = "division_sans_service"
    SERVICE_INCOMPLETE = "service_incomplet"
    STUDENT_WITHOUT_DIVISION = "eleve_sans_division"
    LINKS_NOT_EXPORTED = "liens_non_exportes"
    NO_GROUP = "aucun_groupe"
    STUDENT_WITHOUT_GROUP = "eleve_sans_groupe"
    CARRIED_GROUP = "groupe_reconduit"
    DIVISION_WITHOUT_STUDENT = "division_sans_eleve"
    GROUP_WITHOUT_STUDENT = "groupe_sans_eleve"
    PROBABLE_DUPLICATE = "doublon_probable"
    STUDENT_SEVERAL_DIVISIONS = "eleve_plusieurs_divisions"
    STUDENT_WITHOUT_GUARDIAN = "eleve_sans_responsable"
    GUARDIAN_TWICE = "responsable_legal_double"
    LEFT_STUDENT_PLACED = "eleve_sorti_place"
    ORPHAN_STRUCTURES = "structures_sans_eleve_connu"
    GUARDIAN_OF_UNKNOWN_STUDENT = "responsable_eleve_inconnu"
    OLD_EXPORT = "export_ancien"
    EXPORTS_OF_DIFFERENT_DAYS = "exports_jours_differents"


SEVERITY = {
    Rule.STRUCTURE_MISSING_IN_SIECLE: Severity.BLOCKING,
    Rule.STUDENT_STRUCTURE_UNKNOWN: Severity.BLOCKING,
    Rule.SERVICES_NOT_SENT: Severity.BLOCKING,
    Rule.DIVISION_WITHOUT_SERVICE: Severity.BLOCKING,
    Rule.SERVICE_INCOMPLETE: Severity.BLOCKING,
    Rule.STUDENT_WITHOUT_DIVISION: Severity.BLOCKING,
    Rule.LINKS_NOT_EXPORTED: Severity.BLOCKING,
    Rule.STUDENT_WITHOUT_GROUP: Severity.BLOCKING,
    Rule.CARRIED_GROUP: Severity.WARNING,
    Rule.DIVISION_WITHOUT_STUDENT: Severity.WARNING,
    Rule.GROUP_WITHOUT_STUDENT: Severity.WARNING,
    Rule.PROBABLE_DUPLICATE: Severity.WARNING,
    Rule.STUDENT_SEVERAL_DIVISIONS: Severity.WARNING,
    Rule.STUDENT_WITHOUT_GUARDIAN: Severity.WARNING,
    Rule.GUARDIAN_TWICE: Severity.WARNING,
    Rule.EXPORTS_OF_DIFFERENT_DAYS: Severity.WARNING,
    # a lycée may have no group at all (a small vocational one): to check, not blocking
    Rule.NO_GROUP: Severity.WARNING,
    Rule.LEFT_STUDENT_PLACED: Severity.INFO,
    Rule.ORPHAN_STRUCTURES: Severity.INFO,
    Rule.GUARDIAN_OF_UNKNOWN_STUDENT: Severity.INFO,
    # most placed students missing from the list: nothing else the files say can be trusted
    Rule.STUDENTS_EXPORT_INCOMPLETE: Severity.BLOCKING,
    Rule.OLD_EXPORT: Severity.INFO,
}


@dataclass(frozen=True)
class Finding:
    """``count`` items break ``rule``; ``examples`` names up to ten of the ``named`` ones
    (codes, pseudonyms); ``values`` says more (how many divisions, students...)."""

    rule: Rule
    count: int
    examples: tuple[str, ...]
    values: dict[str, object] = field(default_factory=dict)
    named: int = 0

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.rule]


@dataclass(frozen=True)
class Diagnosis:
    """The findings of one day's exports, the most serious first."""

    uai: str
    year: int
    on: date
    findings: tuple[Finding, ...]
    students: int
    divisions: int
    groups: int
    services: int

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def of(self, rule: Rule) -> Finding | None:
        return next((f for f in self.findings if f.rule is rule), None)


def _finding(
    rule: Rule, items: Iterable[str], count: int | None = None, **values: object
) -> Finding | None:
    """A finding about ``items`` (examples are told once each); ``count`` when the items
    counted are more than the examples' names (two faulty services of one subject)."""
    listed = list(items)
    if not listed:
        return None
    named = list(dict.fromkeys(listed))
    total = len(named) if count is None else count
    return Finding(rule, total, tuple(named[:MAX_EXAMPLES]), values, len(named))


@dataclass
class _Facts:
    """What the checks share, computed once from the records."""

    files: ex.SchoolExports
    on: date
    active: list[ex.Student]
    sts_divisions: dict[str, ex.Structure]
    sts_groups: dict[str, ex.Structure]
    siecle_divisions: set[str]
    siecle_groups: set[str]
    members: Counter[str]
    carried: set[str]
    links_missing: bool

    @property
    def sts(self) -> ex.StsExport:
        return self.files.sts


def _facts(files: ex.SchoolExports, on: date) -> _Facts:
    active = [s for s in files.eleves.students if s.active_on(on)]
    members: Counter[str] = Counter()
    for student in active:
        members.update(set(student.divisions) | set(student.groups))
    facts = _Facts(
        files,
        on,
        active,
        {d.code: d for d in files.sts.divisions},
        {g.code: g for g in files.sts.groups},
        {d.code for d in files.structures.divisions},
        {g.code for g in files.structures.groups},
        members,
        set(),
        False,
    )
    placed = [s for s in active if s.divisions]
    # no student has a group although the lycée has groups: the links were never exported
    has_groups = bool(facts.sts_groups or facts.siecle_groups)
    facts.links_missing = has_groups and bool(placed) and not any(s.groups for s in placed)
    facts.carried = set(_carried_groups(facts))
    return facts


def _carried_groups(facts: _Facts) -> list[str]:
    """Groups that look carried over from last year (nothing in the files says so): every
    division of membership unknown to STS-WEB, or, already copied to SIECLE, no service
    and no student while other groups have both (one not in SIECLE yet is new)."""
    groups = facts.sts.groups
    in_use = any(g.services for g in groups) and any(facts.members[g.code] for g in groups)
    carried = []
    for group in groups:
        lost = bool(group.divisions) and not any(d in facts.sts_divisions for d in group.divisions)
        idle = (
            in_use
            and group.code in facts.siecle_groups
            and not group.services
            and not facts.members[group.code]
        )
        if lost or idle:
            carried.append(group.code)
    return carried


def _missing_in_siecle(facts: _Facts) -> tuple[list[str], list[str]]:
    """STS-WEB's divisions and groups (not carried over) missing from SIECLE."""
    divisions = [
        c
        for c in facts.sts_divisions
        if c not in facts.siecle_divisions and c != ex.INACTIVE_DIVISION
    ]
    groups = [
        c for c in facts.sts_groups if c not in facts.siecle_groups and c not in facts.carried
    ]
    # a structure a student is placed in is in SIECLE (rule 2): Structures.xml is older,
    # which the next rule tells
    return (
        [c for c in divisions if not facts.members[c]],
        [c for c in groups if not facts.members[c]],
    )


def _structure_missing_in_siecle(facts: _Facts) -> Finding | None:
    divisions, groups = _missing_in_siecle(facts)
    return _finding(
        Rule.STRUCTURE_MISSING_IN_SIECLE,
        divisions + groups,
        divisions=len(divisions),
        groups=len(groups),
    )


def _student_structure_unknown(facts: _Facts) -> Finding | None:
    unknown: list[str] = []
    students = 0
    for student in facts.active:
        missing = [
            c
            for c in student.divisions
            if c not in facts.siecle_divisions and c != ex.INACTIVE_DIVISION
        ]
        missing += [c for c in student.groups if c not in facts.siecle_groups]
        if missing:
            students += 1
            unknown.extend(missing)
    return _finding(Rule.STUDENT_STRUCTURE_UNKNOWN, unknown, students=students)


def _services(facts: _Facts) -> list[Finding | None]:
    structures = [*facts.sts.divisions, *facts.sts.groups]
    if not any(s.services for s in structures):
        if not facts.sts.divisions:
            return []
        return [_finding(Rule.SERVICES_NOT_SENT, [d.code for d in facts.sts.divisions])]
    # a group's services give GAR teacher × group entries, never teacher × class ones
    without = [d.code for d in facts.sts.divisions if not d.services and facts.members[d.code]]
    teachers = {teacher.ident for teacher in facts.sts.teachers}
    incomplete: list[str] = []
    for structure in structures:
        for service in structure.services:
            if (
                not service.teachers
                or any(p not in teachers for p in service.teachers)
                or (facts.sts.subjects and service.subject not in facts.sts.subjects)
            ):
                incomplete.append(f"{structure.code} / {service.subject}")
    for group in facts.sts.groups:
        if group.code in facts.carried:
            continue
        for division in group.divisions:
            if division not in facts.sts_divisions:
                incomplete.append(f"{group.code} / {division}")
    return [
        _finding(Rule.DIVISION_WITHOUT_SERVICE, without),
        _finding(Rule.SERVICE_INCOMPLETE, incomplete, count=len(incomplete)),
    ]


def _students(facts: _Facts) -> list[Finding | None]:
    without_division = [s.ident for s in facts.active if not s.divisions]
    several = [s.ident for s in facts.active if len(set(s.divisions)) > 1]
    placed = [s for s in facts.active if s.divisions]
    found = [
        _finding(Rule.STUDENT_WITHOUT_DIVISION, without_division),
        _finding(Rule.STUDENT_SEVERAL_DIVISIONS, several),
    ]
    if facts.links_missing:
        return [*found, _finding(Rule.LINKS_NOT_EXPORTED, [s.ident for s in placed])]
    if not (facts.sts_groups or facts.siecle_groups or any(s.groups for s in placed)):
        # no group anywhere: the timetable's structure has not reached STS-WEB yet (the
        # students' divisions: STS-WEB's may be missing too)
        divisions = [s.divisions[0] for s in placed if s.divisions[0] != ex.INACTIVE_DIVISION]
        return [*found, _finding(Rule.NO_GROUP, divisions, students=len(placed))]
    by_division: dict[str, list[ex.Student]] = defaultdict(list)
    for student in placed:
        by_division[student.divisions[0]].append(student)
    # where most classmates have groups, one without is a late arrival the timetable missed
    without_group = [
        s.ident
        for classmates in by_division.values()
        if 2 * sum(1 for c in classmates if c.groups) > len(classmates)
        for s in classmates
        if not s.groups
    ]
    return [*found, _finding(Rule.STUDENT_WITHOUT_GROUP, without_group)]


def _empty_structures(facts: _Facts) -> list[Finding | None]:
    structures = facts.files.structures
    return [
        _finding(
            Rule.DIVISION_WITHOUT_STUDENT,
            [
                d.code
                for d in structures.divisions
                if not facts.members[d.code] and d.code != ex.INACTIVE_DIVISION
            ],
        ),
        _finding(
            Rule.GROUP_WITHOUT_STUDENT,
            [
                g.code
                for g in structures.groups
                if not facts.members[g.code] and g.code not in facts.carried
            ]
            # with no link exported, every group is empty for that one reason, told once
            if not facts.links_missing
            else [],
        ),
        _finding(Rule.CARRIED_GROUP, sorted(facts.carried, key=list(facts.sts_groups).index)),
    ]


def _orphans(orphans: list[str], active: int) -> Finding | None:
    """Placements of students the list lacks: a few are a slip of the export, as many as
    the students listed (or the list empty) an export that is not the lycée's whole."""
    if orphans and len(orphans) >= max(1, active):
        return _finding(Rule.STUDENTS_EXPORT_INCOMPLETE, orphans, listed=active)
    return _finding(Rule.ORPHAN_STRUCTURES, orphans)


def _people(facts: _Facts) -> list[Finding | None]:
    eleves = facts.files.eleves
    left = [
        s.ident
        for s in eleves.students
        if s.exit is not None
        and s.exit <= facts.on
        and (set(s.divisions) - {ex.INACTIVE_DIVISION} or s.groups)
    ]
    found: list[Finding | None] = [
        _finding(Rule.PROBABLE_DUPLICATE, [" = ".join(group) for group in eleves.duplicates]),
        _finding(Rule.LEFT_STUDENT_PLACED, left),
        _orphans(eleves.orphans, len(facts.active)),
    ]
    responsables = facts.files.responsables
    if responsables is not None:
        legal: dict[str, list[str]] = defaultdict(list)
        for link in responsables.links:
            if link.legal in ex.LEGAL_GUARDIAN:
                legal[link.student].append(link.legal)
        found.append(
            _finding(
                Rule.STUDENT_WITHOUT_GUARDIAN, [s.ident for s in facts.active if not legal[s.ident]]
            )
        )
        found.append(
            _finding(
                Rule.GUARDIAN_TWICE,
                [s for s, ranks in legal.items() if len(ranks) != len(set(ranks))],
            )
        )
        listed = {s.ident for s in eleves.students}
        found.append(
            _finding(
                Rule.GUARDIAN_OF_UNKNOWN_STUDENT,
                [link.student for link in responsables.links if link.student not in listed],
            )
        )
    return found


def _old_export(facts: _Facts) -> Finding | None:
    dates = _export_dates(facts.files)
    if not dates or (facts.on - min(dates)).days <= OLD_EXPORT_DAYS:
        return None
    oldest = min(dates)
    return _finding(Rule.OLD_EXPORT, [oldest.strftime("%d/%m/%Y")], days=(facts.on - oldest).days)


# the SIECLE files as the lycée has them (STS-WEB's carries no export date)
SIECLE_FILES = (
    ("eleves", "ElevesSansAdresses.xml"),
    ("structures", "Structures.xml"),
    ("responsables", "ResponsablesAvecAdresses.xml"),
)


def _exports_of_different_days(facts: _Facts) -> Finding | None:
    """SIECLE files exported on different days: what one compares with another (the
    students' structures with Structures.xml, the guardians with the students) may only
    be the days between them."""
    dated = [
        (name, export.export_date)
        for role, name in SIECLE_FILES
        if (export := getattr(facts.files, role)) is not None and export.export_date is not None
    ]
    days = {day for _, day in dated}
    if len(days) < 2:
        return None
    return _finding(
        Rule.EXPORTS_OF_DIFFERENT_DAYS,
        [f"{name} {day.strftime('%d/%m/%Y')}" for name, day in dated],
        count=len(dated),
        days=(max(days) - min(days)).days,
    )


def _export_dates(files: ex.SchoolExports) -> list[date]:
    """SIECLE's export dates (STS-WEB's file carries none)."""
    return [
        e.export_date
        for e in (files.eleves, files.structures, files.responsables)
        if e is not None and e.export_date is not None
    ]


CHECKS: tuple[Callable[[_Facts], Finding | list[Finding | None] | None], ...] = (
    _structure_missing_in_siecle,
    _student_structure_unknown,
    _services,
    _students,
    _empty_structures,
    _people,
    _old_export,
    _exports_of_different_days,
)


@dataclass(frozen=True)
class AwaitingLinks:
    """Groups whose students' links the files show missing (``groups``), and whether they
    are all of STS-WEB's structures missing from SIECLE (a division cannot be given its
    students: ``divisions_missing``)."""

    groups: frozenset[str]
    missing_in_siecle: frozenset[str]
    divisions_missing: bool


def groups_awaiting_links(files: ex.SchoolExports, on: date) -> AwaitingLinks:
    """The groups whose links wait for an export, where the files show it: every group
    (not carried over) when no student has any, else the groups missing from SIECLE, whose
    links were rejected. Only groups over divisions that have students: an empty group
    SIECLE has may really be empty (its finding asks to check)."""
    facts = _facts(files, on)
    divisions, missing = _missing_in_siecle(facts)
    if facts.links_missing:
        candidates = [g.code for g in facts.sts.groups if g.code not in facts.carried]
    else:
        candidates = missing
    found = frozenset(
        code
        for code in candidates
        if not facts.members[code]
        and any(
            facts.members[d] for d in facts.sts_groups[code].divisions if d != ex.INACTIVE_DIVISION
        )
    )
    return AwaitingLinks(found, frozenset(missing), bool(divisions))


def latest_export_date(files: ex.SchoolExports) -> date | None:
    dates = _export_dates(files)
    return max(dates) if dates else None


def check_school_year(on: date, year: int) -> None:
    """``on`` falls in the school year ``year`` of a lycée's files (May to the next August)."""
    if not date(year, 5, 1) <= on <= date(year + 1, 8, 31):
        raise UsageError(
            t("diagnosis.day_outside_year", on=on.strftime("%d/%m/%Y"), year=year, next=year + 1)
        )


def check_diagnosis_day(files: ex.SchoolExports, on: date) -> None:
    """A diagnosis on ``on``: in the files' school year, and not before their latest export
    (what they show is not known before it)."""
    check_school_year(on, files.sts.year)
    exported = latest_export_date(files)
    if exported is not None and on < exported:
        raise UsageError(
            t(
                "diagnosis.date_before_export",
                on=on.strftime("%d/%m/%Y"),
                exported=exported.strftime("%d/%m/%Y"),
            )
        )


def diagnose(files: ex.SchoolExports, on: date) -> Diagnosis:
    """Every finding of ``files`` as they are on ``on``, the most serious first, then in
    the order of :class:`Rule`."""
    facts = _facts(files, on)
    findings: list[Finding] = []
    for check in CHECKS:
        result = check(facts)
        for finding in result if isinstance(result, list) else [result]:
            if finding is not None:
                findings.append(finding)
    order = list(Rule)
    severities = list(Severity)
    findings.sort(key=lambda f: (severities.index(f.severity), order.index(f.rule)))
    return Diagnosis(
        files.sts.uai,
        files.sts.year,
        on,
        tuple(findings),
        students=len(facts.active),
        divisions=len(files.sts.divisions),
        groups=len(files.sts.groups),
        services=sum(len(s.services) for s in (*files.sts.divisions, *files.sts.groups)),
    )
