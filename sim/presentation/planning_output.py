"""Texts and JSON of the planners' commands: compare, explain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.analysis.explain import CategoryStation, Explanation
from sim.analysis.report import Analysis
from sim.analysis.risk import RiskResult
from sim.domain import Category, Target
from sim.engine.simulation import SimulationResult
from sim.i18n import label, t
from sim.presentation.formatting import actor_label, day_text, instant_text


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


def compare_text(analyses: Sequence[Analysis]) -> str:
    reference = analyses[0]
    lines = [t("compare.title", name=reference.result.scenario.name), ""]
    header = f"{t('compare.col_scenario'):<58}"
    for target in Target:
        header += f" {label('system', target.value):<17} {t('compare.col_diff'):<8}"
    lines.append(header)
    for analysis in analyses:
        row = f"{analysis.result.scenario.name[:57]:<58}"
        for target in Target:
            minute = analysis.targets[target].consistent_from
            ref = reference.targets[target].consistent_from
            row += f" {_day(analysis.result, minute):<17} {_difference(minute, ref):<8}"
        lines.append(row)
    return "\n".join(lines)


def compare_json(analyses: Sequence[Analysis], files: Sequence[str]) -> dict[str, Any]:
    reference = analyses[0]
    rows = []
    for analysis, source in zip(analyses, files, strict=True):
        targets = {}
        for target in Target:
            minute = analysis.targets[target].consistent_from
            ref = reference.targets[target].consistent_from
            targets[target.value] = {
                "consistent_from": None
                if minute is None
                else analysis.result.instant(minute).isoformat(timespec="minutes"),
                "difference_days": _difference_days(minute, ref),
            }
        rows.append({"name": analysis.result.scenario.name, "file": source, "targets": targets})
    return {"reference": reference.result.scenario.name, "scenarios": rows}


def compare_risk_text(results: Sequence[RiskResult]) -> str:
    reference = results[0]
    lines = [t("compare.risk_title", name=reference.scenario.name, n=reference.size), ""]
    for result in results:
        lines.append(result.scenario.name)
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


def explain_text(result: SimulationResult, explanation: Explanation) -> str:
    lines = [
        t(
            "explain.title",
            fact=explanation.fact,
            category=label("category", explanation.category.value),
            when=instant_text(result.instant(explanation.at)),
        )
    ]
    truth = (
        "explain.truth_stale"
        if explanation.stale
        else ("explain.truth_true" if explanation.true else "explain.truth_false")
    )
    lines.append("  " + t(truth))
    for station in explanation.stations:
        name = label("system", station.store.value)
        if station.present:
            since = (
                t(
                    "explain.since",
                    when=instant_text(result.instant(station.since)),
                    actor=actor_label(station.since_actor or ""),
                )
                if station.since
                else t("explain.from_start")
            )
            lines.append(f"  ✓ {name:<26} " + t("explain.present", since=since))
        elif station.next_arrival is not None:
            lines.append(
                f"  · {name:<26} "
                + t(
                    "explain.arrives",
                    when=instant_text(result.instant(station.next_arrival)),
                    actor=actor_label(station.next_actor or ""),
                )
            )
        else:
            lines.append(f"  ✗ {name:<26} " + t("explain.never_arrives"))
    for reason in explanation.reasons:
        lines.append("  " + t("explain.why", reason=reason))
    return "\n".join(lines)


def explain_json(result: SimulationResult, explanation: Explanation) -> dict[str, Any]:
    def iso(minute: float | None) -> str | None:
        return None if minute is None else result.instant(minute).isoformat(timespec="minutes")

    return {
        "fact": explanation.fact,
        "category": explanation.category.value,
        "at": iso(explanation.at),
        "true": explanation.true,
        "stale": explanation.stale,
        "systems": [
            {
                "system": s.store.value,
                "present": s.present,
                "since": iso(s.since),
                "since_actor": s.since_actor,
                "next_arrival": iso(s.next_arrival),
                "next_actor": s.next_actor,
            }
            for s in explanation.stations
        ],
        "reasons": explanation.reasons,
    }


def explain_category_text(
    result: SimulationResult, category: Category, at: float, stations: list[CategoryStation]
) -> str:
    lines = [
        t(
            "explain.category_title",
            category=label("category", category.value),
            when=instant_text(result.instant(at)),
        )
    ]
    for s in stations:
        lines.append(
            "  "
            + t(
                "explain.category_line",
                system=label("system", s.store.value),
                correct=s.correct,
                missing=s.missing,
                stale=s.stale,
            )
        )
    return "\n".join(lines)
