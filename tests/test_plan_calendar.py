"""The plan as an iCalendar file for the staff's agenda, read back by ``icalendar``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from typer.testing import CliRunner

from sim.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()
NOMINAL = str(SCENARIOS / "nominal.yaml")


def test_plan_ics_has_one_event_per_operation_at_its_latest_date(tmp_path: Path) -> None:
    """Target Mon 07/09: the link export at its latest date, Fri 04/09/2026 10:00 (Paris),
    described in French with who does it; fixed and unneeded operations have no event."""
    out = tmp_path / "plan.ics"
    args = ["plan", NOMINAL, "--target", "2026-09-07", "--ics", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"Agenda écrit : {out}" in result.output
    agenda = Calendar.from_ical(out.read_bytes())
    events = [c for c in agenda.walk() if c.name == "VEVENT"]
    summaries = [str(e["summary"]) for e in events]
    links = next(e for e in events if "export des liens élèves-groupes" in str(e["summary"]))
    start = links.decoded("dtstart")
    assert start == dt.datetime(2026, 9, 4, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert str(links["summary"]) == "Au plus tard : export des liens élèves-groupes vers SIECLE"
    description = str(links["description"])
    assert "Qui : direction (proviseur adjoint)" in description
    assert "Date prévue : jeu. 03/09/2026 10:00 (marge : 1 jour travaillé)" in description
    assert "vérifié par simulation" in description
    assert "lun. 07/09/2026 08:00" in description
    assert not any("académie" in s or "exploitant" in s for s in summaries)
    assert not any("structure STS-WEB → SIECLE" in s for s in summaries)  # not needed
    # every text in it is the catalogue's: icalendar's English note on time zones is left out
    assert b"This timezone" not in out.read_bytes()
    assert [z["TZID"] for z in agenda.walk("VTIMEZONE")] == ["Europe/Paris"]
    # the same plan gives the same file
    again = tmp_path / "again.ics"
    runner.invoke(app, ["plan", NOMINAL, "--target", "2026-09-07", "--ics", str(again)])
    assert again.read_bytes() == out.read_bytes()


def test_plan_ics_refuses_another_extension(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["plan", NOMINAL, "--target", "2026-09-07", "--ics", str(tmp_path / "plan.txt")]
    )
    assert result.exit_code == 2
    assert ".ics" in result.output
