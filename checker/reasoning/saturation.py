"""Consequence-based saturation: the implications among the tree-shaped concepts, all at once.

For the fragment of :mod:`el_fragment`, every atomic subsumer of every context (a set of atomic
concepts an entity is known to belong to when it is created) is derived to a fixpoint with the
completion rules of EL with role hierarchies, role composition and ranges:

- ``A`` in S(C) and ``A -> B``, or ``A`` and ``A'`` in S(C) and ``A and A' -> B``: ``B`` in S(C)
  (longer conjunctions are split into pairs);
- ``A`` in S(C) and ``A -> exists r.B``: a link ``C -r-> D`` where ``D`` is ``B`` with the ranges of
  ``r`` (and of the relations above it);
- a link ``C -r-> D``, ``A`` in S(D), ``r`` below ``s`` and ``exists s.A -> B``: ``B`` in S(C); bottom
  in S(D) puts bottom in S(C);
- links ``C -r-> D -s-> E`` and ``r' o s' -> t`` with ``r`` below ``r'`` and ``s`` below ``s'``: a link
  ``C -t-> E``.

This is exact for the fragment when each composition ``r o s -> t`` adds nothing to the target an
``s`` edge already has: the ranges of ``t`` must follow from those of ``s`` (checked after
saturating; a theory that fails the check goes to the general path). Concept ``a`` implies ``b``
exactly when ``b`` is among the subsumers of ``a``'s context.

Classification (see :func:`settled_implications`) still chases every concept, which is what
decides satisfiability and the limits; the saturation replaces the pairwise homomorphism
searches between fragment concepts whose search could not have run out of steps.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import run_budget
from .chase import OK
from .el_fragment import BOTTOM, TOP, Name, NormalForm, Tree, concept_name, concept_tree, normal_form
from .entailment import ChasedFormula
from .logic import Atom, Budget, Theory

CLOCK_STRIDE = 1_024

ENABLED = True
"""Whether :func:`settled_implications` saturates at all (the benchmark's switch)."""

Context = frozenset[Name]


class _Roles:
    """The role hierarchy, ranges and compositions of a normal form, closed and indexed."""

    def __init__(self, form: NormalForm) -> None:
        self.supers: dict[str, frozenset[str]] = {}
        for role in form.roles():
            seen = {role}
            frontier = [role]
            while frontier:
                for parent in form.told_super.get(frontier.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        frontier.append(parent)
            self.supers[role] = frozenset(seen)
        self.ranges = {role: frozenset(r for s in supers for r in form.told_ranges.get(s, ()))
                       for role, supers in self.supers.items()}
        self.as_first: dict[str, list[tuple[str, str]]] = {}
        self.as_second: dict[str, list[tuple[str, str]]] = {}
        for role, supers in self.supers.items():
            self.as_first[role] = [(s, t) for r, s, t in form.chains if r in supers]
            self.as_second[role] = [(r, t) for r, s, t in form.chains if s in supers]
        with_left = {role for role, _ in form.exists_left}
        self.left_roles = {role: [s for s in supers if s in with_left] for role, supers in self.supers.items()}


class Saturation:
    """The saturated subsumers of the contexts reached from the concepts of a normal form."""

    def __init__(self, form: NormalForm) -> None:
        self.form = form
        self.roles = _Roles(form)
        self.subsumers: dict[Context, set[Name]] = {}
        self.successors: dict[Context, set[tuple[str, Context]]] = {}
        self.predecessors: dict[Context, dict[str, list[Context]]] = {}
        self._atoms: list[tuple[Context, Name]] = []
        self._links: list[tuple[Context, str, Context]] = []

    def context(self, names: Iterable[Name]) -> set[Name]:
        """The saturated subsumers of the conjunction of ``names``."""
        ctx = frozenset(names)
        self._open(ctx)
        self._run()
        return self.subsumers[ctx]

    def _open(self, ctx: Context) -> None:
        if ctx in self.subsumers:
            return
        self.subsumers[ctx] = set()
        self.successors[ctx] = set()
        self.predecessors[ctx] = {}
        self._atoms.append((ctx, TOP))
        self._atoms.extend((ctx, name) for name in ctx)

    def _run(self) -> None:
        atoms, links = self._atoms, self._links
        done = 0
        while atoms or links:
            while atoms:
                self._derive(*atoms.pop())
                done += 1
                if done % CLOCK_STRIDE == 0:
                    # Saturation is polynomial in the theory and counts no steps; the run's clock bounds it.
                    run_budget.check()
            while links and not atoms:
                self._link(*links.pop())

    def _derive(self, ctx: Context, name: Name) -> None:
        known = self.subsumers[ctx]
        if name in known:
            return
        known.add(name)
        atoms = self._atoms
        if name == BOTTOM:
            atoms.extend((pred, BOTTOM) for preds in self.predecessors[ctx].values() for pred in preds)
            return
        atoms.extend((ctx, conclusion) for conclusion in self.form.told.get(name, ()))
        partners = self.form.pairs.get(name)
        if partners:
            if len(partners) <= len(known):
                for partner, conclusions in partners.items():
                    if partner in known:
                        atoms.extend((ctx, conclusion) for conclusion in conclusions)
            else:
                for partner in known:
                    found = partners.get(partner)
                    if found:
                        atoms.extend((ctx, conclusion) for conclusion in found)
        for role, filler in self.form.exists_right.get(name, ()):
            self._links.append((ctx, role, frozenset({filler, *self.roles.ranges[role]})))
        left = self.form.exists_left
        left_roles = self.roles.left_roles
        subsumers = self.subsumers
        for role, preds in self.predecessors[ctx].items():
            for super_role in left_roles[role]:
                for conclusion in left.get((super_role, name), ()):
                    atoms.extend((pred, conclusion) for pred in preds if conclusion not in subsumers[pred])

    def _link(self, ctx: Context, role: str, target: Context) -> None:
        if (role, target) in self.successors[ctx]:
            return
        self._open(target)
        self.successors[ctx].add((role, target))
        self.predecessors[target].setdefault(role, []).append(ctx)
        atoms = self._atoms
        left = self.form.exists_left
        for name in self.subsumers[target]:
            if name == BOTTOM:
                atoms.append((ctx, BOTTOM))
            for super_role in self.roles.left_roles[role]:
                for conclusion in left.get((super_role, name), ()):
                    atoms.append((ctx, conclusion))
        supers = self.roles.supers
        for second, composed in self.roles.as_first[role]:
            for next_role, further in list(self.successors[target]):
                if second in supers[next_role]:
                    self._links.append((ctx, composed, further))
        for first, composed in self.roles.as_second[role]:
            for pred_role, preds in self.predecessors[ctx].items():
                if first in supers[pred_role]:
                    self._links.extend((pred, composed, target) for pred in preds)

    def compositions_exact(self) -> bool:
        """Whether every composition ``r o s -> t`` gives its targets nothing an ``s`` edge
        does not: the ranges of ``t`` follow from those of ``s``."""
        for _, second, composed in self.form.chains:
            wanted = self.roles.ranges[composed]
            if wanted and not wanted <= self.context(self.roles.ranges[second]):
                return False
        return True


def saturate(theory: Theory, concepts: Mapping[str, Tree]) -> tuple[dict[str, set[str]], set[str]] | None:
    """For each of ``concepts`` (name -> body tree), the concepts among them it implies under
    ``theory`` (itself included), and the unsatisfiable ones; None when the theory is outside the
    fragment."""
    form = normal_form(theory, concepts)
    if form is None:
        return None
    saturation = Saturation(form)
    if not saturation.compositions_exact():
        return None
    implied: dict[str, set[str]] = {}
    unsatisfiable: set[str] = set()
    for name in concepts:
        found = saturation.context([concept_name(name)])
        if BOTTOM in found:
            unsatisfiable.add(name)
            implied[name] = set(concepts)
        else:
            implied[name] = {n[1] for n in found if n[0] == "concept"}
    return implied, unsatisfiable


def in_fragment(theory: Theory) -> bool:
    """Whether every axiom of ``theory`` is in the tree-shaped fragment, whatever the concepts."""
    form = normal_form(theory, {}, every_axiom=True)
    return form is not None and Saturation(form).compositions_exact()


@dataclass
class Settled:
    """What the saturation decided for classification: ``implied[a]`` are the concepts ``a``
    implies, in concept order; the pair ``(a, b)`` is decided when ``size[b] <= reach[a]`` (``b``
    in the fragment and small enough that the general search from ``a`` could not have run out of
    steps)."""

    implied: dict[str, list[str]]
    size: dict[str, int]
    reach: dict[str, int]

    def splitter(self, group: Sequence[str]) -> Callable[[str], tuple[list[str], Sequence[str]]]:
        """For a concept ``a`` of ``group``: the concepts of ``group`` it implies among the pairs
        decided here (in concept order), and the concepts whose pair with ``a`` is not decided."""
        size = self.size
        unsettled = len(size) + sum(size.values()) + 1
        ranked = sorted(group, key=lambda name: -size.get(name, unsettled))
        descending = [-size.get(name, unsettled) for name in ranked]

        def split(a: str) -> tuple[list[str], Sequence[str]]:
            reach = self.reach.get(a)
            if reach is None:
                return [], group
            return ([b for b in self.implied[a] if size[b] <= reach],
                    ranked[:bisect.bisect_left(descending, -reach)])

        return split


NOTHING = Settled({}, {}, {})


def _max_degree(chased: ChasedFormula) -> int:
    inst = chased.instance
    degree = 1
    for pred in inst.predicates():
        pairs = inst.pairs(pred)
        if pairs:
            sources = Counter(s for s, _ in pairs)
            targets = Counter(t for _, t in pairs)
            degree = max(degree, max(sources.values()), max(targets.values()))
    return degree


def _search_bound(degree: int, atoms: int) -> int:
    """At most how many candidates the homomorphism search of a tree of ``atoms`` atoms tries
    from a bound root, when no entity has more than ``degree`` edges of one relation in or out:
    each level of the backtracking tries at most ``degree`` candidates (the most constrained atom
    has no more than one that extends the bound part), and the independent parts are searched
    once more on their own first."""
    total, level = 0, 1
    for _ in range(atoms):
        level *= degree
        total += level
    return (atoms + 1) * total


def _reach(degree: int, steps: int, largest: int) -> int:
    reach = 0
    while reach < largest and _search_bound(degree, reach + 1) <= steps:
        reach += 1
    return reach


def settled_implications(theory: Theory, concepts: Mapping[str, tuple[tuple[str, ...], tuple[Atom, ...]]],
                         chased: Mapping[str, ChasedFormula], budget: Budget) -> Settled:
    """The implications among the chased tree-shaped concepts that saturation decides, for
    :func:`classification.classify`; :data:`NOTHING` when it is off or the theory is outside
    the fragment. A concept whose chase ended otherwise than ``OK`` is left to the general path."""
    if not ENABLED:
        return NOTHING
    trees = {}
    for name, (params, atoms) in concepts.items():
        tree = concept_tree(params, atoms)
        if tree is not None and name in chased and chased[name].status is OK:
            trees[name] = tree
    if not trees:
        return NOTHING
    saturated = saturate(theory, trees)
    if saturated is None:
        return NOTHING
    implied, unsatisfiable = saturated
    kept = [name for name in trees if name not in unsatisfiable]
    size = {name: len(concepts[name][1]) for name in kept}
    largest = max(size.values(), default=0)
    reach = {name: _reach(_max_degree(chased[name]), budget.max_search_steps, largest) for name in kept}
    order = {name: i for i, name in enumerate(concepts)}
    rows = {name: sorted(implied[name], key=order.__getitem__) for name in kept}
    return Settled(rows, size, reach)
