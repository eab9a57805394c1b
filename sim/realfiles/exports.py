"""The four exports of a lycée as records: what the files say, in their own codes.

One model serves both directions. The fixture writer fills it with fictional people
(:class:`Identity`, raw identifiers); the readers fill it with keyed pseudonyms in place of
identifiers and never with an :class:`Identity`, so what was read holds no name, birth
date, address or national id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

STS_ROOT = "STS_EDT"
ELEVES_ROOT = "BEE_ELEVES"
STRUCTURES_ROOT = "BEE_STRUCTURES"
RESPONSABLES_ROOT = "BEE_RESPONSABLES"

DIVISION_TYPE = "D"
GROUP_TYPE = "G"
# SIECLE's pseudo-division of students who left during the year (Pix skips it too).
INACTIVE_DIVISION = "Inactifs"
TEACHING_FUNCTION = "ENS"
LEGAL_GUARDIAN = ("1", "2")
# last year's school of a student who was elsewhere (which one is not kept once read)
ELSEWHERE = "autre"


@dataclass(frozen=True)
class Identity:
    """A person's civil identity: only ever in fixtures that we invent."""

    family_name: str
    first_name: str
    birth: date


@dataclass
class Service:
    """A teaching service of a division or group: a subject (MATIERE@CODE) and the
    teachers who give it (INDIVIDU@ID, or their pseudonyms once read)."""

    subject: str
    teachers: list[str] = field(default_factory=list)
    modality: str = "CG"


@dataclass
class Structure:
    """A division or a group, as STS-WEB or SIECLE's ``Structures.xml`` lists it."""

    code: str
    mefs: list[str] = field(default_factory=list)
    divisions: list[str] = field(default_factory=list)  # a group's divisions of membership
    services: list[Service] = field(default_factory=list)  # STS-WEB only
    line: int = field(default=0, compare=False)


@dataclass
class Teacher:
    """An INDIVIDU of STS-WEB."""

    ident: str
    function: str = TEACHING_FUNCTION
    identity: Identity | None = None
    line: int = field(default=0, compare=False)


@dataclass
class StsExport:
    """``sts_emp_<UAI>_<année>.xml`` (root ``STS_EDT``)."""

    uai: str
    year: int
    subjects: dict[str, str] = field(default_factory=dict)  # MATIERE@CODE -> CODE_GESTION
    mefs: dict[str, str] = field(default_factory=dict)  # MEF@CODE -> LIBELLE_LONG
    teachers: list[Teacher] = field(default_factory=list)
    divisions: list[Structure] = field(default_factory=list)
    groups: list[Structure] = field(default_factory=list)


@dataclass
class Student:
    """An ELEVE of SIECLE with its structures (STRUCTURES_ELEVE: D and G codes)."""

    ident: str  # ELEVE_ID
    mef: str = ""
    divisions: list[str] = field(default_factory=list)  # normally exactly one
    groups: list[str] = field(default_factory=list)
    # SCOLARITE_AN_DERNIER/CODE_RNE: a UAI when written, this lycée's or ELSEWHERE once read
    previous_uai: str | None = None
    entry: date | None = None
    exit: date | None = None
    national_id: str | None = None  # ID_NATIONAL (INE): written by fixtures, never kept
    identity: Identity | None = None
    line: int = field(default=0, compare=False)

    def active_on(self, day: date) -> bool:
        """A student of the lycée on ``day``: arrived, not left, and not only in SIECLE's
        "Inactifs"."""
        if self.exit is not None and self.exit <= day:
            return False
        if self.entry is not None and self.entry > day:
            return False
        return not (self.divisions and set(self.divisions) == {INACTIVE_DIVISION})


@dataclass
class ElevesExport:
    """``ElevesSansAdresses.xml`` (root ``BEE_ELEVES``). ``duplicates`` lists, once read,
    the students that share a name and birth date or an INE (pseudonyms only);
    ``orphans`` the students whose structures are listed but who are not."""

    uai: str
    year: int
    export_date: date | None = None
    students: list[Student] = field(default_factory=list)
    duplicates: list[list[str]] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # STRUCTURES_ELEVE of no ELEVE


@dataclass
class StructuresExport:
    """``Structures.xml`` (root ``BEE_STRUCTURES``): SIECLE's copy of the structure."""

    uai: str
    year: int
    export_date: date | None = None
    divisions: list[Structure] = field(default_factory=list)
    groups: list[Structure] = field(default_factory=list)


@dataclass
class Guardian:
    """A PERSONNE of ``ResponsablesAvecAdresses.xml``."""

    ident: str  # PERSONNE_ID
    identity: Identity | None = None


@dataclass
class GuardianLink:
    """A student's responsible person; ``legal`` is RESP_LEGAL (1, 2 or 0)."""

    student: str
    guardian: str
    legal: str = "1"
    line: int = field(default=0, compare=False)


@dataclass
class ResponsablesExport:
    """``ResponsablesAvecAdresses.xml`` (root ``BEE_RESPONSABLES``)."""

    uai: str
    year: int
    export_date: date | None = None
    guardians: list[Guardian] = field(default_factory=list)
    links: list[GuardianLink] = field(default_factory=list)


@dataclass
class SchoolExports:
    """The files of one lycée on one day; ``responsables`` is optional."""

    sts: StsExport
    eleves: ElevesExport
    structures: StructuresExport
    responsables: ResponsablesExport | None = None
    members: dict[str, str] = field(default_factory=dict)  # role -> zip member read
