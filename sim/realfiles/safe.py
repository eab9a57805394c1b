"""Opening a school export as hostile input: bounded bytes, checked archives, known
encodings, and a streamed XML parse with DTDs and entities refused.

Nothing is extracted to disk and no element tree is built: the bytes of the file (or of the
chosen member of a zip archive) are fed in chunks to a defused expat parser whose target
hands each element's path, attributes and line to a :class:`ElementHandler`, and keeps the
text only of the paths the handler asks for.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Protocol
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from sim.errors import ImportFileError, os_reason, printable
from sim.i18n import t
from sim.scenario.reading import ReadingError, open_regular

CHUNK = 64 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024  # a plain XML export, or a zip archive
MAX_XML_BYTES = 64 * 1024 * 1024  # once decompressed
MAX_ARCHIVE_TOTAL = 256 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 16
MAX_RATIO = 200
MAX_DEPTH = 16
MAX_ELEMENTS = 1_000_000  # a 6,000-student export holds about 400,000
MAX_TEXT = 4096
MAX_ATTRIBUTES = 32
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# The encodings SIECLE and STS-WEB write, and those a re-save may give; expat knows them.
ENCODINGS = {
    "iso-8859-15": "iso-8859-15",
    "iso-8859-1": "iso-8859-1",
    "utf-8": "utf-8",
    "windows-1252": "cp1252",
    "us-ascii": "ascii",
}
_DECLARATION = re.compile(
    rb"^(?:\xef\xbb\xbf)?<\?xml\s[^>]*?encoding\s*=\s*[\"']([^\"']{1,40})[\"']"
)
_ROOT = re.compile(rb"<([A-Za-z_][A-Za-z0-9_.-]{0,60})[\s/>]")
_BAD_MEMBER = re.compile(r"(^[/\\])|(^[A-Za-z]:)|\\|[\x00-\x1f\x7f]")

# expat's error codes (xml.parsers.expat.errors), told in the catalogue's language
_EXPAT = {
    2: "import.xml_syntax",
    3: "import.xml_empty",
    4: "import.xml_invalid_token",
    5: "import.xml_unclosed",
    6: "import.xml_partial_character",
    7: "import.xml_mismatched_tag",
    8: "import.xml_duplicate_attribute",
    9: "import.xml_junk_after",
    11: "import.xml_undefined_entity",
    18: "import.xml_unknown_encoding",
    19: "import.xml_incorrect_encoding",
}


class ElementHandler(Protocol):
    """What a reader does with the elements of one export."""

    def keeps(self, path: tuple[str, ...]) -> bool:
        """Whether the text of the element at ``path`` is wanted (else it is dropped)."""
        ...

    def start(self, path: tuple[str, ...], attributes: Mapping[str, str], line: int) -> None: ...

    def end(self, path: tuple[str, ...], text: str, line: int) -> None: ...


class Located(Exception):
    """Raised by a handler: ``rule`` broken at the element being read (the parser adds the
    file, the element's path and the line)."""

    def __init__(self, rule: str) -> None:
        self.rule = rule
        super().__init__(rule)


def read_export(
    path: Path, roots: Mapping[str, str], expected_root: str, handler: ElementHandler
) -> str | None:
    """Stream the export at ``path`` (plain XML or a zip archive holding it) into
    ``handler``; ``roots`` names every known export's root for the wrong-file message.
    Returns the archive member read, if any."""
    with _opened(path) as handle:
        magic = handle.read(len(ZIP_MAGIC))
        if magic == ZIP_MAGIC:
            handle.seek(0)
            return _read_archive(path, handle, roots, expected_root, handler)
        if magic == EMPTY_ZIP_MAGIC:  # an archive's end with no file before it
            raise ImportFileError(path, t("import.archive_empty"))
        if path.suffix.lower() == ".zip":
            raise ImportFileError(path, t("import.not_a_zip"))
        handle.seek(0)
        _parse(path, None, _chunks(handle, path, None), roots, expected_root, handler)
        return None


def check_present(path: Path) -> None:
    """``path`` names a file that exists (not a folder): told before anything else is made,
    such as the pseudonymisation key. Its content is checked when it is read."""
    if "\x00" in str(path):
        raise ImportFileError("?", t("import.file_missing"))
    if os.path.isdir(path):
        raise ImportFileError(path, t("import.file_is_directory"))
    if not os.path.lexists(path):
        raise ImportFileError(path, t("import.file_missing"))


@contextmanager
def _opened(path: Path) -> Iterator[IO[bytes]]:
    """``path`` opened: a regular, non-empty file of at most :data:`MAX_FILE_BYTES`."""
    try:
        with open_regular(path, MAX_FILE_BYTES) as handle:
            if os.fstat(handle.fileno()).st_size == 0:
                raise ImportFileError(path, t("import.file_empty"))
            yield handle
    except ReadingError as error:
        if os.path.isdir(path):
            raise ImportFileError(path, t("import.file_is_directory")) from None
        if "\x00" not in str(path) and not os.path.lexists(path):
            raise ImportFileError(path, t("import.file_missing")) from None
        raise ImportFileError(path if "\x00" not in str(path) else "?", error.rule) from None


def _chunks(handle: IO[bytes], path: Path, member: str | None) -> Iterator[bytes]:
    """The bytes in chunks, the first one long enough to hold the XML declaration (a zip
    member may give a few bytes at a time)."""
    head = b""
    for chunk in _raw_chunks(handle, path, member):
        if head is not None:
            head += chunk
            if len(head) < _HEAD:
                continue
            chunk, head = head, None  # type: ignore[assignment]
        yield chunk
    if head:
        yield head


_HEAD = 512


def _raw_chunks(handle: IO[bytes], path: Path, member: str | None) -> Iterator[bytes]:
    total = 0
    while True:
        try:
            chunk = handle.read(CHUNK)
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise ImportFileError(path, t("import.archive_corrupt"), member=member) from None
        except OSError as exc:
            if member is not None:  # a zip stream's own failure, not the disk's
                raise ImportFileError(path, t("import.archive_corrupt"), member=member) from None
            raise ImportFileError(path, t("rule.file_unreadable", reason=os_reason(exc))) from None
        if not chunk:
            return
        total += len(chunk)
        if total > MAX_XML_BYTES:
            raise ImportFileError(
                path, t("import.xml_too_large", limit=MAX_XML_BYTES // 2**20), member=member
            )
        yield chunk


def _read_archive(
    path: Path,
    handle: IO[bytes],
    roots: Mapping[str, str],
    expected_root: str,
    handler: ElementHandler,
) -> str:
    _check_directory_end(path, handle)
    try:
        archive = zipfile.ZipFile(handle)
    except _ZIP_FAILURES:
        raise ImportFileError(path, t("import.archive_unreadable")) from None
    with archive:
        members = _checked_members(path, archive)
        chosen = _choose_member(path, archive, members, expected_root)
        try:
            with archive.open(chosen) as stream:
                _parse(
                    path,
                    chosen.filename,
                    _chunks(stream, path, chosen.filename),
                    roots,
                    expected_root,
                    handler,
                )
        except _ZIP_FAILURES:
            raise ImportFileError(
                path, t("import.archive_corrupt"), member=chosen.filename
            ) from None
    return chosen.filename


# What zipfile raises on a damaged or forged archive (a negative seek, an unknown version,
# an empty name...): all mean the archive cannot be trusted.
_ZIP_FAILURES = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    IndexError,
    KeyError,
    struct.error,
)
_END_SIGNATURE = b"PK\x05\x06"
_END_SIZE = 22
MAX_DIRECTORY_BYTES = 1024 * 1024


def _check_directory_end(path: Path, handle: IO[bytes]) -> None:
    """The archive's end record, read before zipfile parses its directory: few entries
    and a small directory (an archive of a million entries is refused at once)."""
    size = os.fstat(handle.fileno()).st_size
    handle.seek(max(0, size - _END_SIZE - 65535))
    tail = handle.read()
    handle.seek(0)
    found = tail.rfind(_END_SIGNATURE)
    if found < 0 or len(tail) - found < _END_SIZE:
        raise ImportFileError(path, t("import.archive_unreadable"))
    entries, directory = struct.unpack("<HI", tail[found + 10 : found + 16])
    if entries == 0xFFFF or directory == 0xFFFFFFFF:
        raise ImportFileError(path, t("import.archive_zip64"))
    if entries > MAX_ARCHIVE_MEMBERS or directory > MAX_DIRECTORY_BYTES:
        raise ImportFileError(
            path, t("import.archive_too_many", count=entries, limit=MAX_ARCHIVE_MEMBERS)
        )


def _checked_members(path: Path, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's files, every one checked before anything is decompressed."""
    entries = archive.infolist()
    if len(entries) > MAX_ARCHIVE_MEMBERS:
        raise ImportFileError(
            path, t("import.archive_too_many", count=len(entries), limit=MAX_ARCHIVE_MEMBERS)
        )
    total = 0
    files = []
    seen: set[str] = set()
    for info in entries:
        name = info.filename
        if not name:
            raise ImportFileError(path, t("import.archive_bad_name", name=""))
        if name in seen:  # which one is read depends on the tool: neither is trusted
            raise ImportFileError(path, t("import.archive_duplicate", name=printable(name)))
        seen.add(name)
        shown = name.encode("unicode_escape").decode("ascii") if _BAD_MEMBER.search(name) else name
        if _BAD_MEMBER.search(name) or ".." in PurePosixPath(name).parts:
            raise ImportFileError(path, t("import.archive_bad_name", name=shown))
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ImportFileError(path, t("import.archive_link", name=name))
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise ImportFileError(path, t("import.archive_encrypted", name=name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportFileError(path, t("import.archive_method"), member=name)
        if name.lower().endswith(".zip"):
            raise ImportFileError(path, t("import.archive_nested", name=name))
        if info.file_size > MAX_XML_BYTES:
            raise ImportFileError(
                path,
                t("import.archive_member_large", name=name, limit=MAX_XML_BYTES // 2**20),
            )
        if info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(path, t("import.archive_ratio", name=name, limit=MAX_RATIO))
        total += info.file_size
        if total > MAX_ARCHIVE_TOTAL:
            raise ImportFileError(path, t("import.archive_total", limit=MAX_ARCHIVE_TOTAL // 2**20))
        files.append(info)
    return files


def _choose_member(
    path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], expected_root: str
) -> zipfile.ZipInfo:
    """The member holding the export: the only XML file, or the one whose root is the
    expected one (a Mac's ``__MACOSX/._x.xml`` and hidden files do not count)."""
    candidates = [
        info
        for info in members
        if info.filename.lower().endswith(".xml")
        and not any(
            part.startswith((".", "__MACOSX")) for part in PurePosixPath(info.filename).parts
        )
    ]
    if not candidates:
        raise ImportFileError(path, t("import.archive_no_xml"))
    if len(candidates) == 1:
        return candidates[0]
    matching = [info for info in candidates if _peek_root(path, archive, info) == expected_root]
    if len(matching) == 1:
        return matching[0]
    names = ", ".join(info.filename for info in (matching or candidates))
    raise ImportFileError(path, t("import.archive_several", names=names, root=expected_root))


def _peek_root(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    try:
        with archive.open(info) as stream:
            head = stream.read(4096)
    except _ZIP_FAILURES:
        raise ImportFileError(path, t("import.archive_corrupt"), member=info.filename) from None
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.S)
    found = _ROOT.search(body)
    return found.group(1).decode("ascii") if found else None


_WIDE_STARTS = (b"<\x00", b"\x00<", b"\x00\x00")  # "<" in UTF-16 or UTF-32, without a BOM


def declared_encoding(path: Path, member: str | None, head: bytes) -> str:
    """The Python codec of the encoding the XML declaration names (UTF-8 without one);
    UTF-16 or UTF-32 files and unknown encodings are refused before expat sees them."""
    start = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or start[:2] in _WIDE_STARTS:
        raise ImportFileError(path, t("import.encoding_wide"), member=member)
    if start and (not start.startswith(b"<") or b"\x00" in head[:200]):
        # an image, a PDF, a spreadsheet: not the export, whatever its encoding (its
        # content is not shown: a table may hold people's names)
        text = b"\x00" not in head[:200] and all(b >= 0x20 or b in b"\t\r\n" for b in head[:200])
        raise ImportFileError(
            path, t("import.not_xml_text" if text else "import.not_xml"), member=member
        )
    declaration = head.removeprefix(codecs.BOM_UTF8)
    if declaration.startswith(b"<?xml"):
        end = declaration.find(b"?>")
        if end < 0:
            raise ImportFileError(path, t("import.declaration_long"), member=member, line=1)
        head = head[: len(head) - len(declaration) + end + 2]
    found = _DECLARATION.match(head)
    if found is None:
        return "utf-8"
    name = found.group(1).decode("ascii", "replace").strip().lower()
    codec = ENCODINGS.get(name)
    if codec is None:
        raise ImportFileError(
            path,
            t("import.encoding_unknown", name=found.group(1).decode("ascii", "replace")),
            member=member,
            line=1,
        )
    if head.startswith(codecs.BOM_UTF8) and codec != "utf-8":
        raise ImportFileError(path, t("import.encoding_bom", name=name.upper()), member=member)
    return codec


class _Target:
    """The parser's target: the path stack, the bounds, the text of wanted paths."""

    def __init__(
        self, handler: ElementHandler, expected_root: str, roots: Mapping[str, str]
    ) -> None:
        self.handler = handler
        self.expected_root = expected_root
        self.roots = roots
        self.paths: list[tuple[str, ...]] = []
        self.texts: list[list[str] | None] = []
        self.text_sizes: list[int] = []
        self.elements = 0
        self.line = 1
        self.parser: DefusedXMLParser | None = None

    def _line(self) -> int:
        assert self.parser is not None
        line: int = self.parser.parser.CurrentLineNumber
        self.line = line
        return line

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        line = self._line()
        if not self.paths and tag != self.expected_root:
            raise Located(_wrong_root(tag, self.expected_root, self.roots))
        path = (*self.paths[-1], tag) if self.paths else (tag,)
        self.paths.append(path)
        self.elements += 1
        if len(path) > MAX_DEPTH:
            raise Located(t("import.xml_too_deep", limit=MAX_DEPTH))
        if self.elements > MAX_ELEMENTS:
            raise Located(t("import.xml_too_many", limit=MAX_ELEMENTS))
        if len(attributes) > MAX_ATTRIBUTES:
            raise Located(t("import.xml_attributes", limit=MAX_ATTRIBUTES))
        for value in attributes.values():
            if len(value) > MAX_TEXT:
                raise Located(t("import.xml_text_long", limit=MAX_TEXT))
        keep = self.handler.keeps(path)
        self.texts.append([] if keep else None)
        self.text_sizes.append(0)
        self.handler.start(path, attributes, line)

    def data(self, text: str) -> None:
        if self.texts and (kept := self.texts[-1]) is not None:
            self.text_sizes[-1] += len(text)
            if self.text_sizes[-1] > MAX_TEXT:
                self._line()
                raise Located(t("import.xml_text_long", limit=MAX_TEXT))
            kept.append(text)

    def end(self, tag: str) -> None:
        line = self._line()
        path = self.paths[-1]
        kept = self.texts.pop()
        self.text_sizes.pop()
        self.handler.end(path, "".join(kept).strip() if kept is not None else "", line)
        self.paths.pop()

    def close(self) -> None:
        return None


def _wrong_root(tag: str, expected: str, roots: Mapping[str, str]) -> str:
    found = roots.get(tag)
    wanted = roots.get(expected, expected)
    if tag == "EDT_STS":
        return t("import.root_edt_sts", wanted=wanted)
    if found is not None:
        return t("import.root_other_export", found=found, wanted=wanted)
    return t("import.root_unknown", root=tag[:60], wanted=wanted)


def _parse(
    path: Path,
    member: str | None,
    chunks: Iterator[bytes],
    roots: Mapping[str, str],
    expected_root: str,
    handler: ElementHandler,
) -> None:
    target = _Target(handler, expected_root, roots)
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    target.parser = parser
    decoder: codecs.IncrementalDecoder | None = None
    checked_codec = ""
    declared = False
    lines = 1

    def refuse(rule: str, line: int | None) -> ImportFileError:
        element = "/".join(target.paths[-1]) if target.paths else ""
        return ImportFileError(path, rule, element=element, line=line, member=member)

    try:
        for chunk in chunks:
            if checked_codec == "":
                codec = declared_encoding(path, member, chunk[:_HEAD])
                declared = _DECLARATION.match(chunk[:_HEAD]) is not None
                # expat trusts single-byte tables; the bytes are checked against the codec
                decoder = (
                    codecs.getincrementaldecoder(codec)()
                    if codec in ("utf-8", "cp1252", "ascii")
                    else None
                )
                checked_codec = codec
            if decoder is not None:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    line = lines + chunk[: exc.start].count(b"\n")
                    raise ImportFileError(
                        path,
                        t(
                            "import.encoding_wrong_bytes"
                            if declared
                            else "import.encoding_undeclared_bytes",
                            name=checked_codec.upper(),
                            byte=f"0x{chunk[exc.start]:02x}",
                        ),
                        line=line,
                        member=member,
                    ) from None
            lines += chunk.count(b"\n")
            parser.feed(chunk)
        if decoder is not None:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise ImportFileError(
                    path,
                    t("import.xml_malformed", column=1, problem=t("import.xml_partial_character")),
                    line=lines,
                    member=member,
                ) from None
        parser.close()
    except Located as exc:
        raise refuse(exc.rule, target.line) from None
    except DTDForbidden:
        raise refuse(t("import.xml_dtd"), target.line) from None
    except EntitiesForbidden:
        raise refuse(t("import.xml_entity"), target.line) from None
    except DefusedXmlException:
        raise refuse(t("import.xml_external"), target.line) from None
    except ParseError as exc:
        key = _EXPAT.get(exc.code, "import.xml_other")
        line, column = exc.position
        return_rule = t(key) if key != "import.xml_other" else t(key, code=exc.code)
        raise ImportFileError(
            path,
            t("import.xml_malformed", column=column + 1, problem=return_rule),
            line=line,
            member=member,
        ) from None
    if not target.elements:
        raise ImportFileError(path, t("import.file_empty"), member=member)
