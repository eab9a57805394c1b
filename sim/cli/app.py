"""The command group, its translated help, and what every command shares."""

from __future__ import annotations

import io
import os
import sys
import traceback
from concurrent.futures.process import BrokenProcessPool
from typing import Annotated

import typer
from typer import rich_utils

from sim.analysis.report import Analysis, analyse
from sim.cli.usage import is_usage_error, usage_text
from sim.engine.simulation import simulate
from sim.errors import ModelError, RentreeSimError, ScenarioError, ScenarioErrors, printable
from sim.i18n import LANGUAGES, set_language, t
from sim.scenario.loader import load_scenario_with_warnings
from sim.scenario.model import Scenario

# The help panels' titles, in the catalogue's language (Typer reads them when it prints).
rich_utils.ARGUMENTS_PANEL_TITLE = t("cli.panel_arguments")
rich_utils.OPTIONS_PANEL_TITLE = t("cli.panel_options")
rich_utils.COMMANDS_PANEL_TITLE = t("cli.panel_commands")
rich_utils.ERRORS_PANEL_TITLE = t("cli.panel_error")
rich_utils.DEFAULT_STRING = t("cli.default")
rich_utils.REQUIRED_LONG_STRING = t("cli.required")

app = typer.Typer(
    name="rentree-sim",
    help=t("cli.help"),
    no_args_is_help=True,
    add_completion=False,
    add_help_option=False,
    pretty_exceptions_enable=False,
)


def _show_help(ctx: typer.Context, value: bool) -> None:
    if value:
        typer.echo(ctx.get_help())
        raise typer.Exit()


LangOption = Annotated[str, typer.Option("--lang", help=t("cli.opt_lang"))]
HelpOption = Annotated[
    bool,
    typer.Option("--help", "-h", help=t("cli.opt_help"), is_eager=True, callback=_show_help),
]


@app.callback()
def _main(help_: HelpOption = False) -> None:
    """Only holds the translated --help of the command group."""


def use_language(lang: str) -> None:
    if lang not in LANGUAGES:
        typer.echo(t("cli.bad_lang", lang=lang, allowed=", ".join(LANGUAGES)), err=True)
        raise typer.Exit(2)
    set_language(lang)


def fail(error: RentreeSimError) -> typer.Exit:
    """Tell ``error`` on stderr; the exit to raise: 2 for the user's input, 1 for ours."""
    if isinstance(error, ScenarioErrors | ScenarioError):
        items = error.errors if isinstance(error, ScenarioErrors) else [error]
        typer.echo(t("cli.invalid", count=len(items)), err=True)
        for item in items:
            typer.echo("  " + item.describe(), err=True)
        return typer.Exit(2)
    typer.echo(printable(str(error)), err=True)
    if isinstance(error, ModelError):
        typer.echo(t("cli.report_bug"), err=True)
        return typer.Exit(1)
    return typer.Exit(2)


def load(path: str) -> Scenario:
    """The scenario of ``path``; its warnings (a Sunday, a holiday) are told on stderr."""
    try:
        scenario, warnings = load_scenario_with_warnings(path)
    except RentreeSimError as error:
        raise fail(error) from None
    for warning in warnings:
        typer.echo(t("warning.scenario", text=warning.describe()), err=True)
    return scenario


ScenarioArgument = Annotated[str, typer.Argument(help=t("cli.arg_scenario"), show_default=False)]
SeedOption = Annotated[
    int | None, typer.Option("--seed", help=t("cli.opt_seed"), min=0, max=2**63 - 1)
]
JsonOption = Annotated[bool, typer.Option("--json", help=t("cli.opt_json"))]
ReplicationsOption = Annotated[
    int, typer.Option("--replications", "-n", help=t("cli.opt_replications"), min=1)
]
WorkersOption = Annotated[int | None, typer.Option("--workers", help=t("cli.opt_workers"), min=1)]


def analysis_of(path: str, seed: int | None = None) -> Analysis:
    return analyse(simulate(load(path), seed=seed))


def main() -> None:
    """Entry point of the ``rentree-sim`` script: no traceback ever reaches the user; parser
    mistakes and bad input exit 2, anything unexpected exits 1 with a hint to report it."""
    try:
        code = app(standalone_mode=False, prog_name="rentree-sim")
    except KeyboardInterrupt:
        typer.echo(t("cli.interrupted"), err=True)
        sys.exit(130)
    except BrokenPipeError:  # the reader of stdout went away (``| head``): nothing to say
        _silence_stdout()
        sys.exit(1)
    except RentreeSimError as error:
        sys.exit(fail(error).exit_code)
    except BrokenProcessPool:
        typer.echo(t("cli.workers_died"), err=True)
        sys.exit(1)
    except MemoryError:
        typer.echo(t("cli.out_of_memory"), err=True)
        sys.exit(1)
    except Exception as error:
        if not is_usage_error(error):
            _internal_error(error)
            sys.exit(1)
        if type(error).__name__ == "NoArgsIsHelpError":
            typer.echo(error.ctx.get_help())  # type: ignore[attr-defined]
        else:
            typer.echo(usage_text(error), err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _internal_error(error: Exception) -> None:
    typer.echo(t("cli.internal_error", kind=type(error).__name__), err=True)
    if os.environ.get("RENTREE_SIM_DEBUG"):
        traceback.print_exception(error)
    else:
        typer.echo(t("cli.report_bug"), err=True)
