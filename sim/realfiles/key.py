"""The pseudonymisation key: 32 random bytes kept in the user's configuration folder.

Created on first use (a file only its owner may read), never printed, never written
anywhere else. Outputs carry only its *fingerprint*, so that files made with another key
can be told apart.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from sim.errors import ImportFileError, os_reason
from sim.i18n import t

CONFIG_ENV = "RENTREE_SIM_CONFIG"  # a folder for the key (tests, shared machines)
KEY_FILE = "cle-pseudonymes"
KEY_BYTES = 32
_KEY_TEXT_SIZE = KEY_BYTES * 2 + 1
_KEY_TEXT = re.compile(rb"[0-9a-f]{%d}\n" % (KEY_BYTES * 2))


@dataclass(frozen=True)
class Key:
    """A secret key; its ``repr`` never shows it."""

    secret: bytes
    path: Path
    created: bool = False

    def __repr__(self) -> str:
        return f"Key(fingerprint={self.fingerprint!r}, path={str(self.path)!r})"

    @property
    def fingerprint(self) -> str:
        """Eight hex characters that name the key without revealing it."""
        return hmac.new(self.secret, b"empreinte", hashlib.sha256).hexdigest()[:8]


def key_folder() -> Path:
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_config_dir("rentree-sim", appauthor=False))


def load_key(folder: Path | None = None) -> Key:
    """The key of ``folder`` (the user's configuration folder by default), created there
    on first use."""
    where = folder if folder is not None else key_folder()
    path = where / KEY_FILE
    if os.path.lexists(where) and not where.is_dir():
        raise ImportFileError(where, t("key.folder_not_folder"))
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ImportFileError(path, t("key.unwritable", reason=os_reason(exc))) from None
    try:
        return Key(_create(path), path, created=True)
    except FileExistsError:
        return Key(_read(path), path)


def _create(path: Path) -> bytes:
    secret = secrets.token_bytes(KEY_BYTES)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise
    except OSError as exc:
        raise ImportFileError(path, t("key.unwritable", reason=os_reason(exc))) from None
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secret.hex() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ImportFileError(path, t("key.unwritable", reason=os_reason(exc))) from None
    return secret


def _read(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError as exc:
        raise ImportFileError(path, t("key.unreadable", reason=os_reason(exc))) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # a folder opens too, and cannot be read as a file
        os.close(fd)
        raise ImportFileError(path, t("key.not_regular"))
    with os.fdopen(fd, "rb") as handle:
        if sys.platform != "win32":
            if info.st_uid != os.geteuid():
                raise ImportFileError(path, t("key.not_owner"))
            if info.st_mode & 0o077:
                raise ImportFileError(path, t("key.too_open", mode=f"{info.st_mode & 0o777:o}"))
        text = handle.read(_KEY_TEXT_SIZE + 1)
    if not _KEY_TEXT.fullmatch(text):  # bytes.fromhex would skip spaces: a weak key
        raise ImportFileError(path, t("key.malformed"))
    return bytes.fromhex(text[:-1].decode("ascii"))
