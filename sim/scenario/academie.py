"""An académie file: every lycée of an académie, each one an ordinary scenario.

Each entry extends a common scenario (or its own) with the lycée's identity, sizes and
overrides, the way a file that ``extends`` another does. Every composed lycée is validated
like a scenario file; its errors name the académie file, the entry's line and the field as
written there (``lycees[12].operations.export_liens_siecle.date[0]``), or the base file
when the faulty value is inherited.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import numpy as np
from pydantic import BeforeValidator, Field, ValidationError, WithJsonSchema, field_validator

from sim.errors import ScenarioError, ScenarioErrors, ScenarioWarning
from sim.i18n import t
from sim.scenario.fields import Day
from sim.scenario.loader import (
    FieldPath,
    Origin,
    anchor_data_file,
    done_or_not,
    load_chain,
    merge_data,
    origin_in,
    validate_scenario,
)
from sim.scenario.model import Divisions, OneLine, PlainText, Scenario, Strict, resolve_rentree
from sim.scenario.reading import ReadingError, is_scenario_path, parse_yaml_with_lines, read_text
from sim.scenario.translation import dotted, shown, translate
from sim.scenario.uai import UAI_PATTERN, parse_uai

Kind = Literal["LGT", "LP", "LPO"]
KINDS = ("LGT", "LPO", "LP")  # the order summaries list them in
# France has about 4,100 lycées: an académie file never lists more
MAX_LYCEES = 5_000
MAX_ACADEMIE_BYTES = 4 * 1024 * 1024
MAX_ACADEMIE_NODES = 400_000
MAX_ACADEMIE_EXPANDED = 500_000
MAX_REPORTED_ERRORS = 50
# Students per division (domain.md §5: about 30 in general lycées, 18 in vocational ones;
# the polyvalent lycée's mix is an assumption), and the split of divisions over the levels
STUDENTS_PER_DIVISION: dict[str, int] = {"LGT": 30, "LP": 18, "LPO": 24}
LEVEL_PERCENTS = (("2nde", 36), ("1re", 32), ("Tle", 32))
TEACHERS_PER_DIVISION = 2.6  # 27-50 divisions give §5's 70-130 teachers
DEFAULT_DEADLINE_DAYS = 7  # « cohérent au plus tard » : the rentrée + 7 days

Uai = Annotated[
    str,
    BeforeValidator(parse_uai),
    WithJsonSchema({"type": "string", "pattern": UAI_PATTERN}),
]
Told = TypeVar("Told", ScenarioError, ScenarioWarning)
# the overrides are validated on the composed scenario, where their errors are precise
Section = dict[str, Any]


# a spreadsheet saved as such: the table must be saved as CSV to be read
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


class LyceeEntry(Strict):
    uai: Uai
    name: OneLine = Field(min_length=1, max_length=200)
    kind: Annotated[Kind, BeforeValidator(_upper)]
    students: int = Field(ge=30, le=6000)
    divisions: Divisions | None = None
    teachers: int | None = Field(None, ge=5, le=400)
    scenario: str | None = Field(None, min_length=1, max_length=1000)
    seed: int | None = Field(None, ge=0, le=2**63 - 1)
    etablissement: Section = Field(default_factory=dict)
    calendar: Section = Field(default_factory=dict)
    operations: Section = Field(default_factory=dict)
    channels: Section = Field(default_factory=dict)
    reality: list[Any] | None = None


class AcademieFile(Strict):
    name: OneLine = Field(min_length=1, max_length=200)
    description: PlainText = Field("", max_length=4000)
    seed: int = Field(0, ge=0, le=2**63 - 1)
    scenario: str = Field(min_length=1, max_length=1000)
    by: Day | None = None
    # the batches are the académie's: their failed nights are common to its lycées
    risk_failures: Literal["common", "independent"] = "common"
    lycees: list[LyceeEntry] = Field(min_length=1, max_length=MAX_LYCEES)

    @field_validator("lycees", mode="before")
    @classmethod
    def _bounded(cls, value: Any) -> Any:
        # pydantic would validate every entry before refusing the count
        if isinstance(value, list) and len(value) > MAX_LYCEES:
            raise ValueError(t("rule.too_many", count=len(value), limit=MAX_LYCEES))
        return value


@dataclass(frozen=True)
class Lycee:
    """One établissement of the académie, its scenario composed and validated."""

    index: int
    uai: str
    name: str
    kind: str
    scenario: Scenario
    source: Origin  # the académie file and the entry's line


@dataclass
class Academie:
    name: str
    file: Path
    seed: int
    by: dt.date
    rentree: dt.date
    lycees: list[Lycee]
    warnings: list[ScenarioWarning] = field(default_factory=list)
    risk_failures: str = "common"


def derived_divisions(kind: str, students: int) -> Divisions:
    """Divisions of a lycée of ``kind`` and ``students``: its students per division, split
    over the levels by largest remainders, 1 to 40 each (the format's bounds)."""
    total = max(3, round(students / STUDENTS_PER_DIVISION[kind]))
    split = split_divisions(total)
    return Divisions.model_validate({k: min(40, max(1, v)) for k, v in split.items()})


def split_divisions(total: int) -> dict[str, int]:
    """``total`` divisions over 2nde, 1re and Tle (36/32/32 %) by largest remainders, at
    least one each; ties go to the lower level, so the split is reproducible."""
    counts = {level: max(1, total * percent // 100) for level, percent in LEVEL_PERCENTS}
    by_remainder = sorted(LEVEL_PERCENTS, key=lambda lp: -(total * lp[1] % 100))
    for level, _ in by_remainder[: max(0, total - sum(counts.values()))]:
        counts[level] += 1
    return counts


def derived_teachers(divisions: Divisions) -> int:
    return min(400, max(5, round(sum(divisions.by_level().values()) * TEACHERS_PER_DIVISION)))


def lycee_seed(academie_seed: int, uai: str) -> int:
    """A lycée's own seed: from the académie's and its UAI, whatever the file's order."""
    sequence = np.random.SeedSequence(entropy=academie_seed, spawn_key=(int(uai[:7]),))
    return int(sequence.generate_state(1, np.uint64)[0] >> np.uint64(1))


def load_academie(
    path: str | Path,
    common: str | None = None,
    seed: int = 0,
    changes: Mapping[str, Any] | None = None,
) -> Academie:
    """The académie of ``path`` (YAML, or a CSV of one row per lycée extending ``common``
    with académie seed ``seed``), every lycée composed and validated. All errors are
    gathered in one :class:`ScenarioErrors` (the first :data:`MAX_REPORTED_ERRORS` kept).

    ``changes`` (scenario sections, as a variant file writes them) change the common
    scenario: « et si l'académie fixait une autre date ? ». A lycée keeps what its entry
    says itself, and one that extends its own scenario is not changed."""
    source = Path(path)
    if source.suffix.lower() == ".csv":
        from sim.scenario.academie_csv import read_academie_csv

        try:
            table = read_academie_csv(source, common, seed)
        except ScenarioError as error:
            raise _alone(error) from None
        composer = _Composer(source, table.data, table.lines, table.field_name)
        composer.changes = dict(changes or {})
        composer.cell_errors = table.problems
        return composer.academie()
    if not is_scenario_path(source):
        spreadsheet = str(source).lower().endswith(SPREADSHEET_SUFFIXES)
        rule = t("rule.academie_spreadsheet") if spreadsheet else t("rule.academie_suffix")
        raise _alone(ScenarioError(source, "", rule))
    try:
        text = read_text(source, limit=MAX_ACADEMIE_BYTES)
        data, lines = parse_yaml_with_lines(
            text, max_nodes=MAX_ACADEMIE_NODES, max_expanded=MAX_ACADEMIE_EXPANDED
        )
    except ReadingError as error:
        raise _alone(ScenarioError(source, "", error.rule, line=error.line)) from None
    if not isinstance(data, dict):
        raise _alone(ScenarioError(source, "", t("rule.academie_not_a_mapping")))
    if "lycees" not in data and "etablissement" in data:
        raise _alone(ScenarioError(source, "", t("rule.academie_is_scenario")))
    composer = _Composer(source, data, lines)
    composer.changes = dict(changes or {})
    return composer.academie()


def _alone(error: ScenarioError) -> ScenarioErrors:
    return ScenarioErrors([error], subject="academie")


class _Composer:
    """Composes and checks the lycées of one académie file, gathering every error."""

    def __init__(
        self,
        source: Path,
        data: dict[str, Any],
        lines: dict[FieldPath, int],
        field_name: Callable[[FieldPath], str] = dotted,
    ) -> None:
        self.source = source
        self.data = data
        self.lines = lines
        self.field_name = field_name
        self.changes: dict[str, Any] = {}  # applied to the common scenario
        self.errors: list[ScenarioError] = []
        self.warnings: list[ScenarioWarning] = []
        self.cell_errors: list[ScenarioError] = []  # a table's cells refused while read
        self._chains: dict[Path, tuple[dict[str, Any], dict[FieldPath, Origin]] | None] = {}

    def line_of(self, field: FieldPath) -> int | None:
        for end in range(len(field), 0, -1):
            if field[:end] in self.lines:
                return self.lines[field[:end]]
        return None

    def academie(self) -> Academie:
        parsed: AcademieFile | None = None
        try:
            parsed = AcademieFile.model_validate(self.data)
        except ValidationError as exc:
            self.errors.extend(
                translate(
                    exc.errors(),
                    self.data,
                    lambda f: (self.source, self.line_of(f)),
                    self.field_name,
                    root=AcademieFile,
                )
            )
        self._check_duplicates()
        if self.errors or parsed is None:
            raise self._failed([*self.cell_errors, *self.errors])
        self.errors.extend(self.cell_errors)  # told with the lycées' own, all at once
        lycees = []
        for index, entry in enumerate(parsed.lycees):
            lycee = self._lycee(parsed, index, entry)
            if lycee is not None:
                lycees.append(lycee)
        rentree, by = self._check_common(parsed, lycees)
        if self.errors:
            raise self._failed(self.errors)
        return Academie(
            name=parsed.name,
            file=self.source,
            seed=parsed.seed,
            by=by,
            rentree=rentree,
            lycees=lycees,
            warnings=self.warnings,
            risk_failures=parsed.risk_failures,
        )

    def _failed(self, errors: list[ScenarioError]) -> ScenarioErrors:
        unique = list({(e.file, e.line, e.field, e.rule): e for e in errors}.values())
        # read as a list of lines: each file's errors by line, files in the order met
        files = list(dict.fromkeys(e.file for e in unique))
        unique.sort(key=lambda e: (files.index(e.file), e.line or 0))
        kept = unique[:MAX_REPORTED_ERRORS]
        return ScenarioErrors(kept, omitted=len(unique) - len(kept), subject="academie")

    def _check_duplicates(self) -> None:
        """The same UAI twice (compared as the format reads it), both lines named."""
        entries = self.data.get("lycees")
        if not isinstance(entries, list) or len(entries) > MAX_LYCEES:
            return
        first: dict[str, int] = {}
        for index, entry in enumerate(entries):
            uai = entry.get("uai") if isinstance(entry, dict) else None
            if not isinstance(uai, str):
                continue
            uai = uai.strip().upper()
            if uai in first:
                rule = t(
                    "rule.academie_duplicate_uai",
                    uai=uai,
                    line=shown(self.line_of(("lycees", first[uai], "uai"))),
                )
                self._error(("lycees", index, "uai"), rule)
            else:
                first[uai] = index

    def _error(self, field: FieldPath, rule: str) -> None:
        self.errors.append(
            ScenarioError(self.source, self.field_name(field), rule, self.line_of(field))
        )

    def _chain(
        self, base: str, field: FieldPath
    ) -> tuple[dict[str, Any], dict[FieldPath, Origin]] | None:
        path = self.source.parent / base
        if "\x00" in base or not is_scenario_path(path):
            self._error(field, t("rule.academie_base_not_yaml"))
            return None
        resolved = Path(os.path.realpath(path))
        if resolved not in self._chains:
            try:
                data, origins, _ = load_chain(path, ())
                self._chains[resolved] = (data, origins)
            except ScenarioError as error:
                if error.file == str(path) and error.line is None:
                    # the base file itself is missing or not a scenario: the entry's fault
                    self._error(field, error.rule)
                else:
                    self.errors.append(error)
                self._chains[resolved] = None
        return self._chains[resolved]

    def _lycee(self, parsed: AcademieFile, index: int, entry: LyceeEntry) -> Lycee | None:
        here: FieldPath = ("lycees", index)
        base_field = (*here, "scenario") if entry.scenario else ("scenario",)
        chain = self._chain(entry.scenario or parsed.scenario, base_field)
        if chain is None:
            return None
        base, base_origins = chain
        if self.changes and not entry.scenario:
            base = _copied(base)
            done_or_not(base, self.changes)
            base = merge_data(base, _copied(self.changes))
        override, shortcuts = self._override(parsed, index, entry)
        if override is None:
            return None
        data = _copied(base)
        done_or_not(data, override)
        data = merge_data(data, override)
        written = set(_leaves(override)) - set(shortcuts)
        academie_file = Path(os.path.realpath(self.source))
        label = f"{entry.uai}, {entry.name}"

        def where(field: FieldPath) -> FieldPath | None:
            """The field's path in the académie file, when the entry set it."""
            for end in range(len(field), 0, -1):
                if field[:end] in shortcuts:
                    return shortcuts[field[:end]]
                if field[:end] in written:
                    return (*here, *field)
            if any(leaf[: len(field)] == field for leaf in written):
                return (*here, *field)  # a mapping the entry writes into
            return None

        def origin_of(field: FieldPath) -> Origin:
            mine = where(field)
            if mine is not None:
                return Origin(academie_file, self.line_of(mine))
            return origin_in(base_origins, field, Origin(academie_file, self.line_of(here)))

        def name_of(field: FieldPath) -> str:
            mine = where(field)
            return self.field_name(mine) if mine is not None else dotted(field)

        def of_lycee(error: Told) -> Told:
            rule = t("rule.academie_lycee", lycee=label, rule=error.rule)
            return type(error)(error.file, error.field, rule, error.line)

        try:
            scenario, warnings = validate_scenario(data, origin_of, name_of)
        except ScenarioErrors as errors:
            self.errors.extend(of_lycee(e) for e in errors.errors)
            return None
        self.warnings.extend(of_lycee(w) for w in warnings)
        return Lycee(
            index=index,
            uai=entry.uai,
            name=entry.name,
            kind=entry.kind,
            scenario=scenario,
            source=Origin(academie_file, self.line_of(here)),
        )

    def _override(
        self, parsed: AcademieFile, index: int, entry: LyceeEntry
    ) -> tuple[dict[str, Any] | None, dict[FieldPath, FieldPath]]:
        """The entry as a scenario layer, and where each value it derives was written."""
        here: FieldPath = ("lycees", index)
        etablissement = dict(entry.etablissement)
        anchor_data_file({"etablissement": etablissement}, self.source)
        divisions = derived_divisions(entry.kind, entry.students)
        if entry.divisions is not None:  # the levels given, the others derived
            given_levels = entry.divisions.model_dump(by_alias=True)
            fields = Divisions.model_fields
            written = {fields[k].alias or k for k in entry.divisions.model_fields_set}
            divisions = Divisions.model_validate(
                {**divisions.model_dump(by_alias=True), **{k: given_levels[k] for k in written}}
            )
        given = {
            "name": (entry.name, "name"),
            "uai": (entry.uai, "uai"),
            "students": (entry.students, "students"),
            "divisions": (
                divisions.model_dump(by_alias=True),
                "divisions" if entry.divisions else "students",
            ),
            "teachers": (
                entry.teachers or derived_teachers(divisions),
                "teachers" if entry.teachers else "students",
            ),
        }
        shortcuts: dict[FieldPath, FieldPath] = {}
        clash = False
        for key, (value, written_as) in given.items():
            if key in etablissement:
                self._error(
                    (*here, "etablissement", key),
                    t(
                        "rule.academie_set_twice",
                        name=key,
                        other=self.field_name((*here, written_as)),
                    ),
                )
                clash = True
            etablissement[key] = value
            shortcuts[("etablissement", key)] = (*here, written_as)
        if "group_size" not in etablissement:
            etablissement["group_size"] = STUDENTS_PER_DIVISION[entry.kind]
            shortcuts[("etablissement", "group_size")] = (*here, "kind")
        seed = entry.seed if entry.seed is not None else lycee_seed(parsed.seed, entry.uai)
        shortcuts[("seed",)] = (*here, "seed" if entry.seed is not None else "uai")
        shortcuts[("name",)] = (*here, "name")
        override: dict[str, Any] = {"etablissement": etablissement, "seed": seed}
        override["name"] = entry.name
        for key in ("calendar", "operations", "channels"):
            section = getattr(entry, key)
            if section:
                override[key] = section
        if entry.reality is not None:
            override["reality"] = entry.reality
        return (None if clash else override), shortcuts

    def _reference(self, parsed: AcademieFile, lycees: list[Lycee]) -> tuple[Scenario, str]:
        """What every lycée's window must equal: the common scenario's (with the changes
        asked), or the first lycée's when the common scenario is not whole on its own."""
        chain = self._chains.get(Path(os.path.realpath(self.source.parent / parsed.scenario)))
        if chain is not None:
            data = _copied(chain[0])
            if self.changes:
                done_or_not(data, self.changes)
                data = merge_data(data, _copied(self.changes))
            try:
                return Scenario.model_validate(data), t("rule.academie_common_scenario")
            except ValidationError:
                pass
        return lycees[0].scenario, t("rule.academie_first_lycee", uai=lycees[0].uai)

    def _check_common(self, parsed: AcademieFile, lycees: list[Lycee]) -> tuple[dt.date, dt.date]:
        """The same window, observation time and rentrée for every lycée: the académie's
        curve counts lycées on common mornings."""
        if not lycees:
            return dt.date.min, dt.date.min
        reference, where = self._reference(parsed, lycees)
        first = reference.calendar
        rentree = resolve_rentree(reference)
        for lycee in lycees:
            cal = lycee.scenario.calendar
            here = ("lycees", lycee.index)
            for key, mine, theirs in (
                ("start", cal.start, first.start),
                ("end", cal.end, first.end),
                ("observation_time", cal.observation_time, first.observation_time),
                ("rentree", resolve_rentree(lycee.scenario), rentree),
            ):
                if mine != theirs:
                    self._error(
                        (*here, "calendar", key),
                        t(
                            "rule.academie_common",
                            name=key,
                            value=shown(mine),
                            expected=shown(theirs),
                            where=where,
                        ),
                    )
        by = parsed.by or rentree + dt.timedelta(days=DEFAULT_DEADLINE_DAYS)
        if not first.start <= by <= first.end:
            self._error(
                ("by",),
                t(
                    "rule.outside_window",
                    value=shown(by),
                    start=shown(first.start),
                    end=shown(first.end),
                ),
            )
        return rentree, by


def _copied(data: Any) -> Any:
    """A copy of the base's nested mappings and lists (composition must not change the
    cached chain)."""
    if isinstance(data, dict):
        return {k: _copied(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copied(v) for v in data]
    return data


def _leaves(data: Any, prefix: FieldPath = ()) -> list[FieldPath]:
    """Every path the override writes (mappings walked, lists and scalars kept whole)."""
    if isinstance(data, dict) and data:
        found: list[FieldPath] = []
        for key, value in data.items():
            found.extend(_leaves(value, (*prefix, str(key))))
        return found
    return [prefix]
