"""The plan as an iCalendar file: one event per operation to do, at its latest date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar as ICalendar
from icalendar import Event

from sim.analysis.plan import Plan
from sim.domain import ROLE_OF
from sim.i18n import label, language, t
from sim.presentation.formatting import instant_text
from sim.presentation.plan_output import plan_rows
from sim.scenario.model import Scenario

PARIS = ZoneInfo("Europe/Paris")
EVENT_LENGTH = dt.timedelta(hours=1)


def plan_ics(plan: Plan, scenario: Scenario) -> bytes:
    """Events for the staff's agenda, in French (or English): each operation the lycée does
    at its latest date, with who does it, the planned date and the slack. The same plan
    gives the same bytes (stamps and ids come from the plan, not from the clock)."""
    calendar = scenario.calendar
    agenda = ICalendar()
    agenda.add("prodid", f"-//rentree-sim//plan//{language().upper()}")
    agenda.add("version", "2.0")
    agenda.add("x-wr-calname", t("ics.name", name=scenario.name))
    stamp = dt.datetime.combine(plan.target, dt.time(0, 0), tzinfo=dt.UTC)
    target = instant_text(calendar.at(dt.datetime.combine(plan.target, calendar.observation_time)))
    for n, row in enumerate(plan_rows(plan, calendar)):
        if row.state not in ("moved", "added") or row.latest is None:
            continue
        start = calendar.at(row.latest).replace(tzinfo=PARIS)
        event = Event()
        event.add("uid", f"{plan.target.isoformat()}-{n:03d}-{row.operation.value}@rentree-sim")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + EVENT_LENGTH)
        event.add("summary", t("ics.summary", operation=label("operation", row.operation.value)))
        event.add(
            "description",
            t(
                "ics.description",
                who=t("role." + ROLE_OF[row.operation]),
                planned=t("plan.to_add")
                if row.planned is None
                else instant_text(calendar.at(row.planned)),
                slack="" if row.state == "added" else t("ics.slack", slack=row.slack or 0),
                target=target,
                name=scenario.name,
                checked=t(
                    "ics.not_checked"
                    if not plan.verified
                    else "ics.checked"
                    if plan.confident
                    else "ics.not_confident"
                ),
            ),
        )
        event.add("categories", [t("role." + ROLE_OF[row.operation])])
        agenda.add_component(event)
    agenda.add_missing_timezones()
    for zone in agenda.walk("VTIMEZONE"):
        zone.pop("COMMENT", None)  # icalendar's note on its own range, in English only
    data: bytes = agenda.to_ical()
    return data
