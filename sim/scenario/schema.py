"""The JSON Schema of the scenario format, for editors (yaml-language-server) and checks.

Built from the pydantic models, then: defaults written as a user writes them, French (or
English) titles and descriptions from the catalogue, and a lenient twin of every object for
files that ``extends`` another (where nothing is required).
"""

from __future__ import annotations

import copy
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter

from sim.catalogue import MESSAGES
from sim.i18n import label, t
from sim.scenario import model
from sim.scenario.model import Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_PARTIAL = "Partiel"


def scenario_schema() -> dict[str, Any]:
    """The schema in the catalogue's language."""
    generated = Scenario.model_json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = generated.pop("$defs")
    defs["Scenario"] = generated
    for cls in _models():
        if cls.__name__ in defs:
            _describe(cls, defs[cls.__name__])
    partial = {
        name + _PARTIAL: _lenient(copy.deepcopy(schema), set(defs)) for name, schema in defs.items()
    }
    title, description = _split(t("schema.model.Scenario"))
    return {
        "$schema": SCHEMA_DIALECT,
        "title": t("schema.title"),
        "description": description or title,
        "type": "object",
        "if": {"required": ["extends"]},
        "then": {"$ref": f"#/$defs/Scenario{_PARTIAL}"},
        "else": {"$ref": "#/$defs/Scenario"},
        "$defs": {**defs, **partial},
    }


def academie_schema() -> dict[str, Any]:
    """The schema of académie files, in the catalogue's language: an entry's overrides
    are the scenario format's sections, nothing required."""
    from sim.scenario.academie import AcademieFile, LyceeEntry

    scenario = scenario_schema()
    generated = AcademieFile.model_json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = generated.pop("$defs")
    defs["AcademieFile"] = generated
    for cls in (AcademieFile, LyceeEntry, model.Divisions):
        _describe(cls, defs[cls.__name__])
    sections = {
        "etablissement": "Etablissement",
        "calendar": "Calendar",
        "operations": "Operations",
        "channels": "Channels",
    }
    entry = defs["LyceeEntry"]["properties"]
    for key, name in sections.items():
        entry[key] = {**_described(entry[key]), "$ref": f"#/$defs/{name}{_PARTIAL}"}
    reality = copy.deepcopy(scenario["$defs"]["Scenario"]["properties"]["reality"])
    reality.pop("default", None)
    entry["reality"] = {**reality, **_described(entry["reality"])}
    scenario_defs = {k: v for k, v in scenario["$defs"].items() if k not in defs}
    title, description = _split(t("schema.model.AcademieFile"))
    return {
        "$schema": SCHEMA_DIALECT,
        "title": t("schema.academie_title"),
        "description": description or title,
        "$ref": "#/$defs/AcademieFile",
        "$defs": {**defs, **scenario_defs},
    }


def _described(prop: dict[str, Any]) -> dict[str, Any]:
    return {k: prop[k] for k in ("title", "description") if k in prop}


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [model.Strict]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def _split(entry: str) -> tuple[str, str]:
    title, _, description = entry.partition("|")
    return title, description


def _describe(cls: type[BaseModel], schema: dict[str, Any]) -> None:
    title, description = _split(t(f"schema.model.{cls.__name__}"))
    schema["title"], schema["description"] = title, description
    properties: dict[str, Any] = schema.get("properties", {})
    for name, info in cls.model_fields.items():
        key = info.alias or name
        prop = properties.get(key)
        if prop is None:
            continue
        if cls is model.Operations:
            title = description = label("operation", key)
        elif cls is model.Channels:
            title = description = label("channel", key)
        else:
            own = f"schema.field.{cls.__name__}.{key}"  # a key another model uses otherwise
            title, description = _split(t(own if own in MESSAGES else f"schema.field.{key}"))
        prop["title"], prop["description"] = title, description
        if not info.is_required():
            prop["default"] = _written(info)


def _written(info: Any) -> Any:
    """A default as a user writes it in YAML (``08:00``, ``1j``), not as Python holds it."""
    value = info.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation).dump_python(value, mode="json")


def _lenient(node: Any, names: set[str]) -> Any:
    """``node`` with nothing required and every reference to its lenient twin."""
    if isinstance(node, dict):
        node.pop("required", None)
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.removeprefix("#/$defs/") in names:
            node["$ref"] = ref + _PARTIAL
        for value in node.values():
            _lenient(value, names)
    elif isinstance(node, list):
        for value in node:
            _lenient(value, names)
    return node
