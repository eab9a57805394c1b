"""Pictures of a Monte Carlo run: the probability curve and the tornado (``ax=None`` makes a
figure without pyplot; each function returns its axes)."""

from __future__ import annotations

import math

import matplotlib.dates as mdates
from matplotlib.axes import Axes

from sim.analysis.risk import PERCENTILES, RiskResult
from sim.i18n import label, t
from sim.presentation.formatting import count_text
from sim.presentation.plotting import (
    SMALL,
    TARGET_COLOURS,
    TARGET_STYLES,
    date_axis,
    day_num,
    new_axes,
    percent_formatter,
)


def plot_risk_curve(result: RiskResult, ax: Axes | None = None) -> Axes:
    """P(the directory is right that morning), per target, day by day; the P50/P80/P95
    levels as dotted lines and the rentrée dashed."""
    ax = new_axes(ax, (12, 4.5))
    dates = [float(mdates.date2num(result.clock.instant(m))) for m in result.observations]
    for target, risk in result.targets.items():
        ax.step(
            dates,
            risk.curve,
            where="post",
            color=TARGET_COLOURS[target],
            ls=TARGET_STYLES[target],
            lw=1.8,
            label=label("target", target.value),
        )
    for name, level in PERCENTILES.items():
        ax.axhline(level, color="#999999", lw=0.8, ls=":")
        ax.text(dates[0], level, f" {name.upper()}", fontsize=SMALL, va="bottom", color="#666666")
    ax.axvline(day_num(result.rentree), color="black", ls="--", lw=1, label=t("plot.rentree_short"))
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(percent_formatter())
    ax.set_xlim(dates[0], dates[-1])
    date_axis(ax)
    ax.grid(color="#eeeeee", lw=0.6)
    ax.set_ylabel(t("plot.risk_axis"))
    ax.set_title(t("plot.risk_title", name=result.scenario.name, n=count_text(result.size)))
    ax.legend(loc="lower right", fontsize=SMALL)
    return ax


def plot_tornado(result: RiskResult, ax: Axes | None = None) -> Axes:
    """How far each operation's lateness moves the GAR P80: one bar from its 10th to its 90th
    percentile, in days against the P80 at its median lateness (red when it becomes never)."""
    bars = {op: bar for op, bar in result.tornado.items() if bar[0] != bar[2]}
    ax = new_axes(ax, (10, 1.6 + 0.45 * max(1, len(bars))))

    def days(value: float | None, base: float) -> float:
        return math.inf if value is None else (value - base) / 1440

    rows = []
    for op, (low, base, high) in bars.items():
        if base is None:
            continue
        if low != high:  # operations without effect are listed by the summary, not drawn
            rows.append((label("operation", op), days(low, base), days(high, base)))
    rows.sort(key=lambda row: row[2] - row[1] if math.isfinite(row[2]) else math.inf)
    finite = [v for _, a, b in rows for v in (a, b) if math.isfinite(v)] or [0.0]
    edge = max(abs(min(finite)), abs(max(finite)), 1.0) * 1.2
    for y, (_, low, high) in enumerate(rows):
        right = high if math.isfinite(high) else edge
        ax.barh(
            y,
            right - low,
            left=low,
            color="#e07b00" if math.isfinite(high) else "#c0392b",
            height=0.6,
        )
        if not math.isfinite(high):
            ax.text(
                edge, y, " " + t("plot.never_short"), va="center", fontsize=SMALL, color="#c0392b"
            )
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=SMALL)
    ax.axvline(0, color="black", lw=1)
    ax.set_xlim(min(0.0, min(finite)) - 1, edge * 1.25)
    ax.set_xlabel(t("plot.tornado_axis"))
    ax.set_title(t("plot.tornado_title"))
    ax.grid(axis="x", color="#eeeeee")
    return ax
