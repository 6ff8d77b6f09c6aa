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
from .instance import Instance
from .logic import Atom, Budget, Theory

CLOCK_STRIDE = 1_024

ENABLED = True
"""Whether :func:`settled_implications` saturates at all (the benchmark's switch)."""

Context = frozenset[Name]


class _Clock:
    """Looks at the run's clock once every ``CLOCK_STRIDE`` units of work counted: saturation is
    polynomial in the theory and counts no steps, so the run's deadline is what bounds it."""

    __slots__ = ("bound", "work")

    def __init__(self) -> None:
        self.work = 0
        self.bound = CLOCK_STRIDE

    def tick(self, work: int = 1) -> None:
        """Count ``work`` more; past the stride, raise if the run's budget is exhausted."""
        self.work += work
        if self.work >= self.bound:
            self.check()

    def check(self) -> None:
        """Look at the run's clock now (raises :class:`~.run_budget.SearchBudgetExceeded`)."""
        self.bound = self.work + CLOCK_STRIDE
        run_budget.check()


@dataclass(frozen=True)
class _Role:
    """What a link of one relation ``r`` needs: ``exists s.A -> B`` for every ``s`` above ``r``
    as the ``B`` by ``A``; the compositions ``s o s' -> t`` with ``s`` above ``r``, as
    ``(s', t)``; and those ``s' o s -> t``, as ``(s', t)``."""

    left: dict[Name, list[Name]]
    as_first: list[tuple[str, str]]
    as_second: list[tuple[str, str]]


class _Roles:
    """The role hierarchy, ranges and compositions of a normal form, indexed per relation on
    demand: only the relations a link carries (of an existential, or the head of a composition)
    are asked about, each is walked up the told hierarchy once, and of the relations above it
    only those the normal form says something about (a range, ``exists r.A -> B``, a
    composition) are kept."""

    def __init__(self, form: NormalForm, clock: _Clock) -> None:
        self._told_super = form.told_super
        self._told_ranges = form.told_ranges
        self._clock = clock
        self._left: dict[str, dict[Name, list[Name]]] = {}
        for (role, filler), conclusions in form.exists_left.items():
            self._left.setdefault(role, {})[filler] = conclusions
        self._first: dict[str, list[tuple[str, str]]] = {}
        self._second: dict[str, list[tuple[str, str]]] = {}
        for first, second, composed in form.chains:
            self._first.setdefault(first, []).append((second, composed))
            self._second.setdefault(second, []).append((first, composed))
        self._marked = set(self._told_ranges) | set(self._left) | set(self._first) | set(self._second)
        self._above: dict[str, frozenset[str]] = {}
        self._ranges: dict[str, frozenset[Name]] = {}
        self.linked: dict[str, _Role] = {}
        # exists r.A -> B for every r below the relation of the axiom, by filler then relation,
        # for the relations of the links made so far (see :meth:`link`)
        self.left_by_name: dict[Name, dict[str, list[Name]]] = {}

    def above(self, role: str) -> frozenset[str]:
        """The relations every ``role`` edge also is (``role`` included) that the normal form
        says something about."""
        found = self._above.get(role)
        if found is None:
            told, marked, clock = self._told_super, self._marked, self._clock
            seen = {role}
            frontier = [role]
            while frontier:
                clock.tick()
                for parent in told.get(frontier.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        frontier.append(parent)
            found = self._above[role] = frozenset(seen & marked)
        return found

    def ranges(self, role: str) -> frozenset[Name]:
        """What the target of every ``role`` edge is."""
        found = self._ranges.get(role)
        if found is None:
            told = self._told_ranges
            found = self._ranges[role] = frozenset(r for s in self.above(role) for r in told.get(s, ()))
        return found

    def link(self, role: str) -> _Role:
        """What a link of ``role`` needs, made at its first link (which also indexes its
        ``exists s.A -> B`` by filler in :attr:`left_by_name`)."""
        found = self.linked.get(role)
        if found is None:
            above = self.above(role)
            left: dict[Name, list[Name]] = {}
            for super_role in above:
                by_filler = self._left.get(super_role)
                if by_filler:
                    self._clock.tick(len(by_filler))
                    for filler, conclusions in by_filler.items():
                        left.setdefault(filler, []).extend(conclusions)
            for filler, conclusions in left.items():
                self.left_by_name.setdefault(filler, {})[role] = conclusions
            as_first = [c for r in above for c in self._first.get(r, ())]
            as_second = [c for s in above for c in self._second.get(s, ())]
            found = self.linked[role] = _Role(left, as_first, as_second)
        return found


class Saturation:
    """The saturated subsumers of the contexts reached from the concepts of a normal form."""

    def __init__(self, form: NormalForm) -> None:
        self.form = form
        self.clock = _Clock()
        self.roles = _Roles(form, self.clock)
        self.subsumers: dict[Context, set[Name]] = {}
        self.successors: dict[Context, set[tuple[str, Context]]] = {}
        self.predecessors: dict[Context, dict[str, list[Context]]] = {}
        self._atoms: list[tuple[Context, Name]] = []
        self._links: list[tuple[Context, str, Context]] = []
        ranges = self.roles.ranges
        self._fillers: dict[Name, list[tuple[str, Context]]] = {}
        for name, found in form.exists_right.items():
            self.clock.tick(len(found))
            self._fillers[name] = [(role, frozenset({filler, *ranges(role)})) for role, filler in found]

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
        clock = self.clock
        # every atom and link is counted when it is taken, so the work of making it is too
        done, bound = clock.work, clock.bound
        while atoms or links:
            while atoms:
                ctx, first = atoms.pop()
                done += 1
                if done >= bound:
                    clock.work = done
                    clock.check()
                    bound = clock.bound
                known = subsumers[ctx]
                if first in known:
                    continue
                # what follows for the same context stays on a stack of its own (no links are
                # made meanwhile, so its predecessors do not change)
                above = predecessors[ctx]
                todo = [first]
                while todo:
                    name = todo.pop()
                    if name in known:
                        continue
                    known.add(name)
                    done += 1
                    if done >= bound:
                        clock.work = done
                        clock.check()
                        bound = clock.bound
                    if name == BOTTOM:
                        atoms.extend([(pred, BOTTOM) for preds in above.values() for pred in preds])
                        continue
                    found = told.get(name)
                    if found:
                        todo.extend(found)
                    partners = pairs.get(name)
                    if partners:
                        if len(partners) <= len(known):
                            for partner, conclusions in partners.items():
                                if partner in known:
                                    todo.extend(conclusions)
                        else:
                            for partner in known:
                                found = partners.get(partner)
                                if found:
                                    todo.extend(found)
                    targets = fillers.get(name)
                    if targets:
                        links.extend([(ctx, role, target) for role, target in targets])
                    by_role = left_by_name.get(name)
                    if by_role:
                        for role, preds in above.items():
                            found = by_role.get(role)
                            if found:
                                for conclusion in found:
                                    atoms.extend([(pred, conclusion) for pred in preds
                                                  if conclusion not in subsumers[pred]])
            clock.work = done
            while links and not atoms:
                clock.work += 1
                if clock.work >= clock.bound:
                    clock.check()
                self._link(*links.pop())
            done, bound = clock.work, clock.bound
        clock.work = done

    def _link(self, ctx: Context, role: str, target: Context) -> None:
        successors = self.successors[ctx]
        if (role, target) in successors:
            return
        self._open(target)
        roles = self.roles
        linked = roles.linked.get(role) or roles.link(role)
        successors.add((role, target))
        self.predecessors[target].setdefault(role, []).append(ctx)
        atoms = self._atoms
        found_below = self.subsumers[target]
        if BOTTOM in found_below:
            atoms.append((ctx, BOTTOM))
        by_filler = linked.left
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
        clock = self.clock
        for second, composed in linked.as_first:
            onward = list(self.successors[target])
            clock.tick(len(onward))
            for next_role, further in onward:
                if second in roles.above(next_role):
                    self._links.append((ctx, composed, further))
        for first, composed in linked.as_second:
            clock.tick(len(self.predecessors[ctx]))
            for pred_role, preds in self.predecessors[ctx].items():
                if first in roles.above(pred_role):
                    self._links.extend((pred, composed, target) for pred in preds)

    def compositions_exact(self) -> bool:
        """Whether every composition ``r o s -> t`` gives its targets nothing an ``s`` edge
        does not: the ranges of ``t`` follow from those of ``s``."""
        for _, second, composed in self.form.chains:
            wanted = self.roles.ranges(composed)
            if wanted and not wanted <= self.context(self.roles.ranges(second)):
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
class Binding:
    """A variable of a tree-shaped concept other than its parameter: the relation of the edge into
    it, its kinds, and the relations of the edges out of it."""

    relation: str
    kinds: tuple[str, ...]
    below: tuple[str, ...]


@dataclass(frozen=True)
class Shape:
    """What bounds the homomorphism search of a tree-shaped concept from its bound parameter:
    its atoms, its variables other than the parameter, the relations of its edges, and for each
    part the search first tries on its own (see :func:`~.homomorphism.homomorphisms`; none when
    there is one part) its atoms and the positions of its variables in ``variables``."""

    atoms: int
    variables: tuple[Binding, ...]
    relations: frozenset[str]
    parts: tuple[tuple[int, tuple[int, ...]], ...]


def shape_of(params: Sequence[str], atoms: Sequence[Atom]) -> Shape:
    """The :class:`Shape` of a concept in the fragment (one parameter, a tree hanging from it)."""
    root = params[0]
    into: dict[str, str] = {}
    kinds: dict[str, list[str]] = {}
    below: dict[str, list[str]] = {}
    for atom in atoms:
        if len(atom.args) == 1:
            kinds.setdefault(atom.args[0], []).append(atom.pred)
        else:
            into[atom.args[1]] = atom.pred
            below.setdefault(atom.args[0], []).append(atom.pred)
    order = list(into)
    position = {v: i for i, v in enumerate(order)}
    variables = tuple(Binding(into[v], tuple(kinds.get(v, ())), tuple(below.get(v, ()))) for v in order)
    parts = independent_parts(list(atoms), {root})
    shaped = tuple((len(part), tuple(sorted({position[v] for atom in part for v in atom.args if v != root})))
                   for part in parts) if len(parts) > 1 else ()
    return Shape(len(atoms), variables, frozenset(into.values()), shaped)


@dataclass
class World:
    """What bounds the candidates of a search in one chased instance: for each relation the most
    edges out of and into one entity and the number of its edges, for each kind its members."""

    out: dict[str, int]
    into: dict[str, int]
    pairs: dict[str, int]
    members: dict[str, int]

    @classmethod
    def of(cls, inst: Instance) -> World:
        """The counts of ``inst``."""
        out: dict[str, int] = {}
        into: dict[str, int] = {}
        pairs: dict[str, int] = {}
        members: dict[str, int] = {}
        for pred in inst.predicates():
            found = inst.pairs(pred)
            if found:
                out[pred] = max(Counter(s for s, _ in found).values())
                into[pred] = max(Counter(t for _, t in found).values())
                pairs[pred] = len(found)
            elif inst.members(pred):
                members[pred] = len(inst.members(pred))
        return cls(out, into, pairs, members)

    def degree(self, relations: Iterable[str]) -> int:
        """The most edges of one of ``relations`` out of one entity, at least 1."""
        return max(1, max((self.out.get(r, 0) for r in relations), default=1))

    def weights(self, shape: Shape) -> list[int]:
        """For each variable of ``shape``, at most how many candidates the search tries at the one
        level that binds it (see :func:`search_steps_by_weights`)."""
        degree = self.degree(shape.relations)
        out = []
        for var in shape.variables:
            weight = self.out.get(var.relation, 0)
            edges = self.pairs.get(var.relation, 0)
            if edges <= degree:
                weight = max(weight, edges)
            for kind in var.kinds:
                members = self.members.get(kind, 0)
                if members <= degree:
                    weight = max(weight, members)
            for relation in var.below:
                weight = max(weight, min(degree, self.into.get(relation, 0)))
            out.append(max(1, min(degree, weight)))
        return out


def _steps_by_levels(weights: Sequence[int], atoms: int, limit: int) -> int:
    """At most how many candidates a backtracking search of ``atoms`` levels tries when each path
    binds its variables at levels of at most the given ``weights`` candidates (largest first) and
    every other level has at most one; past ``limit``, some number above ``limit``."""
    total, level = 0, 1
    for depth in range(atoms):
        if depth < len(weights):
            level *= weights[depth]
        total += level
        if total > limit:
            return total
    return total


def search_steps(shape: Shape, degree: int, limit: int) -> int:
    """At most how many candidates :func:`~.homomorphism.find_homomorphism` tries for a concept of
    ``shape`` from its bound parameter (its parts on their own first, then the whole), in any
    world where no entity has more than ``degree`` edges out of one of the shape's relations; past
    ``limit``, some number above ``limit``.

    Why: at every level the search takes the atom with the fewest candidates. Of the atoms left,
    the one whose upper variable is nearest the root has that variable bound (the edge into it
    is matched), so it has at most ``degree`` candidates, or at most one when its lower variable
    is bound too or it is a kind. Every candidate tried binds (a tree has no repeated variable in
    an atom), so a level that binds no new variable has at most one child per node, and each
    path of the search binds each variable once: at depth ``k`` there are at most
    ``degree ** min(k, variables)`` nodes, one candidate tried for each."""
    degree = max(degree, 1)
    total = _steps_by_levels([degree] * len(shape.variables), shape.atoms, limit)
    for atoms, variables in shape.parts:
        if total > limit:
            break
        total += _steps_by_levels([degree] * len(variables), atoms, limit)
    return total


def search_steps_by_weights(shape: Shape, world: World, limit: int) -> int:
    """Like :func:`search_steps` in ``world``, with a bound of its own for the level that binds
    each variable (:meth:`World.weights`).

    Each level that binds charges one variable it binds, never bound before on its path, and
    tries no more candidates than that variable's weight: an edge from its bound upper variable
    tries at most the relation's most edges out of one entity; any other way of binding is taken
    only when it has no more candidates than the atom nearest the root (at most the shape's
    degree), so a kind of the variable counts with its members, the edge into it with all the
    relation's edges (binding its upper variable too), an edge out of it from a bound lower
    variable with the relation's most edges into one entity, each only up to that degree."""
    weights = world.weights(shape)
    total = _steps_by_levels(sorted(weights, reverse=True), shape.atoms, limit)
    for atoms, variables in shape.parts:
        if total > limit:
            break
        total += _steps_by_levels(sorted((weights[i] for i in variables), reverse=True), atoms, limit)
    return total


@dataclass
class Settled:
    """What the saturation decided for classification: ``implied[a]`` are the concepts ``a``
    implies, in concept order. The pair ``(a, b)`` is decided when both are in the fragment and the
    general search for ``b`` in ``a``'s chased world could not have run out of steps: its bound
    is within ``steps``, first :func:`search_steps` with the largest out-degree of ``a``'s world
    over every relation, which decides most pairs at once; then, in :meth:`decides`, over ``b``'s
    own relations, and :func:`search_steps_by_weights`."""

    implied: dict[str, list[str]]
    shapes: dict[str, Shape]
    worlds: dict[str, World]
    steps: int
    _implied_sets: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _within: dict[int, set[str]] = field(default_factory=dict, repr=False)

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
            world = self.worlds.get(a)
            if world is None:
                return [], group
            degree = world.degree(world.out)
            within = self.within(degree)
            others = rest.get(degree)
            if others is None:
                others = rest[degree] = [b for b in group if b not in within]
            return [b for b in self.implied[a] if b in within], others

        return split

    def decides(self, a: str, b: str) -> bool | None:
        """Whether ``a`` implies ``b``, when saturation decides the pair with the counts of ``a``'s
        world for ``b``'s relations and kinds; None when it leaves the pair to the search."""
        world = self.worlds.get(a)
        shape = self.shapes.get(b)
        if world is None or shape is None:
            return None
        if b not in self.within(world.degree(shape.relations)) \
                and search_steps_by_weights(shape, world, self.steps) > self.steps:
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
    worlds = {name: World.of(chased[name].instance) for name in kept}
    order = {name: i for i, name in enumerate(concepts)}
    rows = {name: sorted(implied[name], key=order.__getitem__) for name in kept}
    return Settled(rows, shapes, worlds, budget.max_search_steps)
