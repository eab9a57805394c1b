"""Synthetic STS-WEB and SIECLE export files, in the real shapes, from the generated truth.

For tests, demos and training only: every person is invented (names built from syllables
that are not ordinary French names, random long identifiers). Identifiers and identities
are drawn for every row of the truth's tables, so that for a given seed a person keeps
them from one minute to another.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from sim.domain import LEVELS, Category, Origin
from sim.realfiles.exports import (
    DIVISION_TYPE,
    ELEVES_ROOT,
    GROUP_TYPE,
    RESPONSABLES_ROOT,
    STRUCTURES_ROOT,
    STS_ROOT,
    ElevesExport,
    Guardian,
    GuardianLink,
    Identity,
    ResponsablesExport,
    SchoolExports,
    Service,
    Structure,
    StructuresExport,
    StsExport,
    Student,
    Teacher,
)
from sim.scenario.uai import UAI_LETTERS, uai_of
from sim.truth.generator import LEVEL_PREFIX
from sim.truth.model import ORIGINS, Truth

XML_DECLARATION = '<?xml version="1.0" encoding="ISO-8859-15"?>'
ENCODING = "iso-8859-15"
ELEVES_FILE = "ElevesSansAdresses.xml"
STRUCTURES_FILE = "Structures.xml"
RESPONSABLES_FILE = "ResponsablesAvecAdresses.xml"
ZIP_DATE = (2026, 9, 1, 8, 0, 0)
INDIVIDU_TYPE = "epp"

# Fictional MEF codes, shaped like real ones (11 characters, the first 3 the dispositif).
MEF_CODES = {"2nde": "20010018110", "1re": "20111002110", "Tle": "20211002110"}
MEF_LABELS = {
    "2nde": "2NDE GENERALE ET TECHNOLOGIQUE",
    "1re": "1ERE GENERALE",
    "Tle": "TERMINALE GENERALE",
}
# Fictional MATIERE codes (6 digits) and labels for the generator's subject names, which
# are the CODE_GESTION: every subject of CORE_SUBJECTS, LV_B, SPECIALITES and OPTIONS,
# and ANG.
SUBJECTS: dict[str, tuple[str, str]] = {
    "FRANC": ("901000", "FRANCAIS"), "MATHS": ("902000", "MATHEMATIQUES"),
    "HIGEO": ("903000", "HISTOIRE-GEOGRAPHIE"), "PHCHI": ("904000", "PHYSIQUE-CHIMIE"),
    "SVT": ("905000", "SCIENCES DE LA VIE ET DE LA TERRE"),
    "SES": ("906000", "SCIENCES ECONOMIQUES ET SOCIALES"),
    "SNT": ("907000", "SCIENCES NUMERIQUES ET TECHNOLOGIE"),
    "EPS": ("908000", "EDUCATION PHYSIQUE ET SPORTIVE"),
    "EMC": ("909000", "ENSEIGNEMENT MORAL ET CIVIQUE"), "PHILO": ("910000", "PHILOSOPHIE"),
    "ENSSC": ("911000", "ENSEIGNEMENT SCIENTIFIQUE"), "ANG": ("912000", "ANGLAIS"),
    "ESP": ("913000", "ESPAGNOL"), "ALL": ("914000", "ALLEMAND"), "ITA": ("915000", "ITALIEN"),
    "HGGSP": ("916000", "HIST.-GEO., GEOPOLITIQUE & SC. POLITIQUES"),
    "HLP": ("917000", "HUMANITES, LITTERATURE ET PHILOSOPHIE"),
    "LLCER": ("918000", "LANGUES, LITT. & CULTURES ETRANGERES"),
    "NSI": ("919000", "NUMERIQUE ET SCIENCES INFORMATIQUES"),
    "SI": ("920000", "SCIENCES DE L'INGENIEUR"),
    "LATIN": ("921000", "LANGUES ET CULTURES DE L'ANTIQUITE : LATIN"),
    "MATHC": ("922000", "MATHEMATIQUES COMPLEMENTAIRES"),
}  # fmt: skip
_LEVEL_OF_PREFIX = {prefix: level for level, prefix in LEVEL_PREFIX.items()}
_LEVEL_WORDS = {"2ND": "SECONDE", "1RE": "PREMIERE", "TLE": "TERMINALE"}
_PREVIOUS_PREFIX = {"2ND": "3E", "1RE": "2ND", "TLE": "1RE"}

# Invented names: none is a common French name or word; some carry œ, Œ, Š or Ÿ, the
# characters that ISO-8859-15 has and ISO-8859-1 lacks.
_HEADS = (
    "Ques", "Val", "Bré", "Lœ", "Gour", "Vri", "Cœ", "Zé", "Frol", "Pel",
    "Drou", "Kel", "Mœ", "Sab", "Quin", "Ély", "Bœ", "Hur", "Tav", "Œs",
)  # fmt: skip
_MIDDLES = ("", "", "mo", "vi", "ra", "lé", "ni", "ga")
_TAILS = (
    "saud", "rin", "lotte", "vignac", "vanne", "zeau", "thieu", "brac",
    "nelle", "vrey", "lœuf", "dranne", "rogne", "zoul", "mérac", "fœnt",
)  # fmt: skip
FEMININE_NAMES = (
    "Œlvine", "Maëlinde", "Zélidra", "Quirane", "Aurévie", "Solvéane", "Lisandrée",
    "Mœrane", "Ilvanie", "Tessaly", "Nérinde", "Ambrelie", "Ysaldine", "Calvéna",
    "Fœlicie", "Véradine", "Ÿvelle", "Orlanthe",
)  # fmt: skip
MASCULINE_NAMES = (
    "Œdran", "Thélias", "Maxandre", "Quélian", "Corvald", "Baltéric", "Sévrien",
    "Dorvaël", "Gaspérin", "Ylvarn", "Milvéric", "Fabrœl", "Noévan", "Kélistan",
    "Jorvic", "Šelvan", "Armélis", "Tirvald",
)  # fmt: skip
_FEMININE = frozenset(FEMININE_NAMES)
_STREETS = ("rue", "allée", "impasse", "chemin", "place")
_TOWNS = (
    ("33991", "LŒVIGNAC-SUR-BRÉLOTTE"), ("33992", "VALMORIN"),
    ("33993", "SAINT-QUESSAUD"), ("33994", "CŒURVILLE-LÈS-ZAC"),
)  # fmt: skip
# Fictional other schools: collèges (affectation into 2nde) and lycées (transfers).
_COLLEGES = tuple(uai_of(f"033900{k}") for k in range(1, 7))
_LYCEES = tuple(uai_of(f"033910{k}") for k in range(1, 5))
ETABLISSEMENT_NAME = "LYCEE FICTIF DU VALMORIN"
ACADEMIE_CODE = "99"


def sts_file_name(uai: str, year: int) -> str:
    """STS-WEB's name for the timetable export of ``uai`` for the rentrée ``year``."""
    return f"sts_emp_{uai}_{year}.xml"


# --- the records ---------------------------------------------------------------------


def exports_of(
    truth: Truth, minute: float, uai: str, year: int, export_date: date, seed: int
) -> SchoolExports:
    """The four files of the lycée ``uai`` as they would be, clean, at ``minute``."""
    return _Snapshot(truth, minute, uai, year, export_date, seed).exports()


@dataclass
class _People:
    """Identifiers and identities of every row of the people tables."""

    teacher_ids: list[str]
    student_ids: list[str]
    parent_ids: list[str]
    national_ids: list[str]
    teachers: list[Identity]
    students: list[Identity]
    parents: list[Identity]
    previous_uai: list[str | None]


class _Snapshot:
    """The truth's facts true at one minute, with the invented people."""

    def __init__(
        self, truth: Truth, minute: float, uai: str, year: int, export_date: date, seed: int
    ) -> None:
        self.truth, self.uai, self.year, self.export_date = truth, uai, year, export_date
        self.present = {c: truth.table(c).true_at(minute) for c in Category}
        self.people = _draw_people(truth, uai, year, np.random.default_rng(seed))
        self.div_codes = _codes(truth, Category.DIVISIONS)
        self.group_codes = _codes(truth, Category.GROUPS)

    def rows(self, category: Category) -> list[int]:
        found: list[int] = np.flatnonzero(self.present[category]).tolist()
        return found

    def exports(self) -> SchoolExports:
        div_rows, group_rows = self.rows(Category.DIVISIONS), self.rows(Category.GROUPS)
        mef_of = {d: MEF_CODES[_level_of(self.div_codes[d])] for d in div_rows}
        indptr, indices = self.truth.group_division_indptr, self.truth.group_division_indices
        spans = {
            g: [self.div_codes[d] for d in indices[indptr[g] : indptr[g + 1]] if d in mef_of]
            for g in group_rows
        }

        def structures() -> tuple[list[Structure], list[Structure]]:
            divisions = [Structure(self.div_codes[d], mefs=[mef_of[d]]) for d in div_rows]
            groups = [Structure(self.group_codes[g], divisions=spans[g]) for g in group_rows]
            return divisions, groups

        sts_divisions, sts_groups = structures()
        self.attach_services(
            dict(zip(div_rows, sts_divisions, strict=True)),
            dict(zip(group_rows, sts_groups, strict=True)),
        )
        levels = sorted({_level_of(self.div_codes[d]) for d in div_rows}, key=LEVELS.index)
        people = self.people
        subjects = sorted(_subject_names(self.truth), key=lambda name: SUBJECTS[name][0])
        teachers = [
            Teacher(people.teacher_ids[t], identity=people.teachers[t])
            for t in self.rows(Category.TEACHERS)
        ]
        head = (self.uai, self.year, self.export_date)
        return SchoolExports(
            sts=StsExport(
                self.uai,
                self.year,
                {SUBJECTS[name][0]: name for name in subjects},
                {MEF_CODES[level]: MEF_LABELS[level] for level in levels},
                teachers,
                sts_divisions,
                sts_groups,
            ),
            eleves=ElevesExport(*head, self.students()),
            structures=StructuresExport(*head, *structures()),
            responsables=ResponsablesExport(*head, *self.guardians()),
        )

    def attach_services(
        self, divisions: dict[int, Structure], groups: dict[int, Structure]
    ) -> None:
        """One Service per (structure, subject), with the teachers of its true facts."""
        table = self.truth.table(Category.SERVICES)
        teachers = table.ends[Category.TEACHERS].tolist()
        div_ends, group_ends = (
            table.ends[c].tolist() for c in (Category.DIVISIONS, Category.GROUPS)
        )
        teacher_ids = self.people.teacher_ids
        found: dict[tuple[int, str], Service] = {}
        for row in self.rows(Category.SERVICES):
            teacher = teachers[row]
            structure = divisions.get(div_ends[row]) or groups.get(group_ends[row])
            if structure is None or teacher < 0 or not self.present[Category.TEACHERS][teacher]:
                continue
            code = SUBJECTS[_subject_of(table.labels[row])][0]
            service = found.get((id(structure), code))
            if service is None:
                service = found[(id(structure), code)] = Service(code)
                structure.services.append(service)
            if teacher_ids[teacher] not in service.teachers:
                service.teachers.append(teacher_ids[teacher])

    def by_student(self, link: Category, other: Category) -> dict[int, list[int]]:
        """The ``other`` ends of the true ``link`` facts, by student row, in row order."""
        table = self.truth.table(link)
        students, others = table.ends[Category.STUDENTS].tolist(), table.ends[other].tolist()
        found: dict[int, list[int]] = {}
        for row in self.rows(link):
            if self.present[Category.STUDENTS][students[row]] and self.present[other][others[row]]:
                found.setdefault(students[row], []).append(others[row])
        return found

    def students(self) -> list[Student]:
        divisions = self.by_student(Category.STUDENT_DIVISION, Category.DIVISIONS)
        groups = self.by_student(Category.STUDENT_GROUP, Category.GROUPS)
        entry = min(self.export_date, date(self.year, 9, 1))
        people = self.people
        found = []
        for s in self.rows(Category.STUDENTS):
            codes = [self.div_codes[d] for d in divisions.get(s, [])]
            found.append(
                Student(
                    ident=people.student_ids[s],
                    mef=MEF_CODES[_level_of(codes[0])] if codes else "",
                    divisions=codes,
                    groups=[self.group_codes[g] for g in groups.get(s, [])],
                    previous_uai=people.previous_uai[s],
                    entry=entry,
                    national_id=people.national_ids[s],
                    identity=people.students[s],
                )
            )
        return found

    def guardians(self) -> tuple[list[Guardian], list[GuardianLink]]:
        """The true parents, and their links: RESP_LEGAL 1, then 2, for each student."""
        people = self.people
        parent_ids, student_ids = people.parent_ids, people.student_ids
        rows = self.rows(Category.PARENTS)
        guardians = [Guardian(parent_ids[p], people.parents[p]) for p in rows]
        links: list[GuardianLink] = []
        for student, parents in self.by_student(Category.PARENT_STUDENT, Category.PARENTS).items():
            for k, parent in enumerate(parents):
                legal = str(k + 1) if k < 2 else "0"
                links.append(GuardianLink(student_ids[student], parent_ids[parent], legal))
        return guardians, links


def _codes(truth: Truth, category: Category) -> list[str]:
    return [label.split(":", 1)[1] for label in truth.table(category).labels]


def _level_of(division_code: str) -> str:
    level = _LEVEL_OF_PREFIX.get(division_code[:3])
    if level is None:
        prefixes = list(LEVEL_PREFIX.values())
        raise ValueError(f"division {division_code!r}: no level prefix among {prefixes}")
    return level


def _subject_of(service_label: str) -> str:
    name = service_label.split("matiere:", 1)[1].split(" ", 1)[0]
    if name not in SUBJECTS:
        raise ValueError(f"subject {name!r} of {service_label!r} has no MATIERE code in SUBJECTS")
    return name


def _subject_names(truth: Truth) -> set[str]:
    return {_subject_of(label) for label in truth.table(Category.SERVICES).labels}


# --- the invented people -------------------------------------------------------------


def _draw_people(truth: Truth, uai: str, year: int, rng: np.random.Generator) -> _People:
    """Ids and identities for every row of TEACHERS, STUDENTS and PARENTS, in that order."""
    rentree = date(year, 9, 1)
    sizes = [truth.size(c) for c in (Category.TEACHERS, Category.STUDENTS, Category.PARENTS)]
    n_teachers, n_students, n_parents = sizes
    drawn = rng.choice(9 * 10**9, size=sum(sizes) + n_students, replace=False) + 10**9
    numbers = [str(n) for n in drawn.tolist()]
    cut = np.cumsum([0, *sizes, n_students]).tolist()
    teacher_ids, student_ids, parent_ids, ine = (numbers[a:b] for a, b in pairwise(cut))
    national_ids = [d + UAI_LETTERS[int(d) % len(UAI_LETTERS)] for d in ine]

    teachers = _identities(rng, rng.integers(25, 63, size=n_teachers).tolist(), rentree)
    div_codes = _codes(truth, Category.DIVISIONS)
    levels = [1] * n_students
    first_division = _first_links(truth, Category.STUDENT_DIVISION, Category.DIVISIONS)
    for student, division in first_division.items():
        levels[student] = LEVELS.index(_level_of(div_codes[division]))
    late = (rng.random(n_students) < 0.15).tolist()
    ages = [15 + level + int(x) for level, x in zip(levels, late, strict=True)]
    students = _identities(rng, ages, rentree, unique=True)
    family: list[str | None] = [None] * n_parents
    for student, parent in _first_links(truth, Category.PARENT_STUDENT, Category.PARENTS).items():
        family[parent] = students[student].family_name
    parents = _identities(rng, rng.integers(35, 61, size=n_parents).tolist(), rentree, family)

    schools = {
        Origin.RETURNING: [uai],
        Origin.AFFECTATION: [u for u in _COLLEGES if u != uai],
        Origin.TRANSFER: [u for u in _LYCEES if u != uai],
    }
    picks = rng.integers(0, 1 << 30, size=n_students).tolist()
    previous: list[str | None] = []
    for origin, pick in zip(truth.student_origin.tolist(), picks, strict=True):
        pool = schools.get(ORIGINS[origin]) if 0 <= origin < len(ORIGINS) else None
        previous.append(pool[pick % len(pool)] if pool else None)
    return _People(
        teacher_ids, student_ids, parent_ids, national_ids, teachers, students, parents, previous
    )


def _first_links(truth: Truth, link: Category, other: Category) -> dict[int, int]:
    """Each student's first ``other`` end among all ``link`` rows (true or not)."""
    ends = truth.table(link).ends
    found: dict[int, int] = {}
    for student, end in zip(ends[Category.STUDENTS].tolist(), ends[other].tolist(), strict=True):
        found.setdefault(student, end)
    return found


def _identities(
    rng: np.random.Generator,
    ages: list[int],
    rentree: date,
    family: list[str | None] | None = None,
    unique: bool = False,
) -> list[Identity]:
    """Invented identities of the given ages (in whole years) at ``rentree``, with the
    ``family`` names given; ``unique``: no two share a name and a birth date (the readers
    would take them for duplicates)."""
    count = len(ages)
    parts = [rng.integers(len(p), size=(count, 2)).tolist() for p in (_HEADS, _MIDDLES, _TAILS)]
    compound = (rng.random(count) < 0.05).tolist()
    feminine = (rng.random(count) < 0.5).tolist()
    first = rng.random(count).tolist()
    days = rng.integers(0, 365, size=count).tolist()
    found: list[Identity] = []
    taken: set[tuple[str, str, date]] = set()
    for k in range(count):
        head, middle, tail = (p[k] for p in parts)
        names = [_HEADS[head[j]] + _MIDDLES[middle[j]] + _TAILS[tail[j]] for j in (0, 1)]
        surname = (family[k] if family else None) or ("-".join(names) if compound[k] else names[0])
        pool = FEMININE_NAMES if feminine[k] else MASCULINE_NAMES
        first_name = pool[int(first[k] * len(pool))]
        birthday = rentree.replace(year=rentree.year - ages[k])
        birth = birthday - timedelta(days=days[k])
        while unique and (surname, first_name, birth) in taken:
            birth = birthday - timedelta(days=int(rng.integers(0, 365)))
        taken.add((surname, first_name, birth))
        found.append(Identity(surname, first_name, birth))
    return found


def sex_of(identity: Identity) -> str:
    """SIECLE's and STS-WEB's sex code (1 male, 2 female), from the invented first name."""
    return "2" if identity.first_name in _FEMININE else "1"


def _derived_digits(kind: str, ident: str, width: int = 9) -> str:
    """A fixed opaque number of ``width`` digits for ``ident`` (ELENOET, ADRESSE_ID…)."""
    value = int.from_bytes(hashlib.blake2b(f"{kind}:{ident}".encode(), digest_size=8).digest())
    return str(10 ** (width - 1) + value % (9 * 10 ** (width - 1)))


def _ascii(text: str) -> str:
    folded = text.replace("œ", "oe").replace("Œ", "Oe")
    return unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode().lower()


# --- the XML -------------------------------------------------------------------------


class _Xml:
    """An indented XML document, built line by line, encoded in ISO-8859-15."""

    def __init__(self) -> None:
        self.lines = [XML_DECLARATION]
        self.depth = 0

    def _add(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    @staticmethod
    def _tag(name: str, attributes: dict[str, str]) -> str:
        return name + "".join(f" {key}={quoteattr(value)}" for key, value in attributes.items())

    @contextmanager
    def element(self, name: str, **attributes: str) -> Iterator[None]:
        self._add(f"<{self._tag(name, attributes)}>")
        self.depth += 1
        yield
        self.depth -= 1
        self._add(f"</{name}>")

    def leaf(self, name: str, text: str = "", **attributes: str) -> None:
        tag = self._tag(name, attributes)
        self._add(f"<{tag}>{escape(text)}</{name}>" if text else f"<{tag}/>")

    def leaves(self, **texts: str) -> None:
        for name, text in texts.items():
            self.leaf(name, text)

    def encoded(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode(ENCODING)


def _french(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _identity(kind: str, ident: str, identity: Identity | None) -> Identity:
    if identity is None:
        raise ValueError(f"{kind} {ident}: no identity to write (fixtures invent one)")
    return identity


def write_sts(export: StsExport) -> bytes:
    """``sts_emp_<UAI>_<année>.xml`` (root ``STS_EDT``)."""
    xml = _Xml()
    year = export.year
    with xml.element(STS_ROOT):
        with xml.element("PARAMETRES"):
            with xml.element("UAJ", CODE=export.uai):
                with xml.element("ACADEMIE"):
                    xml.leaf("CODE", ACADEMIE_CODE)
                xml.leaf("DENOM_PRINC", ETABLISSEMENT_NAME)
            with xml.element("ANNEE_SCOLAIRE", ANNEE=str(year)):
                start, end = date(year, 9, 1), date(year + 1, 8, 31)
                xml.leaves(DATE_DEBUT=start.isoformat(), DATE_FIN=end.isoformat())
        with xml.element("NOMENCLATURES"):
            with xml.element("MATIERES"):
                for code, name in export.subjects.items():
                    label = SUBJECTS[name][1] if name in SUBJECTS else name
                    with xml.element("MATIERE", CODE=code):
                        xml.leaves(CODE_GESTION=name, LIBELLE_COURT=name, LIBELLE_LONG=label)
            with xml.element("MEFS"):
                for code, label in export.mefs.items():
                    with xml.element("MEF", CODE=code):
                        xml.leaf("LIBELLE_LONG", label)
        with xml.element("DONNEES"):
            with xml.element("INDIVIDUS"):
                for teacher in export.teachers:
                    person = _identity("INDIVIDU", teacher.ident, teacher.identity)
                    with xml.element("INDIVIDU", ID=teacher.ident, TYPE=INDIVIDU_TYPE):
                        xml.leaves(
                            NOM_USAGE=person.family_name,
                            NOM_PATRONYMIQUE=person.family_name,
                            PRENOM=person.first_name,
                            SEXE=sex_of(person),
                            DATE_NAISSANCE=person.birth.isoformat(),
                            FONCTION=teacher.function,
                        )
            with xml.element("STRUCTURE"):
                _structures(xml, export.divisions, export.groups, sts=True)
    return xml.encoded()


def _structures(xml: _Xml, divisions: list[Structure], groups: list[Structure], sts: bool) -> None:
    """DIVISIONS then GROUPES: STS-WEB gives codes as ``CODE`` attributes, SIECLE's
    Structures.xml as CODE_STRUCTURE (and memberships as child elements)."""
    for kind, structures in (("DIVISION", divisions), ("GROUPE", groups)):
        group = kind == "GROUPE"
        member, child = ("DIVISION", "CODE_STRUCTURE") if group else ("MEF", "CODE_MEF")
        with xml.element(f"{kind}S"):
            for structure in structures:
                code = structure.code
                word = _LEVEL_WORDS.get(code[:3])
                label = f"GROUPE {code}" if group else f"{word} {code[3:]}" if word else code
                with xml.element(kind, **{"CODE" if sts else "CODE_STRUCTURE": code}):
                    xml.leaf("LIBELLE_LONG", label)
                    codes = structure.divisions if group else structure.mefs
                    if codes:
                        with xml.element(f"{member}S_APPARTENANCE"):
                            for value in codes:
                                if sts:
                                    xml.leaf(f"{member}_APPARTENANCE", CODE=value)
                                else:
                                    with xml.element(f"{member}_APPARTENANCE"):
                                        xml.leaf(child, value)
                    if sts and structure.services:
                        _services(xml, structure.services)


def _services(xml: _Xml, services: list[Service]) -> None:
    with xml.element("SERVICES"):
        for service in services:
            with (
                xml.element(
                    "SERVICE", CODE_MATIERE=service.subject, CODE_MOD_COURS=service.modality
                ),
                xml.element("ENSEIGNANTS"),
            ):
                for teacher in service.teachers:
                    xml.leaf("ENSEIGNANT", ID=teacher, TYPE=INDIVIDU_TYPE)


def _siecle_parameters(xml: _Xml, uai: str, year: int, export_date: date | None) -> None:
    with xml.element("PARAMETRES"):
        xml.leaves(UAJ=uai, ANNEE_SCOLAIRE=str(year))
        if export_date is not None:
            day = _french(export_date)
            xml.leaves(DATE_EXPORT=day, HORODATAGE=f"{day} 08:00:00")


def write_eleves(export: ElevesExport) -> bytes:
    """``ElevesSansAdresses.xml`` (root ``BEE_ELEVES``)."""
    xml = _Xml()
    with xml.element(ELEVES_ROOT, VERSION="3.0"):
        _siecle_parameters(xml, export.uai, export.year, export.export_date)
        with xml.element("DONNEES"):
            with xml.element("ELEVES"):
                for student in export.students:
                    _eleve(xml, student)
            with xml.element("STRUCTURES"):
                for student in export.students:
                    if not (student.divisions or student.groups):
                        continue
                    with xml.element("STRUCTURES_ELEVE", ELEVE_ID=student.ident):
                        for kind, codes in (
                            (DIVISION_TYPE, student.divisions),
                            (GROUP_TYPE, student.groups),
                        ):
                            for code in codes:
                                with xml.element("STRUCTURE"):
                                    xml.leaves(CODE_STRUCTURE=code, TYPE_STRUCTURE=kind)
    return xml.encoded()


def _eleve(xml: _Xml, student: Student) -> None:
    person = _identity("ELEVE", student.ident, student.identity)
    elenoet = _derived_digits("ELENOET", student.ident)
    with xml.element("ELEVE", ELEVE_ID=student.ident, ELENOET=elenoet):
        xml.leaves(
            ID_NATIONAL=student.national_id or "",
            NOM_DE_FAMILLE=person.family_name,
            NOM_USAGE="",
            PRENOM=person.first_name,
            DATE_NAISS=_french(person.birth),
            CODE_SEXE=sex_of(person),
            CODE_PAYS="100",
            CODE_MEF=student.mef,
        )
        if student.entry is not None:
            xml.leaf("DATE_ENTREE", _french(student.entry))
        if student.exit is not None:
            xml.leaf("DATE_SORTIE", _french(student.exit))
        if student.previous_uai is not None:
            division = student.divisions[0] if student.divisions else ""
            before = _PREVIOUS_PREFIX.get(division[:3])
            with xml.element("SCOLARITE_AN_DERNIER"):
                last_year = f"{before}{division[3:]}" if before else ""
                xml.leaves(CODE_STRUCTURE=last_year, CODE_RNE=student.previous_uai)


def write_structures(export: StructuresExport) -> bytes:
    """``Structures.xml`` (root ``BEE_STRUCTURES``)."""
    xml = _Xml()
    with xml.element(STRUCTURES_ROOT, VERSION="2.0"):
        _siecle_parameters(xml, export.uai, export.year, export.export_date)
        with xml.element("DONNEES"):
            _structures(xml, export.divisions, export.groups, sts=False)
    return xml.encoded()


def write_responsables(export: ResponsablesExport) -> bytes:
    """``ResponsablesAvecAdresses.xml`` (root ``BEE_RESPONSABLES``)."""
    xml = _Xml()
    sexes: dict[str, str] = {}
    with xml.element(RESPONSABLES_ROOT, VERSION="3.0"):
        _siecle_parameters(xml, export.uai, export.year, export.export_date)
        with xml.element("DONNEES"):
            with xml.element("PERSONNES"):
                for guardian in export.guardians:
                    person = _identity("PERSONNE", guardian.ident, guardian.identity)
                    sex = sexes[guardian.ident] = sex_of(person)
                    mail = f"{_ascii(person.first_name)}.{_ascii(person.family_name)}"
                    with xml.element("PERSONNE", PERSONNE_ID=guardian.ident):
                        xml.leaves(
                            NOM_DE_FAMILLE=person.family_name,
                            PRENOM=person.first_name,
                            LC_CIVILITE="MME" if sex == "2" else "M.",
                            MEL=f"{mail}@exemple.invalid",
                            ADRESSE_ID=_derived_digits("ADRESSE", guardian.ident),
                        )
            with xml.element("RESPONSABLES"):
                for link in export.links:
                    parente = {"1": "10", "2": "20"}.get(sexes.get(link.guardian, ""), "90")
                    with xml.element("RESPONSABLE_ELEVE"):
                        xml.leaves(
                            ELEVE_ID=link.student,
                            PERSONNE_ID=link.guardian,
                            RESP_LEGAL=link.legal,
                            CODE_PARENTE=parente,
                        )
            with xml.element("ADRESSES"):
                for guardian in export.guardians:
                    _adresse(xml, guardian.ident)
    return xml.encoded()


def _adresse(xml: _Xml, guardian: str) -> None:
    value = int(_derived_digits("RUE", guardian))
    name = _HEADS[value % len(_HEADS)] + _TAILS[(value // 7) % len(_TAILS)]
    street = _STREETS[(value // 131) % len(_STREETS)]
    postcode, town = _TOWNS[(value // 997) % len(_TOWNS)]
    with xml.element("ADRESSE", ADRESSE_ID=_derived_digits("ADRESSE", guardian)):
        xml.leaves(
            LIGNE1_ADRESSE=f"{1 + value % 120} {street} {name}",
            CODE_POSTAL=postcode,
            LIBELLE_POSTAL=town,
        )


# --- files ---------------------------------------------------------------------------


def zipped(member_name: str, data: bytes) -> bytes:
    """A zip holding ``data`` as its one member, byte-identical from run to run."""
    info = zipfile.ZipInfo(member_name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, data)
    return buffer.getvalue()


def export_files(exports: SchoolExports, zip_siecle: bool) -> dict[str, bytes]:
    """File name → bytes: the STS-WEB file, then the SIECLE ones (zipped when asked)."""
    sts = exports.sts
    files = {sts_file_name(sts.uai, sts.year): write_sts(sts)}
    siecle = [
        (ELEVES_FILE, write_eleves(exports.eleves)),
        (STRUCTURES_FILE, write_structures(exports.structures)),
    ]
    if exports.responsables is not None:
        siecle.append((RESPONSABLES_FILE, write_responsables(exports.responsables)))
    for name, data in siecle:
        if zip_siecle:
            files[name.removesuffix(".xml") + ".zip"] = zipped(name, data)
        else:
            files[name] = data
    return files
