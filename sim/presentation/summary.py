"""The French (or English) text summary of one run, as the CLI prints it."""

from __future__ import annotations

from sim.analysis.consistency import CategoryConsistency, TargetConsistency
from sim.analysis.provenance import ChainStep
from sim.analysis.report import Analysis
from sim.domain import Target
from sim.engine.simulation import SimulationResult
from sim.i18n import label, t
from sim.presentation.formatting import (
    actor_label,
    blocking_text,
    day_text,
    instant_text,
    snapshot_cells,
    warning_cause,
    warning_message,
)

COLUMN = 44


def _row(category: str, when: str, rentree: str, week: str) -> str:
    return f"  {category:<{COLUMN}} {when:<17} {rentree:<19} {week}"


def _when(result: SimulationResult, minute: float | None) -> str:
    return t("summary.never") if minute is None else day_text(result.instant(minute).date())


def _delta(result: SimulationResult, minute: float) -> str:
    days = (result.instant(minute).date() - result.rentree).days
    if days == 0:
        return t("summary.on_rentree")
    key = "summary.after_rentree" if days > 0 else "summary.before_rentree"
    return t(key, days=abs(days))


def chain_lines(result: SimulationResult, chain: list[ChainStep]) -> list[str]:
    lines = []
    for n, step in enumerate(chain, start=1):
        landed = ""
        if round(step.landed) != round(step.minute):
            landed = t("summary.chain_landed", when=instant_text(result.instant(step.landed)))
        if step.outages_waited:
            landed += t("summary.chain_outage", count=step.outages_waited)
        lines.append(
            t(
                "summary.chain_step",
                n=n,
                actor=actor_label(step.actor),
                when=instant_text(result.instant(step.minute)),
                landed=landed,
                system=label("system", step.store),
                fact=step.fact,
            )
        )
    return lines


def blocking_lines(result: SimulationResult, category: str, cat: CategoryConsistency) -> list[str]:
    stuck = cat.blocking
    assert stuck is not None
    head = blocking_text(category, stuck)
    return [head, *("    " + line for line in chain_lines(result, stuck.chain))]


def target_lines(analysis: Analysis, target: Target, tc: TargetConsistency) -> list[str]:
    result = analysis.result
    name = label("target", target.value)
    if tc.consistent_from is None:
        wrong = [
            t(
                "summary.wrong_item",
                category=label("category", c.value),
                missing=int(cat.missing[-1]),
                stale=int(cat.stale[-1]),
            )
            for c, cat in tc.categories.items()
            if cat.missing[-1] or cat.stale[-1]
        ]
        lines = [
            t(
                "summary.target_never",
                target=name,
                end=day_text(result.scenario.calendar.end),
                wrong="; ".join(wrong),
            )
        ]
    else:
        lines = [
            t(
                "summary.target_from",
                target=name,
                when=instant_text(result.instant(tc.consistent_from)),
                delta=_delta(result, tc.consistent_from),
            )
        ]
    snaps = analysis.snapshots.get(target, {})
    lines.append(
        _row(
            t("summary.col_category"),
            t("summary.col_from"),
            t("summary.col_rentree"),
            t("summary.col_week"),
        )
    )
    for category, cat in tc.categories.items():
        cells = snapshot_cells(snaps, category.value)
        lines.append(
            _row(
                label("category", category.value),
                _when(result, cat.consistent_from),
                cells[0],
                cells[1],
            )
        )
    for category, cat in tc.categories.items():
        if cat.blocking is not None:
            lines.extend("  " + line for line in blocking_lines(result, category.value, cat))
    if tc.critical_category is not None and tc.chain:
        lines.append(
            "  " + t("summary.chain_title", category=label("category", tc.critical_category.value))
        )
        lines.extend("    " + line for line in chain_lines(result, tc.chain))
    return lines


def summary_text(analysis: Analysis) -> str:
    result = analysis.result
    scenario = result.scenario
    cal = scenario.calendar
    lines = [
        t(
            "summary.title",
            name=scenario.name,
            etab=scenario.etablissement.name,
            uai=scenario.etablissement.uai,
            seed=result.seed,
        ),
        t(
            "summary.window",
            rentree=day_text(result.rentree),
            start=day_text(cal.start),
            end=day_text(cal.end),
            time=cal.observation_time.strftime("%H:%M"),
        ),
        t("summary.legend"),
        "",
    ]
    for target, tc in analysis.targets.items():
        lines.extend(target_lines(analysis, target, tc))
        lines.append("")
    warnings = [w for w in analysis.warnings if w.severity == "warning"]
    infos = [w for w in analysis.warnings if w.severity == "info"]
    if warnings:
        lines.append(t("summary.warnings", count=len(warnings)))
        for w in warnings:
            lines.append(
                t(
                    "summary.warning_line",
                    when=instant_text(result.instant(w.minute)),
                    message=warning_message(w),
                )
            )
            lines.append(t("summary.cause_line", cause=warning_cause(w)))
    else:
        lines.append(t("summary.no_warning"))
    if infos:
        lines.append(t("summary.infos", count=len(infos)))
        for w in infos:
            lines.append(
                t(
                    "summary.info_line",
                    when=instant_text(result.instant(w.minute)),
                    message=warning_message(w),
                )
            )
    return "\n".join(lines)
