"""Shared fixtures: scenario paths and cached runs (simulating is deterministic)."""

from __future__ import annotations

import datetime as dt
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
