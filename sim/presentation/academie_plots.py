"""Pictures of an académie: the share of lycées right each morning, and the steps that set
the date (``ax=None`` makes a figure without pyplot; each function returns its axes)."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import NDArray

from sim.analysis.academie import AcademieRun
from sim.analysis.academie_risk import AcademieRisk
from sim.domain import Target
from sim.i18n import label, t
from sim.presentation.academie_output import step_label
from sim.presentation.formatting import count_text, percent_text
from sim.presentation.plotting import (
    SMALL,
    TARGET_COLOURS,
    TARGET_STYLES,
    date_axis,
    day_num,
    new_axes,
    percent_formatter,
)

Result = AcademieRun | AcademieRisk


def _share(result: Result, target: Target) -> NDArray[np.float64]:
    if isinstance(result, AcademieRisk):
        return result.curve[target]
    return result.curve[target] / len(result.lycees)


def step_shares(result: Result, target: Target) -> dict[str, float]:
    """Each step's share of the lycées (× replications) whose date it sets."""
    if isinstance(result, AcademieRisk):
        return result.steps[target]
    total = len(result.lycees)
    return {step: count / total for step, count in result.bottlenecks[target].items()}


def plot_academie_curve(result: Result, ax: Axes | None = None) -> Axes:
    """The share of the académie's lycées whose directory is right each morning, per target
    (with the band of 80 % of the draws under uncertainty); the rentrée dashed, the
    deadline dotted."""
    ax = new_axes(ax, (12, 4.5))
    dates = [float(mdates.date2num(result.clock.instant(m))) for m in result.observations]
    for target in (Target.ENT, Target.GAR):
        colour = TARGET_COLOURS[target]
        if isinstance(result, AcademieRisk):
            low, high = result.band[target]
            ax.fill_between(dates, low, high, step="post", color=colour, alpha=0.18, lw=0)
        ax.step(
            dates,
            _share(result, target),
            where="post",
            color=colour,
            ls=TARGET_STYLES[target],
            lw=1.8,
            label=label("target", target.value),
        )
    academie = result.academie
    ax.axvline(
        day_num(academie.rentree), color="black", ls="--", lw=1, label=t("plot.rentree_short")
    )
    ax.axvline(day_num(academie.by), color="#7d3c98", ls=":", lw=1.4, label=t("plot.academie_by"))
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(percent_formatter())
    ax.set_xlim(_first_shown(result, dates), dates[-1])
    date_axis(ax)
    ax.grid(color="#eeeeee", lw=0.6)
    ax.set_ylabel(t("plot.academie_axis"))
    if isinstance(result, AcademieRisk):
        title = t("plot.academie_risk_title", name=academie.name, n=count_text(result.replications))
    else:
        title = t("plot.academie_run_title", name=academie.name)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=SMALL)
    return ax


def _first_shown(result: Result, dates: list[float]) -> float:
    """Where the curve's axis starts: a week before the rentrée, or before the first
    morning a lycée is right if that is earlier; not the window's start, three months of
    0 % before the rentrée that would leave the weeks that count a quarter of the width."""
    first = len(dates) - 1
    for target in (Target.ENT, Target.GAR):
        top = result.band[target][1] if isinstance(result, AcademieRisk) else _share(result, target)
        right = np.flatnonzero(np.asarray(top) > 0)
        if right.size:
            first = min(first, int(right[0]))
    start = min(dates[first], day_num(result.academie.rentree)) - 7
    return max(dates[0], start)


def plot_bottlenecks(result: Result, target: Target = Target.GAR, ax: Axes | None = None) -> Axes:
    """The steps that set ``target``'s date, by the share of lycées they hold back."""
    shares = step_shares(result, target)
    ax = new_axes(ax, (10, 1.6 + 0.5 * max(1, len(shares))))
    rows = sorted(shares.items(), key=lambda item: item[1])
    names = [step_label(step) for step, _ in rows]
    values = [share for _, share in rows]
    ax.barh(range(len(rows)), values, color=TARGET_COLOURS[target], height=0.6)
    for y, value in enumerate(values):
        ax.text(value, y, " " + percent_text(round(100 * value)), va="center", fontsize=SMALL)
    ax.set_yticks(range(len(rows)), names, fontsize=SMALL)
    ax.set_xlim(0, 1.15)
    ax.xaxis.set_major_formatter(percent_formatter())
    drawn = isinstance(result, AcademieRisk)  # a share of lycées × draws, not of lycées
    ax.set_xlabel(t("plot.bottleneck_axis_drawn" if drawn else "plot.bottleneck_axis"))
    ax.set_title(t("plot.bottleneck_title", target=label("target", target.value)))
    ax.grid(axis="x", color="#eeeeee", lw=0.6)
    return ax
