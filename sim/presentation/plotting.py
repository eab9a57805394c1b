"""Shared plotting helpers: axes without pyplot, dates, calendar shading, lanes, files."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import matplotlib as mpl
import matplotlib.dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from sim.analysis.run_analysis import Analysis
from sim.calendar import is_school_holiday
from sim.domain import WRITES, Store, Target
from sim.engine.simulation import SimulationResult
from sim.errors import UsageError
from sim.files import write_atomically
from sim.i18n import label, t
from sim.presentation.formatting import day_text

# Rules that the timeline marks (rejections, replacements, duplicates…)
RULE_CODES = frozenset(
    {
        "links_rejected",
        "links_replaced",
        "duplicates",
        "unmatched_services",
        "unmatched_groups",
        "carried_groups",
        "links_without_students",
    }
)
# Smallest text of any picture (points, as drawn): the report displays its pictures at about
# their own size, a slide at the size of a 13.33-inch wide figure
SMALL = 9.0
LANES = (Store.STS, Store.SIECLE, Store.EDT, Store.AAF, Store.ENT, Store.GAR)
TARGET_COLOURS = {Target.ENT: "#1f5fa8", Target.GAR: "#2e8b57"}
# not by colour alone: the GAR's curves are in long dashes (the rentrée's are short)
TARGET_STYLES: dict[Target, str | tuple[int, tuple[int, int]]] = {
    Target.ENT: "-",
    Target.GAR: (0, (7, 2)),
}


def percent_formatter() -> PercentFormatter:
    """Axis percentages as the labels write them: « 92 % » (a space before % in French)."""
    return PercentFormatter(1.0, symbol=t("format.percent", value="").strip(" "))


def new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    figure = Figure(figsize=size, layout="constrained")
    return figure.add_subplot()


def num(result: SimulationResult, minute: float) -> float:
    return float(mdates.date2num(result.instant(minute)))


def day_num(day: dt.date) -> float:
    return float(mdates.date2num(dt.datetime.combine(day, dt.time(0, 0))))


def instant_num(instant: dt.datetime) -> float:
    return float(mdates.date2num(instant))


def date_of(x: float) -> dt.date:
    """The day holding the date number ``x``."""
    return mdates.num2date(x).date()  # type: ignore[no-any-return]


def lane_of(actor: str) -> Store:
    writes = WRITES.get(actor, ())
    store = writes[0] if writes else Store.SIECLE
    return Store.SIECLE if store is Store.SIECLE_PENDING else store


def spans(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days merged into [first, last + 1) spans."""
    spans: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if spans and spans[-1][1] == day:
            spans[-1] = (spans[-1][0], day + dt.timedelta(days=1))
        else:
            spans.append((day, day + dt.timedelta(days=1)))
    return spans


def shade_calendar(ax: Axes, result: SimulationResult) -> list[Artist]:
    cal = result.scenario.calendar
    zone = result.scenario.etablissement.zone
    days = [cal.start + dt.timedelta(days=d) for d in range((cal.end - cal.start).days + 1)]
    staff = cal.staff()  # the lycée's own closures and days off too, not only weekends
    closed = [d for d in days if not staff.works(d)]
    holidays = [d for d in days if is_school_holiday(d, zone)]
    for start, end in spans(holidays):
        ax.axvspan(day_num(start), day_num(end), color="#fff3c4", zorder=0, lw=0)
    for start, end in spans(closed):
        ax.axvspan(day_num(start), day_num(end), color="#e6e6e6", zorder=0.1, lw=0)
    return [
        Patch(color="#e6e6e6", label=t("plot.closed_days")),
        Patch(color="#fff3c4", label=t("plot.school_holidays", zone=zone)),
    ]


def date_axis(ax: Axes) -> None:
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))


def palette(count: int) -> list[str]:
    base = [
        "#1f77b4",
        "#ff7f0e",
        "#2ca02c",
        "#d62728",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#7f7f7f",
        "#bcbd22",
        "#17becf",
    ]
    return [base[i % len(base)] for i in range(count)]


def check_picture_path(path: Path) -> str:
    """The format of ``path`` (png or svg), or a :class:`UsageError` naming the rule."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise UsageError(t("plot.bad_format", suffix=suffix or "—", path=path))
    return suffix[1:]


def figure_of(ax: Axes) -> Figure:
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    return figure


# Same scenario, same bytes: an SVG gets no creation date and ids salted by a constant (not
# random); text is drawn as paths so that the picture does not depend on the reader's fonts.
_METADATA: dict[str, dict[str, str | None]] = {"svg": {"Date": None}, "png": {}}
DPI = 150


def print_figure(figure: Figure, target: str | IO[bytes] | IO[str], fmt: str) -> None:
    """The one place where pictures are rendered to a file or a buffer."""
    with mpl.rc_context({"svg.hashsalt": "rentree-sim", "svg.fonttype": "path"}):
        figure.savefig(target, format=fmt, dpi=DPI, metadata=_METADATA[fmt])


def svg_text(figure: Figure) -> str:
    """``figure`` as an SVG document (for inlining in HTML)."""
    buffer = io.StringIO()
    print_figure(figure, buffer, "svg")
    return buffer.getvalue()


def save_figure(figure: Figure, path: Path) -> Path:
    """Write ``figure`` as PNG or SVG (by the extension), atomically."""
    fmt = check_picture_path(path)
    return write_atomically(path, lambda temporary: print_figure(figure, temporary, fmt))


def reference_lines(ax: Axes, analysis: Analysis, targets: Sequence[Target]) -> list[Artist]:
    result = analysis.result
    rentree = day_num(result.rentree)
    handles: list[Artist] = [
        ax.axvline(
            rentree,
            color="black",
            ls="--",
            lw=1.2,
            label=t("plot.rentree", date=day_text(result.rentree)),
        )
    ]
    for target in targets:
        minute = analysis.targets[target].consistent_from
        name = label("system", target.value)
        if minute is None:  # no line to draw: the legend says it in words only
            handles.append(Line2D([], [], ls="", marker="", label=t("plot.never", target=name)))
            continue
        handles.append(
            ax.axvline(
                num(result, minute),
                color=TARGET_COLOURS[target],
                lw=2,
                label=t(
                    "plot.consistent", target=name, date=day_text(result.instant(minute).date())
                ),
            )
        )
    for target in targets:
        tc = analysis.targets[target]
        minute = tc.consistent_except_departed_from
        if minute is None or minute == tc.consistent_from:
            continue
        # the date a calendar can move: the ENT keeps departed users until the pre-delete
        handles.append(
            ax.axvline(
                num(result, minute),
                color=TARGET_COLOURS[target],
                lw=1.5,
                ls="--",
                label=t(
                    "plot.consistent_except_departed",
                    target=label("system", target.value),
                    date=day_text(result.instant(minute).date()),
                ),
            )
        )
    return handles
