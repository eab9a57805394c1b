"""Read a scenario file: YAML, ``extends`` chains, validation, and the window check.

Every problem becomes a :class:`~sim.errors.ScenarioError` naming the file (the one of the
``extends`` chain that set the faulty value), the field path and the rule.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sim.calendar import day_of
from sim.domain import Channel, Operation
from sim.errors import ScenarioError, ScenarioErrors
from sim.i18n import t
from sim.scenario.model import Scenario

FieldPath = tuple[str | int, ...]


def load_scenario(path: str | Path) -> Scenario:
    """The validated scenario of ``path`` (with its ``extends`` chain merged)."""
    source = Path(path)
    data, origins = _load_chain(source, ())
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioErrors(
            [_translate(error, origins, source) for error in exc.errors()]
        ) from None
    problems = check_window(scenario)
    if problems:
        raise ScenarioErrors(
            [
                ScenarioError(_origin_of(origins, field, source), _dotted(field), rule)
                for field, rule in problems
            ]
        )
    return scenario


def extends_chain(path: str | Path) -> list[Path]:
    """The files a scenario extends, the farthest ancestor first (not the file itself)."""
    _, origins = _load_chain(Path(path), ())
    files = list(dict.fromkeys(origins.values()))
    return [f for f in files if f != Path(path).resolve()]


def _load_chain(
    path: Path, stack: tuple[Path, ...]
) -> tuple[dict[str, Any], dict[FieldPath, Path]]:
    resolved = path.resolve()
    if resolved in stack:
        cycle = " → ".join(str(p) for p in (*stack, resolved))
        raise ScenarioError(stack[-1], "extends", t("rule.extends_cycle", cycle=cycle))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        where = stack[-1] if stack else None
        raise ScenarioError(
            where if where else path, "extends" if where else "", t("rule.file_missing", path=path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(path, "", t("rule.file_unreadable", reason=exc)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "?"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(path, "", t("rule.yaml", line=line, problem=problem)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError(path, "", t("rule.not_a_mapping"))
    origins = {key: resolved for key in _paths(data)}
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return data, origins
    if not isinstance(parent_name, str):
        raise ScenarioError(path, "extends", t("rule.extends_type"))
    parent, parent_origins = _load_chain(path.parent / parent_name, (*stack, resolved))
    parent_origins.update(origins)
    return _merge(parent, data), parent_origins


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; any other value (lists included) replaces the base's."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _paths(data: Any, prefix: FieldPath = ()) -> list[FieldPath]:
    found: list[FieldPath] = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, str(key))))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(_paths(value, (*prefix, i)))
    return found


def _origin_of(origins: dict[FieldPath, Path], field: FieldPath, default: Path) -> Path:
    for end in range(len(field), 0, -1):
        if field[:end] in origins:
            return origins[field[:end]]
    return default


def _dotted(field: FieldPath) -> str:
    text = ""
    for part in field:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_RULES = {
    "missing": "rule.required",
    "int_parsing": "rule.integer",
    "int_from_float": "rule.integer",
    "float_parsing": "rule.number",
    "bool_parsing": "rule.boolean",
    "string_type": "rule.text",
    "string_too_short": "rule.text_empty",
    "string_pattern_mismatch": "rule.pattern",
    "literal_error": "rule.choice",
    "greater_than_equal": "rule.at_least",
    "greater_than": "rule.more_than",
    "less_than_equal": "rule.at_most",
    "list_type": "rule.list",
    "dict_type": "rule.mapping",
    "model_type": "rule.mapping",
    "model_attributes_type": "rule.mapping",
}


def _translate(error: Any, origins: dict[FieldPath, Path], source: Path) -> ScenarioError:
    field: FieldPath = tuple(
        part for part in error["loc"] if not (isinstance(part, str) and "[" in part)
    )
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(field[-1])
        if field[:1] == ("operations",) and len(field) == 2:
            rule = t(
                "rule.unknown_operation", name=name, allowed=", ".join(o.value for o in Operation)
            )
        elif field[:1] == ("channels",) and len(field) == 2:
            rule = t("rule.unknown_channel", name=name, allowed=", ".join(c.value for c in Channel))
        else:
            rule = t("rule.unknown_key", name=name)
    elif kind == "value_error":
        rule = str(ctx.get("error", error["msg"]))
    elif kind in _RULES:
        expected = ctx.get("expected", ctx.get("pattern", ""))
        limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ""))))
        rule = t(_RULES[kind], expected=expected, limit=limit, value=error.get("input"))
    else:
        rule = t("rule.invalid", detail=error["msg"])
    return ScenarioError(_origin_of(origins, field, source), _dotted(field), rule)


def check_window(scenario: Scenario) -> list[tuple[FieldPath, str]]:
    """Every dated thing must fall inside the simulation window."""
    cal = scenario.calendar
    problems: list[tuple[FieldPath, str]] = []

    def check(field: FieldPath, value: dt.date | dt.datetime) -> None:
        if not cal.start <= day_of(value) <= cal.end:
            problems.append(
                (field, t("rule.outside_window", value=value, start=cal.start, end=cal.end))
            )

    if cal.rentree is not None:
        check(("calendar", "rentree"), cal.rentree)
    for op in Operation:
        operation = scenario.operations.get(op)
        for key, values in (("date", operation.date), ("planned", operation.planned)):
            for i, when in enumerate(values):
                check(("operations", op.value, key, i), when)
    for channel in Channel:
        spec = scenario.channels.get(channel)
        for i, outage in enumerate(spec.outages):
            check(("channels", channel.value, "outages", i, "start"), outage.start)
            check(("channels", channel.value, "outages", i, "end"), outage.end)
    for i, change in enumerate(scenario.reality):
        check(("reality", i, "date"), change.date)
    return problems
