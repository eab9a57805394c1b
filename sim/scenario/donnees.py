"""The data file of an imported établissement (``etablissement.donnees`` in a scenario).

Written by ``rentree-sim importer`` from the lycée's own exports: its divisions, groups,
teachers, services, students and guardians, people under keyed pseudonyms only. Read as
hostile input like any scenario file: bounded size, strict JSON (no duplicate key, no NaN),
every list bounded and every reference checked, so that a file that loads also runs.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidationError,
    model_validator,
)

from sim.errors import ScenarioError, ScenarioErrors
from sim.i18n import t
from sim.scenario.reading import ReadingError, read_bytes
from sim.scenario.translation import translate

DATA_FORMAT = "rentree-sim-donnees"
DATA_VERSION = 1
DATA_SUFFIX = ".donnees.json"
MAX_DATA_BYTES = 16 * 1024 * 1024
ORIGINS = ("returning", "affectation", "transfer", "external")
LIMITS = {
    "students": 6000,  # as a scenario's établissement
    "divisions": 400,
    "groups": 5000,
    "teachers": 1000,
    "services": 30_000,
    "guardians": 20_000,
}
MAX_GROUPS_PER_STUDENT = 200
MAX_DIVISIONS_PER_GROUP = 200
MAX_CHILDREN = 200
Level = Literal["2nde", "1re", "Tle"]

# control characters, and the invisible ones that reorder or break a line on screen
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _code(value: str) -> str:
    """Codes are shown to staff as STS-WEB writes them: printable, one line, single spaces
    (as the readers leave them, so that ``explain --fact`` finds them)."""
    if _HIDDEN.search(value) or " ".join(value.split()) != value:
        raise ValueError(t("rule.data_code"))
    return value


Code = Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_code)]
Pseudonym = Annotated[str, StringConstraints(pattern=r"^[EPR]-[A-Z2-7]{10}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class DivisionData(_Strict):
    code: Code
    mef: Code | None = None


class GroupData(_Strict):
    code: Code
    divisions: list[Code] = Field(default_factory=list, max_length=MAX_DIVISIONS_PER_GROUP)


class ServiceData(_Strict):
    """A teacher's service of one division or one group, in one subject."""

    enseignant: Pseudonym
    division: Code | None = None
    groupe: Code | None = None
    matiere: Code

    @model_validator(mode="after")
    def _one_structure(self) -> ServiceData:
        if (self.division is None) == (self.groupe is None):
            raise ValueError(t("rule.data_service_target"))
        return self


class StudentData(_Strict):
    id: Pseudonym
    division: Code
    groupes: list[Code] = Field(default_factory=list, max_length=MAX_GROUPS_PER_STUDENT)
    origine: Literal["returning", "affectation", "transfer", "external"]


class GuardianData(_Strict):
    id: Pseudonym
    eleves: list[Pseudonym] = Field(min_length=1, max_length=MAX_CHILDREN)


class EstablishmentData(_Strict):
    """The whole data file."""

    format: Literal["rentree-sim-donnees"]
    version: Literal[1]
    uai: str = Field(pattern=r"^\d{7}[A-Z]$")
    annee: StrictInt = Field(ge=2000, le=2100)
    empreinte_cle: str = Field(pattern=r"^[0-9a-f]{8}$")
    niveaux: dict[Code, Level] = Field(default_factory=dict, max_length=200)
    divisions: list[DivisionData] = Field(min_length=1, max_length=LIMITS["divisions"])
    groupes: list[GroupData] = Field(default_factory=list, max_length=LIMITS["groups"])
    enseignants: list[Pseudonym] = Field(default_factory=list, max_length=LIMITS["teachers"])
    services: list[ServiceData] = Field(default_factory=list, max_length=LIMITS["services"])
    eleves: list[StudentData] = Field(min_length=1, max_length=LIMITS["students"])
    responsables: list[GuardianData] = Field(default_factory=list, max_length=LIMITS["guardians"])

    @model_validator(mode="after")
    def _references(self) -> EstablishmentData:
        """Every code and pseudonym named is defined once; what a link names exists."""
        divisions = _unique([d.code for d in self.divisions], "divisions")
        groups = _unique([g.code for g in self.groupes], "groupes")
        teachers = _unique(self.enseignants, "enseignants")
        students = _unique([s.id for s in self.eleves], "eleves")
        _unique([g.id for g in self.responsables], "responsables")
        for division in self.divisions:
            if division.mef is not None and division.mef not in self.niveaux:
                raise ValueError(t("rule.data_unknown", kind="MEF", code=division.mef))
        for group in self.groupes:
            _known(group.divisions, divisions, "division")
            _unique(group.divisions, f"groupes[{group.code}].divisions")
        for service in self.services:
            _known([service.enseignant], teachers, "enseignant")
            _known([service.division] if service.division else [], divisions, "division")
            _known([service.groupe] if service.groupe else [], groups, "groupe")
        for student in self.eleves:
            _known([student.division], divisions, "division")
            _known(student.groupes, groups, "groupe")
            _unique(student.groupes, f"eleves[{student.id}].groupes")
        for guardian in self.responsables:
            _known(guardian.eleves, students, "eleve")
            _unique(guardian.eleves, f"responsables[{guardian.id}].eleves")
        _unique(
            [
                f"{s.enseignant} {s.division or ''} {s.groupe or ''} {s.matiere}"
                for s in self.services
            ],
            "services",
        )
        return self

    def level_of(self, division: DivisionData) -> Level:
        """A division's level: its MEF's, through ``niveaux`` (2nde when it has no MEF)."""
        return self.niveaux.get(division.mef, "2nde") if division.mef else "2nde"


@dataclass(frozen=True)
class ObservedData:
    """What a lycée's exports show on their day, by code and pseudonym: STS-WEB's teachers,
    structures and services (teacher, ``division:CODE`` or ``groupe:CODE``, subject),
    SIECLE's structures, students and links. In memory only: a forecast starts from it."""

    sts_teachers: frozenset[str]
    sts_divisions: frozenset[str]
    sts_groups: frozenset[str]
    sts_services: frozenset[tuple[str, str, str]]
    siecle_divisions: frozenset[str]
    siecle_groups: frozenset[str]
    siecle_students: frozenset[str]
    student_divisions: frozenset[tuple[str, str]]
    student_groups: frozenset[tuple[str, str]]
    guardian_links: frozenset[tuple[str, str]] | None = None  # (guardian, student); no file


def _unique(codes: list[str], kind: str) -> set[str]:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise ValueError(t("rule.data_twice", kind=kind, code=code))
        seen.add(code)
    return seen


def _known(codes: list[str], known: set[str], kind: str) -> None:
    for code in codes:
        if code not in known:
            raise ValueError(t("rule.data_unknown", kind=kind, code=code))


# data files parsed in this process, by path and digest of their bytes (a few at most)
_PARSED: dict[tuple[Path, bytes], EstablishmentData] = {}
KEPT_DATA = 16


def read_data(path: Path) -> EstablishmentData:
    """The data file at ``path``, checked; the same content is parsed once per process
    (recognised by its digest: a file rewritten within the file system's time granularity
    is still read again)."""
    try:
        raw = read_bytes(path, MAX_DATA_BYTES)
    except ReadingError as error:
        raise ScenarioError(path, "", error.rule, line=error.line) from None
    key = (path, hashlib.blake2b(raw, digest_size=16).digest())
    found = _PARSED.get(key)
    if found is None:
        found = _parse(path, raw)
        while len(_PARSED) >= KEPT_DATA:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[key] = found
    return found


def _parse(path: Path, raw: bytes) -> EstablishmentData:
    try:
        text = raw.decode("utf-8-sig")
        content = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise ScenarioError(path, "", t("rule.data_not_utf8")) from None
    except json.JSONDecodeError as error:
        raise ScenarioError(
            path, "", t("rule.data_json", problem=error.msg), line=error.lineno
        ) from None
    except _DataProblem as problem:
        raise ScenarioError(path, "", str(problem)) from None
    except (RecursionError, ValueError):  # nested too deep, or a number too long
        raise ScenarioError(path, "", t("rule.data_shape")) from None
    if not isinstance(content, dict):
        raise ScenarioError(path, "", t("rule.data_not_object"))
    try:
        return EstablishmentData.model_validate(content)
    except ValidationError as exc:
        raise ScenarioErrors(
            translate(exc.errors(), content, lambda _: (path, None), root=EstablishmentData),
            subject="data",
        ) from None


class _DataProblem(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DataProblem(t("rule.data_duplicate_key", name=key[:40]))
        found[key] = value
    return found


def _no_constant(name: str) -> Any:
    raise _DataProblem(t("rule.data_constant", name=name))


def data_json(data: EstablishmentData) -> str:
    """The data file's text: compact, one record per line, so that two imports compare."""
    return data.model_dump_json(indent=1, exclude_none=True) + "\n"
