"""The truth of an établissement imported from its own exports (``etablissement.donnees``).

What the files hold is taken as it is, true from the window's start: divisions, groups and
their divisions, teachers, services, students with their division, groups and origin,
guardians. What they cannot hold (last year's structure and leavers, the twin records of
transferred students, returning teachers) follows the generator's conventions and the
scenario's parameters, exactly as for a generated lycée; reality changes work the same.
"""

from __future__ import annotations

import numpy as np

from sim.calendar import Clock
from sim.domain import LEVELS, Category, Origin, Store
from sim.scenario.donnees import EstablishmentData, ObservedData
from sim.scenario.model import Etablissement, RealityChange
from sim.truth.facts import BoolArray
from sim.truth.generator import CORE_SUBJECTS, TruthBuilder, build
from sim.truth.model import Truth

OBSOLETE_PREFIX = "ANCIENNE"
LEAVER_PREFIX = "E9"


class ImportedBuilder(TruthBuilder):
    """A :class:`TruthBuilder` whose structure and people come from a data file."""

    def __init__(
        self,
        etab: Etablissement,
        data: EstablishmentData,
        rng: np.random.Generator,
        assume_groups: bool = False,
        assume_services: bool = False,
    ) -> None:
        super().__init__(etab, rng)
        self.data = data
        # no group or no service in the files: the generator's stand for the reality (a
        # forecast)
        self.assumed_groups = assume_groups and not data.groupes
        self.assumed_services = assume_services and not data.services
        self.division_row: dict[str, int] = {}
        self.group_row: dict[str, int] = {}
        self.teacher_row: dict[str, int] = {}

    def divisions(self) -> None:
        table = self.t[Category.DIVISIONS]
        levels = []
        for division in self.data.divisions:
            self.division_row[division.code] = table.add(f"division:{division.code}")
            levels.append(self.data.level_of(division))
            self.division_level.append(levels[-1])
            self.division_new.append(False)
            self.division_obsolete.append(False)
        self.mark_new_divisions(list(range(len(levels))))
        for k in range(self.etab.obsolete_divisions):
            table.add_stale(f"division:{OBSOLETE_PREFIX}{k + 1:02d}")
            self.division_level.append(LEVELS[k % 3])
            self.division_new.append(False)
            self.division_obsolete.append(True)

    def teachers(self) -> None:
        table = self.t[Category.TEACHERS]
        for teacher in self.data.enseignants:
            self.teacher_row[teacher] = table.add(f"enseignant:{teacher}")
            self.teacher_returning.append(bool(self.rng.random() >= self.etab.new_teachers_share))
        for service in self.data.services:
            pool = self.teachers_by_subject.setdefault(service.matiere, [])
            row = self.teacher_row[service.enseignant]
            if row not in pool:
                pool.append(row)

    def students(self) -> None:
        guardians_of: dict[str, list[str]] = {}
        for guardian in self.data.responsables:
            for child in guardian.eleves:
                guardians_of.setdefault(child, []).append(guardian.id)
        parent_row: dict[str, int] = {}
        links = self.t[Category.PARENT_STUDENT]
        for student in self.data.eleves:
            division = self.division_row[student.division]
            level = self.division_level[division]
            origin = Origin(student.origine)
            if not self.data.responsables:  # no guardians' file: drawn as the generator does
                self.add_student(student.id, level, division, origin)
                continue
            row = self.add_student(student.id, level, division, origin, parents=False)
            for parent in guardians_of.get(student.id, []):
                if parent not in parent_row:
                    parent_row[parent] = self.t[Category.PARENTS].add(f"parent:{parent}")
                links.add(
                    f"parent:{parent} eleve:{student.id}",
                    parents=parent_row[parent],
                    students=row,
                )
        terminale = sum(
            1
            for s in self.data.eleves
            if self.division_level[self.division_row[s.division]] == "Tle"
        )
        self.add_leavers(terminale)

    def groups(self) -> None:
        if self.assumed_groups:
            super().groups()  # by level and block of divisions, with their links
            return
        subject_of: dict[str, str] = {}
        for service in self.data.services:
            if service.groupe is not None:
                subject_of.setdefault(service.groupe, service.matiere)
        for group in self.data.groupes:
            divisions = [self.division_row[d] for d in group.divisions]
            level = self.division_level[divisions[0]] if divisions else LEVELS[0]
            self.group_row[group.code] = self.add_group(
                group.code, subject_of.get(group.code, group.code), level, divisions
            )
        for student, row in zip(self.data.eleves, self._student_rows(), strict=True):
            for code in student.groupes:
                self.link(row, self.group_row[code])

    def _student_rows(self) -> list[int]:
        """The rows of the file's students (twins of transferred students skipped)."""
        return [
            row
            for row, origin in enumerate(self.student_origin)
            if origin >= 0 and not self.student_leaver[row]
        ]

    def services(self) -> None:
        old_subjects: dict[int, list[str]] = {}
        for service in self.data.services:
            teacher = self.teacher_row[service.enseignant]
            if service.division is not None:
                division = self.division_row[service.division]
                self.add_service(teacher, service.matiere, division=division)
                old_subjects.setdefault(division, []).append(service.matiere)
            else:
                assert service.groupe is not None
                group = self.group_row[service.groupe]
                self.add_service(teacher, service.matiere, group=group)
        if self.assumed_services:
            self._usual_services()
        if self.assumed_groups:
            self._assumed_group_services()
        # last year's services of the divisions that existed then, carried with the structure
        for division, subjects in old_subjects.items():
            if self.division_new[division]:
                continue
            for subject in dict.fromkeys(subjects):
                old = self.teacher_for(subject, shift=1)
                self.add_service(old, subject, division=division, carried=True)
        for group in range(self.current_groups, len(self.group_subject)):
            subject = self.group_subject[group]
            if subject in self.teachers_by_subject:
                self.add_service(self.teacher_for(subject), subject, group=group, carried=True)

    def _usual_services(self) -> None:
        """Each division's usual subjects for its level (the generator's), taught by the
        file's teachers in turn (none carried from last year: the files show none)."""
        everyone = list(self.teacher_row.values())
        turn = 0
        for division in self.division_row.values() if everyone else ():
            for subject in CORE_SUBJECTS[self.division_level[division]]:
                self.add_service(everyone[turn % len(everyone)], subject, division=division)
                turn += 1

    def _assumed_group_services(self) -> None:
        """One service per assumed group: a teacher of its subject when the files name
        one, else the file's teachers in turn."""
        everyone = list(self.teacher_row.values())
        for group in range(self.current_groups):
            subject = self.group_subject[group]
            pool = self.teachers_by_subject.get(subject) or everyone
            if not pool:
                return
            turn = self.teacher_turn.get(subject, 0)
            self.teacher_turn[subject] = turn + 1
            self.add_service(pool[turn % len(pool)], subject, group=group)


def imported_truth(
    etab: Etablissement,
    data: EstablishmentData,
    reality: list[RealityChange],
    clock: Clock,
    recorded_minutes: list[float],
    seed: int,
    assume_groups: bool = False,
    assume_services: bool = False,
) -> Truth:
    """The truth of ``data``, with the dated changes of ``reality``; with ``assume_groups``
    (``assume_services``) and no group (service) in ``data``, the generator's (the
    forecast's reality)."""
    builder = ImportedBuilder(
        etab, data, np.random.default_rng(seed), assume_groups, assume_services
    )
    return build(builder, reality, clock, recorded_minutes)


ObservedFacts = dict[Store, dict[Category, BoolArray]]


def observed_facts(truth: Truth, observed: ObservedData) -> tuple[ObservedFacts, ObservedFacts]:
    """The facts of ``truth`` that ``observed`` shows: STS-WEB's and SIECLE's entities, and
    the links SIECLE holds. Facts are found by their labels (the builder's); what the
    truth left out (a student without a division, an empty group) is not a fact."""

    def facts(category: Category, labels: set[str]) -> BoolArray:
        table = truth.table(category)
        found: BoolArray = np.fromiter(
            (label in labels for label in table.labels), dtype=bool, count=table.size
        )
        return found & ~table.stale

    o = observed
    services = {f"enseignant:{t} {target} matiere:{m}" for t, target, m in o.sts_services}
    entities = {
        Store.STS: {
            Category.TEACHERS: facts(
                Category.TEACHERS, {f"enseignant:{t}" for t in o.sts_teachers}
            ),
            Category.DIVISIONS: facts(
                Category.DIVISIONS, {f"division:{d}" for d in o.sts_divisions}
            ),
            Category.GROUPS: facts(Category.GROUPS, {f"groupe:{g}" for g in o.sts_groups}),
            Category.SERVICES: facts(Category.SERVICES, services),
        },
        Store.SIECLE: {
            Category.STUDENTS: facts(Category.STUDENTS, {f"eleve:{s}" for s in o.siecle_students}),
            Category.DIVISIONS: facts(
                Category.DIVISIONS, {f"division:{d}" for d in o.siecle_divisions}
            ),
            Category.GROUPS: facts(Category.GROUPS, {f"groupe:{g}" for g in o.siecle_groups}),
        },
    }
    links = {
        Category.STUDENT_DIVISION: facts(
            Category.STUDENT_DIVISION,
            {f"eleve:{s} division:{d}" for s, d in o.student_divisions},
        ),
        Category.STUDENT_GROUP: facts(
            Category.STUDENT_GROUP, {f"eleve:{s} groupe:{g}" for s, g in o.student_groups}
        ),
    }
    if o.guardian_links is not None:
        links[Category.PARENT_STUDENT] = facts(
            Category.PARENT_STUDENT, {f"parent:{p} eleve:{s}" for p, s in o.guardian_links}
        )
    return entities, {Store.SIECLE: links}
