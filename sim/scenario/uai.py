"""The UAI (Unité Administrative Immatriculée, formerly RNE) of an établissement.

Seven digits, the first three the département (``033``; Corsica ``620`` and ``720``), then
a check letter: the remainder of the seven digits divided by 23, taken in an alphabet of 23
letters without I, O and Q (``0330021U`` for the lycée Montaigne, Bordeaux).
"""

from __future__ import annotations

import re

from sim.i18n import t

UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
UAI_PATTERN = r"^\s*[0-9]{7}[A-Za-z]\s*$"  # ASCII digits: « \d » takes any script's
_SHAPE = re.compile(UAI_PATTERN)


def uai_key(digits: str) -> str:
    """The check letter of seven digits."""
    return UAI_LETTERS[int(digits) % len(UAI_LETTERS)]


def uai_of(digits: str) -> str:
    """The UAI of seven digits: them and their check letter."""
    return digits + uai_key(digits)


def parse_uai(value: object) -> str:
    """``value`` as a UAI (spaces stripped, upper case); a ValueError names the rule broken."""
    from sim.scenario.translation import shown

    if not isinstance(value, str) or not _SHAPE.match(value):
        raise ValueError(t("rule.uai_pattern", value=shown(value)))
    uai = value.strip().upper()
    expected = uai_key(uai[:7])
    if uai[7] != expected:
        raise ValueError(t("rule.uai_key", value=shown(value), expected=expected, digits=uai[:7]))
    return uai
