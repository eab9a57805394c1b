"""compare, explain and plan, on the scenarios whose dates are computed in test_scenarios."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from sim.analysis.explain import explain_category, explain_fact, find_fact, wrong_facts
from sim.analysis.plan import make_plan
from sim.calendar import Clock, add_working_days, day_of
from sim.chain import PREDECESSORS
from sim.cli import app
from sim.domain import Category, Operation, Store, Target
from sim.engine.simulation import simulate
from sim.errors import UsageError
from sim.i18n import set_language
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS
from tests.test_rules import nominal_with

runner = CliRunner()
LINK = "eleve:E00001 groupe:ANG_2NDB1_1"


def minute(result, text: str) -> float:  # type: ignore[no-untyped-def]
    return result.clock.minutes(dt.datetime.fromisoformat(text))


def test_compare_differences_against_the_first() -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            str(SCENARIOS / "nominal.yaml"),
            str(SCENARIOS / "liens-en-retard.yaml"),
            str(SCENARIOS / "liens-jamais-exportes.yaml"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["scenarios"]
    assert rows[0]["targets"]["ent"]["difference_except_departed_days"] == 0
    # apart from departed accounts 04/09 → 02/10; strictly 15/09 (pre-delete) → 02/10
    assert rows[1]["targets"]["ent"]["difference_except_departed_days"] == 28
    assert rows[1]["targets"]["ent"]["difference_days"] == 17
    assert rows[1]["targets"]["gar"]["consistent_except_departed_from"] == "2026-10-03T08:00"
    assert rows[1]["targets"]["gar"]["consistent_from"] == "2026-10-03T08:00"
    assert rows[2]["targets"]["gar"]["consistent_from"] is None
    assert rows[2]["targets"]["gar"]["consistent_except_departed_from"] is None
    text = runner.invoke(
        app, ["compare", str(SCENARIOS / "nominal.yaml"), str(SCENARIOS / "panne-aaf.yaml")]
    ).output
    assert "+4 j" in text


def test_compare_with_risk() -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            str(SCENARIOS / "nominal.yaml"),
            str(SCENARIOS / "liens-en-retard.yaml"),
            "--risk",
            "-n",
            "12",
            "--workers",
            "1",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    late = data["scenarios"][1]["targets"]["gar"]
    assert set(late["percentiles"]) == {"p50", "p80", "p95"}
    assert late["differences_days"]["p50"] > 20  # the links leave a month later


def test_explain_a_rejected_link() -> None:
    """liens-avant-groupes: on Tue 08/09 the link is in EDT since the July timetable; it was
    rejected on 01/09 and arrives with the second export (Thu 10/09), in the ENT Fri 11/09 03:30
    and in GAR with the Friday 21:00 export, Sat 12/09 06:00."""
    result = simulate(load_scenario(SCENARIOS / "liens-avant-groupes.yaml"))
    explanation = explain_fact(result, LINK, minute(result, "2026-09-08 08:00"))
    stations = {s.store: s for s in explanation.stations}
    assert stations[Store.EDT].present and stations[Store.EDT].since_actor == "construction_edt"
    assert not stations[Store.SIECLE_PENDING].present
    assert stations[Store.ENT].next_arrival == minute(result, "2026-09-11 03:30")
    assert stations[Store.GAR].next_arrival == minute(result, "2026-09-12 06:00")
    assert "rejeté" in explanation.reasons[0]


def test_explain_a_link_never_exported_and_a_category() -> None:
    result = simulate(load_scenario(SCENARIOS / "liens-jamais-exportes.yaml"))
    at = minute(result, "2026-09-08 08:00")
    explanation = explain_fact(result, LINK, at)
    assert all(s.next_arrival is None for s in explanation.stations[1:])
    assert "n'a pas eu lieu" in explanation.reasons[0]
    stations = explain_category(result, Category.STUDENT_GROUP, at)
    links = int((~result.truth.table(Category.STUDENT_GROUP).stale).sum())
    assert [(s.store, s.missing) for s in stations][:2] == [
        (Store.EDT, 0),
        (Store.SIECLE_PENDING, links),
    ]


def test_explain_names_the_outage_that_holds_a_fact() -> None:
    """panne-aaf: the extraction to the AAF is down from Mon 31/08 00:00 to Mon 07/09 00:00,
    and reads STS-WEB one day late. A service reaches STS-WEB with the timetable import of
    Mon 31/08 16:00: the first run that could carry it is Tue 01/09 21:00 (it reads STS-WEB
    as of Mon 31/08 21:00). On Fri 04/09 08:00 that run and the next two (Wed 02/09, Thu
    03/09, 21:00) were down; on Wed 02/09 08:00 only the first; on Tue 01/09 08:00 none
    could have carried it yet, so no outage is named. It reaches the AAF with the first run
    after the outage, Mon 07/09 21:00."""
    result = simulate(load_scenario(SCENARIOS / "panne-aaf.yaml"))
    service = "enseignant:P0039 division:2ND01 matiere:FRANC"
    explanation = explain_fact(result, service, minute(result, "2026-09-04 08:00"))
    stations = {s.store: s for s in explanation.stations}
    assert stations[Store.STS].since == minute(result, "2026-08-31 16:00")
    assert stations[Store.AAF].next_arrival == minute(result, "2026-09-07 21:00")
    assert explanation.reasons == [
        "« extraction nocturne vers l'AAF » n'a pas tourné depuis son arrivée dans STS-WEB "
        "le 31/08 16:00 : en panne lors de ses 3 passages prévus (du 01/09 21:00 au "
        "03/09 21:00)"
    ]
    second_day = explain_fact(result, service, minute(result, "2026-09-02 08:00"))
    assert second_day.reasons[0].endswith("en panne lors de son passage prévu le 01/09 21:00")
    first_day = explain_fact(result, service, minute(result, "2026-09-01 08:00"))
    assert "panne" not in first_day.reasons[0]
    # the 437 services missing from the AAF (all in STS-WEB since 31/08) wait for the
    # outage's end; the other wrong ones are last year's, stale
    groups = wrong_facts(result, Category.SERVICES, Store.AAF, minute(result, "2026-09-04 08:00"))
    held = [g for g in groups if g.cause.key != "explain.stale"]
    assert [g.cause.key for g in held] == ["explain.down"]
    assert held[0].count == 437
    set_language("en")
    try:
        english = explain_fact(result, service, minute(result, "2026-09-02 08:00"))
    finally:
        set_language("fr")
    assert english.reasons[0].endswith("down for its scheduled run on 01/09 21:00")


def test_explain_names_only_the_step_that_was_down() -> None:
    """Two steps carry STS-WEB's groups to SIECLE: the structure export (an operation) and
    the copy, here nightly at 22:00 and down from Mon 31/08 to Mon 07/09. Groups reach
    STS-WEB on Mon 31/08 16:00; on Fri 04/09 08:00 the copy has missed its runs of 31/08,
    01/09, 02/09 and 03/09 (22:00): only the copy is named. An outage of the extraction
    before a fact reached STS-WEB (24/08 to 29/08) is not named."""
    copy_down = nominal_with(
        {
            "channels": {
                "sts_vers_siecle": {
                    "mode": "scheduled",
                    "at": "22:00",
                    "delay": "0j",
                    "outages": [{"start": "2026-08-31 00:00", "end": "2026-09-07 00:00"}],
                }
            }
        }
    )
    result = simulate(copy_down)
    groups = wrong_facts(result, Category.GROUPS, Store.SIECLE, minute(result, "2026-09-04 08:00"))
    assert [g.cause.text() for g in groups] == [
        "« copie de structure STS-WEB → SIECLE » n'a pas tourné depuis son arrivée dans "
        "STS-WEB le 31/08 16:00 : en panne lors de ses 4 passages prévus (du 31/08 22:00 au "
        "03/09 22:00)"
    ]
    earlier = nominal_with(
        {
            "channels": {
                "extraction_aaf": {"outages": [{"start": "2026-08-24", "end": "2026-08-29"}]}
            }
        }
    )
    result = simulate(earlier)
    assert any(e.actor == "extraction_aaf" and e.code == "outage" for e in result.events)
    at = minute(result, "2026-09-01 08:00")
    causes = {
        g.cause.key
        for c in (Category.SERVICES, Category.STUDENTS, Category.STUDENT_GROUP)
        for g in wrong_facts(result, c, Store.AAF, at)
    }
    assert causes and not causes & {"explain.down", "explain.down_once"}


def test_explain_json_for_a_category_and_for_both() -> None:
    """``--json`` gives JSON for a category too (a probe got the French text), and one
    object naming both when a fact and a category are asked."""
    args = ["explain", str(SCENARIOS / "nominal.yaml"), "--at", "2026-08-31", "--json"]
    alone = runner.invoke(app, [*args, "--category", "eleve-groupe"])
    assert alone.exit_code == 0, alone.output
    found = json.loads(alone.output)
    assert found["category"] == "student_group" and found["at"] == "2026-08-31T08:00"
    edt = found["systems"][0]
    assert edt["system"] == "edt" and edt["correct"] + edt["missing"] > 0
    both = runner.invoke(app, [*args, "--category", "eleve-groupe", "--fact", LINK])
    assert both.exit_code == 0, both.output
    assert set(json.loads(both.output)) == {"fact", "category"}


def test_explain_waiting_for_a_batch() -> None:
    """Nominal, Thu 03/09 at 15:00: the link is imported (10:00) but the activation runs at
    20:00: it is on its way."""
    result = simulate(load_scenario(SCENARIOS / "nominal.yaml"))
    explanation = explain_fact(result, LINK, minute(result, "2026-09-03 15:00"))
    assert explanation.stations[1].present
    assert explanation.stations[2].next_arrival == minute(result, "2026-09-03 20:00")


def test_unknown_fact_suggests_close_ones() -> None:
    result = simulate(load_scenario(SCENARIOS / "nominal.yaml"))
    with pytest.raises(UsageError, match="les plus proches"):
        find_fact(result, "eleve:E0001 groupe:ANG_2NDB1_1")
    cli = runner.invoke(
        app, ["explain", str(SCENARIOS / "nominal.yaml"), "--fact", "x", "--at", "2026-09-08"]
    )
    assert cli.exit_code == 2
    bad_date = runner.invoke(
        app, ["explain", str(SCENARIOS / "nominal.yaml"), "--fact", LINK, "--at", "2027-01-01"]
    )
    assert bad_date.exit_code == 2


@pytest.fixture(scope="module")
def small_plan():  # type: ignore[no-untyped-def]
    scenario = nominal_with({})
    return scenario, make_plan(scenario, dt.date(2026, 9, 7))


def test_plan_reaches_the_target_and_is_latest(small_plan) -> None:  # type: ignore[no-untyped-def]
    """The proposed calendar reaches the target; one working day later for the link export
    (the last step) misses it."""
    scenario, plan = small_plan
    assert plan.feasible
    assert all(m is not None and m <= plan.target_minute for m in plan.deterministic.values())
    later = scenario.model_copy(deep=True)
    for op, dates in plan.proposed.items():
        later.operations.get(op).date = list(dates)
    links = Operation.EXPORT_LIENS_SIECLE
    later.operations.get(links).date = [add_working_days(d, 1) for d in plan.proposed[links]]
    from sim.analysis.run_analysis import analyse

    analysis = analyse(simulate(later))
    assert any(
        tc.consistent_except_departed_from is None
        or tc.consistent_except_departed_from > plan.target_minute
        for tc in analysis.targets.values()
    )


def test_plan_written_as_a_scenario_runs_and_reaches_the_target(tmp_path: Path) -> None:
    out = tmp_path / "calendrier.yaml"
    result = runner.invoke(
        app,
        [
            "plan",
            str(SCENARIOS / "nominal.yaml"),
            "--target",
            "2026-09-07",
            "--json",
            "--write",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["feasible"] and set(data["operations"]) >= {"export_liens_siecle"}
    run = runner.invoke(app, ["run", str(out), "--json"])
    assert run.exit_code == 0, run.output
    targets = json.loads(run.stdout)["targets"]
    for target in Target:  # apart from departed accounts, kept until the pre-delete
        assert targets[target.value]["consistent_except_departed_from"] <= "2026-09-07T08:00"


def test_plan_says_when_no_calendar_reaches_the_target() -> None:
    """A target on Wed 15/07 for a lycée of 240 students. The AFFELNET rounds are fixed, and
    an enrolment round is never brought earlier than written (the families come forward
    then): the last transfers come on Fri 28/08 10:00, the students from elsewhere at 14:00.
    SIECLE's export to the timetable software shows them the next working day (it holds what
    was typed up to the night before): at best Mon 31/08 10:00, with the link export after
    it at the same minute (the seed's order): active at 20:00, extracted at 21:00, in the
    ENT on Tue 01/09 (import 02:00, landing 03:30), in GAR with the export of Tue 21:00 on
    Wed 02/09 06:00. Earliest reachable: ENT Tue 01/09 08:00, GAR Wed 02/09 08:00, well
    after the target."""
    scenario = nominal_with({})
    plan = make_plan(scenario, dt.date(2026, 7, 15))
    assert not plan.feasible
    clock = Clock.starting(dt.date(2026, 6, 8))
    assert plan.earliest_reachable == {
        Target.ENT: clock.day_minutes(dt.date(2026, 9, 1), dt.time(8)),
        Target.GAR: clock.day_minutes(dt.date(2026, 9, 2), dt.time(8)),
    }
    links = plan.proposed[Operation.EXPORT_LIENS_SIECLE]
    assert [scenario.calendar.at(v) for v in links] == [dt.datetime(2026, 8, 31, 10)]
    for op in (Operation.TRANSFERTS, Operation.CREATION_ELEVES):
        written = [scenario.calendar.at(v) for v in scenario.operations.get(op).date]
        proposed = [scenario.calendar.at(v) for v in plan.proposed[op]]
        assert all(p >= w for p, w in zip(proposed, written, strict=True)), op


def _staff_works(scenario, value) -> bool:  # type: ignore[no-untyped-def]
    return scenario.calendar.staff().works(day_of(value))


@pytest.fixture(scope="module")
def nominal_plans():  # type: ignore[no-untyped-def]
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    return scenario, {
        target: make_plan(scenario, target)
        for target in (dt.date(2026, 9, 7), dt.date(2026, 9, 14))
    }


def test_nominal_latest_dates_by_hand(nominal_plans) -> None:  # type: ignore[no-untyped-def]
    """Target Mon 07/09 08:00. The links exported Fri 04/09 10:00 are active at 20:00,
    extracted at 21:00, in the ENT Sat 05/09 03:30 and in GAR with the Sat 21:00 export, Sun
    06/09 06:00: right on Monday morning. Mon 07/09 10:00 comes after the look: latest Fri
    04/09. The groups must be in SIECLE before the links: the timetable import that sends
    them to STS-WEB, plus the one-day copy, must land by Fri 10:00, so it is Wed 02/09 16:00
    (Thu 16:00 would land Fri 16:00, after the links). The second SIECLE → EDT export must
    come before the links (same minute: it runs first). Target Mon 14/09: the same a week
    later (links Fri 11/09, timetable import Wed 09/09 16:00).

    The STS-WEB year switch comes before the profiling (which sends the new year's
    nomenclatures to STS-WEB), and the profiling before the first affectation round (fixed:
    Tue 30/06 10:00, gated by it): both at Tue 30/06 10:00 at the latest, where the seed's
    order runs the switch, the profiling and the round in turn.

    For both, the ENT keeps the rentrée morning (Tue 01/09 08:00) as planned. The timetable
    build keeps to its bound in the nominal (`not_after: 2026-08-31`): Mon 31/08 10:00. GAR too
    must be as right that morning: students created on Mon 31/08 14:00 would reach the ENT on
    Tue 01/09 03:30 (extraction 31/08 21:00) but GAR only with the export of 01/09 21:00;
    created on Fri 28/08 14:00, they are in the ENT on Sat 29/08 and in GAR on Sun 30/08 06:00:
    the second creation stays on Fri 28/08 14:00."""
    scenario, plans = nominal_plans
    at = scenario.calendar.at
    expected = {
        dt.date(2026, 9, 7): ("2026-09-04 10:00", "2026-09-02 16:00", "2026-09-04 10:00"),
        dt.date(2026, 9, 14): ("2026-09-11 10:00", "2026-09-09 16:00", "2026-09-11 10:00"),
    }
    for target, (links, timetable, siecle_edt) in expected.items():
        plan = plans[target]
        assert plan.feasible and plan.verified, plan.warnings
        proposed = {op: [at(v) for v in dates] for op, dates in plan.proposed.items()}
        assert proposed[Operation.EXPORT_LIENS_SIECLE] == [dt.datetime.fromisoformat(links)]
        assert proposed[Operation.IMPORT_STS_EDT] == [dt.datetime.fromisoformat(timetable)]
        last_export = proposed[Operation.EXPORT_SIECLE_EDT][-1]
        assert last_export == dt.datetime.fromisoformat(siecle_edt)
        assert proposed[Operation.BASCULE_STS] == [dt.datetime(2026, 6, 30, 10)]
        assert proposed[Operation.PROFILAGE] == [dt.datetime(2026, 6, 30, 10)]
        assert proposed[Operation.CONSTRUCTION_EDT] == [dt.datetime(2026, 8, 31, 10)]
        assert proposed[Operation.CREATION_ELEVES][-1] == dt.datetime(2026, 8, 28, 14)
        assert plan.keeps_rentree
        assert plan.missing_at_rentree[1] == plan.missing_at_rentree[0]


def test_latest_dates_without_the_rentree_rule_leave_the_rentree_morning_emptier() -> None:
    """With --ignore-rentree, the target alone decides. The STS-WEB switch stays bound by
    the profiling (Tue 30/06), but the division check waits till Mon 31/08 10:00, the latest
    the timetable build (bound 31/08) lets it, with the export STS-WEB → EDT between them at
    the same minute. The two divisions it creates (``new_divisions``' default) reach the ENT
    on Wed 02/09 (extraction 01/09 21:00, which sees STS-WEB as of 31/08 21:00): the rentrée
    morning lacks them, and the plan says so."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    plan = make_plan(scenario, dt.date(2026, 9, 7), keep_rentree=False)
    assert plan.verified and not plan.keeps_rentree
    bascule = [scenario.calendar.at(v) for v in plan.proposed[Operation.BASCULE_STS]]
    assert bascule == [dt.datetime(2026, 6, 30, 10)]
    check = [scenario.calendar.at(v) for v in plan.proposed[Operation.VERIFICATION_DIVISIONS]]
    assert check == [dt.datetime(2026, 8, 31, 10)]
    planned, proposed = plan.missing_at_rentree
    for target in Target:
        divisions = (target, Category.DIVISIONS)
        assert proposed[divisions] == 2 and planned[divisions] == 0


def test_nominal_plan_keeps_to_the_lycees_calendar(nominal_plans) -> None:  # type: ignore[no-untyped-def]
    """No proposed date on a weekend, a public holiday or in the summer closure (14/07 –
    20/08); fixed dates (académie, AFFELNET) and the ENT's transition never move; every
    operation after the ones it depends on; nothing proposed at or after the target."""
    scenario, plans = nominal_plans
    for target, plan in plans.items():
        look = dt.datetime.combine(target, scenario.calendar.observation_time)
        for op, dates in plan.proposed.items():
            for value in dates:
                assert _staff_works(scenario, value), (op, value)
                assert scenario.calendar.at(value) < look, (op, value)
        assert set(plan.fixed) == {
            Operation.NOMENCLATURES_ACADEMIE,
            Operation.INSCRIPTION_AFFECTATION,
            Operation.TRANSITION_ENT,
        }
        for op, dates in plan.fixed.items():
            assert dates == scenario.operations.get(op).date
        # the structure copy runs on its own: the manual export is not needed for the target
        assert plan.proposed[Operation.EXPORT_STRUCTURE_SIECLE] == []
        assert Operation.EXPORT_STRUCTURE_SIECLE in plan.not_needed
        everything = {**plan.fixed, **plan.proposed}
        for op, before in PREDECESSORS.items():
            if not everything.get(op):
                continue
            first = min(scenario.calendar.at(v) for v in everything[op])
            for p in before:
                if everything.get(p):
                    assert min(scenario.calendar.at(v) for v in everything[p]) <= first, (p, op)


def test_plan_text_is_a_table_by_date_with_who_does_it() -> None:
    result = runner.invoke(app, ["plan", str(SCENARIOS / "nominal.yaml"), "--target", "2026-09-07"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == ["au", "plus", "tard", "opération", "prévue", "marge", "qui"]
    links = next(line for line in lines if "export des liens élèves-groupes" in line)
    assert links.startswith("  ven. 04/09/2026 10:00")
    assert "jeu. 03/09/2026 10:00" in links and "+1 j " in links
    assert links.rstrip().endswith("direction (proviseur adjoint)")
    assert any("pas nécessaire pour la cible" in line for line in lines)
    assert "gardent l'ENT et le GAR du matin de la rentrée (mar. 01/09/2026)" in result.output
    # without the rule, the division check goes to the eve of the rentrée: its two new
    # classes reach the ENT on 02/09, missing on the rentrée morning, and the plan says so
    args = ["plan", str(SCENARIOS / "nominal.yaml"), "--target", "2026-09-07", "--ignore-rentree"]
    free = runner.invoke(app, args).output
    assert "⚠ Aux dates au plus tard, l'ENT et le GAR seraient moins justes le matin" in free
    assert "ENT, divisions (classes) : 2 manquants au lieu de 0" in free
    assert "GAR, élèves :" in free
    assert "Vérifié par simulation" in result.output
    assert "aucune opération refusée, hors ordre ou un jour non travaillé" in result.output
    # the profiling's latest date is the fixed AFFELNET round's own minute, which needs it
    assert (
        "Sans marge : « profilage des nomenclatures » au plus tard à la minute même de "
        "« import des dossiers d'affectation » (date fixée)" in result.output
    )
    data = json.loads(
        runner.invoke(
            app, ["plan", str(SCENARIOS / "nominal.yaml"), "--target", "2026-09-07", "--json"]
        ).stdout
    )
    assert data["no_margin"] == [{"operation": "profilage", "fixed": "inscription_affectation"}]


def test_an_infeasible_target_exits_1_with_the_earliest_dates() -> None:
    result = runner.invoke(app, ["plan", str(SCENARIOS / "nominal.yaml"), "--target", "2026-07-15"])
    assert result.exit_code == 1
    assert "Aucun calendrier n'atteint la cible" in result.output


@pytest.mark.parametrize(
    "target", [dt.date(2026, 9, 8), dt.date(2026, 9, 21), dt.date(2026, 10, 2)]
)
def test_every_plan_rerun_has_no_refusal_nor_broken_order(target: dt.date) -> None:
    """Whatever the target, the proposed calendar, simulated again from scratch, meets it
    with no refused operation, no out-of-order operation, nothing on a day off."""
    scenario = nominal_with({})
    plan = make_plan(scenario, target)
    assert plan.feasible and plan.verified, plan.warnings
    rerun = plan.written(scenario)
    result = simulate(rerun)
    codes = {e.code for e in result.events}
    assert not codes & {"refused", "order_broken", "non_working_day"}
    for dates in plan.proposed.values():
        assert all(rerun.calendar.staff().works(day_of(v)) for v in dates)


def test_arrivals_after_the_last_export_get_the_exports_to_add(tmp_path: Path) -> None:
    """30 arrivals on Mon 14/09 (typed in at 10:00) and no export after: with the scenario's
    steps no calendar reaches Mon 21/09. Redoing the SIECLE → EDT export and the link export
    after them does: at the latest Fri 18/09 10:00 (links active 20:00, extracted 21:00, ENT
    Sat 19/09 03:30, GAR Sun 20/09 06:00). The written plan reaches the target, with no
    refused, out-of-order or rejected step."""
    scenario = tmp_path / "arrivees.yaml"
    scenario.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\nname: trente arrivées\nreality:\n"
        "  - {date: 2026-09-14, kind: arrival, count: 30, level: 2nde, origin: external}\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.yaml"
    args = ["plan", str(scenario), "--target", "2026-09-21", "--json", "--write", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["feasible"] and data["verified"]
    for op in ("export_siecle_edt", "export_liens_siecle"):
        assert data["operations"][op]["added"] == ["2026-09-18T10:00"]
    run = runner.invoke(app, ["run", str(out), "--json"])
    written = json.loads(run.stdout)
    for target in Target:
        assert written["targets"][target.value]["consistent_except_departed_from"] <= (
            "2026-09-21T08:00"
        )
    codes = {w["code"] for w in written["warnings"]}
    assert not codes & {"refused", "order_broken", "non_working_day", "links_rejected"}
    text = runner.invoke(app, ["plan", str(scenario), "--target", "2026-09-21"]).output
    assert "à ajouter" in text and "Opérations à ajouter" in text


def test_a_late_link_export_is_brought_back_before_the_target() -> None:
    """liens-en-retard plans the link export on Thu 01/10: for a target on Mon 14/09 it must
    come back before it (the other steps already allow it): latest Fri 11/09 10:00, slack
    -14 working days (01/10 → 11/09)."""
    scenario = load_scenario(SCENARIOS / "liens-en-retard.yaml")
    plan = make_plan(scenario, dt.date(2026, 9, 14))
    assert plan.feasible and plan.verified, plan.warnings
    links = [scenario.calendar.at(v) for v in plan.proposed[Operation.EXPORT_LIENS_SIECLE]]
    assert links == [dt.datetime(2026, 9, 11, 10, 0)]
    staff = scenario.calendar.staff()
    assert staff.working_days_between(dt.date(2026, 10, 1), dt.date(2026, 9, 11)) == -14


def test_a_late_fixed_step_pushes_the_steps_after_it(tmp_path: Path) -> None:
    """The timetable import fixed on Tue 08/09 16:00 (say, the software's vendor does it):
    its groups reach SIECLE with the one-day copy on Wed 09/09 16:00, so the link export
    planned on Thu 03/09 must come after. Target Mon 14/09: links at the latest Fri 11/09
    16:00 (active 20:00, extracted 21:00, ENT Sat 12/09 03:30, GAR Sun 13/09 06:00); Mon
    14/09 would come after the look."""
    scenario = tmp_path / "fixe.yaml"
    scenario.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\nname: import EDT fixé tard\noperations:\n"
        "  import_sts_edt: {date: 2026-09-08 16:00, fixed: true}\n",
        encoding="utf-8",
    )
    loaded = load_scenario(scenario)
    plan = make_plan(loaded, dt.date(2026, 9, 14))
    assert plan.feasible and plan.verified, plan.warnings
    links = [loaded.calendar.at(v) for v in plan.proposed[Operation.EXPORT_LIENS_SIECLE]]
    assert links == [dt.datetime(2026, 9, 11, 16)]
    assert plan.fixed[Operation.IMPORT_STS_EDT] == [dt.datetime(2026, 9, 8, 16)]


def test_a_doomed_link_export_is_flagged_and_left_out() -> None:
    """liens-avant-groupes exports the links on Tue 01/09, before the groups reach SIECLE
    (all rejected), and again on Thu 10/09. Leaving the first out changes no date: it is
    « sans effet », the plan keeps one link export (Fri 11/09 for a target on Mon 14/09)
    and is verified, with no rejection."""
    scenario = load_scenario(SCENARIOS / "liens-avant-groupes.yaml")
    plan = make_plan(scenario, dt.date(2026, 9, 14))
    assert plan.verified, plan.warnings
    assert plan.useless == {Operation.EXPORT_LIENS_SIECLE: [dt.date(2026, 9, 1)]}
    links = [scenario.calendar.at(v) for v in plan.proposed[Operation.EXPORT_LIENS_SIECLE]]
    assert links == [dt.datetime(2026, 9, 11, 10)]
    written = plan.written(scenario).operations.get(Operation.EXPORT_LIENS_SIECLE).date
    assert [scenario.calendar.at(v) for v in written] == links
    result = runner.invoke(
        app, ["plan", str(SCENARIOS / "liens-avant-groupes.yaml"), "--target", "2026-09-14"]
    )
    row = next(line for line in result.output.splitlines() if "sans effet" in line)
    assert "export des liens élèves-groupes" in row and "mar. 01/09/2026 10:00" in row


def test_the_earliest_reachable_dates_are_the_chains_own() -> None:
    """Target Fri 28/08. The last AFFELNET round is fixed on Thu 27/08 10:00, and the last
    transfers and students from elsewhere come on Fri 28/08 (10:00, 14:00; an enrolment round
    is never brought earlier); they reach the timetable software with the SIECLE → EDT
    export of the next working day at best (SIECLE's export shows what was typed up to the
    night before): Mon 31/08 10:00, the link export after it at the same minute (the seed's
    order). The links are then active at 20:00, extracted at 21:00 and in the ENT on Tue
    01/09 (03:30); GAR gets them with the export of Tue 21:00, on Wed 02/09 06:00.
    Infeasible, and those mornings are the earliest reachable dates."""
    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    plan = make_plan(scenario, dt.date(2026, 8, 28))
    assert not plan.feasible
    clock = Clock.starting(scenario.calendar.start)
    assert plan.earliest_reachable == {
        Target.ENT: clock.day_minutes(dt.date(2026, 9, 1), dt.time(8)),
        Target.GAR: clock.day_minutes(dt.date(2026, 9, 2), dt.time(8)),
    }


def test_added_exports_leave_the_scenarios_own_before_the_arrivals(tmp_path: Path) -> None:
    """30 arrivals typed in on Mon 14/09 10:00. Target Mon 21/09: the scenario's own SIECLE →
    EDT and link exports keep serving the classes before the arrivals, so they stay before
    them (latest Fri 11/09 10:00, Mon 10:00 being the arrivals' own minute), and the added
    ones come at the latest Fri 18/09 10:00. Target Tue 15/09: SIECLE's export to the
    timetable software shows the arrivals the next day only (it holds what was typed up to
    the night before), so the added exports come at best on Tue 15/09 10:00: links active
    20:00, extracted 21:00, ENT Wed 16/09 03:30, GAR with the export of 16/09 21:00, Thu
    17/09 06:00: out of reach, and those are the earliest dates."""
    scenario = tmp_path / "arrivees.yaml"
    scenario.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\nname: trente arrivées\nreality:\n"
        "  - {date: 2026-09-14, kind: arrival, count: 30, level: 2nde, origin: external}\n",
        encoding="utf-8",
    )
    loaded = load_scenario(scenario)
    at = loaded.calendar.at
    plan = make_plan(loaded, dt.date(2026, 9, 21))
    assert plan.verified
    for op in (Operation.EXPORT_SIECLE_EDT, Operation.EXPORT_LIENS_SIECLE):
        proposed = [at(v) for v in plan.proposed[op]]
        assert proposed[-2:] == [dt.datetime(2026, 9, 11, 10), dt.datetime(2026, 9, 18, 10)]
        assert [at(v) for v in plan.added[op]] == [dt.datetime(2026, 9, 18, 10)]
    tight = make_plan(loaded, dt.date(2026, 9, 15))
    assert not tight.feasible
    clock = Clock.starting(loaded.calendar.start)
    assert tight.earliest_reachable == {
        Target.ENT: clock.day_minutes(dt.date(2026, 9, 16), dt.time(8)),
        Target.GAR: clock.day_minutes(dt.date(2026, 9, 17), dt.time(8)),
    }


def _variant(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\nname: {name}\n{body}", encoding="utf-8"
    )
    return path


ARRIVALS = (
    "reality:\n  - {date: 2026-09-14, kind: arrival, count: 30, level: 2nde, origin: external}\n"
)


def test_a_useless_occurrence_is_shown_at_its_planned_date(tmp_path: Path) -> None:
    """A link export on Fri 28/08, before the timetable import of Mon 31/08: rejected, and
    the one of Thu 10/09 does the job. The search first moves it after the timetable
    import; it is still shown « sans effet » at 28/08, the date the lycée planned."""
    path = _variant(
        tmp_path,
        "liens-28-08",
        "operations:\n  export_liens_siecle: {date: [2026-08-28, 2026-09-10]}\n",
    )
    plan = make_plan(load_scenario(path), dt.date(2026, 9, 14))
    assert plan.verified
    assert plan.useless == {Operation.EXPORT_LIENS_SIECLE: [dt.date(2026, 8, 28)]}
    text = runner.invoke(app, ["plan", str(path), "--target", "2026-09-14"]).output
    row = next(line for line in text.splitlines() if "sans effet" in line)
    assert "ven. 28/08/2026 10:00" in row


def test_added_exports_after_a_useless_one_still_go_to_their_latest(tmp_path: Path) -> None:
    """A doomed link export on 01/09, the planned one on 03/09 and 30 arrivals on Mon 14/09:
    the 01/09 one is « sans effet »; the added exports still go to Fri 18/09 10:00 (the
    scenario's own stay before the arrivals: Fri 11/09)."""
    path = _variant(
        tmp_path,
        "condamne",
        "operations:\n  export_liens_siecle: {date: [2026-09-01, 2026-09-03]}\n" + ARRIVALS,
    )
    loaded = load_scenario(path)
    plan = make_plan(loaded, dt.date(2026, 9, 21))
    assert plan.verified
    assert plan.useless == {Operation.EXPORT_LIENS_SIECLE: [dt.date(2026, 9, 1)]}
    links = [loaded.calendar.at(v) for v in plan.proposed[Operation.EXPORT_LIENS_SIECLE]]
    assert links == [dt.datetime(2026, 9, 11, 10), dt.datetime(2026, 9, 18, 10)]


def test_an_export_added_to_one_with_shares_gets_a_whole_share(tmp_path: Path) -> None:
    """The SIECLE → EDT export has a share per date: the occurrence added after the
    arrivals exports everything (1.0), and the written plan carries one share per date."""
    path = _variant(
        tmp_path,
        "parts",
        "operations:\n  export_siecle_edt: {date: [2026-07-08, 2026-08-31], share: [1.0, 1.0]}\n"
        + ARRIVALS,
    )
    out = tmp_path / "plan.yaml"
    result = runner.invoke(app, ["plan", str(path), "--target", "2026-09-21", "--write", str(out)])
    assert result.exit_code == 0, result.output
    written = load_scenario(out).operations.export_siecle_edt
    assert len(written.date) == 3 and written.share == [1.0, 1.0, 1.0]


def test_a_confidence_margin_is_counted_once_from_the_latest_dates() -> None:
    """With a confidence level, the dates move earlier by the margin the plan states,
    counted from the latest dates (a margin of 3 is 3 working days, not 0 + 1 + 2 + 3)."""
    scenario = nominal_with({})
    target = dt.date(2026, 9, 14)
    latest = make_plan(scenario, target)
    confident = make_plan(scenario, target, confidence=0.9, replications=20)
    margin = confident.margin_days
    assert margin >= 2, "the case must need a margin of at least two days to tell"
    links = Operation.EXPORT_LIENS_SIECLE
    expected = [add_working_days(v, -margin) for v in latest.proposed[links]]
    at = scenario.calendar.at
    assert [at(v) for v in confident.proposed[links]] == [at(v) for v in expected]
    assert confident.verified == (not confident.warnings)


def test_a_planned_date_past_its_bound_is_brought_back_inside_it(tmp_path: Path) -> None:
    """The timetable import planned on Fri 04/09 16:00 with `not_after: 2026-09-02`: the plan
    brings it back to Wed 02/09 16:00 (slack -2), and the links still come after its groups
    reach SIECLE."""
    path = _variant(
        tmp_path,
        "borne",
        "operations:\n  import_sts_edt: {date: 2026-09-04 16:00, not_after: 2026-09-02}\n",
    )
    loaded = load_scenario(path)
    plan = make_plan(loaded, dt.date(2026, 9, 14))
    assert plan.verified
    timetable = [loaded.calendar.at(v) for v in plan.proposed[Operation.IMPORT_STS_EDT]]
    assert timetable == [dt.datetime(2026, 9, 2, 16)]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("2026-09-07 08:00", "date cible attendue AAAA-MM-JJ ou JJ/MM/AAAA"),
        ("2026-12-01", "hors de la fenêtre du scénario (du lun. 08/06/2026 au dim. 15/11/2026)"),
    ],
)
def test_a_bad_target_is_told_in_french_with_the_window(target: str, message: str) -> None:
    result = runner.invoke(app, ["plan", str(SCENARIOS / "nominal.yaml"), "--target", target])
    assert result.exit_code == 2
    assert message in result.output


def test_explain_tells_a_step_still_to_come_from_a_forgotten_one() -> None:
    """On Thu 03/09 at 08:00 the nominal's link export (planned that day at 10:00) has not
    happened yet: « pas encore », with its next run; in liens-jamais-exportes it never does."""
    link = "eleve:E00001 groupe:ANG_2NDB1_1"
    args = ["explain", "--fact", link, "--at", "2026-09-03"]
    planned = runner.invoke(app, [args[0], str(SCENARIOS / "nominal.yaml"), *args[1:]])
    assert "n'a pas encore eu lieu" in planned.output
    assert "prochain passage le 03/09 10:00" in planned.output
    never = runner.invoke(app, [args[0], str(SCENARIOS / "liens-jamais-exportes.yaml"), *args[1:]])
    assert "jamais fait" in never.output


def _written_plan(source: Path, tmp_path: Path) -> tuple[dict[str, Any], Path]:
    """``plan --target 14/09 --json --write``, verified, the link export the one to add."""
    out = tmp_path / "plan.yaml"
    result = runner.invoke(
        app, ["plan", str(source), "--target", "2026-09-14", "--json", "--write", str(out)]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["verified"] and data["forgotten"] == ["export_liens_siecle"]
    return data, out


def test_an_operation_left_out_is_proposed_to_add(tmp_path: Path) -> None:
    """liens-jamais-exportes leaves the link export out: no calendar of the scenario's steps
    reaches Mon 14/09. The plan adds it, at the latest Fri 11/09 (16:00, the time of the
    timetable import it follows): active 20:00, extracted 21:00, ENT Sat 12/09 03:30, GAR
    Sun 13/09 06:00. The written plan does it and reaches the target."""
    source = SCENARIOS / "liens-jamais-exportes.yaml"
    data, out = _written_plan(source, tmp_path)
    assert data["operations"]["export_liens_siecle"]["added"] == ["2026-09-11T16:00"]
    run = json.loads(runner.invoke(app, ["run", str(out), "--json"]).stdout)
    for target in Target:
        reached = run["targets"][target.value]["consistent_except_departed_from"]
        assert reached <= "2026-09-14T08:00"
    text = runner.invoke(app, ["plan", str(source), "--target", "2026-09-14"]).output
    added = "Opération à ajouter : « export des liens élèves-groupes vers SIECLE » ; le scénario"
    assert f"{added} ne la fait pas" in text


def test_a_target_before_later_changes_says_why_it_is_out_of_reach(tmp_path: Path) -> None:
    """30 arrivals typed in on Mon 14/09 10:00 and a target on Thu 10/09: being right from
    10/09 to the end of the window needs exports after the arrivals, which come after the
    target; the plan says so and names the first change."""
    path = _variant(tmp_path, "avant-arrivees", ARRIVALS)
    result = runner.invoke(app, ["plan", str(path), "--target", "2026-09-10"])
    assert result.exit_code == 1
    assert "La cible précède des changements de la réalité saisis plus tard" in result.output
    assert "lun. 14/09/2026 10:00" in result.output


def test_written_plan_tells_the_dates_of_a_step_not_needed(tmp_path: Path) -> None:
    """The structure export is not needed for Mon 14/09: the table says so, and its legend
    gives the date --write writes (Fri 11/09 10:00, its latest: the planned Tue 23/06 would
    come before the division check, moved to Fri 28/08, and break the procedure's order)."""
    out = tmp_path / "plan.yaml"
    args = ["plan", str(SCENARIOS / "nominal.yaml"), "--target", "2026-09-14", "--write", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "pas nécessaire pour la cible" in result.output
    legend = next(line for line in result.output.splitlines() if "--write l'écrit" in line)
    assert "export de la structure STS-WEB → SIECLE ven. 11/09/2026 10:00" in legend
    written = yaml.safe_load(out.read_text(encoding="utf-8"))["operations"]
    assert written["export_structure_siecle"]["date"] == ["2026-09-11"]


def test_the_readmes_plan_is_what_the_command_prints() -> None:
    """The README shows `plan scenarios/nominal.yaml --target 2026-09-07` whole: it must not
    drift from the tool (it said the bascule could wait until 28/08 after the procedure's
    order changed)."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ rentree-sim plan scenarios/nominal.yaml --target 2026-09-07\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    result = runner.invoke(app, ["plan", str(SCENARIOS / "nominal.yaml"), "--target", "2026-09-07"])
    assert result.exit_code == 0
    assert shown == result.output


def test_a_step_not_needed_is_written_as_planned_only_when_that_adds_no_warning(
    tmp_path: Path,
) -> None:
    """A bascule planned on Fri 21/08 and the structure export on Tue 30/06: the export is not
    needed for Mon 07/09, but at its planned date the application would refuse it (the
    bascule and the profiling come later in the plan). The plan must then write it at its
    latest date, where nothing is refused: the written scenario runs with no more warnings
    than the plan verified."""
    source = tmp_path / "r.yaml"
    source.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\noperations:\n"
        "  bascule_sts: {date: 2026-08-21}\n  export_structure_siecle: {date: 2026-06-30}\n",
        encoding="utf-8",
    )
    out = tmp_path / "w.yaml"
    args = ["plan", str(source), "--target", "2026-09-07", "--write", str(out), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    kinds = ("refused", "order_broken", "non_working_day")
    verified = [w for w in json.loads(result.stdout)["warnings"] if w["code"] in kinds]
    written = json.loads(runner.invoke(app, ["run", str(out), "--json"]).stdout)
    found = [w for w in written["warnings"] if w["code"] in kinds]
    assert not [w for w in found if w["actor"] == "export_structure_siecle"]
    assert len(found) == len(verified)  # the plan's own (the late bascule's), no more


def test_a_left_out_operation_the_target_holds_without_stays_left_out(tmp_path: Path) -> None:
    """liens-jamais-exportes without « export de la structure » either: the search adds
    both, then finds the structure export not needed (the copy STS-WEB → SIECLE brings the
    structure). It is then neither « to add » nor « not needed », and the written plan keeps
    it left out, as the scenario had it."""
    source = tmp_path / "sans-structure.yaml"
    source.write_text(
        f"extends: {SCENARIOS / 'liens-jamais-exportes.yaml'}\n"
        'name: "Liens et structure jamais exportés"\n'
        "operations:\n"
        "  export_structure_siecle: {missing: true}\n",
        encoding="utf-8",
    )
    data, out = _written_plan(source, tmp_path)
    structure = data["operations"]["export_structure_siecle"]
    assert structure["not_needed"] == [] and structure["added"] == []
    written = yaml.safe_load(out.read_text("utf-8"))
    assert written["operations"]["export_structure_siecle"] == {"missing": True}
    text = runner.invoke(app, ["plan", str(source), "--target", "2026-09-14"]).output
    assert "pas nécessaire pour la cible" not in text and "Opération à ajouter" in text


LP_WITH_AAF_DOWN_AT_RENTREE = """\
name: "LP Jean-Jaurès — rentrée 2026 prévue"
description: "Calendrier prévu : quelques retards, un oubli, panne AAF, liens en deux fois."
seed: 42

etablissement:
  name: "Lycée professionnel Jean-Jaurès (fictif)"
  uai: "0640123K"
  zone: A
  students: 400
  divisions: {2nde: 8, 1re: 7, Tle: 7}
  teachers: 55
  group_size: 18
  new_divisions: 1
  obsolete_divisions: 1

calendar:
  start: 08/06/2026
  end: 15/11/2026
  observation_time: "08:00"
  operation_time: "10:00"
  working_days: [lundi, mardi, mercredi, jeudi, vendredi]
  closed:
    - {start: 2026-07-10, end: 2026-08-23}

operations:
  nomenclatures_academie: {date: 2026-06-10, fixed: true}
  selection_nomenclatures: {date: 2026-06-15}
  bascule_sts: {date: 2026-06-16, carry_structure: true, carry_groups: false}
  profilage: {date: 2026-06-18}
  verification_divisions: {date: 2026-07-03, planned: 2026-06-24}
  export_structure_siecle: {missing: true}
  inscription_affectation:
    {date: [2026-06-30, 2026-07-07, 2026-08-27], share: [0.85, 0.97, 1.0], fixed: true}
  transferts: {date: [2026-07-06, 2026-08-28], share: [0.7, 1.0]}
  creation_eleves: {date: [2026-07-08, 2026-08-31 14:00], share: [0.6, 1.0]}
  export_sts_edt: {date: 2026-07-07}
  export_siecle_edt: {date: [2026-07-09, 2026-09-02]}
  construction_edt: {date: 2026-08-27, planned: 2026-07-09, not_after: 2026-08-31}
  import_sts_edt: {date: 2026-09-08 16:00, planned: 2026-09-01 16:00}
  export_liens_siecle: {date: [2026-09-10, 2026-09-24], share: [0.5, 1.0], planned: 2026-09-04}
  transition_ent: {date: 2026-08-24}

channels:
  extraction_aaf:
    outages:
      - {start: 2026-08-31 00:00, end: 2026-09-03 00:00}

reality:
  - {date: 2026-09-07, kind: arrival, count: 3, level: 2nde, origin: external}
  - {date: 2026-09-14, kind: departure, count: 2, level: 1re}
"""


def plan_instant(value: dt.date | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time(10))


def test_what_is_planned_before_the_rentree_stays_before_it(tmp_path: Path) -> None:
    """A lycée professionnel whose AAF extraction is down from 31/08 to 03/09: the ENT of
    the rentrée morning (01/09) is the same whatever is done on 31/08, so that morning
    cannot hold the creation of students planned for 31/08 14:00. It once went to 17/09,
    leaving four students without an account for two weeks after the rentrée. Planned
    before the rentrée, it stays before it (here where it is: 0 day of margin)."""
    path = tmp_path / "lp.yaml"
    path.write_text(LP_WITH_AAF_DOWN_AT_RENTREE, encoding="utf-8")
    plan = make_plan(load_scenario(path), dt.date(2026, 9, 21))
    assert plan.feasible
    creations = [plan_instant(v) for v in plan.proposed[Operation.CREATION_ELEVES]]
    assert creations and all(v.date() < dt.date(2026, 9, 1) for v in creations)
    assert dt.datetime(2026, 8, 31, 14, 0) in creations


def test_a_confidence_not_reached_says_why_and_exits_1(tmp_path: Path) -> None:
    """The lycée professionnel above, target Mon 21/09 with 80 % confidence: a margin of
    more working days would pull a step before the fixed AFFELNET round it needs, and the
    target is met in well under 80 % of the draws. The plan says why the margin stops,
    writes its calendar under a name that says the confidence is not reached, and exits 1
    (what was asked is not met, as for a target out of reach)."""
    path = tmp_path / "lp.yaml"
    path.write_text(LP_WITH_AAF_DOWN_AT_RENTREE, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    arguments = ["plan", str(path), "--target", "21/09/2026", "--confidence", "0,8"]
    result = runner.invoke(app, [*arguments, "-n", "20", "--workers", "1", "--write", str(out)])
    assert result.exit_code == 1, result.output
    assert "Confiance 80 % NON atteinte" in result.output
    assert "avancé d'un jour de plus, le calendrier ne tient plus la cible" in result.output
    written = yaml.safe_load(out.read_text("utf-8"))
    assert written["name"].endswith("(cible lun. 21/09/2026, confiance 80 % non atteinte)")


def test_a_same_day_siecle_export_does_not_carry_that_days_arrivals(tmp_path: Path) -> None:
    """Five arrivals typed on Mon 14/09 10:00, the scenario's SIECLE → EDT export at 15:00
    and its links export at 16:00 that day: the export shows SIECLE as it was that night,
    so the arrivals never reach the timetable software. The plan for Fri 25/09 adds one
    more of each export (it once found no calendar): latest Wed 23/09 10:00, links active
    20:00, ENT Thu 24/09 03:30, GAR with the export of 24/09 21:00 on Fri 25/09 06:00."""
    path = _variant(
        tmp_path,
        "meme-jour",
        "operations:\n"
        "  export_siecle_edt: {date: [2026-07-08, 2026-08-31, 2026-09-14 15:00]}\n"
        "  export_liens_siecle: {date: [2026-09-03, 2026-09-14 16:00]}\n"
        + ARRIVALS.replace("count: 30", "count: 5"),
    )
    loaded = load_scenario(path)
    plan = make_plan(loaded, dt.date(2026, 9, 25))
    assert plan.feasible and plan.verified
    for op in (Operation.EXPORT_SIECLE_EDT, Operation.EXPORT_LIENS_SIECLE):
        assert [loaded.calendar.at(v) for v in plan.added[op]] == [dt.datetime(2026, 9, 23, 10)]


def test_a_forgotten_export_is_added_after_the_last_enrolments() -> None:
    """export-siecle-edt-oublie, target Thu 10/09: the last students come on Fri 28/08 14:00
    and are never brought earlier; the forgotten SIECLE → EDT export, added at that very
    minute, would show SIECLE as the night before left it, without them. It is tried on the
    next working day too (Mon 31/08), and the target is met (a review found it infeasible)."""
    scenario = load_scenario(SCENARIOS / "export-siecle-edt-oublie.yaml")
    plan = make_plan(scenario, dt.date(2026, 9, 10))
    assert plan.feasible and plan.verified
    assert plan.forgotten == [Operation.EXPORT_SIECLE_EDT]
    added = [scenario.calendar.at(v) for v in plan.proposed[Operation.EXPORT_SIECLE_EDT]]
    assert all(a >= dt.datetime(2026, 8, 31) for a in added)
