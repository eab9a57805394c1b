"""The ``academie`` group: every lycée of an académie at once."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sim.cli.app import (
    CsvOption,
    HelpOption,
    JsonOption,
    LangOption,
    ReplicationsOption,
    WorkersOption,
    app,
    fail,
    use_language,
)
from sim.cli.planning import progress_bar
from sim.cli.usage import seed_number
from sim.errors import (
    RentreeSimError,
    ScenarioError,
    ScenarioErrors,
    UsageError,
)
from sim.files import (
    check_output_file,
    check_output_folder,
    write_atomically,
    write_file_set,
)
from sim.i18n import t
from sim.presentation.export import Csv, CsvForm, dumps
from sim.presentation.formatting import day_text, parse_day
from sim.scenario.academie import MAX_LYCEES, Academie, load_academie

if TYPE_CHECKING:
    from sim.analysis.academie import AcademieRun
    from sim.analysis.academie_risk import AcademieRisk
from sim.scenario.reading import SCENARIO_SUFFIXES

academie_app = typer.Typer(
    help=t("cli.academie_help"),
    no_args_is_help=True,
    add_help_option=False,
    pretty_exceptions_enable=False,
)
app.add_typer(academie_app, name="academie")

AcademieArgument = Annotated[
    str,
    typer.Argument(help=t("cli.arg_academie"), show_default=False, metavar=t("cli.mv_academie")),
]
StrictOption = Annotated[bool, typer.Option("--strict", help=t("cli.opt_strict"), metavar="")]
DrawSeedOption = Annotated[
    int | None,
    typer.Option(
        "--seed",
        help=t("cli.opt_draw_seed"),
        parser=seed_number,
        metavar=t("cli.mv_integer"),
    ),
]
DEFAULT_REPLICATIONS = 200
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help=t("cli.opt_scheduler"),
        envvar="DASK_SCHEDULER_ADDRESS",
        metavar="tcp://MACHINE:8786",
    ),
]
CommonOption = Annotated[
    str | None,
    typer.Option("--commun", "--common", help=t("cli.opt_common"), metavar=t("cli.mv_scenario")),
]
DeadlineOption = Annotated[
    str | None,
    typer.Option(
        "--echeance", "--by", help=t("cli.opt_by"), metavar=t("cli.mv_date"), show_default=False
    ),
]
AcademieSeedOption = Annotated[
    int | None,
    typer.Option(
        "--graine",
        help=t("cli.opt_academie_seed"),
        parser=seed_number,
        metavar=t("cli.mv_integer"),
    ),
]


@academie_app.callback()
def _academie_main(help_: HelpOption = False) -> None:
    """Only holds the translated --help of the academie group."""


def load(
    path: str,
    common: str | None,
    seed: int | None,
    strict: bool = False,
    deadline: str | None = None,
) -> Academie:
    """The académie of ``path``; its warnings are told on stderr (errors under ``strict``);
    ``deadline`` (``--echeance``) replaces the day its lycées are counted on."""
    try:
        # told for a YAML file only: another kind of file is refused for what it is
        yaml_file = path.lower().endswith(SCENARIO_SUFFIXES)
        if yaml_file and (common is not None or seed is not None):
            raise UsageError(t("cli.table_options_only"))
        academie = load_academie(path, common, seed or 0)
        if deadline is not None:
            academie = replace(academie, by=_deadline(academie, deadline))
    except RentreeSimError as error:
        raise fail(error) from None
    for warning in academie.warnings:
        typer.echo(t("warning.scenario", text=warning.describe()), err=True)
    if strict and academie.warnings:
        typer.echo(t("cli.strict_warnings", count=len(academie.warnings)), err=True)
        raise typer.Exit(2)
    return academie


def _deadline(academie: Academie, text: str) -> dt.date:
    """The day of ``--echeance``, within the lycées' common window."""
    day = parse_day(text, "--echeance")
    calendar = academie.lycees[0].scenario.calendar
    if not calendar.start <= day <= calendar.end:
        window = {"start": day_text(calendar.start), "end": day_text(calendar.end)}
        raise UsageError(t("cli.by_outside", day=day_text(day), **window))
    return day


@academie_app.command("validate", help=t("cli.academie_validate_help"), add_help_option=False)
def validate(
    academie: AcademieArgument,
    common: CommonOption = None,
    seed: AcademieSeedOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = load(academie, common, seed, strict)
    from sim.presentation.academie_output import kinds_text

    typer.echo(
        t(
            "cli.academie_valid",
            file=academie,
            name=loaded.name,
            lycees=lycees_text(len(loaded.lycees)),
            kinds=kinds_text(loaded.lycees),
            rentree=loaded.rentree.strftime("%d/%m/%Y"),
            by=loaded.by.strftime("%d/%m/%Y"),
        )
    )


OutOption = Annotated[
    Path | None,
    typer.Option("--out", help=t("cli.opt_academie_out"), metavar=t("cli.mv_folder")),
]


def compute(
    loaded: Academie,
    replications: int | None,
    seed: int | None,
    workers: int | None,
    scheduler: str | None,
) -> AcademieRun | AcademieRisk:
    """Every lycée on its own calendar (``replications`` None) or drawn ``replications``
    times, on this machine or the Dask cluster at ``scheduler``, with a progress bar."""
    from sim.analysis.academie import run_academie
    from sim.analysis.academie_risk import run_academie_risk
    from sim.analysis.execution import executor_for
    from sim.analysis.risk import default_workers

    total = len(loaded.lycees) * (replications or 1)
    with (
        executor_for(scheduler, workers or default_workers()) as executor,
        progress_bar(total) as step,
    ):
        if replications is None:
            return run_academie(loaded, executor, progress=step)
        return run_academie_risk(loaded, replications, seed, executor, progress=step)


def answer(
    loaded: Academie,
    source: str,
    replications: int | None,
    seed: int | None,
    workers: int | None,
    scheduler: str | None,
    as_json: bool,
    out: Path | None,
    csv_form: CsvForm,
) -> None:
    """What ``run`` and ``risk`` print (the summary or the JSON) and write (``--out``,
    checked before any computation); only what is asked is built."""
    from sim.analysis.academie_risk import AcademieRisk
    from sim.presentation import academie_output, academie_risk_output

    files: Callable[[Csv], dict[str, str | bytes]]
    data: Callable[[], dict[str, Any]]
    text: Callable[[], str]
    command = "academie run" if replications is None else "academie risk"
    try:
        if out is not None:
            check_output_folder(out, command)
        result = compute(loaded, replications, seed, workers, scheduler)
        if isinstance(result, AcademieRisk):
            drawn = result
            files = partial(academie_risk_output.academie_risk_files, drawn, source)
            data = partial(academie_risk_output.academie_risk_json, drawn, source)
            text = partial(academie_risk_output.academie_risk_summary, drawn)
        else:
            files = partial(academie_output.academie_run_files, result, source)
            data = partial(academie_output.academie_run_json, result, source)
            text = partial(academie_output.academie_run_summary, result)
        written = write_file_set(out, files(Csv(csv_form)), command) if out is not None else []
    except RentreeSimError as error:
        raise fail(error) from None
    typer.echo(dumps(data()) if as_json else text())
    if out is not None:
        typer.echo(t("cli.written", files=", ".join(str(p) for p in written)), err=as_json)


@academie_app.command("run", help=t("cli.academie_run_help"), add_help_option=False)
def run(
    academie: AcademieArgument,
    as_json: JsonOption = False,
    out: OutOption = None,
    csv_form: CsvOption = CsvForm.EXCEL,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    common: CommonOption = None,
    seed: AcademieSeedOption = None,
    deadline: DeadlineOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = load(academie, common, seed, strict, deadline)
    answer(loaded, academie, None, None, workers, scheduler, as_json, out, csv_form)


@academie_app.command("risk", help=t("cli.academie_risk_help"), add_help_option=False)
def risk(
    academie: AcademieArgument,
    replications: ReplicationsOption = DEFAULT_REPLICATIONS,
    seed: DrawSeedOption = None,
    as_json: JsonOption = False,
    out: OutOption = None,
    csv_form: CsvOption = CsvForm.EXCEL,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    common: CommonOption = None,
    table_seed: AcademieSeedOption = None,
    deadline: DeadlineOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = load(academie, common, table_seed, strict, deadline)
    answer(loaded, academie, replications, seed, workers, scheduler, as_json, out, csv_form)


@academie_app.command("report", help=t("cli.academie_report_help"), add_help_option=False)
def report(
    ctx: typer.Context,
    academie: AcademieArgument,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=t("cli.opt_report"), metavar=t("cli.mv_file")),
    ] = Path("tableau.html"),
    replications: ReplicationsOption = DEFAULT_REPLICATIONS,
    one_calendar: Annotated[
        bool, typer.Option("--un-calendrier", "--one-calendar", help=t("cli.opt_one_calendar"))
    ] = False,
    seed: DrawSeedOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    common: CommonOption = None,
    table_seed: AcademieSeedOption = None,
    deadline: DeadlineOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    # matplotlib loads only for the commands that draw
    from sim.presentation.academie_report import academie_report_html, write_academie_report
    from sim.presentation.report import REPORT_SUFFIXES

    try:
        check_output_file(output, REPORT_SUFFIXES)
        # by name: Typer may come with its own copy of click, and of this enum
        source = ctx.get_parameter_source("replications")
        given = source is not None and source.name != "DEFAULT"
        if one_calendar and (given or seed is not None):
            # nothing is drawn for one calendar: an option that would change nothing is refused
            raise UsageError(t("cli.one_calendar_draws"))
    except RentreeSimError as error:
        raise fail(error) from None
    loaded = load(academie, common, table_seed, strict, deadline)
    try:
        result = compute(loaded, None if one_calendar else replications, seed, workers, scheduler)
        write_academie_report(academie_report_html(result), output)
    except RentreeSimError as error:
        raise fail(error) from None
    typer.echo(t("cli.report_written", path=output))


@academie_app.command("schema", help=t("cli.academie_schema_help"), add_help_option=False)
def schema(lang: LangOption = None, help_: HelpOption = False) -> None:
    use_language(lang)
    from sim.scenario.schema import academie_schema

    typer.echo(json.dumps(academie_schema(), ensure_ascii=False, indent=2))


# an académie file is written by hand after it is made: replacing one is asked for
ReplaceOption = Annotated[
    bool, typer.Option("--remplacer", "--replace", help=t("cli.opt_academie_replace"))
]


def _refuse_existing(output: Path, replace: bool) -> None:
    if not replace and os.path.lexists(output):
        raise UsageError(t("cli.academie_exists", path=output))


def _refuse_a_scenario_read(output: Path, scenarios: list[Path]) -> None:
    """The académie written may replace none of the scenarios it extends, nor their
    ancestors (with --remplacer, a probe replaced its common scenario by an académie)."""
    from sim.files import check_not_input
    from sim.scenario.loader import extends_chain

    read = [p for path in scenarios for p in (path, *extends_chain(path))]
    check_not_input(output, read)


@academie_app.command("convertir", help=t("cli.academie_convert_help"), add_help_option=False)
def convert(
    table: Annotated[
        Path, typer.Argument(help=t("cli.arg_csv"), show_default=False, metavar="CSV")
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=t("cli.opt_academie_output"), metavar=t("cli.mv_file")),
    ],
    common: CommonOption = None,
    seed: AcademieSeedOption = None,
    strict: StrictOption = False,
    replace: ReplaceOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    from sim.scenario.academie_csv import academie_yaml, read_academie_csv

    try:
        check_output_file(output, SCENARIO_SUFFIXES)
        _refuse_existing(output, replace)
        if table.suffix.lower() != ".csv":
            raise UsageError(t("cli.convert_not_csv", path=table))
        source = read_academie_csv(table, common, seed or 0)
    except ScenarioError as error:  # told as the other académie commands tell it
        raise fail(ScenarioErrors([error], subject="academie")) from None
    except RentreeSimError as error:
        raise fail(error) from None
    loaded = load(str(table), common, seed, strict)  # nothing is written unless all is valid
    text = academie_yaml(source, table, output)
    try:
        _refuse_a_scenario_read(output, _scenarios_of(source.data, table))
        write_atomically(output, lambda path: Path(path).write_text(text, "utf-8"))
    except RentreeSimError as error:
        raise fail(error) from None
    typer.echo(t("cli.academie_converted", path=output, lycees=lycees_text(len(loaded.lycees))))


def _scenarios_of(data: dict[str, Any], table: Path) -> list[Path]:
    """The scenarios a table's académie extends: the common one and the lycées' own."""
    named = [data.get("scenario"), *(e.get("scenario") for e in data.get("lycees", []))]
    return [table.parent / name for name in named if isinstance(name, str)]


@academie_app.command("generer", help=t("cli.academie_generate_help"), add_help_option=False)
def generate(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=t("cli.opt_academie_output"), metavar=t("cli.mv_file")),
    ],
    count: Annotated[
        int,
        typer.Option(
            "--lycees",
            "--schools",
            help=t("cli.opt_lycees"),
            min=1,
            max=MAX_LYCEES,
            metavar=t("cli.mv_number"),
        ),
    ] = 290,
    seed: Annotated[
        int,
        typer.Option(
            "--graine",
            "--seed",
            help=t("cli.opt_generate_seed"),
            parser=seed_number,
            metavar=t("cli.mv_integer"),
        ),
    ] = 1,
    common: Annotated[
        Path,
        typer.Option(
            "--commun", "--common", help=t("cli.opt_generate_common"), metavar=t("cli.mv_scenario")
        ),
    ] = Path("scenarios/nominal.yaml"),
    replace: ReplaceOption = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    from sim.scenario.synthetic import generate_academie

    try:
        check_output_file(output, SCENARIO_SUFFIXES)
        _refuse_existing(output, replace)
        if not common.is_file():
            raise UsageError(t("cli.generate_no_common", path=common))
        _refuse_a_scenario_read(output, [common])
        folder = Path(os.path.realpath(output)).parent
        # the académie and its common calendar are one project's files: they move together
        relative = os.path.relpath(common.resolve(), folder)
        schema = SCHEMA_FILE if SCHEMA_FILE.is_file() else None  # the source tree's copy
        text = generate_academie(
            count,
            seed,
            relative,
            base_dir=folder,
            schema=None if schema is None else os.path.relpath(schema, folder),
        )
        write_atomically(output, lambda path: Path(path).write_text(text, "utf-8"))
    except RentreeSimError as error:
        raise fail(error) from None
    typer.echo(t("cli.academie_generated", path=output, lycees=lycees_text(count), seed=seed))


def lycees_text(count: int) -> str:
    return t("academie.one_lycee") if count == 1 else t("academie.lycees", count=count)


SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "academie.schema.json"
