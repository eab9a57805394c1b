"""Import benchmark of issue 12: a lycée of 1,500 students, its four exports read safely,
pseudonymised and turned into a data file, against a plain parse of the same bytes with the
standard library (no bounds, no defusing, no pseudonyms) measured in the same run.

    python benchmarks/bench_import.py [--students 1500] [--repeat 5]

Goal on this 2-core machine: the import itself (reading and building the data file, not the
command's start-up) in at most 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.analysis.diagnosis import diagnose  # noqa: E402
from sim.engine.simulation import build_truth  # noqa: E402
from sim.realfiles.fictional import exports_of  # noqa: E402
from sim.realfiles.importer import data_of  # noqa: E402
from sim.realfiles.key import load_key  # noqa: E402
from sim.realfiles.readers import read_school_exports  # noqa: E402
from sim.realfiles.writer import export_files, sts_file_name  # noqa: E402
from sim.scenario.donnees import data_json  # noqa: E402
from sim.scenario.loader import load_scenario  # noqa: E402
from sim.scenario.model import Divisions  # noqa: E402

NOMINAL = ROOT / "scenarios" / "nominal.yaml"
GOAL_SECONDS = 2.0
RENTREE = dt.date(2026, 9, 1)


def fixture(students: int, folder: Path) -> dict[str, Path]:
    scenario = load_scenario(NOMINAL)
    per_level = max(1, round(students / 30 / 3))
    etab = scenario.etablissement.model_copy(
        update={
            "students": students,
            "divisions": Divisions.model_construct(
                seconde=per_level, premiere=per_level, terminale=per_level
            ),
            "teachers": max(40, students // 12),
        }
    )
    truth, clock = build_truth(scenario.model_copy(update={"etablissement": etab}))
    files = exports_of(truth, clock.day_minutes(RENTREE, dt.time(0, 0)), etab.uai, 2026, RENTREE, 1)
    for name, data in export_files(files, zip_siecle=True).items():
        (folder / name).write_bytes(data)
    return {
        "sts": folder / sts_file_name(etab.uai, 2026),
        "eleves": folder / "ElevesSansAdresses.zip",
        "structures": folder / "Structures.zip",
        "responsables": folder / "ResponsablesAvecAdresses.zip",
    }


def plain_parse(paths: dict[str, Path]) -> None:
    """The baseline: the standard library's parser on the same bytes, nothing checked."""
    for path in paths.values():
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                ElementTree.fromstring(archive.read(archive.namelist()[0]))
        else:
            ElementTree.parse(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = fixture(args.students, Path(folder))
        key = load_key(Path(folder) / "config")
        sizes = sum(p.stat().st_size for p in paths.values()) / 2**20
        baseline, reading, importing, diagnosing = [], [], [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            plain_parse(paths)
            baseline.append(time.perf_counter() - started)
            started = time.perf_counter()
            files = read_school_exports(
                paths["sts"], paths["eleves"], paths["structures"], paths["responsables"], key
            )
            reading.append(time.perf_counter() - started)
            started = time.perf_counter()
            data, _ = data_of(files, key.fingerprint, RENTREE)
            data_json(data)
            importing.append(time.perf_counter() - started)
            started = time.perf_counter()
            diagnose(files, RENTREE)
            diagnosing.append(time.perf_counter() - started)
    base, read, built = (statistics.median(x) for x in (baseline, reading, importing))
    total = read + built
    print(f"fixture : {len(data.eleves)} élèves, 4 exports, {sizes:.1f} Mo (zip compris)")
    print(f"lecture brute (ElementTree, sans contrôle) : {base:.3f} s (référence)")
    print(f"lecture sûre + pseudonymes : {read:.3f} s (× {read / base:.1f} la référence)")
    print(
        f"fichier de données : {built:.3f} s ; diagnostic : {statistics.median(diagnosing):.3f} s"
    )
    verdict = "atteint" if total <= GOAL_SECONDS else "manqué"
    print(f"import complet : {total:.3f} s (objectif {GOAL_SECONDS:.0f} s : {verdict})")


if __name__ == "__main__":
    main()
