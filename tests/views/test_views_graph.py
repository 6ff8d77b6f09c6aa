"""The vocabulary graph and scenario worlds, and their JSON and GraphML forms."""

from __future__ import annotations

import io
import json

import networkx as nx

from alignspec.views import to_graphml, vocabulary_graph, world_graph
from alignspec.views.graphdata import scalar


def vocabulary(spec):
    return vocabulary_graph(spec.unit, spec.analysis.builder.namer)


def test_vocabulary_has_kinds_relations_and_concepts(seed):
    graph = vocabulary(seed)
    assert graph.nodes["MesaOptimizer"]["role"] == "kind"
    assert graph.has_edge("MesaOptimizer", "Model", key="is_a")
    assert graph.edges["Optimizer", "Model", "trains"]["properties"] == ["acyclic", "inverse_functional"]
    concept = graph.nodes["inner_aligned"]
    assert concept["role"] == "concept" and concept["signature"] == "inner_aligned(m: MesaOptimizer)"
    assert concept["relations"] == ["trains", "optimizes", "mesa_objective", "aligned_with"]
    assert graph.has_edge("inner_aligned", "MesaOptimizer", key="parameter m")
    assert graph.has_edge("intent_aligned", "Human", key="uses Human")
    assert graph.edges["Heuristic", "Optimizer", "disjoint Heuristic, Optimizer"]["role"] == "disjoint"


def test_world_marks_derived_facts(seed):
    evaluation = next(e for e in seed.scenarios if e.scenario.name == "three_levels")
    graph = world_graph(evaluation)
    given = graph.edges["researcher", "agent", "builds"]
    derived = graph.edges["researcher", "agent", "trains"]
    assert given["role"] == "given" and given["by"] == ""
    assert derived["role"] == "derived" and derived["by"] == "rule builder_is_base"
    assert derived["premises"] == ["builds(researcher, agent)"]
    assert graph.nodes["agent"]["given_kinds"] == ["Model"]
    assert "MesaOptimizer" in graph.nodes["agent"]["derived_kinds"]


def test_world_shows_unknown_entities(tricky):
    graph = world_graph(tricky.scenarios[0])
    roles = {n: d["role"] for n, d in graph.nodes(data=True)}
    assert roles["alice"] == "individual" and roles["hammer"] == "individual"
    assert "entity" in roles.values()


def test_graphml_round_trip(seed, tricky):
    for graph in [vocabulary(seed), vocabulary(tricky), world_graph(seed.scenarios[0]), world_graph(tricky.scenarios[0])]:
        back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
        assert set(back.nodes) == set(graph.nodes)
        assert back.number_of_edges() == graph.number_of_edges()
        node = next(iter(graph.nodes))
        assert back.nodes[node]["label"] == graph.nodes[node]["label"]


def test_scalar_joins_lists_and_serialises_the_rest():
    assert scalar(["a", "b"]) == "a, b"
    assert scalar(None) == ""
    assert scalar(3) == 3
    assert json.loads(scalar({"b": 1, "a": [1]})) == {"a": [1], "b": 1}


def test_cli_graph_formats(cli, seed_path):
    status, out, _ = cli("graph", seed_path, "--format", "graphml")
    assert status == 0
    back = nx.read_graphml(io.BytesIO(out.encode("utf-8")))
    assert back.nodes["inner_aligned"]["relations"] == "trains, optimizes, mesa_objective, aligned_with"
    status, out, _ = cli("graph", seed_path, "--scenario", "three_levels", "--format", "json")
    graph = nx.node_link_graph(json.loads(out), edges="edges")
    assert graph.graph["scenario"] == "three_levels" and graph.has_node("subagent")
