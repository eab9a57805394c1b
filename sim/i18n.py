"""The one catalogue of user-facing text, in French (default) and English.

Every string a person reads goes through :func:`t`. The language is chosen once per
process with :func:`set_language` (the CLI's ``--lang``) or ``RENTREE_SIM_LANG``.
"""

from __future__ import annotations

import os
import re
from typing import Any

from sim.catalogue import MESSAGES

LANGUAGES = ("fr", "en")


def language_code(value: str) -> str:
    """The language a locale-style value names: « EN », « en_GB », « en_US.UTF-8 » → en
    (unknown values come back as typed, lower-cased, for the caller to refuse)."""
    return re.split(r"[_.\-@]", value.strip().lower(), maxsplit=1)[0] or value


_asked = language_code(os.environ.get("RENTREE_SIM_LANG", "fr"))
_language = _asked if _asked in LANGUAGES else "fr"


def language_from_arguments(words: list[str]) -> None:
    """Set the language a command line asks for (``--lang en`` or ``--lang=en``, anywhere on
    it), before the command-line modules are read: their help texts are made in it."""
    for i, word in enumerate(words):
        value = words[i + 1] if word == "--lang" and i + 1 < len(words) else None
        if word.startswith("--lang="):
            value = word.split("=", 1)[1]
        if value is not None and language_code(value) in LANGUAGES:
            set_language(language_code(value))


def set_language(language: str) -> None:
    """Choose the language of every later message (``fr`` or ``en``)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {LANGUAGES}")
    _language = language


def language() -> str:
    return _language


def t(key: str, **values: Any) -> str:
    """The message ``key`` in the current language, formatted with ``values``; its singular
    form (``fr_one``, ``en_one``) when the number it agrees with (``by``, else ``count``)
    is singular in that language."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"message key {key!r} is not in the catalogue")
    one = entry.get(_language + "_one")
    if one is not None and _singular(values.get(entry.get("by", "count"))):
        return one.format(**values)
    return entry[_language].format(**values)


def _singular(value: Any) -> bool:
    """Whether a number (or its text, « 1 200 », « +1 ») takes the singular: 0 and 1 in
    French (« 0 erreur »), 1 in English."""
    try:
        number = abs(float(re.sub(r"[\s\u202f\xa0+]", "", str(value)).replace(",", ".")))
    except ValueError:
        return False
    return number < 2 if _language == "fr" else number == 1


def label(kind: str, ident: str) -> str:
    """Human name of an identifier (system, category, operation, channel)."""
    key = f"{kind}.{ident}"
    return t(key) if key in MESSAGES else ident


def size_text(size: int) -> str:
    """A file's size as an office reads it: « 288,4 Mo », « 12 ko », « 512 octets »."""
    for unit, scale in (("mb", 1024**2), ("kb", 1024)):
        if size >= scale:
            value = f"{size / scale:.1f}".removesuffix(".0")
            if language() == "fr":
                value = value.replace(".", ",")
            return t(f"size.{unit}", value=value)
    return t("size.bytes", value=size)
