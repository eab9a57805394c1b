"""Checks that need the whole validated scenario: dates inside the window, a rentrée that
can be found, and the habits of a lycée's offices (warnings, not errors)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from sim.calendar import StaffCalendar, day_of, is_public_holiday, rentree_date
from sim.domain import GATES, PLATFORM_OPERATIONS, Channel, Operation
from sim.errors import RentreeSimError
from sim.i18n import label, t
from sim.scenario.model import Scenario
from sim.scenario.translation import shown

FieldPath = tuple[str | int, ...]
Problems = list[tuple[FieldPath, str]]


def check_window(scenario: Scenario) -> Problems:
    """Every dated thing must fall inside the simulation window."""
    cal = scenario.calendar
    problems: Problems = []

    def check(field: FieldPath, value: dt.date | dt.datetime) -> None:
        if not cal.start <= day_of(value) <= cal.end:
            problems.append(
                (
                    field,
                    t(
                        "rule.outside_window",
                        value=shown(value),
                        start=shown(cal.start),
                        end=shown(cal.end),
                    ),
                )
            )

    if cal.rentree is not None:
        check(("calendar", "rentree"), cal.rentree)
    for field, when in _operation_instants(scenario):
        check(field, when)
    for op in Operation:
        # a bound beyond the window leaves no day at all; one before it is merely loose
        bounds = scenario.operations.get(op)
        if bounds.not_before is not None and bounds.not_before > cal.end:
            check(("operations", op.value, "not_before"), bounds.not_before)
        if bounds.not_after is not None and bounds.not_after < cal.start:
            check(("operations", op.value, "not_after"), bounds.not_after)
    for channel in Channel:
        spec = scenario.channels.get(channel)
        for i, outage in enumerate(spec.outages):
            check(("channels", channel.value, "outages", i, "start"), outage.start)
            check(("channels", channel.value, "outages", i, "end"), outage.end)
    for i, day in enumerate(scenario.channels.extraction_aaf.full_on):
        check(("channels", Channel.EXTRACTION_AAF.value, "full_on", i), day)
    for i, change in enumerate(scenario.reality):
        check(("reality", i, "date"), change.date)
    return problems


def check_runnable(scenario: Scenario) -> Problems:
    """What a run relies on beyond the format: the rentrée can be found in the window."""
    cal = scenario.calendar
    if cal.rentree is not None:
        return []
    zone, year = scenario.etablissement.zone, cal.start.year
    try:
        rentree = rentree_date(zone, year)
    except RentreeSimError:
        return [(("calendar", "rentree"), t("rule.rentree_unknown", year=year, zone=zone))]
    if not cal.start <= rentree <= cal.end:
        rule = t(
            "rule.rentree_outside",
            rentree=shown(rentree),
            start=shown(cal.start),
            end=shown(cal.end),
        )
        return [(("calendar", "rentree"), rule)]
    return []


def office_habits(scenario: Scenario) -> Problems:
    """Manual operations on a day the staff do not work (weekend or day off, public holiday,
    closed period) or outside their own bounds, a rentrée on a weekend."""
    warnings: Problems = []
    staff = scenario.calendar.staff()
    for field, when in _operation_instants(scenario, planned=False):
        operation = Operation(str(field[1]))
        if operation in PLATFORM_OPERATIONS:
            continue  # the platform's operator keeps its own hours
        day = day_of(when)
        what = _closed(day, staff)
        if what is not None:
            warnings.append((field, t("rule.closed_day", day=shown(day), what=what)))
        spec = scenario.operations.get(operation)
        too_early = spec.not_before is not None and day < spec.not_before
        too_late = spec.not_after is not None and day > spec.not_after
        if too_early or too_late:
            side = "rule.before_bound" if too_early else "rule.after_bound"
            bound = spec.not_before if too_early else spec.not_after
            text = t("rule.outside_bounds", day=shown(day), side=t(side), bound=shown(bound))
            warnings.append((field, text))
    warnings += _shares_out_of_order(scenario)
    warnings += _refused_for_gates(scenario)
    for index, change in enumerate(scenario.reality):
        # as the engine types it: at the operations' time, then recorded_after later
        day = (scenario.calendar.at(change.date) + change.recorded_after).date()
        what = _closed(day, staff) if not staff.works(day) else None
        if what is not None:
            recorded = t("rule.change_recorded", day=shown(day), what=what)
            warnings.append((("reality", index, "date"), recorded))
    rentree = scenario.calendar.rentree
    if rentree is not None:
        warnings += _rentree_habits(scenario, rentree)
    return warnings


def _refused_for_gates(scenario: Scenario) -> Problems:
    """Occurrences the application will refuse because a step it requires first (domain.md's
    gates) is planned later or left out. Only these roots are told: what a refused step
    would have opened is refused too, and the run lists it."""
    found: Problems = []
    calendar = scenario.calendar
    first: dict[Operation, dt.datetime] = {}
    for op in Operation:
        spec = scenario.operations.get(op)
        if not spec.missing and spec.date:
            first[op] = min(calendar.at(value) for value in spec.date)
    for op, gates in GATES.items():
        spec = scenario.operations.get(op)
        if spec.missing:
            continue
        for occurrence, value in enumerate(spec.date):
            when = calendar.at(value)
            # at an equal instant the gate goes first (operations act in the domain's order)
            left_out = [g for g in gates if g not in first]
            later = [g for g in gates if g in first and first[g] > when]
            if not left_out and not later:
                continue
            # the first refused occurrence of each operation is told: the others follow
            field = ("operations", op.value, "date", spec.written_index(occurrence))
            for key, waiting in (("rule.gate_left_out", left_out), ("rule.gate_later", later)):
                if waiting:
                    names = t("cli.and").join(
                        t("quoted", text=label("operation", g)) for g in waiting
                    )
                    text = t(key, day=shown(value), gates=names, count=len(waiting))
                    found.append((field, text))
            break
    return found


RENTREE_DRIFT_DAYS = 7  # a rentrée this far from the zone's is more likely a typing slip


def _rentree_habits(scenario: Scenario, rentree: dt.date) -> Problems:
    """A rentrée typed on a weekend, a public holiday, a day the lycée is closed, or far from
    the zone's own: each that holds is told."""
    field = ("calendar", "rentree")
    found: Problems = []
    if rentree.weekday() >= 5:
        what = t("calendar.saturday" if rentree.weekday() == 5 else "calendar.sunday")
        found.append((field, t("rule.rentree_weekend", what=what, day=shown(rentree))))
    if is_public_holiday(rentree):
        found.append((field, t("rule.rentree_holiday", day=shown(rentree))))
    if scenario.calendar.staff().closed_on(rentree):
        found.append((field, t("rule.rentree_closed", day=shown(rentree))))
    zone = scenario.etablissement.zone
    try:
        official = rentree_date(zone, rentree.year)
    except RentreeSimError:
        return found  # a year the holiday table does not know: nothing to compare with
    if abs((rentree - official).days) > RENTREE_DRIFT_DAYS:
        far = t("rule.rentree_far", day=shown(rentree), zone=zone, official=shown(official))
        found.append((field, far))
    return found


def _shares_out_of_order(scenario: Scenario) -> Problems:
    """Occurrences that do nothing more than an earlier one: a share smaller than an earlier
    one (shares are cumulative; written out of time order, each share stays with its date,
    which is seldom what a table typed right to left meant), or the same instant twice."""
    warnings: Problems = []
    at = scenario.calendar.at
    for op in Operation:
        spec = scenario.operations.get(op)
        shares = spec.share
        field = ("operations", op.value, "date")
        instants = [at(d) for d in spec.date]
        for i, (before, after) in enumerate(pairwise(instants)):
            grows = isinstance(shares, list) and shares[i + 1] > shares[i]
            if before == after and not grows:
                warnings.append((field, t("rule.date_twice", day=shown(day_of(spec.date[i])))))
        if not isinstance(shares, list) or all(a <= b for a, b in pairwise(shares)):
            continue
        written = [spec.written_index(i) for i in range(len(spec.date))]
        pairs = ", ".join(
            t("rule.share_on", day=shown(day_of(d)), share=round(100 * share))
            for d, share in zip(spec.date, shares, strict=True)
        )
        key = "rule.shares_shrink" if written != sorted(written) else "rule.shares_decrease"
        warnings.append((field, t(key, pairs=pairs)))
    return warnings


def _closed(day: dt.date, staff: StaffCalendar) -> str | None:
    """Why the staff do not work on ``day`` (None when they do)."""
    if is_public_holiday(day):
        return t("calendar.public_holiday")
    if staff.closed_on(day):
        return t("calendar.closed")
    if day.weekday() not in staff.weekdays:
        named = {5: "calendar.saturday", 6: "calendar.sunday"}.get(
            day.weekday(), "calendar.day_off"
        )
        return t(named)
    return None


def _operation_instants(
    scenario: Scenario, planned: bool = True
) -> list[tuple[FieldPath, dt.date | dt.datetime]]:
    found: list[tuple[FieldPath, dt.date | dt.datetime]] = []
    for op in Operation:
        operation = scenario.operations.get(op)
        keys = (("date", operation.date), ("planned", operation.planned))
        for key, values in keys if planned else keys[:1]:
            # dates were put in time order: messages name the position written in the file
            found.extend(
                (
                    (
                        "operations",
                        op.value,
                        key,
                        operation.written_index(i) if key == "date" else i,
                    ),
                    when,
                )
                for i, when in enumerate(values)
            )
    return found
