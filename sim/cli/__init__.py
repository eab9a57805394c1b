"""The ``rentree-sim`` command line. Subcommands and options are English; what it prints
for a person is French (``--lang en`` or ``RENTREE_SIM_LANG=en`` for English)."""

from sim.cli import pictures, planning, simulation
from sim.cli.app import app, main

__all__ = ["app", "main", "pictures", "planning", "simulation"]
