"""One exception hierarchy for rentree-sim; every message names the value and the rule."""

from __future__ import annotations

import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters (terminal escapes, bidi overrides) made visible."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class RentreeSimError(Exception):
    """Base class of every error this package raises on purpose."""


class ScenarioError(RentreeSimError):
    """A scenario file that cannot be used: names the file, the field path and the rule broken."""

    def __init__(
        self, file: Path | str | None, field: str, rule: str, line: int | None = None
    ) -> None:
        self.file = str(file) if file is not None else None
        self.field = field
        self.rule = rule
        self.line = line
        super().__init__(self.describe())

    def __reduce__(self) -> tuple[object, ...]:  # a worker process sends it back whole
        return type(self), (self.file, self.field, self.rule, self.line)

    def describe(self) -> str:
        from sim.i18n import t

        where = self.file if self.file is not None else t("error.unknown_file")
        if self.line is not None:
            where = t("error.file_line", file=where, line=self.line)
        if self.field:
            text = t("error.scenario_field", file=where, field=self.field, rule=self.rule)
        else:
            text = t("error.scenario_file", file=where, rule=self.rule)
        return printable(text)


class ScenarioWarning(ScenarioError):
    """Not an error: a habit of French offices that the scenario breaks (a Sunday...)."""


class ScenarioErrors(RentreeSimError):
    """Several scenario errors found at once (all are reported, not only the first);
    ``omitted`` more were found and not kept, ``subject`` says what was read."""

    def __init__(
        self, errors: list[ScenarioError], omitted: int = 0, subject: str = "scenario"
    ) -> None:
        self.errors = errors
        self.omitted = omitted
        self.subject = subject
        super().__init__("\n".join(e.describe() for e in errors))

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.errors, self.omitted, self.subject)


class ImportFileError(RentreeSimError):
    """A school export that cannot be used: names the file (and the archive's member),
    the element and its line, and the rule broken; never a person's name or id."""

    def __init__(
        self,
        file: Path | str,
        rule: str,
        element: str = "",
        line: int | None = None,
        member: str | None = None,
    ) -> None:
        self.file = str(file)
        self.rule = rule
        self.element = element
        self.line = line
        self.member = member
        super().__init__(self.describe())

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.file, self.rule, self.element, self.line, self.member)

    def describe(self) -> str:
        from sim.i18n import t

        where = self.file
        if self.member is not None:
            where = t("import.in_archive", member=self.member, archive=where)
        if self.line is not None:
            where = t("error.file_line", file=where, line=self.line)
        if self.element:
            return printable(
                t("import.error_element", file=where, element=self.element, rule=self.rule)
            )
        return printable(t("error.scenario_file", file=where, rule=self.rule))


class ImportLimitError(RentreeSimError, ValueError):
    """School exports that hold nothing to import (``limit`` 0), or more of ``what`` than
    the model takes (``limit``)."""

    def __init__(self, what: str, limit: int) -> None:
        self.what = what
        self.limit = limit
        super().__init__(self.describe())

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.what, self.limit)

    def describe(self) -> str:
        from sim.i18n import t

        kind = "none" if self.limit == 0 else "limit"
        return t(f"cli.import_{kind}_{self.what}", limit=self.limit)


class ModelError(RentreeSimError):
    """The engine met a state that the model forbids (a bug, not a user mistake)."""


class EngineMismatch(ModelError):
    """The fast engine and SimPy, the reference, disagree on a replication."""

    def __init__(self, index: int, difference: str, calendar: bool = False) -> None:
        from sim.i18n import t

        self.index = index
        self.difference = difference
        self.calendar = calendar
        super().__init__(
            t(
                "error.engine_mismatch_plan" if calendar else "error.engine_mismatch",
                index=index + 1,
                difference=difference,
                variable="RENTREE_SIM_MOTEUR",
            )
        )

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.index, self.difference, self.calendar)


class UsageError(RentreeSimError):
    """A command line that cannot be carried out as written (a user mistake)."""


class ClusterError(RentreeSimError):
    """The distributed cluster failed while it ran the work (not the user's input)."""


class OutputError(RentreeSimError):
    """An output could not be written where the user asked."""


def os_reason(error: OSError) -> str:
    """The reason of a system error in the catalogue's language, without the file names
    it carries (a temporary file's name means nothing to the user)."""
    from sim.catalogue import MESSAGES
    from sim.i18n import t

    key = f"oserror.{error.errno}"
    return t(key) if key in MESSAGES else t("oserror.other", code=error.errno or "?")
