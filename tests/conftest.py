"""Shared fixtures: scenario paths and cached runs (simulating is deterministic)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest

from sim.analysis.run_analysis import Analysis, analyse
from sim.engine.simulation import simulate
from sim.i18n import set_language
from sim.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@lru_cache(maxsize=32)
def run_scenario(name: str) -> Analysis:
    return analyse(simulate(load_scenario(SCENARIOS / name)))


def at(analysis: Analysis, minute: float | None) -> dt.datetime | None:
    return None if minute is None else analysis.result.instant(minute)


@pytest.fixture(autouse=True)
def french() -> None:
    set_language("fr")


def run_main(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    """The exit code of ``rentree-sim *argv`` run through the entry point, in this process."""
    import sys

    from sim.cli import main

    monkeypatch.setattr(sys, "argv", ["rentree-sim", *argv])
    with pytest.raises(SystemExit) as stop:
        main()
    code = stop.value.code
    assert isinstance(code, int)
    return code


Cli = Callable[[list[str]], tuple[int, str, str]]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``rentree-sim`` run through its entry point in this process: exit code, stdout,
    stderr."""

    def call(words: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run_main(monkeypatch, *words)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def check_golden(record: Path, found: dict[str, str], what: str) -> None:
    """``found`` fingerprints against the ``record`` (``RENTREE_SIM_GOLDEN=write`` writes
    them instead); a failure names every entry that changed."""
    if os.environ.get("RENTREE_SIM_GOLDEN") == "write":
        record.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip("golden record written")
    recorded = json.loads(record.read_text(encoding="utf-8"))
    changed = sorted(
        name for name in recorded.keys() | found.keys() if recorded.get(name) != found.get(name)
    )
    assert not changed, f"{what} changed for: {', '.join(changed)}"
