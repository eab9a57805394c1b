"""The benchmark scripts run (their figures are read by people, not asserted: noisy machines)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def run_script(name: str, *args: str) -> str:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / name), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_speed_benchmark_runs_and_checks_its_baseline() -> None:
    out = run_script("bench_speed.py", "--replications", "4", "--goal-replications", "8")
    assert "mêmes comptes" in out  # it stops if the counts differ from the baseline's
    for line in (
        "une réplication",
        "moteur de rejeu",
        "run :",
        "risk -n 8 :",
        "risk -n 4",
        "plan --target",
        "académie",
    ):
        assert line in out, out


def test_risk_benchmark_runs() -> None:
    assert "réplications/s" in run_script(
        "bench_risk.py", "--students", "150", "--replications", "4"
    )


def test_academie_benchmark_runs_and_checks_its_results_agree() -> None:
    out = run_script("bench_academie.py", "--lycees", "4", "--replications", "2")
    for line in ("génération", "academie run", "academie risk -n 2", "Dask local", "projection"):
        assert line in out, out
    assert "JSON identiques" in out


def test_import_benchmark_runs() -> None:
    out = run_script("bench_import.py", "--students", "300", "--repeat", "1")
    for line in ("lecture brute", "lecture sûre", "import complet"):
        assert line in out, out
