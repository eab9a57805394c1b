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

from benchmarks.bench_engine import scenario  # noqa: E402
from sim.analysis.risk import run_risk  # noqa: E402


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
