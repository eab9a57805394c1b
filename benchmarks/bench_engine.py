"""Engine benchmark: one lycée, the full model against a naive one-process-per-fact SimPy
propagation over the same truth and schedules, measured in the same run (ratios, not
absolute targets: these machines are shared and noisy).

    python benchmarks/bench_engine.py [--students 1500] [--repeat 15]

Target (issue 2): one lycée of 1,500 students (≈10,000 links) in ≤ 20 ms of engine time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
import tracemalloc
from collections.abc import Generator
from pathlib import Path
from typing import Any

import numpy as np
import simpy
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.analysis.run_analysis import analyse  # noqa: E402
from sim.calendar import Clock  # noqa: E402
from sim.domain import Category, Origin, Target  # noqa: E402
from sim.engine.simulation import build_truth, simulate  # noqa: E402
from sim.scenario.model import Scenario  # noqa: E402
from sim.truth.model import ORIGINS, Truth  # noqa: E402

TARGET_MS = 20.0


def scenario(students: int) -> Scenario:
    data = yaml.safe_load((ROOT / "scenarios" / "nominal.yaml").read_text(encoding="utf-8"))
    per_level = max(1, round(students / 30 / 3))
    data["etablissement"].update(
        students=students,
        divisions={"2nde": per_level + 1, "1re": per_level, "Tle": per_level},
        teachers=max(20, students // 12),
    )
    return Scenario.model_validate(data)


def _next_run(minute: float, at: dt.time) -> float:
    """First daily run at ``at`` at or after ``minute`` (all days)."""
    at_minutes = at.hour * 60 + at.minute
    day = minute // 1440
    candidate = day * 1440 + at_minutes
    return candidate if candidate >= minute else candidate + 1440


def naive_propagation(
    sc: Scenario, truth: Truth, clock: Clock
) -> tuple[float, int, dict[Category, np.ndarray]]:
    """One SimPy process per fact hopping SIECLE/STS-WEB → AAF → ENT → GAR on the scenario's
    schedules. Returns (seconds, processes, ENT arrival minute per fact)."""
    ops = sc.operations
    ch = sc.channels

    def first(spec: Any) -> float:
        return min(clock.minutes(sc.calendar.at(d)) for d in spec.date)

    inscription = {
        ORIGINS.index(Origin.AFFECTATION): first(ops.inscription_affectation),
        ORIGINS.index(Origin.TRANSFER): first(ops.transferts),
        ORIGINS.index(Origin.EXTERNAL): first(ops.creation_eleves),
        ORIGINS.index(Origin.RETURNING): 0.0,
    }
    start_of = {
        Category.DIVISIONS: first(ops.verification_divisions),
        Category.GROUPS: first(ops.import_sts_edt),
        Category.SERVICES: first(ops.import_sts_edt),
        Category.TEACHERS: first(ops.bascule_sts),
        Category.STUDENT_GROUP: first(ops.export_liens_siecle),
    }
    sts_side = {Category.DIVISIONS, Category.GROUPS, Category.SERVICES, Category.TEACHERS}
    env = simpy.Environment()
    arrivals = {c: np.full(truth.size(c), np.inf) for c in Category}
    lag = ch.extraction_aaf.sts_delay.total_seconds() / 60

    def hop(category: Category, index: int, start: float) -> Generator[simpy.Event, Any, None]:
        yield env.timeout(start)
        if category is Category.STUDENT_GROUP:
            yield env.timeout(_next_run(env.now, ch.activation_liens.at) - env.now)
        if category in sts_side:
            yield env.timeout(lag)
        yield env.timeout(_next_run(env.now, ch.extraction_aaf.at) - env.now)
        yield env.timeout(_next_run(env.now, ch.import_ent.at) - env.now)
        yield env.timeout(ch.import_ent.delay.total_seconds() / 60)
        arrivals[category][index] = env.now
        yield env.timeout(_next_run(env.now, ch.export_gar.at) - env.now)
        yield env.timeout(ch.export_gar.delay.total_seconds() / 60)

    started = time.perf_counter()
    count = 0
    for category in Category:
        table = truth.table(category)
        for index in np.flatnonzero(~table.stale):
            if category in start_of:
                start = start_of[category]
            elif category is Category.PARENTS:
                start = 0.0
            else:
                student = (
                    index
                    if category is Category.STUDENTS
                    else int(table.ends[Category.STUDENTS][index])
                )
                start = inscription[int(truth.student_origin[student])]
            env.process(hop(category, int(index), start))
            count += 1
    env.run()
    return time.perf_counter() - started, count, arrivals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    sc = scenario(args.students)
    truth, clock = build_truth(sc)
    links = sum(
        int((~truth.table(c).stale).sum())
        for c in (Category.STUDENT_DIVISION, Category.STUDENT_GROUP, Category.PARENT_STUDENT)
    )
    simulate(sc, truth=truth, clock=clock)  # warm-up
    engine = []
    for _ in range(args.repeat):
        engine.append(simulate(sc, truth=truth, clock=clock).engine_seconds)
    tracemalloc.start()
    simulate(sc, truth=truth, clock=clock)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    naive = [naive_propagation(sc, truth, clock) for _ in range(max(1, args.repeat // 5))]
    engine_ms = statistics.median(engine) * 1000
    naive_ms = statistics.median(run[0] for run in naive) * 1000
    full = analyse(simulate(sc, truth=truth, clock=clock)).targets[Target.ENT]
    this_year = ~truth.table(Category.STUDENT_GROUP).stale  # leavers' N-1 links: never right
    links_full = full.categories[Category.STUDENT_GROUP].fact_first_correct[this_year]
    links_naive = naive[0][2][Category.STUDENT_GROUP][this_year]
    same = bool(np.array_equal(np.round(links_naive), links_full))
    print(
        f"lycée: {args.students} élèves, {links} liens, "
        f"{sum(truth.size(c) for c in Category)} faits (périmés compris)"
    )
    print(
        f"moteur (processus par canal, tableaux d'identifiants) : {engine_ms:8.2f} ms "
        f"(médiane de {args.repeat}), pic mémoire {peak / 1e6:.1f} Mo"
    )
    print(
        f"référence naïve (un processus SimPy par fait, {naive[0][1]} processus) : "
        f"{naive_ms:8.2f} ms"
    )
    print(f"rapport naïf / moteur : {naive_ms / engine_ms:6.1f} ×")
    print(
        f"même arrivée des liens élève → groupe dans l'ENT (naïf = moteur) : "
        f"{'oui' if same else 'NON'}"
    )
    verdict = "atteint" if engine_ms <= TARGET_MS else "NON atteint"
    print(f"objectif ≤ {TARGET_MS:.0f} ms de moteur pour un lycée : {verdict}")


if __name__ == "__main__":
    main()
