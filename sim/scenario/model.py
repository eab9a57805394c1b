"""The scenario format (pydantic): one établissement, one rentrée, its calendar and its chain."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from sim.calendar import StaffCalendar, rentree_date
from sim.catalogue.names import (
    REALITY_KINDS,
    REMOVALS,
    SNAPSHOTS,
    reality_kind,
    removal_mode,
    snapshot_mode,
)
from sim.domain import Channel, Operation
from sim.errors import printable
from sim.i18n import t
from sim.scenario.fields import (
    INSTANT_SCHEMA,
    Day,
    Duration,
    Instant,
    RetentionDuration,
    TimeOfDay,
    Weekday,
)

# Bounds of the format: far above any real lycée, low enough that every run ends quickly.
MAX_DATES_PER_OPERATION = 24
MAX_OUTAGES = 100
MAX_FULL_DAYS = 120
MAX_REALITY_CHANGES = 200
MAX_REALITY_COUNT = 500
MAX_LATENESS_DAYS = 120
MAX_LATENESS_SIGMA = 3.0
MAX_EMPIRICAL_VALUES = 1000
MAX_WINDOW_DAYS = 550
MAX_CLOSED_PERIODS = 50


def _plain_text(value: str) -> str:
    """Text shown to people: no control characters (terminal escapes, bidi overrides)."""
    flat = value.replace("\n", " ").replace("\t", " ")
    if printable(flat) != flat:
        raise ValueError(t("rule.control_characters"))
    return value


PlainText = Annotated[str, AfterValidator(_plain_text)]


def _one_line(value: str) -> str:
    """A name: plain text on one line (a line break forges lines in tables and agendas, a
    tab shifts their columns), not blank."""
    if "\n" in value or "\r" in value or "\t" in value:
        raise ValueError(t("rule.one_line"))
    if not value.strip():
        raise ValueError(t("rule.blank_name"))
    return _plain_text(value)


OneLine = Annotated[str, AfterValidator(_one_line)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)


class Divisions(Strict):
    seconde: int = Field(14, alias="2nde", ge=1, le=40)
    premiere: int = Field(13, alias="1re", ge=1, le=40)
    terminale: int = Field(13, alias="Tle", ge=1, le=40)

    def by_level(self) -> dict[str, int]:
        return {"2nde": self.seconde, "1re": self.premiere, "Tle": self.terminale}


class OriginShares(Strict):
    """Share of each level's students by how they reach the établissement (sums to 1)."""

    returning: float = Field(ge=0, le=1)
    affectation: float = Field(ge=0, le=1)
    transfer: float = Field(ge=0, le=1)
    external: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _sums_to_one(self) -> OriginShares:
        total = self.returning + self.affectation + self.transfer + self.external
        if abs(total - 1) > 1e-6:
            raise ValueError(t("rule.shares_sum", total=round(total, 4)))
        return self


Level = Literal["2nde", "1re", "Tle"]


def _default_origins() -> dict[Level, OriginShares]:
    return {
        "2nde": OriginShares(returning=0.03, affectation=0.89, transfer=0.05, external=0.03),
        "1re": OriginShares(returning=0.92, affectation=0.03, transfer=0.03, external=0.02),
        "Tle": OriginShares(returning=0.95, affectation=0.01, transfer=0.02, external=0.02),
    }


def _zone_letter(value: object) -> object:
    """A school-holiday zone as typed, « a » or « A »."""
    return value.strip().upper() if isinstance(value, str) else value


class Etablissement(Strict):
    name: OneLine = Field(min_length=1, max_length=200)
    uai: str = Field(pattern=r"^\d{7}[A-Z]$")
    zone: Annotated[
        Literal["A", "B", "C"],
        BeforeValidator(_zone_letter),
        WithJsonSchema({"type": "string", "enum": ["A", "B", "C", "a", "b", "c"]}),
    ] = "A"
    students: int = Field(1200, ge=30, le=6000)
    divisions: Divisions = Divisions()
    teachers: int = Field(100, ge=5, le=400)
    group_size: int = Field(30, ge=5, le=60)
    option_share: float = Field(0.15, ge=0, le=1)
    two_parents_share: float = Field(0.75, ge=0, le=1)
    new_teachers_share: float = Field(0.15, ge=0, le=1)
    new_divisions: int = Field(2, ge=0, le=120)
    obsolete_divisions: int = Field(1, ge=0, le=20)
    leavers: int | None = Field(None, ge=0, le=6000)
    # rule 13: the ENT takes groups from its own timetable import and ignores AAF groups
    ent_groups_from_timetable: bool = False
    # the data file of an imported lycée (rentree-sim importer): its structure and people
    # replace the generated ones, and its sizes replace students, divisions and teachers
    donnees: str | None = Field(None, min_length=1, max_length=4096, pattern=r"\S")
    origins: dict[Level, OriginShares] = Field(default_factory=_default_origins)

    @field_validator("origins", mode="after")
    @classmethod
    def _every_level(cls, value: dict[Level, OriginShares]) -> dict[Level, OriginShares]:
        """Levels not given keep their default shares (a what-if names one level)."""
        return {**_default_origins(), **value}

    @model_validator(mode="after")
    def _new_divisions_fit(self) -> Etablissement:
        if self.new_divisions > sum(self.divisions.by_level().values()):
            raise ValueError(t("rule.new_divisions", value=self.new_divisions))
        if self.leavers is not None and self.leavers > self.students:
            raise ValueError(t("rule.leavers_students", value=self.leavers, students=self.students))
        return self


class ClosedPeriod(Strict):
    """Days the établissement is closed (both included): no manual operation then."""

    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> ClosedPeriod:
        if self.end < self.start:
            raise ValueError(
                t(
                    "rule.closed_order",
                    start=f"{self.start:%d/%m/%Y}",
                    end=f"{self.end:%d/%m/%Y}",
                )
            )
        return self


class Calendar(Strict):
    start: Day
    end: Day
    rentree: Day | None = None
    observation_time: TimeOfDay = dt.time(8, 0)
    operation_time: TimeOfDay = dt.time(10, 0)
    # the staff's working weekdays (0 = Monday) and the établissement's closed periods
    working_days: list[Weekday] = Field(
        default_factory=lambda: [0, 1, 2, 3, 4], min_length=1, max_length=7
    )
    closed: list[ClosedPeriod] = Field(default_factory=list, max_length=MAX_CLOSED_PERIODS)

    def staff(self) -> StaffCalendar:
        """The days the staff work: ``working_days``, no public holiday, not closed."""
        return StaffCalendar(
            frozenset(self.working_days), tuple((c.start, c.end) for c in self.closed)
        )

    def at(self, value: dt.date | dt.datetime) -> dt.datetime:
        """When a scenario instant happens: a bare date takes ``operation_time``."""
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.combine(value, self.operation_time)

    @model_validator(mode="after")
    def _ordered(self) -> Calendar:
        if self.end <= self.start:
            raise ValueError(
                t("rule.window_order", start=_written(self.start), end=_written(self.end))
            )
        if (self.end - self.start).days > MAX_WINDOW_DAYS:
            raise ValueError(
                t("rule.window_length", days=(self.end - self.start).days, limit=MAX_WINDOW_DAYS)
            )
        return self


class Lateness(Strict):
    """Lateness of an operation in working days: triangular (min, mode, max), lognormal
    (median, sigma, optional max) or empirical (values, optional weights)."""

    kind: Literal["triangular", "lognormal", "empirical"]
    min: float = Field(0.0, ge=0, le=MAX_LATENESS_DAYS)
    mode: float = Field(0.0, ge=0, le=MAX_LATENESS_DAYS)
    max: float | None = Field(None, ge=0, le=MAX_LATENESS_DAYS)
    median: float = Field(1.0, gt=0, le=MAX_LATENESS_DAYS)
    sigma: float = Field(0.5, ge=0, le=MAX_LATENESS_SIGMA)
    values: list[Annotated[float, Field(ge=0, le=MAX_LATENESS_DAYS)]] = Field(
        default_factory=list, max_length=MAX_EMPIRICAL_VALUES
    )
    weights: list[Annotated[float, Field(ge=0, le=1e6)]] | None = Field(
        None, max_length=MAX_EMPIRICAL_VALUES
    )

    @model_validator(mode="after")
    def _consistent(self) -> Lateness:
        if self.kind == "triangular":
            top = self.max if self.max is not None else self.mode
            if not self.min <= self.mode <= top:
                raise ValueError(t("rule.triangular", min=self.min, mode=self.mode, max=top))
        if self.kind == "empirical":
            if not self.values:
                raise ValueError(t("rule.empirical_values"))
            if self.weights is not None and (
                len(self.weights) != len(self.values) or sum(self.weights) <= 0
            ):
                raise ValueError(t("rule.empirical_weights"))
        return self


_ONE_OR_MANY_INSTANTS = {
    "anyOf": [
        INSTANT_SCHEMA,
        {"type": "array", "items": INSTANT_SCHEMA, "maxItems": MAX_DATES_PER_OPERATION},
    ]
}


class OperationSpec(Strict):
    """One manual operation: when (one or several instants), whether done, and how much."""

    date: Annotated[list[Instant], WithJsonSchema(_ONE_OR_MANY_INSTANTS)] = Field(
        default_factory=list, max_length=MAX_DATES_PER_OPERATION
    )
    planned: Annotated[list[Instant], WithJsonSchema(_ONE_OR_MANY_INSTANTS)] = Field(
        default_factory=list, max_length=MAX_DATES_PER_OPERATION
    )
    missing: bool = False
    # what the établissement cannot choose (the académie's, AFFELNET's dates) and the bounds
    # of what it can: the planner never moves a fixed date nor goes out of the bounds
    fixed: bool = False
    not_before: Day | None = None
    not_after: Day | None = None
    forget_probability: float | None = Field(None, ge=0, le=1)
    lateness: Lateness | None = None
    share: (
        Annotated[float, Field(gt=0, le=1)]
        | Annotated[
            list[Annotated[float, Field(gt=0, le=1)]], Field(max_length=MAX_DATES_PER_OPERATION)
        ]
    ) = 1.0

    @field_validator("date", "planned", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return value if isinstance(value, list) else [value]

    @model_validator(mode="after")
    def _has_date(self) -> OperationSpec:
        if not self.missing and not self.date:
            raise ValueError(t("rule.operation_without_date"))
        if self.missing and self.date:
            raise ValueError(t("rule.missing_with_date"))
        if isinstance(self.share, list) and len(self.share) != len(self.date):
            raise ValueError(
                t("rule.shares_per_date", shares=len(self.share), dates=len(self.date))
            )
        if (
            self.not_before is not None
            and self.not_after is not None
            and self.not_after < self.not_before
        ):
            raise ValueError(
                t(
                    "rule.bounds_order",
                    not_before=f"{self.not_before:%d/%m/%Y}",
                    not_after=f"{self.not_after:%d/%m/%Y}",
                )
            )
        return self

    # where each date was written in the file, when validation put them in time order
    _written_at: list[int] | None = PrivateAttr(default=None)

    def written_index(self, occurrence: int) -> int:
        """The position in the file of the date now at ``occurrence`` (messages name it)."""
        if self._written_at is None or len(self._written_at) != len(self.date):
            return occurrence  # dates changed since the file was read (a drawn calendar)
        return self._written_at[occurrence]

    def share_at(self, occurrence: int) -> float:
        """Share of the facts done by occurrence ``occurrence`` (cumulative, seeded order)."""
        return self.share[occurrence] if isinstance(self.share, list) else self.share


class BasculeSpec(OperationSpec):
    carry_structure: bool = True
    carry_groups: bool = False


class VerificationSpec(OperationSpec):
    delete_carried_groups: bool = False


class TransfertsSpec(OperationSpec):
    recreate_share: float = Field(0.0, ge=0, le=1)


class ExportStructureSpec(OperationSpec):
    delay: Duration = dt.timedelta(0)


class ExportSiecleEdtSpec(OperationSpec):
    """SIECLE's students (and their classes) sent to the timetable software. ``snapshot``:
    SIECLE's XML exports hold what was typed in up to the night before (domain.md §2,
    ``previous_night``), or SIECLE as it is at that minute (``live``: a web service)."""

    snapshot: Annotated[
        Literal["previous_night", "live"],
        BeforeValidator(snapshot_mode),
        WithJsonSchema({"type": "string", "enum": SNAPSHOTS}),
    ] = "previous_night"

    def shows(self, typed: dt.datetime, exported: dt.datetime) -> bool:
        """Whether an export at ``exported`` shows what was typed in SIECLE at ``typed``: a
        nightly one from the next day on, a live one from the next minute."""
        if self.snapshot == "previous_night":
            return exported.date() > typed.date()
        return exported > typed


def _missing_op() -> OperationSpec:
    return OperationSpec(missing=True)


class Operations(Strict):
    bascule_sts: BasculeSpec = Field(default_factory=lambda: BasculeSpec(missing=True))
    nomenclatures_academie: OperationSpec = Field(default_factory=_missing_op)
    selection_nomenclatures: OperationSpec = Field(default_factory=_missing_op)
    profilage: OperationSpec = Field(default_factory=_missing_op)
    verification_divisions: VerificationSpec = Field(
        default_factory=lambda: VerificationSpec(missing=True)
    )
    export_structure_siecle: ExportStructureSpec = Field(
        default_factory=lambda: ExportStructureSpec(missing=True)
    )
    inscription_affectation: OperationSpec = Field(default_factory=_missing_op)
    transferts: TransfertsSpec = Field(default_factory=lambda: TransfertsSpec(missing=True))
    creation_eleves: OperationSpec = Field(default_factory=_missing_op)
    export_sts_edt: OperationSpec = Field(default_factory=_missing_op)
    export_siecle_edt: ExportSiecleEdtSpec = Field(
        default_factory=lambda: ExportSiecleEdtSpec(missing=True)
    )
    construction_edt: OperationSpec = Field(default_factory=_missing_op)
    import_sts_edt: OperationSpec = Field(default_factory=_missing_op)
    export_liens_siecle: OperationSpec = Field(default_factory=_missing_op)
    transition_ent: OperationSpec = Field(default_factory=_missing_op)

    def get(self, operation: Operation) -> OperationSpec:
        spec: OperationSpec = getattr(self, operation.value)
        return spec


class Outage(Strict):
    start: Instant
    end: Instant

    @model_validator(mode="after")
    def _ordered(self) -> Outage:
        if _as_instant(self.end) < _as_instant(self.start):
            raise ValueError(
                t("rule.outage_order", start=_written(self.start), end=_written(self.end))
            )
        return self


def _as_instant(value: dt.date | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time(0, 0))


class ChannelSpec(Strict):
    """A batch: daily at ``at`` on ``days``, its result landing ``delay`` later."""

    at: TimeOfDay = dt.time(2, 0)
    days: list[Weekday] = Field(default_factory=lambda: list(range(7)), max_length=7)
    delay: Duration = dt.timedelta(0)
    outages: list[Outage] = Field(default_factory=list, max_length=MAX_OUTAGES)
    failure_probability: float | None = Field(None, ge=0, le=1)


class StsToSiecleSpec(ChannelSpec):
    """STS-WEB structure copy to SIECLE: each change lands ``delay`` later (continuous)."""

    mode: Literal["continuous", "scheduled"] = "continuous"
    delay: Duration = dt.timedelta(days=1)


class ActivationSpec(ChannelSpec):
    at: TimeOfDay = dt.time(20, 0)


class ExtractionSpec(ChannelSpec):
    at: TimeOfDay = dt.time(21, 0)
    full_days: list[Weekday] = Field(default_factory=lambda: [5], max_length=7)
    full_on: list[Day] = Field(default_factory=list, max_length=MAX_FULL_DAYS)
    full_at_rentree: bool = True
    sts_delay: Duration = dt.timedelta(days=1)


class ImportEntSpec(ChannelSpec):
    """The ENT's import of the AAF files. ``removal``: entcore takes every import as complete
    (a user absent from it is marked disappeared); ENTs that apply delta files remove users
    only after a full extraction (``full_only``)."""

    at: TimeOfDay = dt.time(2, 0)
    delay: Duration = dt.timedelta(minutes=90)
    removal: Annotated[
        Literal["every_import", "full_only"],
        BeforeValidator(removal_mode),
        WithJsonSchema({"type": "string", "enum": REMOVALS}),
    ] = "every_import"


class ImportEdtEntSpec(ChannelSpec):
    """The ENT's own timetable import (rule 13, only with
    ``etablissement.ent_groups_from_timetable``): its hour is a deployment setting, here a
    parameter (assumption: 01:00, before the AAF import)."""

    at: TimeOfDay = dt.time(1, 0)


class PreDeleteSpec(ChannelSpec):
    """entcore's daily pre-delete task: a user marked disappeared for ``after`` loses its
    links and its GAR export; its account is deleted ``delete_after`` later."""

    at: TimeOfDay = dt.time(3, 0)
    after: RetentionDuration = dt.timedelta(days=90)
    delete_after: RetentionDuration = dt.timedelta(days=90)


class ExportGarSpec(ChannelSpec):
    """The ENT's export to GAR: full files every night from 21:00 (gar-connector); ``delay``
    is GAR's integration time, undocumented: by assumption the delivery is in GAR at 06:00."""

    at: TimeOfDay = dt.time(21, 0)
    delay: Duration = dt.timedelta(hours=9)


class Channels(Strict):
    sts_vers_siecle: StsToSiecleSpec = StsToSiecleSpec()
    activation_liens: ActivationSpec = ActivationSpec()
    extraction_aaf: ExtractionSpec = ExtractionSpec()
    import_edt_ent: ImportEdtEntSpec = ImportEdtEntSpec()
    import_ent: ImportEntSpec = ImportEntSpec()
    presuppression_ent: PreDeleteSpec = PreDeleteSpec()
    export_gar: ExportGarSpec = ExportGarSpec()

    def get(self, channel: Channel) -> ChannelSpec:
        spec: ChannelSpec = getattr(self, channel.value)
        return spec


class RealityChange(Strict):
    """A dated change of the truth after planning: the directory must catch up with it."""

    date: Day
    kind: Annotated[
        Literal["arrival", "departure", "division_change", "group_change"],
        BeforeValidator(reality_kind),
        WithJsonSchema({"type": "string", "enum": REALITY_KINDS}),
    ]
    count: int = Field(1, ge=1, le=MAX_REALITY_COUNT)
    level: Level | None = None
    origin: Literal["affectation", "transfer", "external"] = "external"
    recorded_after: Duration = dt.timedelta(0)


class Scenario(Strict):
    extends: str | None = Field(
        None, max_length=1000, description="Chemin (relatif) du scénario étendu"
    )
    name: OneLine = Field(min_length=1, max_length=200)
    description: PlainText = Field("", max_length=4000)
    seed: int = Field(0, ge=0, le=2**63 - 1)
    etablissement: Etablissement
    calendar: Calendar
    operations: Operations = Operations()
    channels: Channels = Channels()
    reality: list[RealityChange] = Field(default_factory=list, max_length=MAX_REALITY_CHANGES)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Scenario:
        """Each operation's dates in time order, their shares with them: shares are
        cumulative in time, and whatever moves or drops dates (risk, plan) keeps them
        aligned by position."""
        for op in type(self.operations).model_fields:
            spec = getattr(self.operations, op)
            order = sorted(range(len(spec.date)), key=lambda i: self.calendar.at(spec.date[i]))
            if order != list(range(len(spec.date))):
                spec.date = [spec.date[i] for i in order]
                if isinstance(spec.share, list):
                    spec.share = [spec.share[i] for i in order]
                spec._written_at = [spec.written_index(i) for i in order]
        return self

    @model_validator(mode="after")
    def _arrivals_fit(self) -> Scenario:
        arrivals = sum(c.count for c in self.reality if c.kind == "arrival")
        if arrivals > self.etablissement.students:
            raise ValueError(
                t("rule.arrivals_students", value=arrivals, students=self.etablissement.students)
            )
        # more departures than students ever there would leave silently fewer than asked
        departures = sum(c.count for c in self.reality if c.kind == "departure")
        if departures > self.etablissement.students + arrivals:
            raise ValueError(
                t(
                    "rule.departures_students",
                    value=departures,
                    students=self.etablissement.students + arrivals,
                )
            )
        return self


def _written(value: dt.date | dt.datetime) -> str:
    """A date (and time) as a French office writes it, for an error."""
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    return f"{value:%d/%m/%Y}"


def resolve_rentree(scenario: Scenario) -> dt.date:
    """The scenario's rentrée, or the first school day after its zone's summer holidays."""
    cal = scenario.calendar
    return cal.rentree or rentree_date(scenario.etablissement.zone, cal.start.year)
