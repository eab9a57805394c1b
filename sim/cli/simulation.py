"""Commands on one scenario: run, validate, schema, report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sim.analysis.run_analysis import analyse
from sim.cli.app import (
    CsvOption,
    HelpOption,
    JsonOption,
    LangOption,
    ScenarioArgument,
    SeedOption,
    analysis_of,
    app,
    fail,
    load,
    use_language,
)
from sim.engine.simulation import simulate
from sim.errors import OutputError, RentreeSimError
from sim.files import check_output_file, check_output_folder
from sim.i18n import t
from sim.presentation.export import Csv, CsvForm, dumps, result_json, write_outputs
from sim.presentation.summary import summary_text
from sim.scenario.loader import extends_chain
from sim.scenario.schema import scenario_schema


@app.command(help=t("cli.run_help"), add_help_option=False)
def run(
    scenario: ScenarioArgument,
    as_json: JsonOption = False,
    out: Annotated[
        Path | None, typer.Option("--out", help=t("cli.opt_out"), metavar=t("cli.mv_folder"))
    ] = None,
    csv_form: CsvOption = CsvForm.EXCEL,
    seed: SeedOption = None,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = load(scenario)
    try:
        if out is not None:
            check_output_folder(out, "run")
        analysis = analyse(simulate(loaded, seed=seed))
        if out is not None:
            written = write_outputs(analysis, out, source=scenario, csv_form=Csv(csv_form))
    except OutputError as error:
        raise fail(error) from None
    if as_json:
        typer.echo(dumps(result_json(analysis, source=scenario)))
    else:
        typer.echo(summary_text(analysis))
    if out is not None:
        typer.echo(t("cli.written", files=", ".join(str(p) for p in written)), err=as_json)


@app.command(help=t("cli.validate_help"), add_help_option=False)
def validate(
    scenario: ScenarioArgument,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    loaded = load(scenario)
    typer.echo(t("cli.valid", file=scenario, name=loaded.name))


@app.command(help=t("cli.schema_help"), add_help_option=False)
def schema(lang: LangOption = None, help_: HelpOption = False) -> None:
    use_language(lang)
    typer.echo(json.dumps(scenario_schema(), ensure_ascii=False, indent=2))


@app.command(help=t("cli.report_help"), add_help_option=False)
def report(
    scenario: ScenarioArgument,
    output: Annotated[
        Path, typer.Option("--output", "-o", help=t("cli.opt_report"), metavar=t("cli.mv_file"))
    ] = Path("rapport.html"),
    compare: Annotated[
        list[str] | None,
        typer.Option("--compare", help=t("cli.opt_compare"), metavar=t("cli.mv_scenario")),
    ] = None,
    seed: SeedOption = None,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    # matplotlib loads only for the commands that draw (start-up of run, validate, schema)
    from sim.presentation.report import (
        REPORT_SUFFIXES,
        own_description,
        report_html,
        write_report,
    )

    try:
        check_output_file(output, REPORT_SUFFIXES)
    except OutputError as error:
        raise fail(error) from None
    analysis = analysis_of(scenario, seed)
    try:
        others = [str(p) for p in extends_chain(scenario)] if compare is None else compare
    except RentreeSimError as error:
        raise fail(error) from None
    compared = [analysis_of(other) for other in others]
    try:
        text = report_html(analysis, compared, description=own_description(scenario))
    except RentreeSimError as error:
        raise fail(error) from None
    try:
        write_report(text, output)
    except OutputError as error:
        raise fail(error) from None
    typer.echo(t("cli.report_written", path=output))
