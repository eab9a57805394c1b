"""The académie's page in a real headless browser: from a file, no console error, no request
beyond the file, the two pictures drawn, one table row per lycée in rank order; and the
pictures' functions take ``ax`` and return their axes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from PIL import Image

from sim.analysis.academie import run_academie
from sim.analysis.academie_risk import run_academie_risk
from sim.domain import Target
from sim.presentation.academie_plots import plot_academie_curve, plot_bottlenecks
from sim.presentation.academie_report import academie_report_html, write_academie_report
from sim.scenario.academie import load_academie
from tests.conftest import SCENARIOS, run_main
from tests.test_report_browser import FLAGS, browser_path, ink

PETITE = SCENARIOS / "academies" / "petite-academie.yaml"


@pytest.fixture(scope="module")
def results() -> tuple[object, object]:
    academie = load_academie(PETITE)
    return run_academie(academie), run_academie_risk(academie, 6)


def test_pictures_draw_on_the_given_axes(results: tuple[object, object]) -> None:
    for result in results:
        ax = Figure().subplots()
        assert plot_academie_curve(result, ax=ax) is ax  # type: ignore[arg-type]
        assert len(ax.lines) >= 2
        ax = Figure().subplots()
        assert plot_bottlenecks(result, Target.GAR, ax=ax) is ax  # type: ignore[arg-type]
        assert ax.patches


def test_the_curve_starts_a_week_before_the_rentree(results: tuple[object, object]) -> None:
    """The window opens on 08/06; no lycée is right before the rentrée (Tue 01/09): the
    axis starts on Tue 25/08, not on three months of 0 % (a probe's complaint)."""
    import datetime as dt

    import matplotlib.dates as mdates

    for result in results:
        ax = plot_academie_curve(result)  # type: ignore[arg-type]
        start = mdates.num2date(ax.get_xlim()[0]).date()
        assert start == dt.date(2026, 8, 25)


def test_a_deadline_that_ranks_nothing_is_told_with_another(
    results: tuple[object, object],
) -> None:
    """Six draws of the petite académie: no lycée's GAR is right on the default deadline,
    Tue 08/09 (the rentrée + 7 days), in any draw: the deadline ranks nothing, which the
    summary and the page say, suggesting the middle of the lycées' P50 instead."""
    from sim.presentation.academie_risk_output import academie_risk_summary, deadline_hint

    _, risk = results
    assert all(one.targets[Target.GAR].by_share == 0 for one in risk.lycees)  # type: ignore[attr-defined]
    hint = deadline_hint(risk)  # type: ignore[arg-type]
    assert hint is not None and "tous les lycées ont la même probabilité (0\u202f%)" in hint
    assert "--echeance " in hint
    assert hint in academie_risk_summary(risk)  # type: ignore[arg-type]
    assert "la même probabilité" in academie_report_html(risk)  # type: ignore[arg-type]


def test_the_page_is_self_contained(results: tuple[object, object]) -> None:
    for result in results:
        page = academie_report_html(result)  # type: ignore[arg-type]
        assert "<script" not in page
        assert 'src="http' not in page and "<link" not in page  # namespaces are not requests
        assert page.count("<svg") == 2 and page.count("<tr") == 13  # header and 12 lycées


def test_the_page_in_headless_chromium(tmp_path: Path, results: tuple[object, object]) -> None:
    executable = browser_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium: .ci/run installs Debian's chromium package")
        pytest.skip("aucun chromium sur cette machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    risk = results[1]
    path = write_academie_report(academie_report_html(risk), tmp_path / "tableau.html")  # type: ignore[arg-type]
    first = risk.lycees[risk.ranking[0]].uai  # type: ignore[attr-defined]
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        pictures = page.locator("figure.picture svg")
        assert pictures.count() == 2
        boxes = [pictures.nth(i).bounding_box() for i in range(2)]
        rows = page.locator("table#lycees tbody tr")
        assert rows.count() == 12
        assert first in rows.nth(0).inner_text()
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        browser.close()
    assert problems == []
    assert all(url.startswith("file:") for url in requests), requests
    shot = Image.open(tmp_path / "page.png")
    for box in boxes:
        assert box is not None and box["width"] > 1000 and box["height"] > 200
        assert ink(shot, box) > 0.005


@pytest.mark.parametrize("drawn", [["-n", "5"], ["--seed", "3"], ["-n", "200"]])
def test_one_calendar_refuses_the_draws_options(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    drawn: list[str],
) -> None:
    """Nothing is drawn with --un-calendrier: -n or --seed (even -n at its default value)
    would change nothing, so they are refused before any work, and nothing is written."""
    out = tmp_path / "tableau.html"
    args = ["academie", "report", str(PETITE), "--un-calendrier", *drawn, "-o", str(out)]
    assert run_main(monkeypatch, *args) == 2
    err = capsys.readouterr().err
    assert "--un-calendrier ne tire aucun calendrier" in err and "Traceback" not in err
    assert not out.exists()
