"""Mermaid flowcharts for one or more view graphs (several become subgraphs)."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from .roles import Role
from .styles import (
    MERMAID_ARROWS,
    MERMAID_CLASSES,
    MERMAID_DEFAULT_ARROW,
    MERMAID_DEFAULT_SHAPE,
    MERMAID_SHAPES,
)

_ENTITIES = [("#", "#35;"), ("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"),
             ("`", "#96;"), ("|", "#124;"), ("[", "#91;"), ("]", "#93;")]


def mermaid_label(text: str) -> str:
    """``text`` as a quoted Mermaid label: markup characters as entity codes, lines as ``<br>``."""
    text = str(text).replace("\r", "")
    for char, code in _ENTITIES:
        text = text.replace(char, code)
    return '"' + text.replace("\n", "<br>") + '"'


def to_mermaid(graphs: nx.Graph | Sequence[nx.Graph]) -> str:
    """A Mermaid ``flowchart`` drawing ``graphs`` with the styles of their ``role`` attributes."""
    graphs = [graphs] if isinstance(graphs, nx.Graph) else list(graphs)
    direction = graphs[0].graph.get("rankdir", "TB") if graphs else "TB"
    lines = [f"flowchart {direction}"]
    roles: dict[str, list[str]] = {}
    edges: list[str] = []
    single = len(graphs) == 1
    for gi, graph in enumerate(graphs):
        prefix = f"g{gi}"
        indent = "  "
        if not single:
            lines.append(f"  subgraph {prefix}[{mermaid_label(graph.graph.get('title', ''))}]")
            indent = "    "
        ids = {node: f"{prefix}n{i}" for i, node in enumerate(graph.nodes)}
        if not ids and graph.graph.get("note"):
            lines.append(f"{indent}{prefix}note[{mermaid_label(graph.graph['note'])}]")
            roles.setdefault(Role.NOTE, []).append(f"{prefix}note")
        for node, data in graph.nodes(data=True):
            role = data.get("role", "")
            opening, closing = MERMAID_SHAPES.get(role, MERMAID_DEFAULT_SHAPE)
            lines.append(f"{indent}{ids[node]}{opening}{mermaid_label(data.get('label', str(node)))}{closing}")
            roles.setdefault(role, []).append(ids[node])
        if not single:
            lines.append("  end")
        for u, v, data in graph.edges(data=True):
            arrow = MERMAID_ARROWS.get(data.get("role", ""), MERMAID_DEFAULT_ARROW)
            label = f"|{mermaid_label(data['label'])}|" if data.get("label") else ""
            edges.append(f"  {ids[u]} {arrow}{label} {ids[v]}")
    lines.extend(edges)
    for role, nodes in roles.items():
        if role in MERMAID_CLASSES:
            lines.append(f"  classDef r_{role} {MERMAID_CLASSES[role]}")
            lines.append(f"  class {','.join(nodes)} r_{role}")
    return "\n".join(lines) + "\n"
