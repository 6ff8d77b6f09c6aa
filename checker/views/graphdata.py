"""Graphs as data: networkx node-link JSON, and GraphML with every attribute made scalar."""

from __future__ import annotations

import io
import json
import re
from typing import Any, Sequence

import networkx as nx


def node_link(graph: nx.Graph) -> dict:
    """``nx.node_link_data`` with the ``edges`` key (the networkx 3.4+ name)."""
    return nx.node_link_data(graph, edges="edges")


def to_json(graphs: nx.Graph | Sequence[nx.Graph]) -> str:
    """Node-link JSON: one object for one graph, an array of objects for several."""
    if isinstance(graphs, nx.Graph):
        data: Any = node_link(graphs)
    else:
        data = [node_link(g) for g in graphs]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# Characters XML 1.0 does not allow in a document at all, even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF, lone
    surrogates) shown as ``\\u{1b}``, as the text renderers show controls."""
    return _NOT_XML.sub(lambda m: f"\\u{{{ord(m.group()):x}}}", text)


def scalar(value: Any) -> str | int | float | bool:
    """A GraphML-writable value: None becomes "", a list of scalars is joined with ", ",
    anything else that is not scalar becomes JSON text; text is made :func:`xml_safe`."""
    if value is None:
        return ""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return xml_safe(", ".join(str(v) for v in value))
    return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _node(node: Any) -> Any:
    return xml_safe(node) if isinstance(node, str) else node


def scalar_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose graph, node and edge attributes are all scalar, and whose text
    (ids included) is :func:`xml_safe`."""
    out = graph.__class__()
    out.graph.update({k: scalar(v) for k, v in graph.graph.items()})
    out.add_nodes_from((_node(n), {k: scalar(v) for k, v in d.items()}) for n, d in graph.nodes(data=True))
    if graph.is_multigraph():
        out.add_edges_from((_node(u), _node(v), _node(key), {k: scalar(x) for k, x in d.items()})
                           for u, v, key, d in graph.edges(keys=True, data=True))
    else:
        out.add_edges_from((_node(u), _node(v), {k: scalar(x) for k, x in d.items()})
                           for u, v, d in graph.edges(data=True))
    return out


def to_graphml(graph: nx.Graph) -> str:
    """GraphML text written by ``nx.write_graphml`` from :func:`scalar_graph`."""
    buffer = io.BytesIO()
    nx.write_graphml(scalar_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
