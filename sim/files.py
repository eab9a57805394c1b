"""Writing outputs whole or not at all, and never over something that is not a file.

A file is written beside its target and renamed onto it (through a symbolic link, onto the
link's target); a set of files (``--out DIR``) is written into a staging folder that then
takes the folder's place in one exchange. Destinations are checked before any computation.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from sim.errors import OutputError, os_reason, printable
from sim.i18n import t

MANIFEST = ".rentree-sim"
MAX_MANIFEST_BYTES = 64 * 1024  # a few file names: anything longer is not ours
MAX_NAMED = 5  # other files named in the refusal
_COMMAND_LINE = "# rentree-sim "  # the manifest's first line: the command that wrote it


def _file_mode(base: int) -> int:
    umask = os.umask(0)
    os.umask(umask)
    return base & ~umask


FILE_MODE = _file_mode(0o666)
FOLDER_MODE = _file_mode(0o777)


def _refuse(path: Path | str, key: str, **values: object) -> OutputError:
    return OutputError(t("error.output", path=path, reason=t(key, **values)))


def check_output_file(path: Path, suffixes: Iterable[str] = ()) -> Path:
    """Where a file output will land (a symbolic link's target); refuses a folder, a
    device or pipe, an unknown extension and a folder where nothing can be written."""
    try:
        return _checked_output_file(path, tuple(suffixes))
    except OSError as exc:  # a loop of symbolic links, a name too long…
        raise _refuse(path, "output.unusable", reason=os_reason(exc)) from None


def _checked_output_file(path: Path, allowed: tuple[str, ...]) -> Path:
    if str(path).endswith(os.sep) or path.is_dir():
        raise _refuse(path, "output.is_folder")
    if allowed and not path.suffix:
        raise _refuse(path, "output.no_extension", allowed=", ".join(allowed))
    if allowed and path.suffix.lower() not in allowed:
        raise _refuse(path, "output.extension", suffix=path.suffix, allowed=", ".join(allowed))
    _refuse_dangling(path)
    target = Path(os.path.realpath(path))
    if os.path.lexists(target) and not stat.S_ISREG(os.stat(target).st_mode):
        raise _refuse(path, "output.not_regular")
    if allowed and target.suffix.lower() not in allowed:  # a link to a file of another kind
        raise _refuse(path, "output.link_extension", target=target, allowed=", ".join(allowed))
    _check_writable(path, target.parent)
    return target


def check_not_input(
    path: Path, inputs: Iterable[Path | str | None], rule: str = "output.is_input"
) -> None:
    """Refuse to write ``path`` over one of the files the command reads (``rule``: the
    catalogue's reason, naming the ``source``)."""
    if not os.path.lexists(path):
        return
    for source in inputs:
        if source is not None and os.path.exists(source) and os.path.samefile(source, path):
            raise _refuse(path, rule, source=source)


def _refuse_dangling(path: Path) -> None:
    """A symbolic link on the way to ``path`` that leads nowhere a file can be made:
    writing would make the folders it names, wherever they are. A link to a file still to
    be written, in a folder that exists, is followed like the others."""
    if os.path.isdir(os.path.dirname(os.path.realpath(path))):
        return
    for step in (path, *path.parents):
        if os.path.islink(step) and not os.path.exists(step):
            raise _refuse(path, "output.dangling_link", link=step, to=os.readlink(step))


def check_output_folder(directory: Path, command: str) -> Path:
    """Where a set of files will land: a new folder, an empty one, or one this tool wrote
    for the same ``command`` (another command's results are not replaced without a word)."""
    _refuse_dangling(directory)
    target = Path(os.path.realpath(directory))
    if os.path.lexists(target):
        if not target.is_dir():
            raise _refuse(directory, "output.not_folder")
        try:
            entries = os.listdir(target)
        except OSError as exc:
            raise OutputError(t("error.output", path=directory, reason=os_reason(exc))) from None
        if entries and MANIFEST not in entries:
            raise _refuse(directory, "output.folder_not_ours")
        if entries:
            earlier, written = _manifest(target)
            if earlier is not None and earlier != command:
                raise _refuse(directory, "output.folder_other_command", command=earlier)
            others = sorted(set(entries) - {MANIFEST, *written})
            if others:  # a table saved beside ours, a spreadsheet's lock file: never deleted
                shown = ", ".join(printable(name) for name in others[:MAX_NAMED])
                more = len(others) - MAX_NAMED
                raise _refuse(
                    directory,
                    "output.folder_has_others",
                    files=shown + (t("output.and_more", count=more) if more > 0 else ""),
                )
    _check_writable(directory, target.parent)
    return target


def _manifest(folder: Path) -> tuple[str | None, list[str]]:
    """The command an earlier run in ``folder`` was (None: not recorded, before the
    manifest said it) and the files it wrote, as its manifest lists them."""
    try:
        with open(folder / MANIFEST, "rb") as manifest:
            text = manifest.read(MAX_MANIFEST_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None, []
    lines = [line for line in text.splitlines() if line]
    if lines and lines[0].startswith(_COMMAND_LINE):
        return printable(lines[0][len(_COMMAND_LINE) :]), lines[1:]
    return None, lines


def _check_writable(shown: Path, folder: Path) -> None:
    """A real probe (permissions alone do not tell, for root or in /proc): a temporary
    folder made and removed in the nearest existing ancestor of ``folder``."""
    existing = folder
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise _refuse(shown, "output.parent_not_folder", folder=existing)
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".rentree-sim-", dir=existing))
    except OSError as exc:
        raise OutputError(t("error.output", path=shown, reason=os_reason(exc))) from None


def write_atomically(path: Path, write: Callable[[str], object], mode: int | None = None) -> Path:
    """Call ``write(temporary_path)`` then move the result onto ``path`` (onto its target if
    it is a symbolic link); on failure nothing is left behind and an :class:`OutputError`
    names the path and the reason. ``mode`` keeps a private file private (0600)."""
    target = check_output_file(path)
    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=".rentree-sim-", suffix=target.suffix, dir=target.parent
        )
        os.close(handle)
        # mkstemp makes 0600; outputs are for sharing, unless they hold people's data
        os.chmod(temporary, FILE_MODE if mode is None else mode)
        write(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise OutputError(t("error.output", path=path, reason=os_reason(exc))) from None
    return path


def write_file_set(directory: Path, contents: dict[str, str | bytes], command: str) -> list[Path]:
    """Write ``contents`` as the whole of ``directory``: built in a staging folder beside it,
    which then takes its place; files of an earlier run of ``command`` do not stay beside the
    new ones."""
    target = check_output_folder(directory, command)
    staging: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        manifest = "\n".join([_COMMAND_LINE + command, *contents]) + "\n"
        for name, content in {**contents, MANIFEST: manifest}.items():
            file = staging / name
            if isinstance(content, bytes):
                file.write_bytes(content)
            else:
                file.write_text(content, encoding="utf-8")
            os.chmod(file, FILE_MODE)
        os.chmod(staging, FOLDER_MODE)
        if os.path.lexists(target):
            _exchange(staging, target)  # staging now holds the earlier run
            shutil.rmtree(staging, ignore_errors=True)
        else:
            os.rename(staging, target)
        staging = None
    except OSError as exc:
        raise OutputError(t("error.output", path=directory, reason=os_reason(exc))) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in contents]


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders at once (Linux ``renameat2``); elsewhere, two renames."""
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        code = renameat2(
            _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
        )
        if code == 0:
            return
    aside = first.with_name(first.name + ".old")
    os.rename(second, aside)
    os.rename(first, second)
    os.rename(aside, first)
