"""Graphviz DOT for one or more view graphs (several become clusters of one digraph)."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from .roles import Role
from .styles import DOT_EDGES, DOT_NODES


def dot_string(text: str) -> str:
    """``text`` as a quoted DOT string (backslashes, quotes and newlines escaped)."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


def _attrs(values: dict[str, str]) -> str:
    return "[" + ", ".join(f"{k}={dot_string(v)}" for k, v in values.items()) + "]"


def to_dot(graphs: nx.Graph | Sequence[nx.Graph], name: str = "alignspec", id_prefix: str = "") -> str:
    """DOT source drawing ``graphs`` with the styles of their ``role`` attributes; nodes are
    labelled with ``label`` and carry ``description`` as tooltip. Element ids start with
    ``id_prefix`` so several drawings can share one HTML page."""
    graphs = [graphs] if isinstance(graphs, nx.Graph) else list(graphs)
    rankdir = graphs[0].graph.get("rankdir", "TB") if graphs else "TB"
    single = len(graphs) == 1
    # a single graph's separate parts are packed into a block instead of one long row
    packing = {"pack": "true", "packmode": "array"} if single else {}
    lines = [f"digraph {dot_string(name)} {{",
             "  graph " + _attrs({"rankdir": rankdir, "fontname": "Helvetica", "fontsize": "12",
                                  "id": id_prefix + "graph", "labelloc": "t", **packing}) + ";",
             "  node [fontname=\"Helvetica\", fontsize=\"10\"];",
             "  edge [fontname=\"Helvetica\", fontsize=\"9\"];"]
    for gi, graph in enumerate(graphs):
        prefix = f"{id_prefix}g{gi}"
        indent = "  "
        title = graph.graph.get("title", "")
        if single:
            if title:
                lines.append(f"  graph {_attrs({'label': title})};")
        else:
            lines.append(f"  subgraph {dot_string('cluster_' + prefix)} {{")
            lines.append(f"    graph {_attrs({'label': title, 'id': prefix, 'style': 'rounded', 'color': '#bbbbbb'})};")
            indent = "    "
        ids = {node: f"{prefix}n{i}" for i, node in enumerate(graph.nodes)}
        if not ids and graph.graph.get("note"):
            note = _attrs({"label": graph.graph["note"], "id": prefix + "note", **DOT_NODES[Role.NOTE]})
            lines.append(f"{indent}{dot_string(prefix + 'note')} {note};")
        for node, data in graph.nodes(data=True):
            values = {"label": data.get("label", str(node)), "tooltip": data.get("description", ""),
                      "id": ids[node], **DOT_NODES.get(data.get("role", ""), {})}
            lines.append(f"{indent}{dot_string(ids[node])} {_attrs(values)};")
        for j, (u, v, data) in enumerate(graph.edges(data=True)):
            values = {"tooltip": data.get("description", ""), "id": f"{prefix}e{j}",
                      **DOT_EDGES.get(data.get("role", ""), {})}
            if data.get("label"):
                values = {"label": data["label"], **values}
            lines.append(f"{indent}{dot_string(ids[u])} -> {dot_string(ids[v])} {_attrs(values)};")
        if not single:
            lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"
