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
        forms = {"fr", "en"}
        if "fr_one" in entry:  # a singular form in both languages, agreeing with one number
            forms |= {"fr_one", "en_one"}
        assert set(entry) - {"by"} == forms, key
        names = [{f[1] for f in string.Formatter().parse(entry[form]) if f[1]} for form in forms]
        assert all(n == names[0] for n in names), key
        assert "(s)" not in entry["fr"] or forms == {"fr", "en"}, key


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("fr", 0, "Scénario invalide (0 erreur) :"),
        ("fr", 1, "Scénario invalide (1 erreur) :"),
        ("fr", 2, "Scénario invalide (2 erreurs) :"),
        ("fr", "1\u202f200", "Scénario invalide (1\u202f200 erreurs) :"),
        ("en", 0, "Invalid scenario (0 errors):"),
        ("en", 1, "Invalid scenario (1 error):"),
    ],
)
def test_a_number_chooses_the_singular_or_the_plural(
    language: str, count: object, expected: str
) -> None:
    set_language(language)
    try:
        assert t("cli.invalid_scenario", count=count) == expected
    finally:
        set_language("fr")
    assert t("ics.slack", slack="+1") == " (marge : +1 jour travaillé)"
    assert t("ics.slack", slack="+3") == " (marge : +3 jours travaillés)"


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


@pytest.mark.parametrize(
    ("value", "code"),
    [("EN", "en"), ("en_GB", "en"), ("en_US.UTF-8", "en"), ("fr_FR@euro", "fr"), ("de", "de")],
)
def test_a_locale_style_language_names_its_code(value: str, code: str) -> None:
    from sim.i18n import language_code

    assert language_code(value) == code


def test_english_follows_english_typography() -> None:
    """No space before % and no French quotes in English; readable CSV headers (the
    international form keeps its column ids, which are not these texts)."""
    for key, entry in MESSAGES.items():
        for form in ("en", "en_one"):
            if form in entry:
                assert not re.search(r"(\S|\}) %", entry[form]), key
    set_language("en")
    try:
        assert t("csv.{target}_from", target="GAR") == "GAR right from"
        assert t("format.percent", value=12) == "12%"
    finally:
        set_language("fr")
