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


def nary_world():
    from alignspec.evidence import World, WorldEntity, WorldFact

    entities = (WorldEntity("m", ("Model",), True), WorldEntity("c", ("Context",), False),
                WorldEntity("o", ("Objective",), False))
    facts = (WorldFact("behaves", ("m", "c", "o"), None), WorldFact("trains", ("m", "m"), "rule self"))
    return World(entities, facts)


def test_an_nary_fact_is_a_node_with_numbered_edges_in_every_format():
    from alignspec.views import to_dot, to_json, to_mermaid
    from alignspec.views.world import evidence_world_graph

    graph = evidence_world_graph(nary_world(), "a witness")
    fact = "behaves(m, c, o)"
    assert graph.nodes[fact]["role"] == "fact" and graph.nodes[fact]["args"] == ["m", "c", "o"]
    numbered = sorted((d["position"], v) for _, v, d in graph.out_edges(fact, data=True))
    assert numbered == [(1, "m"), (2, "c"), (3, "o")]
    assert all(d["role"] == "argument" for _, _, d in graph.out_edges(fact, data=True))
    assert graph.edges["m", "m", "trains"]["role"] == "derived"
    assert graph.nodes["m"]["role"] == "individual" and graph.nodes["c"]["role"] == "entity"
    dot = to_dot(graph)
    assert dot.count('label="1"') == dot.count('label="2"') == dot.count('label="3"') == 1
    assert '|"3"|' in to_mermaid(graph)
    back = nx.node_link_graph(json.loads(to_json(graph)), edges="edges", multigraph=True)
    assert back.has_edge(fact, "o")
    graphml = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
    assert graphml.nodes[fact]["args"] == "m, c, o"


def test_an_nary_relation_is_a_node_in_the_vocabulary(tmp_path):
    import alignspec

    path = tmp_path / "nary.align"
    path.write_text("kind Model\nkind Context\nkind Objective\n"
                    "relation behaves(Model, Context, Objective) functional\n", encoding="utf-8")
    graph = vocabulary(alignspec.load(str(path)))
    node = graph.nodes["relation behaves"]
    assert node["role"] == "fact" and node["positions"] == ["Model", "Context", "Objective"]
    assert sorted((d["position"], v) for _, v, d in graph.out_edges("relation behaves", data=True)) == [
        (1, "Model"), (2, "Context"), (3, "Objective")]


def test_a_scenario_world_with_three_place_facts_draws_each_as_a_fact_node():
    """A ternary fact of a scenario is a node with one numbered edge to each argument."""
    import alignspec
    from alignspec.views.world import world_graph

    thread = alignspec.load("harris_thread")
    evaluation = next(e for e in thread.scenarios if e.scenario.name == "three_levels")
    graph = world_graph(evaluation)
    fact = "behavioral_objective(agent, deployment, L′)"
    assert graph.nodes[fact]["role"] == "fact" and graph.nodes[fact]["args"] == ["agent", "deployment", "L′"]
    assert sorted((target, data["label"]) for _, target, data in graph.out_edges(fact, data=True)) == [
        ("L′", "3"), ("agent", "1"), ("deployment", "2")]
