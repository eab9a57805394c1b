"""Pictures, built without pyplot: lanes, markers at the right dates, reference lines at the
dates the results give, readable labels."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import matplotlib.dates as mdates
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from sim.analysis.run_analysis import Analysis, analyse
from sim.domain import Category, Target
from sim.engine.simulation import simulate
from sim.errors import UsageError
from sim.presentation.plots import (
    completeness_figure,
    figure_of,
    plot_comparison,
    plot_completeness,
    plot_graph,
    plot_timeline,
    save_figure,
)
from sim.presentation.time_axis import DayRange
from tests.conftest import run_scenario
from tests.test_rules import nominal_with


def num(text: str) -> float:
    return float(mdates.date2num(dt.datetime.fromisoformat(text)))


def vertical_lines(ax) -> list[float]:  # type: ignore[no-untyped-def]
    return [
        line.get_xdata()[0]
        for line in ax.get_lines()
        if len(line.get_xdata()) == 2
        and line.get_xdata()[0] == line.get_xdata()[1]
        and tuple(line.get_ydata()) == (0, 1)
    ]


def test_timeline_lanes_markers_and_lines() -> None:
    analysis = run_scenario("liens-en-retard.yaml")
    ax = plot_timeline(analysis, Figure().add_subplot())
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "STS-WEB",
        "SIECLE",
        "EDT/PRONOTE",
        "AAF",
        "ENT",
        "GAR",
    ]
    points = {
        (round(line.get_xdata()[0], 4), round(line.get_ydata()[0], 2))
        for line in ax.get_lines()
        if len(line.get_xdata()) == 1
    }
    # lanes are one unit apart, more where labels need room: read SIECLE's from its tick
    siecle = round(float(ax.get_yticks()[1]), 2)
    assert (round(num("2026-10-01 10:00"), 4), siecle) in points  # actual export of links
    assert (round(num("2026-09-03 10:00"), 4), siecle) in points  # planned date (hollow)
    lines = vertical_lines(ax)
    assert num("2026-09-01 00:00") in lines  # rentrée
    assert num("2026-10-02 08:00") in lines  # ENT consistent from
    assert num("2026-10-03 08:00") in lines  # GAR consistent from (Fri 21:00 export → Sat)


def test_timeline_shows_missing_and_never() -> None:
    analysis = run_scenario("liens-jamais-exportes.yaml")
    ax = plot_timeline(analysis, Figure().add_subplot())
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("jamais cohérent" in text for text in texts)
    assert any(a.get_text() == "export liens ✗" for a in ax.texts if isinstance(a, Annotation))


def _overlaps(ax) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Pairs of texts drawn on ``ax`` whose boxes overlap (rule counts excepted: a digit
    beside its marker), the captions of the axis breaks included."""
    figure = figure_of(ax)
    FigureCanvasAgg(figure).draw()
    boxes = [
        (a.get_text(), a.get_window_extent())
        for a in ax.texts
        if a.get_visible() and a.get_text().strip() and not a.get_text().isdigit()
    ]
    return [(ta, tb) for (ta, a), (tb, b) in itertools.combinations(boxes, 2) if a.overlaps(b)]


def _labels_between(ax, first: str, last: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        a.get_text()
        for a in ax.texts
        if isinstance(a, Annotation) and a.get_text() and num(first) <= a.xy[0] <= num(last)
    ]


def crowded_rentree() -> Analysis:
    """Many events in the days around the rentrée: repeated exports, arrivals, departures,
    class and group changes."""
    return analyse(
        simulate(
            nominal_with(
                {
                    "operations": {
                        "export_siecle_edt": {
                            "date": ["2026-07-08", "2026-08-31", "2026-09-02", "2026-09-04"]
                        },
                        "import_sts_edt": {"date": ["2026-08-31 16:00", "2026-09-03"]},
                        "export_liens_siecle": {"date": ["2026-09-03", "2026-09-04", "2026-09-08"]},
                        "transferts": {
                            "date": ["2026-07-02", "2026-08-28", "2026-09-01"],
                            "share": [0.7, 0.9, 1.0],
                        },
                    },
                    "reality": [
                        {"date": "2026-09-01", "kind": "arrival", "count": 3, "level": "2nde"},
                        {"date": "2026-09-02", "kind": "departure", "count": 1},
                        {"date": "2026-09-02", "kind": "group_change", "count": 4},
                        {"date": "2026-09-03", "kind": "division_change", "count": 2},
                        {"date": "2026-09-04", "kind": "arrival", "count": 2, "level": "1re"},
                    ],
                }
            )
        )
    )


@pytest.mark.parametrize(
    "name",
    [
        "nominal.yaml",
        "arrivees-tardives.yaml",
        "import-sts-en-retard.yaml",
        "liens-en-retard.yaml",
        "liens-avant-groupes.yaml",
        "liens-jamais-exportes.yaml",
    ],
)
def test_timeline_labels_do_not_overlap(name: str) -> None:
    ax = plot_timeline(run_scenario(name))
    assert _overlaps(ax) == []
    assert len(_labels_between(ax, "2026-08-25", "2026-09-22")) >= 4  # the crowded days


def test_crowded_days_around_the_rentree_do_not_overlap() -> None:
    analysis = crowded_rentree()
    ax = plot_timeline(analysis)
    assert len(_labels_between(ax, "2026-08-25", "2026-09-10")) >= 15
    assert _overlaps(ax) == []
    zoomed = plot_timeline(analysis, days=DayRange(dt.date(2026, 8, 27), dt.date(2026, 9, 9)))
    assert _overlaps(zoomed) == []


def test_timeline_of_a_large_lycee_reads_well() -> None:
    """50 divisions, 1,500 students: the same calendar stays readable."""
    scenario = nominal_with({}, students=1500)
    scenario.etablissement.divisions.seconde = 18
    scenario.etablissement.divisions.premiere = 16
    scenario.etablissement.divisions.terminale = 16
    analysis = analyse(simulate(scenario))
    assert _overlaps(plot_timeline(analysis)) == []
    assert _overlaps(plot_graph(analysis)) == []


def test_completeness_curves_reach_one_at_the_consistency_date() -> None:
    analysis = run_scenario("nominal.yaml")
    ax = plot_completeness(analysis, Target.ENT, Figure().add_subplot())
    curves = {line.get_label(): line for line in ax.get_lines() if len(line.get_xdata()) > 2}
    links = curves["élève → groupe"]
    x, y = links.get_xdata(), links.get_ydata()
    first_full = x[list(y).index(1.0)]
    assert first_full == num("2026-09-04 08:00")
    assert num("2026-09-04 08:00") in vertical_lines(ax)


def test_completeness_small_multiples() -> None:
    figure = completeness_figure(run_scenario("nominal.yaml"))
    titles = [ax.get_title() for ax in figure.axes]
    assert "élève → groupe" in titles and len(titles) == len(Category)
    parents = figure.axes[titles.index("responsables")]
    solid = [
        line
        for line in parents.get_lines()
        if len(line.get_xdata()) > 2 and line.get_linestyle() == "-"
    ]
    assert [line.get_label() for line in solid] == ["ENT"]  # GAR holds no parents


def test_graph_highlights_the_critical_chain() -> None:
    analysis = run_scenario("nominal.yaml")
    ax = plot_graph(analysis, Target.GAR, Figure().add_subplot())
    red = {
        t.get_text().replace("\n", " ")
        for t in ax.texts
        if t.get_color() == "#c0392b"
        and t.get_bbox_patch() is not None
        and t.get_bbox_patch().get_linewidth() > 2
    }
    assert {"construction EDT", "EDT → STS", "export liens", "import ENT", "export GAR"} <= red
    labels = {t.get_text() for t in ax.texts}
    assert {"21:00, +9 h", "02:00, +90 min", "21:00, +0 j"} <= labels


def test_comparison_rows_and_never() -> None:
    analyses = [run_scenario("nominal.yaml"), run_scenario("liens-jamais-exportes.yaml")]
    ax = plot_comparison(analyses, Figure().add_subplot())
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()] == [
        a.result.scenario.name for a in analyses
    ]
    points = [
        (line.get_xdata()[0], line.get_ydata()[0])
        for line in ax.get_lines()
        if len(line.get_xdata()) == 1
    ]
    assert (num("2026-09-04 08:00"), -0.12) in points
    assert sum(1 for t in ax.texts if t.get_text() == "jamais") == 2


def test_save_png_and_svg(tmp_path: Path) -> None:
    figure = figure_of(plot_timeline(run_scenario("nominal.yaml")))
    png = save_figure(figure, tmp_path / "a.png")
    svg = save_figure(figure, tmp_path / "a.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in svg.read_text(encoding="utf-8")[:500]
    with pytest.raises(UsageError, match=r"\.png ou \.svg"):
        save_figure(figure, tmp_path / "a.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "a.svg"]
