"""Axioms a property of a chase cannot do without, proved at the level of predicates.

A fact of predicate ``p`` can appear in a chase only if ``p`` has a fact in the start instance
or is in the head of a rule whose body predicates can all have facts: merging entities moves
facts but adds no predicate. A chase can fail only through a denial whose body predicates can
all have facts, an acyclic relation that can have an edge, or an equality (whose body
predicates can all have facts) when the start instance has named entities. So when, without an
axiom, what a property needs cannot appear, no chase under the remaining axioms makes the
property hold, and neither does one under any fewer axioms: the axiom is necessary.

Two sound tests of this, one for all axioms at once and one for one axiom: the dominators of a
graph in which a rule is reached through any one of its body predicates (an axiom that
dominates what the property needs is necessary), and a propagation in which a rule needs all
its body predicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from .logic import Axiom, AxiomKind


@dataclass(frozen=True)
class Goal:
    """What a property asks of a chase from a start instance, at the level of predicates.

    ``given`` holds the predicates of the start instance. A chase that does not fail makes the
    property hold only if each predicate of ``needs`` has a fact (``None``: never); a failed
    chase makes it hold only with ``by_failure``. ``named`` tells whether the start instance
    has named entities, the only ones whose merging fails a chase.
    """

    given: frozenset[str]
    needs: frozenset[str] | None
    by_failure: bool
    named: bool = False


_Effect = tuple[tuple[str, ...], tuple[str, ...], bool]   # body predicates, head predicates, may fail


def _effect(axiom: Axiom, named: bool) -> _Effect:
    # A group of disjoint predicates has no body: it is taken as able to fail whatever has facts,
    # which can only leave fewer axioms proved necessary.
    if axiom.kind is AxiomKind.ACYCLIC:
        return (axiom.relation or "",), (), True
    body = tuple(dict.fromkeys(atom.pred for atom in axiom.body))
    if axiom.is_false:
        return body, (), True
    if axiom.equality is not None:
        return body, (), named
    return body, tuple(dict.fromkeys(atom.pred for atom in axiom.head)), False


_ROOT, _FAIL = ("root",), ("fail",)


class Necessity:
    """Proves axioms necessary for the property ``goal`` describes, among subsets of ``axioms``."""

    def __init__(self, axioms: Sequence[Axiom], goal: Goal) -> None:
        self.goal = goal
        self._effects = {id(a): _effect(a, goal.named) for a in axioms}
        self._later: list[Axiom] = []   # axioms asked about after the start (kept, so their ids stay theirs)

    def _effect_of(self, axiom: Axiom) -> _Effect:
        effect = self._effects.get(id(axiom))
        if effect is None:
            effect = self._effects[id(axiom)] = _effect(axiom, self.goal.named)
            self._later.append(axiom)
        return effect

    def dominating(self, axioms: Sequence[Axiom]) -> set[int]:
        """The ids of the axioms among ``axioms`` without which the property cannot hold, by the
        dominators of the graph where a rule is reached through any one body predicate."""
        graph: nx.DiGraph[tuple[str, ...] | int] = nx.DiGraph()
        graph.add_node(_ROOT)
        graph.add_edges_from((_ROOT, ("p", pred)) for pred in self.goal.given)
        for axiom in axioms:
            node = id(axiom)
            body, head, fails = self._effect_of(axiom)
            if body:
                graph.add_edges_from((("p", pred), node) for pred in body)
            else:
                graph.add_edge(_ROOT, node)
            graph.add_edges_from((node, ("p", pred)) for pred in head)
            if fails:
                graph.add_edge(node, _FAIL)
        idom = nx.immediate_dominators(graph, _ROOT)
        everything = {id(a) for a in axioms}
        needs = self.goal.needs
        if needs is None or any(("p", pred) not in idom for pred in needs):
            without_facts = everything
        else:
            without_facts = _dominators(idom, [("p", pred) for pred in needs])
        if not self.goal.by_failure or _FAIL not in idom:
            return without_facts
        return without_facts & _dominators(idom, [_FAIL])

    def needed(self, axioms: Sequence[Axiom], axiom: Axiom) -> bool:
        """Whether the property cannot hold under ``axioms`` without ``axiom``, by a propagation
        where a rule needs all its body predicates."""
        goal = self.goal
        waiting: dict[str, list[int]] = {}
        missing: dict[int, int] = {}
        reached = set(goal.given)
        fired: list[int] = []
        for other in axioms:
            if other is axiom:
                continue
            node = id(other)
            body = self._effect_of(other)[0]
            absent = [pred for pred in body if pred not in reached]
            if absent:
                missing[node] = len(absent)
                for pred in absent:
                    waiting.setdefault(pred, []).append(node)
            else:
                fired.append(node)
        may_fail = False
        while fired:
            _, head, fails = self._effects[fired.pop()]
            may_fail = may_fail or fails
            for pred in head:
                if pred in reached:
                    continue
                reached.add(pred)
                for node in waiting.pop(pred, ()):
                    missing[node] -= 1
                    if not missing[node]:
                        fired.append(node)
        if goal.by_failure and may_fail:
            return False
        return goal.needs is None or not goal.needs <= reached


def _dominators(idom: dict[tuple[str, ...] | int, tuple[str, ...] | int],
                targets: list[tuple[str, ...] | int]) -> set[int]:
    """The axiom nodes that dominate some of ``targets`` (all reachable), each chain walked once."""
    found: set[int] = set()
    seen: set[tuple[str, ...] | int] = set()
    for target in targets:
        node = target
        while node != _ROOT and node not in seen:
            seen.add(node)
            if isinstance(node, int):
                found.add(node)
            node = idom[node]
    return found
