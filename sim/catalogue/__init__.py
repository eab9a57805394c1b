"""Every user-facing message, French first, English beside it, one module per area.

Keys are stable identifiers; :mod:`sim.i18n` looks them up.
"""

from __future__ import annotations

from sim.catalogue import (
    academie,
    commands,
    diagnosis,
    errors,
    inputs,
    names,
    pictures,
    realfiles,
    risk,
    schema,
    texts,
)

PARTS = (
    errors,
    inputs,
    names,
    texts,
    commands,
    pictures,
    risk,
    schema,
    academie,
    realfiles,
    diagnosis,
)

MESSAGES: dict[str, dict[str, str]] = {}
for _part in PARTS:
    _clash = MESSAGES.keys() & _part.MESSAGES.keys()
    if _clash:
        raise RuntimeError(f"message keys defined twice in the catalogue: {sorted(_clash)}")
    MESSAGES.update(_part.MESSAGES)
for _key, (_fr_one, _en_one) in texts.SINGULARS.items():
    MESSAGES[_key] = {**MESSAGES[_key], "fr_one": _fr_one, "en_one": _en_one}
