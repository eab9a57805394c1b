"""The diagnosis of one day's exports: each rule found where it is planted, with its count,
and nothing in clean files. Built on the hand-written samples (the readers' own source)."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from sim.analysis.diagnosis import Rule, Severity, diagnose
from sim.realfiles import exports as ex
from sim.realfiles.key import load_key
from sim.realfiles.readers import read_school_exports
from tests import realfiles_samples as samples

ON = date(2026, 9, 3)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> ex.SchoolExports:
    folder = tmp_path_factory.mktemp("exports")
    paths = samples.write_all(folder)
    key = load_key(folder / "config")
    return read_school_exports(
        paths["sts"], paths["eleves"], paths["structures"], paths["responsables"], key
    )


def _rules(files: ex.SchoolExports, on: date = ON) -> dict[Rule, int]:
    return {f.rule: f.count for f in diagnose(files, on).findings}


def test_clean_files_have_no_finding(clean: ex.SchoolExports) -> None:
    diagnosis = diagnose(clean, ON)
    assert diagnosis.findings == ()
    assert (diagnosis.students, diagnosis.divisions, diagnosis.groups, diagnosis.services) == (
        3,
        1,
        1,
        2,
    )


def test_a_group_of_sts_not_yet_in_siecle(clean: ex.SchoolExports) -> None:
    files = copy.deepcopy(clean)
    files.sts.groups.append(
        ex.Structure(
            "ITA 2B1",
            divisions=["2ND01"],
            services=[ex.Service("030602", [files.sts.teachers[1].ident])],
        )
    )
    assert _rules(files) == {Rule.STRUCTURE_MISSING_IN_SIECLE: 1}
    finding = diagnose(files, ON).of(Rule.STRUCTURE_MISSING_IN_SIECLE)
    assert finding is not None and finding.examples == ("ITA 2B1",)
    assert finding.severity is Severity.BLOCKING
    # once a student is placed in it, it is in SIECLE (rule 2): Structures.xml is older
    files.eleves.students[0].groups.append("ITA 2B1")
    assert _rules(files) == {Rule.STUDENT_STRUCTURE_UNKNOWN: 1}


def test_no_service_sent_up_and_a_division_without_service(clean: ex.SchoolExports) -> None:
    files = copy.deepcopy(clean)
    for structure in (*files.sts.divisions, *files.sts.groups):
        structure.services.clear()
    assert _rules(files) == {Rule.SERVICES_NOT_SENT: 1}
    files = copy.deepcopy(clean)
    files.sts.divisions.append(ex.Structure("2ND02", mefs=["20010018110"]))
    files.structures.divisions.append(ex.Structure("2ND02", mefs=["20010018110"]))
    files.eleves.students[2].divisions = ["2ND02"]
    assert _rules(files) == {Rule.DIVISION_WITHOUT_SERVICE: 1}


def test_services_whose_teacher_or_subject_is_unknown(clean: ex.SchoolExports) -> None:
    files = copy.deepcopy(clean)
    files.sts.divisions[0].services.append(ex.Service("030201", ["P-INCONNU000"]))
    files.sts.divisions[0].services.append(ex.Service("999999", [files.sts.teachers[0].ident]))
    files.sts.divisions[0].services.append(ex.Service("030201", []))
    assert _rules(files) == {Rule.SERVICE_INCOMPLETE: 3}


def test_students_without_division_group_or_with_two_divisions(clean: ex.SchoolExports) -> None:
    files = copy.deepcopy(clean)
    files.eleves.students[0].groups = []
    assert _rules(files) == {Rule.STUDENT_WITHOUT_GROUP: 1}
    for student in files.eleves.students:
        student.groups = []
    assert _rules(files) == {Rule.LINKS_NOT_EXPORTED: 3}  # its empty groups told once, here
    files = copy.deepcopy(clean)
    files.eleves.students[1].divisions = []
    files.eleves.students[2].divisions.append("2ND01 ")
    rules = _rules(files)
    assert rules[Rule.STUDENT_WITHOUT_DIVISION] == 1 and rules[Rule.STUDENT_SEVERAL_DIVISIONS] == 1


def test_carried_and_empty_structures(clean: ex.SchoolExports) -> None:
    files = copy.deepcopy(clean)
    files.sts.groups.append(ex.Structure("ESP 2B1_N-1", divisions=["2ND91"]))
    files.structures.groups.append(ex.Structure("ESP 2B1_N-1", divisions=["2ND91"]))
    assert _rules(files) == {Rule.CARRIED_GROUP: 1}
    files = copy.deepcopy(clean)
    files.structures.divisions.append(ex.Structure("2ND90"))
    files.structures.groups.append(ex.Structure("LATIN 2", divisions=["2ND01"]))
    assert _rules(files) == {
        Rule.DIVISION_WITHOUT_STUDENT: 1,
        Rule.GROUP_WITHOUT_STUDENT: 1,
    }


def test_duplicates_guardians_and_leavers(clean: ex.SchoolExports) -> None:
    files = copy.deepcopy(clean)
    students = [s.ident for s in files.eleves.students]
    files.eleves.duplicates = [[students[0], students[2]]]
    files.eleves.students[1].exit = date(2026, 9, 2)
    files.responsables.links = [
        link for link in files.responsables.links if link.student != students[2]
    ]
    files.responsables.links.append(ex.GuardianLink(students[0], "R-AUTRE00000", "1"))
    rules = _rules(files)
    assert rules == {
        Rule.PROBABLE_DUPLICATE: 1,
        Rule.LEFT_STUDENT_PLACED: 1,
        Rule.STUDENT_WITHOUT_GUARDIAN: 1,
        Rule.GUARDIAN_TWICE: 1,
    }
    finding = diagnose(files, ON).of(Rule.PROBABLE_DUPLICATE)
    assert finding is not None and finding.examples == (f"{students[0]} = {students[2]}",)


def test_guardians_of_students_the_list_lacks(clean: ex.SchoolExports) -> None:
    """ResponsablesAvecAdresses made a day after ElevesSansAdresses: links to students the
    list lacks are told (for information: the import ignores them), by the students'
    pseudonyms, each once."""
    files = copy.deepcopy(clean)
    assert files.responsables is not None
    guardian = files.responsables.guardians[0].ident
    for legal in ("1", "2"):
        files.responsables.links.append(ex.GuardianLink("E-INCONNU0000", guardian, legal))
    assert _rules(files) == {Rule.GUARDIAN_OF_UNKNOWN_STUDENT: 1}
    finding = diagnose(files, ON).of(Rule.GUARDIAN_OF_UNKNOWN_STUDENT)
    assert finding is not None and finding.examples == ("E-INCONNU0000",)
    assert finding.severity is Severity.INFO


def test_an_old_export_is_told(clean: ex.SchoolExports) -> None:
    assert _rules(clean, date(2026, 9, 30)) == {Rule.OLD_EXPORT: 1}


def test_findings_come_most_serious_first(clean: ex.SchoolExports) -> None:
    files = copy.deepcopy(clean)
    files.eleves.students[1].exit = date(2026, 9, 2)
    files.eleves.students[0].divisions = []
    files.structures.divisions.append(ex.Structure("2ND90"))
    severities = [f.severity for f in diagnose(files, ON).findings]
    assert severities == sorted(severities, key=list(Severity).index)
    assert severities[0] is Severity.BLOCKING and severities[-1] is Severity.INFO


def test_what_a_clean_real_lycee_may_look_like_is_not_a_defect(clean: ex.SchoolExports) -> None:
    """A lycée without any group (told, to check), an option group in a level, SIECLE's
    Inactifs, a new group not copied yet, a student who arrives later: none is a blocking
    defect."""
    files = copy.deepcopy(clean)
    files.sts.groups.clear()
    files.structures.groups.clear()
    for student in files.eleves.students:
        student.groups = []
    # an LP may have no groups: to check only (the divisions with students are counted)
    assert _rules(files) == {Rule.NO_GROUP: len(files.sts.divisions)}
    assert diagnose(files, ON).count(Severity.BLOCKING) == 0
    files = copy.deepcopy(clean)
    for student in files.eleves.students[1:]:
        student.groups = []  # one student of three in an option group
    files.structures.divisions.append(ex.Structure(ex.INACTIVE_DIVISION))
    files.eleves.students.append(
        ex.Student("E-ARRIVEE000", divisions=["2ND01"], entry=date(2026, 9, 10))
    )
    assert _rules(files) == {}
    files.sts.groups.append(ex.Structure("NOUVEAU", divisions=["2ND01"]))
    assert _rules(files) == {Rule.STRUCTURE_MISSING_IN_SIECLE: 1}  # new, not carried


def test_no_group_is_told_even_without_sts_web_s_divisions(clean: ex.SchoolExports) -> None:
    """An STS-WEB export with no division nor group: the students' divisions name the
    classes whose students have no group."""
    files = copy.deepcopy(clean)
    files.sts.divisions.clear()
    files.sts.groups.clear()
    files.structures.groups.clear()
    for student in files.eleves.students:
        student.groups = []
    finding = diagnose(files, ON).of(Rule.NO_GROUP)
    placed = {s.divisions[0] for s in files.eleves.students if s.divisions}
    assert finding is not None and finding.count == len(placed) > 0
