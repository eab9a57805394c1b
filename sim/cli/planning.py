"""Commands for planners: risk (Monte Carlo over the calendar), compare, explain, plan."""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sim.analysis.replication import ReplicationPool
from sim.analysis.risk import RiskResult, default_workers, run_risk, tornado
from sim.analysis.run_analysis import analyse
from sim.calendar import Clock
from sim.catalogue.names import CATEGORY_WORDS, from_word
from sim.cli.app import (
    CsvOption,
    HelpOption,
    JsonOption,
    LangOption,
    ReplicationsOption,
    ScenarioArgument,
    SeedOption,
    WorkersOption,
    app,
    fail,
    load,
    use_language,
)
from sim.cli.usage import BadChoice, share_number
from sim.domain import Category
from sim.engine.simulation import SimulationResult, simulate
from sim.errors import OutputError, RentreeSimError, UsageError
from sim.files import (
    check_not_input,
    check_output_file,
    check_output_folder,
    write_atomically,
    write_file_set,
)
from sim.i18n import t
from sim.presentation.compare_output import (
    compare_json,
    compare_risk_json,
    compare_risk_text,
    compare_text,
)
from sim.presentation.export import Csv, CsvForm, dumps
from sim.presentation.formatting import day_text
from sim.presentation.risk_output import curve_csv, replications_csv, risk_json, risk_summary
from sim.scenario.fields import parse_date, parse_instant
from sim.scenario.loader import extends_chain

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on the terminal (nothing when stderr is not one, as in CI logs)."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

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
    from sim.presentation.plotting import print_figure

    buffer = io.BytesIO()
    print_figure(figure, buffer, "png")
    return buffer.getvalue()


def risk_files(result: RiskResult, source: str, csv_form: Csv) -> dict[str, str | bytes]:
    """The set ``risk --out`` writes, by file name (one language, see :class:`Csv`)."""
    # matplotlib loads only for the commands that draw (start-up of the others)
    from sim.presentation.plotting import figure_of
    from sim.presentation.risk_plots import plot_risk_curve, plot_tornado

    files: dict[str, str | bytes] = {
        csv_form.file_name("risk"): dumps(risk_json(result, source)) + "\n",
        csv_form.file_name("replications"): replications_csv(result, csv_form),
        csv_form.file_name("curve"): curve_csv(result, csv_form),
        csv_form.file_name("curve_picture"): _png(figure_of(plot_risk_curve(result))),
    }
    if result.tornado:
        files[csv_form.file_name("tornado_picture")] = _png(figure_of(plot_tornado(result)))
    return files


@app.command(help=t("cli.risk_help"), add_help_option=False)
def risk(
    scenario: ScenarioArgument,
    replications: ReplicationsOption = 200,
    seed: SeedOption = None,
    workers: WorkersOption = None,
    as_json: JsonOption = False,
    with_tornado: Annotated[
        bool, typer.Option("--tornado", help=t("cli.opt_tornado"), metavar="")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help=t("cli.opt_risk_out"), metavar=t("cli.mv_folder"))
    ] = None,
    csv_form: CsvOption = CsvForm.EXCEL,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = load(scenario)
    if out is not None:
        try:
            check_output_folder(out, "risk")
        except OutputError as error:
            raise fail(error) from None
    with ReplicationPool(workers or default_workers()) as pool:
        with progress_bar(replications) as advance:
            result = run_risk(loaded, replications, seed=seed, progress=advance, pool=pool)
        if with_tornado:
            with progress_bar(replications) as advance:
                result.tornado = tornado(loaded, result, progress=advance, pool=pool)
    if as_json:
        typer.echo(dumps(risk_json(result, scenario)))
    else:
        typer.echo(risk_summary(result))
    if out is not None:
        try:
            written = write_file_set(out, risk_files(result, scenario, Csv(csv_form)), "risk")
        except (OutputError, UsageError) as error:
            raise fail(error) from None
        typer.echo(t("cli.written", files=", ".join(str(p) for p in written)), err=as_json)


@app.command("compare", help=t("cli.compare_cmd_help"), add_help_option=False)
def compare(
    scenarios: Annotated[
        list[str],
        typer.Argument(
            help=t("cli.arg_scenarios"), show_default=False, metavar=t("cli.mv_scenario") + "..."
        ),
    ],
    with_risk: Annotated[bool, typer.Option("--risk", help=t("cli.opt_risk"), metavar="")] = False,
    replications: ReplicationsOption = 200,
    seed: SeedOption = None,
    workers: WorkersOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = [load(path) for path in scenarios]
    if with_risk:
        results = []
        with (
            ReplicationPool(workers or default_workers()) as pool,
            progress_bar(replications * len(loaded)) as advance,
        ):
            for scenario in loaded:
                results.append(
                    run_risk(scenario, replications, seed=seed, progress=advance, pool=pool)
                )
        typer.echo(
            dumps(compare_risk_json(results, scenarios))
            if as_json
            else compare_risk_text(results, scenarios)
        )
        return
    analyses = [analyse(simulate(scenario, seed=seed)) for scenario in loaded]
    typer.echo(
        dumps(compare_json(analyses, scenarios)) if as_json else compare_text(analyses, scenarios)
    )


@app.command("explain", help=t("cli.explain_help"), add_help_option=False)
def explain(
    scenario: ScenarioArgument,
    at: Annotated[str, typer.Option("--at", help=t("cli.opt_at"), metavar=t("cli.mv_instant"))],
    fact: Annotated[
        str | None, typer.Option("--fact", help=t("cli.opt_fact"), metavar=t("cli.mv_fact"))
    ] = None,
    category: Annotated[
        Category | None,
        typer.Option(
            "--category",
            help=t("cli.opt_category"),
            metavar=t("cli.mv_category"),
            parser=category_of,
        ),
    ] = None,
    seed: SeedOption = None,
    as_json: JsonOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    # the commands' own modules are read when they run: every other command starts faster
    from sim.analysis.explain import explain_category, explain_fact
    from sim.presentation.explain_output import (
        explain_category_json,
        explain_category_text,
        explain_json,
        explain_text,
    )

    use_language(lang)
    loaded = load(scenario)
    result = simulate(loaded, seed=seed)
    try:
        minute = _minute_of(result, at)
        if fact is None and category is None:
            raise UsageError(t("explain.need_one"))
        found: dict[str, Any] = {}
        if fact is not None:
            explanation = explain_fact(result, fact, minute)
            found["fact"] = explain_json(result, explanation)
            if not as_json:
                typer.echo(explain_text(result, explanation))
        if category is not None:
            stations = explain_category(result, category, minute)
            found["category"] = explain_category_json(result, category, minute, stations)
            if not as_json:
                typer.echo(explain_category_text(result, category, minute, stations))
        if as_json:
            # one object: the fact's or the category's, or both under their names
            typer.echo(dumps(found if len(found) > 1 else next(iter(found.values()))))
    except UsageError as error:
        raise fail(error) from None


def category_of(text: str) -> Category:
    """The category a user names by its id or a French word (``eleve-groupe``, « élève →
    groupe »), whatever the accents, case and separators."""
    ident = from_word(text, [c.value for c in Category], CATEGORY_WORDS)
    if ident is None:
        ids = ", ".join(c.value for c in Category)
        raise BadChoice(text, "--category", [t("cli.category_choices", ids=ids)])
    return Category(ident)


def _minute_of(result: SimulationResult, text: str) -> float:
    """A date (at the observation time) or a date and time, inside the window."""
    try:
        value = parse_instant(text)
    except ValueError as error:  # its words say what is wrong: the format, or no such day
        raise UsageError(t("explain.bad_at", reason=error)) from None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, result.scenario.calendar.observation_time)
    minute = result.clock.minutes(value)
    if not 0 <= minute < result.end_minute:
        calendar = result.scenario.calendar
        raise UsageError(
            t(
                "explain.at_outside",
                day=day_text(value.date()),
                start=day_text(calendar.start),
                end=day_text(calendar.end),
            )
        )
    return minute


@app.command("plan", help=t("cli.plan_help"), add_help_option=False)
def plan(
    scenario: ScenarioArgument,
    target: Annotated[
        str, typer.Option("--target", help=t("cli.opt_target_date"), metavar=t("cli.mv_date"))
    ],
    confidence: Annotated[
        float | None,
        typer.Option(
            "--confidence",
            help=t("cli.opt_confidence"),
            parser=share_number,
            metavar=t("cli.mv_share"),
        ),
    ] = None,
    replications: ReplicationsOption = 100,
    workers: WorkersOption = None,
    as_json: JsonOption = False,
    write: Annotated[
        Path | None, typer.Option("--write", help=t("cli.opt_write"), metavar=t("cli.mv_file"))
    ] = None,
    ics: Annotated[
        Path | None, typer.Option("--ics", help=t("cli.opt_ics"), metavar=t("cli.mv_file"))
    ] = None,
    ignore_rentree: Annotated[
        bool, typer.Option("--ignore-rentree", help=t("cli.opt_ignore_rentree"))
    ] = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    from sim.analysis.plan import make_plan
    from sim.presentation.plan_output import plan_json, plan_scenario_yaml, plan_text

    use_language(lang)
    loaded = load(scenario)
    try:
        target_day = parse_date(target)
    except ValueError:
        raise fail(UsageError(t("plan.bad_target", value=target))) from None
    if not loaded.calendar.start <= target_day <= loaded.calendar.end:
        window = {"start": day_text(loaded.calendar.start), "end": day_text(loaded.calendar.end)}
        raise fail(UsageError(t("plan.target_outside", day=day_text(target_day), **window)))
    if write is not None:
        _check_plan_destination(write, scenario)
    if ics is not None:
        try:
            check_output_file(ics, (".ics",))
        except RentreeSimError as error:
            raise fail(error) from None
    with progress_bar(replications * 4) as advance:
        proposal = make_plan(
            loaded,
            target_day,
            confidence,
            replications,
            workers or default_workers(),
            progress=advance,
            keep_rentree=not ignore_rentree,
        )
    clock = Clock.starting(loaded.calendar.start)
    if as_json:
        typer.echo(dumps(plan_json(proposal, clock, loaded.calendar, loaded.name)))
    else:
        typer.echo(plan_text(proposal, loaded))
    if ics is not None and proposal.feasible:
        from sim.presentation.plan_calendar import plan_ics

        agenda = plan_ics(proposal, loaded)
        try:
            write_atomically(ics, lambda temporary: Path(temporary).write_bytes(agenda))
        except OutputError as error:
            raise fail(error) from None
        typer.echo(t("cli.plan_ics_written", path=ics), err=as_json)
    if not proposal.feasible:
        if write is not None or ics is not None:
            typer.echo(t("cli.plan_nothing_written"), err=True)
        raise typer.Exit(1)
    if write is not None and proposal.feasible:
        text = plan_scenario_yaml(proposal, loaded, Path(scenario), write)
        try:
            write_atomically(write, lambda temporary: Path(temporary).write_text(text, "utf-8"))
        except OutputError as error:
            raise fail(error) from None
        typer.echo(t("cli.plan_written", path=write), err=as_json)
    if proposal.confidence is not None and not proposal.confident:
        raise typer.Exit(1)  # as for a target out of reach: what was asked is not met


def _check_plan_destination(write: Path, scenario: str) -> None:
    """The written plan extends the scenario: it may replace none of the files it reads."""
    try:
        check_output_file(write, (".yaml", ".yml"))
        check_not_input(write, [scenario, *extends_chain(scenario)], "output.same_as_input")
    except RentreeSimError as error:
        raise fail(error) from None
