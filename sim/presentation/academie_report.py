"""The académie's page (``rentree-sim academie report``): one self-contained HTML file with
the curve, the steps that set the date and every lycée ordered by risk. The report's rules:
no script, no external resource, pictures as inline SVG."""

from __future__ import annotations

import html
from pathlib import Path

from sim._version import __version__
from sim.analysis.academie import AcademieRun
from sim.analysis.academie_risk import AcademieRisk
from sim.domain import Target
from sim.files import write_atomically
from sim.i18n import label, language, t
from sim.presentation.academie_output import (
    TARGETS,
    kinds_text,
    lycees_text,
    step_label,
    step_text,
    when_text,
)
from sim.presentation.academie_plots import plot_academie_curve, plot_bottlenecks
from sim.presentation.academie_risk_output import deadline_hint, decimal_text, risk_basis_text
from sim.presentation.formatting import day_text, percent_text
from sim.presentation.plotting import figure_of
from sim.presentation.report import HEAD, STYLE, figure_html, svg_markup

Result = AcademieRun | AcademieRisk
EXTRA_STYLE = "tr.risk td { color: #b03a2e; } td.number { text-align: right; }"


def _card(result: Result, target: Target) -> str:
    total = len(result.lycees)
    by = day_text(result.academie.by)
    name = label("target", target.value)
    if isinstance(result, AcademieRisk):
        low, high = result.by_band[target]
        text = t(
            "report.academie_card_risk",
            target=name,
            expected=decimal_text(result.by_expected[target]),
            by=by,
            total=total,
            low=low,
            high=high,
        )
    else:
        text = t(
            "report.academie_card_run",
            target=name,
            count=result.by_count[target],
            by=by,
            total=total,
        )
    return f'<div class="card">{html.escape(text)}</div>'


def _rows(result: Result) -> list[str]:
    rows = []
    for rank, position in enumerate(result.ranking, 1):
        lycee = result.lycees[position]
        cells = [str(rank), lycee.uai, lycee.name, lycee.kind]
        if isinstance(result, AcademieRisk):
            gar = result.lycees[position].targets[Target.GAR]
            at_risk = gar.by_share < 0.5
            share = percent_text(round(100 * gar.by_share))
            never = percent_text(round(100 * gar.never_share))
            p80 = when_text(result.clock, gar.percentiles["p80"])
            cells += [share, never, p80, step_label(gar.step)]
        else:
            run_lycee = result.lycees[position]
            gar_from = run_lycee.targets[Target.GAR].consistent_from
            ent_from = run_lycee.targets[Target.ENT].consistent_from
            at_risk = gar_from is None or gar_from > result.by_minute
            cells += [
                when_text(result.clock, gar_from),
                when_text(result.clock, ent_from),
                step_text(run_lycee, Target.GAR),
            ]
        row = "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
        opening = '<tr class="risk">' if at_risk else "<tr>"
        rows.append(f"{opening}{row}</tr>")
    return rows


def academie_report_html(result: Result) -> str:
    academie = result.academie
    title = t("report.academie_title", name=academie.name)
    kinds = kinds_text(result.lycees)
    if isinstance(result, AcademieRisk):
        basis = risk_basis_text(result)
        headers = [
            "report.column_by",
            "report.column_never",
            "report.column_p80",
            "report.column_step",
        ]
    else:
        basis = t("academie.run_basis")
        headers = ["report.column_gar", "report.column_ent", "report.column_step"]
    columns = [t("csv.rank"), t("csv.uai"), t("csv.school"), t("csv.school_kind")]
    columns += [t(key) for key in headers]
    curve = figure_of(plot_academie_curve(result))
    steps = figure_of(plot_bottlenecks(result, Target.GAR))
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="subtitle">{html.escape(lycees_text(len(result.lycees)))} ({kinds}) — '
        f"{html.escape(t('academie.moment_rentree'))} {html.escape(day_text(academie.rentree))}"
        f" — {html.escape(basis)}</p>",
        '<div class="cards">' + "".join(_card(result, target) for target in TARGETS) + "</div>",
        figure_html(svg_markup(curve), t("report.academie_curve"), "courbe"),
        figure_html(svg_markup(steps), t("report.academie_steps"), "goulots"),
        f"<h2>{html.escape(t('report.academie_table'))}</h2>",
        f"<p>{html.escape(t('report.academie_table_note'))}</p>",
        *(
            f'<p class="warning">{html.escape(hint)}</p>'
            for hint in [deadline_hint(result) if isinstance(result, AcademieRisk) else None]
            if hint is not None
        ),
        '<table id="lycees"><thead><tr>'
        + "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        + "</tr></thead><tbody>"
        + "".join(_rows(result))
        + "</tbody></table>",
        f'<p class="subtitle">{html.escape(t("report.footer", version=__version__))}</p>',
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n{HEAD}'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}{EXTRA_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def write_academie_report(text: str, path: Path) -> Path:
    return write_atomically(path, lambda temporary: Path(temporary).write_text(text, "utf-8"))
