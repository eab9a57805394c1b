"""Monte Carlo: percentiles checked against a case computed by hand, criticality sums, the
same results whatever the number of worker processes."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.analysis.replication import ReplicationPool, draw_lateness
from sim.analysis.risk import (
    _binomial_cdf,
    never_causes_of,
    percentile,
    percentile_interval,
    run_risk,
    tornado,
)
from sim.domain import Category, Channel, Operation, Target
from sim.scenario.model import Lateness
from tests.test_rules import nominal_with

EXPORT = Operation.EXPORT_LIENS_SIECLE
NO_RISK: dict[str, Any] = {
    "forget_probability": 0,
    "lateness": {"kind": "empirical", "values": [0]},
}


def one_late_operation() -> Any:
    """Everything certain but the link export: 0–4 working days late, uniformly."""
    operations = {op.value: dict(NO_RISK) for op in Operation}
    operations["export_liens_siecle"] = {
        "forget_probability": 0,
        "lateness": {"kind": "empirical", "values": [0, 1, 2, 3, 4]},
    }
    channels = {c.value: {"failure_probability": 0} for c in Channel}
    return nominal_with({"operations": operations, "channels": channels})


# Export planned Thu 03/09 10:00; k working days late → Thu 03, Fri 04, Mon 07, Tue 08, Wed 09.
# ENT: the next morning (the import runs every night); GAR: that day's 21:00 export, in GAR
# at 06:00 the morning after (J+2 from the export).
ENT = {0: "2026-09-04", 1: "2026-09-05", 2: "2026-09-08", 3: "2026-09-09", 4: "2026-09-10"}
GAR = {0: "2026-09-05", 1: "2026-09-06", 2: "2026-09-09", 3: "2026-09-10", 4: "2026-09-11"}


@pytest.fixture(scope="module")
def hand_case():  # type: ignore[no-untyped-def]
    return run_risk(one_late_operation(), 300, seed=11, workers=1)


def day_of(result, minute):  # type: ignore[no-untyped-def]
    return None if minute is None else result.clock.instant(minute).date().isoformat()


def test_each_replication_gives_the_date_computed_by_hand(hand_case) -> None:  # type: ignore[no-untyped-def]
    for r in hand_case.replications:
        k = r.lateness["export_liens_siecle"]
        assert day_of(hand_case, r.consistent_from[Target.ENT]) == ENT[k]
        assert day_of(hand_case, r.consistent_from[Target.GAR]) == GAR[k]


def test_the_drawn_dates_start_from_the_calendar_as_written(hand_case) -> None:  # type: ignore[no-untyped-def]
    """Nothing late, the export is on Thu 03/09: ENT the next morning, GAR the morning after
    (see ENT and GAR above), the dates `run` gives; the summary says so above the P50."""
    from sim.presentation.risk_output import risk_summary

    assert day_of(hand_case, hand_case.as_written[Target.ENT]) == ENT[0]
    assert day_of(hand_case, hand_case.as_written[Target.GAR]) == GAR[0]
    lines = risk_summary(hand_case).splitlines()
    written = lines.index("ENT (Lycée Connecté)") + 1
    assert lines[written] == (
        "  tel qu'écrit, sans rien tirer (ni retard, ni oubli, ni panne), comme `run` : "
        "ven. 04/09/2026"
    )
    assert lines[written + 1].startswith("  P50 : ")


def test_percentiles_of_a_uniform_lateness(hand_case) -> None:  # type: ignore[no-untyped-def]
    """P(k ≤ 1) = 0.4 < 0.5 ≤ P(k ≤ 2) = 0.6 → P50 is k = 2;
    P(k ≤ 3) = 0.8 < 0.95 → P95 is k = 4."""
    ent = hand_case.targets[Target.ENT]
    gar = hand_case.targets[Target.GAR]
    assert day_of(hand_case, ent.percentiles["p50"]) == ENT[2]
    assert day_of(hand_case, ent.percentiles["p95"]) == ENT[4]
    assert day_of(hand_case, gar.percentiles["p50"]) == GAR[2]
    assert day_of(hand_case, gar.percentiles["p95"]) == GAR[4]
    assert ent.never_share == 0
    low, high = ent.intervals["p50"]
    assert low is not None and high is not None and low <= ent.percentiles["p50"] <= high


def test_curve_matches_the_distribution(hand_case) -> None:  # type: ignore[no-untyped-def]
    """On Tue 08/09 at 08:00 the ENT is right when k ≤ 2: probability 3/5 (sampling error
    with 300 draws: sd ≈ 0.028)."""
    ent = hand_case.targets[Target.ENT]
    minute = hand_case.clock.day_minutes(dt.date(2026, 9, 8), dt.time(8, 0))
    probability = ent.curve[hand_case.observations.index(minute)]
    drawn = np.mean([r.lateness["export_liens_siecle"] <= 2 for r in hand_case.replications])
    assert probability == pytest.approx(drawn)
    assert abs(probability - 0.6) < 0.12


def test_criticality(hand_case) -> None:  # type: ignore[no-untyped-def]
    gar = hand_case.targets[Target.GAR]
    assert gar.criticality["export_liens_siecle"] == 1.0
    assert gar.criticality["export_gar"] == 1.0
    assert gar.criticality["bascule_sts"] == 0.0
    mean_chain = np.mean([len(set(r.chain[Target.GAR])) for r in hand_case.replications])
    assert sum(gar.criticality.values()) == pytest.approx(mean_chain)
    assert gar.criticality_basis == hand_case.size


def test_same_results_with_one_or_two_workers_and_across_runs() -> None:
    scenario = nominal_with({})
    one = run_risk(scenario, 12, seed=5, workers=1)
    two = run_risk(scenario, 12, seed=5, workers=2)
    again = run_risk(scenario, 12, seed=5, workers=2)
    key = [(r.lateness, r.forgotten, r.consistent_from) for r in one.replications]
    assert key == [(r.lateness, r.forgotten, r.consistent_from) for r in two.replications]
    assert key == [(r.lateness, r.forgotten, r.consistent_from) for r in again.replications]
    other = run_risk(scenario, 12, seed=6, workers=1)
    assert key != [(r.lateness, r.forgotten, r.consistent_from) for r in other.replications]


def test_one_pool_serves_two_lycees_and_a_tornado_as_separate_runs_do() -> None:
    """A pool of two processes, started once, runs the replications of two lycées (the
    second one's truth built by the workers) and a tornado: the same figures as one process
    each time."""
    first, second = nominal_with({}), nominal_with({"seed": 99}, students=300)

    def key(result):  # type: ignore[no-untyped-def]
        return [(r.lateness, r.forgotten, r.consistent_from, r.chain) for r in result.replications]

    with ReplicationPool(2) as pool:
        pooled = [run_risk(s, 8, seed=3, pool=pool) for s in (first, second)]
        bars = tornado(first, pooled[0], size=6, pool=pool, operations=[EXPORT])
        sizes = [pool.truth(s)[1].size(Category.STUDENTS) for s in (first, second)]
        assert sizes[0] < sizes[1]  # two truths: 240 and 300 students (with leavers)
    alone = [run_risk(s, 8, seed=3, workers=1) for s in (first, second)]
    assert [key(r) for r in pooled] == [key(r) for r in alone]
    assert bars == tornado(first, alone[0], size=6, workers=1, operations=[EXPORT])
    assert bars[EXPORT.value][0] is not None
    # the bars are read against the P80 of the same six replications as drawn
    assert pooled[0].tornado_size == 6
    six = [r.consistent_from[Target.GAR] for r in pooled[0].replications[:6]]
    assert pooled[0].tornado_reference == percentile(
        [math.inf if m is None else m for m in six], 0.8
    )


def test_lateness_draws() -> None:
    rng = np.random.default_rng(1)
    triangular = Lateness(kind="triangular", min=1, mode=2, max=4)
    draws = [draw_lateness(triangular, rng) for _ in range(500)]
    assert min(draws) >= 1 and max(draws) <= 4
    capped = Lateness(kind="lognormal", median=5, sigma=2, max=10)
    assert max(draw_lateness(capped, rng) for _ in range(500)) <= 10


def test_percentile_interval_brackets_the_percentile() -> None:
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    low, high = percentile_interval(values, 0.5)
    assert 38 <= low <= 50 <= high <= 62
    assert percentile([1.0, math.inf], 0.8) == math.inf


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=400),
    p=st.sampled_from([0.05, 0.5, 0.8, 0.95]),
    confidence=st.sampled_from([0.8, 0.9, 0.95]),
)
def test_percentile_interval_search_agrees_with_a_linear_scan(
    n: int, p: float, confidence: float
) -> None:
    """The bisection picks the ranks a plain scan of the binomial CDF picks."""
    alpha = (1 - confidence) / 2
    low = next((k for k in range(n) if _binomial_cdf(k, n, p) >= alpha), n)
    high = next((k for k in range(low, n) if _binomial_cdf(k, n, p) >= 1 - alpha), n)
    values = [float(v) for v in range(n)]
    assert percentile_interval(values, p, confidence) == (
        values[max(0, low - 1)],
        values[min(n - 1, high)],
    )


def test_risk_command_json_and_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    import yaml
    from typer.testing import CliRunner

    from sim.cli import app

    path = tmp_path / "one-late.yaml"
    path.write_text(
        yaml.safe_dump(json.loads(one_late_operation().model_dump_json(exclude_none=True))),
        encoding="utf-8",
    )
    out = tmp_path / "risk"
    result = CliRunner().invoke(
        app,
        [
            "risk",
            str(path),
            "-n",
            "40",
            "--seed",
            "3",
            "--json",
            "--workers",
            "1",
            "--tornado",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ent = data["targets"]["ent"]
    assert set(ent["percentiles"]) == {"p50", "p80", "p95"}
    assert ent["percentiles"]["p95"] == ENT[4]
    assert ent["as_written"] == ENT[0] and data["targets"]["gar"]["as_written"] == GAR[0]
    assert ent["never_share"] == 0
    assert {"date", "probability"} == set(ent["curve"][0])
    assert data["criticality"]["export_liens_siecle"] == 1.0
    assert set(data["tornado"]) == {"export_liens_siecle"}
    assert data["tornado"]["export_liens_siecle"]["high"] == GAR[4]
    names = sorted(p.name for p in out.iterdir() if p.name != ".rentree-sim")
    assert names == ["courbe.csv", "courbe.png", "risque.json", "tirages.csv", "tornade.png"]


def test_risk_pictures(hand_case) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    from sim.analysis.risk import tornado
    from sim.presentation.risk_plots import plot_risk_curve, plot_tornado

    ax = plot_risk_curve(hand_case, Figure().add_subplot())
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    assert [c.get_label() for c in curves] == ["ENT (Lycée Connecté)", "GAR (manuels numériques)"]
    assert max(curves[0].get_ydata()) == 1.0  # every replication is right in the end
    hand_case.tornado = tornado(one_late_operation(), hand_case, size=20, workers=1)
    assert set(hand_case.tornado) == {"export_liens_siecle"}
    low, middle, high = hand_case.tornado["export_liens_siecle"]
    assert low is not None and middle is not None and high is not None
    assert low <= middle <= high
    bars = plot_tornado(hand_case, Figure().add_subplot())
    assert [t.get_text() for t in bars.get_yticklabels()] == [
        "export des liens élèves-groupes vers SIECLE"
    ]


def test_risk_pictures_text_is_readable(hand_case) -> None:  # type: ignore[no-untyped-def]
    """Every text of the risk curve and the tornado is at least 9 pt, as in the other
    pictures (they go on slides and into the report)."""
    from matplotlib.text import Text

    from sim.analysis.risk import tornado
    from sim.presentation.plotting import figure_of
    from sim.presentation.risk_plots import plot_risk_curve, plot_tornado

    hand_case.tornado = tornado(one_late_operation(), hand_case, size=20, workers=1)
    for ax in (plot_risk_curve(hand_case), plot_tornado(hand_case)):
        figure = figure_of(ax)
        figure.draw_without_rendering()  # lays out the tick labels too
        texts = [t for t in figure.findobj(Text) if t.get_text().strip()]
        assert texts
        assert min(t.get_fontsize() for t in texts) >= 9


def test_drawn_calendars_keep_the_staff_calendar_and_the_fixed_dates() -> None:
    """A late step lands on a day the staff work (never in the 14/07–20/08 closure, never on
    a weekend or public holiday); the académie's and AFFELNET's dates are never late nor
    forgotten."""
    import numpy as np

    from sim.analysis.replication import sample_calendar
    from sim.calendar import day_of
    from sim.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS

    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    staff = scenario.calendar.staff()
    rng = np.random.default_rng(7)
    for _ in range(60):
        drawn, lateness, forgotten = sample_calendar(scenario, rng)
        for op in Operation:
            spec, planned = drawn.operations.get(op), scenario.operations.get(op)
            if planned.fixed:
                assert spec.date == planned.date and not spec.missing
                assert op.value not in lateness and op.value not in forgotten
            elif not spec.missing and op is not Operation.TRANSITION_ENT:
                assert all(staff.works(day_of(d)) for d in spec.date), (op, spec.date)


def test_a_step_dated_on_a_day_off_stays_after_its_prerequisites_when_late() -> None:
    """The second export to the timetable software written on Sunday 30/08 (10:00), after
    the students created on Friday 28/08 14:00. Every step two working days late: the
    creation on Tuesday 01/09 14:00, the export from Monday 31/08 (the staff do not work on
    Sunday) to Wednesday 02/09 10:00, so that its file (SIECLE as the night before left it)
    holds those students. Counted from the Sunday, the export fell on Tuesday 10:00, before
    the creation: a probe found 63 % of replications never right (8 % for the nominal)."""
    from sim.analysis.replication import DrawPlan, draw, sample_calendar
    from sim.chain import PREDECESSORS

    two_days = {
        "forget_probability": 0,
        "lateness": {"kind": "triangular", "min": 2, "mode": 2, "max": 2},
    }
    scenario = nominal_with(
        {
            "operations": {
                **{op.value: two_days for op in Operation if op is not Operation.TRANSITION_ENT},
                "export_siecle_edt": {"date": ["2026-07-08", "2026-08-30"], **two_days},
            }
        }
    )
    drawn, lateness, _ = sample_calendar(scenario, np.random.default_rng(1))
    assert lateness["export_siecle_edt"] == lateness["creation_eleves"] == 2
    assert drawn.operations.creation_eleves.date[1] == dt.datetime(2026, 9, 1, 14, 0)
    assert drawn.calendar.at(drawn.operations.export_siecle_edt.date[1]) == dt.datetime(
        2026, 9, 2, 10, 0
    )
    # with the default delays, no step is drawn before a prerequisite written before it
    sunday = nominal_with(
        {"operations": {"export_siecle_edt": {"date": ["2026-07-08", "2026-08-30"]}}}
    )
    calendar, plan = sunday.calendar, DrawPlan(sunday)
    scenario = sunday
    for index in range(200):
        drawn = draw(sunday, index, 5, None, plan=plan)[0]
        for op, prerequisites in PREDECESSORS.items():
            for p in prerequisites:
                done, first = drawn.operations.get(op), drawn.operations.get(p)
                if done.missing or first.missing:
                    continue
                pairs = zip(scenario.operations.get(op).date, done.date, strict=False)
                for written, late in pairs:
                    for written_first, late_first in zip(
                        scenario.operations.get(p).date, first.date, strict=False
                    ):
                        if calendar.at(written_first) < calendar.at(written):
                            assert calendar.at(late_first) <= calendar.at(late), (op, p, index)


def test_a_step_drawn_before_its_prerequisite_is_moved_to_it() -> None:
    """A prerequisite written on Sunday 30/08 10:00 and its step on Monday 31/08 09:00, both
    one day late: the prerequisite on Tuesday 01/09 10:00 (from Monday), the step on Tuesday
    09:00, before it. The step is moved to Tuesday 10:00; its first date, written before the
    prerequisite, is not."""
    from sim.analysis.replication import _kept_after

    calendar = nominal_with({}).calendar
    prerequisite = [(dt.datetime(2026, 8, 30, 10, 0), dt.datetime(2026, 9, 1, 10, 0))]
    written = [dt.datetime(2026, 8, 28, 9, 0), dt.datetime(2026, 8, 31, 9, 0)]
    moved = [dt.datetime(2026, 8, 31, 9, 0), dt.datetime(2026, 9, 1, 9, 0)]
    assert _kept_after(calendar, written, moved, [prerequisite]) == [
        dt.datetime(2026, 8, 31, 9, 0),
        dt.datetime(2026, 9, 1, 10, 0),
    ]


def test_a_batch_plan_draws_what_each_draw_alone_does_and_an_edit_is_read_again() -> None:
    """Draws that share a batch's plan (the scenario's risks and specs looked up once) give
    the calendars of draws made alone; a scenario edited in place after a batch is read
    again by the next one (a review found the edit ignored by a plan kept by identity)."""
    from sim.analysis.replication import DrawPlan, draw, run_replications
    from sim.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS

    scenario = load_scenario(SCENARIOS / "nominal.yaml")
    plan = DrawPlan(scenario)
    for index in range(40):
        shared = draw(scenario, index, 3, None, plan=plan)
        alone = draw(scenario, index, 3, None)
        assert shared[1:] == alone[1:]
        assert shared[0].model_dump() == alone[0].model_dump()
    before = run_replications(scenario, range(3), seed=3)
    scenario.channels.export_gar.failure_probability = 1.0
    scenario.operations.export_liens_siecle.missing = True
    after = draw(scenario, 0, 3, None)
    assert len(after[0].channels.export_gar.outages) > 100
    assert after[0].operations.export_liens_siecle.missing
    again = run_replications(scenario, range(3), seed=3)
    assert all("outage" in r.warnings for r in again)
    assert [r.consistent_from for r in again] != [r.consistent_from for r in before]


def test_every_cause_of_a_never_right_run_is_told_in_words() -> None:
    """A cause is shown to users (risk, academie run and risk): each one that can occur has
    its words, none reaches them as a code."""
    from sim.analysis.run_analysis import WARNING_CODES
    from sim.presentation.risk_output import cause_label

    codes = never_causes_of([*WARNING_CODES, "transition_after_rentree"], list(Operation))
    assert "outage" not in codes and "forgotten:export_liens_siecle" in codes
    for code in codes:
        text = cause_label(code)
        assert text != code and "_" not in text, code


def test_never_causes_are_the_ones_that_go_with_never_being_right() -> None:
    """Forgetting the structure export changes nothing (the copy STS-WEB → SIECLE runs on
    its own): forgotten in half of the draws, it is in half of the never-right ones too,
    and is left out; the link export's omission, in every never-right draw and
    in none of the others, is told. When no draw is right, the causes all of them share."""
    from sim.analysis.risk import associated_causes

    structure, links = "forgotten:export_structure_siecle", "forgotten:export_liens_siecle"
    draws = [(i % 2 == 0, [links] if i % 2 == 0 else []) for i in range(40)]
    draws = [
        (never, [*codes, structure] if i % 4 < 2 else codes)
        for i, (never, codes) in enumerate(draws)
    ]
    assert associated_causes(draws) == {links: 1.0}
    everywhere = [(True, [links, structure] if i % 4 == 0 else [links]) for i in range(8)]
    assert associated_causes(everywhere) == {links: 1.0}
    assert associated_causes([(False, [links])]) == {}


def test_the_summary_says_what_the_draws_assume() -> None:
    """Medians computed by hand: triangular (0, 1, 5) has its median where the area left of
    it is 1/2, 5 - sqrt(5 x 4 / 2) = 1.84 days; a lognormal's median is its parameter; an
    empirical law's, the value where the weights reach half. The default link export is a
    lognormal of median 5 days, forgotten 5 % of the time: the summary's second line says so,
    which is why a calendar on time in `run` is late in `risk`."""
    from sim.presentation.risk_output import drawn_laws
    from sim.scenario.loader import load_scenario
    from sim.scenario.priors import median_lateness
    from tests.conftest import SCENARIOS

    triangular = Lateness(kind="triangular", min=0, mode=1, max=5)
    assert median_lateness(triangular) == pytest.approx(5 - math.sqrt(10))
    assert median_lateness(Lateness(kind="lognormal", median=5, sigma=0.8, max=25)) == 5
    empirical = Lateness(kind="empirical", values=[0, 2, 9], weights=[0.2, 0.5, 0.3])
    assert median_lateness(empirical) == 2
    line = drawn_laws(load_scenario(SCENARIOS / "nominal.yaml"))
    assert "export liens 5 j" in line and "export liens 5 %" in line


def test_a_target_never_right_says_where_its_last_category_is_stuck(tmp_path: Any) -> None:
    """arrivees-tardives without its SIECLE → EDT export of 21/09: the students who arrive
    later never reach the timetable software, so their links to groups are in no system at
    all. No warning says it; the never-right draws now name it (as `run` does), first."""
    from sim.presentation.risk_output import cause_label
    from sim.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS

    path = tmp_path / "sans-export.yaml"
    path.write_text(
        f"extends: {SCENARIOS / 'arrivees-tardives.yaml'}\nname: essai\n"
        "operations:\n  export_siecle_edt: {date: [2026-07-08, 2026-09-03]}\n",
        encoding="utf-8",
    )
    result = run_risk(load_scenario(path), 30, seed=1, workers=1)
    for target in Target:
        causes = result.targets[target].never_causes
        first, share = next(iter(causes.items()))
        assert first == "stuck:student_group:none" and share >= 0.8
    assert cause_label(first) == "manquants : élève → groupe, pas même dans EDT/PRONOTE"
    stopped = cause_label("stuck:student_group:edt")
    assert stopped == "manquants : élève → groupe, arrêtés à EDT/PRONOTE"
    # students are typed in SIECLE: never « not even in » the timetable software
    assert cause_label("stuck:students:none") == "manquants : élèves, pas même dans SIECLE"


def test_an_edited_data_file_gives_another_truth_key(tmp_path: Any) -> None:
    """A long session (a notebook) keeps truths by key: an imported lycée's data file
    edited in between must not give back the truth of its old content."""
    from sim.analysis.replication import lycee_key
    from sim.scenario.loader import load_scenario
    from tests.conftest import SCENARIOS

    data = tmp_path / "lycee.donnees.json"
    data.write_text("{}", encoding="utf-8")
    nominal = load_scenario(SCENARIOS / "nominal.yaml")
    etab = nominal.etablissement.model_copy(update={"donnees": str(data)})
    scenario = nominal.model_copy(update={"etablissement": etab})
    before = lycee_key(scenario)
    data.write_text('{"changed": true}', encoding="utf-8")
    assert lycee_key(scenario) != before
