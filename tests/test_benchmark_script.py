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


def test_benchmark_runs_and_agrees_with_the_naive_model() -> None:
    out = run_script("bench_engine.py", "--students", "150", "--repeat", "2")
    assert "rapport naïf / moteur" in out
    assert "(naïf = moteur) : oui" in out


def test_risk_benchmark_runs() -> None:
    assert "réplications/s" in run_script(
        "bench_risk.py", "--students", "150", "--replications", "4"
    )
