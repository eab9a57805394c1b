"""The HTML report: a variant shows its own description, never its parent's; the text of its
pictures is readable as displayed."""

from __future__ import annotations

import html
from pathlib import Path

from typer.testing import CliRunner

from sim.cli import app
from sim.presentation.report import own_description
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

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
