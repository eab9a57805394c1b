"""Pictures of one run (or several): timeline, completeness curves, dependency graph,
comparison. Each function takes results (never runs the model), draws on ``ax`` (a new
figure when None, made without pyplot) and returns the axes."""

from __future__ import annotations

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
from numpy.typing import NDArray

from sim.analysis.run_analysis import Analysis
from sim.chain import build_graph, order_graph
from sim.domain import PLATFORM_OPERATIONS, Category, Channel, Store, Target
from sim.i18n import label, t
from sim.presentation.formatting import day_text
from sim.presentation.plots_timeline import plot_timeline
from sim.presentation.plotting import (
    LANES,
    SMALL,
    TARGET_COLOURS,
    TARGET_STYLES,
    check_picture_path,
    date_axis,
    day_num,
    figure_of,
    lane_of,
    new_axes,
    num,
    palette,
    percent_formatter,
    reference_lines,
    save_figure,
)
from sim.presentation.time_axis import DayRange, TimeAxis, linear_axis, time_axis_of

NEVER_COLOUR = "#f6e0de"


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


def _share_axis(ax: Axes, axis: TimeAxis) -> list[Patch]:
    ax.set_ylim(-0.03, 1.03)
    ax.yaxis.set_major_formatter(percent_formatter())
    ax.grid(color="#eeeeee", lw=0.6)
    return axis.apply(ax, captions=False)


def plot_completeness(
    analysis: Analysis, target: Target, ax: Axes | None = None, *, days: DayRange | None = None
) -> Axes:
    """Per category, the share of the real facts present in ``target`` at each daily
    observation (solid), and the share of stale facts among those shown (dotted). ``days``
    as for :func:`plot_timeline`."""
    ax = new_axes(ax, (13.33, 5.5))
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
    handles += reference_lines(ax, analysis, (target,))
    handles.append(Line2D([], [], color="black", ls=":", label=t("plot.stale_legend")))
    handles += _share_axis(ax, time_axis_of(analysis, days))
    ax.legend(
        handles=handles,
        fontsize=SMALL,
        loc="center left",
        bbox_to_anchor=(1.01, 0.5),
        frameon=False,
    )
    ax.set_ylabel(t("plot.share_axis"))
    ax.set_title(t("plot.completeness_title", target=label("target", target.value)))
    return ax


def plot_category_completeness(
    analysis: Analysis,
    category: Category,
    ax: Axes | None = None,
    *,
    days: DayRange | None = None,
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
        ax.plot(
            dates,
            share,
            color=colour,
            ls=TARGET_STYLES[target],
            lw=1.6,
            label=label("system", target.value),
        )
        if stale.any():
            ax.plot(dates, stale, color=colour, lw=1.2, ls=":")
        if cat.consistent_from is not None:
            ax.axvline(num(result, cat.consistent_from), color=colour, lw=0.8, alpha=0.6)
    _share_axis(ax, time_axis_of(analysis, days))
    ax.set_title(label("category", category.value), fontsize=10)
    ax.tick_params(labelsize=SMALL)
    return ax


def completeness_figure(analysis: Analysis, *, days: DayRange | None = None) -> Figure:
    """Small multiples: one panel per category, ENT and GAR in each."""
    figure = Figure(figsize=(13.33, 8.5), layout="constrained")
    axes = figure.subplots(3, 3, sharex=True, sharey=True)
    for category, ax in zip(Category, axes.flat, strict=True):
        plot_category_completeness(analysis, category, ax, days=days)
    figure.suptitle(t("plot.completeness_all", name=analysis.result.scenario.name))
    axis = time_axis_of(analysis, days)
    figure.legend(
        handles=[
            *(
                Line2D(
                    [],
                    [],
                    color=TARGET_COLOURS[target],
                    ls=TARGET_STYLES[target],
                    lw=1.6,
                    label=label("target", target.value),
                )
                for target in (Target.ENT, Target.GAR)
            ),
            Line2D(
                [],
                [],
                color="black",
                ls="--",
                label=t("plot.rentree", date=day_text(analysis.result.rentree)),
            ),
            Line2D([], [], color="grey", lw=0.8, label=t("plot.category_right")),
            Line2D([], [], color="black", ls=":", label=t("plot.stale_legend")),
            *axis.legend(),
        ],
        loc="outside lower center",
        ncol=3,
        fontsize=SMALL,
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
    # the pre-delete is a side branch of the ENT's import: drawn in the next column, in the
    # ENT's lane, it takes no column of the main chain
    main = reduced.copy()
    side = Channel.PRESUPPRESSION_ENT.value
    main.remove_edges_from([*reduced.in_edges(side), *reduced.out_edges(side)])
    main.add_edges_from(
        (before, after)
        for before in reduced.predecessors(side)
        for after in reduced.successors(side)
    )
    generation = {
        node: x for x, layer in enumerate(nx.topological_generations(main)) for node in layer
    }
    generation[side] = generation[Channel.IMPORT_ENT.value]
    # a platform operation needs nothing from the lycée: drawn a little before what it feeds
    for op in PLATFORM_OPERATIONS:
        fed = list(reduced.successors(op.value)) if op.value in reduced else []
        if fed and reduced.in_degree(op.value) == 0:
            generation[op.value] = min(generation[n] for n in fed) - 2
    generation[side] += 1  # after the platform operations that feed it found their place
    layers: dict[int, list[str]] = {}
    for node, x in generation.items():
        layers.setdefault(x, []).append(node)
    position: dict[str, tuple[float, float]] = {}
    for x, layer in sorted(layers.items()):
        by_lane: dict[Store, list[str]] = {}
        for node in sorted(layer, key=lambda n: (n != side, ranks[n])):  # the side branch on top
            by_lane.setdefault(lane_of(node), []).append(node)
        for lane, nodes in by_lane.items():
            for i, node in enumerate(nodes):
                position[node] = (float(x), lane_y[lane] + 0.35 * ((len(nodes) - 1) / 2 - i))
    if side in position:  # in the upper half of its lane: clear of the import's row
        side_x, side_y = position[side]
        position[side] = (side_x, side_y + 0.28)
    return position


def plot_graph(analysis: Analysis, target: Target = Target.GAR, ax: Axes | None = None) -> Axes:
    """Operations and channels as a graph, left to right in the seed's order, one lane per
    system; edges into a channel carry its schedule and delay; in red, the chain that set the
    ``target`` date."""
    ax = new_axes(ax, (15, 7.5))
    full = build_graph(analysis.result.scenario)
    graph = reduced_graph(full)
    position = graph_layout(full)
    # the chain the calendar sets (the strict date is the ENT's own pre-delete)
    chain = [step.actor for step in analysis.targets[target].chain_except_departed]
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
            fontsize=10,
            fontweight="bold",
            color="#34495e",
        )
    labelled: set[str] = set()  # a channel's schedule is written once, on its chain edge
    edges = sorted(
        graph.edges(data=True), key=lambda e: (e[0], e[1]) not in critical_edges
    )  # stable: the chain's edges first, the others in the graph's order
    for source, target_node, data in edges:
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
        if data.get("label") and target_node not in labelled:
            labelled.add(target_node)
            (x0, y0), (x1, y1) = position[source], position[target_node]
            # between two boxes of the same row there is no room: above them instead
            lift = 0.36 if abs(y1 - y0) < 0.2 and abs(x1 - x0) <= 1 else 0.12
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2 + lift,
                data["label"],
                fontsize=SMALL,
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
            fontsize=SMALL,
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
    ax.set_xlim(min(xs) - 1.6, max(xs) + 0.9)
    ax.set_ylim(-0.6, len(LANES) - 0.4)
    ax.set_axis_off()
    ax.set_title(
        t(
            "plot.graph_title",
            name=analysis.result.scenario.name,
            target=label("system", target.value),
        )
    )
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
        fontsize=SMALL,
        frameon=False,
        ncol=5,
    )
    return ax


def plot_comparison(
    analyses: Sequence[Analysis], ax: Axes | None = None, *, days: DayRange | None = None
) -> Axes:
    """ENT and GAR consistency dates (apart from departed accounts, the ones a calendar
    moves) of several scenarios, one row each. A scenario never
    consistent in its window has an arrow in the shaded column right of the dates; ``days``
    fixes the dates shown (a date outside them is drawn hollow at the edge, with its text)."""
    ax = new_axes(ax, (12, 1.8 + 0.6 * len(analyses)))
    known = [
        num(a.result, tc.consistent_except_departed_from)
        for a in analyses
        for tc in a.targets.values()
        if tc.consistent_except_departed_from is not None
    ]
    rentrees = [day_num(a.result.rentree) for a in analyses]
    if days is None:
        low = min([*known, *rentrees]) - 3
        high = max([*known, *rentrees]) + 6
    else:
        low, high = linear_axis(days).low, linear_axis(days).high
    never = any(
        tc.consistent_except_departed_from is None for a in analyses for tc in a.targets.values()
    )
    # the "never" column sits beyond the last date shown: it is no date
    column = (high, high + 0.14 * (high - low)) if never else (high, high)
    names = []
    for row, analysis in enumerate(analyses):
        names.append("\n".join(textwrap.wrap(analysis.result.scenario.name, 38)))
        for offset, (target, marker) in zip(
            (-0.12, 0.12), ((Target.ENT, "o"), (Target.GAR, "s")), strict=True
        ):
            tc = analysis.targets[target]
            colour = TARGET_COLOURS[target]
            if tc.consistent_except_departed_from is None:
                width = column[1] - column[0]
                ax.annotate(
                    "",
                    (column[0] + 0.45 * width, row + offset),
                    xytext=(column[0] + 0.05 * width, row + offset),
                    arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5},
                )
                ax.text(
                    column[0] + 0.5 * width,
                    row + offset,
                    t("plot.never_short"),
                    color=colour,
                    fontsize=SMALL,
                    va="center",
                )
                continue
            x = num(analysis.result, tc.consistent_except_departed_from)
            date = analysis.result.instant(tc.consistent_except_departed_from)
            shown = min(max(x, low), high)
            ax.plot(
                shown,
                row + offset,
                marker=marker,
                color=colour,
                mfc=colour if shown == x else "white",
                ms=7,
                ls="",
            )
            ax.text(
                shown + 0.012 * (high - low),
                row + offset,
                date.strftime("%d/%m"),
                fontsize=SMALL,
                va="center",
                color=colour,
            )
    for x in sorted(set(rentrees)):
        if low <= x <= high:
            ax.axvline(x, color="black", ls="--", lw=1)
    ax.set_yticks(range(len(analyses)), names, fontsize=SMALL)
    ax.set_ylim(len(analyses) - 0.5, -0.5)
    ax.set_xlim(low, column[1])
    date_axis(ax)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    ax.set_xticks([x for x in ax.get_xticks() if x <= high])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.grid(axis="x", color="#eeeeee")
    ax.set_title(t("plot.compare_title"))
    handles: list[Artist] = [
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
        Line2D([], [], color="black", ls="--", label=t("plot.rentree_short")),
    ]
    if never:
        ax.axvspan(*column, color=NEVER_COLOUR, lw=0, zorder=0)
        # a column beside the dates, not to scale: its label gives where the windows end
        ends = sorted({a.result.scenario.calendar.end for a in analyses})
        handles.append(
            Patch(color=NEVER_COLOUR, label=t("plot.never_zone", end=day_text(ends[-1])))
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=len(handles),
        fontsize=SMALL,
        frameon=False,
    )
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
