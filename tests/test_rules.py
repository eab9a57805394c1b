"""Each rule of domain.md §3 and each engine convention, on small variations of the nominal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from sim.analysis.run_analysis import Analysis, analyse
from sim.cli import app
from sim.domain import Category, Origin, Store, Target
from sim.engine.model import ChainModel
from sim.engine.simulation import build_truth, simulate
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario
from tests.conftest import SCENARIOS, run_scenario


def merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        out[key] = (
            merged(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


def nominal_with(override: dict[str, Any], students: int = 240) -> Scenario:
    data = yaml.safe_load((SCENARIOS / "nominal.yaml").read_text(encoding="utf-8"))
    data = merged(
        data,
        {
            "etablissement": {
                "students": students,
                "divisions": {"2nde": 3, "1re": 3, "Tle": 2},
                "teachers": 40,
            }
        },
    )
    return Scenario.model_validate(merged(data, override))


def run(override: dict[str, Any]) -> Analysis:
    return analyse(simulate(nominal_with(override)))


def codes(analysis: Analysis) -> dict[str, int]:
    found: dict[str, int] = {}
    for w in analysis.warnings:
        found[w.code] = found.get(w.code, 0) + w.count
    return found


def day(
    analysis: Analysis, target: Target, category: Category | None = None, strict: bool = False
) -> dt.date | None:
    """The consistency date; by default apart from departed accounts (the ENT keeps leavers
    until its pre-delete whatever the calendar), ``strict`` for the plain one."""
    tc = analysis.targets[target]
    dated = tc if category is None else tc.categories[category]
    minute = dated.consistent_from if strict else dated.consistent_except_departed_from
    return None if minute is None else analysis.result.instant(minute).date()


def test_gate_refuses_inscriptions_before_profiling() -> None:
    """SIECLE's base is not initialised before the profiling: inscriptions are refused."""
    analysis = run({"operations": {"profilage": {"date": "2026-07-15"}}})
    refused = [w for w in analysis.warnings if w.code == "refused"]
    assert {w.actor for w in refused} >= {"inscription_affectation", "verification_divisions"}
    assert all("profilage" in w.detail for w in refused)


def test_order_broken_is_reported_with_what_was_missing() -> None:
    analysis = run({"operations": {"construction_edt": {"date": "2026-07-01"}}})
    broken = [w for w in analysis.warnings if w.code == "order_broken"]
    assert broken and broken[0].actor == "construction_edt"
    assert set(broken[0].detail.split(",")) == {"export_sts_edt", "export_siecle_edt"}


def test_a_profiling_before_the_sts_web_switch_is_out_of_order() -> None:
    """domain.md §1: the bascule comes first; the profiling sends the new year's
    nomenclatures to STS-WEB, so a profiling on Tue 16/06 before a bascule on Thu 18/06 is
    reported (the profiling is not refused: the order is a recommendation)."""
    analysis = run({"operations": {"bascule_sts": {"date": "2026-06-18"}}})
    broken = [w for w in analysis.warnings if w.code == "order_broken"]
    assert [(w.actor, w.detail) for w in broken][:1] == [("profilage", "bascule_sts")]
    assert not [w for w in analysis.warnings if w.code == "refused" and w.actor == "profilage"]


def test_rule_3_only_matched_items_are_sent_up() -> None:
    """Without the structure carried over and with the STS-WEB → EDT export done before the
    division check, EDT knows no division: no group and no division service can go up."""
    analysis = run(
        {
            "operations": {
                "bascule_sts": {"carry_structure": False},
                "export_sts_edt": {"date": "2026-06-19"},
            }
        }
    )
    truth = analysis.result.truth
    found = codes(analysis)
    assert found["unmatched_groups"] == int((~truth.table(Category.GROUPS).stale).sum())
    assert found["unmatched_services"] == int((~truth.table(Category.SERVICES).stale).sum())
    assert day(analysis, Target.ENT, Category.SERVICES) is None


def test_rule_1_link_import_replaces_the_links_of_the_file() -> None:
    """In the late-arrivals scenario 8 students change group: the second import deletes
    their 8 old links from SIECLE."""
    analysis = run_scenario("arrivees-tardives.yaml")
    [replaced] = [w for w in analysis.warnings if w.code == "links_replaced"]
    assert replaced.count == 8
    assert analysis.result.instant(replaced.minute) == dt.datetime(2026, 9, 22, 10, 0)


def test_rule_7_empty_groups_are_not_in_the_ent() -> None:
    scenario = nominal_with({})
    truth, clock = build_truth(scenario)
    model = ChainModel(scenario, truth, clock, 0)
    aaf = {c: truth.empty(c) for c in Category}
    aaf[Category.GROUPS][:2] = True
    aaf[Category.STUDENTS][:] = ~truth.table(Category.STUDENTS).stale
    links = truth.table(Category.STUDENT_GROUP)
    first_link = int(np.flatnonzero(links.ends[Category.GROUPS] == 0)[0])
    aaf[Category.STUDENT_GROUP][first_link] = True
    ent = model.ent_state_after_import(aaf, full=True, current=None)
    assert ent[Category.GROUPS][0] and not ent[Category.GROUPS][1]
    assert ent[Category.STUDENT_GROUP].sum() == 1


def _group_spanning_one_division(truth: Any) -> tuple[int, int, int]:
    """A group with exactly one division, and one of its services: (group, division, row)."""
    counts = np.diff(truth.group_division_indptr)
    services = truth.table(Category.SERVICES)
    for group in np.flatnonzero(counts == 1):
        rows = np.flatnonzero(services.ends[Category.GROUPS] == group)
        if rows.size:
            division = int(truth.group_division_indices[truth.group_division_indptr[group]])
            return int(group), division, int(rows[0])
    raise AssertionError("no group over a single division with a service")


def test_rule_12_a_group_teacher_keeps_the_groups_classes() -> None:
    """sources.md rule 12: the teacher of a group sits in the classes of the group's divisions,
    so a class with no student and no class service but such a teacher is not deleted."""
    scenario = nominal_with({})
    truth, clock = build_truth(scenario)
    model = ChainModel(scenario, truth, clock, 0)
    group, division, service = _group_spanning_one_division(truth)
    teacher = int(truth.table(Category.SERVICES).ends[Category.TEACHERS][service])
    aaf = {c: truth.empty(c) for c in Category}
    aaf[Category.DIVISIONS][division] = True
    aaf[Category.GROUPS][group] = True
    aaf[Category.TEACHERS][teacher] = True
    aaf[Category.SERVICES][service] = True
    ent = model.ent_state_after_import(aaf, full=True, current=None)
    assert ent[Category.DIVISIONS][division] and ent[Category.GROUPS][group]
    aaf[Category.SERVICES][service] = False  # without the teacher, the class is empty
    ent = model.ent_state_after_import(aaf, full=True, current=None)
    assert not ent[Category.DIVISIONS][division] and not ent[Category.GROUPS][group]


def test_rule_12_what_the_ent_sends_to_gar() -> None:
    """GAR gets every class, even an empty one; a group only with a member; a teacher ×
    group × subject entry only when one of the group's divisions is a class of the ENT."""
    scenario = nominal_with({})
    truth, clock = build_truth(scenario)
    model = ChainModel(scenario, truth, clock, 0)
    group, division, service = _group_spanning_one_division(truth)
    ent = {c: truth.empty(c) for c in Category}
    ent[Category.DIVISIONS][division] = True
    ent[Category.GROUPS][[group, group + 1]] = True
    ent[Category.SERVICES][service] = True
    sent = model.gar_export(ent)
    assert set(sent) == set(model.stores[Store.GAR].categories)
    assert sent[Category.DIVISIONS][division]  # no student: still a DIVISION in GAR
    assert sent[Category.GROUPS][group] and not sent[Category.GROUPS][group + 1]
    assert sent[Category.SERVICES][service]
    ent[Category.DIVISIONS][division] = False  # the teacher is in no class of the group
    sent = model.gar_export(ent)
    assert not sent[Category.SERVICES][service] and sent[Category.GROUPS][group]
    division_services = truth.table(Category.SERVICES).ends[Category.GROUPS] < 0
    ent[Category.SERVICES] = division_services
    assert (model.gar_export(ent)[Category.SERVICES] == division_services).all()


def _model(override: dict[str, Any] | None = None) -> tuple[ChainModel, Any]:
    scenario = nominal_with(override or {})
    truth, clock = build_truth(scenario)
    return ChainModel(scenario, truth, clock, 0), truth


def test_rule_8_full_only_removes_users_at_a_full_import() -> None:
    """``removal: full_only`` (ENTs applying delta files): a user absent from a delta import
    stays, one absent from the import after a full extraction goes, links and all."""
    model, truth = _model({"channels": {"import_ent": {"removal": "full_only"}}})
    current = {c: truth.empty(c) for c in Category}
    current[Category.STUDENTS][:3] = True
    aaf = {c: truth.empty(c) for c in Category}
    aaf[Category.STUDENTS][1:3] = True
    delta = model.ent_state_after_import(aaf, full=False, current=current)
    full = model.ent_state_after_import(aaf, full=True, current=current)
    assert delta[Category.STUDENTS][:3].tolist() == [True, True, True]
    assert full[Category.STUDENTS][:3].tolist() == [False, True, True]
    assert not model.departed_after_import(aaf, delta)[Category.STUDENTS].any()


def _student_in_a_division(truth: Any) -> tuple[int, int, int]:
    """A student with its class link: (student, division, link row)."""
    links = truth.table(Category.STUDENT_DIVISION)
    row = int(np.flatnonzero(~links.stale)[0])
    return int(links.ends[Category.STUDENTS][row]), int(links.ends[Category.DIVISIONS][row]), row


def _ent_with(truth: Any, student: int, division: int, link: int) -> dict[Category, Any]:
    """An ENT holding one student in its class, and nothing else."""
    ent = {c: truth.empty(c) for c in Category}
    ent[Category.STUDENTS][student] = True
    ent[Category.DIVISIONS][division] = True
    ent[Category.STUDENT_DIVISION][link] = True
    return ent


def test_rule_8_every_import_keeps_a_disappeared_user_with_its_links() -> None:
    """entcore (default): a user absent from any import is marked disappeared and kept with
    its class link; the class, whose only member left, is kept too (departed users count as
    members). Back in the files, the user is no longer marked."""
    model, truth = _model()
    student, division, link = _student_in_a_division(truth)
    current = _ent_with(truth, student, division, link)
    empty_files = {c: truth.empty(c) for c in Category}
    for full in (False, True):
        kept = model.ent_state_after_import(empty_files, full=full, current=current)
        assert kept[Category.STUDENTS][student]
        assert kept[Category.STUDENT_DIVISION][link]
        assert kept[Category.DIVISIONS][division]
        assert model.departed_after_import(empty_files, kept)[Category.STUDENTS][student]
    back = model.ent_state_after_import(current, full=False, current=kept)
    assert not model.departed_after_import(current, back)[Category.STUDENTS].any()


def test_rule_7_a_user_in_the_files_loses_the_links_they_no_longer_have() -> None:
    """The links of each user in the files are rebuilt from the files: a student still in
    the files without its class link loses it; the class, now empty, is deleted."""
    model, truth = _model()
    student, division, link = _student_in_a_division(truth)
    current = _ent_with(truth, student, division, link)
    files = {c: truth.empty(c) for c in Category}
    files[Category.STUDENTS][student] = True
    after = model.ent_state_after_import(files, full=False, current=current)
    assert after[Category.STUDENTS][student]
    assert not after[Category.STUDENT_DIVISION][link]
    assert not after[Category.DIVISIONS][division]


def test_pre_delete_removes_the_user_and_its_links_not_its_class() -> None:
    """The pre-delete removes the departed user and every link it is an end of; the class
    stays until an import finds it empty."""
    model, truth = _model()
    student, division, link = _student_in_a_division(truth)
    ent = _ent_with(truth, student, division, link)
    parents = truth.table(Category.PARENT_STUDENT)
    parent_link = int(np.flatnonzero(parents.ends[Category.STUDENTS] == student)[0])
    ent[Category.PARENT_STUDENT][parent_link] = True
    gone = {c: truth.empty(c) for c in (Category.STUDENTS, Category.PARENTS, Category.TEACHERS)}
    gone[Category.STUDENTS][student] = True
    after = model.without_users(ent, gone)
    assert not after[Category.STUDENTS][student]
    assert not after[Category.STUDENT_DIVISION][link]
    assert not after[Category.PARENT_STUDENT][parent_link]
    assert after[Category.DIVISIONS][division]


def test_leavers_are_kept_until_the_pre_delete_then_gone_from_ent_and_gar() -> None:
    """Nominal calendar (small lycée). Profilage Tue 16/06 10:00: the leavers leave SIECLE,
    the 21:00 extraction drops them from the AAF; the Wed 17/06 02:00 import marks them
    (landing 03:30), GAR gets the mark with the 17/06 21:00 export (18/06 06:00).
    17/06 02:00 + 90 days = Tue 15/09 02:00: the 03:00 pre-delete of 15/09 removes them from
    the ENT, the 15/09 21:00 export from GAR (Wed 16/09 06:00)."""
    analysis = run({})
    result = analysis.result
    leaver = int(np.flatnonzero(result.truth.student_is_leaver)[0])

    def held(store: Store, when: str) -> bool:
        minute = result.clock.minutes(dt.datetime.fromisoformat(when))
        return bool(result.histories[store][Category.STUDENTS].at(minute)[leaver])

    assert held(Store.ENT, "2026-09-15 02:59") and not held(Store.ENT, "2026-09-15 03:01")
    assert held(Store.GAR, "2026-09-16 05:59") and not held(Store.GAR, "2026-09-16 06:01")
    marks = result.departed[Store.ENT][Category.STUDENTS]
    marked = marks.minutes[marks.last_transition(leaver, True, result.end_minute) or 0]
    assert result.instant(marked) == dt.datetime(2026, 6, 17, 3, 30)
    assert day(analysis, Target.ENT, strict=True) == dt.date(2026, 9, 15)
    assert day(analysis, Target.GAR, strict=True) == dt.date(2026, 9, 16)
    leavers = int(result.truth.student_is_leaver.sum())
    gar = analysis.targets[Target.GAR]
    rentree = result.observations.index(result.clock.day_minutes(result.rentree, dt.time(8)))
    assert gar.departed_accounts[rentree] == leavers  # one GAR licence each
    ent = analysis.targets[Target.ENT]
    parents = int(
        result.truth.table(Category.PARENT_STUDENT).stale.sum()
    )  # every stale parent link is a leaver's, one parent each
    assert ent.departed_accounts[rentree] == leavers + parents
    assert ent.accounts_pending_deletion[-1] == leavers + parents  # deleted 14/12, past the end


def test_transition_empties_the_ent_structure_and_the_next_import_rebuilds_it() -> None:
    """Transition Mon 24/08 10:00 (nominal): no class, group or membership in the ENT until
    the Tue 25/08 02:00 import lands at 03:30 with exactly the AAF's; the 24/08 21:00 export
    ships the empty ENT, so GAR has no class on the morning of 25/08, and again from the
    25/08 21:00 export (26/08 06:00)."""
    analysis = run({})
    result = analysis.result

    def at(store: Store, category: Category, when: str) -> Any:
        minute = result.clock.minutes(dt.datetime.fromisoformat(when))
        return result.histories[store][category].at(minute)

    for category in (Category.DIVISIONS, Category.GROUPS, Category.STUDENT_DIVISION):
        assert at(Store.ENT, category, "2026-08-24 09:59").any()
        assert not at(Store.ENT, category, "2026-08-24 10:01").any()
    assert at(Store.ENT, Category.STUDENTS, "2026-08-24 10:01").any()  # users stay
    aaf_links = at(Store.AAF, Category.STUDENT_DIVISION, "2026-08-25 02:00")
    rebuilt = at(Store.ENT, Category.STUDENT_DIVISION, "2026-08-25 03:31")
    assert (rebuilt == aaf_links).all()
    assert not at(Store.GAR, Category.DIVISIONS, "2026-08-25 08:00").any()
    assert at(Store.GAR, Category.DIVISIONS, "2026-08-26 08:00").any()
    assert day(analysis, Target.GAR, Category.DIVISIONS) == dt.date(2026, 8, 26)


def test_without_transition_leavers_stay_in_last_years_classes_until_the_pre_delete() -> None:
    """No transition: the leavers' last-year class and group links, fed by the AAF until the
    profilage, stay in the ENT with the leavers until the 15/09 pre-delete."""
    analysis = run({"operations": {"transition_ent": {"missing": True, "date": []}}})
    result = analysis.result
    previous = result.truth.previous_year[Category.STUDENT_DIVISION]
    history = result.histories[Store.ENT][Category.STUDENT_DIVISION]
    minute = result.clock.minutes(dt.datetime(2026, 9, 14, 8, 0))
    assert history.at(minute)[previous].all()
    assert not history.at(result.end_minute - 1)[previous].any()
    assert day(analysis, Target.ENT, Category.STUDENT_DIVISION, strict=True) == dt.date(2026, 9, 15)
    assert day(analysis, Target.ENT, Category.STUDENT_DIVISION) == dt.date(2026, 8, 29)


def test_same_minute_operations_run_before_batches() -> None:
    """Links exported at 20:00 sharp are seen by the 20:00 activation (operations come before
    channels at the same minute): ENT the next morning, as for an export at 10:00."""
    at_20 = run({"operations": {"export_liens_siecle": {"date": "2026-09-03 20:00"}}})
    at_10 = run({})
    assert day(at_20, Target.ENT) == day(at_10, Target.ENT) == dt.date(2026, 9, 4)
    just_after = run({"operations": {"export_liens_siecle": {"date": "2026-09-03 20:01"}}})
    assert day(just_after, Target.ENT) == dt.date(2026, 9, 5)


def test_partial_timetable_then_completed() -> None:
    """Half the groups built in July; the rest on 7 September, sent up the same day at 16:00,
    links exported Thursday 10 September → ENT Friday 11 September."""
    analysis = run(
        {
            "operations": {
                "construction_edt": {
                    "date": ["2026-07-09", "2026-09-07 09:00"],
                    "share": [0.5, 1.0],
                },
                "import_sts_edt": {"date": ["2026-08-31 16:00", "2026-09-07 16:00"]},
                "export_liens_siecle": {"date": ["2026-09-03", "2026-09-10"]},
            }
        }
    )
    assert day(analysis, Target.ENT, Category.STUDENT_GROUP) == dt.date(2026, 9, 11)


def test_partial_share_is_cumulative() -> None:
    """share applies at each occurrence over the same seeded order: 0.5 then 0.5 again is
    still half the groups (the second pass redoes the same half)."""
    analysis = run(
        {
            "operations": {
                "construction_edt": {"date": ["2026-07-09", "2026-08-31 14:00"], "share": 0.5},
            }
        }
    )
    edt = analysis.result.histories[Store.EDT][Category.GROUPS].states[-1]
    groups = ~analysis.result.truth.table(Category.GROUPS).stale
    assert edt[groups].sum() == int(np.ceil(0.5 * groups.sum()))


def test_outage_of_the_structure_copy_postpones_the_delivery() -> None:
    """The STS-WEB → SIECLE copy is down until Wed 02/09 12:00: the groups sent up on Monday
    31/08 16:00 reach SIECLE then; the links exported Thursday are accepted."""
    analysis = run(
        {
            "channels": {
                "sts_vers_siecle": {
                    "outages": [{"start": "2026-08-31 00:00", "end": "2026-09-02 12:00"}]
                }
            }
        }
    )
    groups = analysis.result.histories[Store.SIECLE][Category.GROUPS]
    arrival = next(m for m, s in zip(groups.minutes, groups.states, strict=True) if s.any())
    assert analysis.result.instant(arrival) == dt.datetime(2026, 9, 2, 12, 0)
    assert "links_rejected" not in codes(analysis)


def test_inscription_shares_are_cumulative() -> None:
    """The nominal's AFFELNET rounds have shares [0.85, 0.97, 1.0] of its 402 affectation
    students: ceil(0.85 × 402) = 342 inscribed after the first round, ceil(0.97 × 402) =
    390 after the second (not 97 % of the 60 left, which would give 401), all 402 after the
    last, as the scenario format documents."""
    result = simulate(load_scenario(SCENARIOS / "nominal.yaml"))
    history = result.histories[Store.SIECLE][Category.STUDENTS]
    affectation = result.truth.students_of(Origin.AFFECTATION)
    counts = []
    for state in history.states:
        count = int(np.count_nonzero(state & affectation))
        if not counts or counts[-1] != count:
            counts.append(count)
    assert counts == [0, 342, 390, 402]


def test_dates_out_of_order_are_put_in_time_order_with_their_shares() -> None:
    """Shares are cumulative in time: [28/08, 02/07] with shares [1.0, 0.7] is the nominal's
    [02/07, 28/08] with [0.7, 1.0], so risk and plan, which keep or drop dates by position,
    keep each share with its date."""
    unsorted = nominal_with(
        {"operations": {"transferts": {"date": ["2026-08-28", "2026-07-02"], "share": [1.0, 0.7]}}}
    )
    spec = unsorted.operations.transferts
    assert spec.date == [dt.date(2026, 7, 2), dt.date(2026, 8, 28)]
    assert spec.share == [0.7, 1.0]


def test_messages_name_a_date_where_it_is_written_even_out_of_order(tmp_path: Path) -> None:
    """Dates are put in time order at validation, but a message names the date where the
    user wrote it: the Saturday 29/08 written first is « date[0] », on its own line."""
    scenario = tmp_path / "desordre.yaml"
    scenario.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\nname: désordre\noperations:\n"
        "  export_liens_siecle:\n    date:\n      - 2026-08-29\n      - 2026-09-10\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 0
    assert "ligne 6 : champ « operations.export_liens_siecle.date[0] »" in result.output
    assert "samedi" in result.output


@pytest.mark.parametrize("snapshot", ["previous_night", "en_direct"])
def test_a_siecle_export_shows_what_was_typed_up_to_the_night_before(snapshot: str) -> None:
    """domain.md §2: data typed in SIECLE appear in its XML exports the next day. Students
    created on Mon 31/08 at 09:00 are not in the export SIECLE → EDT of 10:00 that day,
    which holds SIECLE as it was that night; with ``snapshot: live`` (« en_direct ») they
    are. Either way every student typed before 31/08 is there."""
    creation = {"date": ["2026-07-03", "2026-08-31 09:00"], "share": [0.6, 1.0]}
    exports = {"date": ["2026-07-08", "2026-08-31"], "snapshot": snapshot}
    result = simulate(
        nominal_with({"operations": {"creation_eleves": creation, "export_siecle_edt": exports}})
    )
    at = result.clock.minutes
    siecle = result.histories[Store.SIECLE][Category.STUDENTS]
    before = siecle.at(at(dt.datetime(2026, 8, 31, 8, 59)))
    created = siecle.at(at(dt.datetime(2026, 8, 31, 9, 30))) & ~before
    assert created.sum() > 0
    edt = result.histories[Store.EDT][Category.STUDENTS].at(at(dt.datetime(2026, 8, 31, 10, 30)))
    assert (edt & before).sum() == before.sum()
    assert (edt & created).sum() == (0 if snapshot == "previous_night" else created.sum())
