"""The one catalogue of user-facing text, in French (default) and English.

Every string a person reads goes through :func:`t`. The language is chosen once per
process with :func:`set_language` (the CLI's ``--lang``) or ``RENTREE_SIM_LANG``.
"""

from __future__ import annotations

import os
from typing import Any

from sim.catalogue import MESSAGES

LANGUAGES = ("fr", "en")
_language = (
    os.environ.get("RENTREE_SIM_LANG", "fr")
    if os.environ.get("RENTREE_SIM_LANG", "fr") in LANGUAGES
    else "fr"
)


def set_language(language: str) -> None:
    """Choose the language of every later message (``fr`` or ``en``)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {LANGUAGES}")
    _language = language


def language() -> str:
    return _language


def t(key: str, **values: Any) -> str:
    """The message ``key`` in the current language, formatted with ``values``."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"message key {key!r} is not in the catalogue")
    return entry[_language].format(**values)


def label(kind: str, ident: str) -> str:
    """Human name of an identifier (system, category, operation, channel)."""
    key = f"{kind}.{ident}"
    return t(key) if key in MESSAGES else ident
