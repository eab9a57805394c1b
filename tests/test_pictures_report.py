"""The HTML report: a variant shows its own description, never its parent's; the text of its
pictures is readable as displayed."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from typer.testing import CliRunner

from sim.cli import app
from sim.presentation.report import STYLE, own_description, report_html, report_pictures
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS, run_scenario

runner = CliRunner()
NOMINAL = SCENARIOS / "nominal.yaml"


def _variant(folder: Path, name: str, extra: str = "") -> Path:
    path = folder / name
    path.write_text(
        f'extends: {NOMINAL}\nname: "Variante"\n{extra}'
        "operations:\n  export_liens_siecle: {date: 2026-09-10}\n",
        encoding="utf-8",
    )
    return path


def test_a_variant_without_description_does_not_show_its_parents(tmp_path: Path) -> None:
    parent = load_scenario(NOMINAL).description
    child = _variant(tmp_path, "variante.yaml")
    assert load_scenario(child).description == parent  # what extends merges
    assert own_description(child) == ""
    out = tmp_path / "rapport.html"
    result = runner.invoke(app, ["report", str(child), "-o", str(out), "--compare", str(NOMINAL)])
    assert result.exit_code == 0, result.output
    assert html.escape(parent) not in out.read_text(encoding="utf-8")


def test_a_variant_shows_its_own_description(tmp_path: Path) -> None:
    child = _variant(tmp_path, "variante.yaml", 'description: "Liens exportés le 10."\n')
    grandchild = tmp_path / "petite.yaml"
    grandchild.write_text('extends: variante.yaml\nname: "Petite"\n', encoding="utf-8")
    assert own_description(child) == "Liens exportés le 10."
    assert own_description(grandchild) == ""
    assert own_description(NOMINAL) == load_scenario(NOMINAL).description
    out = tmp_path / "rapport.html"
    result = runner.invoke(app, ["report", str(child), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '<p class="description">Liens exportés le 10.</p>' in text
    assert html.escape(load_scenario(NOMINAL).description) not in text


def _layout_width_pt() -> float:
    """Width of the report's column, from its CSS: max-width minus the side padding."""
    body = re.search(r"body\s*\{([^}]*)\}", STYLE)
    assert body is not None
    width = float(re.search(r"max-width:\s*([\d.]+)px", body.group(1)).group(1))  # type: ignore[union-attr]
    padding = re.search(r"padding:\s*0\s+([\d.]+)em", body.group(1))
    side = float(padding.group(1)) * 16 if padding else 0.0  # 1 em = 16 px (browser default)
    assert re.search(r"figure svg\s*\{[^}]*width:\s*100%", STYLE)  # pictures fill the column
    assert re.search(r"figure\s*\{[^}]*margin:\s*[\d.]+em 0;", STYLE)  # no side margin
    return (width - 2 * side) * 0.75  # CSS: 96 px per inch, 72 pt per inch


def _smallest_text(figure: Figure) -> tuple[float, str]:
    FigureCanvasAgg(figure).draw()  # tick labels exist once drawn
    sizes = [
        (float(text.get_fontsize()), text.get_text())
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and text.get_figure() is not None
    ]
    return min(sizes)


def test_report_pictures_text_is_at_least_9_pt_as_displayed() -> None:
    analysis = run_scenario("liens-en-retard.yaml")
    compared = [run_scenario("nominal.yaml"), run_scenario("liens-jamais-exportes.yaml")]
    column = _layout_width_pt()
    page = report_html(analysis, compared)
    widths = [float(w) for w in re.findall(r'<svg[^>]*\swidth="([\d.]+)pt"', page)]
    pictures = report_pictures(analysis, compared)
    assert len(widths) == len(pictures) == 4
    for (name, figure, _), width in zip(pictures, widths, strict=True):
        assert width == pytest.approx(figure.get_figwidth() * 72)
        size, text = _smallest_text(figure)
        displayed = size * column / width
        assert displayed >= 9, f"{name}: « {text} » {displayed:.1f} pt"
