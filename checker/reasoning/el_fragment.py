"""The tree-shaped fragment that :mod:`saturation` decides: recognising it and normalising it.

A concept is in the fragment when it has one parameter and its body is a tree hanging from that
parameter: kinds and binary relations only, every edge pointing away from the parameter, every
other variable reached by exactly one edge, no loop and no second edge between two variables.

A theory is in the fragment when each axiom that can fire at all has one of these shapes (``T``
is a body tree hanging from ``x`` as above, ``H`` is a head tree hanging from ``x`` whose other
variables are existential): ``T -> H``; ``r(y, x) -> H`` (what every ``r`` target has: ranges and
existential rules from an edge); ``r(x, y) -> s(x, y)``; ``r(x, y), s(y, z) -> t(x, z)``
(transitivity and composition); ``T -> false``. A head of several parts that share no existential
is taken part by part. Equalities (functional relations), reflexive and symmetric relations,
disjoint relations and anything else leave the fragment. So does a tree deeper than
``MAX_DEPTH`` edges, which the saturation's normal form would walk level by level on the stack;
the general path decides such concepts and theories instead, with the same answers.

In every chased instance of a fragment concept under such a theory, each edge points from an
entity to one of its descendants in the tree the chase grows. So denials whose body contains a
directed cycle (irreflexive, asymmetric) never match, and ``acyclic`` is never violated: both are
dropped. An axiom whose body uses a predicate that neither a fragment concept nor the head of an
axiom that can fire provides never fires (the chase adds only facts of those predicates), and is
dropped as well.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from .logic import Atom, Axiom, AxiomKind, Theory

Name = tuple[str, ...]
"""An atomic concept of the normal form: ``("kind", K)``, ``("concept", C)``, ``("fresh", n)``,
:data:`TOP` or :data:`BOTTOM`."""
TOP: Name = ("top",)
BOTTOM: Name = ("bottom",)
MAX_DEPTH = 100
"""The deepest tree (in edges from its root) taken into the fragment."""


def kind_name(kind: str) -> Name:
    return ("kind", kind)


def concept_name(concept: str) -> Name:
    return ("concept", concept)


@dataclass(frozen=True)
class Tree:
    """A tree-shaped conjunction hanging from its root: the root's kinds and, per edge, the
    relation and the subtree at its target."""

    kinds: tuple[str, ...]
    children: tuple[tuple[str, Tree], ...]
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # kept, so that hashing a tree costs its root, not its whole height
        object.__setattr__(self, "_hash", hash((self.kinds, self.children)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Tree], tuple[tuple[str, ...], tuple[tuple[str, Tree], ...]]]:
        # hashes of strings differ between processes: a copy hashes itself again
        return Tree, (self.kinds, self.children)


def rooted_tree(atoms: Sequence[Atom], root: str) -> Tree | None:
    """``atoms`` as a :class:`Tree` hanging from ``root``, or None when they are not one or
    when it is deeper than ``MAX_DEPTH``."""
    kinds: dict[str, list[str]] = {root: []}
    children: dict[str, list[tuple[str, str]]] = {root: []}
    parent: dict[str, str] = {}
    for atom in atoms:
        if len(atom.args) == 1:
            kinds.setdefault(atom.args[0], []).append(atom.pred)
        elif len(atom.args) == 2:
            source, target = atom.args
            if target == root or target in parent or source == target:
                return None
            parent[target] = source
            children.setdefault(source, []).append((atom.pred, target))
        else:
            return None
    variables = set(kinds) | set(children) | set(parent)
    depth = {root: 0}
    frontier = [root]
    while frontier:
        var = frontier.pop()
        for _, child in children.get(var, ()):
            if child not in depth:
                depth[child] = depth[var] + 1
                if depth[child] > MAX_DEPTH:
                    return None
                frontier.append(child)
    if depth.keys() != variables:
        return None

    def build(var: str) -> Tree:
        own = tuple(dict.fromkeys(kinds.get(var, ())))
        return Tree(own, tuple((rel, build(child)) for rel, child in children.get(var, ())))

    return build(root)


def concept_tree(params: Sequence[str], atoms: Sequence[Atom]) -> Tree | None:
    """The body of a concept as a tree hanging from its single parameter, or None when the
    concept is outside the fragment."""
    if len(params) != 1:
        return None
    return rooted_tree(atoms, params[0])


@dataclass
class NormalForm:
    """Axioms in the normal form of the saturation.

    ``told[A]``: ``A -> B``; ``pairs[A][B]``: ``A and B -> C`` (under both premises; longer
    conjunctions are split into pairs through fresh names); ``exists_right[A]``: ``A -> exists r.B`` as
    ``(r, B)``, each once; ``exists_left[(r, A)]``: ``exists r.A -> B``; ``super_roles[r]``: the relations
    every ``r`` edge also is (``r`` itself included); ``chains``: ``r o s -> t`` as ``(r, s, t)``;
    ``ranges[r]``: what the target of every ``r`` edge is."""

    told: dict[Name, list[Name]] = field(default_factory=dict)
    pairs: dict[Name, dict[Name, list[Name]]] = field(default_factory=dict)
    exists_right: dict[Name, list[tuple[str, Name]]] = field(default_factory=dict)
    exists_left: dict[tuple[str, Name], list[Name]] = field(default_factory=dict)
    told_super: dict[str, set[str]] = field(default_factory=dict)
    chains: list[tuple[str, str, str]] = field(default_factory=list)
    told_ranges: dict[str, set[Name]] = field(default_factory=dict)
    _fresh: itertools.count[int] = field(default_factory=itertools.count)
    _lhs_memo: dict[Tree, Name] = field(default_factory=dict)
    _rhs_memo: dict[Tree, Name] = field(default_factory=dict)
    _pair_memo: dict[tuple[Name, Name], Name] = field(default_factory=dict)
    _exists_memo: dict[tuple[str, Name], Name] = field(default_factory=dict)
    _exists_right_seen: set[tuple[Name, str, Name]] = field(default_factory=set)

    def fresh(self) -> Name:
        return ("fresh", str(next(self._fresh)))

    def implies(self, premises: Iterable[Name], conclusion: Name) -> None:
        names = sorted(set(premises)) or [TOP]
        if len(names) == 1:
            self.told.setdefault(names[0], []).append(conclusion)
            return
        left = names[0]
        for name in names[1:-1]:
            left = self._pair(left, name)
        self._add_pair(left, names[-1], conclusion)

    def _pair(self, first: Name, second: Name) -> Name:
        """A fresh name for ``first and second``, one per pair."""
        name = self._pair_memo.get((first, second))
        if name is None:
            name = self._pair_memo[(first, second)] = self.fresh()
            self._add_pair(first, second, name)
        return name

    def _add_pair(self, first: Name, second: Name, conclusion: Name) -> None:
        self.pairs.setdefault(first, {}).setdefault(second, []).append(conclusion)
        self.pairs.setdefault(second, {}).setdefault(first, []).append(conclusion)

    def below(self, tree: Tree) -> Name:
        """An atomic concept that every entity satisfying ``tree`` at its root belongs to."""
        memo = self._lhs_memo.get(tree)
        if memo is not None:
            return memo
        parts = [kind_name(k) for k in tree.kinds]
        for rel, child in tree.children:
            filler = self.below(child)
            key = (rel, filler)
            name = self._exists_memo.get(key)
            if name is None:
                name = self._exists_memo[key] = self.fresh()
                self.exists_left.setdefault(key, []).append(name)
            parts.append(name)
        parts = list(dict.fromkeys(parts))
        if not parts:
            result = TOP
        elif len(parts) == 1:
            result = parts[0]
        else:
            result = self.fresh()
            self.implies(parts, result)
        self._lhs_memo[tree] = result
        return result

    def above(self, anchor: Name, tree: Tree) -> None:
        """Axioms saying that every member of ``anchor`` satisfies ``tree`` at its root."""
        for kind in tree.kinds:
            self.implies([anchor], kind_name(kind))
        for rel, child in tree.children:
            filler = self._named(child)
            # identical existentials (a conjunction repeating one edge and subtree) are one axiom
            if (anchor, rel, filler) not in self._exists_right_seen:
                self._exists_right_seen.add((anchor, rel, filler))
                self.exists_right.setdefault(anchor, []).append((rel, filler))

    def _named(self, tree: Tree) -> Name:
        """A fresh name whose members satisfy ``tree``, one per distinct tree: the name is
        constrained by nothing else, so sharing it adds no consequence about other names."""
        name = self._rhs_memo.get(tree)
        if name is None:
            name = self._rhs_memo[tree] = self.fresh()
            self.above(name, tree)
        return name

    def add_range(self, rel: str, tree: Tree) -> None:
        """Every target of a ``rel`` edge satisfies ``tree`` at its root."""
        ranges = self.told_ranges.setdefault(rel, set())
        if not tree.children:
            ranges.update(kind_name(k) for k in tree.kinds)
            return
        ranges.add(self._named(tree))

    def add_concept(self, name: str, tree: Tree) -> None:
        """``name`` is equivalent to its body ``tree``."""
        self.above(concept_name(name), tree)
        self.implies([self.below(tree)], concept_name(name))


def live_predicates(theory: Theory, used: Iterable[str]) -> set[str]:
    """The predicates that can have facts in a chased instance whose given facts use only
    ``used``: those, and the head predicates of every axiom whose body uses only live ones.

    Linear in the axioms: each axiom waits on a count of the body predicates not yet live."""
    live: set[str] = set()
    missing: dict[int, int] = {}
    waiting_on: dict[str, list[int]] = {}
    axioms = [a for a in theory.axioms if a.kind is not AxiomKind.ACYCLIC]
    ready: list[int] = []
    for index, axiom in enumerate(axioms):
        preds = {atom.pred for atom in axiom.body}
        missing[index] = len(preds)
        for pred in preds:
            waiting_on.setdefault(pred, []).append(index)
        if not preds:
            ready.append(index)
    queue: list[str] = []

    def make_live(pred: str) -> None:
        if pred not in live:
            live.add(pred)
            queue.append(pred)

    for pred in used:
        make_live(pred)
    while queue or ready:
        while ready:
            for atom in axioms[ready.pop()].head:
                make_live(atom.pred)
        if queue:
            for index in waiting_on.get(queue.pop(), ()):
                missing[index] -= 1
                if missing[index] == 0:
                    ready.append(index)
    return live


def _head_parts(axiom: Axiom) -> list[list[Atom]]:
    """The head atoms grouped so that no two groups share an existential variable."""
    existential = axiom.existential_variables()
    if len(axiom.head) == 1 or not existential:
        return [[atom] for atom in axiom.head]
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(len(axiom.head)))
    holder: dict[str, int] = {}
    for i, atom in enumerate(axiom.head):
        for var in atom.args:
            if var in existential:
                if var in holder:
                    graph.add_edge(holder[var], i)
                else:
                    holder[var] = i
    return [[axiom.head[i] for i in sorted(part)] for part in sorted(nx.connected_components(graph), key=min)]


def _has_directed_cycle(atoms: Sequence[Atom]) -> bool:
    graph: nx.DiGraph[str] = nx.DiGraph()
    for atom in atoms:
        if len(atom.args) == 2:
            graph.add_edge(*atom.args)
    return not nx.is_directed_acyclic_graph(graph)


def _body_tree(body: Sequence[Atom]) -> Tree | None:
    """``body`` as a tree hanging from its one variable that no edge points to, if it is one."""
    targets = {atom.args[1] for atom in body if len(atom.args) == 2}
    root = next((v for atom in body for v in atom.args if v not in targets), None)
    return None if root is None else rooted_tree(body, root)


def _add_part(form: NormalForm, axiom: Axiom, part: list[Atom]) -> bool:
    """Add one head part of ``axiom`` to ``form``; False when it is outside the fragment."""
    body = axiom.body
    body_vars = axiom.body_variables()
    anchors = list(dict.fromkeys(v for atom in part for v in atom.args if v in body_vars))
    if len(anchors) == 2 and len(part) == 1 and len(part[0].args) == 2:
        source, target = part[0].args
        head_rel = part[0].pred
        binary = [a for a in body if len(a.args) == 2]
        if len(binary) != len(body):
            return False
        if len(body) == 1 and body[0].args == (source, target):
            if body[0].pred != head_rel:
                form.told_super.setdefault(body[0].pred, set()).add(head_rel)
            return True
        if len(body) == 2:
            for first, second in (body, body[::-1]):
                middle = first.args[1]
                if (len({source, middle, target}) == 3 and first.args[0] == source
                        and second.args == (middle, target)):
                    form.chains.append((first.pred, second.pred, head_rel))
                    return True
        return False
    if len(anchors) != 1:
        return False
    anchor = anchors[0]
    head_tree = rooted_tree(part, anchor)
    if head_tree is None:
        return False
    body_tree = rooted_tree(body, anchor)
    if body_tree is not None:
        form.above(form.below(body_tree), head_tree)
        return True
    if len(body) == 1 and len(body[0].args) == 2 and body[0].args[1] == anchor and body[0].args[0] != anchor:
        form.add_range(body[0].pred, head_tree)
        return True
    return False


def normal_form(theory: Theory, concepts: Mapping[str, Tree], every_axiom: bool = False) -> NormalForm | None:
    """The normal form of ``theory`` with each of ``concepts`` defined by its tree, or None when
    an axiom that can fire for these concepts (with ``every_axiom``: any axiom) is outside the
    fragment."""
    used = {pred for tree in concepts.values() for pred in _tree_predicates(tree)}
    if every_axiom:
        used |= {atom.pred for axiom in theory.axioms for atom in axiom.body}
        used |= {member for axiom in theory.axioms for member in axiom.members}
    live = live_predicates(theory, used)
    form = NormalForm()
    for axiom in theory.axioms:
        if axiom.is_group:
            if not _add_group(form, axiom, live):
                return None
            continue
        if axiom.kind is AxiomKind.ACYCLIC or not all(atom.pred in live for atom in axiom.body):
            continue
        if any(len(atom.args) > 2 for atom in (*axiom.body, *axiom.head)) or axiom.equality is not None:
            return None
        if not axiom.body:
            return None
        if axiom.is_false:
            if _has_directed_cycle(axiom.body):
                continue
            tree = _body_tree(axiom.body)
            if tree is None:
                return None
            form.implies([form.below(tree)], BOTTOM)
            continue
        for part in _head_parts(axiom):
            if not _add_part(form, axiom, part):
                return None
    for name, tree in concepts.items():
        form.add_concept(name, tree)
    return form


SMALL_GROUP = 4
"""Up to this many live members, a group of disjoint kinds is added pair by pair, as a
statement of pairs would be; above it, as a ladder of fresh names (linear in its members)."""


def _add_group(form: NormalForm, group: Axiom, live: set[str]) -> bool:
    """Add a group of disjoint kinds over its live members ``K1 .. Km``: pair by pair when it
    is small, else as a ladder of fresh names ``S1 .. Sm``: ``Ki -> Si``, ``S(i-1) -> Si``,
    ``S(i-1) and Ki -> bottom``, so that bottom follows exactly when two of them do. False when
    the group is of relations and two of its members can have facts (outside the fragment)."""
    # A member listed twice is bottom either way: through its own pair, or through the ladder
    # (Ki -> Si -> ... -> S(j-1), and Kj is Ki).
    members = [m for m in group.members if m in live]
    if len(members) < 2:
        return True
    if group.kind is not AxiomKind.DISJOINT_KINDS or group.start != (0, 1):
        return False
    if len(members) <= SMALL_GROUP:
        for first, second in itertools.combinations(members, 2):
            tree = rooted_tree((Atom(first, group.args), Atom(second, group.args)), group.args[0])
            assert tree is not None
            form.implies([form.below(tree)], BOTTOM)
        return True
    previous: Name | None = None
    for i, member in enumerate(members):
        step: Name = ("disjoint", group.label, str(i))
        form.implies([kind_name(member)], step)
        if previous is not None:
            form.implies([previous], step)
            form.implies([previous, kind_name(member)], BOTTOM)
        previous = step
    return True


def _tree_predicates(tree: Tree) -> Iterable[str]:
    yield from tree.kinds
    for rel, child in tree.children:
        yield rel
        yield from _tree_predicates(child)
