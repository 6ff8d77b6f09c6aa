"""A ``disjoint`` statement of a few kinds is drawn as its pairs; a longer one as one node linked
to each of its kinds, in the vocabulary graph and every form it is written or drawn in."""

from __future__ import annotations

import io
import json
import re
from itertools import combinations

import networkx as nx
import pytest

import alignspec
from alignspec.views import render_report, to_dot, to_graphml, to_json, to_mermaid, vocabulary_graph
from alignspec.views.drawing import to_svg
from alignspec.views.roles import Role
from alignspec.views.vocabulary import DISJOINT_PAIRS_LIMIT


def wide_spec(tmp_path, n: int, extra: str = "") -> alignspec.Spec:
    kinds = [f"K{i}" for i in range(1, n + 1)]
    text = "".join(f"kind {k}\n" for k in kinds) + f"disjoint {', '.join(kinds)}\n" + extra
    path = tmp_path / f"wide{n}.align"
    path.write_text(text, encoding="utf-8")
    return alignspec.load(str(path))


def vocabulary(spec: alignspec.Spec) -> nx.MultiDiGraph:
    return vocabulary_graph(spec.unit, spec.analysis.builder.namer)


def by_role(graph: nx.MultiDiGraph, role: Role) -> tuple[list, list]:
    nodes = [n for n, d in graph.nodes(data=True) if d.get("role") == role]
    edges = [(u, v) for u, v, d in graph.edges(data=True) if d.get("role") == role]
    return nodes, edges


def test_a_statement_at_the_limit_is_drawn_as_its_pairs(tmp_path):
    n = DISJOINT_PAIRS_LIMIT
    graph = vocabulary(wide_spec(tmp_path, n))
    groups, pairs = by_role(graph, Role.DISJOINT)
    assert groups == []
    assert sorted(pairs) == [(f"K{a}", f"K{b}") for a, b in combinations(range(1, n + 1), 2)]
    assert by_role(graph, Role.MEMBER)[1] == []


def test_a_statement_above_the_limit_is_one_node_linked_to_each_kind(tmp_path):
    n = DISJOINT_PAIRS_LIMIT + 1
    graph = vocabulary(wide_spec(tmp_path, n))
    groups, pairs = by_role(graph, Role.DISJOINT)
    kinds = [f"K{i}" for i in range(1, n + 1)]
    assert pairs == [] and len(groups) == 1
    assert graph.nodes[groups[0]]["members"] == kinds
    assert by_role(graph, Role.MEMBER)[1] == [(groups[0], k) for k in kinds]
    assert not any(graph.nodes[k]["role"] == Role.DISJOINT for k in kinds)


def test_a_kind_listed_twice_is_linked_once(tmp_path):
    path = tmp_path / "twice.align"
    path.write_text("kind A\nkind B\nkind C\nkind D\ndisjoint A, B, C, D, A\n", encoding="utf-8")
    graph = vocabulary(alignspec.load(str(path)))
    (group,), _ = by_role(graph, Role.DISJOINT)
    assert graph.nodes[group]["members"] == ["A", "B", "C", "D"]
    assert len(by_role(graph, Role.MEMBER)[1]) == 4


def test_each_long_statement_has_a_node_of_its_own(tmp_path):
    path = tmp_path / "two.align"
    path.write_text("kind A\nkind B\nkind C\nkind D\nkind E\n"
                    "disjoint A, B, C, D\ndisjoint B, C, D, E\ndisjoint A, E\n", encoding="utf-8")
    graph = vocabulary(alignspec.load(str(path)))
    groups, pairs = by_role(graph, Role.DISJOINT)
    assert len(groups) == 2 and pairs == [("A", "E")]
    assert [graph.nodes[g]["members"] for g in groups] == [["A", "B", "C", "D"], ["B", "C", "D", "E"]]
    assert len(by_role(graph, Role.MEMBER)[1]) == 8


WIDE = 300


@pytest.fixture(scope="module")
def wide(tmp_path_factory) -> alignspec.Spec:
    return wide_spec(tmp_path_factory.mktemp("wide"), WIDE)


def test_a_wide_statement_has_as_many_edges_as_kinds_in_every_format(wide):
    graph = vocabulary(wide)
    assert graph.number_of_nodes() == WIDE + 1 and graph.number_of_edges() == WIDE
    back = nx.node_link_graph(json.loads(to_json(graph)), edges="edges", multigraph=True)
    assert [d["role"] for _, d in back.nodes(data=True)].count(Role.DISJOINT) == 1
    assert back.number_of_edges() == WIDE
    graphml = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
    assert graphml.number_of_edges() == WIDE
    assert len(re.findall(r" -> ", to_dot(graph))) == WIDE
    assert len(re.findall(r"^  g0n\d+ -\.- g0n\d+$", to_mermaid(graph), flags=re.M)) == WIDE


def test_the_python_layout_draws_a_wide_statement(wide):
    svg = to_svg(vocabulary(wide), id_prefix="v-")
    assert svg.count("<path") + svg.count("<line") + svg.count("<polyline") >= WIDE


def test_the_report_lists_a_wide_statement_once(wide):
    markdown = render_report(wide, "markdown")
    assert len(re.findall(r"^\s*g0n\d+ -\.- g0n\d+$", markdown, flags=re.M)) == WIDE
    assert markdown.count("`K150`") == 2  # its row in the kinds table and its place in the statement


def test_graphviz_can_read_the_dot_of_a_statement_of_thousands_of_kinds(tmp_path):
    """Graphviz refuses a quoted string longer than 16 KB: no attribute grows with the statement."""
    dot = to_dot(vocabulary(wide_spec(tmp_path, 3000)))
    assert max(len(text) for text in re.findall(r'"(?:[^"\\]|\\.)*"', dot)) < 16_384
