"""Monte Carlo benchmark: replications per second for one lycée, on 1 and 2 processes,
measured in the same run (a ratio, not an absolute target: shared, noisy machines).

    python benchmarks/bench_risk.py [--students 1500] [--replications 60]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from sim.analysis.risk import run_risk  # noqa: E402
from sim.scenario.model import Scenario  # noqa: E402


def scenario(students: int) -> Scenario:
    """The nominal scenario resized to ``students`` (divisions of about 30)."""
    data = yaml.safe_load((ROOT / "scenarios" / "nominal.yaml").read_text(encoding="utf-8"))
    per_level = max(1, round(students / 30 / 3))
    data["etablissement"].update(
        students=students,
        divisions={"2nde": per_level + 1, "1re": per_level, "Tle": per_level},
        teachers=max(20, students // 12),
    )
    return Scenario.model_validate(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--replications", type=int, default=60)
    args = parser.parse_args()
    sc = scenario(args.students)
    rates = {}
    for workers in (1, 2):
        started = time.perf_counter()
        run_risk(sc, args.replications, workers=workers)
        rates[workers] = args.replications / (time.perf_counter() - started)
        print(
            f"{workers} processus : {rates[workers]:6.1f} réplications/s "
            f"({args.replications} réplications, {args.students} élèves)"
        )
    print(f"accélération 2 processus / 1 : {rates[2] / rates[1]:4.2f} ×")


if __name__ == "__main__":
    main()
