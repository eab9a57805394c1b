"""rentree-sim: a discrete-event model of the French lycée rentrée directory chain."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim._version import __version__

if TYPE_CHECKING:
    from sim.api import (
        Analysis,
        Scenario,
        SimulationResult,
        analyse,
        load_scenario,
        run_file,
        simulate,
    )

__all__ = [
    "Analysis",
    "Scenario",
    "SimulationResult",
    "__version__",
    "analyse",
    "load_scenario",
    "run_file",
    "simulate",
]


def __getattr__(name: str) -> Any:
    """The public API, loaded on first use: the command line does not need all of it (the
    pictures' matplotlib above all)."""
    if name in __all__:
        from sim import api

        return getattr(api, name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
