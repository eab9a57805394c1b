"""Same scenario, same seed → byte-identical pictures and report, whatever PYTHONHASHSEED
(no creation date, no random SVG ids, no set order in the graph drawing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SCENARIOS

COMMANDS = {
    "graphe.svg": ["plot", "graph", str(SCENARIOS / "nominal.yaml")],
    "graphe.png": ["plot", "graph", str(SCENARIOS / "liens-en-retard.yaml")],
    "chronologie.svg": ["plot", "timeline", str(SCENARIOS / "arrivees-tardives.yaml")],
    "rapport.html": ["report", str(SCENARIOS / "liens-en-retard.yaml")],
    "tableau.html": [
        "academie",
        "report",
        str(SCENARIOS / "academies" / "exemple.csv"),
        "-n",
        "3",
        "--workers",
        "1",
    ],
}


def _run_all(folder: Path, hash_seed: str) -> dict[str, bytes]:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "sim", *args, "-o", str(folder / name)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for name, args in COMMANDS.items()
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    return {name: (folder / name).read_bytes() for name in COMMANDS}


def test_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    first = _run_all(tmp_path / "a", "0")
    second = _run_all(tmp_path / "b", "12345")
    for name in COMMANDS:
        assert first[name] == second[name], name
    svg = first["graphe.svg"].decode()
    assert "<dc:date>" not in svg
    report = first["rapport.html"].decode()
    assert "<dc:date>" not in report and "<svg" in report
