"""The layered layout and the SVG drawn from it, without Graphviz."""

from __future__ import annotations

import itertools
import random
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from alignspec.views.drawing import to_svg, wrap
from alignspec.views.layered import layered_layout


def boxes(names, width=40.0, height=20.0):
    return [(n, width, height) for n in names]


def overlaps(layout) -> list[tuple[str, str]]:
    found = []
    for (a, p), (b, q) in itertools.combinations(layout.nodes.items(), 2):
        if abs(p.x - q.x) < (p.width + q.width) / 2 - 0.01 and abs(p.y - q.y) < (p.height + q.height) / 2 - 0.01:
            found.append((a, b))
    return found


def test_edges_point_down_top_to_bottom_and_up_bottom_to_top():
    edges = [("a", "b"), ("b", "c"), ("a", "c")]
    down = layered_layout(boxes("abc"), edges, "TB")
    assert down.nodes["a"].y < down.nodes["b"].y < down.nodes["c"].y
    up = layered_layout(boxes("abc"), edges, "BT")
    assert up.nodes["a"].y > up.nodes["b"].y > up.nodes["c"].y
    right = layered_layout(boxes("abc"), edges, "LR")
    assert right.nodes["a"].x < right.nodes["b"].x < right.nodes["c"].x


def test_a_long_edge_bends_through_the_layers_it_crosses():
    layout = layered_layout(boxes("abcd"), [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")])
    assert len(layout.edges[3]) == 4
    assert layout.edges[3][0][1] == pytest.approx(layout.nodes["a"].y + 10)
    assert layout.edges[3][-1][1] == pytest.approx(layout.nodes["d"].y - 10)


def test_cycles_and_self_loops_are_laid_out():
    layout = layered_layout(boxes("abc"), [("a", "b"), ("b", "c"), ("c", "a"), ("a", "a")])
    assert set(layout.nodes) == {"a", "b", "c"}
    assert layout.edges[3] == ()
    first, last = layout.edges[2][0], layout.edges[2][-1]
    assert first[1] > last[1]  # c -> a goes back up, from c to a


@pytest.mark.parametrize("seed", range(5))
def test_no_two_boxes_overlap_and_all_fit(seed):
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(30, 0.12, seed=seed, directed=True)
    names = [f"n{i}" for i in graph.nodes]
    nodes = [(n, rng.uniform(20, 120), rng.uniform(15, 40)) for n in names]
    edges = [(f"n{u}", f"n{v}") for u, v in graph.edges]
    layout = layered_layout(nodes, edges, "BT")
    assert overlaps(layout) == []
    for p in layout.nodes.values():
        assert p.x - p.width / 2 >= 0 and p.x + p.width / 2 <= layout.width + 0.1
        assert p.y - p.height / 2 >= 0 and p.y + p.height / 2 <= layout.height + 0.1
    assert layered_layout(nodes, edges, "BT") == layout


def test_a_chain_is_drawn_straight():
    layout = layered_layout(boxes("abcd"), [("a", "b"), ("b", "c"), ("c", "d")])
    assert len({p.x for p in layout.nodes.values()}) == 1


def test_svg_has_a_box_per_node_and_a_path_per_edge():
    graph = nx.MultiDiGraph(rankdir="LR")
    graph.add_node("a", role="individual", label="a\nModel", description="a: Model")
    graph.add_node("b", role="entity", label="b <&>", description="b")
    graph.add_edge("a", "b", key="trains", role="given", label="trains", description="trains(a, b)")
    graph.add_edge("a", "b", key="owns", role="derived", label="owns", description="owns(a, b)")
    graph.add_edge("b", "b", key="likes", role="given", label="likes", description="likes(b, b)")
    svg = to_svg(graph, id_prefix="w-", title="a world")
    root = ET.fromstring(svg)
    ns = ""
    assert root.tag == f"{ns}svg" and root.get("aria-label") == "a world"
    assert len(root.findall(".//g[@class='node']/rect")) == 2
    assert len(root.findall(".//g[@class='edge']/path")) == 3
    assert [g.get("id") for g in root.findall(".//g[@class='edge']")] == ["w-e0", "w-e1", "w-e2"]
    paths = [p.get("d") for p in root.findall(".//g[@class='edge']/path")]
    assert len(set(paths)) == 3  # parallel edges are bent apart
    texts = ["".join(t.itertext()) for t in root.iter("text")]
    assert "b <&>" in texts and "trains" in texts


def test_wrap_breaks_long_lines_at_spaces():
    assert wrap("a = b", 40) == ["a = b"]
    assert wrap("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert wrap("one\ntwo") == ["one", "two"]


def test_a_very_wide_first_layer_is_split_over_several_rows():
    sources = [f"s{i}" for i in range(40)]
    layout = layered_layout(boxes([*sources, "t"], width=100.0), [(s, "t") for s in sources])
    assert layout.width < 40 * 124 / 2  # one row would be 40 boxes and gaps wide
    assert len({layout.nodes[s].y for s in sources}) > 1
    assert all(layout.nodes[s].y < layout.nodes["t"].y for s in sources)
    assert overlaps(layout) == []
