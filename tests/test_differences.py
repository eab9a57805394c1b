"""The differential check finds the first differing fact, morning, date and warning, with
both values (it will compare the SimPy engine with the fast engine of issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from sim.analysis.differences import differences
from sim.domain import Category, Target
from sim.engine.simulation import SimulationResult, build_truth, simulate
from tests.test_rules import nominal_with


@pytest.fixture(scope="module")
def reference() -> SimulationResult:
    return simulate(nominal_with({}))


def _with(override: dict[str, object]) -> SimulationResult:
    scenario = nominal_with(override)
    truth, clock = build_truth(scenario)
    return simulate(scenario, truth=truth, clock=clock)


def test_a_run_agrees_with_itself(reference: SimulationResult) -> None:
    assert differences(reference, _with({})) == []


def test_a_link_export_a_day_later_is_found_fact_by_fact(reference: SimulationResult) -> None:
    """Links exported Thu 03/09 10:00 land in the ENT on Fri 04/09 03:30 (active 20:00,
    extracted 21:00, imported 02:00 + 90 min); exported Fri 04/09, on Sat 05/09 03:30: the
    first differing link is a day (1,440 minutes) later, and the ENT's date moves from Fri
    04/09 08:00 to Sat 05/09 08:00."""
    later = _with({"operations": {"export_liens_siecle": {"date": "2026-09-04"}}})
    found = differences(reference, later)
    clock = reference.clock
    first = next(
        d
        for d in found
        if d.target == Target.ENT.value and d.category == Category.STUDENT_GROUP.value
    )
    assert first.what == "first correct minute" and first.where.startswith("eleve:")
    assert first.reference == clock.minutes(dt.datetime(2026, 9, 4, 3, 30))
    assert first.other == clock.minutes(dt.datetime(2026, 9, 5, 3, 30))
    dates = {
        (d.target, d.what): (d.reference, d.other)
        for d in found
        if d.what == "consistent_except_departed_from"
    }
    assert dates[(Target.ENT.value, "consistent_except_departed_from")] == (
        clock.day_minutes(dt.date(2026, 9, 4), dt.time(8)),
        clock.day_minutes(dt.date(2026, 9, 5), dt.time(8)),
    )
    mornings = [d for d in found if d.what == "missing" and d.category == "student_group"]
    assert mornings and mornings[0].where == "le 04/09/2026 08:00"
    assert "first correct minute" in str(first)


def test_a_different_warning_is_found(reference: SimulationResult) -> None:
    down = {
        "channels": {
            "extraction_aaf": {
                "outages": [{"start": "2026-09-01 20:00", "end": "2026-09-02 08:00"}]
            }
        }
    }
    found = differences(reference, _with(down))
    warning = next(d for d in found if d.what == "warning")
    assert warning.other is not None and warning.other[:2] == ("outage", "extraction_aaf")
    assert warning.reference != warning.other
