"""Golden record of the ground truth: a fingerprint of every table (labels, validity,
endpoints), of the per-fact attributes, of the dated changes and of last year's rows, for
every shipped scenario, a lycée with every kind of reality change and the first lycées
of the shipped académie. It guards the
generator's speed-ups (issue 11: the truth is built once per lycée of an académie) against
any change of the facts or of the order of their draws.

A change that is meant to alter the truth regenerates the record, and the commit says why:

    RENTREE_SIM_GOLDEN=write .venv/bin/pytest tests/test_golden_truth.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import numpy as np

from sim.calendar import Clock
from sim.domain import Category
from sim.engine.simulation import build_truth
from sim.scenario.academie import load_academie
from sim.scenario.loader import load_scenario
from sim.scenario.model import Etablissement, RealityChange
from sim.truth.generator import generate_truth
from sim.truth.model import Truth
from tests.conftest import SCENARIOS, check_golden

RECORD = Path(__file__).parent / "golden" / "truths.json"
ACADEMIE = SCENARIOS / "academies" / "nouvelle-aquitaine-fictive.yaml"
ACADEMIE_LYCEES = 12
ARRAYS = (
    "student_origin",
    "student_duplicate",
    "student_is_leaver",
    "division_is_new",
    "division_is_obsolete",
    "group_is_carried",
    "group_division_indptr",
    "group_division_indices",
    "service_is_carried",
    "teacher_is_returning",
)


def fingerprint(truth: Truth) -> str:
    digest = hashlib.sha256()
    for category in Category:
        table = truth.table(category)
        digest.update("\n".join(table.labels).encode())
        digest.update(table.valid_from.tobytes() + table.valid_to.tobytes())
        for end, index in sorted(table.ends.items()):
            digest.update(end.value.encode() + np.asarray(index, dtype=np.int64).tobytes())
    for name in ARRAYS:
        digest.update(name.encode() + np.asarray(getattr(truth, name)).tobytes())
    for change in truth.changes:
        digest.update(repr((change.kind, change.minute, change.recorded, change.origin)).encode())
        for moved in (change.started, change.ended):
            for category, rows in sorted(moved.items()):
                digest.update(category.value.encode() + rows.tobytes())
    for category, rows in sorted(truth.previous_year.items()):
        digest.update(category.value.encode() + np.packbits(rows).tobytes())
    return digest.hexdigest()


def every_kind_of_change() -> Truth:
    """A lycée with each kind of reality change, before and after the rentrée."""
    etab = Etablissement(name="Lycée test", uai="0330001A", students=900, leavers=250)
    reality = [
        RealityChange(kind=kind, date=date, count=count)
        for kind, date, count in (
            ("arrival", dt.date(2026, 8, 28), 12),
            ("departure", dt.date(2026, 9, 3), 9),
            ("division_change", dt.date(2026, 9, 8), 7),
            ("group_change", dt.date(2026, 9, 10), 15),
            ("arrival", dt.date(2026, 9, 15), 4),
            ("departure", dt.date(2026, 9, 21), 3),
        )
    ]
    clock = Clock.starting(dt.date(2026, 6, 8))
    recorded = [clock.day_minutes(r.date, dt.time(10, 0)) for r in reality]
    return generate_truth(etab, reality, clock, recorded, seed=11)


def current() -> dict[str, str]:
    found = {
        path.name: fingerprint(build_truth(load_scenario(path))[0])
        for path in sorted(SCENARIOS.glob("*.yaml"))
    }
    found["every-kind-of-change"] = fingerprint(every_kind_of_change())
    for lycee in load_academie(ACADEMIE).lycees[:ACADEMIE_LYCEES]:
        found[f"academie-{lycee.uai}"] = fingerprint(build_truth(lycee.scenario)[0])
    return found


def test_the_generator_gives_its_recorded_truths() -> None:
    check_golden(RECORD, current(), "the truth")
