"""Seeded generator of the ground truth from the scenario's sizes and reality changes.

Assumptions (documented in docs/model.md): students are spread evenly over the divisions of
their level; language groups span blocks of up to three divisions; 1re students take three
spécialités and Tle students two; every parent has one child in the établissement; a late
arrival takes the groups of a classmate of their division.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sim.calendar import Clock
from sim.domain import LEVELS, Category, Origin
from sim.scenario.model import Etablissement, RealityChange
from sim.truth.facts import ENDPOINTS, NEVER, FactTable
from sim.truth.model import ORIGINS, Truth, TruthChange

LEVEL_PREFIX = {"2nde": "2ND", "1re": "1RE", "Tle": "TLE"}
CORE_SUBJECTS = {
    "2nde": ("FRANC", "MATHS", "HIGEO", "PHCHI", "SVT", "SES", "SNT", "EPS", "EMC"),
    "1re": ("FRANC", "HIGEO", "ENSSC", "EPS", "EMC"),
    "Tle": ("PHILO", "HIGEO", "ENSSC", "EPS", "EMC"),
}
LV_B = (("ESP", 0.6), ("ALL", 0.25), ("ITA", 0.15))
SPECIALITES = (
    ("MATHS", 0.7),
    ("PHCHI", 0.45),
    ("SVT", 0.4),
    ("SES", 0.4),
    ("HGGSP", 0.35),
    ("HLP", 0.2),
    ("LLCER", 0.25),
    ("NSI", 0.15),
    ("SI", 0.1),
)
SPECIALITES_PER_LEVEL = {"2nde": 0, "1re": 3, "Tle": 2}
OPTIONS = {"2nde": "LATIN", "1re": "LATIN", "Tle": "MATHC"}
BLOCK = 4
# a service to add: teacher, subject, division (-1: none), group (-1: none), carried over
ServiceRow = tuple[int, str, int, int, bool]


_CATEGORY_NAMED = {c.value: c for c in Category}


@dataclass
class _Table:
    labels: list[str] = field(default_factory=list)
    valid_from: list[float] = field(default_factory=list)
    valid_to: list[float] = field(default_factory=list)
    ends: dict[Category, list[int]] = field(default_factory=dict)
    # rows by the student they concern, ascending, built when first asked (a change touches
    # its students' rows only; most truths never ask)
    _by_student: dict[int, list[int]] | None = None
    # the code of each row's label (after "kind:"), split once when first asked
    codes: list[str] = field(default_factory=list)
    _ends: dict[str, list[int]] = field(default_factory=dict)  # by end name while building

    def add(self, label: str, start: float = 0.0, **ends: int) -> int:
        labels = self.labels
        labels.append(label)
        self.valid_from.append(start)
        self.valid_to.append(NEVER)
        row = len(labels) - 1
        if ends:
            mine = self._ends
            for name, index in ends.items():
                found = mine.get(name)
                if found is None:
                    found = mine[name] = []
                    self.ends[_CATEGORY_NAMED[name]] = found
                found.append(index)
            student = ends.get("students")
            if student is not None and self._by_student is not None:
                self._by_student.setdefault(student, []).append(row)
        return row

    @property
    def by_student(self) -> dict[int, list[int]]:
        if self._by_student is None:
            # a stable sort keeps each student's rows ascending, as the table adds them
            students = np.asarray(self._ends.get("students", []), dtype=np.int64)
            if not students.size:
                self._by_student = {}
                return self._by_student
            order = np.argsort(students, kind="stable")
            ordered = students[order]
            bounds = [0, *(np.flatnonzero(ordered[1:] != ordered[:-1]) + 1).tolist(), len(order)]
            rows = order.tolist()
            self._by_student = {
                student: rows[bounds[k] : bounds[k + 1]]
                for k, student in enumerate(ordered[bounds[:-1]].tolist())
            }
        return self._by_student

    def extend(self, labels: list[str], start: float | list[float], **ends: list[int]) -> int:
        """:meth:`add` of many rows at once (the same rows, in order; ``start`` one for all
        or one per row); returns the first."""
        first = len(self.labels)
        count = len(labels)
        self.labels.extend(labels)
        self.valid_from.extend([start] * count if isinstance(start, float) else start)
        self.valid_to.extend([NEVER] * count)
        for name, indexes in ends.items():
            found = self._ends.get(name)
            if found is None:
                found = self._ends[name] = []
                self.ends[_CATEGORY_NAMED[name]] = found
            found.extend(indexes)
        students = ends.get("students")
        if students is not None and self._by_student is not None:
            for row, student in enumerate(students, first):
                self._by_student.setdefault(student, []).append(row)
        return first

    def ends_of(self, name: str) -> list[int]:
        """Each row's endpoint ``name`` (a category's value), as added so far."""
        return self._ends.get(name, [])

    def codes_to(self, row: int) -> list[str]:
        """The codes of every row up to ``row`` (split once, as :meth:`code` does)."""
        self.code(row)
        return self.codes

    def code(self, row: int) -> str:
        codes, labels = self.codes, self.labels
        while len(codes) <= row:
            codes.append(labels[len(codes)].split(":", 1)[1])
        return codes[row]

    def add_stale(self, label: str, **ends: int) -> int:
        return self.add(label, NEVER, **ends)

    def freeze(self, category: Category) -> FactTable:
        return FactTable(
            category=category,
            labels=self.labels,
            valid_from=_array(self.valid_from, np.float64),
            valid_to=_array(self.valid_to, np.float64),
            # every endpoint of a link category, even with no link (an imported lycée
            # whose links are not exported yet has no student-group row at all)
            ends={
                c: _array(self.ends.get(c, []), np.int64)
                for c in ENDPOINTS.get(category, tuple(self.ends))
            },
        )


def _array(values: list[Any], dtype: type[np.generic]) -> NDArray[Any]:
    # a list of Python numbers of one type: fromiter skips asarray's look at each type
    return np.fromiter(values, dtype=dtype, count=len(values))


def choose_without_replacement(rng: np.random.Generator, p: list[float], size: int) -> list[int]:
    """``rng.choice(len(p), size, replace=False, p=p)``, by numpy's own algorithm (the same
    draws and the same indexes, tested), without its overhead for a handful of choices: the
    truth makes one such choice per student."""
    return choose_many(rng, p, size, 1)[0]


def choose_many(rng: np.random.Generator, p: list[float], size: int, count: int) -> list[list[int]]:
    """:func:`choose_without_replacement` ``count`` times in a row: the same indexes, and
    the generator left where those calls leave it. Uniform draws are taken from ``rng`` in
    blocks, never more than the calls still need at the least, and used in the order the
    calls would draw them (one call's second round before the next call's first)."""
    first_cdf = _cdf(list(p), [])
    drawn: list[float] = []
    used = 0
    chosen: list[list[int]] = []
    for call in range(count):
        found: list[int] = []
        seen: set[int] = set()
        cdf = first_cdf
        while len(found) < size:
            wanted = size - len(found)
            if len(drawn) - used < wanted:
                # at the least, this round and a first round of each call still to come
                drawn = (
                    drawn[used:]
                    + rng.random(wanted - (len(drawn) - used) + size * (count - call - 1)).tolist()
                )
                used = 0
            values = drawn[used : used + wanted]
            used += wanted
            if found:
                cdf = _cdf(list(p), found)
            for value in values:
                index = bisect.bisect_right(cdf, value)
                if index not in seen:
                    seen.add(index)
                    found.append(index)
        chosen.append(found)
    return chosen


def _cdf(shares: list[float], taken: list[int]) -> list[float]:
    """numpy's cumulative shares, those already taken set to zero, normalised."""
    for index in taken:
        shares[index] = 0.0
    cdf: list[float] = []
    total = 0.0
    for share in shares:
        total += share
        cdf.append(total)
    return [value / total for value in cdf]


class TruthBuilder:
    """Builds the facts of one établissement; the generator draws its structure and people,
    subclasses (an import) take them from elsewhere and share the rest."""

    def __init__(self, etab: Etablissement, rng: np.random.Generator) -> None:
        self.etab = etab
        self.rng = rng
        self.t = {c: _Table() for c in Category}
        self.student_origin: list[int] = []
        self.student_duplicate: list[int] = []
        self.student_leaver: list[bool] = []
        self.student_division: list[int] = []
        self.student_level: list[str] = []
        self.division_level: list[str] = []
        self.division_new: list[bool] = []
        self.division_obsolete: list[bool] = []
        self.group_carried: list[bool] = []
        self.group_subject: list[str] = []
        self.group_level: list[str] = []
        self.group_divisions: list[list[int]] = []
        self.service_carried: list[bool] = []
        self.teacher_returning: list[bool] = []
        self.teachers_by_subject: dict[str, list[int]] = {}
        self.teacher_turn: dict[str, int] = {}
        self.current_groups = 0
        self.previous_year_rows: dict[Category, list[int]] = {
            Category.STUDENT_DIVISION: [],
            Category.STUDENT_GROUP: [],
        }

    # --- structure ---------------------------------------------------------------------
    def divisions(self) -> None:
        counts = self.etab.divisions.by_level()
        rows: list[int] = []
        for level in LEVELS:
            for i in range(counts[level]):
                row = self.t[Category.DIVISIONS].add(f"division:{LEVEL_PREFIX[level]}{i + 1:02d}")
                self.division_level.append(level)
                self.division_new.append(False)
                self.division_obsolete.append(False)
                rows.append(row)
        self.mark_new_divisions(rows)
        for k in range(self.etab.obsolete_divisions):
            level = LEVELS[k % 3]
            self.t[Category.DIVISIONS].add_stale(f"division:{LEVEL_PREFIX[level]}{90 + k:02d}")
            self.division_level.append(level)
            self.division_new.append(False)
            self.division_obsolete.append(True)

    def mark_new_divisions(self, rows: list[int]) -> None:
        """The last divisions of each level, in turn, are this year's new ones."""
        by_level = {lv: [r for r in rows if self.division_level[r] == lv] for lv in LEVELS}
        chosen = 0
        wanted = min(self.etab.new_divisions, len(rows))
        while chosen < wanted:
            for level in LEVELS:
                if by_level[level] and chosen < wanted:
                    self.division_new[by_level[level].pop()] = True
                    chosen += 1

    def true_divisions(self, level: str) -> list[int]:
        return [
            d
            for d, lv in enumerate(self.division_level)
            if lv == level and not self.division_obsolete[d]
        ]

    def teachers(self) -> None:
        demand: dict[str, int] = {}
        for level, n in self.etab.divisions.by_level().items():
            for subject in CORE_SUBJECTS[level]:
                demand[subject] = demand.get(subject, 0) + n
        for lang in ("ANG", *(lv for lv, _ in LV_B), *(s for s, _ in SPECIALITES), "LATIN"):
            demand[lang] = demand.get(lang, 0) + 6
        demand["MATHC"] = demand.get("MATHC", 0) + 2
        subjects = sorted(demand)
        total = sum(demand.values())
        n = max(self.etab.teachers, len(subjects))
        share = {s: max(1, round(n * demand[s] / total)) for s in subjects}
        ordered = [s for s in subjects for _ in range(share[s])]
        for k in range(n):
            subject = ordered[k % len(ordered)]
            row = self.t[Category.TEACHERS].add(f"enseignant:P{k + 1:04d}")
            self.teachers_by_subject.setdefault(subject, []).append(row)
            self.teacher_returning.append(bool(self.rng.random() >= self.etab.new_teachers_share))
        for subject in subjects:
            self.teachers_by_subject.setdefault(subject, [0])

    def teacher_for(self, subject: str, shift: int = 0) -> int:
        pool = self.teachers_by_subject.get(subject) or self.teachers_by_subject["FRANC"]
        turn = self.teacher_turn.get(subject, 0)
        self.teacher_turn[subject] = turn + 1
        return pool[(turn + shift) % len(pool)]

    def add_group(
        self, code: str, subject: str, level: str, divisions: list[int], carried: bool = False
    ) -> int:
        table = self.t[Category.GROUPS]
        row = table.add_stale(f"groupe:{code}") if carried else table.add(f"groupe:{code}")
        self.group_carried.append(carried)
        self.group_subject.append(subject)
        self.group_level.append(level)
        self.group_divisions.append(sorted(set(divisions)))
        return row

    # --- people ------------------------------------------------------------------------
    def add_student(
        self,
        code: str,
        level: str,
        division: int,
        origin: Origin,
        start: float = 0.0,
        parents: bool = True,
    ) -> int:
        return self.add_students([code], level, [division], [origin], start, parents)[0]

    def add_students(
        self,
        codes: list[str],
        level: str,
        divisions: list[int],
        origins: list[Origin],
        start: float = 0.0,
        parents: bool = True,
    ) -> list[int]:
        """Students of one level in their division (a transferred one followed by its twin
        record), with their parents (one draw each, in order); returns their rows."""
        table = self.t[Category.STUDENTS]
        labels: list[str] = []
        starts: list[float] = []
        rows: list[int] = []
        row = len(table.labels)
        for code, division, origin in zip(codes, divisions, origins, strict=True):
            labels.append(f"eleve:{code}")
            starts.append(start)
            rows.append(row)
            self.student_origin.append(ORIGINS.index(origin))
            self.student_leaver.append(False)
            self.student_duplicate.append(-1)
            self.student_division.append(division)
            self.student_level.append(level)
            row += 1
            if origin is Origin.TRANSFER:
                labels.append(f"eleve:{code}-DOUBLON")
                starts.append(NEVER)
                self.student_origin.append(-1)
                self.student_leaver.append(False)
                self.student_duplicate.append(-1)
                self.student_division.append(-1)
                self.student_level.append(level)
                self.student_duplicate[rows[-1]] = row
                row += 1
        table.extend(labels, starts)
        division_codes = self.t[Category.DIVISIONS].codes_to(max(divisions))
        self.t[Category.STUDENT_DIVISION].extend(
            [
                f"eleve:{c} division:{division_codes[d]}"
                for c, d in zip(codes, divisions, strict=True)
            ],
            start,
            students=rows,
            divisions=divisions,
        )
        if parents:
            self.add_parents_of(rows, codes, start)
        return rows

    def add_parents_of(
        self, students: list[int], codes: list[str], start: float, stale: bool = False
    ) -> None:
        """One or two parents for each student (one draw each, in order), and their links."""
        draws = self.rng.random(len(students)).tolist()
        share = self.etab.two_parents_share
        parents, links = self.t[Category.PARENTS], self.t[Category.PARENT_STUDENT]
        first = len(parents.labels)
        parent_labels: list[str] = []
        link_labels: list[str] = []
        link_students: list[int] = []
        for student, code, draw in zip(students, codes, draws, strict=True):
            parent = "parent:R" + code[1:]
            child = " eleve:" + code
            parent_labels.append(parent + "A")
            link_labels.append(parent + "A" + child)
            link_students.append(student)
            if draw < share:
                parent_labels.append(parent + "B")
                link_labels.append(parent + "B" + child)
                link_students.append(student)
        when = NEVER if stale else start
        parents.extend(parent_labels, when)
        links.extend(
            link_labels,
            when,
            parents=list(range(first, first + len(parent_labels))),
            students=link_students,
        )

    def _codes(self, category: Category, last: int) -> list[str]:
        """The codes of ``category``'s rows up to ``last`` (none when it is -1)."""
        return self.t[category].codes_to(last) if last >= 0 else []

    def label_code(self, category: Category, row: int) -> str:
        return self.t[category].code(row)

    def link(self, student: int, group: int, start: float = 0.0) -> int:
        return self.links([student], [group], start)

    def links(self, students: list[int], groups: list[int], start: float = 0.0) -> int:
        """Student ``students[k]`` in group ``groups[k]``, for each k; returns the first row
        (rows in that order). A truth holds thousands of links: they are added in one go."""
        if not students:
            return len(self.t[Category.STUDENT_GROUP].labels)
        student_codes = self.t[Category.STUDENTS].codes_to(max(students))
        group_codes = self.t[Category.GROUPS].codes_to(max(groups))
        labels = [
            f"eleve:{student_codes[s]} groupe:{group_codes[g]}"
            for s, g in zip(students, groups, strict=True)
        ]
        table = self.t[Category.STUDENT_GROUP]
        return table.extend(labels, start, students=students, groups=groups)

    @property
    def links_of_student(self) -> dict[int, list[int]]:
        """Rows of student_group links, per student, for copying profiles and group changes
        (every link but last year's, which come last)."""
        return self.t[Category.STUDENT_GROUP].by_student

    def students(self) -> None:
        counts = self.etab.divisions.by_level()
        total_div = sum(counts.values())
        exact = {lv: self.etab.students * counts[lv] / total_div for lv in LEVELS}
        per_level = {lv: math.floor(exact[lv]) for lv in LEVELS}
        # largest remainders first, so that the levels add up to the établissement's size
        for lv in sorted(LEVELS, key=lambda lv: per_level[lv] - exact[lv])[
            : self.etab.students - sum(per_level.values())
        ]:
            per_level[lv] += 1
        number = 0
        for level in LEVELS:
            shares = self.etab.origins[level]  # type: ignore[index]
            probs = [shares.returning, shares.affectation, shares.transfer, shares.external]
            divisions = self.true_divisions(level)
            origins = self.rng.choice(4, size=per_level[level], p=probs).tolist()
            count = per_level[level]
            if count:
                self.add_students(
                    [f"E{number + k + 1:05d}" for k in range(count)],
                    level,
                    [divisions[k % len(divisions)] for k in range(count)],
                    [ORIGINS[o] for o in origins],
                )
            number += count
        self.add_leavers(per_level["Tle"])

    def add_leavers(self, terminale: int) -> None:
        """Last year's Tle, gone: stale students (as many as this year's Tle by default)."""
        leavers = self.etab.leavers if self.etab.leavers is not None else terminale
        codes = [f"E9{k + 1:04d}" for k in range(leavers)]
        first = self.t[Category.STUDENTS].extend([f"eleve:{code}" for code in codes], NEVER)
        self.student_origin.extend([ORIGINS.index(Origin.RETURNING)] * leavers)
        self.student_leaver.extend([True] * leavers)
        self.student_duplicate.extend([-1] * leavers)
        self.student_division.extend([-1] * leavers)
        self.student_level.extend(["Tle"] * leavers)
        self.add_parents_of(list(range(first, first + leavers)), codes, 0.0, stale=True)

    def level_students(self, level: str) -> list[int]:
        return [
            s
            for s, lv in enumerate(self.student_level)
            if lv == level and self.student_division[s] >= 0
        ]

    # --- groups and links --------------------------------------------------------------
    def fill_groups(self, members: list[int], subject: str, level: str, tag: str) -> None:
        if not members:
            return
        count = math.ceil(len(members) / self.etab.group_size)
        groups = []
        for g in range(count):
            divs = [self.student_division[s] for s in members[g::count]]
            groups.append(self.add_group(f"{subject}_{tag}_{g + 1}", subject, level, divs))
        self.links(members, [groups[k % count] for k in range(len(members))])

    def groups(self) -> None:
        for level in LEVELS:
            divisions = self.true_divisions(level)
            students = self.level_students(level)
            block_of = {
                d: b for b in range(0, len(divisions), BLOCK) for d in divisions[b : b + BLOCK]
            }
            by_block: dict[int, list[int]] = {b: [] for b in range(0, len(divisions), BLOCK)}
            for s in students:
                b = block_of.get(self.student_division[s])
                if b is not None:
                    by_block[b].append(s)
            names = [lv for lv, _ in LV_B]
            for b in range(0, len(divisions), BLOCK):
                tag = f"{LEVEL_PREFIX[level]}B{b // BLOCK + 1}"
                members = by_block[b]
                self.fill_groups(members, "ANG", level, tag)
                picks = self.rng.choice(len(names), size=len(members), p=[p for _, p in LV_B])
                chosen: list[list[int]] = [[] for _ in names]
                for s, p in zip(members, picks.tolist(), strict=True):
                    chosen[p].append(s)
                for i, lang in enumerate(names):
                    self.fill_groups(chosen[i], lang, level, tag)
            k = SPECIALITES_PER_LEVEL[level]
            if k:
                names = [s for s, _ in SPECIALITES]
                weights = np.asarray([w for _, w in SPECIALITES])
                taken: dict[str, list[int]] = {n: [] for n in names}
                shares = (weights / weights.sum()).tolist()
                for student, specialities in zip(
                    students, choose_many(self.rng, shares, k, len(students)), strict=True
                ):
                    for i in specialities:
                        taken[names[i]].append(student)
                for name in names:
                    self.fill_groups(taken[name], name, level, f"{LEVEL_PREFIX[level]}SPE")
            draws = self.rng.random(len(students)).tolist()  # the same stream as one by one
            share = self.etab.option_share
            optional = [s for s, u in zip(students, draws, strict=True) if u < share]
            self.fill_groups(optional, OPTIONS[level], level, f"{LEVEL_PREFIX[level]}OPT")

    def carried_groups(self) -> None:
        """Last year's groups (kept in STS-WEB when the bascule carries them over)."""
        current = len(self.group_subject)
        self.current_groups = current
        for g in range(current):
            code = self.label_code(Category.GROUPS, g)
            self.add_group(
                f"{code}_N-1",
                self.group_subject[g],
                self.group_level[g],
                self.group_divisions[g],
                carried=True,
            )

    def services(self) -> None:
        rows: list[ServiceRow] = []
        for d, level in enumerate(self.division_level):
            for subject in CORE_SUBJECTS[level]:
                if not self.division_obsolete[d]:
                    rows.append((self.teacher_for(subject), subject, d, -1, False))
                if not self.division_new[d]:
                    # last year's service of the division, carried over with the structure
                    rows.append((self.teacher_for(subject, shift=1), subject, d, -1, True))
        for g, subject in enumerate(self.group_subject):
            rows.append((self.teacher_for(subject), subject, -1, g, self.group_carried[g]))
        self.add_services(rows)

    def add_service(
        self,
        teacher: int,
        subject: str,
        division: int = -1,
        group: int = -1,
        carried: bool = False,
    ) -> None:
        """A teacher's service of one division or one group; a carried one is last year's
        (stale, its label marked N-1 for a division)."""
        self.add_services([(teacher, subject, division, group, carried)])

    def add_services(self, rows: list[ServiceRow]) -> None:
        """:meth:`add_service` of each row, in order (a truth holds about a thousand)."""
        if not rows:
            return
        teacher_codes = self._codes(Category.TEACHERS, max(r[0] for r in rows))
        division_codes = self._codes(Category.DIVISIONS, max(r[2] for r in rows))
        group_codes = self._codes(Category.GROUPS, max(r[3] for r in rows))
        labels: list[str] = []
        for teacher, subject, division, group, carried in rows:
            if division >= 0:
                target = f"division:{division_codes[division]}"
                suffix = " (N-1)" if carried else ""
            else:
                target = f"groupe:{group_codes[group]}"
                suffix = ""
            labels.append(f"enseignant:{teacher_codes[teacher]} {target} matiere:{subject}{suffix}")
        carried_flags = [r[4] for r in rows]
        self.t[Category.SERVICES].extend(
            labels,
            [NEVER if carried else 0.0 for carried in carried_flags],
            teachers=[r[0] for r in rows],
            divisions=[r[2] for r in rows],
            groups=[r[3] for r in rows],
        )
        self.service_carried.extend(carried_flags)

    # --- reality changes ---------------------------------------------------------------
    def end(self, category: Category, row: int, minute: float) -> None:
        self.t[category].valid_to[row] = minute

    def active_rows(self, category: Category, minute: float) -> list[int]:
        tab = self.t[category]
        return [r for r in range(len(tab.labels)) if tab.valid_from[r] <= minute < tab.valid_to[r]]

    def change(
        self, spec: RealityChange, clock: Clock, recorded: float, number: int
    ) -> TruthChange:
        minute = clock.day_minutes(spec.date, _MIDNIGHT)
        change = TruthChange(kind=spec.kind, minute=minute, recorded=recorded)
        started: dict[Category, list[int]] = {c: [] for c in Category}
        ended: dict[Category, list[int]] = {c: [] for c in Category}
        levels = [spec.level] if spec.level else list(LEVELS)
        candidates = [
            s
            for s in self.active_rows(Category.STUDENTS, minute)
            if self.student_level[s] in levels and self.student_division[s] >= 0
        ]
        if spec.kind == "arrival":
            change.origin = Origin(spec.origin)
            classmates: dict[int, list[int]] = {}
            for s in candidates:
                classmates.setdefault(self.student_division[s], []).append(s)
            for k in range(spec.count):
                level = levels[k % len(levels)]
                if not self.true_divisions(level):  # an imported lycée may lack a level
                    continue
                division = int(self.rng.choice(self.true_divisions(level)))
                mates = classmates.get(division, [])
                before = {c: len(self.t[c].labels) for c in Category}
                code = f"E8{number + k:04d}"
                row = self.add_student(code, level, division, Origin(spec.origin), minute)
                if mates:
                    mate = int(self.rng.choice(mates))
                    for link in self.links_of_student.get(mate, []):
                        if self.t[Category.STUDENT_GROUP].valid_to[link] == NEVER:
                            group = self.t[Category.STUDENT_GROUP].ends[Category.GROUPS][link]
                            self.link(row, group, minute)
                for c in Category:
                    started[c].extend(
                        r
                        for r in range(before[c], len(self.t[c].labels))
                        if np.isfinite(self.t[c].valid_from[r])
                    )
        elif spec.kind == "departure":
            chosen = self._pick(candidates, spec.count)
            for s in chosen:
                for c in (Category.STUDENTS,):
                    self.end(c, s, minute)
                    ended[c].append(s)
                for c in (
                    Category.STUDENT_DIVISION,
                    Category.STUDENT_GROUP,
                    Category.PARENT_STUDENT,
                ):
                    tab = self.t[c]
                    for r in tab.by_student.get(s, []):
                        if tab.valid_from[r] <= minute < tab.valid_to[r]:
                            self.end(c, r, minute)
                            ended[c].append(r)
                            if c is Category.PARENT_STUDENT:
                                parent = tab.ends[Category.PARENTS][r]
                                self.end(Category.PARENTS, parent, minute)
                                ended[Category.PARENTS].append(parent)
        elif spec.kind == "division_change":
            chosen = self._pick(candidates, spec.count)
            tab = self.t[Category.STUDENT_DIVISION]
            for s in chosen:
                others = [
                    d
                    for d in self.true_divisions(self.student_level[s])
                    if d != self.student_division[s]
                ]
                if not others:
                    continue
                new_div = int(self.rng.choice(others))
                for r in tab.by_student.get(s, []):
                    if tab.valid_to[r] == NEVER:
                        self.end(Category.STUDENT_DIVISION, r, minute)
                        ended[Category.STUDENT_DIVISION].append(r)
                self.student_division[s] = new_div
                code = self.label_code(Category.STUDENTS, s)
                started[Category.STUDENT_DIVISION].append(
                    tab.add(
                        f"eleve:{code} division:{self.label_code(Category.DIVISIONS, new_div)}",
                        minute,
                        students=s,
                        divisions=new_div,
                    )
                )
        else:  # group_change
            tab = self.t[Category.STUDENT_GROUP]
            alike: dict[tuple[str, str], list[int]] = {}
            for g in range(len(self.group_subject)):
                if not self.group_carried[g]:
                    alike.setdefault((self.group_subject[g], self.group_level[g]), []).append(g)
            with_groups = [s for s in candidates if self.links_of_student.get(s)]
            for s in self._pick(with_groups, spec.count):
                current = [r for r in self.links_of_student[s] if tab.valid_to[r] == NEVER]
                if not current:
                    continue
                old = int(self.rng.choice(current))
                group = tab.ends[Category.GROUPS][old]
                mine = {tab.ends[Category.GROUPS][r] for r in current}
                siblings = [
                    g
                    for g in alike.get((self.group_subject[group], self.group_level[group]), [])
                    if g not in mine
                ]
                if not siblings:
                    continue
                self.end(Category.STUDENT_GROUP, old, minute)
                ended[Category.STUDENT_GROUP].append(old)
                started[Category.STUDENT_GROUP].append(
                    self.link(s, int(self.rng.choice(siblings)), minute)
                )
        change.started = {c: np.asarray(v, dtype=np.int64) for c, v in started.items() if v}
        change.ended = {c: np.asarray(v, dtype=np.int64) for c, v in ended.items() if v}
        return change

    def previous_year_memberships(self) -> None:
        """Last year's classes and groups of the leavers (last year's Tle): stale links,
        drawn without the rng so that no other fact moves. Each leaver was in a Tle class
        that exists again this year, and in last year's twins of a classmate's groups."""
        previous_year = [
            d
            for d, level in enumerate(self.division_level)
            if level == "Tle" and not self.division_new[d] and not self.division_obsolete[d]
        ]
        leavers = [s for s, leaver in enumerate(self.student_leaver) if leaver]
        if not previous_year or not leavers:
            return
        classmates: dict[int, list[int]] = {d: [] for d in previous_year}
        for s in self.level_students("Tle"):
            mates = classmates.get(self.student_division[s])
            if mates is not None:
                mates.append(s)
        groups = self.t[Category.STUDENT_GROUP].ends.get(Category.GROUPS, [])
        student_codes = self.t[Category.STUDENTS].codes_to(max(leavers))
        division_codes = self.t[Category.DIVISIONS].codes_to(max(previous_year))
        divisions = [previous_year[k % len(previous_year)] for k in range(len(leavers))]
        # one row per leaver in its class, then one per group of its classmate, in order
        first = self.t[Category.STUDENT_DIVISION].extend(
            [
                f"eleve:{student_codes[s]} division:{division_codes[d]} (N-1)"
                for s, d in zip(leavers, divisions, strict=True)
            ],
            NEVER,
            students=leavers,
            divisions=divisions,
        )
        self.previous_year_rows[Category.STUDENT_DIVISION].extend(
            range(first, first + len(leavers))
        )
        chosen = [
            mates[(k // len(previous_year)) % len(mates)] if mates else -1
            for k, mates in enumerate(classmates[d] for d in divisions)
        ]
        members, links = _rows_of(self.t[Category.STUDENT_GROUP].ends_of("students"), chosen)
        if not links:
            return
        member_students = [leavers[k] for k in members]
        twins = [groups[link] + self.current_groups for link in links]
        group_codes = self.t[Category.GROUPS].codes_to(max(twins))
        first = self.t[Category.STUDENT_GROUP].extend(
            [
                f"eleve:{student_codes[s]} groupe:{group_codes[g]}"
                for s, g in zip(member_students, twins, strict=True)
            ],
            NEVER,
            students=member_students,
            groups=twins,
        )
        self.previous_year_rows[Category.STUDENT_GROUP].extend(range(first, first + len(twins)))

    def _pick(self, rows: list[int], count: int) -> list[int]:
        if not rows:
            return []
        chosen = self.rng.choice(len(rows), size=min(count, len(rows)), replace=False)
        return [rows[i] for i in sorted(chosen)]

    def freeze(self, changes: list[TruthChange]) -> Truth:
        indptr = np.zeros(len(self.group_divisions) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(d) for d in self.group_divisions])
        indices = np.asarray([d for ds in self.group_divisions for d in ds], dtype=np.int64)
        return Truth(
            tables={c: self.t[c].freeze(c) for c in Category},
            student_origin=np.asarray(self.student_origin, dtype=np.int64),
            student_duplicate=np.asarray(self.student_duplicate, dtype=np.int64),
            student_is_leaver=np.asarray(self.student_leaver, dtype=bool),
            division_is_new=np.asarray(self.division_new, dtype=bool),
            division_is_obsolete=np.asarray(self.division_obsolete, dtype=bool),
            group_is_carried=np.asarray(self.group_carried, dtype=bool),
            group_division_indptr=indptr,
            group_division_indices=indices,
            service_is_carried=np.asarray(self.service_carried, dtype=bool),
            teacher_is_returning=np.asarray(self.teacher_returning, dtype=bool),
            changes=changes,
            previous_year={
                c: _flags(len(self.t[c].labels), rows)
                for c, rows in self.previous_year_rows.items()
            },
        )


_MIDNIGHT = dt.time(0, 0)


def _flags(size: int, rows: list[int]) -> NDArray[np.bool_]:
    flags = np.zeros(size, dtype=bool)
    flags[np.asarray(rows, dtype=np.int64)] = True
    return flags


def _rows_of(owners: list[int], wanted: list[int]) -> tuple[list[int], list[int]]:
    """For each ``wanted[k]`` (-1: none), every row whose owner it is, ascending: the pairs
    (k, row) in that order, as two lists."""
    owner = np.asarray(owners, dtype=np.int64)
    order = np.argsort(owner, kind="stable")
    ordered = owner[order]
    keys = np.asarray(wanted, dtype=np.int64)
    first = np.searchsorted(ordered, keys, side="left")
    counts = np.searchsorted(ordered, keys, side="right") - first
    counts[keys < 0] = 0
    which = np.repeat(np.arange(len(keys)), counts)
    # the k-th row of each run: its first row, plus its position within the run
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    rows = order[np.repeat(first, counts) + offsets]
    return which.tolist(), rows.tolist()


def generate_truth(
    etab: Etablissement,
    reality: list[RealityChange],
    clock: Clock,
    recorded_minutes: list[float],
    seed: int,
) -> Truth:
    """The établissement's facts for the year, and the dated changes of ``reality``.

    ``recorded_minutes[i]`` is when staff type change ``i`` in (computed by the caller from the
    scenario's calendar), kept here so the engine needs nothing else from the scenario.
    """
    return build(TruthBuilder(etab, np.random.default_rng(seed)), reality, clock, recorded_minutes)


def build(
    builder: TruthBuilder,
    reality: list[RealityChange],
    clock: Clock,
    recorded_minutes: list[float],
) -> Truth:
    """The truth ``builder`` makes, in the generator's order (which fixes its draws)."""
    builder.divisions()
    builder.teachers()
    builder.students()
    builder.groups()
    builder.carried_groups()
    builder.services()
    changes: list[TruthChange] = []
    number = 1
    order = sorted(range(len(reality)), key=lambda i: reality[i].date)
    for i in order:
        changes.append(builder.change(reality[i], clock, recorded_minutes[i], number))
        number += reality[i].count
    builder.previous_year_memberships()
    return builder.freeze(changes)
