"""Machine-readable outputs: the JSON object and the CSV files, written as one set.

CSV files come in two forms. ``excel`` (the default) opens as it should in a French
spreadsheet: ``;`` between cells, UTF-8 with a byte-order mark (else Excel reads Latin-1),
column names and values in the message language, dates as dd/mm/yyyy, decimal commas.
``international`` is for scripts: ``,``, no mark, English ids, ISO dates, decimal points.
In both, a text cell a spreadsheet would run as a formula gets an apostrophe before it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from sim.analysis.consistency import TargetConsistency, store_states
from sim.analysis.explain import WrongFacts
from sim.analysis.provenance import Blocking, ChainStep
from sim.analysis.run_analysis import Analysis, observation_index
from sim.catalogue import MESSAGES
from sim.domain import TARGET_STORE, Target
from sim.engine.simulation import SimulationResult
from sim.files import write_file_set
from sim.i18n import label, t
from sim.presentation.formatting import (
    actor_label,
    actors_label,
    warning_cause,
    warning_message,
)
from sim.presentation.summary import wrong_at_end


class CsvForm(StrEnum):
    EXCEL = "excel"
    INTERNATIONAL = "international"


@dataclass(frozen=True)
class Csv:
    """How cells, headers and file names are written in one form (see the module's note)."""

    form: CsvForm = CsvForm.EXCEL

    @property
    def local(self) -> bool:
        return self.form is CsvForm.EXCEL

    def file_name(self, key: str) -> str:
        """The name of an output file: in the message language for ``excel``, English
        for ``international`` (one language per set, pictures included)."""
        entry = f"file.{key}"
        return t(entry) if self.local else MESSAGES[entry]["en"]

    def header(self, column: str, **values: Any) -> str:
        """A column's name: the catalogue's ``csv.<column>``, or the id itself."""
        return t(f"csv.{column}", **values) if self.local else column.format(**values)

    def instant(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        return value.strftime("%d/%m/%Y %H:%M") if self.local else value.isoformat("T", "minutes")

    def day(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return value.strftime("%d/%m/%Y") if self.local else value.isoformat()

    def number(self, value: float, places: int) -> str:
        text = f"{value:.{places}f}"
        return text.replace(".", ",") if self.local else text

    def flag(self, value: bool) -> str:
        if self.local:
            return t("csv.yes") if value else t("csv.no")
        return "1" if value else "0"

    def name(self, kind: str, ident: str) -> str:
        """A category's, system's or event code's label (``kind`` as in the catalogue)."""
        return label(kind, ident) if self.local and ident else ident

    def actor(self, ident: str) -> str:
        return actor_label(ident) if self.local and ident else ident

    def dumps(self, rows: list[list[Any]]) -> str:
        buffer = io.StringIO()
        rows = [[_inert(cell) for cell in row] for row in rows]
        if self.local:
            # Excel needs the mark to read UTF-8, and expects Windows line ends
            buffer.write("\ufeff")
            csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        else:
            csv.writer(buffer, lineterminator="\n").writerows(rows)
        return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d[\d\s\u202f\u00a0.,]*%?")


def _inert(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (« =cmd|… », « @SUM(…) », from a
    lycée's or a scenario's name, a code in a lycée's files), with an apostrophe before it:
    shown as written, never run. A number written as text (« -3 », « -0,5 ») stays one."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


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


def _cause_json(group: WrongFacts) -> dict[str, Any]:
    return {
        "cause": group.cause.key.removeprefix("explain."),
        "text": group.cause.text(),
        "count": group.count,
        "example": group.example,
        "end_category": group.end.value if group.end is not None else None,
        "ends": group.ends,
    }


def _target_json(analysis: Analysis, target: Target, tc: TargetConsistency) -> dict[str, Any]:
    result = analysis.result
    snapshots = analysis.snapshots.get(target, {})
    # why the facts still wrong at the end are wrong: only asked of a target never right
    wrong = wrong_at_end(analysis, target) if tc.consistent_from is None else {}
    categories: dict[str, Any] = {}
    for category, cat in tc.categories.items():
        entry: dict[str, Any] = {
            "consistent_from": iso(result, cat.consistent_from),
            "consistent_except_departed_from": iso(result, cat.consistent_except_departed_from),
            "first_consistent": iso(result, cat.first_consistent),
            "never_consistent": cat.consistent_from is None,
            "at_end": {
                "missing": int(cat.missing[-1]),
                "stale": int(cat.stale[-1]),
                "departed": int(cat.departed[-1]),
            },
            "chain": chain_json(result, cat.chain),
            "blocking": blocking_json(result, cat.blocking),
        }
        for name, snap in snapshots.items():
            entry[f"at_{name}" if name == "rentree" else name] = {
                "missing": snap.missing[category.value],
                "stale": snap.stale[category.value],
                "departed": snap.departed[category.value],
            }
        if category in wrong:
            entry["causes_at_end"] = [_cause_json(group) for group in wrong[category]]
        categories[category.value] = entry
    return {
        "system": TARGET_STORE[target].value,
        "consistent_from": iso(result, tc.consistent_from),
        "first_consistent": iso(result, tc.first_consistent),
        "critical_category": tc.critical_category.value if tc.critical_category else None,
        "chain": chain_json(result, tc.chain),
        "consistent_except_departed_from": iso(result, tc.consistent_except_departed_from),
        "critical_category_except_departed": tc.critical_category_except_departed.value
        if tc.critical_category_except_departed
        else None,
        "chain_except_departed": chain_json(result, tc.chain_except_departed),
        "departed_accounts": _departed_json(analysis, tc),
        "categories": categories,
    }


def _departed_json(analysis: Analysis, tc: TargetConsistency) -> dict[str, Any]:
    """Accounts of departed users the target still holds (ENT: every user; GAR: students,
    each taking a licence), at the rentrée and a week later, and when they are gone."""
    result = analysis.result
    moments = {"at_rentree": result.rentree, "week_after": result.rentree + dt.timedelta(days=7)}
    entry: dict[str, Any] = {
        "max": int(tc.departed_accounts.max(initial=0)),
        "gone_from": iso(result, tc.departed_gone_from),
        "at_end": int(tc.departed_accounts[-1]) if len(tc.departed_accounts) else 0,
    }
    for name, day in moments.items():
        k = observation_index(result, day)
        if k is not None:
            entry[name] = int(tc.departed_accounts[k])
    if tc.target is Target.ENT:
        entry["awaiting_deletion_at_end"] = int(tc.accounts_pending_deletion[-1])
    return entry


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


def _detail(csv_form: Csv, code: str, detail: str) -> str:
    """An event's detail: a date, or a list of operations, named for a person when local."""
    if not csv_form.local or not detail:
        return detail
    if code == "non_working_day":
        return csv_form.day(dt.date.fromisoformat(detail))
    return actors_label(detail)


def events_csv(result: SimulationResult, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    columns = ["id", "time", "actor", "actor_label", "kind", "code", "system", "category"]
    columns += ["count", "detail", "cause"]
    rows: list[list[Any]] = [[form.header(c) for c in columns]]
    for e in result.events:
        rows.append(
            [
                e.id,
                form.instant(result.instant(e.minute)),
                e.actor,
                actor_label(e.actor),
                form.name("event_kind", e.kind),
                form.name("event_code", e.code),
                form.name("system", e.store),
                form.name("category", e.category),
                e.count,
                _detail(form, e.code, e.detail),
                "" if e.cause is None else e.cause,
            ]
        )
    return form.dumps(rows)


def daily_state_csv(result: SimulationResult, csv_form: Csv | None = None) -> str:
    form = csv_form or Csv()
    columns = ["observation", "system", "category", "correct", "missing", "stale", "departed"]
    columns += ["consistent", "consistent_except_departed"]
    rows: list[list[Any]] = [[form.header(c) for c in columns]]
    states = store_states(result)
    for k, minute in enumerate(result.observations):
        for s in states:
            rows.append(
                [
                    form.instant(result.instant(minute)),
                    form.name("system", s.store.value),
                    form.name("category", s.category.value),
                    int(s.correct[k]),
                    int(s.missing[k]),
                    int(s.stale[k]),
                    int(s.departed[k]),
                    form.flag(bool(s.missing[k] == 0 and s.stale[k] == 0)),
                    form.flag(bool(s.missing[k] == 0 and s.stale[k] == s.departed[k])),
                ]
            )
    return form.dumps(rows)


def facts_csv(analysis: Analysis, csv_form: Csv | None = None) -> str:
    """For each true fact and target, the first time it was correct there (never: empty in
    the international form, « jamais » in the local one)."""
    form = csv_form or Csv()
    result = analysis.result
    columns = ["target", "category", "fact", "first_correct"]
    rows: list[list[Any]] = [[form.header(c) for c in columns]]
    never = t("summary.never") if form.local else ""
    for target, tc in analysis.targets.items():
        for category, cat in tc.categories.items():
            labels = result.truth.table(category).labels
            for i, minute in enumerate(cat.fact_first_correct):
                if np.isnan(minute):
                    continue
                rows.append(
                    [
                        form.name("system", target.value),
                        form.name("category", category.value),
                        labels[i],
                        never if np.isinf(minute) else form.instant(result.instant(float(minute))),
                    ]
                )
    return form.dumps(rows)


def output_files(
    analysis: Analysis, source: str | None = None, csv_form: Csv | None = None
) -> dict[str, str | bytes]:
    """The set ``run --out`` writes, by file name (see :meth:`Csv.file_name`)."""
    form = csv_form or Csv()
    return {
        form.file_name("events"): events_csv(analysis.result, form),
        form.file_name("daily_state"): daily_state_csv(analysis.result, form),
        form.file_name("facts"): facts_csv(analysis, form),
        form.file_name("result"): dumps(result_json(analysis, source)) + "\n",
    }


def write_outputs(
    analysis: Analysis,
    directory: Path,
    source: str | None = None,
    csv_form: Csv | None = None,
) -> list[Path]:
    """Write the events, the daily state, the facts (CSV) and the result (JSON) into
    ``directory``, as one set."""
    return write_file_set(directory, output_files(analysis, source, csv_form), "run")
