"""The dependency graph of the chain."""

from __future__ import annotations

import networkx as nx

from sim.chain import build_graph, channel_label, order_graph, prerequisites
from sim.domain import Channel, Operation
from sim.scenario.loader import load_scenario
from tests.conftest import SCENARIOS
from tests.test_rules import nominal_with


def test_order_is_acyclic_and_follows_the_seed() -> None:
    graph = order_graph(build_graph())
    assert nx.is_directed_acyclic_graph(graph)
    position = {op: i for i, op in enumerate(nx.topological_sort(graph))}
    assert position["profilage"] < position["inscription_affectation"]
    assert position["import_sts_edt"] < position["export_liens_siecle"]
    assert position["export_siecle_edt"] < position["export_liens_siecle"]


def test_gates_and_orders() -> None:
    graph = build_graph()
    assert prerequisites(graph, Operation.PROFILAGE, "gate") == ["selection_nomenclatures"]
    assert set(prerequisites(graph, Operation.EXPORT_LIENS_SIECLE, "order")) == {
        "import_sts_edt",
        "export_siecle_edt",
    }


def test_flow_edges_carry_the_scenario_schedules() -> None:
    graph = build_graph(load_scenario(SCENARIOS / "nominal.yaml"))
    assert graph.edges["import_ent", "export_gar"]["label"] == "21:00, +9 h"
    assert graph.edges["extraction_aaf", "import_ent"]["label"] == "02:00, +90 min"
    assert graph.edges["import_sts_edt", "sts_vers_siecle"]["label"] == "en continu, +1 j"
    path = nx.shortest_path(graph, "construction_edt", Channel.EXPORT_GAR.value)
    assert path[-3:] == ["extraction_aaf", "import_ent", "export_gar"]


def test_order_graph_keeps_every_operation() -> None:
    """An operation without gate or order edge (a platform's own step) is still a node, so
    predecessors can be asked of it."""
    graph = build_graph().copy()  # the shared graph is frozen
    graph.remove_edges_from(list(graph.in_edges("export_liens_siecle")))
    graph.remove_edges_from(list(graph.out_edges("export_liens_siecle")))
    ordered = order_graph(graph)
    assert set(ordered.nodes) == {o.value for o in Operation}
    assert list(ordered.predecessors("export_liens_siecle")) == []


def test_the_procedure_order_is_the_dependency_graph_s() -> None:
    """sim.procedure computes the order from the domain alone (the input layer uses it):
    the same as the gate and order edges of the chain's graph, predecessors in order."""
    import networkx as nx

    from sim.chain import build_graph, order_graph
    from sim.domain import Operation
    from sim.procedure import PREDECESSORS, SEED_ORDER

    graph = order_graph(build_graph())
    rank = list(Operation).index
    expected = nx.lexicographical_topological_sort(graph, key=lambda op: rank(Operation(op)))
    assert [Operation(op) for op in expected] == SEED_ORDER
    assert {
        op: [Operation(p) for p in graph.predecessors(op.value)] for op in Operation
    } == PREDECESSORS


def test_a_delay_too_small_for_a_plain_number_is_shown_as_written() -> None:
    """« 0.00001min » is valid, and formats as « 1e-05min »: the graph shows it as written
    instead of failing; a decimal delay takes the French comma."""
    scenario = nominal_with({"channels": {"extraction_aaf": {"delay": "0.00001min"}}})
    assert channel_label(scenario, Channel.EXTRACTION_AAF) == "21:00, +1e-05min"
    scenario = nominal_with({"channels": {"extraction_aaf": {"delay": "1.5min"}}})
    assert channel_label(scenario, Channel.EXTRACTION_AAF) == "21:00, +1,5 min"
