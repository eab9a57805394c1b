"""The command group, its translated help, and what every command shares."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer import rich_utils

from sim.analysis.report import Analysis, analyse
from sim.cli.usage import is_usage_error, usage_text
from sim.engine.simulation import simulate
from sim.errors import RentreeSimError, ScenarioError, ScenarioErrors, UsageError
from sim.i18n import LANGUAGES, set_language, t
from sim.scenario.loader import load_scenario
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
    if isinstance(error, ScenarioErrors):
        typer.echo(t("cli.invalid", count=len(error.errors)), err=True)
        for item in error.errors:
            typer.echo("  " + item.describe(), err=True)
        return typer.Exit(2)
    if isinstance(error, ScenarioError):
        typer.echo(t("cli.invalid", count=1), err=True)
        typer.echo("  " + error.describe(), err=True)
        return typer.Exit(2)
    typer.echo(str(error), err=True)
    return typer.Exit(2 if isinstance(error, UsageError) else 1)


def load(path: str) -> Scenario:
    try:
        return load_scenario(path)
    except RentreeSimError as error:
        raise fail(error) from None


ScenarioArgument = Annotated[str, typer.Argument(help=t("cli.arg_scenario"), show_default=False)]
SeedOption = Annotated[int | None, typer.Option("--seed", help=t("cli.opt_seed"))]
JsonOption = Annotated[bool, typer.Option("--json", help=t("cli.opt_json"))]
ReplicationsOption = Annotated[
    int, typer.Option("--replications", "-n", help=t("cli.opt_replications"), min=1)
]
WorkersOption = Annotated[int | None, typer.Option("--workers", help=t("cli.opt_workers"), min=1)]


def analysis_of(path: str, seed: int | None = None) -> Analysis:
    return analyse(simulate(load(path), seed=seed))


def main() -> None:
    """Entry point of the ``rentree-sim`` script: parser mistakes are told in French, exit 2."""
    try:
        code = app(standalone_mode=False, prog_name="rentree-sim")
    except KeyboardInterrupt:
        typer.echo(t("cli.interrupted"), err=True)
        sys.exit(130)
    except Exception as error:
        if not is_usage_error(error):
            raise
        if type(error).__name__ == "NoArgsIsHelpError":
            typer.echo(error.ctx.get_help())  # type: ignore[attr-defined]
        else:
            typer.echo(usage_text(error), err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
