"""Readers of the four exports into the records of :mod:`sim.realfiles.exports`.

Each reader is an :class:`~sim.realfiles.safe.ElementHandler`: it keeps the codes the model
needs, turns every person's identifier into a keyed pseudonym as soon as it is read, and
asks for the text of a name or birth date only where duplicates are looked for (students),
dropping it when the student's element ends. Readers accept more than they need: fields in
any order, unknown elements, and the variants public parsers disagree on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from sim.errors import ImportFileError
from sim.i18n import t
from sim.realfiles import exports as ex
from sim.realfiles.key import Key
from sim.realfiles.pseudo import DuplicateIndex, Pseudonyms
from sim.realfiles.safe import Located, read_export
from sim.scenario.uai import UAI_PATTERN

MAX_PEOPLE = 20_000
MAX_STRUCTURES = 5_000
MAX_CODE = 64
MAX_NOMENCLATURE = 5_000  # subjects or MEFs
MAX_LIST = 200  # MEFs, divisions, services or teachers of one structure or student

T = TypeVar("T")

ROOTS = {
    ex.STS_ROOT: "import.kind_sts",
    ex.ELEVES_ROOT: "import.kind_eleves",
    ex.STRUCTURES_ROOT: "import.kind_structures",
    ex.RESPONSABLES_ROOT: "import.kind_responsables",
    "BEE_NOMENCLATURES": "import.kind_nomenclatures",
}
_YEAR = re.compile(r"^(\d{4})(?:-\d{4})?$")
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# control characters, and the invisible ones that reorder or break a line on screen
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


def _roots() -> dict[str, str]:
    return {root: t(key) for root, key in ROOTS.items()}


def _code(value: str, what: str) -> str:
    """A structure, MEF or subject code: shown to staff as it is, so only its spaces are
    made regular and control characters refused."""
    code = _SPACES.sub(" ", value).strip()
    if not code:
        raise Located(t("import.code_empty", what=what))
    if len(code) > MAX_CODE:
        raise Located(t("import.code_long", what=what, limit=MAX_CODE))
    if _CONTROL.search(code):
        raise Located(t("import.code_control", what=what))
    return code


def _attribute(attributes: Mapping[str, str], name: str) -> str:
    value = attributes.get(name)
    if value is None or not value.strip():
        raise Located(t("import.attribute_missing", name=name))
    return value


def _year(value: str) -> int:
    found = _YEAR.match(value.strip())
    if found is None:  # not shown: a damaged file may hold anything there
        raise Located(t("import.year_invalid"))
    return int(found.group(1))


def _date(value: str, iso: bool = False) -> date | None:
    text = value.strip()
    if not text:
        return None
    found = (_ISO_DATE if iso else _DATE).match(text)
    try:
        if found is None:
            raise ValueError
        if iso:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        return date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
    except ValueError:
        raise Located(
            t("import.date_invalid", format="aaaa-mm-jj" if iso else "jj/mm/aaaa")
        ) from None


def _uai(value: str) -> str:
    """The UAI as the file gives it (seven digits and a letter); the check letter is not
    verified, since the file comes from the national systems and not from typing."""
    if not re.match(UAI_PATTERN, value):  # not shown: a damaged file may hold anything
        raise Located(t("import.uai_invalid"))
    return value.strip().upper()


def _append(items: list[T], item: T) -> None:
    if len(items) >= MAX_LIST:
        raise Located(t("import.too_many_items", limit=MAX_LIST))
    items.append(item)


def _bounded(nomenclature: dict[str, str]) -> None:
    if len(nomenclature) >= MAX_NOMENCLATURE:
        raise Located(t("import.too_many_items", limit=MAX_NOMENCLATURE))


def _here_or_elsewhere(value: str, uai: str | None) -> str:
    code = value.strip().upper()
    return code if code == uai else ex.ELSEWHERE


@dataclass
class _Header:
    uai: str | None = None
    year: int | None = None
    export_date: date | None = None
    # where the UAI and the year were read (a file of another lycée or year is told there)
    uai_line: int | None = None
    year_line: int | None = None


class _Reader:
    """What the four readers share: the header, the person count, the pseudonyms."""

    root = ""
    keep_text: frozenset[tuple[str, ...]] = frozenset()

    def __init__(self, path: Path, key: Key) -> None:
        self.path = path
        self.key = key
        self.header = _Header()
        self.pseudonyms: Pseudonyms | None = None
        self.member: str | None = None

    def pseudonym(self, kind: str, identifier: str) -> str:
        if self.pseudonyms is None:
            raise Located(t("import.uai_after_data"))
        pseudonym = self.pseudonyms.of(kind, identifier, str(self.path))
        if self.pseudonyms.count > MAX_PEOPLE:
            raise Located(t("import.too_many_people", limit=MAX_PEOPLE))
        return pseudonym

    def set_uai(self, value: str) -> None:
        self.header.uai = _uai(value)
        self.pseudonyms = Pseudonyms(self.key, self.header.uai)

    def keeps(self, path: tuple[str, ...]) -> bool:
        return path in self.keep_text

    def read(self) -> None:
        self.member = read_export(self.path, _roots(), self.root, self)

    def start(self, path: tuple[str, ...], attributes: Mapping[str, str], line: int) -> None:
        raise NotImplementedError

    def end(self, path: tuple[str, ...], text: str, line: int) -> None:
        raise NotImplementedError

    def require_header(self, needed: tuple[tuple[object, str], ...]) -> None:
        for value, element in needed:
            if value is None:
                raise ImportFileError(self.path, t("import.element_missing", element=element))


# --- STS-WEB ---------------------------------------------------------------------------

_STS = ex.STS_ROOT
_STS_SUBJECT = (_STS, "NOMENCLATURES", "MATIERES", "MATIERE")
_STS_MEF = (_STS, "NOMENCLATURES", "MEFS", "MEF")
_STS_PERSON = (_STS, "DONNEES", "INDIVIDUS", "INDIVIDU")
_STS_STRUCTURE = (_STS, "DONNEES", "STRUCTURE")
_STS_DIVISION = (*_STS_STRUCTURE, "DIVISIONS", "DIVISION")
_STS_GROUP = (*_STS_STRUCTURE, "GROUPES", "GROUPE")


class StsReader(_Reader):
    root = _STS
    keep_text = frozenset(
        {
            (*_STS_SUBJECT, "CODE_GESTION"),
            (*_STS_MEF, "LIBELLE_LONG"),
            (*_STS_PERSON, "FONCTION"),
        }
        | {
            (*owner, "MEFS_APPARTENANCE", "MEF_APPARTENANCE", "CODE_MEF")
            for owner in (_STS_DIVISION, _STS_GROUP)
        }
        | {
            (*owner, "MEFS_APPARTENANCE", "MEF", "CODE_MEF")
            for owner in (_STS_DIVISION, _STS_GROUP)
        }
    )

    def __init__(self, path: Path, key: Key) -> None:
        super().__init__(path, key)
        self.structure_seen = False
        self.subject: str | None = None
        self.mef: str | None = None
        self.teachers: list[ex.Teacher] = []
        self.divisions: list[ex.Structure] = []
        self.groups: list[ex.Structure] = []
        self.subjects: dict[str, str] = {}
        self.mefs: dict[str, str] = {}
        self.current: ex.Structure | None = None
        self.service: ex.Service | None = None

    def start(self, path: tuple[str, ...], attributes: Mapping[str, str], line: int) -> None:
        depth = len(path)
        if path == (_STS, "PARAMETRES", "UAJ"):
            self.set_uai(_attribute(attributes, "CODE"))
            self.header.uai_line = line
        elif path == (_STS, "PARAMETRES", "ANNEE_SCOLAIRE"):
            self.header.year = _year(_attribute(attributes, "ANNEE"))
            self.header.year_line = line
        elif path == _STS_STRUCTURE:
            self.structure_seen = True
        elif path == _STS_SUBJECT:
            self.subject = _code(_attribute(attributes, "CODE"), "MATIERE")
            _bounded(self.subjects)
            self.subjects.setdefault(self.subject, "")
        elif path == _STS_MEF:
            self.mef = _code(_attribute(attributes, "CODE"), "MEF")
            _bounded(self.mefs)
            self.mefs.setdefault(self.mef, "")
        elif path == _STS_PERSON:
            ident = self.pseudonym("enseignant", _attribute(attributes, "ID"))
            self.teachers.append(ex.Teacher(ident, function="", line=line))
        elif path in (_STS_DIVISION, _STS_GROUP):
            structures = self.divisions if path == _STS_DIVISION else self.groups
            if len(self.divisions) + len(self.groups) >= MAX_STRUCTURES:
                raise Located(t("import.too_many_structures", limit=MAX_STRUCTURES))
            self.current = ex.Structure(_code(_attribute(attributes, "CODE"), path[-1]), line=line)
            structures.append(self.current)
        elif self.current is not None and depth > 5:
            self._inside_structure(path[5:], attributes)

    def _inside_structure(self, tail: tuple[str, ...], attributes: Mapping[str, str]) -> None:
        assert self.current is not None
        if tail == ("MEFS_APPARTENANCE", tail[-1]) and len(tail) == 2 and "CODE" in attributes:
            _append(self.current.mefs, _code(attributes["CODE"], "MEF"))
        elif tail == ("DIVISIONS_APPARTENANCE", "DIVISION_APPARTENANCE"):
            _append(self.current.divisions, _code(_attribute(attributes, "CODE"), "DIVISION"))
        elif tail == ("SERVICES", "SERVICE"):
            self.service = ex.Service(
                _code(_attribute(attributes, "CODE_MATIERE"), "MATIERE"),
                modality=attributes.get("CODE_MOD_COURS", "").strip(),
            )
            _append(self.current.services, self.service)
        elif (
            tail == ("SERVICES", "SERVICE", "ENSEIGNANTS", "ENSEIGNANT")
            and self.service is not None
        ):
            _append(
                self.service.teachers, self.pseudonym("enseignant", _attribute(attributes, "ID"))
            )

    def end(self, path: tuple[str, ...], text: str, line: int) -> None:
        tag = path[-1]
        if path[:-1] == _STS_SUBJECT and tag == "CODE_GESTION" and self.subject is not None:
            self.subjects[self.subject] = _code(text, "CODE_GESTION") if text else ""
        elif path[:-1] == _STS_MEF and tag == "LIBELLE_LONG" and self.mef is not None:
            self.mefs[self.mef] = (
                _SPACES.sub(" ", text)[:MAX_CODE] if not _CONTROL.search(text) else ""
            )
        elif path[:-1] == _STS_PERSON and tag == "FONCTION" and self.teachers:
            self.teachers[-1].function = _code(text, "FONCTION") if text else ""
        elif tag == "CODE_MEF" and self.current is not None and text:
            _append(self.current.mefs, _code(text, "MEF"))
        elif path in (_STS_DIVISION, _STS_GROUP):
            self.current = None
        elif tag == "SERVICE":
            self.service = None

    def export(self) -> ex.StsExport:
        self.read()
        self.require_header(
            (
                (self.header.uai, "PARAMETRES/UAJ@CODE"),
                (self.header.year, "PARAMETRES/ANNEE_SCOLAIRE@ANNEE"),
                (True if self.structure_seen else None, "DONNEES/STRUCTURE"),
            )
        )
        assert self.header.uai is not None and self.header.year is not None
        return ex.StsExport(
            self.header.uai,
            self.header.year,
            subjects=self.subjects,
            mefs=self.mefs,
            teachers=self.teachers,
            divisions=self.divisions,
            groups=self.groups,
        )


# --- SIECLE ----------------------------------------------------------------------------


class _SiecleReader(_Reader):
    """The PARAMETRES every SIECLE export opens with (UAJ and year as text)."""

    def header_end(self, path: tuple[str, ...], text: str, line: int) -> bool:
        if len(path) != 3 or path[1] != "PARAMETRES":
            return False
        if path[2] == "UAJ":
            self.set_uai(text)
            self.header.uai_line = line
        elif path[2] == "ANNEE_SCOLAIRE":
            self.header.year = _year(text)
            self.header.year_line = line
        elif path[2] == "DATE_EXPORT":
            self.header.export_date = _date(text)
        return True

    def header_paths(self) -> frozenset[tuple[str, ...]]:
        return frozenset(
            (self.root, "PARAMETRES", tag) for tag in ("UAJ", "ANNEE_SCOLAIRE", "DATE_EXPORT")
        )

    def checked_header(self) -> tuple[str, int]:
        self.require_header(
            ((self.header.uai, "PARAMETRES/UAJ"), (self.header.year, "PARAMETRES/ANNEE_SCOLAIRE"))
        )
        assert self.header.uai is not None and self.header.year is not None
        return self.header.uai, self.header.year


_EL = ex.ELEVES_ROOT
_EL_STUDENT = (_EL, "DONNEES", "ELEVES", "ELEVE")
_EL_LINKS = (_EL, "DONNEES", "STRUCTURES", "STRUCTURES_ELEVE")
_EL_IDENTITY = ("NOM_DE_FAMILLE", "NOM", "PRENOM", "DATE_NAISS", "ID_NATIONAL")
_EL_KEPT = ("CODE_MEF", "DATE_ENTREE", "DATE_SORTIE")


class ElevesReader(_SiecleReader):
    root = _EL

    def __init__(self, path: Path, key: Key) -> None:
        super().__init__(path, key)
        self.keep_text = (
            self.header_paths()
            | {(*_EL_STUDENT, tag) for tag in (*_EL_IDENTITY, *_EL_KEPT)}
            | {(*_EL_STUDENT, "SCOLARITE_AN_DERNIER", "CODE_RNE")}
            | {(*_EL_LINKS, "STRUCTURE", tag) for tag in ("CODE_STRUCTURE", "TYPE_STRUCTURE")}
        )
        self.students: dict[str, ex.Student] = {}
        self.student: ex.Student | None = None
        self.identity: dict[str, str] = {}
        self.duplicates = DuplicateIndex(key)
        # structures by student, attached at the end: STRUCTURES may come before ELEVES
        self.structures: dict[str, tuple[list[str], list[str]]] = {}
        self.linked: tuple[list[str], list[str]] | None = None
        self.structure: dict[str, str] = {}

    def start(self, path: tuple[str, ...], attributes: Mapping[str, str], line: int) -> None:
        if path == _EL_STUDENT:
            ident = self.pseudonym("eleve", _attribute(attributes, "ELEVE_ID"))
            if ident in self.students:
                raise Located(t("import.student_twice", pseudonym=ident))
            self.student = ex.Student(ident, line=line)
            self.students[ident] = self.student
            self.identity = {}
        elif path == _EL_LINKS:
            ident = self.pseudonym("eleve", _attribute(attributes, "ELEVE_ID"))
            self.linked = self.structures.setdefault(ident, ([], []))
        elif path == (*_EL_LINKS, "STRUCTURE"):
            self.structure = {}

    def end(self, path: tuple[str, ...], text: str, line: int) -> None:
        if self.header_end(path, text, line):
            return
        student = self.student
        if student is not None and path[:-1] == _EL_STUDENT:
            tag = path[-1]
            if tag in _EL_IDENTITY:
                if tag == "DATE_NAISS":
                    _date(text)  # a birth date SIECLE writes: a date, dd/mm/yyyy
                self.identity[tag] = text
            elif tag == "CODE_MEF":
                student.mef = _code(text, "CODE_MEF") if text else ""
            elif tag == "DATE_ENTREE":
                student.entry = _date(text)
            elif tag == "DATE_SORTIE":
                student.exit = _date(text)
        elif student is not None and path == (*_EL_STUDENT, "SCOLARITE_AN_DERNIER", "CODE_RNE"):
            # only whether it was this lycée: the school itself is a trajectory, not kept
            student.previous_uai = (
                None if not text.strip() else _here_or_elsewhere(text, self.header.uai)
            )
        elif path == _EL_STUDENT and student is not None:
            name = self.identity.get("NOM_DE_FAMILLE") or self.identity.get("NOM", "")
            self.duplicates.add(
                student.ident,
                name,
                self.identity.get("PRENOM", ""),
                self.identity.get("DATE_NAISS", ""),
                self.identity.get("ID_NATIONAL", ""),
            )
            self.identity = {}
            self.student = None
        elif path[:-1] == (*_EL_LINKS, "STRUCTURE"):
            self.structure[path[-1]] = text
        elif path == (*_EL_LINKS, "STRUCTURE") and self.linked is not None:
            code = _code(self.structure.get("CODE_STRUCTURE", ""), "CODE_STRUCTURE")
            kind = self.structure.get("TYPE_STRUCTURE", "").strip().upper()
            if len(self.linked[0]) + len(self.linked[1]) >= MAX_LIST:
                raise Located(t("import.too_many_items", limit=MAX_LIST))
            if kind == ex.DIVISION_TYPE:
                self.linked[0].append(code)
            elif kind == ex.GROUP_TYPE:
                self.linked[1].append(code)
            else:
                raise Located(t("import.structure_type"))
        elif path == _EL_LINKS:
            self.linked = None

    def export(self) -> ex.ElevesExport:
        self.read()
        uai, year = self.checked_header()
        groups = self.duplicates.groups()
        self.duplicates = DuplicateIndex(self.key)  # the digests go as soon as they are used
        orphans = []
        for ident, (divisions, structures) in self.structures.items():
            student = self.students.get(ident)
            if student is None:
                orphans.append(ident)
            else:
                student.divisions += divisions
                student.groups += structures
        return ex.ElevesExport(
            uai,
            year,
            export_date=self.header.export_date,
            students=list(self.students.values()),
            duplicates=groups,
            orphans=orphans,
        )


_ST = ex.STRUCTURES_ROOT
_ST_DIVISION = (_ST, "DONNEES", "DIVISIONS", "DIVISION")
_ST_GROUP = (_ST, "DONNEES", "GROUPES", "GROUPE")


class StructuresReader(_SiecleReader):
    root = _ST

    def __init__(self, path: Path, key: Key) -> None:
        super().__init__(path, key)
        self.keep_text = self.header_paths() | {
            (*owner, *tail)
            for owner in (_ST_DIVISION, _ST_GROUP)
            for tail in (
                ("MEFS_APPARTENANCE", "MEF_APPARTENANCE", "CODE_MEF"),
                ("DIVISIONS_APPARTENANCE", "DIVISION_APPARTENANCE", "CODE_STRUCTURE"),
            )
        }
        self.divisions: list[ex.Structure] = []
        self.groups: list[ex.Structure] = []
        self.current: ex.Structure | None = None

    def start(self, path: tuple[str, ...], attributes: Mapping[str, str], line: int) -> None:
        if path in (_ST_DIVISION, _ST_GROUP):
            if len(self.divisions) + len(self.groups) >= MAX_STRUCTURES:
                raise Located(t("import.too_many_structures", limit=MAX_STRUCTURES))
            self.current = ex.Structure(
                _code(_attribute(attributes, "CODE_STRUCTURE"), path[-1]), line=line
            )
            (self.divisions if path == _ST_DIVISION else self.groups).append(self.current)
        elif self.current is not None and len(path) == 6 and "CODE" in attributes:
            if path[4:] == ("MEFS_APPARTENANCE", "MEF_APPARTENANCE"):
                _append(self.current.mefs, _code(attributes["CODE"], "MEF"))
            elif path[4:] == ("DIVISIONS_APPARTENANCE", "DIVISION_APPARTENANCE"):
                _append(self.current.divisions, _code(attributes["CODE"], "DIVISION"))

    def end(self, path: tuple[str, ...], text: str, line: int) -> None:
        if self.header_end(path, text, line):
            return
        if self.current is not None and len(path) == 7 and text:
            if path[-1] == "CODE_MEF":
                _append(self.current.mefs, _code(text, "MEF"))
            elif path[-1] == "CODE_STRUCTURE":
                _append(self.current.divisions, _code(text, "DIVISION"))
        elif path in (_ST_DIVISION, _ST_GROUP):
            self.current = None

    def export(self) -> ex.StructuresExport:
        self.read()
        uai, year = self.checked_header()
        return ex.StructuresExport(
            uai, year, self.header.export_date, divisions=self.divisions, groups=self.groups
        )


_RE = ex.RESPONSABLES_ROOT
_RE_PERSON = (_RE, "DONNEES", "PERSONNES", "PERSONNE")
_RE_LINKS = (_RE, "DONNEES", "RESPONSABLES")
_RE_LINK_FIELDS = ("ELEVE_ID", "PERSONNE_ID", "RESP_LEGAL")


class ResponsablesReader(_SiecleReader):
    root = _RE

    def __init__(self, path: Path, key: Key) -> None:
        super().__init__(path, key)
        self.guardians: list[ex.Guardian] = []
        self.known: set[str] = set()  # the guardians' pseudonyms, each listed once
        self.links: list[ex.GuardianLink] = []
        self.fields: dict[str, str] = {}
        self.link_line = 0
        self.wanted: set[tuple[str, ...]] = set()

    def keeps(self, path: tuple[str, ...]) -> bool:  # the link element's name varies
        if path in self.header_paths():
            return True
        return len(path) == 5 and path[:3] == _RE_LINKS and path[-1] in _RE_LINK_FIELDS

    def start(self, path: tuple[str, ...], attributes: Mapping[str, str], line: int) -> None:
        if path == _RE_PERSON:
            ident = self.pseudonym("responsable", _attribute(attributes, "PERSONNE_ID"))
            if ident in self.known:
                raise Located(t("import.person_listed_twice", pseudonym=ident))
            self.known.add(ident)
            self.guardians.append(ex.Guardian(ident))
        elif len(path) == 4 and path[:3] == _RE_LINKS:
            self.fields = {}
            self.link_line = line

    def end(self, path: tuple[str, ...], text: str, line: int) -> None:
        if self.header_end(path, text, line):
            return
        if len(path) == 5 and path[:3] == _RE_LINKS and path[-1] in _RE_LINK_FIELDS:
            self.fields[path[-1]] = text
        elif len(path) == 4 and path[:3] == _RE_LINKS:
            for name in ("ELEVE_ID", "PERSONNE_ID"):
                if not self.fields.get(name, "").strip():
                    raise Located(t("import.child_missing", name=name))
            self.links.append(
                ex.GuardianLink(
                    self.pseudonym("eleve", self.fields["ELEVE_ID"]),
                    self.pseudonym("responsable", self.fields["PERSONNE_ID"]),
                    legal=self.fields.get("RESP_LEGAL", "").strip(),
                    line=self.link_line,
                )
            )

    def export(self) -> ex.ResponsablesExport:
        self.read()
        uai, year = self.checked_header()
        return ex.ResponsablesExport(
            uai, year, self.header.export_date, guardians=self.guardians, links=self.links
        )


_STS_NAME = re.compile(r"^sts_emp_(\w{8})_(\d{4})\.(?:xml|zip)$", re.IGNORECASE)


def sts_name_mismatch(path: Path, export: ex.StsExport) -> str | None:
    """A warning when the STS-WEB file's usual name says another lycée or year than its
    content (people rename files; the content is what counts)."""
    found = _STS_NAME.match(path.name)
    if found is None:
        return None
    uai, year = found.group(1).upper(), int(found.group(2))
    if uai == export.uai and year == export.year:
        return None
    return t("import.sts_name", name=path.name, uai=export.uai, year=export.year)


def read_school_exports(
    sts: Path,
    eleves: Path,
    structures: Path,
    responsables: Path | None,
    key: Key,
) -> ex.SchoolExports:
    """The four exports of one lycée, each checked, and checked against each other: one
    UAI and one school year for all."""
    sts_reader = StsReader(sts, key)
    eleves_reader = ElevesReader(eleves, key)
    structures_reader = StructuresReader(structures, key)
    responsables_reader = ResponsablesReader(responsables, key) if responsables else None
    read = ex.SchoolExports(
        sts_reader.export(),
        eleves_reader.export(),
        structures_reader.export(),
        responsables_reader.export() if responsables_reader is not None else None,
    )
    roles: dict[str, _Reader | None] = {
        "sts": sts_reader,
        "eleves": eleves_reader,
        "structures": structures_reader,
        "responsables": responsables_reader,
    }
    read.members = {
        role: reader.member
        for role, reader in roles.items()
        if reader is not None and reader.member is not None
    }
    others: list[
        tuple[Path, ex.ElevesExport | ex.StructuresExport | ex.ResponsablesExport, _Reader]
    ] = [
        (eleves, read.eleves, eleves_reader),
        (structures, read.structures, structures_reader),
    ]
    if responsables is not None and read.responsables is not None:
        assert responsables_reader is not None
        others.append((responsables, read.responsables, responsables_reader))
    for path, export, reader in others:
        header, member = reader.header, reader.member
        if export.uai != read.sts.uai:
            raise ImportFileError(
                path,
                t("import.uai_mismatch", uai=export.uai, sts=sts.name, sts_uai=read.sts.uai),
                element=f"{reader.root}/PARAMETRES/UAJ",
                line=header.uai_line,
                member=member,
            )
        if export.year != read.sts.year:
            raise ImportFileError(
                path,
                t("import.year_mismatch", year=export.year, sts=sts.name, sts_year=read.sts.year),
                element=f"{reader.root}/PARAMETRES/ANNEE_SCOLAIRE",
                line=header.year_line,
                member=member,
            )
    return read
