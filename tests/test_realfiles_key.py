"""The pseudonymisation key: made once, private, never shown; pseudonyms from it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sim.errors import ImportFileError
from sim.realfiles.key import KEY_FILE, load_key
from sim.realfiles.pseudo import DuplicateIndex, Pseudonyms, normalised_name


def test_the_key_is_created_once_private_and_then_reread(tmp_path: Path) -> None:
    first = load_key(tmp_path)
    assert first.created
    path = tmp_path / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_key(tmp_path)
    assert not again.created and again.secret == first.secret
    assert first.fingerprint == again.fingerprint and len(first.fingerprint) == 8
    assert first.secret.hex() not in repr(first) and first.fingerprint in repr(first)


def test_the_configuration_variable_chooses_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(tmp_path / "ailleurs"))
    key = load_key()
    assert key.path == tmp_path / "ailleurs" / KEY_FILE


def test_a_key_others_can_read_is_refused(tmp_path: Path) -> None:
    load_key(tmp_path)
    os.chmod(tmp_path / KEY_FILE, 0o644)
    with pytest.raises(ImportFileError, match="chmod 600"):
        load_key(tmp_path)


def test_a_link_or_a_damaged_key_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    load_key(elsewhere)
    (tmp_path / "lien").mkdir()
    os.symlink(elsewhere / KEY_FILE, tmp_path / "lien" / KEY_FILE)
    with pytest.raises(ImportFileError, match="clé"):
        load_key(tmp_path / "lien")
    damaged = tmp_path / "abimee"
    damaged.mkdir()
    (damaged / KEY_FILE).write_text("zz\n")
    os.chmod(damaged / KEY_FILE, 0o600)
    with pytest.raises(ImportFileError, match="abîmée"):
        load_key(damaged)


def test_pseudonyms_depend_on_the_key_the_kind_and_the_lycee(tmp_path: Path) -> None:
    key = load_key(tmp_path / "a")
    other = load_key(tmp_path / "b")
    names = Pseudonyms(key, "0330999Z")
    first = names.of("eleve", "7100000001")
    assert first == names.of("eleve", " 7100000001 ")
    assert first.startswith("E-") and len(first) == 12
    assert names.of("responsable", "7100000001").startswith("R-")
    assert names.of("responsable", "7100000001")[2:] != first[2:]
    assert Pseudonyms(key, "0330100J").of("eleve", "7100000001") != first
    assert Pseudonyms(other, "0330999Z").of("eleve", "7100000001") != first
    assert "7100000001" not in repr(names)


def test_names_are_compared_without_accents_case_or_punctuation(tmp_path: Path) -> None:
    assert normalised_name("  Lœvignac-d’Héricourt ") == normalised_name("LOEVIGNAC D HERICOURT")
    index = DuplicateIndex(load_key(tmp_path))
    index.add("E-A", "Brélottin", "Zélinde", "14/03/2010", "")
    index.add("E-B", "BRELOTTIN", "zelinde", "14/03/2010", "")
    index.add("E-C", "Brélottin", "Zélinde", "15/03/2010", "")
    assert index.groups() == [["E-A", "E-B"]]
    assert "Brélottin" not in repr(index)


def test_a_key_that_is_a_folder_or_a_folder_that_is_a_file_is_told(tmp_path: Path) -> None:
    """Both once ended in an internal error or « cannot create: exists already »."""
    (tmp_path / "a" / KEY_FILE).mkdir(parents=True)
    with pytest.raises(ImportFileError, match="pas un fichier ordinaire"):
        load_key(tmp_path / "a")
    (tmp_path / "b").write_text("un fichier")
    with pytest.raises(ImportFileError, match="est un fichier, pas un dossier"):
        load_key(tmp_path / "b")


def test_a_mistyped_file_name_makes_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """diagnostiquer with files that do not exist: told, and no key made in the user's
    configuration folder (it was made first)."""
    from tests.conftest import run_main

    config = tmp_path / "config"
    monkeypatch.setenv("RENTREE_SIM_CONFIG", str(config))
    missing = [str(tmp_path / name) for name in ("sts.xml", "eleves.xml", "structures.xml")]
    options = ["--sts", missing[0], "--eleves", missing[1], "--structures", missing[2]]
    assert run_main(monkeypatch, "diagnostiquer", *options) == 2
    assert not config.exists()
