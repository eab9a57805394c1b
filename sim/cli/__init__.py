"""The ``rentree-sim`` command line. Subcommands and options are English; what it prints
for a person is French (``--lang en`` or ``RENTREE_SIM_LANG=en`` for English)."""

# isort: skip_file
# The order of these imports is the order of the commands in --help.
from sim.cli import simulation
from sim.cli import pictures
from sim.cli import planning
from sim.cli import academie
from sim.cli import schoolfiles
from sim.cli.app import app, main

__all__ = ["academie", "app", "main", "pictures", "planning", "schoolfiles", "simulation"]
