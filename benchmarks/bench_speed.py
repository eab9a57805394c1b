"""Speed benchmark of issue 10: raw figures against the goals, and ratios against baselines
measured in the same run (these machines are shared and noisy: compare ratios, not seconds).

    python benchmarks/bench_speed.py [--replications 200] [--goal-replications 1000] [--full]

Lines:
- one replication of the nominal scenario: engine (SimPy), analysis, calendar draw (CPU ms);
- the fast engine (lazy wake-ups, memoised transitions) against SimPy on the same drawn
  calendars, with the memo's figures; the bench stops if any replication differs;
- the replay engine (the replications' engine: the lazy engine's scheduling over flat
  state, each step replayed from the lycée's book) against the lazy engine in summary mode
  and SimPy; the bench stops if any replication differs from the lazy engine's;
- a whole risk replication (draw, engine, analysis) with the fast engine and with SimPy;
- the analysis counting each distinct state once, against the plain count at every morning
  (kept below as the baseline; both must give the same counts);
- `run`, `risk -n 1000` (the goal's size; `-n N` beside it, fast and in SimPy), `plan
  --target` (and with --full `plan --confidence 0.8`) as a user runs them (wall time, peak
  resident memory of the command);
- an académie of 300 lycées × 1,000 replications projected from risk's rate once started.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.analysis import replication  # noqa: E402
from sim.analysis.consistency import store_states  # noqa: E402
from sim.analysis.departed import departed_facts, ever_departed  # noqa: E402
from sim.analysis.differences import run_difference  # noqa: E402
from sim.analysis.replication import DrawPlan, sample_calendar  # noqa: E402
from sim.analysis.run_analysis import analyse  # noqa: E402
from sim.chain import build_graph  # noqa: E402
from sim.engine.lazy import simulate_fast  # noqa: E402
from sim.engine.replay import simulate_replay  # noqa: E402
from sim.engine.simulation import (  # noqa: E402
    SimulationResult,
    build_truth,
    new_memo,
    simulate,
)
from sim.engine.steps import StepBook  # noqa: E402
from sim.scenario.loader import load_scenario  # noqa: E402

NOMINAL = ROOT / "scenarios" / "nominal.yaml"
CLI = [str(Path(sys.executable).parent / "rentree-sim")]  # the installed command
GOALS = {
    "replication": 1.0,  # ms of CPU, the replications' engine (issue 10)
    "run": 0.8,
    "risk": 5.0,
    "plan": 2.0,
    "plan_confidence": 15.0,
}


def each(run, calendars: list) -> float:  # type: ignore[no-untyped-def,type-arg]
    """CPU milliseconds per calendar of ``run`` over ``calendars``, each result dropped at
    once as a command drops it (results kept alive make the collector's passes longer)."""
    started = time.process_time()
    for calendar in calendars:
        run(calendar)
    return (time.process_time() - started) * 1000 / len(calendars)


def cpu_ms(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median CPU milliseconds of ``action`` over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        action()
        times.append((time.process_time() - started) * 1000)
    return float(np.median(times))


def plain_counts(result: SimulationResult) -> list[tuple[int, int, int, int]]:
    """The baseline: every morning counted from scratch, as the analysis did before."""
    rows: list[tuple[int, int, int, int]] = []
    for state in store_states(result):
        history = result.histories[state.store][state.category]
        table = result.truth.table(state.category)
        for minute in result.observations:
            present, true = history.at(minute), table.true_at(minute)
            stale = int(np.count_nonzero(present & ~true))
            departed = (
                int(np.count_nonzero(departed_facts(result, state.store, state.category, minute)))
                if ever_departed(result, state.store) and stale
                else 0
            )
            rows.append(
                (
                    int(np.count_nonzero(present & true)),
                    int(np.count_nonzero(true & ~present)),
                    stale,
                    departed,
                )
            )
    return rows


def distinct_counts(result: SimulationResult) -> list[tuple[int, int, int, int]]:
    rows: list[tuple[int, int, int, int]] = []
    for state in store_states(result):
        rows.extend(
            zip(
                state.correct.tolist(),
                state.missing.tolist(),
                state.stale.tolist(),
                state.departed.tolist(),
                strict=True,
            )
        )
    return rows


# Runs one command and prints the largest resident memory of it and its worker processes
# (its own children only: the peak of this script's children would mix the commands).
PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(done.returncode)\n"
)


def command(args: list[str], engine: str = "") -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one command of the CLI (``engine``:
    ``simpy`` to run every replication in SimPy)."""
    env = {**os.environ, replication.ENGINE_VARIABLE: engine}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *CLI, *args], capture_output=True, text=True, cwd=ROOT, env=env
    )
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return wall, int(done.stdout.split()[-1]) / 1024


def fast_engine_lines(scenario, n: int) -> None:  # type: ignore[no-untyped-def]
    """The fast engine against SimPy on ``n`` drawn calendars of ``scenario``: the memo is
    filled by ``n`` other calendars first, and each timed calendar is new to it, as in a
    risk (a calendar seen again would hit every cache and flatter the figure)."""
    truth, clock = build_truth(scenario)
    plan = DrawPlan(scenario)  # one per batch of draws, as the commands draw them

    def drawn(first: int) -> list:  # type: ignore[type-arg]
        rngs = (
            np.random.default_rng(np.random.SeedSequence(7, spawn_key=(i,)))
            for i in range(first, first + n)
        )
        return [sample_calendar(scenario, rng, plan=plan)[0] for rng in rngs]

    warmup, timed = drawn(0), drawn(n)
    memo = new_memo(scenario, truth)
    started = time.process_time()
    for calendar in warmup:
        simulate_fast(calendar, truth=truth, clock=clock, memo=memo)
    cold = (time.process_time() - started) * 1000 / n
    warm = each(lambda c: simulate_fast(c, truth=truth, clock=clock, memo=memo), timed)
    summary = each(
        lambda c: simulate_fast(c, truth=truth, clock=clock, memo=memo, summary=True), timed
    )
    book = new_memo(scenario, truth)  # the replay engine's book, filled as in a risk
    for calendar in warmup:
        simulate_replay(calendar, truth, clock, book)
    # alternated with the lazy engine, each round on calendars new to both (the machine's
    # speed drifts within a minute; a calendar seen again would flatter both)
    replayed, lazy_again = [], []
    for round_ in range(3):
        fresh = drawn((2 + round_) * n)
        replayed.append(each(lambda c: simulate_replay(c, truth, clock, book), fresh))
        lazy_again.append(
            each(
                lambda c: simulate_fast(c, truth=truth, clock=clock, memo=memo, summary=True), fresh
            )
        )
    replay_ms, lazy_ms = min(replayed), min(lazy_again)
    reference = each(lambda c: simulate(c, truth=truth, clock=clock), timed)
    fallbacks = 0
    fast = []
    for calendar in timed:
        result, fell_back = simulate_fast(calendar, truth=truth, clock=clock, memo=memo)
        fallbacks += fell_back
        fast.append(result)
    graph = build_graph(scenario)
    for k, (calendar, result) in enumerate(zip(timed, fast, strict=True)):
        expected = simulate(calendar, truth=truth, clock=clock)
        found = run_difference(expected, result)
        assert found is None, f"replication {k}: {found}"
        short, _ = simulate_fast(calendar, truth=truth, clock=clock, memo=memo, summary=True)
        found = replication.replication_difference(
            replication.summarise_run(expected, graph, k, {}, []),
            replication.summarise_run(short, graph, k, {}, []),
        )
        assert found is None, f"replication {k}, summary mode: {found}"
        found = run_difference(short, simulate_replay(calendar, truth, clock, book)[0])
        assert found is None, f"replication {k}, replay engine: {found}"
    hits = memo.hits / max(1, memo.hits + memo.misses) * 100
    print(
        f"moteur rapide : {warm:.2f} ms de CPU par réplication (nominal, {n} calendriers tirés "
        f"nouveaux pour le mémo ; {cold:.2f} ms pour les {n} premiers), SimPy {reference:.2f} ms "
        f"sur les mêmes calendriers : × {reference / warm:.1f} (objectif {GOALS['replication']} ms)"
    )
    print(
        f"moteur rapide en mode résumé (ni trace de chaque changement, ni extraction complète "
        f"que rien ne lit) : {summary:.2f} ms de CPU par réplication, × {reference / summary:.1f} "
        f"SimPy"
    )
    steps = book.book
    assert isinstance(steps, StepBook)
    met = "atteint" if replay_ms <= GOALS["replication"] else "manqué"
    print(
        f"moteur de rejeu (celui des réplications de risk et de l'académie : l'ordonnancement "
        f"du moteur rapide, chaque étape rejouée) : {replay_ms:.2f} ms de CPU par réplication "
        f"(objectif {GOALS['replication']} ms {met}), moteur rapide en mode résumé "
        f"{lazy_ms:.2f} ms mesuré en alternance : × {lazy_ms / replay_ms:.2f}, SimPy × "
        f"{reference / replay_ms:.1f} ; {steps.replays} étapes rejouées, {steps.recorded} "
        f"enregistrées, {len(steps.worlds)} états de la chaîne ; identique au moteur rapide "
        f"(journal et historiques) sur les {n} réplications"
    )
    print(
        f"mémo : {len(memo.interner)} états distincts, {len(memo)} transitions, succès "
        f"{hits:.0f} % ; replis sur SimPy {fallbacks}/{n} "
        f"(instants égaux) ; différentiel : {n} réplications identiques aux deux moteurs "
        f"(journal d'événements et historiques ; en mode résumé, ce que la réplication garde)"
    )
    key = replication.lycee_key(scenario)
    replication._LYCEES[key] = (truth, clock)
    shared = replication.memo_for(key, scenario, truth)
    plan = replication.DrawPlan(scenario)  # one per batch, as the commands run them
    for i in range(n):
        replication.replicate(scenario, truth, clock, graph, i, 7, None, shared, plan=plan)
    started = time.process_time()
    for i in range(n, 2 * n):
        replication.replicate(scenario, truth, clock, graph, i, 7, None, shared, plan=plan)
    with_memo = (time.process_time() - started) * 1000 / n
    # the same replications' parts, as replicate runs them (on calendars new to the memo)
    parts = [0.0, 0.0, 0.0]
    for i in range(2 * n, 3 * n):
        started = time.process_time()
        drawn_calendar, lateness, forgotten = replication.draw(scenario, i, 7, None, plan=plan)
        middle = time.process_time()
        result = replication._run(drawn_calendar, truth, clock, shared)
        ran = time.process_time()
        replication.summarise_run(result, graph, i, lateness, forgotten)
        parts[0] += middle - started
        parts[1] += ran - middle
        parts[2] += time.process_time() - ran
        del result
    draw_ms, engine_ms, summary_ms = (part * 1000 / n for part in parts)
    started = time.process_time()
    for i in range(n, 2 * n):
        replication.replicate(scenario, truth, clock, graph, i, 7, None, None, plan=plan)
    without = (time.process_time() - started) * 1000 / n
    print(
        f"réplication de risk (tirage, moteur, analyse ; réplications nouvelles) : "
        f"{with_memo:.2f} ms de CPU avec le moteur rapide (tirage {draw_ms:.2f}, moteur de "
        f"rejeu {engine_ms:.2f}, résumé {summary_ms:.2f}), {without:.2f} ms tout en SimPy : "
        f"× {without / with_memo:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--full", action="store_true", help="also plan --confidence 0.8")
    parser.add_argument(
        "--goal-replications", type=int, default=1000, help="risk -n of the goal (1,000)"
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cœurs, charge {os.getloadavg()[0]:.2f} (1 min)")

    scenario = load_scenario(NOMINAL)
    truth, clock = build_truth(scenario)
    result = simulate(scenario, truth=truth, clock=clock)
    engine = cpu_ms(lambda: simulate(scenario, truth=truth, clock=clock), 15)
    analysis = cpu_ms(lambda: analyse(result), 15)
    rng = np.random.default_rng(1)
    draw = cpu_ms(lambda: sample_calendar(scenario, rng), 15)
    total = engine + analysis + draw
    print(
        f"une réplication (nominal, {scenario.etablissement.students} élèves) : moteur SimPy "
        f"{engine:.1f} ms, analyse {analysis:.1f} ms, tirage du calendrier {draw:.1f} ms "
        f"= {total:.1f} ms de CPU (objectif du moteur rapide : {GOALS['replication']} ms)"
    )

    fast_engine_lines(scenario, max(20, min(args.replications, 200)))

    assert distinct_counts(result) == plain_counts(result), "the counts differ"
    plain = cpu_ms(lambda: plain_counts(result), 5)
    distinct = cpu_ms(lambda: distinct_counts(result), 5)
    print(
        f"comptes par matin : {plain:.1f} ms en comptant chaque matin, {distinct:.1f} ms en "
        f"comptant chaque état distinct (mêmes comptes) : × {plain / distinct:.1f}"
    )

    pass_wall, _ = command(["--version"])
    run_wall, run_peak = command(["run", str(NOMINAL)])
    print(
        f"run : {run_wall:.2f} s (démarrage seul, --version : {pass_wall:.2f} s ; objectif "
        f"{GOALS['run']} s), mémoire {run_peak:.0f} Mo"
    )
    n = args.replications
    risk_wall, _ = command(["risk", str(NOMINAL), "-n", str(n)])
    simpy_wall, simpy_peak = command(["risk", str(NOMINAL), "-n", str(n)], engine="simpy")
    # the goal's own size, measured as a user runs it (a start-up of about a second does
    # not scale with the replications: no projection from a smaller run)
    big = max(args.goal_replications, n)
    big_wall, big_peak = command(["risk", str(NOMINAL), "-n", str(big)])
    _, quarter_peak = command(["risk", str(NOMINAL), "-n", str(max(1, big // 4))])
    print(
        f"risk -n {big} : {big_wall:.1f} s (objectif {GOALS['risk']} s pour 1 000), mémoire max "
        f"{big_peak:.0f} Mo ({quarter_peak:.0f} Mo pour -n {max(1, big // 4)}) ; risk -n {n} : "
        f"{risk_wall:.1f} s, tout en SimPy : {simpy_wall:.1f} s, {simpy_peak:.0f} Mo : "
        f"× {simpy_wall / risk_wall:.1f}"
    )
    plan_wall, _ = command(["plan", str(NOMINAL), "--target", "2026-09-07"])
    print(f"plan --target 2026-09-07 : {plan_wall:.1f} s (objectif {GOALS['plan']} s)")
    if args.full:
        confident, _ = command(
            ["plan", str(NOMINAL), "--target", "2026-09-07", "--confidence", "0.8"]
        )
        print(f"plan --confidence 0.8 : {confident:.1f} s (objectif {GOALS['plan_confidence']} s)")
    cores = os.cpu_count() or 1
    # wall seconds per replication once started, on this machine's cores
    marginal = (big_wall - risk_wall) / (big - n) if big > n else risk_wall / n
    academie = 300 * 1000 * marginal
    print(
        f"académie projetée (300 lycées × 1 000 réplications, {cores} cœurs) : "
        f"{academie / 60:.0f} min au rythme de risk sur le nominal, démarrage à part "
        f"(bench_academie.py mesure l'académie elle-même)"
    )


if __name__ == "__main__":
    main()
