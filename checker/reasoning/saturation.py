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
searches between fragment concepts whose search could not have run out of steps
(:func:`search_steps` bounds the candidates that search tries).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import run_budget
from .chase import OK
from .el_fragment import BOTTOM, TOP, Name, NormalForm, Tree, concept_name, concept_tree, normal_form
from .entailment import ChasedFormula
from .homomorphism import independent_parts
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
        # exists r.A -> B for every r below the relation of the axiom, by relation and by filler
        self.left_by_role: dict[str, dict[Name, list[Name]]] = {}
        self.left_by_name: dict[Name, dict[str, list[Name]]] = {}
        for role, supers in self.supers.items():
            by_filler: dict[Name, list[Name]] = {}
            for (super_role, filler), conclusions in form.exists_left.items():
                if super_role in supers:
                    by_filler.setdefault(filler, []).extend(conclusions)
            self.left_by_role[role] = by_filler
            for filler, conclusions in by_filler.items():
                self.left_by_name.setdefault(filler, {})[role] = conclusions


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
        ranges = self.roles.ranges
        self._fillers = {name: [(role, frozenset({filler, *ranges[role]})) for role, filler in found]
                         for name, found in form.exists_right.items()}

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
        """Derive to the fixpoint: subsumers first, a link only when no subsumer is pending."""
        atoms, links = self._atoms, self._links
        subsumers, predecessors = self.subsumers, self.predecessors
        told, pairs, fillers = self.form.told, self.form.pairs, self._fillers
        left_by_name = self.roles.left_by_name
        done = 0
        while atoms or links:
            while atoms:
                ctx, name = atoms.pop()
                known = subsumers[ctx]
                if name in known:
                    continue
                known.add(name)
                done += 1
                if done % CLOCK_STRIDE == 0:
                    # Saturation is polynomial in the theory and counts no steps; the run's clock bounds it.
                    run_budget.check()
                if name == BOTTOM:
                    atoms.extend((pred, BOTTOM) for preds in predecessors[ctx].values() for pred in preds)
                    continue
                found = told.get(name)
                if found:
                    atoms.extend((ctx, conclusion) for conclusion in found if conclusion not in known)
                partners = pairs.get(name)
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
                targets = fillers.get(name)
                if targets:
                    links.extend((ctx, role, target) for role, target in targets)
                by_role = left_by_name.get(name)
                if by_role:
                    for role, preds in predecessors[ctx].items():
                        found = by_role.get(role)
                        if found:
                            for conclusion in found:
                                atoms.extend((pred, conclusion) for pred in preds if conclusion not in subsumers[pred])
            while links and not atoms:
                self._link(*links.pop())

    def _link(self, ctx: Context, role: str, target: Context) -> None:
        successors = self.successors[ctx]
        if (role, target) in successors:
            return
        self._open(target)
        successors.add((role, target))
        self.predecessors[target].setdefault(role, []).append(ctx)
        atoms = self._atoms
        found_below = self.subsumers[target]
        if BOTTOM in found_below:
            atoms.append((ctx, BOTTOM))
        by_filler = self.roles.left_by_role[role]
        if by_filler:
            if len(by_filler) <= len(found_below):
                for filler, conclusions in by_filler.items():
                    if filler in found_below:
                        atoms.extend((ctx, conclusion) for conclusion in conclusions)
            else:
                for name in found_below:
                    derived = by_filler.get(name)
                    if derived:
                        atoms.extend((ctx, conclusion) for conclusion in derived)
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


@dataclass(frozen=True)
class Shape:
    """What bounds the homomorphism search of a tree-shaped concept from its bound parameter:
    its atoms, its variables other than the parameter, the same for each part the search first
    tries on its own (see :func:`~.homomorphism.homomorphisms`), and the relations of its edges."""

    atoms: int
    variables: int
    parts: tuple[tuple[int, int], ...]
    relations: frozenset[str]


def shape_of(params: Sequence[str], atoms: Sequence[Atom]) -> Shape:
    """The :class:`Shape` of a concept in the fragment (one parameter, a tree hanging from it)."""
    root = params[0]
    variables = {v for atom in atoms for v in atom.args} - {root}
    parts = independent_parts(list(atoms), {root})
    sizes = tuple((len(part), len({v for atom in part for v in atom.args} - {root})) for part in parts) \
        if len(parts) > 1 else ()
    return Shape(len(atoms), len(variables), sizes, frozenset(a.pred for a in atoms if len(a.args) == 2))


def _search_steps(degree: int, atoms: int, variables: int, limit: int) -> int:
    """At most how many candidates the backtracking search of a tree of ``atoms`` atoms over
    ``variables`` variables besides its bound root tries, when no entity has more than
    ``degree`` (at least 1) edges out of one relation of the tree; past ``limit``, some number
    above ``limit``. It holds in any world, whatever order the search takes the atoms in.

    Why: at every level the search takes the atom with the fewest candidates. Of the atoms left,
    the one whose upper variable is nearest the root has that variable bound (the edge into it
    is matched), so it has at most ``degree`` candidates, or at most one when its lower variable
    is bound too or it is a kind. Every candidate tried binds (a tree has no repeated variable in
    an atom), so a level that binds no new variable has at most one child per node, and each
    path of the search binds at most ``variables`` variables: at depth ``k`` there are at most
    ``degree ** min(k, variables)`` nodes, one candidate tried for each."""
    total, level = 0, 1
    for depth in range(1, atoms + 1):
        if depth <= variables:
            level *= degree
        total += level
        if total > limit:
            return total
    return total


def search_steps(shape: Shape, degree: int, limit: int) -> int:
    """At most how many candidates :func:`~.homomorphism.find_homomorphism` tries for a concept of
    ``shape`` from its bound parameter (its parts on their own first, then the whole), when no
    entity has more than ``degree`` edges out of one of the shape's relations; past ``limit``,
    some number above ``limit``."""
    degree = max(degree, 1)
    total = _search_steps(degree, shape.atoms, shape.variables, limit)
    for atoms, variables in shape.parts:
        if total > limit:
            break
        total += _search_steps(degree, atoms, variables, limit)
    return total


def out_degrees(chased: ChasedFormula) -> dict[str, int]:
    """For each binary relation of the chased instance, the most edges of it out of one entity."""
    inst = chased.instance
    out: dict[str, int] = {}
    for pred in inst.predicates():
        pairs = inst.pairs(pred)
        if pairs:
            out[pred] = max(Counter(s for s, _ in pairs).values())
    return out


@dataclass
class Settled:
    """What the saturation decided for classification: ``implied[a]`` are the concepts ``a``
    implies, in concept order. The pair ``(a, b)`` is decided when both are in the fragment and the
    general search for ``b`` in ``a``'s chased world could not have run out of steps
    (:func:`search_steps` of ``b``'s shape within ``steps``, with the out-degrees of ``a``'s world:
    first with its largest over every relation, which decides most pairs at once; then, in
    :meth:`decides`, with the largest over ``b``'s own relations)."""

    implied: dict[str, list[str]]
    shapes: dict[str, Shape]
    degrees: dict[str, dict[str, int]]
    steps: int
    _implied_sets: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _within: dict[int, set[str]] = field(default_factory=dict, repr=False)

    def _max_degree(self, a: str) -> int:
        return max(self.degrees[a].values(), default=1)

    def within(self, degree: int) -> set[str]:
        """The concepts whose search could not run out of steps in a world of out-degree ``degree``."""
        found = self._within.get(degree)
        if found is None:
            found = self._within[degree] = {b for b, shape in self.shapes.items()
                                            if search_steps(shape, degree, self.steps) <= self.steps}
        return found

    def splitter(self, group: Sequence[str]) -> Callable[[str], tuple[list[str], Sequence[str]]]:
        """For a concept ``a`` of ``group``: the concepts of ``group`` it implies among the pairs
        decided here by ``a``'s largest out-degree (in concept order), and the other concepts of
        ``group``, whose pair with ``a`` :meth:`decides` may still settle."""
        rest: dict[int, list[str]] = {}

        def split(a: str) -> tuple[list[str], Sequence[str]]:
            if a not in self.degrees:
                return [], group
            degree = self._max_degree(a)
            within = self.within(degree)
            others = rest.get(degree)
            if others is None:
                others = rest[degree] = [b for b in group if b not in within]
            return [b for b in self.implied[a] if b in within], others

        return split

    def decides(self, a: str, b: str) -> bool | None:
        """Whether ``a`` implies ``b``, when saturation decides the pair with the out-degrees of
        ``a``'s world over ``b``'s relations; None when it leaves the pair to the search."""
        degrees = self.degrees.get(a)
        shape = self.shapes.get(b)
        if degrees is None or shape is None:
            return None
        degree = max((degrees.get(r, 0) for r in shape.relations), default=1)
        if b not in self.within(degree):
            return None
        implied = self._implied_sets.get(a)
        if implied is None:
            implied = self._implied_sets[a] = set(self.implied[a])
        return b in implied


NOTHING = Settled({}, {}, {}, 0)


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
    shapes = {name: shape_of(*concepts[name]) for name in kept}
    degrees = {name: out_degrees(chased[name]) for name in kept}
    order = {name: i for i, name in enumerate(concepts)}
    rows = {name: sorted(implied[name], key=order.__getitem__) for name in kept}
    return Settled(rows, shapes, degrees, budget.max_search_steps)
