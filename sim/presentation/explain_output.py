"""Text and JSON of ``explain``: where a fact or a category stands in each system."""

from __future__ import annotations

from typing import Any

from sim.analysis.explain import CategoryStation, Explanation
from sim.domain import Category
from sim.engine.simulation import SimulationResult
from sim.i18n import label, t
from sim.presentation.formatting import actor_label, count_text, instant_text


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
        # ✓ where the system is right about the fact, ✗ where it is wrong (a stale fact
        # present is wrong, absent is right), · where it is on its way
        right = "✓" if station.present == explanation.true else "✗"
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
            lines.append(f"  {right} {name:<26} " + t("explain.present", since=since))
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
            lines.append(f"  {right} {name:<26} " + t("explain.never_arrives"))
    why = "explain.why_kept" if explanation.departed else "explain.why"
    for reason in explanation.reasons:
        lines.append("  " + t(why, reason=reason))
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
        "departed": explanation.departed,
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
                correct=count_text(s.correct),
                missing=count_text(s.missing),
                stale=count_text(s.stale),
            )
            + (t("explain.category_departed", count=count_text(s.departed)) if s.departed else "")
        )
    return "\n".join(lines)


def explain_category_json(
    result: SimulationResult, category: Category, at: float, stations: list[CategoryStation]
) -> dict[str, Any]:
    return {
        "category": category.value,
        "at": result.instant(at).isoformat(timespec="minutes"),
        "systems": [
            {
                "system": s.store.value,
                "correct": s.correct,
                "missing": s.missing,
                "stale": s.stale,
                "departed": s.departed,
            }
            for s in stations
        ],
    }
