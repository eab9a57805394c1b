"""The public API: load a scenario, simulate it, analyse the result.

Notebooks, the CLI and other programs use only these names (and the types they return).
"""

from __future__ import annotations

from pathlib import Path

from sim.analysis.report import Analysis, analyse
from sim.engine.simulation import SimulationResult, simulate
from sim.scenario.loader import load_scenario
from sim.scenario.model import Scenario


def run_file(path: str | Path, seed: int | None = None) -> Analysis:
    """Load, simulate and analyse the scenario file ``path``."""
    return analyse(simulate(load_scenario(path), seed=seed))


__all__ = [
    "Analysis",
    "Scenario",
    "SimulationResult",
    "analyse",
    "load_scenario",
    "run_file",
    "simulate",
]
