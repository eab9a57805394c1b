"""The ``rentree-sim`` command line. Subcommands and options are English; what it prints
for a person is French (``--lang en`` or ``RENTREE_SIM_LANG=en`` for English)."""

# isort: skip_file
import sys

from sim.i18n import language_from_arguments

# the help texts below are made as the modules are read: in the language asked for
language_from_arguments(sys.argv[1:])

# The order of these imports is the order of the commands in --help.
# ruff: noqa: E402 (they come after the language is set)
from sim.cli import simulation
from sim.cli import pictures
from sim.cli import planning
from sim.cli import academie
from sim.cli import schoolfiles
from sim.cli.app import app, main

__all__ = ["academie", "app", "main", "pictures", "planning", "schoolfiles", "simulation"]
