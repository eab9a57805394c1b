"""The dependency graph of the chain (networkx), built from the domain and one scenario.

Nodes are operations and channels; an edge says that the target needs the source:
``gate`` (the application refuses otherwise), ``order`` (the seed's recommended order),
``flow`` (the source writes a store the target reads, carrying fact categories).
The engine checks the order of operations on it; the analysis finds critical chains on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import networkx as nx

from sim.domain import (
    CATEGORIES_OF,
    GATES,
    ORDER,
    READS,
    WRITES,
    Channel,
    Operation,
)
from sim.i18n import t
from sim.procedure import PREDECESSORS, SEED_ORDER
from sim.scenario.fields import format_duration
from sim.scenario.model import Scenario, StsToSiecleSpec

__all__ = ["PREDECESSORS", "SEED_ORDER", "build_graph", "order_graph"]

ACTORS: tuple[str, ...] = (*[o.value for o in Operation], *[c.value for c in Channel])


def channel_label(scenario: Scenario, channel: Channel) -> str:
    """Short schedule text of a channel, e.g. « 21:00, +0 j » or « en continu, +1 j »."""
    spec = scenario.channels.get(channel)
    written = format_duration(spec.delay)
    found = _DURATION.match(written)
    if found is None:  # a delay too small for a plain number (« 1e-05min »): as written
        delay = f"+{written}"
    else:
        amount, unit = found.groups()
        amount = amount.replace(".", t("format.decimal"))
        delay = t("chain.delay", amount=amount, unit=t(_UNITS[unit]))
    if isinstance(spec, StsToSiecleSpec) and spec.mode == "continuous":
        return t("chain.continuous", delay=delay)
    return t("chain.scheduled", at=spec.at.strftime("%H:%M"), delay=delay)


_DURATION = re.compile(r"^([\d.]+)(j|h|min)$")
_UNITS = {"j": "chain.unit_j", "h": "chain.unit_h", "min": "chain.unit_min"}


def build_graph(scenario: Scenario | None = None) -> nx.DiGraph:
    """The chain's dependency graph; with a scenario, edges carry its delays and schedules.
    Frozen (shared by the scenarios with the same schedules): copy it to change it."""
    if scenario is None:
        return _graph(None, True)
    labels = tuple(channel_label(scenario, channel) for channel in Channel)
    return _graph(labels, scenario.etablissement.ent_groups_from_timetable)


@lru_cache(maxsize=64)
def _graph(labels: tuple[str, ...] | None, timetable_groups: bool) -> nx.DiGraph:
    graph = nx.DiGraph()
    for rank, actor in enumerate(ACTORS):
        kind = "operation" if actor in Operation.__members__.values() else "channel"
        graph.add_node(
            actor,
            kind=kind,
            rank=rank,
            reads=READS[actor],
            writes=WRITES[actor],
        )
    for later, needed in GATES.items():
        for earlier in needed:
            graph.add_edge(earlier.value, later.value, kind="gate")
    for earlier, later in ORDER:
        if not graph.has_edge(earlier.value, later.value):
            graph.add_edge(earlier.value, later.value, kind="order")
    for source in ACTORS:
        for target in ACTORS:
            if source == target:
                continue
            shared = set(WRITES[source]) & set(READS[target])
            if not shared:
                continue
            store = sorted(shared)[0]
            label = ""
            if labels is not None and target in Channel.__members__.values():
                label = labels[list(Channel).index(Channel(target))]
            attrs = {"store": store, "categories": CATEGORIES_OF[store], "label": label}
            if graph.has_edge(source, target):
                graph.edges[source, target].update(attrs, flow=True)
            else:
                graph.add_edge(source, target, kind="flow", flow=True, **attrs)
    if labels is not None and not timetable_groups:
        # rule 13's timetable import exists only for a structure set to take its groups there
        graph.remove_node(Channel.IMPORT_EDT_ENT.value)
    result: nx.DiGraph = nx.freeze(graph)
    return result


def prerequisites(graph: nx.DiGraph, operation: str, kind: str) -> list[str]:
    """Operations that must come before ``operation`` by edges of ``kind`` (gate or order)."""
    return [
        source
        for source, _, data in graph.in_edges(operation, data=True)
        if data["kind"] == kind or (kind == "order" and data["kind"] == "gate")
    ]


def order_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """Only the gate and order edges (the flow edges form loops: SIECLE → EDT → SIECLE)."""
    ordered = nx.DiGraph()
    # every operation stays a node, even one with neither gate nor order edge
    ordered.add_nodes_from(
        (n, d) for n, d in graph.nodes(data=True) if d.get("kind") == "operation"
    )
    ordered.add_edges_from(
        (a, b, d) for a, b, d in graph.edges(data=True) if d["kind"] in ("gate", "order")
    )
    return ordered
