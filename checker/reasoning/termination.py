"""Weak acyclicity (Fagin, Kolaitis, Miller, Popa 2005): a sufficient condition for the chase to end.

The dependency graph has a node per predicate position ``(pred, i)``. For each rule with atoms in
its head, each body variable ``x`` that also occurs in the head, and each body position ``p`` of
``x``: a normal edge from ``p`` to every head position of ``x``, and a special edge from ``p`` to
every head position of every existential variable. The rules are weakly acyclic when no cycle
goes through a special edge.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from .logic import Axiom, Theory

Position = tuple[str, int]


def axiom_edges(axiom: Axiom) -> list[tuple[Position, Position, bool]]:
    """The edges ``(p, q, special)`` one axiom gives the position graph."""
    if not axiom.head:
        return []
    body_positions: dict[str, list[Position]] = {}
    for atom in axiom.body:
        for i, v in enumerate(atom.args):
            body_positions.setdefault(v, []).append((atom.pred, i))
    head_positions: dict[str, list[Position]] = {}
    for atom in axiom.head:
        for i, v in enumerate(atom.args):
            head_positions.setdefault(v, []).append((atom.pred, i))
    existential_positions = [q for v, qs in head_positions.items() if v not in body_positions for q in qs]
    edges: list[tuple[Position, Position, bool]] = []
    for v, ps in body_positions.items():
        if v not in head_positions:
            continue
        for p in ps:
            edges.extend((p, q, False) for q in head_positions[v])
            edges.extend((p, q, True) for q in existential_positions)
    return edges


def dependency_graph(theory: Theory) -> nx.DiGraph[Position]:
    """The position graph; each edge has ``special`` (bool) and ``axioms`` (labels) attributes."""
    graph: nx.DiGraph[Position] = nx.DiGraph()
    for axiom in theory.axioms:
        for p, q, special in axiom_edges(axiom):
            _add(graph, p, q, axiom, special)
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
    return _violation(theory, dependency_graph(theory))


Edges = Mapping[tuple[Position, Position], bool]   # each edge of the position graph, and whether it is special


@dataclass(frozen=True)
class Termination:
    """A theory's :func:`weak_acyclicity_violation` and the edges of its position graph, from
    which a theory with more axioms is checked by what they add (see :func:`extended_termination`)."""

    violation: list[Axiom] | None
    edges: Edges


def termination(theory: Theory) -> Termination:
    """The weak-acyclicity violation of ``theory`` (see :func:`weak_acyclicity_violation`) and
    its position graph's edges."""
    graph = dependency_graph(theory)
    edges = {(p, q): bool(data["special"]) for p, q, data in graph.edges(data=True)}
    return Termination(_violation(theory, graph), edges)


def extended_termination(parent: Termination, theory: Theory, added: Sequence[Axiom]) -> Termination:
    """The :func:`termination` of ``theory``, whose axioms are those of the theory ``parent``
    is about and ``added``: when that theory is weakly acyclic and ``added`` gives its position
    graph no edge and makes none special, the graph is the same and so is the answer;
    otherwise it is found from the start."""
    if parent.violation is None:
        edges = parent.edges
        if all(edges.get((p, q), False) or (not special and (p, q) in edges)
               for axiom in added for p, q, special in axiom_edges(axiom)):
            return parent
    return termination(theory)


def _violation(theory: Theory, graph: nx.DiGraph[Position]) -> list[Axiom] | None:
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
