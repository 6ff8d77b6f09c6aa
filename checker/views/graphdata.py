"""Graphs as data: networkx node-link JSON, and GraphML with every attribute made scalar."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

import networkx as nx

from ..render.escape import xml_safe


def node_link(graph: nx.Graph) -> dict:
    """``nx.node_link_data`` with the ``edges`` key (the networkx 3.4+ name)."""
    return nx.node_link_data(graph, edges="edges")


def _plain(value: Any) -> Any:
    """What JSON cannot write directly: typed evidence (by its ``to_dict``) and sets (sorted)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def to_json(graphs: nx.Graph | Sequence[nx.Graph] | dict[str, Any]) -> str:
    """Node-link JSON: one object for one graph, an array of objects for several; a document
    (a dict, such as the lattice's versioned envelope) is written as it is."""
    if isinstance(graphs, nx.Graph):
        data: Any = node_link(graphs)
    elif isinstance(graphs, dict):
        data = graphs
    else:
        data = [node_link(g) for g in graphs]
    return json.dumps(data, indent=2, ensure_ascii=False, default=_plain) + "\n"


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
    return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain))


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
