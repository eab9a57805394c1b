"""Dates, labels and warning texts as a person reads them, through the catalogue."""

from __future__ import annotations

import datetime as dt
import math

from sim.analysis.run_analysis import Snapshot, Warning
from sim.errors import UsageError
from sim.i18n import label, t

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def day_text(day: dt.date) -> str:
    return t(
        "format.day",
        weekday=t(f"weekday.{WEEKDAY_KEYS[day.weekday()]}"),
        date=day.strftime("%d/%m/%Y"),
    )


def instant_text(instant: dt.datetime) -> str:
    return t("format.instant", day=day_text(instant.date()), time=instant.strftime("%H:%M"))


def count_text(count: int) -> str:
    """A count with the language's thousands separator (« 27 133 », "27,133")."""
    return f"{count:,}".replace(",", t("format.thousands"))


def percent_text(value: object) -> str:
    """A percentage as the language writes it: « 12 % » in French, "12%" in English."""
    return t("format.percent", value=value)


def share_text(part: int, whole: int) -> str:
    """``part`` out of ``whole`` as a percentage with one decimal, rounded down so that a
    share with anything wrong never reads 100 %."""
    tenths = math.floor(1000 * part / whole) if whole else 1000
    value = f"{tenths // 10}{t('format.decimal')}{tenths % 10}"
    return t("format.percent", value=value)


def actor_label(actor: str) -> str:
    for kind in ("operation", "channel", "target"):
        text = label(kind, actor)
        if text != actor:
            return text
    return label("actor", actor)


def actors_label(names: str) -> str:
    return ", ".join(actor_label(n) for n in names.split(",") if n)


def _warning_message(warning: Warning) -> str:
    return t(
        f"warning.{warning.code}",
        count=count_text(warning.count),
        actor=actor_label(warning.actor),
        category=label("category", warning.category) if warning.category else "",
        detail=_detail_text(warning),
    )


def _detail_text(warning: Warning) -> str:
    if warning.code in ("refused", "order_broken"):
        return actors_label(warning.detail)
    if warning.code == "non_working_day" and warning.detail:
        return day_text(dt.date.fromisoformat(warning.detail))
    return warning.detail


def _instant_or_end(iso: str) -> str:
    return instant_text(dt.datetime.fromisoformat(iso)) if iso else t("summary.end_of_window")


UNDATED_CODES = frozenset({"missing", "platform_missing"})  # logged at the window's start


def warning_when(when: dt.datetime, warning: Warning) -> str:
    """When a warning happened, or « tout le calendrier » for an operation never done (its
    record sits at the window's first minute, which is no date of the lycée's)."""
    return t("summary.undated") if warning.code in UNDATED_CODES else instant_text(when)


def transition_gap(warning: Warning) -> tuple[str, str, str]:
    """A ``transition_after_rentree`` warning's detail: when the ENT is back, when the GAR
    empties and when it is back (ISO instants; empty when not in the window)."""
    ent_back, gar_empty, gar_back = [*warning.detail.split(","), "", "", ""][:3]
    return ent_back, gar_empty, gar_back


def cut_text(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, an ellipsis marking a cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def warning_message(warning: Warning) -> str:
    if warning.code == "transition_after_rentree":
        ent_back, gar_empty, gar_back = transition_gap(warning)
        return t(
            "warning.transition_after_rentree",
            ent_back=_instant_or_end(ent_back),
            gar=t(
                "summary.gar_empty",
                start=_instant_or_end(gar_empty),
                end=_instant_or_end(gar_back),
            )
            if gar_empty
            else "",
        )
    return _warning_message(warning)


def warning_cause(warning: Warning) -> str:
    return t(f"cause.{warning.code}")


def snapshot_cells(snapshots: dict[str, Snapshot], category: str) -> list[str]:
    """« missing / stale » at the rentrée and a week after (— when outside the window)."""
    cells = []
    for moment in ("rentree", "week_after"):
        snap = snapshots.get(moment)
        cells.append(
            "—"
            if snap is None
            else f"{count_text(snap.missing[category])} / {count_text(snap.stale[category])}"
        )
    return cells


def parse_day(text: str, option: str) -> dt.date:
    """A date typed as dd/mm/yyyy or yyyy-mm-dd, or a :class:`UsageError` naming ``option``."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UsageError(t("plot.bad_day", option=option, value=text))
