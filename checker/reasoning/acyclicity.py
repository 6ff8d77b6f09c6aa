"""Cycles of ``acyclic`` relations in an instance the chase has built.

Only relations with edges added since the instance was last known to be free of cycles are
searched, by a depth-first search over the relation's own index (no graph is built): with no
such position, every relation that has an edge; from a log position, the part of the relation
reachable from the targets of the edges added since then, which is where any new cycle lies.
Only when a cycle exists is it spelt out, by the search that has always chosen which cycle a
failure reports, so the report does not depend on how the cycle was detected.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence

import networkx as nx

from .instance import Fact, Instance
from .logic import Axiom


def acyclic_violation(instance: Instance, axioms: Sequence[Axiom],
                      since: int = 0) -> tuple[Axiom, tuple[Fact, ...]] | None:
    """The first of the ``acyclic`` ``axioms`` whose relation has a cycle (or self-loop) in
    ``instance``, with the edges of one cycle in order; None when there is none.

    With ``since`` (a log position), only cycles through an edge first added at that position
    or later are looked for: the instance is known to have had no cycle before."""
    if not axioms:
        return None
    if since:
        return _new_cycle(instance, axioms, since)
    for axiom in axioms:
        relation = axiom.relation or ""
        pairs = instance.pairs(relation)
        if pairs and _has_cycle(instance, relation, (s for s, _ in pairs)):
            return axiom, whole_graph_cycle(instance, relation)
    return None


def _new_cycle(instance: Instance, axioms: Sequence[Axiom], since: int) -> tuple[Axiom, tuple[Fact, ...]] | None:
    relations = {axiom.relation for axiom in axioms}
    added: dict[str, list[tuple[int, ...]]] = {}
    for pred, args in instance.logged(since, instance.log_size()):
        if pred in relations and len(args) == 2 and instance.has_fact(pred, args):
            added.setdefault(pred, []).append(args)
    for axiom in axioms:
        relation = axiom.relation or ""
        edges = added.get(relation)
        if not edges or not _has_cycle(instance, relation, (t for _, t in edges)):
            continue
        cycle = cycle_through(instance, relation, edges)
        if cycle is not None:
            return axiom, tuple((relation, edge) for edge in cycle)
    return None


def _has_cycle(instance: Instance, relation: str, starts: Iterable[int]) -> bool:
    """Whether the edges of ``relation`` reachable from ``starts`` close a cycle: an iterative
    depth-first search that meets an entity still on its stack."""
    successors = instance.successors
    on_stack, done = 1, 2
    state: dict[int, int] = {}
    for root in starts:
        if root in state:
            continue
        state[root] = on_stack
        stack: list[tuple[int, Iterator[int]]] = [(root, iter(successors(relation, root)))]
        while stack:
            node, targets = stack[-1]
            for target in targets:
                seen = state.get(target)
                if seen is None:
                    state[target] = on_stack
                    stack.append((target, iter(successors(relation, target))))
                    break
                if seen == on_stack:
                    return True
            else:
                state[node] = done
                stack.pop()
    return False


def whole_graph_cycle(instance: Instance, relation: str) -> tuple[Fact, ...]:
    """The cycle of ``relation`` a failure reports, as its edges in order: a self-loop if there
    is one, else the cycle networkx's ``find_cycle`` finds first (empty when there is none)."""
    pairs: Mapping[tuple[int, int], None] = instance.pairs(relation)
    loop = next(((s, t) for s, t in pairs if s == t), None)
    if loop is not None:
        return ((relation, loop),)
    graph: nx.DiGraph[int] = nx.DiGraph(list(pairs))
    try:
        cycle_edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return ()
    return tuple((relation, (s, t)) for s, t in cycle_edges)


def cycle_through(instance: Instance, relation: str,
                  edges: Sequence[tuple[int, ...]]) -> list[tuple[int, int]] | None:
    """A cycle of ``relation`` that uses one of ``edges``, as its edges in order, or None: a
    search from each edge's target back to its source."""
    for source, target in edges:
        if source == target:
            return [(source, target)]
        came_from: dict[int, int] = {target: target}
        frontier = [target]
        while frontier and source not in came_from:
            node = frontier.pop()
            for nxt in instance.successors(relation, node):
                if nxt not in came_from:
                    came_from[nxt] = node
                    frontier.append(nxt)
        if source in came_from:
            path = [source]
            while path[-1] != target:
                path.append(came_from[path[-1]])
            path.reverse()
            return [(source, target), *itertools.pairwise(path)]
    return None
