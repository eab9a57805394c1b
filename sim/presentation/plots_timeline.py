"""The timeline of one run: one lane per system, operations (planned vs actual, missing,
refused), batch runs, rules applied, the rentrée and the ENT/GAR consistency dates."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import TextToPath

from sim.analysis.run_analysis import Analysis
from sim.domain import Operation, Store, Target
from sim.engine.simulation import SimulationResult
from sim.i18n import label, t
from sim.presentation.plotting import (
    LANES,
    RULE_CODES,
    SMALL,
    instant_num,
    lane_of,
    new_axes,
    num,
    reference_lines,
    shade_calendar,
)
from sim.presentation.time_axis import DayRange, TimeAxis, axes_height, axes_width, time_axis_of

DONE, LATE, MISSING, REFUSED = "#1f3b73", "#e07b00", "#7a7a7a", "#c0392b"
REALITY = "#8e44ad"
LEVEL_STEP = 11.5  # points between two label levels of a lane
# A slide (16:9, PowerPoint's 13.33 × 7.5 inches): shown at its own size, text stays ≥ 9 pt
TIMELINE_SIZE = (13.33, 7.5)


@lru_cache(maxsize=512)
def text_width(text: str, size: float = SMALL) -> float:
    """Width of ``text`` in points, as the default font draws it (with a margin for hinting)."""
    width, _, _ = TextToPath().get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width) * 1.06 + 4


class _LabelPlacer:
    """Greedy levels per lane so that labels of close dates do not overlap: a level is free
    at a point once the previous label there has ended (measured on the axis, in points)."""

    def __init__(self, axis: TimeAxis, width_pt: float) -> None:
        self.axis = axis
        self.width_pt = width_pt
        self.end: dict[tuple[Store, int], float] = {}

    def level(self, lane: Store, x: float, text: str) -> int:
        left = float(self.axis.fraction(x)) * self.width_pt
        right = left + text_width(text)
        level = 0
        while left < self.end.get((lane, level), -np.inf):
            level += 1
        self.end[(lane, level)] = right
        return level


def _labels(result: SimulationResult, low: float) -> list[tuple[Store, float, str, str]]:
    """Lane, date, text and colour of each label, by date."""
    labels: list[tuple[Store, float, str, str]] = []
    for event in result.events:
        if event.kind == "reality":
            lane = Store.EDT if event.code == "group_change" else Store.SIECLE
            text = t(f"plot.reality_{event.code}", count=event.count)
            labels.append((lane, num(result, event.minute), text, REALITY))
        elif event.kind == "observation" and event.code == "files":  # the forecast's start
            labels.append((Store.SIECLE, num(result, event.minute), t("plot.files"), REALITY))
    for op in Operation:
        spec = result.scenario.operations.get(op)
        if spec.missing:
            planned = [_instant_num(result, d) for d in spec.planned] or [low]
            labels.extend((lane_of(op), x, t("short." + op.value) + " ✗", MISSING) for x in planned)
            continue
        labels.extend(
            (lane_of(op), num(result, e.minute), t("short." + op.value), DONE)
            for e in result.events
            if e.actor == op and e.kind == "operation" and e.code in ("run", "refused")
        )
    return sorted(labels, key=lambda a: a[1])


def _lanes(levels: dict[Store, int], height_pt: float) -> dict[Store, float]:
    """Height of each lane line: one unit apart, more above a lane whose labels need more
    levels (the lanes without labels give up their room)."""
    need = {
        store: (12 + LEVEL_STEP * (levels[store] + 1)) if store in levels else 0.0
        for store in LANES
    }
    gaps = dict.fromkeys(LANES, 1.0)
    for _ in range(6):  # the points per unit depend on the total: a few rounds settle it
        per_unit = height_pt / (sum(gaps.values()) + 0.5)
        gaps = {store: max(1.0, need[store] / per_unit) for store in LANES}
    y: dict[Store, float] = {}
    level = 0.0
    for store in reversed(LANES):
        y[store] = level
        level += gaps[store]
    return y


def plot_timeline(
    analysis: Analysis, ax: Axes | None = None, *, days: DayRange | None = None
) -> Axes:
    """One lane per system: operations (planned vs actual, missing, refused), batch runs,
    rules applied, the rentrée and the ENT/GAR consistency dates; closed days shaded.
    ``days`` shows that range to scale; by default the whole window, the rentrée weeks
    taking most of the width and the weeks without any operation cut out."""
    ax = new_axes(ax, TIMELINE_SIZE)
    result = analysis.result
    scenario = result.scenario
    axis = time_axis_of(analysis, days)
    width_pt = axes_width(ax)
    legend = shade_calendar(ax, result)
    placer = _LabelPlacer(axis, width_pt)
    labels = [
        (lane, x, text, colour, placer.level(lane, x, text))
        for lane, x, text, colour in _labels(result, axis.low)
        if axis.low <= x <= axis.high  # outside the range asked for: not drawn, no level
    ]
    levels: dict[Store, int] = {}
    for lane, *_, level in labels:
        levels[lane] = max(level, levels.get(lane, 0))
    y = _lanes(levels, axes_height(ax))

    for event in result.events:
        if event.kind == "batch" and event.code in ("run", "full"):
            lane = lane_of(event.actor)
            x = num(result, event.minute)
            ax.plot([x, x], [y[lane] - 0.42, y[lane] - 0.28], color="#9aa7b8", lw=0.6, zorder=1)
        elif event.kind == "batch" and event.code == "outage":
            lane = lane_of(event.actor)
            ax.plot(
                num(result, event.minute),
                y[lane] - 0.35,
                marker="x",
                color=REFUSED,
                ms=5,
                zorder=2,
            )
        elif event.kind == "reality":
            lane = Store.EDT if event.code == "group_change" else Store.SIECLE
            x = num(result, event.minute)
            ax.plot(x, y[lane], marker="*", color=REALITY, ms=11, zorder=6)
        elif event.kind == "observation":
            x = num(result, event.minute)
            for lane in (Store.STS, Store.SIECLE):
                ax.plot(x, y[lane], marker="D", color=REALITY, ms=7, zorder=6)
        elif event.kind == "rule" and event.code in RULE_CODES:
            lane = Store(event.store) if event.store else lane_of(event.actor)
            lane = Store.SIECLE if lane is Store.SIECLE_PENDING else lane
            x = num(result, event.minute)
            ax.plot(x, y[lane] - 0.18, marker="v", color=REFUSED, ms=7, zorder=4)
            ax.annotate(
                str(event.count) if event.count else "!",
                (x, y[lane] - 0.18),
                xytext=(5, -4),
                textcoords="offset points",
                fontsize=SMALL,
                color=REFUSED,
            )

    for op in Operation:
        spec = scenario.operations.get(op)
        lane = lane_of(op)
        planned = [_instant_num(result, d) for d in spec.planned]
        runs = [e for e in result.events if e.actor == op and e.kind == "operation"]
        if spec.missing:
            for x in planned or [axis.low]:
                ax.plot(x, y[lane], marker="X", color=MISSING, ms=9, mfc="white", zorder=5)
            continue
        actual = [num(result, e.minute) for e in runs if e.code in ("run", "refused")]
        for i, event in enumerate(e for e in runs if e.code in ("run", "refused")):
            x = actual[i]
            refused = event.code == "refused"
            late = i < len(planned) and x - planned[i] > 1e-6
            colour = REFUSED if refused else LATE if late else DONE
            if i < len(planned) and abs(x - planned[i]) > 1e-6:
                ax.plot(planned[i], y[lane], marker="o", ms=8, mfc="white", mec=colour, zorder=5)
                # a date outside the period shown: the arrow stops at its edge (never across
                # the systems' names), and still says the step moved
                start = min(max(planned[i], axis.low), axis.high)
                end = min(max(x, axis.low), axis.high)
                ax.annotate(
                    "",
                    (end, y[lane]),
                    xytext=(start, y[lane]),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.2},
                    zorder=4,
                )
            ax.plot(x, y[lane], marker="X" if refused else "o", color=colour, ms=7, zorder=6)

    for lane, x, text, colour, level in labels:
        ax.annotate(
            text,
            (x, y[lane]),
            xytext=(0, 7 + LEVEL_STEP * level),
            textcoords="offset points",
            fontsize=SMALL,
            ha="left",
            va="bottom",
            color=colour,
            rotation=0,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )

    legend += axis.apply(ax, width_pt)
    legend += reference_lines(ax, analysis, (Target.ENT, Target.GAR))
    legend += [
        Line2D([], [], marker="o", color=DONE, ls="", label=t("plot.done")),
        Line2D([], [], marker="o", color=LATE, ls="", label=t("plot.late")),
        Line2D([], [], marker="X", color=MISSING, mfc="white", ls="", label=t("plot.missing")),
        Line2D([], [], marker="X", color=REFUSED, ls="", label=t("plot.refused")),
        Line2D([], [], marker="|", color="#9aa7b8", ls="", label=t("plot.batch")),
        Line2D([], [], marker="x", color=REFUSED, ls="", label=t("plot.outage")),
        Line2D([], [], marker="v", color=REFUSED, ls="", label=t("plot.rule")),
        Line2D([], [], marker="*", color=REALITY, ls="", ms=9, label=t("plot.reality")),
    ]
    if any(event.kind == "observation" for event in result.events):  # a forecast's start
        legend.append(Line2D([], [], marker="D", color=REALITY, ls="", ms=6, label=t("plot.files")))
    ax.set_yticks([y[s] for s in LANES], [label("system", s.value) for s in LANES])
    ax.set_ylim(-0.6, y[LANES[0]] + 0.9)
    ax.grid(axis="y", color="#dddddd", lw=0.6)
    ax.set_title(t("plot.timeline_title", name=scenario.name))
    ax.legend(
        handles=legend,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.06),
        ncol=4,
        fontsize=SMALL,
        frameon=False,
    )
    return ax


def _instant_num(result: SimulationResult, value: dt.date | dt.datetime) -> float:
    return instant_num(result.scenario.calendar.at(value))
