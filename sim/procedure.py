"""The order of the manual operations (domain.md's procedure): which must come before which.

Computed from the domain's gates and order alone, so that the input layer (the académie
generator) and the Monte Carlo share one order without depending on each other.
"""

from __future__ import annotations

import networkx as nx

from sim.domain import GATES, ORDER, Operation


def _order_graph() -> nx.DiGraph:
    later: dict[str, list[str]] = {op.value: [] for op in Operation}
    for after, needed in GATES.items():
        for before in needed:
            later[before.value].append(after.value)
    for before, after in ORDER:
        if after.value not in later[before.value]:
            later[before.value].append(after.value)
    graph = nx.DiGraph()
    graph.add_nodes_from(later)
    # edges by their first operation, in the enumeration's order (the predecessors' order)
    graph.add_edges_from((before, after) for before in later for after in later[before])
    return graph


_ORDER = _order_graph()
# the operations in the procedure's order (ties broken by the enumeration's): the order in
# which the Monte Carlo draws them and a late one pushes those after it
SEED_ORDER = [
    Operation(op)
    for op in nx.lexicographical_topological_sort(
        _ORDER, key=lambda op: list(Operation).index(Operation(op))
    )
]
PREDECESSORS = {op: [Operation(p) for p in _ORDER.predecessors(op.value)] for op in Operation}
