"""The lattice view: Hasse diagrams per framing, with docs and justifications."""

from __future__ import annotations

import json

import networkx as nx

from alignspec.views import Justifier, lattice_graph, lattice_text
from alignspec.views.focus import focus_graph
from alignspec.views.lattice import exclusions


def graph_of(spec, framing):
    view = spec.classification(framing)
    justifier = Justifier(spec.analysis.builder, view.concepts, spec.budget)
    return lattice_graph(view, justifier)


def test_hubinger_has_an_edge_from_inner_aligned_to_objective_robust(seed):
    graph = graph_of(seed, "hubinger2020")
    assert graph.has_edge("inner_aligned", "objective_robust")
    assert not graph.has_edge("objective_robust", "inner_aligned")
    edge = graph.edges["inner_aligned", "objective_robust"]
    assert edge["role"] == "implies"
    assert "rule mesa_behaves" in [item.label for item in edge["justification"]]
    assert edge["label"] == "mesa_behaves"


def test_harris_has_one_node_holding_both(seed):
    graph = graph_of(seed, "harris")
    holding = [n for n, d in graph.nodes(data=True) if {"objective_robust", "inner_aligned"} <= set(d["members"])]
    assert len(holding) == 1
    data = graph.nodes[holding[0]]
    assert data["members"] == ["objective_robust", "inner_aligned"]
    assert data["label"] == "objective_robust = inner_aligned"
    labels = {item.label for item in data["justification"]}
    assert {"rule trained_is_mesa", "rule behavior_is_mesa"} <= labels
    assert data["docs"]["inner_aligned"].startswith("the mesa-objective")


def test_unsatisfiable_concepts_are_listed_not_drawn(seed):
    graph = graph_of(seed, "harris")
    listed = graph.graph["unsatisfiable"]
    assert listed["members"] == ["built_heuristic"]
    assert "rule trained_is_mesa" in {i.label for i in listed["justification"]}
    assert not any("built_heuristic" in d["members"] for _, d in graph.nodes(data=True))
    assert all(d["role"] == "implies" for _, _, d in graph.edges(data=True))
    assert "no member (unsatisfiable): built_heuristic" in lattice_text(graph)


def test_three_member_class_and_bottom(tricky):
    merged = graph_of(tricky, "merged")
    assert merged.nodes["maker=owner=user"]["members"] == ["user", "owner", "maker"]
    directions = {i.direction for i in merged.nodes["maker=owner=user"]["justification"]}
    assert directions == {"user implies owner", "owner implies maker", "maker implies user"}
    strict = graph_of(tricky, "strict")
    assert strict.graph["unsatisfiable"]["members"] == ["maker"]
    assert "maker" not in strict


def test_base_framing_and_text(seed):
    graph = graph_of(seed, None)
    assert graph.graph["title"] == "base framing" and graph.number_of_edges() == 0
    text = lattice_text(graph_of(seed, "hubinger2020"))
    assert "inner_aligned -> objective_robust" in text
    assert "because rule mesa_behaves" in text


def test_cli_lattice_json_is_node_link_data_in_a_versioned_document(cli, seed_path):
    status, out, _ = cli("lattice", seed_path, "--framing", "hubinger2020", "--format", "json")
    assert status == 0
    document = json.loads(out)
    assert (document["schema"], document["version"], len(document["graphs"])) == ("alignspec-lattice", 1, 1)
    graph = nx.node_link_graph(document["graphs"][0], edges="edges")
    assert graph.has_edge("inner_aligned", "objective_robust")
    status, out, _ = cli("lattice", seed_path, "--framing", "harris", "--format", "json")
    nodes = json.loads(out)["graphs"][0]["nodes"]
    assert ["objective_robust", "inner_aligned"] in [n["members"] for n in nodes]


def test_cli_lattice_every_framing_by_default(cli, seed_path):
    status, out, _ = cli("lattice", seed_path, "--format", "json")
    assert status == 0
    titles = [g["graph"]["title"] for g in json.loads(out)["graphs"]]
    assert titles == ["base framing", "hubinger2020", "harris", "composable", "harris_composable"]
    status, out, _ = cli("lattice", seed_path, "--framing", "base")
    assert status == 0 and out.startswith("lattice under base framing")


def test_focus_keeps_the_neighbourhood_within_the_depth():
    graph = nx.DiGraph(title="F")
    for name in "abcde":
        graph.add_node(name, role="class", members=[name], label=name)
    for u, v in [("a", "b"), ("b", "c"), ("c", "d")]:
        graph.add_edge(u, v, role="implies", label="")
    graph.add_edge("b", "e", role="excludes", label="excludes")
    one = focus_graph(graph, "b")
    assert list(one.nodes) == ["a", "b", "c", "e"] and one.nodes["b"]["role"] == "focus"
    assert set(one.edges) == {("a", "b"), ("b", "c"), ("b", "e")}
    assert one.graph["concept"] == "b" and one.graph["title"] == "b under F"
    two = focus_graph(graph, "b", depth=2)
    assert set(two.nodes) == {"a", "b", "c", "d", "e"} and two.has_edge("c", "d")


def test_focus_on_a_concept_with_no_member_is_a_note(seed):
    focus = focus_graph(graph_of(seed, "harris"), "built_heuristic")
    assert focus.number_of_nodes() == 0 and "no member" in focus.graph["note"]


def test_exclusions_are_drawn_when_the_classification_knows_them():
    class Known:
        excludes = (("b", "a"), ("a", "b"), ("c", "c"))

    assert exclusions(Known()) == [("a", "b")]
    assert exclusions(object()) == []


def test_cli_lattice_concept_and_depth(cli, seed_path):
    status, out, _ = cli("lattice", seed_path, "--framing", "hubinger2020", "--concept", "inner_aligned", "--format", "json")
    assert status == 0
    graph = nx.node_link_graph(json.loads(out)["graphs"][0], edges="edges")
    assert graph.nodes["inner_aligned"]["role"] == "focus" and graph.has_edge("inner_aligned", "objective_robust")
    status, _, err = cli("lattice", seed_path, "--concept", "inner_alined")
    assert status == 2 and "inner_aligned" in err
    status, _, _ = cli("lattice", seed_path, "--concept", "inner_aligned", "--depth", "0")
    assert status == 2
