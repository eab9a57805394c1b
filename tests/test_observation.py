"""The observation of a lycée's files in the engine: STS-WEB and SIECLE take the observed
facts at one instant, and STS-WEB → SIECLE's copy brings what SIECLE lacks of STS-WEB's
structure, continuous or scheduled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from sim.domain import Category, Store
from sim.engine.observation import OBSERVATION_OFFSET, ObservedState
from sim.engine.simulation import simulate
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS


@pytest.mark.parametrize(
    ("mode", "arrives"),
    [
        # continuous: the difference is sent at once and lands one day later
        ("continuous", dt.datetime(2026, 9, 5, 21, 0)),
        # scheduled at 02:00: the next run, on 05/09, lands one day later
        ("scheduled", dt.datetime(2026, 9, 6, 2, 0)),
    ],
)
def test_groups_siecle_lacks_arrive_by_the_copy(
    tmp_path: Path, mode: str, arrives: dt.datetime
) -> None:
    """Five groups STS-WEB has are taken out of SIECLE on Friday 04/09 at 21:00: they are
    back in SIECLE once STS-WEB → SIECLE's copy has landed, not before."""
    path = tmp_path / "copie.yaml"
    path.write_text(
        f"extends: {SCENARIOS / 'nominal.yaml'}\nchannels: {{sts_vers_siecle: {{mode: {mode}}}}}\n",
        encoding="utf-8",
    )
    scenario = load_scenario(path)
    nominal = simulate(scenario)
    clock = nominal.clock
    minute = clock.minutes(dt.datetime(2026, 9, 4, 21, 0))
    groups = nominal.histories[Store.SIECLE][Category.GROUPS].at(minute)
    taken = np.flatnonzero(groups)[:5]
    lacking = groups.copy()
    lacking[taken] = False
    observed = ObservedState(minute, siecle={Category.GROUPS: lacking})
    result = simulate(scenario, truth=nominal.truth, clock=clock, observed=observed)
    history = result.histories[Store.SIECLE][Category.GROUPS]
    after = minute + 2 * OBSERVATION_OFFSET
    assert not history.at(after)[taken].any()
    landed = clock.minutes(arrives)
    assert not history.at(landed - 1)[taken].any()
    assert history.at(landed + 1)[taken].all()
    # the links to them come back with them: SIECLE knows them, only the groups were missing
    links = result.histories[Store.SIECLE][Category.STUDENT_GROUP]
    before = nominal.histories[Store.SIECLE][Category.STUDENT_GROUP]
    assert links.at(after).sum() < before.at(after).sum()
    assert np.array_equal(links.at(landed + 1), before.at(landed + 1))
