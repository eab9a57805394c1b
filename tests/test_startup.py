"""Start-up: the commands that draw nothing do not load matplotlib (about half a second)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SCENARIOS

PROBE = """
import sys
from sim.cli import main
sys.argv = ["rentree-sim", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = ("matplotlib", "icalendar", "sim.presentation.report", "distributed")
loaded = sorted(m for m in heavy if m in sys.modules)
print("LOADED", ",".join(loaded), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["run", str(SCENARIOS / "nominal.yaml")],
        ["validate", str(SCENARIOS / "nominal.yaml")],
        ["schema"],
        ["academie", "validate", str(SCENARIOS / "academies" / "petite-academie.yaml")],
        ["academie", "run", str(SCENARIOS / "academies" / "exemple.csv"), "--workers", "1"],
    ],
    ids=lambda args: "-".join(args[:2]) if args[0] == "academie" else args[0],
)
def test_commands_that_draw_nothing_leave_matplotlib_out(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120
    )
    assert "LOADED \n" in done.stderr, done.stderr[-2000:]


def test_the_package_loads_its_api_on_first_use() -> None:
    code = "import sys, sim; assert 'sim.api' not in sys.modules; sim.simulate; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
