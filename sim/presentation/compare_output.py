"""Text and JSON of ``compare``: consistency dates (or risk percentiles) side by side."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sim.analysis.risk import RiskResult
from sim.analysis.run_analysis import Analysis
from sim.domain import Target
from sim.engine.simulation import SimulationResult
from sim.i18n import label, t
from sim.presentation.formatting import count_text, cut_text, day_text


def _difference(minute: float | None, reference: float | None) -> str:
    if minute is None:
        return t("compare.never") if reference is not None else "="
    if reference is None:
        return t("compare.now_consistent")
    days = round((minute - reference) / 1440)
    return "=" if days == 0 else t("compare.days", days=f"{days:+d}")


def _difference_days(minute: float | None, reference: float | None) -> float | None:
    if minute is None or reference is None:
        return None
    return round((minute - reference) / 1440, 2)


def _day(result: SimulationResult | RiskResult, minute: float | None) -> str:
    return t("summary.never") if minute is None else day_text(result.clock.instant(minute).date())


NAME_WIDTH = 58  # a longer name is cut, with an ellipsis


def row_names(names: Sequence[str], files: Sequence[str]) -> list[str]:
    """Each scenario's name, with its file's name when another row has the same name (a
    variant that keeps the name of the scenario it extends), cut to ``NAME_WIDTH``."""
    bases = [Path(file).name for file in files]
    shown = []
    for name, file, base in zip(names, files, bases, strict=True):
        if names.count(name) == 1:
            shown.append(cut_text(name, NAME_WIDTH))
            continue
        # the file's name, or its path when two files share a name: always whole
        suffix = " — " + (base if bases.count(base) == 1 else file)
        shown.append(cut_text(name, max(8, NAME_WIDTH - len(suffix))) + suffix)
    return shown


def _table(rows: list[list[str]]) -> list[str]:
    """Rows of cells, each column as wide as its widest cell."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        " ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _date_rows(analyses: Sequence[Analysis], names: list[str], strict: bool) -> list[str]:
    reference = analyses[0]

    def date(analysis: Analysis, target: Target) -> float | None:
        tc = analysis.targets[target]
        return tc.consistent_from if strict else tc.consistent_except_departed_from

    header = [t("compare.col_scenario")]
    for target in Target:
        header += [label("system", target.value), t("compare.col_diff")]
    rows = [header]
    for analysis, name in zip(analyses, names, strict=True):
        row = [name]
        for target in Target:
            minute, ref = date(analysis, target), date(reference, target)
            row += [_day(analysis.result, minute), _difference(minute, ref)]
        rows.append(row)
    return _table(rows)


def compare_text(analyses: Sequence[Analysis], files: Sequence[str]) -> str:
    """The dates apart from departed accounts (what a calendar moves), then, when the ENT's
    retention of departed users sets a later date somewhere, the strict dates."""
    reference = analyses[0]
    names = row_names([a.result.scenario.name for a in analyses], files)
    lines = [t("compare.title", name=reference.result.scenario.name), ""]
    lines.append(t("compare.except_departed"))
    lines.extend(_date_rows(analyses, names, strict=False))
    if any(
        tc.consistent_from != tc.consistent_except_departed_from
        for analysis in analyses
        for tc in analysis.targets.values()
    ):
        lines.extend(["", t("compare.strict")])
        lines.extend(_date_rows(analyses, names, strict=True))
    return "\n".join(lines)


def compare_json(analyses: Sequence[Analysis], files: Sequence[str]) -> dict[str, Any]:
    reference = analyses[0]
    rows = []
    for analysis, source in zip(analyses, files, strict=True):
        targets = {}
        for target in Target:
            tc, ref = analysis.targets[target], reference.targets[target]
            targets[target.value] = {
                "consistent_from": _iso(analysis, tc.consistent_from),
                "difference_days": _difference_days(tc.consistent_from, ref.consistent_from),
                "consistent_except_departed_from": _iso(
                    analysis, tc.consistent_except_departed_from
                ),
                "difference_except_departed_days": _difference_days(
                    tc.consistent_except_departed_from, ref.consistent_except_departed_from
                ),
            }
        rows.append({"name": analysis.result.scenario.name, "file": source, "targets": targets})
    return {"reference": reference.result.scenario.name, "scenarios": rows}


def _iso(analysis: Analysis, minute: float | None) -> str | None:
    return None if minute is None else analysis.result.instant(minute).isoformat(timespec="minutes")


def compare_risk_text(results: Sequence[RiskResult], files: Sequence[str]) -> str:
    reference = results[0]
    lines = [
        t("compare.risk_title", name=reference.scenario.name, n=count_text(reference.size)),
        "",
    ]
    names = row_names([r.scenario.name for r in results], files)
    for result, name in zip(results, names, strict=True):
        lines.append(name)
        for target in Target:
            risk = result.targets[target]
            ref = reference.targets[target]
            cells = []
            for name, minute in risk.percentiles.items():
                cells.append(
                    f"{name.upper()} {_day(result, minute)} "
                    f"({_difference(minute, ref.percentiles[name])})"
                )
            lines.append(
                f"  {label('system', target.value):<5} "
                + " · ".join(cells)
                + " · "
                + t("compare.never_share", share=round(100 * risk.never_share))
            )
    return "\n".join(lines)


def compare_risk_json(results: Sequence[RiskResult], files: Sequence[str]) -> dict[str, Any]:
    reference = results[0]
    rows = []
    for result, source in zip(results, files, strict=True):
        targets = {}
        for target in Target:
            risk = result.targets[target]
            targets[target.value] = {
                "percentiles": {
                    k: None if v is None else result.clock.instant(v).date().isoformat()
                    for k, v in risk.percentiles.items()
                },
                "differences_days": {
                    k: _difference_days(v, reference.targets[target].percentiles[k])
                    for k, v in risk.percentiles.items()
                },
                "never_share": risk.never_share,
            }
        rows.append({"name": result.scenario.name, "file": source, "targets": targets})
    return {"reference": reference.scenario.name, "replications": reference.size, "scenarios": rows}
