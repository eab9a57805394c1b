"""Golden record of the SimPy engine: a fingerprint of every history (minutes, causes,
states) and of the event log, for every shipped scenario and 20 risk replications of the
nominal. It guards refactorings of the reference model (issue 10: the effects become pure
functions shared with a fast engine) against any change of behaviour.

A change that is meant to alter the model's results regenerates the record, and the commit
says why:

    RENTREE_SIM_GOLDEN=write .venv/bin/pytest tests/test_golden_engine.py
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from sim.analysis.replication import sample_calendar
from sim.engine.simulation import SimulationResult, build_truth, simulate
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS, check_golden

RECORD = Path(__file__).parent / "golden" / "engine.json"
REPLICATIONS = 20


def fingerprint(result: SimulationResult) -> str:
    digest = hashlib.sha256()
    for e in result.events:
        digest.update(
            repr(
                (e.minute, e.actor, e.kind, e.code, e.store, e.category, e.count, e.detail, e.cause)
            ).encode()
        )
    for kind, stores in (("state", result.histories), ("mark", result.departed)):
        for store, categories in sorted(stores.items()):
            for category, history in sorted(categories.items()):
                digest.update(
                    repr((kind, store, category, history.minutes, history.events)).encode()
                )
                for state in history.states:
                    digest.update(np.packbits(state).tobytes())
    for category, history in sorted(result.pending_deletion.items()):
        digest.update(repr(("pending", category, history.minutes, history.events)).encode())
        for state in history.states:
            digest.update(np.packbits(state).tobytes())
    return digest.hexdigest()


def current() -> dict[str, str]:
    found = {
        path.name: fingerprint(simulate(load_scenario(path)))
        for path in sorted(SCENARIOS.glob("*.yaml"))
    }
    nominal = load_scenario(SCENARIOS / "nominal.yaml")
    truth, clock = build_truth(nominal)
    for index in range(REPLICATIONS):
        rng = np.random.default_rng(np.random.SeedSequence(entropy=7, spawn_key=(index,)))
        drawn, _, _ = sample_calendar(nominal, rng)
        found[f"risk-{index:02d}"] = fingerprint(simulate(drawn, truth=truth, clock=clock))
    return found


def test_the_engine_gives_its_recorded_results() -> None:
    check_golden(RECORD, current(), "the engine's results")
