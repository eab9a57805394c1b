"""Command-line mistakes caught by the argument parser, told in the catalogue's language.

Typer's parser (click, vendored or not) raises its own usage errors with English texts; they
are recognised by class name so that either flavour of click works.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer

from sim.i18n import language, t


class BadChoice(typer.BadParameter):
    """A typed word that names none of ``choices`` (ids and their French words)."""

    def __init__(self, value: str, name: str, choices: Sequence[str]) -> None:
        super().__init__(value, param_hint=name)
        self.choices = list(choices)


MAX_SEED = 2**63 - 1  # numpy's seeds, and the formats' bound


class OutOfRange(typer.BadParameter):
    """A number typed outside its option's bounds (``min`` and ``max``, told with it)."""

    def __init__(self, value: str, low: float, high: float) -> None:
        super().__init__(value)
        self.min, self.max = low, high


def seed_number(text: str | int) -> int:
    """A seed as typed: a whole number from 0 to ``MAX_SEED``. Parsed here rather than by an
    integer range, whose 19-digit bound would fill a line of every ``--help``. An option's
    default comes here too, as it is written (an int)."""
    text = str(text)
    try:
        value = int(text.strip())
    except ValueError:
        raise OutOfRange(text, 0, MAX_SEED) from None
    if not 0 <= value <= MAX_SEED:
        raise OutOfRange(text, 0, MAX_SEED)
    return value


def share_number(text: str | float) -> float:
    """A share as a French office types it: ``0,8``, ``0.8`` or ``80 %``, from 0,01 to 0,99
    (or an option's default, a float)."""
    text = str(text)
    cleaned = text.strip().replace("\u202f", " ").replace("\xa0", " ")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.rstrip("%").strip().replace(",", "."))
    except ValueError:
        raise OutOfRange(text, 0.01, 0.99) from None
    value = value / 100 if percent else value
    if not 0.01 <= value <= 0.99:  # NaN fails the comparison too
        raise OutOfRange(text, 0.01, 0.99)
    return value


def is_usage_error(error: BaseException) -> bool:
    return any(cls.__name__ == "UsageError" for cls in type(error).__mro__)


def _parameter(error: Any) -> str:
    param = getattr(error, "param", None)
    if param is None:
        return str(getattr(error, "param_hint", "") or "")
    opts = getattr(param, "opts", None) or []
    return opts[0] if opts and opts[0].startswith("-") else str(param.name).upper()


def _missing(error: Any, ctx: Any) -> list[str]:
    """Every required parameter left out, not only the first the parser met: it handles
    those given on the command line first, so any required one it has no value for yet
    was not given."""
    first = _parameter(error)
    if ctx is None or getattr(error, "param", None) is None:
        return [first]
    names = []
    for param in getattr(ctx.command, "params", []):
        if getattr(param, "required", False) and param.name not in ctx.params:
            opts = getattr(param, "opts", None) or []
            names.append(opts[0] if opts and opts[0].startswith("-") else param.name.upper())
    return names if first in names else [first]


def _number(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).replace(".", ",") if language() == "fr" else str(value)


def _range(kind: Any) -> str:
    """The bounds of a numeric option (Typer's option or click's IntRange), told in words."""
    low, high = (_number(getattr(kind, end, None)) for end in ("min", "max"))
    if low is not None and high is not None:
        return " " + t("cli.usage_between", low=low, high=high)
    if low is not None:
        return " " + t("cli.usage_at_least", low=low)
    if high is not None:
        return " " + t("cli.usage_at_most", high=high)
    return ""


# click's own English sentences (parser.py, core.py), told again in the catalogue's words
_EXTRA = re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)$", re.S)
_NEEDS_VALUE = re.compile(r"Option '([^']+)' requires")
_TAKES_NO_VALUE = re.compile(r"Option '([^']+)' does not take a value")


def usage_text(error: Any) -> str:
    """The French (or English) message of a parser error, with the hint to ask for help."""
    kind = type(error).__name__
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "rentree-sim"
    message = str(error.format_message()) if hasattr(error, "format_message") else str(error)
    if kind == "MissingParameter":
        missing = _missing(error, ctx)
        text = t("cli.usage_missing", name=", ".join(missing), count=len(missing))
    elif kind == "NoSuchOption":
        text = t("cli.usage_no_option", name=getattr(error, "option_name", message))
    elif any(cls.__name__ == "BadParameter" for cls in type(error).__mro__):
        choices = getattr(error, "choices", None) or getattr(
            getattr(getattr(error, "param", None), "type", None), "choices", None
        )
        if not choices and "one of" in message:
            choices = re.findall(r"'([^']+)'", message.split("one of", 1)[1])
        text = t("cli.usage_bad_value", name=_parameter(error))
        if choices:
            text += " " + t("cli.usage_choices", choices=", ".join(str(c) for c in choices))
        param = getattr(error, "param", None)
        if isinstance(error, OutOfRange):
            text += _range(error)
        else:
            text += _range(param if hasattr(param, "min") else getattr(param, "type", None))
    elif message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        commands = sorted(getattr(ctx.command, "commands", {})) if ctx is not None else []
        text = t("cli.usage_no_command", name=name, commands=", ".join(commands))
    elif found := _EXTRA.match(message):
        text = t("cli.usage_extra", arguments=found.group(1))
    elif found := _NEEDS_VALUE.match(message):
        text = t("cli.usage_needs_value", name=found.group(1))
    elif found := _TAKES_NO_VALUE.match(message):
        text = t("cli.usage_takes_no_value", name=found.group(1))
    else:
        text = t("cli.usage_other", message=message)
    return text + "\n" + t("cli.usage_hint", command=command)
