"""Fictional exports of a lycée, from the generated truth: the records of its four files
at one minute, with invented people.

For tests, demos and training only: every person is invented (names built from syllables
that are not ordinary French names, random long identifiers). Identifiers and identities
are drawn for every row of the truth's tables, so that for a given seed a person keeps
them from one minute to another. :mod:`sim.realfiles.writer` writes them as XML.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import numpy as np

from sim.domain import LEVELS, Category, Origin, Store
from sim.realfiles.exports import (
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
from sim.truth.facts import BoolArray
from sim.truth.generator import LEVEL_PREFIX
from sim.truth.model import ORIGINS, Truth

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
LEVEL_WORDS = {"2ND": "SECONDE", "1RE": "PREMIERE", "TLE": "TERMINALE"}
PREVIOUS_PREFIX = {"2ND": "3E", "1RE": "2ND", "TLE": "1RE"}

# Invented names: none is a common French name or word; some carry œ, Œ, Š or Ÿ, the
# characters that ISO-8859-15 has and ISO-8859-1 lacks.
HEADS = (
    "Ques", "Val", "Bré", "Lœ", "Gour", "Vri", "Cœ", "Zé", "Frol", "Pel",
    "Drou", "Kel", "Mœ", "Sab", "Quin", "Ély", "Bœ", "Hur", "Tav", "Œs",
)  # fmt: skip
_MIDDLES = ("", "", "mo", "vi", "ra", "lé", "ni", "ga")
TAILS = (
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
STREETS = ("rue", "allée", "impasse", "chemin", "place")
TOWNS = (
    ("33991", "LŒVIGNAC-SUR-BRÉLOTTE"), ("33992", "VALMORIN"),
    ("33993", "SAINT-QUESSAUD"), ("33994", "CŒURVILLE-LÈS-ZAC"),
)  # fmt: skip
# Fictional other schools: collèges (affectation into 2nde) and lycées (transfers).
_COLLEGES = tuple(uai_of(f"033900{k}") for k in range(1, 7))
_LYCEES = tuple(uai_of(f"033910{k}") for k in range(1, 5))
ETABLISSEMENT_NAME = "LYCEE FICTIF DU VALMORIN"
ACADEMIE_CODE = "99"


# --- the records ---------------------------------------------------------------------


def exports_of(
    truth: Truth,
    minute: float,
    uai: str,
    year: int,
    export_date: date,
    seed: int,
    stores: Mapping[Store, Mapping[Category, BoolArray]] | None = None,
) -> SchoolExports:
    """The four files of the lycée ``uai`` at ``minute``: what STS-WEB and SIECLE hold
    then when ``stores`` gives it (a simulation's), else the truth itself (clean files)."""
    return _Snapshot(truth, minute, uai, year, export_date, seed, stores).exports()


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
        self,
        truth: Truth,
        minute: float,
        uai: str,
        year: int,
        export_date: date,
        seed: int,
        stores: Mapping[Store, Mapping[Category, BoolArray]] | None = None,
    ) -> None:
        self.truth, self.uai, self.year, self.export_date = truth, uai, year, export_date
        true = {c: truth.table(c).true_at(minute) for c in Category}
        # STS-WEB's structure, teachers and services; SIECLE's structure and people
        self.sts = dict(stores[Store.STS]) if stores is not None else true
        self.present = {**true, **stores[Store.SIECLE]} if stores is not None else true
        self.people = _draw_people(truth, uai, year, np.random.default_rng(seed))
        self.div_codes = _codes(truth, Category.DIVISIONS)
        self.group_codes = _codes(truth, Category.GROUPS)

    def rows(self, category: Category, sts: bool = False) -> list[int]:
        found: list[int] = np.flatnonzero((self.sts if sts else self.present)[category]).tolist()
        return found

    def structures(self, sts: bool) -> tuple[list[Structure], list[Structure]]:
        div_rows = self.rows(Category.DIVISIONS, sts)
        group_rows = self.rows(Category.GROUPS, sts)
        mef_of = {d: MEF_CODES[_level_of(self.div_codes[d])] for d in div_rows}
        indptr, indices = self.truth.group_division_indptr, self.truth.group_division_indices
        divisions = [Structure(self.div_codes[d], mefs=[mef_of[d]]) for d in div_rows]
        groups = [
            Structure(
                self.group_codes[g],
                divisions=[
                    self.div_codes[d] for d in indices[indptr[g] : indptr[g + 1]] if d in mef_of
                ],
            )
            for g in group_rows
        ]
        return divisions, groups

    def exports(self) -> SchoolExports:
        sts_divisions, sts_groups = self.structures(sts=True)
        div_rows = self.rows(Category.DIVISIONS, True)
        self.attach_services(
            dict(zip(div_rows, sts_divisions, strict=True)),
            dict(zip(self.rows(Category.GROUPS, True), sts_groups, strict=True)),
        )
        levels = sorted({_level_of(self.div_codes[d]) for d in div_rows}, key=LEVELS.index)
        people = self.people
        subjects = sorted(_subject_names(self.truth), key=lambda name: SUBJECTS[name][0])
        teachers = [
            Teacher(people.teacher_ids[t], identity=people.teachers[t])
            for t in self.rows(Category.TEACHERS, True)
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
            structures=StructuresExport(*head, *self.structures(sts=False)),
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
        for row in self.rows(Category.SERVICES, sts=True):
            teacher = teachers[row]
            structure = divisions.get(div_ends[row]) or groups.get(group_ends[row])
            if structure is None or teacher < 0 or not self.sts[Category.TEACHERS][teacher]:
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
    # a student created again instead of transferred is the same person under a second id
    for student, twin in enumerate(truth.student_duplicate.tolist()):
        if twin >= 0:
            students[twin] = students[student]
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
    parts = [rng.integers(len(p), size=(count, 2)).tolist() for p in (HEADS, _MIDDLES, TAILS)]
    compound = (rng.random(count) < 0.05).tolist()
    feminine = (rng.random(count) < 0.5).tolist()
    first = rng.random(count).tolist()
    days = rng.integers(0, 365, size=count).tolist()
    found: list[Identity] = []
    taken: set[tuple[str, str, date]] = set()
    for k in range(count):
        head, middle, tail = (p[k] for p in parts)
        names = [HEADS[head[j]] + _MIDDLES[middle[j]] + TAILS[tail[j]] for j in (0, 1)]
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


def derived_digits(kind: str, ident: str, width: int = 9) -> str:
    """A fixed opaque number of ``width`` digits for ``ident`` (ELENOET, ADRESSE_ID…)."""
    value = int.from_bytes(hashlib.blake2b(f"{kind}:{ident}".encode(), digest_size=8).digest())
    return str(10 ** (width - 1) + value % (9 * 10 ** (width - 1)))


def ascii_text(text: str) -> str:
    folded = text.replace("œ", "oe").replace("Œ", "Oe")
    return unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode().lower()
