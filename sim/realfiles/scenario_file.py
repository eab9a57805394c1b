"""The two files an import writes: the scenario (YAML, extends a calendar) and its data."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from sim.errors import OutputError
from sim.i18n import t
from sim.presentation.files import write_atomically
from sim.scenario.donnees import EstablishmentData, data_json

PRIVATE_MODE = 0o600  # the data file holds people, under pseudonyms: its owner's only


def import_scenario_text(
    data: EstablishmentData, model: Path, target: Path, data_name: str, name: str
) -> str:
    """The scenario of an imported lycée: ``model``'s calendar, the data file's lycée."""
    extends = os.path.relpath(os.path.abspath(model), os.path.dirname(os.path.abspath(target)))
    body = {
        "extends": extends,
        "name": name,
        "etablissement": {"name": name, "uai": data.uai, "donnees": data_name},
    }
    header = "".join(
        f"# {line}\n"
        for line in t(
            "import.scenario_header", uai=data.uai, year=data.annee, fingerprint=data.empreinte_cle
        ).split("\n")
    )
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


def write_import(target: Path, text: str, data_path: Path, data: EstablishmentData) -> None:
    """The data file then the scenario, each whole; if the scenario cannot be written, the
    data file goes too (a scenario never points at a missing or older data file)."""
    content = data_json(data)
    write_atomically(
        data_path, lambda temporary: Path(temporary).write_text(content, "utf-8"), PRIVATE_MODE
    )
    try:
        write_atomically(target, lambda temporary: Path(temporary).write_text(text, "utf-8"))
    except OutputError:
        data_path.unlink(missing_ok=True)
        raise
