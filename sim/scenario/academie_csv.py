"""The spreadsheet a planner has: one row per lycée, read into an académie.

French Excel habits are welcome: ``;`` or ``,``, UTF-8 with or without BOM or Windows-1252,
French headers (``uai;nom;type;eleves;…``), accents and case ignored in headers, ``1 240``,
dates as ``03/09/2026`` (several joined by `` + ``), « non faite » for an operation not done.
A row becomes an académie entry; errors name the CSV's line and the column as written.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from sim.catalogue import MESSAGES
from sim.domain import Operation
from sim.errors import ScenarioError, ScenarioErrors
from sim.i18n import LANGUAGES, t
from sim.scenario.loader import FieldPath
from sim.scenario.reading import ReadingError, read_bytes

MAX_CSV_BYTES = 4 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 64
MAX_CELL = 1_000
# bytes Windows-1252 leaves undefined: a file holding one is not Windows-1252 text
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_NOT_DONE = {"non faite", "non fait", "oubliee", "oublie", "jamais", "manquante"}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII only: « ² » is a digit to Python, not to Excel

# normalised header -> the entry's key
_COLUMNS = {
    "uai": "uai",
    "code_uai": "uai",
    "numero_uai": "uai",
    "uai_etablissement": "uai",
    "rne": "uai",  # the UAI's former name, still in many tables
    "nom": "name",
    "name": "name",
    "etablissement": "name",
    "nom_etablissement": "name",
    "nom_de_l_etablissement": "name",
    "type": "kind",
    "kind": "kind",
    "type_etablissement": "kind",
    "type_d_etablissement": "kind",
    "eleves": "students",
    "students": "students",
    "effectif": "students",
    "effectifs": "students",
    "nombre_eleves": "students",
    "nombre_d_eleves": "students",
    "nb_eleves": "students",
    "divisions": "divisions",
    "divisions_2nde": "divisions.2nde",
    "divisions_1re": "divisions.1re",
    "divisions_tle": "divisions.Tle",
    "enseignants": "teachers",
    "nombre_enseignants": "teachers",
    "nombre_d_enseignants": "teachers",
    "nb_enseignants": "teachers",
    "teachers": "teachers",
    "scenario": "scenario",
    "graine": "seed",
    "seed": "seed",
}
REQUIRED = ("uai", "name", "kind", "students")
_INTEGERS = {"students", "teachers", "seed", "divisions", "divisions.2nde", "divisions.1re"}
_INTEGERS |= {"divisions.Tle"}


def _csv_problem(error: csv.Error) -> str:
    """What Python's CSV reader refused, in the user's language (its own text is English)."""
    if "field larger than field limit" in str(error):
        return t("rule.too_long_text", limit=MAX_CELL)
    return t("rule.csv_syntax", reason=error)


def normalised(header: str) -> str:
    """A header compared without accents, case, spaces, hyphens or apostrophes."""
    text = unicodedata.normalize("NFKD", header)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    return re.sub(r"[\s\-'’]+", "_", text)


def _operation_columns() -> dict[str, str]:
    """Operation ids and their labels in every language, normalised."""
    found = {op.value: op.value for op in Operation}
    for op in Operation:
        entry = MESSAGES.get(f"operation.{op.value}", {})
        for lang in LANGUAGES:
            if lang in entry:
                found[normalised(entry[lang])] = op.value
    return found


class CsvAcademie:
    """What :func:`read_academie_csv` gives: the académie's data as the YAML form holds
    it, the line of every field, and each field's column as the user wrote it."""

    def __init__(self, data: dict[str, Any], lines: dict[FieldPath, int]) -> None:
        self.data = data
        self.lines = lines
        self.columns: dict[FieldPath, str] = {}
        self.headers: dict[str, str] = {}  # an entry's key -> its column as written
        # cells refused while reading: told with the lycées' own errors, all at once
        self.problems: list[ScenarioError] = []

    def field_name(self, field: FieldPath) -> str:
        for end in range(len(field), 0, -1):
            if field[:end] in self.columns:
                return self.columns[field[:end]]
        if len(field) >= 3 and field[0] == "lycees":
            key = ".".join(str(part) for part in field[2:4])
            for name in (key, str(field[2])):
                if name in self.headers:
                    return self.headers[name]
        if field[:1] == ("scenario",):
            return t("rule.csv_common_field")
        return ".".join(str(part) for part in field)


def read_academie_csv(path: Path, common: str | None = None, seed: int = 0) -> CsvAcademie:
    """The académie of the CSV at ``path``; ``common`` is the scenario every row extends
    unless its ``scenario`` column names another (relative to the CSV)."""
    try:
        raw = read_bytes(path, MAX_CSV_BYTES)
    except ReadingError as error:
        raise ScenarioError(path, "", error.rule, error.line) from None
    text = _decoded(path, raw)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ScenarioError(path, "", t("rule.csv_empty"), 1)
    first = _outside_quotes(lines[0])
    # « ; » from French Excel, « , » elsewhere, a tab from « Texte (séparateur : tabulation) »
    separator = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ScenarioError(path, "", _csv_problem(exc), 1) from None
    while header and not header[-1].strip():  # Excel's trailing separators
        header.pop()
    keys = _header_keys(path, header)
    name = path.stem  # a table has no title of its own: it is named by its file
    result = CsvAcademie({"name": name, "seed": seed, "lycees": []}, {})
    result.headers = {key: column.strip() for column, key in zip(header, keys, strict=True)}
    if common is not None:  # named from where the command runs, not from the CSV
        result.data["scenario"] = os.path.realpath(common)
    try:
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num  # a quoted cell may hold line breaks
            if not any(cell.strip() for cell in row):
                continue
            if len(result.data["lycees"]) >= MAX_ROWS:
                raise ScenarioError(path, "", t("rule.csv_too_many_rows", limit=MAX_ROWS))
            _add_row(path, reader.line_num, header, keys, row, result, start)
    except csv.Error as exc:
        raise ScenarioError(path, "", _csv_problem(exc), reader.line_num) from None
    if not result.data["lycees"]:
        if result.problems:  # every row refused: each one says why
            from sim.scenario.academie import MAX_REPORTED_ERRORS as kept

            omitted = max(0, len(result.problems) - kept)
            raise ScenarioErrors(result.problems[:kept], omitted=omitted, subject="academie")
        raise ScenarioError(path, "", t("rule.csv_no_rows"), 1)
    if "scenario" not in result.data:
        named = [e.get("scenario") for e in result.data["lycees"] if e.get("scenario")]
        if len(named) < len(result.data["lycees"]):
            raise ScenarioError(path, "", t("rule.csv_no_common"), 1)
        result.data["scenario"] = named[0]
    return result


def _decoded(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError(path, "", t("rule.csv_utf16"), 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        for position, byte in enumerate(raw):
            if byte in _CP1252_UNDEFINED:
                line = raw[:position].count(b"\n") + 1
                rule = t("rule.csv_encoding", byte=f"0x{byte:02x}")
                raise ScenarioError(path, "", rule, line) from None
        text = raw.decode("cp1252")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ScenarioError(path, "", t("rule.nul_byte"), line)
    return text


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _header_keys(path: Path, header: list[str]) -> list[str]:
    """The entry key of each column (``operations.<id>`` for an operation's dates)."""
    if len(header) > MAX_COLUMNS:
        rule = t("rule.csv_too_many_columns", count=len(header), limit=MAX_COLUMNS)
        raise ScenarioError(path, "", rule, 1)
    operations = _operation_columns()
    keys: list[str] = []
    problems: list[ScenarioError] = []
    for column in header:
        name = normalised(column)
        if name in _COLUMNS:
            keys.append(_COLUMNS[name])
        elif name in operations:
            keys.append("operations." + operations[name])
        else:
            known = sorted({*_COLUMNS, *(op.value for op in Operation)})
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            rule = t("rule.csv_unknown_column", name=column.strip())
            if close:
                rule += t("rule.did_you_mean", name=close[0])
            problems.append(ScenarioError(path, column.strip(), rule, 1))
            keys.append("")
    for key in REQUIRED:
        if key not in keys:
            rule = t(
                "rule.csv_missing_column",
                name=_FRENCH_NAMES[key],
                read=", ".join(c.strip() for c in header),
            )
            problems.append(ScenarioError(path, "", rule, 1))
    if "divisions" in keys and any(k.startswith("divisions.") for k in keys):
        keys = [k if k != "divisions" else "divisions.total" for k in keys]
    repeated = {k for k in keys if k and keys.count(k) > 1}
    repeated |= {"divisions"} if "divisions.total" in keys else set()
    for key in sorted(repeated):
        columns = [
            c.strip()
            for c, k in zip(header, keys, strict=True)
            if k == key or (key == "divisions" and k.startswith("divisions"))
        ]
        rule = t("rule.csv_repeated_column", columns=", ".join(columns))
        problems.append(ScenarioError(path, "", rule, 1))
    if problems:
        raise ScenarioErrors(problems, subject="academie")
    return keys


_FRENCH_NAMES = {"uai": "uai", "name": "nom", "kind": "type", "students": "eleves"}


def _add_row(
    path: Path,
    line: int,
    header: list[str],
    keys: list[str],
    row: list[str],
    result: CsvAcademie,
    start: int,
) -> None:
    index = len(result.data["lycees"])
    here: FieldPath = ("lycees", index)
    entry: dict[str, Any] = {}
    result.lines[here] = line
    while len(row) > len(header) and not row[-1].strip():
        row = row[:-1]
    if len(row) > len(header):  # its cells are shifted: nothing in it can be read
        rule = t("rule.csv_extra_cells", count=len(row), columns=len(header))
        result.problems.append(ScenarioError(path, "", rule, line))
        del result.lines[here]
        return
    broken = next((i for i, cell in enumerate(row) if "\n" in cell), None)
    if broken is not None and len(row) < len(header):
        # a quote never closed: the rest of the file fell into that cell
        problem = ScenarioError(path, header[broken].strip(), t("rule.csv_open_quote"), start)
        result.problems.append(problem)
        del result.lines[here]
        return
    for column, key, cell in zip(header, keys, row, strict=False):
        value = cell.strip()
        if len(value) > MAX_CELL:
            rule = t("rule.too_long_text", limit=MAX_CELL)
            result.problems.append(ScenarioError(path, column.strip(), rule, line))
            continue
        if not value:
            continue  # inherited from the common scenario
        field: FieldPath = (*here, *_path_of(key))
        result.lines[field] = line
        result.columns[field] = column.strip()
        if key.startswith("operations."):
            _set(entry, field[2:], _dates(value))
        elif key in _INTEGERS:
            _set(entry, field[2:], _integer(value))
        else:
            _set(entry, field[2:], value)
    divisions = entry.pop("divisions", None)
    if isinstance(divisions, dict):
        entry["divisions"] = divisions
    elif divisions is not None:
        column = result.headers.get("divisions", "divisions")
        split = _split_total(divisions) if isinstance(divisions, int) else {}
        if not split:
            rule = t("rule.integer", value=divisions)
            result.problems.append(ScenarioError(path, column, rule, line))
        elif divisions < 3 or max(split.values()) > 40:
            rule = t("rule.csv_divisions_total", value=divisions)
            result.problems.append(ScenarioError(path, column, rule, line))
        else:
            entry["divisions"] = split
        result.columns[(*here, "divisions")] = next(
            c.strip() for c, k in zip(header, keys, strict=False) if k == "divisions"
        )
    result.data["lycees"].append(entry)


def _path_of(key: str) -> tuple[str, ...]:
    return tuple(key.split("."))


def _set(entry: dict[str, Any], path: FieldPath, value: Any) -> None:
    node = entry
    for part in path[:-1]:
        node = node.setdefault(str(part), {})
    node[str(path[-1])] = value


def _dates(value: str) -> dict[str, Any]:
    """An operation's cell: its dates, or « non faite »."""
    if normalised(value).replace("_", " ") in _NOT_DONE:
        return {"missing": True}
    dates = [part.strip() for part in value.split("+")]
    if len(dates) == 1:  # one date does the whole operation, whatever the base's parts
        return {"date": dates[0], "share": 1.0}
    return {"date": dates}


def _integer(value: str) -> Any:
    """``1 240`` (any kind of space) as 1240; anything else is left for the format's rule."""
    compact = _SPACES.sub("", value)
    return int(compact) if _DIGITS.fullmatch(compact) else value


def _split_total(total: int) -> dict[str, int]:
    """A total of divisions, split as the académie derives them."""
    from sim.scenario.academie import split_divisions

    return split_divisions(total)


def academie_yaml(table: CsvAcademie, csv_path: Path, output: Path) -> str:
    """The académie file equivalent to a read CSV, its paths relative to ``output``."""
    import os

    import yaml

    folder = Path(os.path.realpath(output)).parent

    def moved(name: str) -> str:
        return os.path.relpath(os.path.realpath(csv_path.parent / name), folder)

    data = dict(table.data)
    data["scenario"] = moved(data["scenario"])
    lycees = []
    for entry in data.pop("lycees"):
        if "scenario" in entry:
            entry = {**entry, "scenario": moved(entry["scenario"])}
        lycees.append(entry)
    data["lycees"] = lycees
    head = t("academie.converted_comment", source=csv_path.name)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"# {head}\n{body}"
