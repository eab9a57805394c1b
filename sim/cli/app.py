"""The command group, its translated help, and what every command shares."""

from __future__ import annotations

import io
import os
import sys
import traceback
from concurrent.futures.process import BrokenProcessPool
from importlib import metadata
from typing import Annotated, Any

import typer
from typer import core

from sim._version import __version__
from sim.analysis.run_analysis import Analysis, analyse
from sim.catalogue import MESSAGES
from sim.cli.usage import is_usage_error, seed_number, usage_text
from sim.engine.simulation import simulate
from sim.errors import (
    ClusterError,
    ModelError,
    RentreeSimError,
    ScenarioError,
    ScenarioErrors,
    printable,
)
from sim.i18n import LANGUAGES, language, language_code, language_from_arguments, set_language, t
from sim.presentation.export import CsvForm
from sim.scenario.loader import load_scenario_with_warnings
from sim.scenario.model import Scenario

# Bounds of the command line: past them a run would only exhaust the machine.
MAX_REPLICATIONS = 100_000
MAX_WORKERS = 64


def translate_help_panels() -> None:
    """The help panels' titles, in the catalogue's language (Typer reads them when it
    prints). Called only before a help screen: rich costs a tenth of a second to import."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = t("cli.panel_arguments")
    rich_utils.OPTIONS_PANEL_TITLE = t("cli.panel_options")
    rich_utils.COMMANDS_PANEL_TITLE = t("cli.panel_commands")
    rich_utils.ERRORS_PANEL_TITLE = t("cli.panel_error")
    rich_utils.DEFAULT_STRING = t("cli.default")
    rich_utils.REQUIRED_LONG_STRING = t("cli.required")
    rich_utils.ENVVAR_STRING = t("cli.envvar")


def _help_type(param: Any, ctx: Any) -> str | None:
    """What the help shows beside a parameter: the metavar it was given (in the catalogue's
    language), the choices of an enumeration, or nothing. Typer 0.2x would show the Python
    type (``<str>``, ``<bool>``, ``<list[str]>``), which a user cannot read."""
    if isinstance(param, core.TyperOption) and param.metavar is not None:
        return param.metavar or None
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and descriptor.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in descriptor.choices or ())
    return None


# Every command, the plot group's included, gets its help from one place; older Typers
# (0.12-0.15) have no such hook and print click's metavars, which carry no Python type.
for _kind in (core.TyperArgument, core.TyperOption):
    if hasattr(_kind, "display_type_rich"):
        setattr(_kind, "display_type_rich", _help_type)  # noqa: B010

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
        translate_help_panels()
        typer.echo(ctx.get_help())
        raise typer.Exit()


def version() -> str:
    """The installed package's version (the source tree's when it is not installed)."""
    try:
        return metadata.version("rentree-sim")
    except metadata.PackageNotFoundError:
        return __version__


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"rentree-sim {version()}")
        raise typer.Exit()


# The documented RENTREE_SIM_LANG is read by the command group (RootLangOption), before
# the command: a --lang on the command line, before or after the command, wins over it.
LANG_ENVVAR = "RENTREE_SIM_LANG"
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help=t("cli.opt_lang"), metavar="fr|en", show_default=False),
]
RootLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", help=t("cli.opt_lang"), envvar=LANG_ENVVAR, metavar="fr|en", show_default=False
    ),
]
HelpOption = Annotated[
    bool,
    typer.Option(
        "--help", "-h", help=t("cli.opt_help"), is_eager=True, callback=_show_help, metavar=""
    ),
]
VersionOption = Annotated[
    bool,
    typer.Option(
        "--version", help=t("cli.opt_version"), is_eager=True, callback=_show_version, metavar=""
    ),
]


@app.callback()
def _main(
    ctx: typer.Context,
    help_: HelpOption = False,
    version_: VersionOption = False,
    lang: RootLangOption = None,
) -> None:
    """Holds the translated --help and --version of the command group, and a --lang given
    before the command (``rentree-sim --lang en run …``) or the variable."""
    global _line_language
    source = ctx.get_parameter_source("lang")  # (Typer's own copy of click's enum)
    _line_language = lang is not None and source is not None and source.name == "COMMANDLINE"
    if lang is not None and not _line_language:
        # from the variable: the command tells an unknown one, unless its --lang replaces it
        if language_code(lang) in LANGUAGES:
            set_language(language_code(lang))
        return
    use_language(lang)


_line_language = False  # a --lang given before the command: the variable is not read


def use_language(lang: str | None) -> None:
    """Speak ``lang`` from now on (None: the language already chosen, the variable's if it
    names one: an unknown one is told here)."""
    if lang is None:
        asked = os.environ.get(LANG_ENVVAR, "")
        if _line_language or not asked or language_code(asked) in LANGUAGES:
            return
        lang = asked
    lang = language_code(lang)
    if lang not in LANGUAGES:
        # in every language: the one asked for is not known
        values = {"lang": lang, "allowed": ", ".join(LANGUAGES), "variable": LANG_ENVVAR}
        for each in LANGUAGES:
            typer.echo(MESSAGES["cli.bad_lang"][each].format(**values), err=True)
        raise typer.Exit(2)
    set_language(lang)


def fail(error: RentreeSimError) -> typer.Exit:
    """Tell ``error`` on stderr; the exit to raise: 2 for the user's input, 1 for ours."""
    if isinstance(error, ScenarioErrors | ScenarioError):
        items = error.errors if isinstance(error, ScenarioErrors) else [error]
        omitted = error.omitted if isinstance(error, ScenarioErrors) else 0
        subject = error.subject if isinstance(error, ScenarioErrors) else "scenario"
        typer.echo(t(f"cli.invalid_{subject}", count=len(items) + omitted), err=True)
        for item in items:
            typer.echo("  " + item.describe(), err=True)
        if omitted:
            typer.echo("  " + t("cli.more_errors", count=omitted), err=True)
        return typer.Exit(2)
    typer.echo(printable(str(error)), err=True)
    if isinstance(error, ClusterError):
        return typer.Exit(1)
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


ScenarioArgument = Annotated[
    str,
    typer.Argument(help=t("cli.arg_scenario"), show_default=False, metavar=t("cli.mv_scenario")),
]
SeedOption = Annotated[
    int | None,
    typer.Option("--seed", help=t("cli.opt_seed"), parser=seed_number, metavar=t("cli.mv_integer")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=t("cli.opt_json"), metavar="")]
ReplicationsOption = Annotated[
    int,
    typer.Option(
        "--replications",
        "-n",
        help=t("cli.opt_replications"),
        min=1,
        max=MAX_REPLICATIONS,
        metavar=t("cli.mv_number"),
    ),
]
CsvOption = Annotated[CsvForm, typer.Option("--csv", help=t("cli.opt_csv"), case_sensitive=False)]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", help=t("cli.opt_workers"), min=1, max=MAX_WORKERS, metavar=t("cli.mv_number")
    ),
]


def analysis_of(path: str, seed: int | None = None) -> Analysis:
    return analyse(simulate(load(path), seed=seed))


def main() -> None:
    """Entry point of the ``rentree-sim`` script: no traceback ever reaches the user; parser
    mistakes and bad input exit 2, anything unexpected exits 1 with a hint to report it."""
    words = sys.argv[1:]
    before = language()
    # set before parsing: a mistake the parser finds is told in the language asked for
    language_from_arguments(words)
    try:
        _run(words)
    finally:
        set_language(before)  # in-process callers (tests, notebooks) keep their language


def _run(words: list[str]) -> None:
    groups = {group.name for group in app.registered_groups}
    if not words or (len(words) == 1 and words[0] in groups):  # a bare group shows its help
        translate_help_panels()
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
            # Building the error rendered the help already when Typer uses rich; a plain
            # click keeps it as the message instead. Either way it is printed once.
            text = error.format_message()  # type: ignore[attr-defined]
            if text.strip():
                typer.echo(text)
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
