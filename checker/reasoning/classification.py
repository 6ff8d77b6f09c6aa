"""Classification: which concepts imply which, their equivalence classes and Hasse diagram.

Each concept's canonical instance is chased once. ``A implies B`` (same arity, parameters
matched by position) holds when ``B`` maps into chased ``A`` with its parameters fixed to
``A``'s. Before searching, a pair is dropped when ``B`` needs something chased ``A`` lacks: a
predicate absent from ``A``, or a kind or binary relation edge at a parameter that ``A``'s
parameter entity lacks (relations of more arguments are pruned by predicate only). Such a pair
cannot hold, so the pruning is exact. Pairs of tree-shaped concepts under a theory of the
tree-shaped fragment are decided by :mod:`saturation` instead, with the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .chase import BUDGET, FAILED
from .entailment import ChasedFormula, chase_formula
from .homomorphism import SearchBudgetExceeded, find_homomorphism
from .logic import DEFAULT_BUDGET, Atom, Budget, Theory
from .saturation import settled_implications

Concepts = Mapping[str, tuple[tuple[str, ...], tuple[Atom, ...]]]


@dataclass
class Classification:
    """The outcome of :func:`classify`.

    ``implications`` has an edge ``A -> B`` for each satisfiable pair where ``A`` implies ``B``;
    ``classes`` are its strongly connected components (equivalent concepts) in concept order;
    ``hasse`` is the transitive reduction over the classes (frozensets of names).
    """

    unsatisfiable: set[str]
    unknown: set[str]
    unknown_pairs: set[tuple[str, str]]
    implications: nx.DiGraph[str]
    classes: list[frozenset[str]]
    hasse: nx.DiGraph[frozenset[str]]
    chased: dict[str, ChasedFormula] = field(repr=False, default_factory=dict)

    def class_of(self, name: str) -> frozenset[str] | None:
        return next((c for c in self.classes if name in c), None)

    def collapses(self) -> list[frozenset[str]]:
        """Classes of two or more equivalent concepts."""
        return [c for c in self.classes if len(c) > 1]


class _Bits:
    def __init__(self) -> None:
        self.index: dict[tuple[Any, ...], int] = {}

    def __call__(self, feature: tuple[Any, ...]) -> int:
        bit = self.index.get(feature)
        if bit is None:
            bit = self.index[feature] = len(self.index)
        return 1 << bit


def _has_mask(chased: ChasedFormula, params: tuple[str, ...], bits: _Bits) -> int:
    inst = chased.instance
    mask = 0
    for pred in inst.predicates():
        mask |= bits(("p", pred))
    graph = inst.graph
    for j, var in enumerate(params):
        node = chased.node(var)
        for kind in graph.nodes[node]["kinds"]:
            mask |= bits((j, "k", kind))
        for _, _, rel in graph.out_edges(node, keys=True):
            mask |= bits((j, "o", rel))
        for _, _, rel in graph.in_edges(node, keys=True):
            mask |= bits((j, "i", rel))
    return mask


def _need_mask(params: tuple[str, ...], atoms: tuple[Atom, ...], bits: _Bits) -> int:
    mask = 0
    position = {v: j for j, v in enumerate(params)}
    for atom in atoms:
        mask |= bits(("p", atom.pred))
        if len(atom.args) > 2:
            continue
        if len(atom.args) == 1:
            if atom.args[0] in position:
                mask |= bits((position[atom.args[0]], "k", atom.pred))
        else:
            s, t = atom.args
            if s in position:
                mask |= bits((position[s], "o", atom.pred))
            if t in position:
                mask |= bits((position[t], "i", atom.pred))
    return mask


def classify(theory: Theory, concepts: Concepts, budget: Budget = DEFAULT_BUDGET,
             known_implications: Iterable[tuple[str, str]] = (),
             known_unsatisfiable: Iterable[str] = ()) -> Classification:
    """Classify ``concepts`` (name -> (parameters in order, expanded atoms)) under ``theory``.

    ``known_implications`` and ``known_unsatisfiable`` are answers already established under a
    theory with a subset of these axioms (a framing this one extends); since entailment is
    monotone in the axioms they still hold here, and are taken without searching again.
    """
    names = list(concepts)
    settled_unsatisfiable = set(known_unsatisfiable) & set(names)
    chased = {n: chase_formula(theory, concepts[n][1], budget) for n in names if n not in settled_unsatisfiable}
    unsatisfiable = settled_unsatisfiable | {n for n in chased if chased[n].status is FAILED}
    unknown = {n for n in chased if chased[n].status is BUDGET}
    satisfiable = [n for n in names if n not in unsatisfiable and n not in unknown]
    bits = _Bits()
    need = {n: _need_mask(*concepts[n], bits) for n in satisfiable}
    have = {n: _has_mask(chased[n], concepts[n][0], bits) for n in satisfiable}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(satisfiable)
    unknown_pairs: set[tuple[str, str]] = set()
    known = {(a, b) for a, b in known_implications if a in have and b in have}
    graph.add_edges_from(sorted(known))
    by_arity: dict[int, list[str]] = {}
    for n in satisfiable:
        by_arity.setdefault(len(concepts[n][0]), []).append(n)
    settled = settled_implications(theory, concepts, chased, budget)
    position = {n: i for i, n in enumerate(names)}
    for group in by_arity.values():
        split = settled.splitter(group)
        for a in group:
            decided, undecided = split(a)
            targets = [b for b in decided if b != a and (a, b) not in known]
            have_a, inst = have[a], chased[a].instance
            a_nodes = [chased[a].node(v) for v in concepts[a][0]]
            for b in undecided:
                if a == b or (a, b) in known or need[b] & ~have_a:
                    continue
                params_b, atoms_b = concepts[b]
                try:
                    match = find_homomorphism(atoms_b, inst, dict(zip(params_b, a_nodes)), budget.max_search_steps)
                except SearchBudgetExceeded:
                    unknown_pairs.add((a, b))
                    continue
                if match is not None:
                    targets.append(b)
            graph.add_edges_from((a, b) for b in sorted(targets, key=position.__getitem__))
    classes, hasse = _order(graph, satisfiable)
    return Classification(unsatisfiable, unknown, unknown_pairs, graph, classes, hasse, chased)


def _order(graph: nx.DiGraph[str], names: list[str]) -> tuple[list[frozenset[str]], nx.DiGraph[frozenset[str]]]:
    """Equivalence classes in order of their first member, and the Hasse diagram over them."""
    rank = {n: i for i, n in enumerate(names)}
    condensed = nx.condensation(graph)
    members = {c: frozenset(condensed.nodes[c]["members"]) for c in condensed}
    ordered = sorted(condensed.nodes, key=lambda c: min(rank[n] for n in members[c]))
    classes = [members[c] for c in ordered]
    reduced = nx.transitive_reduction(condensed)
    position = {c: i for i, c in enumerate(ordered)}
    hasse: nx.DiGraph[frozenset[str]] = nx.DiGraph()
    hasse.add_nodes_from(classes)
    hasse.add_edges_from((members[u], members[v])
                         for u, v in sorted(reduced.edges, key=lambda e: (position[e[0]], position[e[1]])))
    return classes, hasse
