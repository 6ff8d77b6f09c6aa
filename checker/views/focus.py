"""One concept's neighbourhood in a lattice: the classes it implies and the classes that imply
it, up to a number of steps, and the classes it excludes; small enough to read at any size."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .roles import Role

DEFAULT_DEPTH = 1


def class_of(graph: nx.DiGraph[Any], concept: str) -> str | None:
    """The id of the class node of ``graph`` (a lattice) that has ``concept`` as a member."""
    return next((node for node, data in graph.nodes(data=True)
                 if data.get("role") == Role.CLASS and concept in data.get("members", ())), None)


def _within(graph: nx.DiGraph[Any], start: str, depth: int, upward: bool) -> list[str]:
    """The classes ``depth`` implication steps or fewer from ``start``, more general ones
    (``upward``) or more specific ones, nearest first."""
    found: dict[str, None] = {}
    frontier = [start]
    for _ in range(depth):
        following: list[str] = []
        for node in frontier:
            edges = graph.out_edges(node, data=True) if upward else graph.in_edges(node, data=True)
            for u, v, data in edges:
                other = v if upward else u
                if data.get("role") == Role.IMPLIES and other not in found and other != start:
                    found[other] = None
                    following.append(other)
        frontier = following
    return list(found)


def focus_graph(graph: nx.DiGraph[Any], concept: str, depth: int = DEFAULT_DEPTH) -> nx.DiGraph[Any]:
    """The neighbourhood of ``concept`` in ``graph`` (a lattice from :func:`.lattice_graph`):
    its class (role ``focus``), the classes it implies and those that imply it within ``depth``
    steps of the Hasse diagram, and the classes it excludes, with the edges between them.

    A concept with no member, or one the reasoner could not classify, has no neighbourhood: the
    graph is empty and its ``note`` says why. The graph's ``concept`` attribute names the concept,
    ``depth`` the depth, and ``title`` says both with the framing. It is drawn left to right
    (more specific classes on the left), so that many neighbours make a column, not a line."""
    framing = graph.graph.get("title", "")
    out: nx.DiGraph[Any] = nx.DiGraph(**{**graph.graph, "title": f"{concept} under {framing}", "concept": concept,
                                         "depth": depth, "framing_title": framing, "rankdir": "LR"})
    out.graph.pop("unsatisfiable", None)
    centre = class_of(graph, concept)
    if centre is None:
        unsatisfiable = graph.graph.get("unsatisfiable") or {}
        if concept in unsatisfiable.get("members", ()):
            out.graph["note"] = f"{concept} has no member under {framing}"
        elif "note" not in graph.graph:
            out.graph["note"] = f"{concept} was not classified under {framing}"
        return out
    general = _within(graph, centre, depth, upward=True)
    specific = _within(graph, centre, depth, upward=False)
    excluded = [v for u, v, d in graph.edges(centre, data=True) if d.get("role") == Role.EXCLUDES]
    excluded += [u for u, v, d in graph.in_edges(centre, data=True) if d.get("role") == Role.EXCLUDES]
    kept = list(dict.fromkeys([*specific[::-1], centre, *general, *excluded]))
    for node in kept:
        data = dict(graph.nodes[node])
        if node == centre:
            data["role"] = Role.FOCUS.value
        out.add_node(node, **data)
    for u, v, data in graph.edges(data=True):
        if u in out and v in out and (data.get("role") == Role.IMPLIES or centre in (u, v)):
            out.add_edge(u, v, **data)
    return out


def same_neighbourhood(a: nx.DiGraph[Any], b: nx.DiGraph[Any]) -> bool:
    """Whether two focus graphs show the same classes and the same edges."""
    return (list(a.nodes) == list(b.nodes) and list(a.edges) == list(b.edges)
            and a.graph.get("note") == b.graph.get("note"))
