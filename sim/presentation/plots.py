"""Pictures of one run (or several): timeline, completeness curves, dependency graph,
comparison. Each function takes results (never runs the model), draws on ``ax`` (a new
figure when None, made without pyplot) and returns the axes."""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from collections.abc import Sequence

import matplotlib.dates as mdates
import networkx as nx
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter
from numpy.typing import NDArray

from sim.analysis.report import Analysis
from sim.chain import build_graph, order_graph
from sim.domain import Category, Operation, Store, Target
from sim.engine.simulation import SimulationResult
from sim.i18n import label, t
from sim.presentation.formatting import day_text
from sim.presentation.plotting import (
    LANES,
    TARGET_COLOURS,
    check_picture_path,
    date_axis,
    day_num,
    figure_of,
    lane_of,
    new_axes,
    num,
    palette,
    save_figure,
    shade_calendar,
)

RULE_CODES = {
    "links_rejected",
    "links_replaced",
    "duplicates",
    "unmatched_services",
    "unmatched_groups",
    "carried_groups",
    "links_without_students",
}
DONE, LATE, MISSING, REFUSED = "#1f3b73", "#e07b00", "#7a7a7a", "#c0392b"
REALITY = "#8e44ad"
LABEL_LEVELS = 4


def _reference_lines(ax: Axes, analysis: Analysis, targets: Sequence[Target]) -> list[Artist]:
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
        if minute is None:
            handles.append(
                Line2D(
                    [],
                    [],
                    color=TARGET_COLOURS[target],
                    lw=2,
                    ls=":",
                    label=t("plot.never", target=name),
                )
            )
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
    return handles


class _LabelPlacer:
    """Greedy levels per lane so that labels of close dates do not overlap: a level is free
    at ``x`` once the previous label there has ended (its width estimated from its length)."""

    def __init__(self, days_per_character: float) -> None:
        self.days_per_character = days_per_character
        self.end: dict[tuple[Store, int], float] = {}

    def level(self, lane: Store, x: float, text: str) -> int:
        width = (len(text) + 1) * self.days_per_character
        for level in range(LABEL_LEVELS):
            if x >= self.end.get((lane, level), -np.inf):
                self.end[(lane, level)] = x + width
                return level
        self.end[(lane, LABEL_LEVELS - 1)] = x + width
        return LABEL_LEVELS - 1


def plot_timeline(analysis: Analysis, ax: Axes | None = None) -> Axes:
    """One lane per system: operations (planned vs actual, missing, refused), batch runs,
    rules applied, the rentrée and the ENT/GAR consistency dates; closed days shaded."""
    ax = new_axes(ax, (16, 6.5))
    result = analysis.result
    scenario = result.scenario
    y = {store: len(LANES) - 1 - i for i, store in enumerate(LANES)}
    legend = shade_calendar(ax, result)
    window_days = (scenario.calendar.end - scenario.calendar.start).days + 1
    # a 7-point character is about 1/250 of the 16-inch axes
    placer = _LabelPlacer(days_per_character=window_days / 250)
    annotations: list[tuple[Store, float, str, str]] = []

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
                ms=4,
                zorder=2,
            )
        elif event.kind == "reality":
            lane = Store.EDT if event.code == "group_change" else Store.SIECLE
            x = num(result, event.minute)
            ax.plot(x, y[lane], marker="*", color=REALITY, ms=11, zorder=6)
            annotations.append(
                (lane, x, t(f"plot.reality_{event.code}", count=event.count), REALITY)
            )
        elif event.kind == "rule" and event.code in RULE_CODES:
            lane = Store(event.store) if event.store else lane_of(event.actor)
            lane = Store.SIECLE if lane is Store.SIECLE_PENDING else lane
            x = num(result, event.minute)
            ax.plot(x, y[lane] - 0.18, marker="v", color=REFUSED, ms=7, zorder=4)
            ax.annotate(
                str(event.count) if event.count else "!",
                (x, y[lane] - 0.18),
                xytext=(4, -3),
                textcoords="offset points",
                fontsize=6.5,
                color=REFUSED,
            )

    for op in Operation:
        spec = scenario.operations.get(op)
        lane = lane_of(op)
        planned = [_instant_num(result, d) for d in spec.planned]
        runs = [e for e in result.events if e.actor == op and e.kind == "operation"]
        if spec.missing:
            for x in planned or [day_num(scenario.calendar.start)]:
                ax.plot(x, y[lane], marker="X", color=MISSING, ms=9, mfc="white", zorder=5)
                annotations.append((lane, x, t("short." + op.value) + " ✗", MISSING))
            continue
        actual = [num(result, e.minute) for e in runs if e.code in ("run", "refused")]
        for i, event in enumerate(e for e in runs if e.code in ("run", "refused")):
            x = actual[i]
            refused = event.code == "refused"
            late = i < len(planned) and x - planned[i] > 1e-6
            colour = REFUSED if refused else LATE if late else DONE
            if i < len(planned) and abs(x - planned[i]) > 1e-6:
                ax.plot(planned[i], y[lane], marker="o", ms=8, mfc="white", mec=colour, zorder=5)
                ax.annotate(
                    "",
                    (x, y[lane]),
                    xytext=(planned[i], y[lane]),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.2},
                    zorder=4,
                )
            ax.plot(x, y[lane], marker="X" if refused else "o", color=colour, ms=7, zorder=6)
        annotations.extend((lane, x, t("short." + op.value), DONE) for x in actual)

    for lane, x, text, colour in sorted(annotations, key=lambda a: a[1]):
        level = placer.level(lane, x, text)
        ax.annotate(
            text,
            (x, y[lane]),
            xytext=(0, 7 + 9 * level),
            textcoords="offset points",
            fontsize=7,
            ha="left",
            va="bottom",
            color=colour,
            rotation=0,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )

    legend += _reference_lines(ax, analysis, (Target.ENT, Target.GAR))
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
    ax.set_yticks([y[s] for s in LANES], [label("system", s.value) for s in LANES])
    ax.set_ylim(-0.6, len(LANES) - 0.1)
    ax.set_xlim(
        day_num(scenario.calendar.start), day_num(scenario.calendar.end + dt.timedelta(days=1))
    )
    date_axis(ax)
    ax.grid(axis="y", color="#dddddd", lw=0.6)
    ax.set_title(t("plot.timeline_title", name=scenario.name))
    ax.legend(
        handles=legend,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=5,
        fontsize=7.5,
        frameon=False,
    )
    return ax


def _instant_num(result: SimulationResult, value: dt.date | dt.datetime) -> float:
    return float(mdates.date2num(result.scenario.calendar.at(value)))


def _shares(
    analysis: Analysis, target: Target, category: Category
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Share of the real facts present, and share of stale facts among those shown."""
    cat = analysis.targets[target].categories[category]
    real = cat.present_true + cat.missing
    shown = cat.present_true + cat.stale
    share = np.divide(cat.present_true, real, out=np.ones(len(real)), where=real > 0)
    stale = np.divide(cat.stale, shown, out=np.zeros(len(shown)), where=shown > 0)
    return share, stale


def _share_axis(ax: Axes, dates: list[float]) -> None:
    ax.set_ylim(-0.03, 1.03)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlim(dates[0], dates[-1])
    date_axis(ax)
    ax.grid(color="#eeeeee", lw=0.6)


def plot_completeness(analysis: Analysis, target: Target, ax: Axes | None = None) -> Axes:
    """Per category, the share of the real facts present in ``target`` at each daily
    observation (solid), and the share of stale facts among those shown (dotted)."""
    ax = new_axes(ax, (12, 5))
    result = analysis.result
    dates = [num(result, m) for m in result.observations]
    categories = list(analysis.targets[target].categories)
    handles: list[Artist] = []
    for category, colour in zip(categories, palette(len(categories)), strict=True):
        share, stale = _shares(analysis, target, category)
        [line] = ax.plot(
            dates, share, color=colour, lw=1.6, label=label("category", category.value)
        )
        handles.append(line)
        if stale.any():
            ax.plot(dates, stale, color=colour, lw=1.2, ls=":")
    handles += _reference_lines(ax, analysis, (target,))
    handles.append(Line2D([], [], color="black", ls=":", label=t("plot.stale_legend")))
    ax.legend(
        handles=handles, fontsize=7.5, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False
    )
    _share_axis(ax, dates)
    ax.set_ylabel(t("plot.share_axis"))
    ax.set_title(t("plot.completeness_title", target=label("target", target.value)))
    return ax


def plot_category_completeness(
    analysis: Analysis, category: Category, ax: Axes | None = None
) -> Axes:
    """One category in the ENT and in GAR (where GAR holds it): share of the real facts
    present (solid), share of stale facts among those shown (dotted), consistency dates."""
    ax = new_axes(ax, (5, 3))
    result = analysis.result
    dates = [num(result, m) for m in result.observations]
    ax.axvline(day_num(result.rentree), color="black", ls="--", lw=1)
    for target in Target:
        cat = analysis.targets[target].categories.get(category)
        if cat is None:
            continue
        share, stale = _shares(analysis, target, category)
        colour = TARGET_COLOURS[target]
        ax.plot(dates, share, color=colour, lw=1.6, label=label("system", target.value))
        if stale.any():
            ax.plot(dates, stale, color=colour, lw=1.2, ls=":")
        if cat.consistent_from is not None:
            ax.axvline(num(result, cat.consistent_from), color=colour, lw=0.8, alpha=0.6)
    _share_axis(ax, dates)
    ax.set_title(label("category", category.value), fontsize=9)
    ax.tick_params(labelsize=7)
    return ax


def completeness_figure(analysis: Analysis) -> Figure:
    """Small multiples: one panel per category, ENT and GAR in each."""
    figure = Figure(figsize=(15, 9), layout="constrained")
    axes = figure.subplots(3, 3, sharex=True, sharey=True)
    for category, ax in zip(Category, axes.flat, strict=True):
        plot_category_completeness(analysis, category, ax)
    figure.suptitle(t("plot.completeness_all", name=analysis.result.scenario.name))
    figure.legend(
        handles=[
            Line2D([], [], color=TARGET_COLOURS[Target.ENT], lw=1.6, label=label("target", "ent")),
            Line2D([], [], color=TARGET_COLOURS[Target.GAR], lw=1.6, label=label("target", "gar")),
            Line2D(
                [],
                [],
                color="black",
                ls="--",
                label=t("plot.rentree", date=day_text(analysis.result.rentree)),
            ),
            Line2D([], [], color="grey", lw=0.8, label=t("plot.category_right")),
            Line2D([], [], color="black", ls=":", label=t("plot.stale_legend")),
        ],
        loc="outside lower center",
        ncol=5,
        fontsize=8,
        frameon=False,
    )
    return figure


def reduced_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The dependencies a trainer reads: the order edges plus the flow edges that keep the
    graph acyclic (taken in chain order), without the edges implied by a longer path."""
    layered = order_graph(graph)
    layered.add_nodes_from(graph.nodes(data=True))
    ranks = nx.get_node_attributes(graph, "rank")
    for source, target, data in sorted(
        graph.edges(data=True), key=lambda e: (ranks[e[0]], ranks[e[1]])
    ):
        if data.get("flow") and not layered.has_edge(source, target):
            layered.add_edge(source, target)
            if not nx.is_directed_acyclic_graph(layered):
                layered.remove_edge(source, target)
    kept = nx.transitive_reduction(layered).edges
    # networkx returns each node's edges in set order: sort them so that the drawing (and the
    # SVG bytes) do not depend on string hashing
    reduced = nx.DiGraph()
    reduced.add_nodes_from(graph.nodes(data=True))
    reduced.add_edges_from(
        (a, b, graph.edges[a, b]) for a, b in sorted(kept, key=lambda e: (ranks[e[0]], ranks[e[1]]))
    )
    return reduced


def graph_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """x: the seed's order (layers of the reduced graph); y: the lane of the system each
    node writes to, as in the timeline (nodes sharing a place are spread apart)."""
    reduced = reduced_graph(graph)
    ranks = nx.get_node_attributes(graph, "rank")
    lane_y = {store: len(LANES) - 1 - i for i, store in enumerate(LANES)}
    position: dict[str, tuple[float, float]] = {}
    for x, layer in enumerate(nx.topological_generations(reduced)):
        by_lane: dict[Store, list[str]] = {}
        for node in sorted(layer, key=lambda n: ranks[n]):
            by_lane.setdefault(lane_of(node), []).append(node)
        for lane, nodes in by_lane.items():
            for i, node in enumerate(nodes):
                position[node] = (float(x), lane_y[lane] + 0.35 * ((len(nodes) - 1) / 2 - i))
    return position


def plot_graph(analysis: Analysis, target: Target = Target.GAR, ax: Axes | None = None) -> Axes:
    """Operations and channels as a graph, left to right in the seed's order, one lane per
    system; edges into a channel carry its schedule and delay; in red, the chain that set the
    ``target`` date."""
    ax = new_axes(ax, (18, 7.5))
    full = build_graph(analysis.result.scenario)
    graph = reduced_graph(full)
    position = graph_layout(full)
    chain = [step.actor for step in analysis.targets[target].chain]
    critical_edges = {(a, b) for a, b in itertools.pairwise(chain) if a != b}
    # sorted: the drawing order (and so the SVG) must not depend on string hashing
    for a, b in sorted(critical_edges):
        if full.has_edge(a, b) and not graph.has_edge(a, b):
            graph.add_edge(a, b, **full.edges[a, b])
    critical_nodes = set(chain)
    for store in LANES:
        y = len(LANES) - 1 - LANES.index(store)
        ax.axhspan(y - 0.45, y + 0.45, color="#f4f6f9" if y % 2 else "white", zorder=0, lw=0)
        ax.text(
            -0.9,
            y,
            label("system", store.value),
            ha="right",
            va="center",
            fontsize=9,
            fontweight="bold",
            color="#34495e",
        )
    for source, target_node, data in graph.edges(data=True):
        on_chain = (source, target_node) in critical_edges
        flow = bool(data.get("flow"))
        colour = "#c0392b" if on_chain else "#5d6d7e" if flow else "#a6acaf"
        ax.annotate(
            "",
            position[target_node],
            xytext=position[source],
            arrowprops={
                "arrowstyle": "-|>",
                "shrinkA": 24,
                "shrinkB": 24,
                "connectionstyle": "arc3,rad=0.08",
                "color": colour,
                "lw": 2.6 if on_chain else 1.0,
                "linestyle": "-" if flow or on_chain else "--",
            },
            zorder=2 if on_chain else 1,
        )
        if data.get("label"):
            (x0, y0), (x1, y1) = position[source], position[target_node]
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2 + 0.12,
                data["label"],
                fontsize=7,
                ha="center",
                va="center",
                color=colour,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
            )
    for node, (node_x, node_y) in position.items():
        channel = full.nodes[node]["kind"] == "channel"
        critical = node in critical_nodes
        ax.text(
            node_x,
            node_y,
            "\n".join(textwrap.wrap(t("short." + node), 14, break_long_words=False)),
            ha="center",
            va="center",
            fontsize=7.5,
            zorder=4,
            color="#c0392b" if critical else "black",
            bbox={
                "boxstyle": "round4,pad=0.4" if channel else "round,pad=0.35",
                "fc": "#fbd9b5" if channel else "#dbe8f8",
                "ec": "#c0392b" if critical else "#5d6d7e",
                "lw": 2.2 if critical else 0.8,
            },
        )
    xs = [p[0] for p in position.values()]
    ax.set_xlim(min(xs) - 1.6, max(xs) + 0.6)
    ax.set_ylim(-0.6, len(LANES) - 0.4)
    ax.set_axis_off()
    ax.set_title(t("plot.graph_title", target=label("system", target.value)))
    ax.legend(
        handles=[
            Patch(fc="#dbe8f8", ec="#5d6d7e", label=t("plot.graph_operation")),
            Patch(fc="#fbd9b5", ec="#5d6d7e", label=t("plot.graph_channel")),
            Line2D([], [], color="#5d6d7e", label=t("plot.graph_flow")),
            Line2D([], [], color="#a6acaf", ls="--", label=t("plot.graph_order")),
            Line2D([], [], color="#c0392b", lw=2.6, label=t("plot.graph_critical")),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        fontsize=8,
        frameon=False,
        ncol=5,
    )
    return ax


def plot_comparison(analyses: Sequence[Analysis], ax: Axes | None = None) -> Axes:
    """ENT and GAR consistency dates of several scenarios, one row each; never = arrow."""
    ax = new_axes(ax, (12, 1.6 + 0.6 * len(analyses)))
    known = [
        num(a.result, tc.consistent_from)
        for a in analyses
        for tc in a.targets.values()
        if tc.consistent_from is not None
    ]
    rentrees = [day_num(a.result.rentree) for a in analyses]
    low = min([*known, *rentrees]) - 3
    high = max([*known, *rentrees]) + 8
    never_x = high - 2
    names = []
    for row, analysis in enumerate(analyses):
        names.append("\n".join(textwrap.wrap(analysis.result.scenario.name, 38)))
        for offset, (target, marker) in zip(
            (-0.12, 0.12), ((Target.ENT, "o"), (Target.GAR, "s")), strict=True
        ):
            tc = analysis.targets[target]
            colour = TARGET_COLOURS[target]
            if tc.consistent_from is None:
                ax.annotate(
                    "",
                    (never_x + 1.5, row + offset),
                    xytext=(never_x - 2, row + offset),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
                )
                ax.text(
                    never_x + 1.7,
                    row + offset,
                    t("plot.never_short"),
                    color=colour,
                    fontsize=7,
                    va="center",
                )
                continue
            x = num(analysis.result, tc.consistent_from)
            ax.plot(x, row + offset, marker=marker, color=colour, ms=7, ls="")
            ax.text(
                x + 0.6,
                row + offset,
                analysis.result.instant(tc.consistent_from).strftime("%d/%m"),
                fontsize=7,
                va="center",
                color=colour,
            )
    for x in sorted(set(rentrees)):
        ax.axvline(x, color="black", ls="--", lw=1)
    ax.set_yticks(range(len(analyses)), names, fontsize=8)
    ax.set_ylim(len(analyses) - 0.5, -0.5)
    ax.set_xlim(low, high + 3)
    date_axis(ax)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.grid(axis="x", color="#eeeeee")
    ax.set_title(t("plot.compare_title"))
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                marker="o",
                color=TARGET_COLOURS[Target.ENT],
                ls="",
                label=label("target", "ent"),
            ),
            Line2D(
                [],
                [],
                marker="s",
                color=TARGET_COLOURS[Target.GAR],
                ls="",
                label=label("target", "gar"),
            ),
            Line2D(
                [], [], color="black", ls="--", label=t("plot.rentree", date="").replace(" ()", "")
            ),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=3,
        fontsize=8,
        frameon=False,
    )
    ax.axvspan(never_x - 3, high + 3, color="#f6e0de", lw=0, zorder=0)
    return ax


__all__ = [
    "check_picture_path",
    "completeness_figure",
    "figure_of",
    "graph_layout",
    "plot_category_completeness",
    "plot_comparison",
    "plot_completeness",
    "plot_graph",
    "plot_timeline",
    "save_figure",
]
