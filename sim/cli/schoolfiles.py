"""Commands on a lycée's own export files: ``diagnostiquer`` (what is wrong today, and what
to do) and ``fichiers-fictifs`` (synthetic exports in the real shapes, for training)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sim.cli.app import (
    HelpOption,
    JsonOption,
    LangOption,
    ScenarioArgument,
    SeedOption,
    app,
    fail,
    load,
    use_language,
)
from sim.errors import ImportLimitError, RentreeSimError, UsageError, printable
from sim.i18n import t
from sim.presentation.formatting import count_text, parse_day
from sim.realfiles.defects import DEFECTS

if TYPE_CHECKING:
    from sim.realfiles.exports import SchoolExports
    from sim.realfiles.key import Key

StsOption = Annotated[
    Path, typer.Option("--sts", help=t("cli.opt_sts"), metavar=t("cli.mv_file"), show_default=False)
]
ElevesOption = Annotated[
    Path,
    typer.Option(
        "--eleves", help=t("cli.opt_eleves"), metavar=t("cli.mv_file"), show_default=False
    ),
]
StructuresOption = Annotated[
    Path,
    typer.Option(
        "--structures", help=t("cli.opt_structures"), metavar=t("cli.mv_file"), show_default=False
    ),
]
ResponsablesOption = Annotated[
    Path | None,
    typer.Option(
        "--responsables",
        help=t("cli.opt_responsables"),
        metavar=t("cli.mv_file"),
        show_default=False,
    ),
]


def _read_files(
    sts: Path, eleves: Path, structures: Path, responsables: Path | None
) -> tuple[Key, SchoolExports]:
    """The user's key (told when it is made) and the exports read with it; an STS-WEB file
    whose name says another lycée or year is told too."""
    from sim.realfiles.key import load_key
    from sim.realfiles.readers import read_school_exports, sts_name_mismatch
    from sim.realfiles.safe import check_present

    for path in (sts, eleves, structures, responsables):
        if path is not None:
            check_present(path)  # a mistyped name makes no key in the user's folder
    key = load_key()
    if key.created:
        typer.echo(t("key.created", path=key.path), err=True)
    files = read_school_exports(sts, eleves, structures, responsables, key)
    mismatch = sts_name_mismatch(sts, files.sts)
    if mismatch is not None:
        typer.echo(mismatch, err=True)
    return key, files


FilesDayOption = Annotated[
    str | None,
    typer.Option(
        "--au", help=t("cli.opt_diagnosis_day"), metavar=t("cli.mv_date"), show_default=False
    ),
]


@app.command("diagnostiquer", help=t("cli.diagnose_help"), add_help_option=False)
def diagnose_files(
    sts: StsOption,
    eleves: ElevesOption,
    structures: StructuresOption,
    responsables: ResponsablesOption = None,
    on: FilesDayOption = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            help=t("cli.opt_diagnosis_scenario"),
            metavar=t("cli.mv_scenario"),
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=t("cli.opt_diagnosis_page"), metavar=t("cli.mv_file")),
    ] = None,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    from sim.analysis.diagnosis import check_diagnosis_day, diagnose, latest_export_date
    from sim.analysis.prediction import Prediction, check_forecast_day, forecast
    from sim.files import check_not_input, check_output_file
    from sim.presentation.diagnosis_output import (
        ReadFile,
        diagnosis_html,
        diagnosis_json,
        diagnosis_text,
        write_diagnosis_html,
    )
    from sim.presentation.report import REPORT_SUFFIXES

    calendar = load(scenario) if scenario is not None else None
    try:
        day = parse_day(on, "--au") if on is not None else None
        if output is not None:
            check_output_file(output, REPORT_SUFFIXES)
            check_not_input(output, (sts, eleves, structures, responsables, scenario))
        key, files = _read_files(sts, eleves, structures, responsables)
        exported = latest_export_date(files)
        if day is None:
            if exported is None:
                raise UsageError(t("diagnosis.no_date"))
            day = exported
        check_diagnosis_day(files, day)
        diagnosis = diagnose(files, day)
        prediction: Prediction | None = None
        if calendar is not None:
            check_forecast_day(files, calendar, day, scenario, "--scenario")
            other = calendar.etablissement.uai
            if other.upper() != files.eleves.uai.strip().upper():
                # a common calendar is fine; only its dates serve, never its lycée
                typer.echo(
                    t(
                        "cli.forecast_other_lycee",
                        scenario=scenario,
                        other=printable(other),
                        uai=printable(files.eleves.uai),
                    ),
                    err=True,
                )
            try:
                prediction = forecast(
                    diagnosis, files, key.fingerprint, calendar, day, scenario, "--scenario"
                )
            except ImportLimitError as limit:
                # the diagnosis stands; the lycée the files describe cannot be simulated
                why = limit.describe()
                typer.echo(t("cli.forecast_impossible", reason=why), err=True)
        paths = {"sts": sts, "eleves": eleves, "structures": structures}
        if responsables is not None:
            paths["responsables"] = responsables
        read = [
            ReadFile(
                role,
                path.name,
                files.members.get(role),
                getattr(getattr(files, role), "export_date", None),  # STS-WEB's has none
            )
            for role, path in paths.items()
        ]
        if output is not None:
            page = diagnosis_html(diagnosis, read, key.fingerprint, prediction)
            write_diagnosis_html(page, output)
    except RentreeSimError as error:
        raise fail(error) from None
    if as_json:
        typer.echo(
            json.dumps(
                diagnosis_json(diagnosis, read, key.fingerprint, prediction),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        typer.echo(diagnosis_text(diagnosis, read, key.fingerprint, prediction))
    if output is not None:
        typer.echo(t("cli.report_written", path=output), err=as_json)


@app.command("fichiers-fictifs", help=t("cli.fixtures_help"), add_help_option=False)
def fictional_files(
    scenario: ScenarioArgument,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help=t("cli.opt_fixtures_out"), metavar=t("cli.mv_folder")),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--au", help=t("cli.opt_fixtures_day"), metavar=t("cli.mv_date"), show_default=False
        ),
    ] = None,
    defects: Annotated[
        list[str] | None,
        typer.Option(
            "--defaut",
            help=t("cli.opt_fixtures_defect", codes=", ".join(DEFECTS)),
            metavar=t("cli.mv_rule"),
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool, typer.Option("--sans-zip", help=t("cli.opt_fixtures_plain"), metavar="")
    ] = False,
    seed: SeedOption = None,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    from sim.domain import Store
    from sim.engine.simulation import simulate
    from sim.files import check_output_folder, write_file_set
    from sim.realfiles.defects import plant
    from sim.realfiles.fictional import exports_of
    from sim.realfiles.writer import export_files
    from sim.scenario.model import resolve_rentree

    for defect in defects or []:
        if defect not in DEFECTS:
            raise fail(UsageError(t("cli.bad_defect", value=defect, allowed=", ".join(DEFECTS))))
    loaded = load(scenario)
    if loaded.etablissement.donnees is not None:
        raise fail(UsageError(t("cli.fixtures_imported")))
    try:
        rentree = resolve_rentree(loaded)
        day = parse_day(on, "--au") if on is not None else rentree
        calendar = loaded.calendar
        if not calendar.start <= day <= calendar.end:
            raise UsageError(
                t(
                    "cli.fixtures_day_outside",
                    day=day.strftime("%d/%m/%Y"),
                    start=calendar.start.strftime("%d/%m/%Y"),
                    end=calendar.end.strftime("%d/%m/%Y"),
                )
            )
        check_output_folder(out, "fichiers-fictifs")
        result = simulate(loaded)
        # the files of day D hold what STS-WEB and SIECLE held at the start of that day
        minute = result.clock.day_minutes(day, dt.time(0, 0))
        stores = {
            store: {c: h.at(minute) for c, h in result.histories[store].items()}
            for store in (Store.STS, Store.SIECLE)
        }
        files = exports_of(
            result.truth,
            minute,
            loaded.etablissement.uai,
            rentree.year,
            day,
            loaded.seed if seed is None else seed,
            stores,
        )
        for defect in defects or []:
            files, expected = plant(files, defect)
            if not expected:
                typer.echo(
                    t("cli.fixtures_defect_none", defect=defect, day=day.strftime("%d/%m/%Y")),
                    err=True,
                )
        written = write_file_set(
            out, dict(export_files(files, zip_siecle=not plain)), "fichiers-fictifs"
        )
    except RentreeSimError as error:
        raise fail(error) from None
    typer.echo(t("cli.fixtures_written", folder=out, files=", ".join(p.name for p in written)))


DEFAULT_MODEL = Path("scenarios") / "nominal.yaml"
# where the folder above is not (a command typed elsewhere): the source tree's own copy
SOURCE_MODEL = Path(__file__).resolve().parents[2] / DEFAULT_MODEL


@app.command("importer", help=t("cli.import_help"), add_help_option=False)
def import_files(
    sts: StsOption,
    eleves: ElevesOption,
    structures: StructuresOption,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=t("cli.opt_import_out"), metavar=t("cli.mv_file")),
    ],
    responsables: ResponsablesOption = None,
    model: Annotated[
        Path | None,
        typer.Option(
            "--modele",
            help=t("cli.opt_import_model"),
            metavar=t("cli.mv_scenario"),
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--nom", help=t("cli.opt_import_name"), metavar=t("cli.mv_text"), show_default=False
        ),
    ] = None,
    on: FilesDayOption = None,
    replace: Annotated[
        bool, typer.Option("--remplacer", "--replace", help=t("cli.opt_import_replace"))
    ] = False,
    lang: LangOption = None,
    help_: HelpOption = False,
) -> None:
    use_language(lang)
    from sim.analysis.diagnosis import check_school_year, latest_export_date
    from sim.analysis.prediction import check_same_rentree
    from sim.files import check_output_file
    from sim.realfiles.importer import data_of
    from sim.realfiles.scenario_file import import_scenario_text, write_import
    from sim.scenario.donnees import DATA_SUFFIX
    from sim.scenario.loader import extends_chain

    base = model if model is not None else DEFAULT_MODEL
    if model is None and not base.is_file():
        base = SOURCE_MODEL
    if model is None and not base.is_file():
        raise fail(UsageError(t("cli.import_no_model", path=DEFAULT_MODEL)))
    template = load(str(base))
    title = name or ""
    if len(title) > 200 or printable(title) != title or "\n" in title or "\r" in title:
        raise fail(UsageError(t("cli.import_bad_name")))
    try:
        if output.is_symlink():
            raise UsageError(t("error.output", path=output, reason=t("output.pair_link")))
        target = check_output_file(output, (".yaml", ".yml"))
        data_path = target.with_name(target.name.rsplit(".", 1)[0] + DATA_SUFFIX)
        check_output_file(data_path)
        protected = {Path(os.path.realpath(p)) for p in [base, *extends_chain(base)]}
        if target in protected or data_path in protected:
            raise UsageError(t("cli.import_over_model", path=output))
        existing = [p.name for p in (target, data_path) if os.path.lexists(p)]
        if existing and not replace:
            # the scenario holds the lycée's calendar, the data file its corrections by hand
            told = "cli.import_exists" if len(existing) == 1 else "cli.import_exist"
            raise UsageError(t(told, files=t("cli.and").join(existing)))
        key, files = _read_files(sts, eleves, structures, responsables)
        rentree = check_same_rentree(files, template, base, "--modele")
        day = parse_day(on, "--au") if on is not None else latest_export_date(files) or rentree
        check_school_year(day, files.sts.year)
        try:
            data, report = data_of(files, key.fingerprint, day)
        except ImportLimitError as limit:
            raise UsageError(limit.describe()) from None
        replaced = data_path.exists()
        title = title or t("cli.import_default_name", uai=data.uai)
        write_import(
            target,
            lambda data_name: import_scenario_text(data, base, target, data_name, title),
            data_path,
            data,
            check=lambda path: load(str(path)),  # what is written loads, therefore runs
        )
    except RentreeSimError as error:
        raise fail(error) from None
    if replaced:
        typer.echo(t("cli.import_replaces", path=data_path.name), err=True)
    typer.echo(t("cli.import_done", scenario=output, data=data_path.name))
    typer.echo(
        t(
            "cli.import_counts",
            students=count_text(report.students),
            divisions=count_text(len(data.divisions)),
            groups=count_text(len(data.groupes)),
            teachers=count_text(len(data.enseignants)),
            services=count_text(len(data.services)),
            guardians=t("cli.import_guardians", count=count_text(report.guardians))
            if responsables is not None
            else t("cli.import_guardians_drawn"),
        )
    )
    origins = ", ".join(
        f"{t('cli.origin_' + k)} {count_text(v)}" for k, v in sorted(report.origins.items())
    )
    typer.echo(t("cli.import_origins", origins=origins))
    typer.echo(
        t("cli.import_levels", levels=", ".join(f"{m} → {lv}" for m, lv in report.levels.items()))
    )
    for count, key_name in (
        (report.without_division, "cli.import_without_division"),
        (report.unknown_division, "cli.import_unknown_division"),
        (report.unknown_groups, "cli.import_unknown_groups"),
        (report.inactive, "cli.import_inactive"),
        (report.empty_divisions, "cli.import_empty_divisions"),
        (report.empty_groups, "cli.import_empty_groups"),
        (report.services_left_out, "cli.import_services_left_out"),
        (report.unknown_students_guardians, "cli.import_unknown_students_guardians"),
    ):
        if count:
            typer.echo(t(key_name, count=count_text(count)), err=True)
    if report.students and report.without_group == report.students and files.sts.groups:
        typer.echo(t("cli.import_no_links"), err=True)
    elif report.without_group:
        typer.echo(t("cli.import_without_group", count=count_text(report.without_group)), err=True)
    if responsables is None:
        typer.echo(t("cli.import_no_guardians"), err=True)
    from sim.analysis.diagnosis import Severity, diagnose

    blocking = diagnose(files, day).count(Severity.BLOCKING)
    if blocking:
        # the scenario takes the files for the reality: their defects are not simulated
        typer.echo(t("cli.import_defects", count=count_text(blocking)), err=True)
    typer.echo(t("cli.import_hint"), err=True)
