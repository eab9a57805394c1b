"""The self-contained HTML report: summary, tables, warnings and the four pictures inline as
SVG. No script, no external resource: it opens from an e-mail attachment."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure

from sim._version import __version__
from sim.analysis.consistency import CategoryConsistency, TargetConsistency
from sim.analysis.run_analysis import Analysis
from sim.domain import Target
from sim.files import write_atomically
from sim.i18n import label, language, t
from sim.presentation.formatting import (
    day_text,
    instant_text,
    snapshot_cells,
    warning_cause,
    warning_message,
    warning_when,
)
from sim.presentation.plots import (
    completeness_figure,
    figure_of,
    plot_comparison,
    plot_graph,
    plot_timeline,
)
from sim.presentation.plotting import svg_text
from sim.presentation.summary import cause_lines, chain_lines, departed_lines, wrong_at_end
from sim.scenario.loader import load_scenario, sets_itself

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1500px;
       color: #1c2833; padding: 0 1.5em; }
h1 { color: #1f3b73; margin-bottom: .2em; }
.subtitle { color: #566573; margin-top: 0; }
.cards { display: flex; gap: 1.5em; margin: 1.5em 0; flex-wrap: wrap; }
.card { border-radius: 8px; padding: 1em 1.5em; min-width: 320px; background: #eef3fb; }
.card.never { background: #fbeeee; }
.card .date { font-size: 1.5em; font-weight: bold; }
table { border-collapse: collapse; margin: .8em 0 1.5em; font-size: .92em; display: block;
        overflow-x: auto; max-width: 100%; }
th, td { border-bottom: 1px solid #d5d8dc; padding: .35em .8em; text-align: left; }
th { background: #f4f6f7; }
td.wrong { color: #b03a2e; font-weight: bold; }
figure { margin: 1.5em 0; }
figure svg { width: 100%; height: auto; }
figcaption { color: #566573; font-size: .9em; }
.warning { color: #b03a2e; }
ol.chain li { margin: .15em 0; }
"""


def svg_markup(figure: Figure) -> str:
    text = svg_text(figure)
    return text[text.index("<svg") :]


def figure_html(svg: str, caption: str, name: str) -> str:
    """A picture with its caption; the SVG is announced as one image, named by its caption
    (its texts are drawn as paths: a screen reader would find nothing else to read)."""
    named = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(caption)}"', 1)
    return (
        f'<figure id="{name}" class="picture">{named}'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


# the head every page shares: a phone's browser keeps the page at its own width
HEAD = (
    '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
)


def _cell(analysis: Analysis, cat: CategoryConsistency) -> str:
    if cat.consistent_from is None:
        return f'<td class="wrong">{html.escape(t("summary.never"))}</td>'
    when = day_text(analysis.result.instant(cat.consistent_from).date())
    return f"<td>{html.escape(when)}</td>"


def _target_section(analysis: Analysis, target: Target, tc: TargetConsistency) -> str:
    result = analysis.result
    snaps = analysis.snapshots.get(target, {})
    rows = []
    for category, cat in tc.categories.items():
        cells = snapshot_cells(snaps, category.value)
        cells.append(f"{int(cat.missing[-1])} / {int(cat.stale[-1])}")
        rows.append(
            f"<tr><td>{html.escape(label('category', category.value))}</td>"
            f"{_cell(analysis, cat)}"
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            + "</tr>"
        )
    header = "".join(
        f"<th>{html.escape(t(key))}</th>"
        for key in (
            "summary.col_category",
            "summary.col_from",
            "summary.col_rentree",
            "summary.col_week",
            "report.col_end",
        )
    )
    parts = [
        f"<h2>{html.escape(label('target', target.value))}</h2>",
        *(f"<p>{html.escape(line.strip())}</p>" for line in departed_lines(analysis, target, tc)),
        f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
    ]
    if tc.critical_category is not None and tc.chain:
        parts.append(
            "<p>"
            + html.escape(
                t("summary.chain_title", category=label("category", tc.critical_category.value))
            )
            + "</p>"
        )
        parts.append(_chain(chain_lines(result, tc.chain)))
    # the chain behind the date in large (apart from departed accounts), as ``run`` tells it
    critical = tc.critical_category_except_departed
    if (
        tc.consistent_except_departed_from != tc.consistent_from
        and critical is not None
        and tc.chain_except_departed
    ):
        title = t("summary.chain_title_except_departed", category=label("category", critical.value))
        parts.append(f"<p>{html.escape(title)}</p>")
        parts.append(_chain(chain_lines(result, tc.chain_except_departed)))
    wrong = wrong_at_end(analysis, target) if tc.consistent_from is None else {}
    for category, cat in tc.categories.items():
        if category not in wrong:
            continue
        title, *causes = cause_lines(category, cat, wrong[category])
        parts.append(f'<p class="warning">{html.escape(title)}</p>')
        parts.append(
            "<ul>"
            + "".join(f"<li>{html.escape(c.strip().removeprefix('• '))}</li>" for c in causes)
            + "</ul>"
        )
        stuck = cat.blocking
        if stuck is not None and stuck.chain:
            example = t(
                "summary.example_chain",
                fact=stuck.fact,
                system=label("system", stuck.chain[-1].store),
            )
            parts.append(f"<p>{html.escape(example)}</p>")
            parts.append(_chain(chain_lines(result, stuck.chain)))
    return "\n".join(parts)


def _chain(lines: list[str]) -> str:
    items = "".join(f"<li>{html.escape(line.split('. ', 1)[1])}</li>" for line in lines)
    return f'<ol class="chain">{items}</ol>'


def _card(analysis: Analysis, target: Target, tc: TargetConsistency) -> str:
    """The date a calendar moves (apart from departed accounts) in large, as the summary,
    the notebooks and the README lead with it; the strict date under it when it differs."""
    result = analysis.result
    name = html.escape(label("target", target.value))
    headline = tc.consistent_except_departed_from
    strict = ""
    if tc.consistent_from != headline:
        when_strict = (
            t("report.never")
            if tc.consistent_from is None
            else day_text(result.instant(tc.consistent_from).date())
        )
        strict = "<div>" + html.escape(t("report.strict_date", when=when_strict)) + "</div>"
    caption = f"<div>{html.escape(t('report.headline_except'))}</div>" if strict else ""
    if headline is None:
        return (
            f'<div class="card never"><div>{name}</div><div class="date">'
            f"{html.escape(t('report.never'))}</div>{caption}</div>"
        )
    when = instant_text(result.instant(headline))
    days = (result.instant(headline).date() - result.rentree).days
    return (
        f'<div class="card"><div>{name}</div><div class="date">{html.escape(when)}</div>'
        f"<div>{html.escape(t('report.days_after', days=days))}</div>{caption}{strict}</div>"
    )


def _warnings(analysis: Analysis) -> str:
    result = analysis.result
    warnings = [w for w in analysis.warnings if w.severity == "warning"]
    infos = [w for w in analysis.warnings if w.severity == "info"]
    parts = [f"<h2>{html.escape(t('report.warnings', count=len(warnings)))}</h2>"]
    if warnings:
        rows = "".join(
            f"<tr><td>{html.escape(warning_when(result.instant(w.minute), w))}</td>"
            f'<td class="warning">{html.escape(warning_message(w))}</td>'
            f"<td>{html.escape(warning_cause(w))}</td></tr>"
            for w in warnings
        )
        header = "".join(
            f"<th>{html.escape(t(k))}</th>"
            for k in ("report.col_when", "report.col_what", "report.col_why")
        )
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>")
    else:
        parts.append(f"<p>{html.escape(t('summary.no_warning'))}</p>")
    if infos:
        items = "".join(
            f"<li>{html.escape(warning_when(result.instant(w.minute), w))} — "
            f"{html.escape(warning_message(w))}</li>"
            for w in infos
        )
        parts.append(
            f"<h3>{html.escape(t('summary.infos', count=len(infos)))}</h3><ul>{items}</ul>"
        )
    return "\n".join(parts)


def report_pictures(
    analysis: Analysis, compared: Sequence[Analysis] = ()
) -> list[tuple[str, Figure, str]]:
    """The report's pictures: id, figure and caption of each, in page order."""
    return [
        ("chronologie", figure_of(plot_timeline(analysis)), t("report.fig_timeline")),
        ("completude", completeness_figure(analysis), t("report.fig_completeness")),
        ("graphe", figure_of(plot_graph(analysis, Target.GAR)), t("report.fig_graph")),
        (
            "comparaison",
            figure_of(plot_comparison([*compared, analysis])),
            t("report.fig_compare"),
        ),
    ]


def own_description(path: str | Path) -> str:
    """The description that the scenario file at ``path`` gives itself: one it only inherits
    through ``extends`` describes its parent, not this variant (empty then)."""
    return load_scenario(path).description if sets_itself(path, "description") else ""


def report_html(
    analysis: Analysis, compared: Sequence[Analysis] = (), *, description: str | None = None
) -> str:
    """The whole report of ``analysis``; ``compared`` are the other scenarios of the
    comparison picture (this one is added last). ``description`` is the scenario's own (see
    :func:`own_description`); None takes the loaded scenario's, inherited or not."""
    result = analysis.result
    scenario = result.scenario
    description = scenario.description if description is None else description
    cal = scenario.calendar
    title = t("report.title", name=scenario.name)
    pictures = [
        figure_html(svg_markup(figure), caption, name)
        for name, figure, caption in report_pictures(analysis, compared)
    ]
    subtitle = t(
        "summary.window",
        rentree=day_text(result.rentree),
        start=day_text(cal.start),
        end=day_text(cal.end),
        time=cal.observation_time.strftime("%H:%M"),
    )
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="subtitle">{html.escape(scenario.etablissement.name)} — UAI '
        f"{html.escape(scenario.etablissement.uai)} — {html.escape(subtitle)} — "
        f"{html.escape(t('report.seed', seed=result.seed))}</p>",
    ]
    if description:
        body.append(f'<p class="description">{html.escape(description)}</p>')
    body.append(
        '<div class="cards">'
        + "".join(_card(analysis, target, tc) for target, tc in analysis.targets.items())
        + "</div>"
    )
    body.append(f"<p>{html.escape(t('summary.legend'))}</p>")
    body.extend(_target_section(analysis, target, tc) for target, tc in analysis.targets.items())
    body.append(_warnings(analysis))
    body.append(f"<h2>{html.escape(t('report.pictures'))}</h2>")
    body.extend(pictures)
    body.append(f'<p class="subtitle">{html.escape(t("report.footer", version=__version__))}</p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n{HEAD}'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


REPORT_SUFFIXES = (".html", ".htm")


def write_report(text: str, path: Path) -> Path:
    """Write the report atomically."""
    return write_atomically(path, lambda temporary: Path(temporary).write_text(text, "utf-8"))
