"""Each rule of domain.md §3 and each engine convention, on small variations of the nominal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import yaml

from sim.analysis.run_analysis import Analysis, analyse
from sim.domain import Category, Store, Target
from sim.engine.model import ChainModel
from sim.engine.simulation import build_truth, simulate
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


def day(analysis: Analysis, target: Target, category: Category | None = None) -> dt.date | None:
    tc = analysis.targets[target]
    minute = tc.consistent_from if category is None else tc.categories[category].consistent_from
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


def test_rule_8_only_a_full_import_removes_users() -> None:
    scenario = nominal_with({})
    truth, clock = build_truth(scenario)
    model = ChainModel(scenario, truth, clock, 0)
    current = {c: truth.empty(c) for c in Category}
    current[Category.STUDENTS][:3] = True
    aaf = {c: truth.empty(c) for c in Category}
    aaf[Category.STUDENTS][1:3] = True
    delta = model.ent_state_after_import(aaf, full=False, current=current)
    full = model.ent_state_after_import(aaf, full=True, current=current)
    assert delta[Category.STUDENTS][:3].tolist() == [True, True, True]
    assert full[Category.STUDENTS][:3].tolist() == [False, True, True]


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
