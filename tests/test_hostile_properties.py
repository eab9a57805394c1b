"""Property: whatever bytes a scenario file holds (a shipped scenario damaged at random), the
loader either returns a scenario that simulates, or raises the format's own errors with a
French message; nothing else escapes, and nothing hangs."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.engine.simulation import simulate
from sim.errors import ScenarioError, ScenarioErrors
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

SETTINGS = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")),
    deadline=None,
    derandomize=not os.environ.get("PROPERTY_EXAMPLES"),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
ORIGINAL = (SCENARIOS / "nominal.yaml").read_bytes()
# bytes that matter to YAML and to the format, and some that should never be there
ALPHABET = st.sampled_from(list(b":-[]{}&*!|>'\"#%@`,?\t\n 0123456789.eE+jhmin\x00\xff\x1b"))


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(ORIGINAL)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete", "duplicate"]))
        if action == "replace":
            data[at] = draw(ALPHABET)
        elif action == "insert":
            data.insert(at, draw(ALPHABET))
        elif action == "delete":
            del data[at]
        else:
            end = min(len(data), at + draw(st.integers(1, 80)))
            data[at:at] = data[at:end]
    return bytes(data)


@SETTINGS
@given(data=damaged())
def test_a_damaged_scenario_loads_or_is_refused_in_words(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "abime.yaml"
    path.write_bytes(data)
    try:
        scenario = load_scenario(path)
    except (ScenarioError, ScenarioErrors) as error:
        text = str(error)
        assert text and "Traceback" not in text and "\x1b" not in text
        return
    simulate(scenario)  # valid means runs
