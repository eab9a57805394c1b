"""The catalogue: both languages complete, every key used in code present."""

from __future__ import annotations

import re
import string

import pytest

from sim.catalogue import MESSAGES
from sim.i18n import set_language, t
from tests.conftest import ROOT


def test_every_entry_has_french_and_english_with_the_same_placeholders() -> None:
    for key, entry in MESSAGES.items():
        assert set(entry) == {"fr", "en"}, key
        names = [
            {f[1] for f in string.Formatter().parse(entry[lang]) if f[1]} for lang in ("fr", "en")
        ]
        assert names[0] == names[1], key


def test_every_literal_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in (ROOT / "sim").rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z_.]*[a-z_])"', path.read_text(encoding="utf-8")))
    assert used, "no key found: the pattern is wrong"
    assert sorted(used - set(MESSAGES)) == []


def test_dynamic_families_are_complete() -> None:
    from sim.analysis.run_analysis import INFO_CODES, WARNING_CODES
    from sim.domain import Category, Channel, Operation, Store

    for code in WARNING_CODES | INFO_CODES | {"never_consistent"}:
        assert f"warning.{code}" in MESSAGES and f"cause.{code}" in MESSAGES, code
    for category in Category:
        assert f"category.{category.value}" in MESSAGES
    for actor in [*Operation, *Channel]:
        prefix = "operation" if actor in Operation.__members__.values() else "channel"
        assert f"{prefix}.{actor.value}" in MESSAGES
        assert f"short.{actor.value}" in MESSAGES
    for kind in ("arrival", "departure", "division_change", "group_change"):
        assert f"plot.reality_{kind}" in MESSAGES
    for store in Store:
        assert f"system.{store.value}" in MESSAGES


def test_language_switch() -> None:
    set_language("en")
    assert t("summary.never") == "never"
    set_language("fr")
    assert t("summary.never") == "jamais"
    with pytest.raises(ValueError):
        set_language("de")
