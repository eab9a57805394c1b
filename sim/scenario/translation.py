"""Pydantic's validation errors told as the format's rules, in the catalogue's language.

Each error names the field path as the user wrote it (union branches left out), quotes the
value shortly, and suggests the nearest known name for a typo.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sim.catalogue.names import KEY_WORDS, fold
from sim.domain import Channel, Operation
from sim.errors import ScenarioError
from sim.i18n import language, t
from sim.scenario.model import Scenario

FieldPath = tuple[str | int, ...]

_RULES = {
    "missing": "rule.required",
    "int_parsing": "rule.integer",
    "int_type": "rule.integer",
    "int_from_float": "rule.integer",
    "float_parsing": "rule.number",
    "float_type": "rule.number",
    "bool_parsing": "rule.boolean",
    "bool_type": "rule.boolean",
    "string_type": "rule.text",
    "string_too_short": "rule.text_empty",
    "string_too_long": "rule.too_long_text",
    "literal_error": "rule.choice",
    "enum": "rule.choice",
    "greater_than_equal": "rule.at_least",
    "greater_than": "rule.more_than",
    "less_than_equal": "rule.at_most",
    "less_than": "rule.at_most",
    "finite_number": "rule.not_finite",
    "too_long": "rule.too_many",
    "too_short": "rule.too_few",
    "list_type": "rule.list",
    "dict_type": "rule.mapping",
    "model_type": "rule.mapping",
    "model_attributes_type": "rule.mapping",
}


def translate(
    errors: list[Any],
    data: Any,
    origin_of: typing.Callable[[FieldPath], tuple[Path, int | None]],
    name_of: typing.Callable[[FieldPath], str] | None = None,
    root: type[BaseModel] = Scenario,
) -> list[ScenarioError]:
    """One :class:`ScenarioError` per faulty field (the first rule when union branches
    disagree), in the order pydantic found them. ``root`` is the model validated (its
    fields give the suggestions), ``name_of`` how a field is written (dotted by default)."""
    found: dict[FieldPath, ScenarioError] = {}
    fields = [_field_path(error["loc"], data) for error in errors]
    for error, field in zip(errors, fields, strict=True):
        if _other_branch(error, field, fields):
            continue
        if field not in found:
            file, line = origin_of(field)
            name = (name_of or dotted)(field)
            found[field] = ScenarioError(file, name, _rule(error, field, root), line)
    return list(found.values())


def _other_branch(error: Any, field: FieldPath, fields: list[FieldPath]) -> bool:
    """A type mismatch of one branch of a union (``share``: a number, or a list) when the
    value took the other one, whose own errors lie deeper (``share[1]``): only those say
    what is wrong."""
    kind = str(error["type"])
    if not kind.endswith(("_type", "_parsing")):
        return False
    depth = len(field)
    return any(len(other) > depth and other[:depth] == field for other in fields)


def dotted(field: FieldPath) -> str:
    text = ""
    for part in field:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _field_path(loc: tuple[Any, ...], data: Any) -> FieldPath:
    """``loc`` less the union branch tags: only the keys and indexes found in ``data``."""
    field: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, str) and part.startswith("["):
            continue  # pydantic's own markers, such as "[key]"
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_list or (isinstance(node, dict) and part in node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part == loc[-1]:
            node = None  # a missing or unknown key: named, it has no value
        else:
            continue
        field.append(part)
    return tuple(field)


def _rule(error: Any, field: FieldPath, root: type[BaseModel] = Scenario) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(field, root)
    if kind == "value_error":
        return str(ctx.get("error", "")) or t("rule.invalid_value", value=shown(value))
    if kind == "string_pattern_mismatch" and field[-1:] == ("uai",):
        return t("rule.uai_pattern", value=shown(value))
    if kind in ("literal_error", "enum"):
        choices = (
            _choices(field[:-1], root, key=True)
            if "[key]" in error["loc"]
            else _choices(field, root)
        )
        return t("rule.choice", value=shown(value), expected=", ".join(choices))
    if kind in _RULES:
        limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ctx.get("max_length")))))
        limit = ctx.get("min_length", limit) if kind == "too_short" else limit
        count = len(value) if isinstance(value, list | str) else ""
        rule = t(_RULES[kind], value=shown(value), limit=shown(limit), expected="", count=count)
        if _decimal_comma(field, value):
            rule += t("rule.decimal_comma_in_list")
        return rule
    return t("rule.invalid_value", value=shown(value))


def _decimal_comma(field: FieldPath, value: Any) -> bool:
    """A whole number where a list holds shares: « [0,5, 1.0] » reads as 0, 5 and 1.0."""
    in_list = len(field) >= 2 and isinstance(field[-1], int)
    whole = isinstance(value, int) and not isinstance(value, bool)
    return in_list and field[-2] == "share" and whole and value != 1


def shown(value: Any) -> str:
    """A short, printable rendering of a user's value (never a Python type name)."""
    if value is None:
        return "∅"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[…]" if value else "[]"
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if language() == "fr" else text
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _unknown_key(field: FieldPath, root: type[BaseModel] = Scenario) -> str:
    name = str(field[-1])
    known = _known_keys(field[:-1], root)
    if field[:1] == ("operations",) and len(field) == 2:
        rule = t("rule.unknown_operation", name=name, allowed=", ".join(o.value for o in Operation))
    elif field[:1] == ("channels",) and len(field) == 2:
        rule = t("rule.unknown_channel", name=name, allowed=", ".join(c.value for c in Channel))
    else:
        rule = t("rule.unknown_key", name=name)
    if _DURATION_TAIL.match(name):  # « {delay: 1,5h} »: the comma ends a value, « 5h » a key
        return rule + t("rule.decimal_comma_in_mapping")
    if name.isdigit():  # « {share: 0,08} »: YAML reads 0, then a key « 08 »
        return rule + t("rule.digits_key", part=name)
    before, brace, _ = name.partition("{")
    if brace and before.strip() in known:  # « export_liens_siecle {date: … } », no colon
        return rule + t("rule.missing_colon", name=before.strip())
    french = KEY_WORDS.get(fold(name))
    if french in known:  # « nom: » for « name: », as a French office would write it
        return rule + t("rule.did_you_mean", name=french)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return rule + (t("rule.did_you_mean", name=close[0]) if close else "")


_DURATION_TAIL = re.compile(r"^\d+\s*(min|h|j|d)$", re.IGNORECASE)


def _annotation_at(field: FieldPath, root: type[BaseModel] = Scenario) -> Any:
    """The type that the format expects at ``field`` (None when not a model's field)."""
    current: Any = root
    for part in field:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = next((i for n, i in current.model_fields.items() if part in (n, i.alias)), None)
            if info is None:
                return None
            current = info.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    return current


def _unwrap(annotation: Any) -> Any:
    """``X`` of ``Annotated[X, …]``, ``X | None`` (the first model or container of a union)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            containers = [
                a
                for a in options
                if typing.get_origin(_strip(a)) in (list, dict)
                or (isinstance(_strip(a), type) and issubclass(_strip(a), BaseModel))
            ]
            annotation = (containers or options)[0]
        else:
            return annotation


def _strip(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _known_keys(parent: FieldPath, root: type[BaseModel] = Scenario) -> list[str]:
    model = _unwrap(_annotation_at(parent, root))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [info.alias or name for name, info in model.model_fields.items()]
    if typing.get_origin(model) is dict:
        return [str(a) for a in typing.get_args(_strip(typing.get_args(model)[0]))]
    return []


def _choices(field: FieldPath, root: type[BaseModel] = Scenario, key: bool = False) -> list[str]:
    annotation = _unwrap(_annotation_at(field, root))
    if key and typing.get_origin(annotation) is dict:  # a mapping keyed by a Literal
        annotation = _strip(typing.get_args(annotation)[0])
    elif typing.get_origin(annotation) is list:
        annotation = _unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(m.value) for m in annotation]
    return []
