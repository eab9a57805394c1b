"""One exception hierarchy for rentree-sim; every message names the value and the rule."""

from __future__ import annotations

from pathlib import Path


class RentreeSimError(Exception):
    """Base class of every error this package raises on purpose."""


class ScenarioError(RentreeSimError):
    """A scenario file that cannot be used: names the file, the field path and the rule broken."""

    def __init__(self, file: Path | str | None, field: str, rule: str) -> None:
        self.file = str(file) if file is not None else None
        self.field = field
        self.rule = rule
        super().__init__(self.describe())

    def describe(self) -> str:
        from sim.i18n import t

        where = self.file if self.file is not None else t("error.unknown_file")
        if self.field:
            return t("error.scenario_field", file=where, field=self.field, rule=self.rule)
        return t("error.scenario_file", file=where, rule=self.rule)


class ScenarioErrors(RentreeSimError):
    """Several scenario errors found at once (all are reported, not only the first)."""

    def __init__(self, errors: list[ScenarioError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.describe() for e in errors))


class ModelError(RentreeSimError):
    """The engine met a state that the model forbids (a bug, not a user mistake)."""


class UsageError(RentreeSimError):
    """A command line that cannot be carried out as written (a user mistake)."""


class OutputError(RentreeSimError):
    """An output could not be written where the user asked."""
