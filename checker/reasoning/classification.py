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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..gc_pause import collector_paused
from . import run_budget
from .chase import BUDGET, FAILED
from .entailment import ChasedFormula, chase_formula, chase_further
from .homomorphism import SearchBudgetExceeded, find_homomorphism
from .logic import DEFAULT_BUDGET, Atom, AxiomSet, Budget, Theory
from .run_budget import run_limit
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
    theory: Theory | None = field(repr=False, default=None)
    masks: _Masks | None = field(repr=False, default=None)

    def __getstate__(self) -> dict[str, Any]:
        """What a pickle keeps: the answers, not the working memory that classifications under
        extending framings go on from (the chased formulas, the theory, the pre-filter masks)."""
        return {**self.__dict__, "chased": {}, "theory": None, "masks": None}

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


@dataclass
class _Masks:
    """The pre-filter's features as bits: what each concept's pattern needs and its chased
    world has (shared by the classifications that go on from one another)."""

    bits: _Bits
    need: dict[str, int]
    have: dict[str, int]


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
        for keys in graph.succ[node].values():
            for rel in keys:
                mask |= bits((j, "o", rel))
        for keys in graph.pred[node].values():
            for rel in keys:
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
             known_unsatisfiable: Iterable[str] = (), parent: Classification | None = None,
             consumable: Callable[[ChasedFormula], bool] | None = None) -> Classification:
    """Classify ``concepts`` (name -> (parameters in order, expanded atoms)) under ``theory``.

    ``known_implications`` and ``known_unsatisfiable`` are answers already established under a
    theory with a subset of these axioms (a framing this one extends); since entailment is
    monotone in the axioms they still hold here, and are taken without searching again.

    ``parent`` is a classification of the same concepts under such a theory (one that still
    has its chased formulas): each concept's chase goes on from where it ended there (see
    :func:`~alignspec.reasoning.entailment.chase_further`), and a concept whose chase adds
    nothing keeps that classification's answers about what it implies, found in the same world.
    When no concept's world changed and nothing new is known, the result shares the parent's
    implication graph, classes and Hasse diagram. A chased formula of ``parent`` for which
    ``consumable`` is true is needed by nothing else: it is chased on in place, not copied.
    """
    with collector_paused():
        return _classify(theory, concepts, budget, known_implications, known_unsatisfiable, parent, consumable)


def _classify(theory: Theory, concepts: Concepts, budget: Budget, known_implications: Iterable[tuple[str, str]],
              known_unsatisfiable: Iterable[str], parent: Classification | None,
              consumable: Callable[[ChasedFormula], bool] | None) -> Classification:
    names = list(concepts)
    settled_unsatisfiable = set(known_unsatisfiable) & set(names)
    start = _starting_points(parent, theory)
    chased = {n: _chase(theory, concepts[n][1], budget, start.get(n), parent, consumable)
              for n in names if n not in settled_unsatisfiable}
    unsatisfiable = settled_unsatisfiable | {n for n in chased if chased[n].status is FAILED}
    unknown = {n for n in chased if chased[n].status is BUDGET}
    satisfiable = [n for n in names if n not in unsatisfiable and n not in unknown]
    inherited = parent if start and parent is not None else None
    same_world = {n for n in satisfiable if chased[n] is start.get(n)}
    masks = _masks(concepts, chased, satisfiable, same_world, inherited)
    known = {(a, b) for a, b in known_implications if a in masks.have and b in masks.have}
    if inherited is not None and len(same_world) == len(satisfiable) \
            and satisfiable == list(inherited.implications) and all(inherited.implications.has_edge(*e) for e in known):
        return Classification(unsatisfiable, unknown, inherited.unknown_pairs - known, inherited.implications,
                              inherited.classes, inherited.hasse, chased, theory, masks)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(satisfiable)
    unknown_pairs: set[tuple[str, str]] = set()
    graph.add_edges_from(sorted(known))
    by_arity: dict[int, list[str]] = {}
    for n in satisfiable:
        by_arity.setdefault(len(concepts[n][0]), []).append(n)
    unknown_from: dict[str, list[str]] = {}
    if inherited is not None:
        for a, b in inherited.unknown_pairs:
            unknown_from.setdefault(a, []).append(b)
    compared: set[str] = set()
    try:
        settled = settled_implications(theory, concepts, chased, budget)
        for group in by_arity.values():
            position = {n: i for i, n in enumerate(group)}
            fresh = group if inherited is None else [b for b in group if b not in inherited.implications]
            split = settled.splitter(group)
            for a in group:
                run_budget.charge(len(group))
                have_a, inst = masks.have[a], chased[a].instance
                a_nodes = [chased[a].node(v) for v in concepts[a][0]]
                candidates = group
                if inherited is not None and a in same_world:
                    # The same world as under the parent: its answers stand; only concepts it did
                    # not ask about are searched.
                    row = inherited.implications.succ[a]
                    graph.add_edges_from((a, b) for b in sorted((b for b in row if b in position and b != a
                                                                 and (a, b) not in known), key=position.__getitem__))
                    unknown_pairs.update((a, b) for b in unknown_from.get(a, ())
                                         if b in position and (a, b) not in known)
                    candidates = fresh
                decided, undecided = split(a)
                if candidates is not group:
                    asked = set(candidates)
                    decided, undecided = [b for b in decided if b in asked], [b for b in undecided if b in asked]
                # in group order; the ones found by searching are appended after them
                targets = [b for b in decided if b != a and (a, b) not in known] if known \
                    else [b for b in decided if b != a]
                settled_count = len(targets)
                for b in undecided:
                    if a == b or (a, b) in known or masks.need[b] & ~have_a:
                        continue
                    implied = settled.decides(a, b)
                    if implied is not None:
                        if implied:
                            targets.append(b)
                        continue
                    params_b, atoms_b = concepts[b]
                    try:
                        match = find_homomorphism(atoms_b, inst, dict(zip(params_b, a_nodes)), budget.max_search_steps)
                    except SearchBudgetExceeded as exc:
                        if run_limit(exc.limit):
                            raise
                        unknown_pairs.add((a, b))
                        continue
                    if match is not None:
                        targets.append(b)
                if len(targets) > settled_count:
                    targets.sort(key=position.__getitem__)
                graph.add_edges_from((a, b) for b in targets)
                compared.add(a)
    except SearchBudgetExceeded:
        # The run's budget ran out: a concept not compared with every other one is unknown.
        unfinished = [n for n in satisfiable if n not in compared]
        unknown.update(unfinished)
        graph.remove_nodes_from(unfinished)
        satisfiable = [n for n in satisfiable if n in compared]
    if inherited is not None and _same_graph(graph, inherited.implications):
        return Classification(unsatisfiable, unknown, unknown_pairs, inherited.implications,
                              inherited.classes, inherited.hasse, chased, theory, masks)
    classes, hasse = _order(graph, satisfiable)
    return Classification(unsatisfiable, unknown, unknown_pairs, graph, classes, hasse, chased, theory, masks)


def _same_graph(graph: nx.DiGraph[str], other: nx.DiGraph[str]) -> bool:
    """Whether the two graphs have the same nodes in the same order and the same edges."""
    return (graph.number_of_edges() == other.number_of_edges() and list(graph) == list(other)
            and all(other.has_edge(u, v) for u, v in graph.edges))


def _masks(concepts: Concepts, chased: dict[str, ChasedFormula], satisfiable: list[str], same_world: set[str],
           inherited: Classification | None) -> _Masks:
    """What each satisfiable concept needs and has (see the module's pre-filter), taken from
    ``inherited`` for a concept whose world is the one it had there."""
    before = inherited.masks if inherited is not None else None
    if before is None:
        bits = _Bits()
        need = {n: _need_mask(*concepts[n], bits) for n in satisfiable}
        have = {n: _has_mask(chased[n], concepts[n][0], bits) for n in satisfiable}
        return _Masks(bits, need, have)
    bits = before.bits
    need = {n: before.need[n] if n in before.need else _need_mask(*concepts[n], bits) for n in satisfiable}
    have = {n: before.have[n] if n in same_world else _has_mask(chased[n], concepts[n][0], bits) for n in satisfiable}
    return _Masks(bits, need, have)


def _starting_points(parent: Classification | None, theory: Theory) -> dict[str, ChasedFormula]:
    """The formulas ``parent`` chased, when its theory's axioms are among ``theory``'s."""
    if parent is None or parent.theory is None:
        return {}
    before, axioms = parent.theory.axioms, theory.axioms
    if axioms[:len(before)] != before and not AxiomSet(axioms).includes(before):
        return {}
    return parent.chased


def _chase(theory: Theory, atoms: tuple[Atom, ...], budget: Budget, start: ChasedFormula | None,
           parent: Classification | None, consumable: Callable[[ChasedFormula], bool] | None) -> ChasedFormula:
    """The formula ``atoms`` chased under ``theory``, on from ``start`` when it is that formula."""
    if start is None or parent is None or parent.theory is None or start.atoms != atoms:
        return chase_formula(theory, atoms, budget)
    return chase_further(start, parent.theory, theory, budget, consume=consumable is not None and consumable(start))


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
