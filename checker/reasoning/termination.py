"""Weak acyclicity (Fagin, Kolaitis, Miller, Popa 2005): a sufficient condition for the chase to end.

The dependency graph has a node per predicate position ``(pred, i)``. For each rule with atoms in
its head, each body variable ``x`` that also occurs in the head, and each body position ``p`` of
``x``: a normal edge from ``p`` to every head position of ``x``, and a special edge from ``p`` to
every head position of every existential variable. The rules are weakly acyclic when no cycle
goes through a special edge.
"""

from __future__ import annotations

import itertools

import networkx as nx

from .logic import Axiom, Theory

Position = tuple[str, int]


def dependency_graph(theory: Theory) -> nx.DiGraph[Position]:
    """The position graph; each edge has ``special`` (bool) and ``axioms`` (labels) attributes."""
    graph: nx.DiGraph[Position] = nx.DiGraph()
    for axiom in theory.axioms:
        if not axiom.head:
            continue
        body_positions: dict[str, list[Position]] = {}
        for atom in axiom.body:
            for i, v in enumerate(atom.args):
                body_positions.setdefault(v, []).append((atom.pred, i))
        head_positions: dict[str, list[Position]] = {}
        for atom in axiom.head:
            for i, v in enumerate(atom.args):
                head_positions.setdefault(v, []).append((atom.pred, i))
        existential_positions = [q for v, qs in head_positions.items() if v not in body_positions for q in qs]
        for v, ps in body_positions.items():
            if v not in head_positions:
                continue
            for p in ps:
                for q in head_positions[v]:
                    _add(graph, p, q, axiom, special=False)
                for q in existential_positions:
                    _add(graph, p, q, axiom, special=True)
    return graph


def _add(graph: nx.DiGraph[Position], p: Position, q: Position, axiom: Axiom, special: bool) -> None:
    if graph.has_edge(p, q):
        data = graph.adj[p][q]
        data["special"] = data["special"] or special
        data["axioms"].add(axiom.label)
    else:
        graph.add_edge(p, q, special=special, axioms={axiom.label})


def weak_acyclicity_violation(theory: Theory) -> list[Axiom] | None:
    """None if the theory's rules are weakly acyclic; else the axioms on offending cycles.

    For each special edge that lies on a cycle, the cycle taken is the special edge plus a
    shortest path back to its start; the axioms returned (in theory order) are those that
    contribute an edge to one of these cycles.
    """
    graph = dependency_graph(theory)
    labels: set[str] = set()
    adjacency = graph.adj
    for members in nx.strongly_connected_components(graph):
        # Only a component with a special edge inside is looked at through a subgraph (whose
        # views refer back to the graph: cycles that outlive their use while the collector is paused).
        if not any(data["special"] for a in members for b, data in adjacency[a].items() if b in members):
            continue
        component = graph.subgraph(members)
        special_edges: list[tuple[Position, Position, bool]] = sorted(component.edges(data="special"))
        for a, b, special in special_edges:
            if not special:
                continue
            back = nx.shortest_path(component, b, a)
            for p, q in [(a, b)] + list(itertools.pairwise(back)):
                labels |= adjacency[p][q]["axioms"]
    if not labels:
        return None
    return [a for a in theory.axioms if a.label in labels]
