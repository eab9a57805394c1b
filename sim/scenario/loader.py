"""Read a scenario file: YAML, ``extends`` chains, validation, and the window check.

Every problem becomes a :class:`~sim.errors.ScenarioError` naming the file (the one of the
``extends`` chain that set the faulty value), the field path and the rule.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from sim.errors import ScenarioError, ScenarioErrors, ScenarioWarning
from sim.i18n import t
from sim.scenario.checks import check_runnable, check_window, office_habits
from sim.scenario.donnees import read_data
from sim.scenario.model import Divisions, Scenario, resolve_rentree
from sim.scenario.reading import (
    ReadingError,
    is_scenario_path,
    parse_yaml_with_lines,
    read_text,
)
from sim.scenario.translation import dotted, translate

FieldPath = tuple[str | int, ...]


class Origin(NamedTuple):
    """Where a field was set: the file of the ``extends`` chain and the line in it."""

    file: Path
    line: int | None = None


_SCENARIO_KEYS = {info.alias or name for name, info in Scenario.model_fields.items()}


def load_scenario(path: str | Path) -> Scenario:
    """The validated scenario of ``path`` (with its ``extends`` chain merged)."""
    return load_scenario_with_warnings(path)[0]


def load_scenario_with_warnings(path: str | Path) -> tuple[Scenario, list[ScenarioWarning]]:
    """The validated scenario of ``path`` and what it does against a lycée's habits."""
    source = Path(path)
    if source.suffix.lower() == ".csv":
        raise ScenarioError(source, "", t("rule.scenario_is_table"))
    if source.suffix.lower() in (".xml", ".zip"):
        raise ScenarioError(source, "", t("rule.scenario_is_export"))
    data, origins, _ = load_chain(source, ())

    def origin_of(field: FieldPath) -> Origin:
        return origin_in(origins, field, Origin(source))

    return validate_scenario(data, origin_of)


def validate_scenario(
    data: dict[str, Any],
    origin_of: Callable[[FieldPath], Origin],
    name_of: Callable[[FieldPath], str] = dotted,
) -> tuple[Scenario, list[ScenarioWarning]]:
    """The scenario of merged ``data``, with its warnings; errors and warnings name the file
    and line ``origin_of`` gives for a field, and the field as ``name_of`` writes it."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioErrors(translate(exc.errors(), data, origin_of, name_of)) from None
    imported: list[ScenarioWarning] = []
    if scenario.etablissement.donnees is not None:
        scenario, imported = with_imported_sizes(scenario, origin_of, name_of)
    problems = check_window(scenario) + check_runnable(scenario)
    if problems:
        raise ScenarioErrors(
            [
                ScenarioError(origin_of(field).file, name_of(field), rule, origin_of(field).line)
                for field, rule in problems
            ]
        )
    warnings = [
        ScenarioWarning(origin_of(field).file, name_of(field), rule, origin_of(field).line)
        for field, rule in office_habits(scenario)
    ]
    return scenario, imported + warnings


def with_imported_sizes(
    scenario: Scenario,
    origin_of: Callable[[FieldPath], Origin],
    name_of: Callable[[FieldPath], str] = dotted,
) -> tuple[Scenario, list[ScenarioWarning]]:
    """``scenario`` with the sizes of its data file, which is read and checked here (a
    scenario that loads runs): the same lycée, the same school year, and the rules on sizes
    checked again with the real ones; reality changes of a level the lycée lacks are told."""

    def error(field: FieldPath, rule: str) -> ScenarioErrors:
        where = origin_of(field)
        return ScenarioErrors([ScenarioError(where.file, name_of(field), rule, where.line)])

    etab = scenario.etablissement
    assert etab.donnees is not None
    here: FieldPath = ("etablissement", "donnees")
    try:
        data = read_data(Path(etab.donnees))
    except ScenarioError as problem:  # named with the field that points at the file
        told = (
            problem.rule
            if str(problem.file) in problem.rule
            else f"{problem.file} : {problem.rule}"
        )
        raise error(here, told) from None
    if data.uai != etab.uai:
        raise error(here, t("rule.data_uai", file=etab.donnees, uai=data.uai, expected=etab.uai))
    rentree = resolve_rentree(scenario)
    if data.annee != rentree.year:
        rule = t(
            "rule.data_year",
            file=etab.donnees,
            year=data.annee,
            rentree=rentree.strftime("%d/%m/%Y"),
        )
        raise error(here, rule)
    counts = {level: 0 for level in ("2nde", "1re", "Tle")}
    for division in data.divisions:
        counts[data.level_of(division)] += 1
    students, total = len(data.eleves), len(data.divisions)
    if etab.new_divisions > total:
        raise error(
            ("etablissement", "new_divisions"), t("rule.new_divisions", value=etab.new_divisions)
        )
    if etab.leavers is not None and etab.leavers > students:
        rule = t("rule.leavers_students", value=etab.leavers, students=students)
        raise error(("etablissement", "leavers"), rule)
    arrivals = sum(c.count for c in scenario.reality if c.kind == "arrival")
    if arrivals > students:
        raise error(("reality",), t("rule.arrivals_students", value=arrivals, students=students))
    warnings = [
        ScenarioWarning(
            origin_of(("reality", index)).file,
            name_of(("reality", index, "level")),
            t("rule.data_level_absent", level=change.level),
            origin_of(("reality", index)).line,
        )
        for index, change in enumerate(scenario.reality)
        if change.level is not None and counts[change.level] == 0
    ]
    divisions = Divisions.model_construct(
        seconde=counts["2nde"], premiere=counts["1re"], terminale=counts["Tle"]
    )
    sizes = {"students": students, "divisions": divisions, "teachers": len(data.enseignants)}
    resized = scenario.model_copy(update={"etablissement": etab.model_copy(update=sizes)})
    return resized, warnings


def extends_reference(model: str | Path, folder: str | Path) -> str:
    """How a file written in ``folder`` names ``model`` in its ``extends``: relative when
    the model is in that folder or below it (the two move together), absolute otherwise (a
    path that climbs out of the folder breaks as soon as the written file moves)."""
    model, folder = os.path.abspath(model), os.path.abspath(folder)
    relative = os.path.relpath(model, folder)
    return model if relative.split(os.sep, 1)[0] == os.pardir else relative


def extends_chain(path: str | Path) -> list[Path]:
    """The files a scenario extends, the farthest ancestor first (not the file itself)."""
    return load_chain(Path(path), ())[2][1:][::-1]


MAX_EXTENDS_DEPTH = 8


def sets_itself(path: str | Path, key: str) -> bool:
    """Whether the file at ``path`` writes top-level ``key`` itself (not through ``extends``)."""
    _, origins, files = load_chain(Path(path), ())
    origin = origins.get((key,))
    return origin is not None and origin.file == files[0]


def load_chain(
    path: Path, stack: tuple[Path, ...]
) -> tuple[dict[str, Any], dict[FieldPath, Origin], list[Path]]:
    """The merged data, the file that set each field, and the files read (this one first)."""
    resolved = Path(os.path.realpath(path))  # a symbolic-link loop is told when read
    if resolved in stack:
        cycle = " → ".join(str(p) for p in (*stack, resolved))
        raise ScenarioError(stack[-1], "extends", t("rule.extends_cycle", cycle=cycle))
    if len(stack) > MAX_EXTENDS_DEPTH:
        raise ScenarioError(
            stack[-1], "extends", t("rule.extends_too_deep", limit=MAX_EXTENDS_DEPTH)
        )
    try:
        text = read_text(path)
        data, lines = parse_yaml_with_lines(text)
    except ReadingError as error:
        if stack and error.line is None:  # the file itself is missing or unusable
            raise ScenarioError(stack[-1], "extends", f"{path} : {error.rule}") from None
        raise ScenarioError(path, "", error.rule, line=error.line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError(path, "", t("rule.not_a_mapping"))
    if "lycees" in data and "etablissement" not in data:
        raise ScenarioError(path, "", t("rule.scenario_is_academie"))
    if data and not data.keys() & _SCENARIO_KEYS:
        raise ScenarioError(path, "", t("rule.not_a_scenario"))
    origins = {key: Origin(resolved, lines.get(key)) for key in field_paths(data)}
    anchor_data_file(data, path)
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return data, origins, [resolved]
    if not isinstance(parent_name, str) or not parent_name.strip():
        raise ScenarioError(path, "extends", t("rule.extends_type"))
    parent = path.parent / parent_name
    if "\x00" in parent_name or not is_scenario_path(parent):
        raise ScenarioError(path, "extends", t("rule.extends_not_yaml"))
    parent_data, parent_origins, files = load_chain(parent, (*stack, resolved))
    parent_origins.update(origins)
    done_or_not(parent_data, data)
    return merge_data(parent_data, data), parent_origins, [resolved, *files]


def anchor_data_file(data: dict[str, Any], path: Path) -> None:
    """``etablissement.donnees`` made absolute from the folder of the file that writes it
    (a scenario that extends another one keeps pointing at the right file)."""
    etab = data.get("etablissement")
    if isinstance(etab, dict) and isinstance(etab.get("donnees"), str):
        name = etab["donnees"]
        if name.strip() and "\x00" not in name:
            etab["donnees"] = os.path.abspath(path.parent / name)


def done_or_not(base: dict[str, Any], override: dict[str, Any]) -> None:
    """An operation that a file marks ``missing`` loses its inherited dates, and one that a
    file dates is no longer missing: whether it is done is decided by one file."""
    base_ops, new_ops = base.get("operations"), override.get("operations")
    if not isinstance(base_ops, dict) or not isinstance(new_ops, dict):
        return
    for name, spec in new_ops.items():
        inherited = base_ops.get(name)
        if not isinstance(spec, dict) or not isinstance(inherited, dict):
            continue
        if spec.get("missing") is True and "date" not in spec:
            base_ops[name] = {k: v for k, v in inherited.items() if k not in ("date", "share")}
        elif "date" in spec and "missing" not in spec:
            base_ops[name] = {k: v for k, v in inherited.items() if k != "missing"}


def merge_data(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; any other value (lists included) replaces the base's."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_data(merged[key], value)
        else:
            merged[key] = value
    return merged


def field_paths(data: Any, prefix: FieldPath = ()) -> list[FieldPath]:
    found: list[FieldPath] = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(field_paths(value, (*prefix, str(key))))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(field_paths(value, (*prefix, i)))
    return found


def origin_in(origins: dict[FieldPath, Origin], field: FieldPath, default: Origin) -> Origin:
    for end in range(len(field), 0, -1):
        if field[:end] in origins:
            return origins[field[:end]]
    return default
