"""The time axis of the pictures: by default the rentrée weeks take most of the width and the
weeks without any operation are cut out with a marked break; --du/--au choose the range."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib.dates as mdates
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from typer.testing import CliRunner

from sim.analysis.run_analysis import Analysis
from sim.cli import app
from sim.domain import Target
from sim.errors import UsageError
from sim.presentation.formatting import parse_day
from sim.presentation.plots import (
    completeness_figure,
    figure_of,
    plot_comparison,
    plot_completeness,
    plot_timeline,
)
from sim.presentation.time_axis import DayRange, day_range
from tests.conftest import SCENARIOS, run_scenario

runner = CliRunner()
NOMINAL = str(SCENARIOS / "nominal.yaml")


def _x(day: dt.date) -> float:
    return float(mdates.date2num(dt.datetime.combine(day, dt.time())))


def rentree_weeks(analysis: Analysis) -> tuple[dt.date, dt.date]:
    """From the rentrée − 7 days to the later of the last ENT/GAR consistency date and the
    rentrée + 3 weeks."""
    result = analysis.result
    dates = [
        result.instant(tc.consistent_from).date()
        for tc in analysis.targets.values()
        if tc.consistent_from is not None
    ]
    return (
        result.rentree - dt.timedelta(days=7),
        max([result.rentree + dt.timedelta(days=21), *dates]),
    )


def share_of_width(ax, first: dt.date, last: dt.date) -> float:  # type: ignore[no-untyped-def]
    """Share of the axes' width (as drawn) between the start of ``first`` and the end of
    ``last``."""
    FigureCanvasAgg(figure_of(ax)).draw()
    left, right = (
        ax.transData.transform((_x(d), 0))[0] for d in (first, last + dt.timedelta(days=1))
    )
    return float((right - left) / ax.get_window_extent().width)


@pytest.mark.parametrize(
    "name", ["nominal.yaml", "liens-en-retard.yaml", "arrivees-tardives.yaml", "panne-aaf.yaml"]
)
def test_rentree_weeks_take_at_least_half_the_timeline(name: str) -> None:
    analysis = run_scenario(name)
    ax = plot_timeline(analysis)
    share = share_of_width(ax, *rentree_weeks(analysis))
    assert share >= 0.5, f"{name}: {share:.0%}"
    # the whole window is still there, from its first to its last day
    assert ax.get_xlim() == (
        _x(analysis.result.scenario.calendar.start),
        _x(analysis.result.scenario.calendar.end + dt.timedelta(days=1)),
    )


def test_summer_without_operation_is_a_marked_break() -> None:
    ax = plot_timeline(run_scenario("nominal.yaml"))
    texts = [t.get_text() for t in ax.texts]
    assert "6 sem. sans opération" in texts  # 11/07 → 24/08, nothing but nightly batches
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(text.startswith("axe interrompu") for text in legend)
    hatched = [p for p in ax.patches if p.get_hatch() == "///"]
    assert len(hatched) == 2  # the summer and the weeks after the consistency dates


def test_every_operation_stays_on_the_default_axis() -> None:
    analysis = run_scenario("nominal.yaml")
    ax = plot_timeline(analysis)
    low, high = ax.get_xlim()
    points = [line.get_xdata()[0] for line in ax.get_lines() if len(line.get_xdata()) == 1]
    assert points and all(low <= x <= high for x in points)


def test_a_range_is_shown_to_scale() -> None:
    days = DayRange(dt.date(2026, 8, 24), dt.date(2026, 9, 12))
    ax = plot_timeline(run_scenario("nominal.yaml"), days=days)
    assert ax.get_xlim() == (_x(days.first), _x(days.last + dt.timedelta(days=1)))
    assert ax.get_xscale() == "linear"
    first_week = share_of_width(ax, dt.date(2026, 8, 24), dt.date(2026, 8, 30))
    assert first_week == pytest.approx(7 / 20, abs=1e-6)
    ticks = [mdates.num2date(x).date() for x in ax.get_xticks()]
    assert len(ticks) >= 8  # every day or every other day is labelled on 20 days


def test_completeness_and_comparison_take_a_range() -> None:
    days = DayRange(dt.date(2026, 8, 31), dt.date(2026, 9, 20))
    analysis = run_scenario("nominal.yaml")
    limits = (_x(days.first), _x(days.last + dt.timedelta(days=1)))
    assert plot_completeness(analysis, Target.ENT, days=days).get_xlim() == limits
    assert all(ax.get_xlim() == limits for ax in completeness_figure(analysis, days=days).axes)
    compare = plot_comparison([analysis, run_scenario("liens-en-retard.yaml")], days=days)
    assert compare.get_xlim() == limits  # no never column: nothing beyond the dates
    hollow = [
        line
        for line in compare.get_lines()
        if len(line.get_xdata()) == 1 and line.get_markerfacecolor() == "white"
    ]
    assert len(hollow) == 2  # 02/10 and 03/10 fall after the range: at its edge, hollow
    assert {"02/10", "03/10"} <= {t.get_text() for t in compare.texts}


def test_comparison_never_column_is_in_the_legend_or_absent() -> None:
    with_never = plot_comparison(
        [run_scenario("nominal.yaml"), run_scenario("liens-jamais-exportes.yaml")],
        Figure().add_subplot(),
    )
    legend = [t.get_text() for t in with_never.get_legend().get_texts()]
    assert "jamais cohérent dans la fenêtre simulée (jusqu'au dim. 15/11/2026)" in legend
    assert len(with_never.patches) == 1
    without = plot_comparison(
        [run_scenario("nominal.yaml"), run_scenario("liens-en-retard.yaml")],
        Figure().add_subplot(),
    )
    assert len(without.patches) == 0
    assert all("jamais" not in t.get_text() for t in without.get_legend().get_texts())


def test_parse_day_accepts_both_forms() -> None:
    assert parse_day("01/09/2026", "--du") == dt.date(2026, 9, 1)
    assert parse_day("2026-09-01", "--du") == dt.date(2026, 9, 1)
    with pytest.raises(UsageError, match=r"--au : « 2026-02-30 » n'est pas une date"):
        parse_day("2026-02-30", "--au")
    window = (dt.date(2026, 6, 8), dt.date(2026, 11, 15))
    assert day_range(None, None, window) is None
    assert day_range(dt.date(2026, 9, 1), None, window) == DayRange(
        dt.date(2026, 9, 1), dt.date(2026, 11, 15)
    )
    assert day_range(dt.date(2026, 9, 1), dt.date(2026, 9, 1), window) is not None


@pytest.mark.parametrize(
    ("command", "options", "message"),
    [
        (
            "timeline",
            ["--du", "12/09/2026", "--au", "2026-09-01"],
            "--du sam. 12/09/2026 est après --au",
        ),
        ("timeline", ["--du", "2025-09-01"], "--du lun. 01/09/2025 : hors de la fenêtre simulée"),
        (
            "completeness",
            ["--au", "30/11/2026"],
            "--au lun. 30/11/2026 : hors de la fenêtre simulée",
        ),
        ("completeness", ["--du", "demain"], "--du : « demain » n'est pas une date"),
        ("compare", ["--du", "2026-10-01", "--au", "2026-09-30"], "--du jeu. 01/10/2026 est après"),
    ],
)
def test_bad_ranges_exit_2_in_french(
    command: str, options: list[str], message: str, tmp_path: Path
) -> None:
    out = tmp_path / "image.png"
    result = runner.invoke(app, ["plot", command, NOMINAL, *options, "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_range_options_write_the_picture(tmp_path: Path) -> None:
    out = tmp_path / "chronologie.svg"
    result = runner.invoke(
        app,
        ["plot", "timeline", NOMINAL, "--du", "24/08/2026", "--au", "2026-09-12", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "<svg" in out.read_text(encoding="utf-8")[:1000]
