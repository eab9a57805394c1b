"""Reading a scenario file as hostile input: bounded, regular files only, safe YAML.

The file is read whole up to :data:`MAX_FILE_BYTES`; its YAML event stream is checked
(nesting depth, node count, what aliases would expand to) before anything is built, so a
"billion laughs" file or a device never gets further than a few kilobytes. Mappings refuse
duplicate keys; dates and times stay text for the format's own parsers, and the YAML 1.1
base-60 integers (``21:00`` read as 1260) are not recognised.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from sim.errors import os_reason
from sim.i18n import size_text, t

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_NODES = 20_000
MAX_EXPANDED_NODES = 50_000
SCENARIO_SUFFIXES = (".yaml", ".yml")

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ReadingError(Exception):
    """A file that cannot be read as a scenario; ``rule`` is the catalogue's message."""

    def __init__(self, rule: str, line: int | None = None) -> None:
        self.rule = rule
        self.line = line
        super().__init__(rule)


@contextmanager
def open_regular(path: Path, limit: int) -> Iterator[BinaryIO]:
    """``path`` opened for reading: a regular file of at most ``limit`` bytes, checked on
    the descriptor itself (a file swapped after a check is seen), opened without waiting
    (a pipe swapped in is refused). A device is refused before it is opened."""
    try:
        _check_regular(os.stat(path), limit)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        if "\\" in str(path) and os.sep != "\\":  # a path copied from Windows
            slashed = str(path).replace("\\", "/")
            raise ReadingError(
                t("rule.file_missing_backslash", path=path, slashed=slashed)
            ) from None
        raise ReadingError(t("rule.file_missing", path=path)) from None
    except ValueError:  # a NUL byte in the name
        raise ReadingError(t("rule.path_invalid")) from None
    except IsADirectoryError:
        raise ReadingError(t("rule.file_is_directory")) from None
    except OSError as exc:
        raise ReadingError(t("rule.file_unreadable", reason=os_reason(exc))) from None
    try:
        _check_regular(os.fstat(fd), limit)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        yield handle


def _check_regular(info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ReadingError(t("rule.file_is_directory"))
    if not stat.S_ISREG(info.st_mode):
        raise ReadingError(t("rule.file_not_regular"))
    if info.st_size > limit:
        raise ReadingError(
            t("rule.file_too_large", size=size_text(info.st_size), limit=size_text(limit))
        )


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``: a regular file of at most ``limit`` bytes."""
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReadingError(
            t("rule.file_too_large", size=size_text(len(data)), limit=size_text(limit))
        )
    return data


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of ``path``: a regular file of at most ``limit`` bytes."""
    data = read_bytes(path, limit)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadingError(t("rule.utf16"))  # its 0xff byte would say nothing to the user
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadingError(t("rule.not_utf8", byte=f"0x{data[exc.start]:02x}"), line) from None
    if "\x00" in text:
        raise ReadingError(t("rule.nul_byte"), text[: text.index("\x00")].count("\n") + 1)
    return text


FieldLines = dict[tuple[str | int, ...], int]


def parse_yaml(text: str) -> Any:
    """The data of a YAML document, after the stream's size and shape are checked."""
    return parse_yaml_with_lines(text)[0]


def parse_yaml_with_lines(
    text: str, max_nodes: int = MAX_NODES, max_expanded: int = MAX_EXPANDED_NODES
) -> tuple[Any, FieldLines]:
    """The data of a YAML document and the line (from 1) where each key or list item is
    written, from one composition of the checked stream (at most ``max_nodes`` nodes, and
    ``max_expanded`` once aliases are expanded)."""
    _check_events(text, max_nodes, max_expanded)
    loader = _ScenarioLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise ReadingError(t("rule.yaml_other")) from exc
    finally:
        loader.dispose()
    return data, _field_lines(root)


def _field_lines(root: Any) -> FieldLines:
    lines: FieldLines = {}
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), root)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    lines[(*path, key.value)] = key.start_mark.line + 1
                    pending.append(((*path, key.value), value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                pending.append(((*path, index), item))
    return lines


def _check_events(text: str, max_nodes: int, max_expanded: int) -> None:
    """Refuse, before building anything, a stream too deep, too large or whose aliases
    would expand past ``max_expanded`` nodes."""
    open_collections: list[list[Any]] = []  # [anchor, expanded size so far]
    anchored: dict[str, int] = {}
    nodes = expanded = documents = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ReadingError(t("rule.yaml_several_documents"), _line(event))
                continue
            if isinstance(event, yaml.CollectionStartEvent):
                nodes += 1
                open_collections.append([event.anchor, 1])
                if len(open_collections) > MAX_DEPTH:
                    raise ReadingError(t("rule.yaml_too_deep", limit=MAX_DEPTH), _line(event))
                continue
            if isinstance(event, yaml.ScalarEvent):
                nodes += 1
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchored:
                    raise ReadingError(t("rule.yaml_unknown_alias"), _line(event))
                anchor, size = None, anchored[event.anchor]
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_collections.pop()
            else:
                continue
            if anchor is not None:
                anchored[anchor] = size
            if open_collections:
                open_collections[-1][1] += size
            else:
                expanded += size
            if nodes > max_nodes:
                raise ReadingError(t("rule.yaml_too_many_nodes", limit=max_nodes), _line(event))
            if expanded + sum(entry[1] for entry in open_collections) > max_expanded:
                raise ReadingError(t("rule.yaml_aliases_expand", limit=max_expanded), _line(event))
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise ReadingError(t("rule.yaml_other")) from exc


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


# libyaml's and PyYAML's problem texts, told in the catalogue's language by their gist.
_PROBLEMS = (
    ("exceeded maximum nesting depth", "rule.yaml_nesting"),
    ("found a tab character", "rule.yaml_tab"),
    ("mapping values are not allowed", "rule.yaml_colon"),
    ("could not find expected ':'", "rule.yaml_missing_colon"),
    ("did not find expected key", "rule.yaml_indentation"),
    ("did not find expected '-' indicator", "rule.yaml_indentation"),
    ("did not find expected node content", "rule.yaml_missing_value"),
    ("found undefined alias", "rule.yaml_unknown_alias"),
    ("found unknown escape character", "rule.yaml_escape"),
    ("found unexpected end of stream", "rule.yaml_unclosed"),
    ("did not find expected ',' or ']'", "rule.yaml_unclosed"),
    ("did not find expected ',' or '}'", "rule.yaml_unclosed"),
    ("while parsing a quoted scalar", "rule.yaml_unclosed"),
    ("found unhashable key", "rule.key_not_text"),
    ("could not determine a constructor", "rule.yaml_tag"),
    ("found character that cannot start any token", "rule.yaml_bad_character"),
    ("control characters are not allowed", "rule.yaml_bad_character"),
)


def _yaml_error(exc: yaml.MarkedYAMLError, source: str) -> ReadingError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "?"
    if mark is not None and source[mark.index : mark.index + 1] == "\t":
        return ReadingError(t("rule.yaml", line=where, problem=t("rule.yaml_tab")), line)
    text = f"{exc.context or ''} {exc.problem or ''}"
    if "tag:yaml.org,2002:merge" in text:  # « <<: *base »: the tag the message names
        return ReadingError(t("rule.yaml", line=where, problem=t("rule.yaml_merge")), line)
    for gist, key in _PROBLEMS:
        if gist in text:
            return ReadingError(t("rule.yaml", line=where, problem=t(key)), line)
    return ReadingError(t("rule.yaml", line=where, problem=t("rule.yaml_other")), line)


def _without_base_60(
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]],
) -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """YAML 1.1's implicit resolvers, less the base-60 numbers and the timestamps."""
    kept: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in resolvers.items():
        kept[first] = [
            (tag, _decimal_only(tag, pattern))
            for tag, pattern in entries
            if tag != "tag:yaml.org,2002:timestamp"
        ]
    return kept


_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""", re.X
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    re.X,
)


def _decimal_only(tag: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    if tag == "tag:yaml.org,2002:int":
        return _INT
    if tag == "tag:yaml.org,2002:float":
        return _FLOAT
    return pattern


class _ScenarioLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader: no duplicate keys, keys are text, no base-60 numbers, dates as text."""

    yaml_implicit_resolvers = _without_base_60(_BaseLoader.yaml_implicit_resolvers)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, int] = {}
        previous: Any = None  # the value node before this key
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                rule = t("rule.key_not_text")
                if _split_decimal(node, previous, key_node):
                    # as written: « 0,05 » reads 0 then 5, the hint must say 0.05
                    whole, part = previous.value, key_node.value
                    rule += t("rule.key_after_decimal_comma", whole=whole, part=part)
                raise ReadingError(rule, line)
            previous = value_node
            if key in seen:
                raise ReadingError(
                    t("rule.duplicate_key", name=key, first=seen[key], second=line), line
                )
            seen[key] = line
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def _split_decimal(node: Any, previous: Any, key: Any) -> bool:
    """``{share: 0,7}``: between braces, digits after a number read as a decimal comma (YAML
    took « 7 » for a key)."""
    return (
        bool(node.flow_style)
        and isinstance(previous, yaml.ScalarNode)
        and isinstance(key, yaml.ScalarNode)
        and _DIGITS_ONLY.fullmatch(previous.value) is not None
        and _DIGITS_ONLY.fullmatch(key.value) is not None
    )


_DIGITS_ONLY = re.compile(r"[+-]?\d+")


_ScenarioLoader.add_constructor("tag:yaml.org,2002:timestamp", _BaseLoader.construct_yaml_str)


def is_scenario_path(path: Path) -> bool:
    return path.suffix.lower() in SCENARIO_SUFFIXES
