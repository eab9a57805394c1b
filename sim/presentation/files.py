"""Writing output files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sim.errors import OutputError
from sim.i18n import t


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def write_atomically(path: Path, write: Callable[[str], object]) -> Path:
    """Call ``write(temporary_path)`` then move the result onto ``path``; on failure nothing
    is left behind and an :class:`OutputError` names the path and the reason."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=".rentree-sim-", suffix=path.suffix, dir=path.parent
        )
        os.close(handle)
        os.chmod(temporary, FILE_MODE)  # mkstemp makes 0600; outputs are for sharing
        write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise OutputError(t("error.output", path=path, reason=exc)) from None
    return path


def write_file_set(directory: Path, contents: dict[str, str | bytes]) -> list[Path]:
    """Write several files into ``directory``: all are written in a staging folder beside
    them first and moved in only when every one is complete."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".rentree-sim-", dir=directory))
    except OSError as exc:
        raise OutputError(t("error.output", path=directory, reason=exc)) from None
    written = []
    try:
        for name, content in contents.items():
            target = staging / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            os.chmod(target, FILE_MODE)
        for name in contents:
            os.replace(staging / name, directory / name)
            written.append(directory / name)
    except OSError as exc:
        raise OutputError(t("error.output", path=directory, reason=exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
