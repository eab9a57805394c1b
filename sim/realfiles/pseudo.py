"""Keyed pseudonyms of the people in a lycée's exports, and the index of probable duplicates.

A pseudonym is ``HMAC-SHA256(key, kind ‖ 0 ‖ UAI ‖ 0 ‖ identifier)`` in base 32, cut to ten
characters: the same person gets the same pseudonym in two imports with the same key, and
nobody can go back from it without the key (a plain hash of an INE could be enumerated).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata
from collections import defaultdict

from sim.errors import ImportFileError
from sim.i18n import t
from sim.realfiles.key import Key

PSEUDONYM_LENGTH = 10
PREFIXES = {"eleve": "E", "responsable": "R", "enseignant": "P"}


class Pseudonyms:
    """The pseudonyms of one lycée's people under one key; two identifiers that would get
    the same pseudonym stop the import (about 1 chance in 10⁷ for 10,000 people)."""

    def __init__(self, key: Key, uai: str) -> None:
        self._secret = key.secret
        self._uai = uai.encode("utf-8")
        self._digests: dict[str, bytes] = {}

    def __repr__(self) -> str:
        return f"Pseudonyms(uai={self._uai.decode()!r}, count={len(self._digests)})"

    @property
    def count(self) -> int:
        """How many different people have been named so far."""
        return len(self._digests)

    def of(self, kind: str, identifier: str, file: str = "") -> str:
        """The pseudonym of ``identifier``, a person of ``kind`` (eleve, responsable,
        enseignant)."""
        message = b"\x00".join((kind.encode(), self._uai, identifier.strip().encode("utf-8")))
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        text = base64.b32encode(digest).decode("ascii")[:PSEUDONYM_LENGTH]
        pseudonym = f"{PREFIXES[kind]}-{text}"
        known = self._digests.setdefault(pseudonym, digest)
        if known != digest:
            raise ImportFileError(file, t("import.pseudonym_collision", pseudonym=pseudonym))
        return pseudonym


_FOLDED = re.compile(r"[\s\-'’]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def normalised_name(text: str) -> str:
    """A name as duplicates are compared: without accents or ligatures, in capitals, with
    hyphens, apostrophes and runs of spaces made one space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _FOLDED.sub(" ", bare.upper()).strip()


class DuplicateIndex:
    """Students met under one name and birth date, or one national id (INE), kept only as
    keyed digests: the names are dropped as soon as each student is read. Its ``repr``
    and its findings show pseudonyms only."""

    def __init__(self, key: Key) -> None:
        self._secret = key.secret
        self._seen: dict[bytes, list[str]] = defaultdict(list)

    def __repr__(self) -> str:
        return f"DuplicateIndex(entries={len(self._seen)})"

    def add(
        self,
        pseudonym: str,
        family_name: str,
        first_name: str,
        birth: str,
        national_id: str,
    ) -> None:
        if family_name.strip() and first_name.strip() and birth.strip():
            identity = "\x00".join(
                (normalised_name(family_name), normalised_name(first_name), birth.strip())
            )
            self._remember(b"identite\x00" + identity.encode("utf-8"), pseudonym)
        if national_id.strip():
            self._remember(b"ine\x00" + national_id.strip().upper().encode("utf-8"), pseudonym)

    def _remember(self, message: bytes, pseudonym: str) -> None:
        digest = hmac.new(self._secret, b"doublon\x00" + message, hashlib.sha256).digest()
        seen = self._seen[digest]
        if pseudonym not in seen:
            seen.append(pseudonym)

    def groups(self) -> list[list[str]]:
        """The students seen under one identity, each set once, in reading order."""
        found: list[list[str]] = []
        known: set[tuple[str, ...]] = set()
        for students in self._seen.values():
            if len(students) > 1 and tuple(students) not in known:
                known.add(tuple(students))
                found.append(list(students))
        return found
