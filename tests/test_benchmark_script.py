"""The benchmark script runs (its figures are read by people, not asserted: noisy machines)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_runs_and_agrees_with_the_naive_model() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_engine.py"),
            "--students",
            "150",
            "--repeat",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "rapport naïf / moteur" in completed.stdout
    assert "(naïf = moteur) : oui" in completed.stdout


def test_risk_benchmark_runs() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_risk.py"),
            "--students",
            "150",
            "--replications",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "réplications/s" in completed.stdout
