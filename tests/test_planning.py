"""compare, explain and plan, on the scenarios whose dates are computed in test_scenarios."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim.analysis.explain import explain_category, explain_fact, find_fact
from sim.analysis.plan import make_plan
from sim.calendar import add_working_days
from sim.cli import app
from sim.domain import Category, Operation, Store, Target
from sim.engine.simulation import simulate
from sim.errors import UsageError
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
        tc.consistent_from is None or tc.consistent_from > plan.target_minute
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
    """A target on 15/07: the window opens on 08/06 and the first operation is planned on
    10/06, so the calendar can come only two working days earlier; the links still reach the
    ENT in September: infeasible, with the earliest reachable dates."""
    plan = make_plan(nominal_with({}), dt.date(2026, 7, 15))
    assert not plan.feasible
    reachable = plan.earliest_reachable[Target.ENT]
    assert reachable is not None and reachable > plan.target_minute
    assert reachable < plan.deterministic[Target.ENT]  # two working days earlier than planned
