"""Each scenario's dates, computed by hand from the domain facts (docstrings show the sums).

Default channels: structure copy STS-WEB → SIECLE continuous +1 day; link activation in
SIECLE daily 20:00; AAF extraction daily 21:00, full on Saturdays, reading STS-WEB one day
behind; ENT import daily 02:00, landing 03:30, every import taken as complete (a user absent
from it is marked disappeared and kept until the pre-delete, daily 03:00, 90 days later);
GAR export daily 21:00, in GAR at 06:00. The directory is observed daily at 08:00.

Dates about the lycée's steps are the dates apart from departed accounts (``except``): the
ENT keeps last year's leavers until its pre-delete whatever the calendar; the strict dates
are asserted where a test is about them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sim.domain import Category, Target
from tests.conftest import SCENARIOS, at, run_scenario


def D(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def target(name: str, which: Target):  # type: ignore[no-untyped-def]
    analysis = run_scenario(name)
    return analysis, analysis.targets[which]


def except_departed(analysis, dated):  # type: ignore[no-untyped-def]
    return at(analysis, dated.consistent_except_departed_from)


def test_nominal_dates() -> None:
    """import_sts_edt Mon 31/08 16:00 puts the groups in STS-WEB; +1 day → SIECLE Tue 01/09
    16:00. Links exported Thu 03/09 10:00 (groups there: all accepted) → active Thu 20:00 →
    extracted Thu 21:00 → ENT import Fri 02:00, landing 03:30 → ENT right Fri 04/09 08:00.
    GAR export every night at 21:00, in GAR at 06:00 (sources.md §2: the link imported in
    SIECLE on Thu J is in the ENT on J+1 and in GAR on J+2): Fri 21:00 → Sat 05/09 06:00 → GAR
    right Sat 05/09 08:00.
    Services: in STS-WEB Mon 16:00; the extraction reads STS-WEB one day behind, so Tue 21:00
    (reading Mon 21:00) is the first to carry them → ENT Wed 02/09 03:30, right 08:00; GAR export
    Wed 21:00 → Thu 03/09 06:00.
    Departed accounts (rule 8): the profilage Tue 16/06 takes the leavers out of SIECLE, the
    Wed 17/06 02:00 import marks them; 17/06 02:00 + 90 days = Tue 15/09 02:00, so the 15/09
    03:00 pre-delete removes them: ENT strictly right Tue 15/09 08:00, GAR after the 15/09
    21:00 export, Wed 16/09 08:00.
    Transition Mon 24/08 10:00: the 21:00 export ships an ENT without classes, in GAR Tue 25/08
    06:00; the Tue 02:00 import rebuilds the ENT by 03:30, the Tue 21:00 export GAR by Wed
    26/08 06:00: GAR divisions right from 26/08."""
    analysis, ent = target("nominal.yaml", Target.ENT)
    _, gar = target("nominal.yaml", Target.GAR)
    assert except_departed(analysis, ent) == D("2026-09-04 08:00")
    assert except_departed(analysis, gar) == D("2026-09-05 08:00")
    assert at(analysis, ent.consistent_from) == D("2026-09-15 08:00")
    assert at(analysis, gar.consistent_from) == D("2026-09-16 08:00")
    assert ent.critical_category_except_departed is Category.STUDENT_GROUP
    assert ent.critical_category is Category.STUDENTS
    assert at(analysis, gar.categories[Category.DIVISIONS].consistent_from) == D("2026-08-26 08:00")
    assert at(analysis, ent.categories[Category.DIVISIONS].consistent_from) == D("2026-06-24 08:00")
    assert at(analysis, ent.categories[Category.SERVICES].consistent_from) == D("2026-09-02 08:00")
    assert at(analysis, gar.categories[Category.SERVICES].consistent_from) == D("2026-09-03 08:00")
    assert at(analysis, ent.categories[Category.GROUPS].consistent_from) == D("2026-09-02 08:00")
    assert [w for w in analysis.warnings if w.severity == "warning"] == []


def test_nominal_links_land_at_the_import() -> None:
    """Every student→group link is first right in the ENT when the Friday import lands
    (04/09 03:30) and in GAR when the Friday 21:00 export lands (05/09 06:00)."""
    analysis, ent = target("nominal.yaml", Target.ENT)
    _, gar = target("nominal.yaml", Target.GAR)
    clock = analysis.result.clock
    this_year = ~analysis.result.truth.table(Category.STUDENT_GROUP).stale
    for tc, expected in ((ent, "2026-09-04 03:30"), (gar, "2026-09-05 06:00")):
        first = tc.categories[Category.STUDENT_GROUP].fact_first_correct
        assert np.all(first[this_year] == clock.minutes(D(expected)))


def test_nominal_chain_names_the_path_of_the_links() -> None:
    """The GAR date apart from departed accounts waits for the groups (timetable → STS-WEB →
    SIECLE) and then the links; the strict one for the pre-delete and the next export."""
    _, gar = target("nominal.yaml", Target.GAR)
    assert [s.actor for s in gar.chain] == ["presuppression_ent", "export_gar"]
    assert [s.actor for s in gar.chain_except_departed] == [
        "construction_edt",
        "import_sts_edt",
        "sts_vers_siecle",
        "export_liens_siecle",
        "activation_liens",
        "extraction_aaf",
        "import_ent",
        "export_gar",
    ]


def test_nominal_stale_services_at_rentree_are_last_years() -> None:
    """At the rentrée the ENT still shows last year's services carried with the structure:
    those of the divisions kept at the bascule (not new, not obsolete: obsolete ones were
    deleted at the division check)."""
    analysis = run_scenario("nominal.yaml")
    truth = analysis.result.truth
    services = truth.table(Category.SERVICES)
    division = services.ends[Category.DIVISIONS]
    kept = (division >= 0) & truth.service_is_carried
    kept &= ~truth.division_is_new[division] & ~truth.division_is_obsolete[division]
    snapshot = analysis.snapshots[Target.ENT]["rentree"]
    assert snapshot.stale["services"] == int(kept.sum())
    assert snapshot.missing["student_group"] == int(
        (~truth.table(Category.STUDENT_GROUP).stale).sum()
    )  # every link of this year; last year's leavers' links were cleared by the transition
    assert snapshot.stale["student_group"] == 0


def test_links_late() -> None:
    """Links exported Thu 01/10 → ENT Fri 02/10 08:00; GAR export Fri 21:00 → Sat 03/10 06:00
    → GAR right Sat 03/10 08:00 (J+2)."""
    analysis, ent = target("liens-en-retard.yaml", Target.ENT)
    _, gar = target("liens-en-retard.yaml", Target.GAR)
    assert except_departed(analysis, ent) == D("2026-10-02 08:00")
    assert except_departed(analysis, gar) == D("2026-10-03 08:00")
    # past the pre-delete (15/09 and 16/09), both dates are the same
    assert ent.consistent_from == ent.consistent_except_departed_from


def test_links_never_exported() -> None:
    """No link ever reaches SIECLE: never consistent, every link still missing at the end."""
    analysis, ent = target("liens-jamais-exportes.yaml", Target.ENT)
    assert ent.consistent_except_departed_from is None
    assert analysis.targets[Target.GAR].consistent_except_departed_from is None
    links = ent.categories[Category.STUDENT_GROUP]
    assert links.consistent_from is None
    this_year = ~analysis.result.truth.table(Category.STUDENT_GROUP).stale
    assert links.missing[-1] == int(this_year.sum())
    assert {w.code for w in analysis.warnings} >= {"missing", "never_consistent"}
    assert links.blocking is not None and links.blocking.missing
    assert links.blocking.furthest == "edt"  # built in the timetable, never sent
    assert links.blocking.chain[-1].actor == "construction_edt"


def test_links_before_groups_are_rejected() -> None:
    """First export Tue 01/09 10:00: the groups reach SIECLE only at 16:00 (31/08 16:00 + 1 day),
    so every link is rejected. Second export Thu 10/09 → ENT Fri 11/09, GAR Sat 12/09: doing
    the export earlier than the nominal Thursday 03/09 made the date a week later."""
    analysis, ent = target("liens-avant-groupes.yaml", Target.ENT)
    _, gar = target("liens-avant-groupes.yaml", Target.GAR)
    rejected = [w for w in analysis.warnings if w.code == "links_rejected"]
    assert len(rejected) == 1
    this_year = ~analysis.result.truth.table(Category.STUDENT_GROUP).stale
    assert rejected[0].count == int(this_year.sum())
    assert at(analysis, rejected[0].minute) == D("2026-09-01 10:00")
    assert except_departed(analysis, ent) == D("2026-09-11 08:00")
    assert except_departed(analysis, gar) == D("2026-09-12 08:00")
    nominal = run_scenario("nominal.yaml").targets[Target.ENT].consistent_except_departed_from
    later = ent.consistent_except_departed_from
    assert nominal is not None and later is not None and later > nominal


def test_timetable_import_late() -> None:
    """import_sts_edt Mon 28/09 10:00: services extracted Tue 29/09 21:00 (reading STS-WEB as
    of Mon 21:00) → ENT Wed 30/09; links Thu 01/10 → ENT Fri 02/10, GAR Sat 03/10."""
    analysis, ent = target("import-sts-en-retard.yaml", Target.ENT)
    _, gar = target("import-sts-en-retard.yaml", Target.GAR)
    assert at(analysis, ent.categories[Category.SERVICES].consistent_from) == D("2026-09-30 08:00")
    assert except_departed(analysis, ent) == D("2026-10-02 08:00")
    assert except_departed(analysis, gar) == D("2026-10-03 08:00")
    week_after = analysis.snapshots[Target.ENT]["week_after"]
    assert week_after.stale["services"] > 0
    assert week_after.missing["groups"] == analysis.result.truth.table(Category.GROUPS).size // 2


def test_groups_carried_over_stay_stale() -> None:
    """Carried-over groups keep last year's services and are not in the timetable file: they
    stay in STS-WEB and so in the ENT and GAR, stale, to the end of the window."""
    analysis, ent = target("groupes-reconduits.yaml", Target.ENT)
    carried = int(analysis.result.truth.group_is_carried.sum())
    assert ent.consistent_from is None
    stuck = ent.categories[Category.GROUPS].blocking
    assert stuck is not None and not stuck.missing
    assert stuck.chain[0].actor == "bascule_sts"
    assert ent.categories[Category.GROUPS].stale[-1] == carried
    assert analysis.targets[Target.GAR].categories[Category.GROUPS].stale[-1] == carried
    assert ent.categories[Category.STUDENT_GROUP].consistent_from is not None
    warning = next(w for w in analysis.warnings if w.code == "carried_groups")
    assert warning.count == carried


def test_students_recreated_make_duplicates() -> None:
    """Half the transferred students are recreated: each is a stale duplicate in the ENT and
    their real account is missing, to the end of the window."""
    analysis, ent = target("eleves-recrees.yaml", Target.ENT)
    duplicates = sum(w.count for w in analysis.warnings if w.code == "duplicates")
    students = ent.categories[Category.STUDENTS]
    assert duplicates > 0
    assert students.stale[-1] == duplicates
    assert students.missing[-1] == duplicates
    assert ent.consistent_from is None


def test_siecle_export_skipped() -> None:
    """No student in the timetable software: the link export sends nothing (rule 4)."""
    analysis, ent = target("export-siecle-edt-oublie.yaml", Target.ENT)
    assert ent.consistent_from is None
    assert any(w.code == "links_without_students" for w in analysis.warnings)
    links = ent.categories[Category.STUDENT_GROUP]
    this_year = ~analysis.result.truth.table(Category.STUDENT_GROUP).stale
    assert links.missing[-1] == int(this_year.sum())


def test_aaf_outage() -> None:
    """Extraction down from Mon 31/08 00:00 to Mon 07/09 00:00: the runs of 31/08 … 06/09 are
    missed (7). The Mon 07/09 21:00 run carries everything → ENT Tue 08/09 03:30; the GAR
    export of Tue 21:00 is in GAR Wed 09/09 06:00."""
    analysis, ent = target("panne-aaf.yaml", Target.ENT)
    _, gar = target("panne-aaf.yaml", Target.GAR)
    outage = next(w for w in analysis.warnings if w.code == "outage")
    assert outage.count == 7
    extraction = next(s for s in ent.chain_except_departed if s.actor == "extraction_aaf")
    assert extraction.outages_waited == 6  # the groups were in SIECLE from Tue 01/09 16:00
    assert except_departed(analysis, ent) == D("2026-09-08 08:00")
    assert except_departed(analysis, gar) == D("2026-09-09 08:00")
    assert at(analysis, ent.consistent_from) == D("2026-09-15 08:00")  # the pre-delete


def test_late_arrivals() -> None:
    """Arrivals Mon 14/09, inscribed 10:00 → ENT Tue 15/09 with their class; their groups and
    the group changes of 15/09 wait for the links export of Tue 22/09 → ENT Wed 23/09,
    GAR Thu 24/09 (export Wed 21:00, in GAR at 06:00). The departure of Fri 18/09 leaves
    SIECLE the same day and the AAF at the 21:00 extraction; the Sat 19/09 02:00 import marks
    the student disappeared (rule 8): students right apart from departed accounts from Sat
    19/09 08:00. The ENT keeps the account, its class, groups and parent until the pre-delete
    (19/09 + 90 days = 18/12), past the window: never strictly right."""
    analysis, ent = target("arrivees-tardives.yaml", Target.ENT)
    _, gar = target("arrivees-tardives.yaml", Target.GAR)
    assert except_departed(analysis, ent) == D("2026-09-23 08:00")
    assert except_departed(analysis, gar) == D("2026-09-24 08:00")
    assert ent.consistent_from is None and gar.consistent_from is None
    students = ent.categories[Category.STUDENTS]
    assert except_departed(analysis, students) == D("2026-09-19 08:00")
    assert students.stale[-1] == students.departed[-1] == 1
    assert ent.departed_accounts[-1] == 2  # the student and its one parent
    assert {w.code for w in analysis.warnings} >= {"departed_beyond_window"}
    assert "never_consistent" not in {w.code for w in analysis.warnings}
    k = analysis.result.observations.index(analysis.result.clock.minutes(D("2026-09-15 08:00")))
    assert students.missing[k] == 0 and students.stale[k] == 0
    assert ent.categories[Category.STUDENT_GROUP].missing[k] > 0


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_scenario_runs_and_says_what_it_teaches(path) -> None:  # type: ignore[no-untyped-def]
    """Every scenario file is executed, and opens with a comment for the planner."""
    assert path.read_text(encoding="utf-8").startswith("#")
    analysis = run_scenario(path.name)
    assert set(analysis.targets) == {Target.ENT, Target.GAR}


def test_new_scenarios_of_the_ent_and_gar_rules() -> None:
    """sans-transition: the leavers' last-year links stay until the 15/09 pre-delete; the
    groups left empty go at the 16/09 02:00 import (ENT strict 16/09), and GAR gets no group
    without a member from the 15/09 export (GAR strict 16/09). Apart from departed accounts,
    as the nominal (04/09, 05/09).
    transition-apres-rentree: transition Mon 07/09 10:00; the 21:00 export ships an empty
    ENT (GAR without classes Tue 08/09 06:00), rebuilt by the Tue export (Wed 09/09 06:00).
    suppression-sur-complet: the leavers leave at the Sun 21/06 import (after Saturday's full
    extraction): both dates as the nominal's apart from departed accounts.
    groupes-depuis-edt: the EDT knows every student after the Mon 31/08 10:00 export; the
    Tue 01/09 01:00 timetable import fills groups and links; services come with the Wed 02/09
    import (ENT 02/09), GAR Thu 03/09."""
    expected = {
        "sans-transition.yaml": ("2026-09-16", "2026-09-16", "2026-09-04", "2026-09-05"),
        "transition-apres-rentree.yaml": ("2026-09-15", "2026-09-16", "2026-09-04", "2026-09-09"),
        "suppression-sur-complet.yaml": ("2026-09-04", "2026-09-05", "2026-09-04", "2026-09-05"),
        "groupes-depuis-edt.yaml": ("2026-09-15", "2026-09-16", "2026-09-02", "2026-09-03"),
    }
    for name, dates in expected.items():
        analysis = run_scenario(name)
        ent, gar = analysis.targets[Target.ENT], analysis.targets[Target.GAR]
        found = (
            at(analysis, ent.consistent_from),
            at(analysis, gar.consistent_from),
            except_departed(analysis, ent),
            except_departed(analysis, gar),
        )
        assert found == tuple(D(f"{d} 08:00") for d in dates), name
    late = run_scenario("transition-apres-rentree.yaml")
    warning = next(w for w in late.warnings if w.code == "transition_after_rentree")
    assert warning.detail == "2026-09-08T03:30,2026-09-08T06:00,2026-09-09T06:00"
    full_only = run_scenario("suppression-sur-complet.yaml").targets[Target.GAR]
    assert not full_only.departed_accounts.any()
