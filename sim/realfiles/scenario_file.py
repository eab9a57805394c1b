"""The two files an import writes: the scenario (YAML, extends a calendar) and its data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from sim.errors import OutputError, os_reason
from sim.files import FILE_MODE, write_atomically
from sim.i18n import t
from sim.scenario.donnees import DATA_SUFFIX, EstablishmentData, data_json
from sim.scenario.loader import extends_reference

PRIVATE_MODE = 0o600  # the data file holds people, under pseudonyms: its owner's only


def import_scenario_text(
    data: EstablishmentData, model: Path, target: Path, data_name: str, name: str
) -> str:
    """The scenario of an imported lycée: ``model``'s calendar, the data file's lycée."""
    extends = extends_reference(model, os.path.dirname(os.path.abspath(target)))
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


def write_import(
    target: Path,
    text_for: Callable[[str], str],
    data_path: Path,
    data: EstablishmentData,
    check: Callable[[Path], object],
) -> None:
    """Write the data file and its scenario (``text_for(data file name)``) only once both,
    written beside the target under temporary names, pass ``check``; then put them in place,
    the data file first: a scenario never points at a missing data file."""
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporaries: list[Path] = []
    try:
        data_file = _temporary(folder, DATA_SUFFIX, data_json(data), PRIVATE_MODE)
        temporaries.append(data_file)
        trial = _temporary(folder, ".yaml", text_for(data_file.name), FILE_MODE)
        temporaries.append(trial)
        check(trial)
        os.replace(data_file, data_path)
        temporaries.remove(data_file)
    except OSError as exc:
        raise OutputError(t("error.output", path=data_path, reason=os_reason(exc))) from None
    finally:
        for path in temporaries:
            path.unlink(missing_ok=True)
    text = text_for(data_path.name)
    write_atomically(target, lambda temporary: Path(temporary).write_text(text, "utf-8"))


def _temporary(folder: Path, suffix: str, text: str, mode: int) -> Path:
    handle, name = tempfile.mkstemp(prefix=".rentree-sim-", suffix=suffix, dir=folder)
    os.close(handle)
    path = Path(name)
    path.write_text(text, "utf-8")
    os.chmod(path, mode)
    return path
