"""Commands for planners: risk (Monte Carlo over the calendar)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from matplotlib.figure import Figure
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from sim.analysis.risk import RiskResult, default_workers, run_risk, tornado
from sim.cli.app import (
    HelpOption,
    LangOption,
    ScenarioArgument,
    SeedOption,
    app,
    fail,
    load,
    use_language,
)
from sim.errors import OutputError, UsageError
from sim.i18n import t
from sim.presentation.export import dumps
from sim.presentation.files import write_file_set
from sim.presentation.plotting import figure_of
from sim.presentation.risk_output import curve_csv, replications_csv, risk_json, risk_summary
from sim.presentation.risk_plots import plot_risk_curve, plot_tornado


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on the terminal (nothing when stderr is not one, as in CI logs)."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    columns = (
        TextColumn(t("cli.progress")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)
        yield lambda step: bar.advance(task, step)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150)
    return buffer.getvalue()


def _risk_files(result: RiskResult, source: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "risk.json": dumps(risk_json(result, source)) + "\n",
        "replications.csv": replications_csv(result),
        "curve.csv": curve_csv(result),
        "courbe.png": _png(figure_of(plot_risk_curve(result))),
    }
    if result.tornado:
        files["tornade.png"] = _png(figure_of(plot_tornado(result)))
    return files


@app.command(help=t("cli.risk_help"), add_help_option=False)
def risk(
    scenario: ScenarioArgument,
    replications: Annotated[
        int, typer.Option("--replications", "-n", help=t("cli.opt_replications"), min=1)
    ] = 200,
    seed: SeedOption = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help=t("cli.opt_workers"), min=1)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=t("cli.opt_json"))] = False,
    with_tornado: Annotated[bool, typer.Option("--tornado", help=t("cli.opt_tornado"))] = False,
    out: Annotated[Path | None, typer.Option("--out", help=t("cli.opt_risk_out"))] = None,
    lang: LangOption = "fr",
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = load(scenario)
    processes = workers or default_workers()
    with progress_bar(replications) as advance:
        result = run_risk(loaded, replications, seed=seed, workers=processes, progress=advance)
    if with_tornado:
        with progress_bar(replications) as advance:
            result.tornado = tornado(loaded, result, workers=processes, progress=advance)
    if as_json:
        typer.echo(dumps(risk_json(result, scenario)))
    else:
        typer.echo(risk_summary(result))
    if out is not None:
        try:
            written = write_file_set(out, _risk_files(result, scenario))
        except (OutputError, UsageError) as error:
            raise fail(error) from None
        typer.echo(t("cli.written", files=", ".join(str(p) for p in written)), err=as_json)
