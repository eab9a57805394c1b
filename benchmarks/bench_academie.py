"""Académie benchmark of issue 11: a synthetic académie on 1 and 2 local processes and on a
local Dask cluster of 2 workers, with the figures a planner of the work needs (raw times,
ratios measured in the same run, peak memory) and a projection to the full académie.

    python benchmarks/bench_academie.py [--lycees 300] [--replications 20] [--full]

``--full`` runs 1,000 replications per lycée (hours on 2 cores). The three JSON results
must be byte-identical, or the bench stops.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_speed import CLI, PEAK  # noqa: E402

from sim.analysis import academie_risk, replication  # noqa: E402
from sim.analysis.academie_risk import REPLICATION_SECONDS, Piece, run_piece  # noqa: E402
from sim.engine.simulation import build_truth  # noqa: E402
from sim.scenario.academie import load_academie  # noqa: E402

NOMINAL = ROOT / "scenarios" / "nominal.yaml"
GOALS = {"run": 5.0, "risk_full": 600.0}  # seconds on this 2-core machine (issue 11)
FULL = 1000


def command(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one CLI command and its processes."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *CLI, *args], capture_output=True, text=True, cwd=ROOT
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return wall, int(done.stdout.split()[-1]) / 1024


class LocalCluster:
    """A Dask scheduler and two workers on the loopback address, as a user starts them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        dask = [sys.executable, "-m", "dask"]
        started = time.perf_counter()
        address_file = folder / "scheduler.json"
        self.logs = [open(folder / f"{n}.log", "w") for n in ("s", "w1", "w2")]  # noqa: SIM115
        self.processes = [
            subprocess.Popen(
                [
                    *dask,
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--no-dashboard",
                    "--scheduler-file",
                    str(address_file),
                ],
                stdout=self.logs[0],
                stderr=subprocess.STDOUT,
            )
        ]
        while not address_file.exists():
            time.sleep(0.1)
        self.address = json.loads(address_file.read_text())["address"]
        for k in range(2):
            self.processes.append(
                subprocess.Popen(
                    [
                        *dask,
                        "worker",
                        self.address,
                        "--nthreads",
                        "1",
                        "--no-dashboard",
                        "--host",
                        "127.0.0.1",
                        "--local-directory",
                        str(folder),
                    ],
                    stdout=self.logs[k + 1],
                    stderr=subprocess.STDOUT,
                )
            )
        from distributed import Client

        self.client = Client(self.address, timeout=30, set_as_default=False)
        self.client.wait_for_workers(2, timeout=120)
        self.start_seconds = time.perf_counter() - started

    def worker_peak_mb(self) -> float:
        import resource

        def peak() -> int:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        return max(self.client.run(peak).values()) / 1024

    def close(self) -> None:
        self.client.close()
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()


def truth_cost(path: Path, sample: int = 12) -> float:
    """Median seconds of one lycée's truth (its fictional établissement), on a sample."""
    academie = load_academie(path)
    step = max(1, len(academie.lycees) // sample)
    costs = []
    for lycee in academie.lycees[::step][:sample]:
        started = time.process_time()
        build_truth(lycee.scenario)
        costs.append(time.process_time() - started)
    return statistics.median(costs)


def lycee_costs(
    path: Path, sample: int = 4, small: int = 200, large: int = FULL
) -> tuple[float, float]:
    """CPU seconds of one more replication of a lycée once started, and of starting it (its
    truth, its memo filled by the first replications), medians over a sample of lycées:
    each lycée is run twice from nothing, ``small`` and ``large`` replications. The memo
    fills over the first hundreds: a slope measured below that overstates the cost at
    ``FULL`` replications (it did by half)."""
    academie = load_academie(path)
    step = max(1, len(academie.lycees) // sample)
    marginal, fixed = [], []
    for lycee in academie.lycees[::step][:sample]:
        started = time.process_time()
        build_truth(lycee.scenario)
        truth = time.process_time() - started
        spent = {}
        for n in (small, large):
            academie_risk._TRUTHS.clear()
            replication._MEMOS.clear()
            piece = Piece(0, lycee.scenario, 0, n, lycee.scenario.seed, academie.seed)
            started = time.process_time()
            run_piece(piece)
            spent[n] = time.process_time() - started
        slope = (spent[large] - spent[small]) / (large - small)
        marginal.append(slope)
        # at least its truth: the intercept of two noisy runs can fall below it
        fixed.append(max(truth, spent[small] - small * slope))
    return statistics.median(marginal), statistics.median(fixed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lycees", type=int, default=300)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--full", action="store_true", help=f"{FULL} replications per lycée")
    parser.add_argument("--no-dask", action="store_true", help="skip the local Dask cluster")
    options = parser.parse_args()
    n = FULL if options.full else options.replications
    lycees = options.lycees
    print(f"machine : {os.cpu_count()} cœurs, charge {os.getloadavg()[0]:.2f} (1 min)")
    with tempfile.TemporaryDirectory(prefix="bench-academie-") as scratch:
        folder = Path(scratch)
        path = folder / "academie.yaml"
        wall, _ = command(
            [
                "academie",
                "generer",
                "--lycees",
                str(lycees),
                "--graine",
                "1",
                "--commun",
                str(NOMINAL),
                "-o",
                str(path),
            ]
        )
        started = time.perf_counter()
        load_academie(path)
        loading = time.perf_counter() - started
        print(
            f"génération : {lycees} lycées (graine 1) {wall:.1f} s (commande) ; "
            f"chargement et validation {loading:.2f} s"
        )
        truth = truth_cost(path)
        print(f"vérité d'un lycée fictif (médiane de 12) : {1000 * truth:.0f} ms de CPU")

        run_walls = {}
        for workers in (1, 2):
            out = folder / f"run-{workers}"
            run_walls[workers] = command(
                ["academie", "run", str(path), "--workers", str(workers), "--out", str(out)]
            )
        same_run = (folder / "run-1" / "academie.json").read_bytes() == (
            folder / "run-2" / "academie.json"
        ).read_bytes()
        print(
            f"academie run ({lycees} lycées, un calendrier chacun) : 1 processus "
            f"{run_walls[1][0]:.1f} s, 2 processus {run_walls[2][0]:.1f} s "
            f"(× {run_walls[1][0] / run_walls[2][0]:.2f} ; objectif {GOALS['run']:.0f} s "
            f"{'atteint' if run_walls[2][0] <= GOALS['run'] else 'manqué'}) ; mémoire max "
            f"{run_walls[2][1]:.0f} Mo"
        )

        risk_walls: dict[str, tuple[float, float]] = {}
        outputs: dict[str, bytes] = {}
        base = ["academie", "risk", str(path), "-n", str(n)]
        for name, extra in (("1", ["--workers", "1"]), ("2", ["--workers", "2"])):
            out = folder / f"risk-{name}"
            risk_walls[name] = command([*base, *extra, "--out", str(out)])
            outputs[name] = (out / "academie.json").read_bytes()
        dask_line = ""
        if not options.no_dask:
            cluster = LocalCluster(folder)
            try:
                out = folder / "risk-dask"
                risk_walls["dask"] = command(
                    [*base, "--scheduler", cluster.address, "--out", str(out)]
                )
                outputs["dask"] = (out / "academie.json").read_bytes()
                dask_line = (
                    f", Dask local 2 travailleurs {risk_walls['dask'][0]:.1f} s "
                    f"(démarrage du cluster {cluster.start_seconds:.1f} s, à part ; mémoire max "
                    f"d'un travailleur {cluster.worker_peak_mb():.0f} Mo)"
                )
            finally:
                cluster.close()
        if len(set(outputs.values())) != 1 or not same_run:
            raise SystemExit("les résultats JSON diffèrent selon l'exécution : à corriger")
        one, two = risk_walls["1"][0], risk_walls["2"][0]
        print(
            f"academie risk -n {n} ({lycees} lycées) : 1 processus {one:.1f} s, 2 processus "
            f"{two:.1f} s (× {one / two:.2f}){dask_line} ; mémoire max de la commande "
            f"{risk_walls['2'][1]:.0f} Mo ; JSON identiques octet pour octet"
        )

        pieces = lycees * max(1, -(-n // max(1, round(0.5 / REPLICATION_SECONDS))))
        start = 1.0  # imports and loading, measured above within the commands
        # the slope at scale (200 → 1,000 replications), unless the bench is asked for less
        small, large = (FULL // 5, FULL) if n >= 20 else (n, 5 * n)
        per_replication, per_lycee = lycee_costs(path, small=small, large=large)
        print(
            f"tâches : {pieces} d'au plus {min(n, round(0.5 / REPLICATION_SECONDS))} "
            f"réplications ; une réplication de plus {1000 * per_replication:.2f} ms de CPU, "
            f"un lycée qui commence {1000 * per_lycee:.0f} ms (vérité {1000 * truth:.0f} ms, "
            f"puis le mémo à remplir) : médianes de 4 lycées lancés deux fois, à {small} et "
            f"{large} réplications"
        )
        if "dask" in risk_walls:
            overhead = max(0.0, (risk_walls["dask"][0] - two) / pieces * 2)
            print(
                f"surcoût Dask ≈ {1000 * overhead:.1f} ms par tâche (mesuré : Dask − 2 processus)"
            )
        else:
            overhead = 0.002
        tasks_full = 300 * -(-FULL // max(1, round(0.5 / REPLICATION_SECONDS)))
        # a lycée starts once in each process that gets one of its tasks
        alone = 300 * FULL * per_replication + 300 * per_lycee
        # on 2 processes a lycée starts in each one that gets one of its tasks
        shared = (alone + 300 * per_lycee * (min(2, tasks_full // 300) - 1)) / (one / two)
        print(
            f"projection 300 × {FULL} : 1 processus {alone / 60:.0f} min, 2 processus "
            f"{shared / 60:.0f} min (objectif {GOALS['risk_full'] / 60:.0f} min "
            f"{'atteint' if shared <= GOALS['risk_full'] else 'manqué'})"
        )
        for machines, cores in ((2, 8), (4, 8), (8, 16)):
            workers = machines * cores
            total = (
                start
                + (
                    300 * FULL * per_replication
                    + 300 * min(workers, tasks_full // 300) * per_lycee
                    + tasks_full * overhead
                )
                / workers
            )
            print(
                f"  {machines} machines de {cores} cœurs (Dask) : ≈ {total / 60:.1f} min "
                f"(T ≈ démarrage + (lycées × n × réplication + lycées commencés + tâches × "
                f"surcoût) / cœurs)"
            )


if __name__ == "__main__":
    main()
