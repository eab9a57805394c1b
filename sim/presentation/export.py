"""Machine-readable outputs: the JSON object, the CSV files, written atomically."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import numpy as np

from sim.analysis.consistency import TargetConsistency, store_states
from sim.analysis.provenance import Blocking, ChainStep
from sim.analysis.report import Analysis
from sim.domain import TARGET_STORE, Target
from sim.engine.simulation import SimulationResult
from sim.presentation.files import write_file_set
from sim.presentation.formatting import actor_label, warning_cause, warning_message


def iso(result: SimulationResult, minute: float | None) -> str | None:
    return None if minute is None else result.instant(minute).isoformat(timespec="minutes")


def chain_json(result: SimulationResult, chain: list[ChainStep]) -> list[dict[str, Any]]:
    return [
        {
            "actor": step.actor,
            "label": actor_label(step.actor),
            "time": iso(result, step.minute),
            "landed": iso(result, step.landed),
            "system": step.store,
            "category": step.category,
            "fact": step.fact,
            "outages_waited": step.outages_waited,
        }
        for step in chain
    ]


def blocking_json(result: SimulationResult, stuck: Blocking | None) -> dict[str, Any] | None:
    if stuck is None:
        return None
    return {
        "fact": stuck.fact,
        "state": "missing" if stuck.missing else "stale",
        "furthest_system": stuck.furthest,
        "chain": chain_json(result, stuck.chain),
    }


def _target_json(analysis: Analysis, target: Target, tc: TargetConsistency) -> dict[str, Any]:
    result = analysis.result
    snapshots = analysis.snapshots.get(target, {})
    categories: dict[str, Any] = {}
    for category, cat in tc.categories.items():
        entry: dict[str, Any] = {
            "consistent_from": iso(result, cat.consistent_from),
            "first_consistent": iso(result, cat.first_consistent),
            "never_consistent": cat.consistent_from is None,
            "at_end": {"missing": int(cat.missing[-1]), "stale": int(cat.stale[-1])},
            "chain": chain_json(result, cat.chain),
            "blocking": blocking_json(result, cat.blocking),
        }
        for name, snap in snapshots.items():
            entry[f"at_{name}" if name == "rentree" else name] = {
                "missing": snap.missing[category.value],
                "stale": snap.stale[category.value],
            }
        categories[category.value] = entry
    return {
        "system": TARGET_STORE[target].value,
        "consistent_from": iso(result, tc.consistent_from),
        "first_consistent": iso(result, tc.first_consistent),
        "critical_category": tc.critical_category.value if tc.critical_category else None,
        "chain": chain_json(result, tc.chain),
        "categories": categories,
    }


def result_json(analysis: Analysis, source: str | None = None) -> dict[str, Any]:
    result = analysis.result
    scenario = result.scenario
    return {
        "scenario": {
            "name": scenario.name,
            "file": source,
            "seed": result.seed,
            "etablissement": {
                "name": scenario.etablissement.name,
                "uai": scenario.etablissement.uai,
                "zone": scenario.etablissement.zone,
            },
            "rentree": result.rentree.isoformat(),
            "window": {
                "start": scenario.calendar.start.isoformat(),
                "end": scenario.calendar.end.isoformat(),
            },
        },
        "targets": {t.value: _target_json(analysis, t, tc) for t, tc in analysis.targets.items()},
        "warnings": [
            {
                "code": w.code,
                "severity": w.severity,
                "message": warning_message(w),
                "cause": warning_cause(w),
                "time": iso(result, w.minute),
                "count": w.count,
                "actor": w.actor,
                "system": w.store,
                "category": w.category,
            }
            for w in analysis.warnings
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _csv(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def events_csv(result: SimulationResult) -> str:
    rows: list[list[Any]] = [
        [
            "id",
            "time",
            "actor",
            "actor_label",
            "kind",
            "code",
            "system",
            "category",
            "count",
            "detail",
            "cause",
        ]
    ]
    for e in result.events:
        rows.append(
            [
                e.id,
                iso(result, e.minute),
                e.actor,
                actor_label(e.actor),
                e.kind,
                e.code,
                e.store,
                e.category,
                e.count,
                e.detail,
                "" if e.cause is None else e.cause,
            ]
        )
    return _csv(rows)


def daily_state_csv(result: SimulationResult) -> str:
    rows: list[list[Any]] = [
        ["observation", "system", "category", "correct", "missing", "stale", "consistent"]
    ]
    states = store_states(result)
    for k, minute in enumerate(result.observations):
        for s in states:
            rows.append(
                [
                    iso(result, minute),
                    s.store.value,
                    s.category.value,
                    int(s.correct[k]),
                    int(s.missing[k]),
                    int(s.stale[k]),
                    int(s.missing[k] == 0 and s.stale[k] == 0),
                ]
            )
    return _csv(rows)


def facts_csv(analysis: Analysis) -> str:
    """For each true fact and target, the first time it was correct there (empty: never)."""
    result = analysis.result
    rows: list[list[Any]] = [["target", "category", "fact", "first_correct"]]
    for target, tc in analysis.targets.items():
        for category, cat in tc.categories.items():
            labels = result.truth.table(category).labels
            for i, minute in enumerate(cat.fact_first_correct):
                if np.isnan(minute):
                    continue
                rows.append(
                    [
                        target.value,
                        category.value,
                        labels[i],
                        "" if np.isinf(minute) else iso(result, float(minute)),
                    ]
                )
    return _csv(rows)


def write_outputs(analysis: Analysis, directory: Path, source: str | None = None) -> list[Path]:
    """Write events.csv, daily_state.csv, facts.csv and result.json into ``directory``."""
    return write_file_set(
        directory,
        {
            "events.csv": events_csv(analysis.result),
            "daily_state.csv": daily_state_csv(analysis.result),
            "facts.csv": facts_csv(analysis),
            "result.json": dumps(result_json(analysis, source)) + "\n",
        },
    )
