"""The ``plot`` group: one picture per command, PNG or SVG by the extension of -o."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sim.analysis.run_analysis import Analysis, analyse
from sim.cli.app import (
    HelpOption,
    LangOption,
    ScenarioArgument,
    analysis_of,
    app,
    fail,
    load,
    use_language,
)
from sim.domain import Target
from sim.engine.simulation import simulate
from sim.errors import OutputError, UsageError
from sim.files import check_output_file
from sim.i18n import t
from sim.scenario.model import Scenario

if TYPE_CHECKING:  # matplotlib loads only when a picture is drawn (start-up of other commands)
    from matplotlib.figure import Figure

    from sim.presentation.time_axis import DayRange


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


OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help=t("cli.opt_output"), show_default=False)
]
TargetOption = Annotated[Target, typer.Option("--target", help=t("cli.opt_target"))]
FromOption = Annotated[
    str | None, typer.Option("--du", help=t("cli.opt_from"), show_default=False, metavar="DATE")
]
ToOption = Annotated[
    str | None, typer.Option("--au", help=t("cli.opt_to"), show_default=False, metavar="DATE")
]


def _days(first: str | None, last: str | None, scenarios: list[Scenario]) -> DayRange | None:
    """The range of --du/--au inside the simulated windows, checked before any simulation."""
    from sim.presentation.formatting import parse_day
    from sim.presentation.time_axis import day_range

    try:
        window = (
            min(s.calendar.start for s in scenarios),
            max(s.calendar.end for s in scenarios),
        )
        return day_range(
            None if first is None else parse_day(first, "--du"),
            None if last is None else parse_day(last, "--au"),
            window,
        )
    except UsageError as error:
        raise fail(error) from None


def _analysis(scenario: Scenario) -> Analysis:
    return analyse(simulate(scenario))


def _output(output: Path | None, default: str) -> Path:
    """The picture's path, checked before any simulation runs."""
    path = output if output is not None else Path(default)
    try:
        from sim.presentation.plots import check_picture_path

        if not os.path.isdir(path):  # a folder is told as such, not as a format
            check_picture_path(path)
        check_output_file(path, (".png", ".svg"))
    except (UsageError, OutputError) as error:
        raise fail(error) from None
    return path


def _save(figure: Figure, path: Path) -> None:
    try:
        from sim.presentation.plots import save_figure

        save_figure(figure, path)
    except OutputError as error:
        raise fail(error) from None
    typer.echo(t("cli.picture_written", path=path))


def _default_name(scenario: str, kind: str) -> str:
    return f"{Path(scenario).stem}-{kind}.png"


@plot_app.command("timeline", help=t("cli.timeline_help"), add_help_option=False)
def plot_timeline_command(
    scenario: ScenarioArgument,
    output: OutputOption = None,
    first: FromOption = None,
    last: ToOption = None,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    path = _output(output, _default_name(scenario, "chronologie"))
    loaded = load(scenario)
    days = _days(first, last, [loaded])
    from sim.presentation import plots

    _save(plots.figure_of(plots.plot_timeline(_analysis(loaded), days=days)), path)


@plot_app.command("completeness", help=t("cli.completeness_help"), add_help_option=False)
def plot_completeness_command(
    scenario: ScenarioArgument,
    output: OutputOption = None,
    first: FromOption = None,
    last: ToOption = None,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    path = _output(output, _default_name(scenario, "completude"))
    loaded = load(scenario)
    days = _days(first, last, [loaded])
    from sim.presentation import plots

    _save(plots.completeness_figure(_analysis(loaded), days=days), path)


@plot_app.command("graph", help=t("cli.graph_help"), add_help_option=False)
def plot_graph_command(
    scenario: ScenarioArgument,
    output: OutputOption = None,
    target: TargetOption = Target.GAR,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    path = _output(output, _default_name(scenario, "graphe"))
    from sim.presentation import plots

    _save(plots.figure_of(plots.plot_graph(analysis_of(scenario), target)), path)


@plot_app.command("compare", help=t("cli.compare_help"), add_help_option=False)
def plot_compare_command(
    scenarios: Annotated[
        list[str], typer.Argument(help=t("cli.arg_scenarios"), show_default=False)
    ],
    output: OutputOption = None,
    first: FromOption = None,
    last: ToOption = None,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    path = _output(output, "comparaison.png")
    loaded = [load(s) for s in scenarios]
    days = _days(first, last, loaded)
    analyses = [_analysis(s) for s in loaded]
    from sim.presentation import plots

    _save(plots.figure_of(plots.plot_comparison(analyses, days=days)), path)
