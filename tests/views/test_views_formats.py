"""Every view in every format, for the seed and for the tricky spec; DOT checked by Graphviz."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import networkx as nx
import pytest

from alignspec.views import Justifier, lattice_graph, to_dot, to_graphml, to_mermaid
from alignspec.views.dot import dot_string
from alignspec.views.mermaid import mermaid_label

VIEWS = [
    ("lattice", "text"), ("lattice", "dot"), ("lattice", "mermaid"), ("lattice", "json"),
    ("argue", "text"), ("argue", "dot"), ("argue", "mermaid"), ("argue", "json"),
    ("compare", "text"), ("compare", "markdown"), ("compare", "json"),
    ("graph", "dot"), ("graph", "mermaid"), ("graph", "graphml"), ("graph", "json"),
    ("report", "markdown"), ("report", "html"),
]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def scenario_of(path) -> list[str]:
    return ["--scenario", "three_levels"] if path.name == "seed_v0.align" else ["--scenario", "shop"]


@pytest.fixture(params=["seed", "tricky"])
def spec_path(request, seed_path, tricky_path):
    return seed_path if request.param == "seed" else tricky_path


@pytest.mark.parametrize("command, fmt", VIEWS)
def test_every_view_renders(cli, spec_path, command, fmt):
    status, out, err = cli(command, spec_path, "--format", fmt)
    assert status == 0, err
    assert out.strip()
    if fmt == "json":
        json.loads(out)
    if command == "graph":
        status, out, err = cli(command, spec_path, "--format", fmt, *scenario_of(spec_path))
        assert status == 0, err
        assert out.strip()


@needs_dot
@pytest.mark.parametrize("extra", [["lattice"], ["argue"], ["graph"], ["graph", "scenario"]])
def test_dot_output_is_accepted_by_graphviz(cli, spec_path, extra):
    args = [extra[0], spec_path, "--format", "dot"]
    if extra[1:]:
        args += scenario_of(spec_path)
    status, out, _ = cli(*args)
    assert status == 0
    done = subprocess.run(["dot", "-Tsvg"], input=out.encode("utf-8"), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert b"<svg" in done.stdout


def test_lattice_graphml_round_trip(tricky):
    view = tricky.classification("merged")
    graph = lattice_graph(view, Justifier(tricky.analysis.builder, view.concepts, tricky.budget))
    back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
    assert back.nodes["maker=owner=user"]["members"] == "user, owner, maker"
    assert json.loads(back.nodes["maker=owner=user"]["docs"])["maker"] == "makes a widget"


def test_dot_and_mermaid_escape_labels():
    assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    label = mermaid_label('say "hi" <b>#1</b> | [x] `y`\nz')
    assert label == '"say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #124; #91;x#93; #96;y#96;<br>z"'
    graph = nx.DiGraph(title="t")
    graph.add_node("x", role="class", label='a "quoted" label')
    graph.add_edge("x", "x", role="implies", label="<loop>")
    assert '"a #quot;quoted#quot; label"' in to_mermaid(graph)
    assert 'label="a \\"quoted\\" label"' in to_dot(graph)


@needs_dot
def test_several_graphs_become_clusters(seed):
    views = seed.analysis.framings
    justifier = Justifier(seed.analysis.builder, views[0].concepts, seed.budget)
    source = to_dot([lattice_graph(v, justifier) for v in views], id_prefix="p-")
    assert source.count("subgraph") == len(views)
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
