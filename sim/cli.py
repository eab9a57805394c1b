"""The ``rentree-sim`` command line. Subcommands and options are English; what it prints
for a person is French (``--lang en`` or ``RENTREE_SIM_LANG=en`` for English)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from matplotlib.figure import Figure
from typer import rich_utils

from sim.analysis.report import Analysis, analyse
from sim.domain import Target
from sim.engine.simulation import simulate
from sim.errors import OutputError, RentreeSimError, ScenarioError, ScenarioErrors, UsageError
from sim.i18n import LANGUAGES, set_language, t
from sim.presentation import plots
from sim.presentation.export import dumps, result_json, write_outputs
from sim.presentation.plots import check_picture_path, save_figure
from sim.presentation.report import report_html, write_report
from sim.presentation.summary import summary_text
from sim.scenario.loader import extends_chain, load_scenario
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


def _language(lang: str) -> None:
    if lang not in LANGUAGES:
        typer.echo(t("cli.bad_lang", lang=lang, allowed=", ".join(LANGUAGES)), err=True)
        raise typer.Exit(2)
    set_language(lang)


def _fail(error: RentreeSimError) -> typer.Exit:
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


def _load(path: str) -> Scenario:
    try:
        return load_scenario(path)
    except RentreeSimError as error:
        raise _fail(error) from None


@app.command(help=t("cli.run_help"), add_help_option=False)
def run(
    scenario: Annotated[str, typer.Argument(help=t("cli.arg_scenario"), show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help=t("cli.opt_json"))] = False,
    out: Annotated[Path | None, typer.Option("--out", help=t("cli.opt_out"))] = None,
    seed: Annotated[int | None, typer.Option("--seed", help=t("cli.opt_seed"))] = None,
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    _language(lang)
    loaded = _load(scenario)
    try:
        analysis = analyse(simulate(loaded, seed=seed))
        if out is not None:
            written = write_outputs(analysis, out, source=scenario)
    except OutputError as error:
        raise _fail(error) from None
    if as_json:
        typer.echo(dumps(result_json(analysis, source=scenario)))
    else:
        typer.echo(summary_text(analysis))
    if out is not None:
        typer.echo(t("cli.written", files=", ".join(str(p) for p in written)), err=as_json)


@app.command(help=t("cli.validate_help"), add_help_option=False)
def validate(
    scenario: Annotated[str, typer.Argument(help=t("cli.arg_scenario"), show_default=False)],
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    _language(lang)
    loaded = _load(scenario)
    typer.echo(t("cli.valid", file=scenario, name=loaded.name))


@app.command(help=t("cli.schema_help"), add_help_option=False)
def schema(lang: LangOption = "fr", help_: HelpOption = False) -> None:
    _language(lang)
    typer.echo(json.dumps(Scenario.model_json_schema(), ensure_ascii=False, indent=2))


@app.command(help=t("cli.report_help"), add_help_option=False)
def report(
    scenario: Annotated[str, typer.Argument(help=t("cli.arg_scenario"), show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help=t("cli.opt_report"))] = Path(
        "rapport.html"
    ),
    compare: Annotated[
        list[str] | None, typer.Option("--compare", help=t("cli.opt_compare"))
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help=t("cli.opt_seed"))] = None,
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    _language(lang)
    analysis = _analysis(scenario, seed)
    try:
        others = [str(p) for p in extends_chain(scenario)] if compare is None else compare
    except RentreeSimError as error:
        raise _fail(error) from None
    compared = [_analysis(other) for other in others]
    try:
        write_report(report_html(analysis, compared), output)
    except OutputError as error:
        raise _fail(error) from None
    typer.echo(t("cli.report_written", path=output))


plot_app = typer.Typer(
    help=t("cli.plot_help"),
    no_args_is_help=True,
    add_help_option=False,
    pretty_exceptions_enable=False,
)
app.add_typer(plot_app, name="plot")


@plot_app.callback()
def _plot_main(help_: HelpOption = False) -> None:
    """Only holds the translated --help of the plot group."""


ScenarioArgument = Annotated[str, typer.Argument(help=t("cli.arg_scenario"), show_default=False)]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help=t("cli.opt_output"), show_default=False)
]
TargetOption = Annotated[Target, typer.Option("--target", help=t("cli.opt_target"))]


def _analysis(path: str, seed: int | None = None) -> Analysis:
    return analyse(simulate(_load(path), seed=seed))


def _output(output: Path | None, default: str) -> Path:
    """The picture's path, checked before any simulation runs."""
    path = output if output is not None else Path(default)
    try:
        check_picture_path(path)
    except UsageError as error:
        raise _fail(error) from None
    return path


def _save(figure: Figure, path: Path) -> None:
    try:
        save_figure(figure, path)
    except OutputError as error:
        raise _fail(error) from None
    typer.echo(t("cli.picture_written", path=path))


def _default_name(scenario: str, kind: str) -> str:
    return f"{Path(scenario).stem}-{kind}.png"


@plot_app.command("timeline", help=t("cli.timeline_help"), add_help_option=False)
def plot_timeline_command(
    scenario: ScenarioArgument,
    output: OutputOption = None,
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    _language(lang)
    path = _output(output, _default_name(scenario, "chronologie"))
    _save(plots.figure_of(plots.plot_timeline(_analysis(scenario))), path)


@plot_app.command("completeness", help=t("cli.completeness_help"), add_help_option=False)
def plot_completeness_command(
    scenario: ScenarioArgument,
    output: OutputOption = None,
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    _language(lang)
    path = _output(output, _default_name(scenario, "completude"))
    _save(plots.completeness_figure(_analysis(scenario)), path)


@plot_app.command("graph", help=t("cli.graph_help"), add_help_option=False)
def plot_graph_command(
    scenario: ScenarioArgument,
    output: OutputOption = None,
    target: TargetOption = Target.GAR,
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    _language(lang)
    path = _output(output, _default_name(scenario, "graphe"))
    _save(plots.figure_of(plots.plot_graph(_analysis(scenario), target)), path)


@plot_app.command("compare", help=t("cli.compare_help"), add_help_option=False)
def plot_compare_command(
    scenarios: Annotated[
        list[str], typer.Argument(help=t("cli.arg_scenarios"), show_default=False)
    ],
    output: OutputOption = None,
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    _language(lang)
    path = _output(output, "comparaison.png")
    _save(plots.figure_of(plots.plot_comparison([_analysis(s) for s in scenarios])), path)


def main() -> None:
    """Entry point of the ``rentree-sim`` script."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo(t("cli.interrupted"), err=True)
        sys.exit(130)
