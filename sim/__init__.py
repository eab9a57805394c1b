"""rentree-sim: a discrete-event model of the French lycée rentrée directory chain."""

from sim._version import __version__
from sim.api import Analysis, Scenario, SimulationResult, analyse, load_scenario, run_file, simulate

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
