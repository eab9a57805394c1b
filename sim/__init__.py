"""rentree-sim: a discrete-event model of the French lycée rentrée directory chain."""

from sim.api import Analysis, Scenario, SimulationResult, analyse, load_scenario, run_file, simulate

__all__ = [
    "Analysis",
    "Scenario",
    "SimulationResult",
    "analyse",
    "load_scenario",
    "run_file",
    "simulate",
]
__version__ = "0.1.0"
