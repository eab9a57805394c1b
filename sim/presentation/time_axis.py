"""The time axis of the pictures: a range chosen by the user (``--du``/``--au``), or by
default the whole window with the rentrée weeks given most of the width and the weeks without
any operation cut out (a marked axis break).

The axis is piecewise linear: matplotlib draws in date numbers through a function scale, so
every artist keeps its real date and only the width given to each day changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter
from matplotlib.transforms import blended_transform_factory
from numpy.typing import ArrayLike, NDArray

from sim.analysis.run_analysis import Analysis
from sim.domain import Operation
from sim.errors import UsageError
from sim.i18n import t
from sim.presentation.formatting import day_text
from sim.presentation.plotting import RULE_CODES, date_of, day_num

# Share of the width for the weeks around the rentrée, when the rest of the window needs room
FOCUS_SHARE = 0.65
# Width of one axis break, as a share of the axes
BREAK_SHARE = 0.045
# A stretch without any operation this long (days) is cut out of the axis
MIN_BREAK_DAYS = 12
# Days kept on each side of an operation before a break starts (room for its label)
PADDING_DAYS = 3
# Smallest distance between two labelled ticks (points)
TICK_SPACING = 44.0
BREAK_COLOUR = "#9a9a9a"


@dataclass(frozen=True)
class DayRange:
    """Days shown, both included."""

    first: dt.date
    last: dt.date


def day_range(
    first: dt.date | None, last: dt.date | None, window: tuple[dt.date, dt.date]
) -> DayRange | None:
    """The range asked by ``--du``/``--au`` inside the simulated ``window`` (None: the default
    view), or a :class:`UsageError` naming the option and the rule."""
    if first is None and last is None:
        return None
    start, end = window
    for option, day in (("--du", first), ("--au", last)):
        if day is not None and not start <= day <= end:
            raise UsageError(
                t(
                    "plot.day_outside",
                    option=option,
                    day=day_text(day),
                    start=day_text(start),
                    end=day_text(end),
                )
            )
    chosen = DayRange(first or start, last or end)
    if chosen.first > chosen.last:
        raise UsageError(
            t("plot.days_reversed", first=day_text(chosen.first), last=day_text(chosen.last))
        )
    return chosen


@dataclass(frozen=True)
class TimeAxis:
    """Piecewise-linear map from date numbers (``knots``) to axes fractions; ``breaks`` are
    the spans cut out (drawn hatched, their width not to scale)."""

    knots: tuple[float, ...]
    fractions: tuple[float, ...]
    breaks: tuple[tuple[float, float], ...] = ()
    focus: tuple[float, float] | None = None

    @property
    def low(self) -> float:
        return self.knots[0]

    @property
    def high(self) -> float:
        return self.knots[-1]

    def fraction(self, x: ArrayLike) -> NDArray[np.float64]:
        """Where ``x`` (date numbers) falls on the axes, 0 at the left, 1 at the right;
        linear beyond both ends so that the scale stays invertible."""
        knots, fractions = self._extended()
        return np.asarray(np.interp(np.asarray(x, dtype=float), knots, fractions), dtype=float)

    def date(self, fraction: ArrayLike) -> NDArray[np.float64]:
        knots, fractions = self._extended()
        return np.asarray(
            np.interp(np.asarray(fraction, dtype=float), fractions, knots), dtype=float
        )

    def _extended(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        k, f = np.array(self.knots), np.array(self.fractions)
        far = 1e6
        left = (f[1] - f[0]) / (k[1] - k[0])
        right = (f[-1] - f[-2]) / (k[-1] - k[-2])
        return (
            np.concatenate([[k[0] - far], k, [k[-1] + far]]),
            np.concatenate([[f[0] - far * left], f, [f[-1] + far * right]]),
        )

    def in_break(self, x: float) -> bool:
        return any(a < x < b for a, b in self.breaks)

    def apply(self, ax: Axes, width_pt: float | None = None, captions: bool = True) -> list[Patch]:
        """Set the scale, the limits, the ticks and draw the breaks; returns their legend
        entry (empty when nothing is cut out)."""
        if len(self.knots) > 2:
            ax.set_xscale("function", functions=(self.fraction, self.date))
        ax.set_xlim(self.low, self.high)
        width = axes_width(ax) if width_pt is None else width_pt
        ax.xaxis.set_major_locator(FixedLocator(self._major_ticks(width)))
        ax.xaxis.set_minor_locator(FixedLocator(self._minor_ticks(width)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: date_of(x).strftime("%d/%m")))
        for a, b in self.breaks:
            _draw_break(ax, a, b, captions)
        return self.legend()

    def legend(self) -> list[Patch]:
        """The legend entry of the breaks (none when nothing is cut out)."""
        if not self.breaks:
            return []
        return [
            Patch(
                facecolor="white",
                edgecolor=BREAK_COLOUR,
                hatch="///",
                lw=0,
                label=t("plot.break_legend"),
            )
        ]

    def _days(self) -> list[float]:
        first = date_of(self.low)
        count = round(self.high - self.low)
        return [day_num(first + dt.timedelta(days=d)) for d in range(count + 1)]

    def _major_ticks(self, width_pt: float) -> list[float]:
        days = [d for d in self._days() if not self.in_break(d)]
        # every day, every other day, or Mondays: the finest step whose labels fit
        step = next((k for k in (1, 2) if len(days) * TICK_SPACING <= width_pt * k), 7)
        candidates = [d for d in days if (date_of(d).toordinal() - 1) % 7 % step == 0]
        chosen: list[float] = []
        edges = sorted({x for span in self.breaks for x in span})
        for day in candidates:
            place = float(self.fraction(day)) * width_pt
            if chosen and place - float(self.fraction(chosen[-1])) * width_pt < TICK_SPACING:
                continue
            if any(
                abs(place - float(self.fraction(e)) * width_pt) < TICK_SPACING / 2 for e in edges
            ):
                continue
            chosen.append(day)
        return chosen

    def _minor_ticks(self, width_pt: float) -> list[float]:
        days = [d for d in self._days() if not self.in_break(d)]
        step = width_pt * float(np.min(np.diff(self.fraction(days)))) if len(days) > 1 else 0
        return days if step >= 4 else [d for d in days if date_of(d).weekday() == 0]


def axes_width(ax: Axes) -> float:
    """Width of ``ax`` in points, as laid out before drawing (an underestimate with a
    constrained layout, which only widens the axes: spacing stays on the safe side)."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    return float(ax.get_position().width * figure.get_figwidth() * 72)


def axes_height(ax: Axes) -> float:
    """Height of ``ax`` in points, as laid out before drawing."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    return float(ax.get_position().height * figure.get_figheight() * 72)


def _draw_break(ax: Axes, a: float, b: float, caption: bool) -> None:
    # above the shading and the batch ticks, which a compressed span would only blur
    ax.axvspan(a, b, facecolor="white", edgecolor=BREAK_COLOUR, hatch="///", lw=0, zorder=1.5)
    top_bottom = blended_transform_factory(ax.transData, ax.transAxes)
    weeks = round((b - a) / 7)
    if caption:
        ax.text(
            (a + b) / 2,
            0.02,
            t("plot.break_weeks", weeks=weeks),
            transform=top_bottom,
            rotation=90,
            ha="center",
            va="bottom",
            fontsize=9,
            color="#555555",
            zorder=1.6,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"},
        )
    for x in (a, b):
        for y in (0.0, 1.0):
            ax.add_line(
                Line2D(
                    [x],
                    [y],
                    transform=top_bottom,
                    marker=[(-1, -2), (1, 2)],
                    markersize=9,
                    color="black",
                    mew=1,
                    clip_on=False,
                    zorder=5,
                )
            )


def linear_axis(days: DayRange) -> TimeAxis:
    return TimeAxis(
        (day_num(days.first), day_num(days.last + dt.timedelta(days=1))),
        (0.0, 1.0),
    )


def focus_axis(
    window: tuple[dt.date, dt.date],
    focus: tuple[dt.date, dt.date],
    activity: Iterable[dt.date],
) -> TimeAxis:
    """The whole ``window`` (days, both included) with ``focus`` given at least
    :data:`FOCUS_SHARE` of the width when the rest needs room, and every stretch of
    :data:`MIN_BREAK_DAYS` or more without ``activity`` (outside the focus) cut out."""
    start, end = window
    stop = end + dt.timedelta(days=1)
    focus_start, focus_stop = max(focus[0], start), min(focus[1], stop)
    # days in the focus are shown whatever happens around them: they need no padding
    busy = {d for d in activity if start <= d <= end and not focus_start <= d < focus_stop}
    # each day outside the focus is "busy" when something happens within PADDING_DAYS of it
    near = {
        day + dt.timedelta(days=k) for day in busy for k in range(-PADDING_DAYS, PADDING_DAYS + 1)
    }
    segments: list[tuple[dt.date, dt.date, str]] = []  # [from, to) and kind
    day = start
    while day < stop:
        kind = "focus" if focus_start <= day < focus_stop else "busy" if day in near else "idle"
        if segments and segments[-1][2] == kind:
            segments[-1] = (segments[-1][0], day + dt.timedelta(days=1), kind)
        else:
            segments.append((day, day + dt.timedelta(days=1), kind))
        day += dt.timedelta(days=1)
    # short idle stretches stay to scale: cutting them would hide less than it costs
    segments = [
        (a, b, "busy" if kind == "idle" and (b - a).days < MIN_BREAK_DAYS else kind)
        for a, b, kind in segments
    ]
    breaks = [s for s in segments if s[2] == "idle"]
    focus_days = sum((b - a).days for a, b, k in segments if k == "focus")
    busy_days = sum((b - a).days for a, b, k in segments if k == "busy")
    room = 1.0 - BREAK_SHARE * len(breaks)
    if busy_days == 0 or focus_days == 0:
        focus_width = room if focus_days else 0.0
    else:
        natural = focus_days / (focus_days + busy_days)
        focus_width = room * max(natural, FOCUS_SHARE)
    widths = {
        "focus": focus_width / focus_days if focus_days else 0.0,
        "busy": (room - focus_width) / busy_days if busy_days else 0.0,
    }
    knots, fractions = [day_num(start)], [0.0]
    for a, b, kind in segments:
        width = BREAK_SHARE if kind == "idle" else widths[kind] * (b - a).days
        knots.append(day_num(b))
        fractions.append(fractions[-1] + width)
    total = fractions[-1]
    return TimeAxis(
        tuple(knots),
        tuple(f / total for f in fractions),
        tuple((day_num(a), day_num(b)) for a, b, _ in breaks),
        (day_num(focus_start), day_num(focus_stop)),
    )


def monday_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def rentree_focus(rentree: dt.date, consistent: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    """[from, to) of the rentrée weeks: from the Monday of the week before the rentrée to three
    weeks after it, or two days after the last consistency date when that is later."""
    last = max([rentree + dt.timedelta(days=21), *(d + dt.timedelta(days=2) for d in consistent)])
    return monday_before(rentree - dt.timedelta(days=7)), last + dt.timedelta(days=1)


def time_axis_of(analysis: Analysis, days: DayRange | None = None) -> TimeAxis:
    """The axis of the pictures of one run: ``days`` to scale, or the default view."""
    if days is not None:
        return linear_axis(days)
    result = analysis.result
    cal = result.scenario.calendar
    consistent = [
        result.instant(tc.consistent_from).date()
        for tc in analysis.targets.values()
        if tc.consistent_from is not None
    ]
    activity = [*consistent, result.rentree]
    activity += [
        result.instant(e.minute).date()
        for e in result.events
        if e.kind in ("operation", "reality", "observation")
        or (e.kind == "rule" and e.code in RULE_CODES)
        or (e.kind, e.code) == ("batch", "outage")
    ]
    for op in Operation:
        spec = result.scenario.operations.get(op)
        activity += [cal.at(d).date() for d in spec.planned]
    return focus_axis((cal.start, cal.end), rentree_focus(result.rentree, consistent), activity)
