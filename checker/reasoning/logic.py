"""The logic the reasoner works in: atoms over variables, axioms (rules) and theories.

Everything here is plain data with no knowledge of files or syntax. A predicate is a kind
(unary) or a relation (binary); concepts have already been expanded into atoms by the time a
formula reaches the reasoner. ``origin`` fields are opaque to the reasoner and only carried along
so that answers can cite where an axiom came from.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..limits import DEFAULT_BUDGET as DEFAULT_BUDGET
from ..limits import Budget as Budget


@dataclass(frozen=True, order=True)
class Atom:
    """``pred(args...)``: one argument for a kind, two or more for a relation; args are variable names."""

    pred: str
    args: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.pred}({', '.join(self.args)})"


class AxiomKind(str, enum.Enum):
    """Where an axiom comes from; decides how it is described to a user."""

    SUBKIND = "subkind"                  # kind A: B            A(x) -> B(x)
    DISJOINT_KINDS = "disjoint-kinds"    # disjoint A, B        A(x), B(x) -> false
    DISJOINT_RELATIONS = "disjoint-relations"  # R(x,y), S(x,y) -> false
    DOMAIN = "domain"                    # relation R(D, E)     R(x,y) -> D(x)
    RANGE = "range"                      #                      R(x,y) -> E(y)
    SIGNATURE = "signature"              # relation R(K1..Kn)   R(x1..xn) -> Ki(xi)   (n > 2)
    SUBRELATION = "subrelation"          # relation R(...): S   R(x1..xn) -> S(x1..xn)
    FUNCTIONAL = "functional"
    INVERSE_FUNCTIONAL = "inverse_functional"
    REFLEXIVE = "reflexive"
    IRREFLEXIVE = "irreflexive"
    SYMMETRIC = "symmetric"
    ASYMMETRIC = "asymmetric"
    TRANSITIVE = "transitive"
    ACYCLIC = "acyclic"                  # no body/head: checked on every built instance
    RULE = "rule"                        # a framing rule
    DEFINITION = "definition"            # a rule outside any framing, in force everywhere
    CONCEPT = "concept"                  # a concept's definition, unfolded: never an axiom of a theory,
                                         # named in justifications so a result that holds by definition reads so


def disjoint_label(first: str, second: str) -> str:
    """The label of the axiom that ``first`` and ``second`` are disjoint."""
    return f"disjoint {first}, {second}"


@dataclass(frozen=True)
class Axiom:
    """A rule ``body -> head``.

    Exactly one of these describes the head: ``head`` atoms (variables not in the body are
    existential), ``equality`` (two body variables that must be the same entity), or
    ``is_false`` (the body may never match). An ``ACYCLIC`` axiom names its relation in
    ``relation`` and has an empty body and head.

    A group of disjoint predicates (``DISJOINT_KINDS`` or ``DISJOINT_RELATIONS`` with
    ``members``, empty body and ``is_false``) stands for the denial ``Pi(args), Pj(args) -> false``
    of each pair of its members, i < j, from the pair ``start`` on (in the order of pairs by
    first, then second position): it costs what its members cost, not their pairs. The pair
    that a chase finds violated is the axiom :meth:`pair` makes, which is what answers cite;
    its origin is what the group's ``origin.pair(first, second)`` gives.
    """

    label: str                       # unique within a theory, e.g. "rule builder_is_base"
    kind: AxiomKind
    body: tuple[Atom, ...] = ()
    head: tuple[Atom, ...] = ()
    equality: tuple[str, str] | None = None
    is_false: bool = False
    relation: str | None = None      # for ACYCLIC
    members: tuple[str, ...] = ()    # for a group of disjoint predicates
    args: tuple[str, ...] = ()       # for a group: the variables of its pairs' atoms
    start: tuple[int, int] = (0, 1)  # for a group: its first pair
    origin: Any = field(default=None, compare=False, hash=False)
    group: Axiom | None = field(default=None, compare=False, hash=False, repr=False)
    _pairs: dict[tuple[int, int], Axiom] = field(default_factory=dict, compare=False, hash=False, repr=False)
    _positions: dict[str, list[int]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def is_group(self) -> bool:
        """Whether this axiom is a group of disjoint predicates."""
        return bool(self.members)

    def pair(self, first: int, second: int) -> Axiom:
        """The denial that members ``first`` and ``second`` (positions, first < second) of this
        group are disjoint, made once per group and pair."""
        made = self._pairs.get((first, second))
        if made is None:
            a, b = self.members[first], self.members[second]
            origin = self.origin.pair(first, second) if self.origin is not None else None
            made = Axiom(disjoint_label(a, b), self.kind, body=(Atom(a, self.args), Atom(b, self.args)),
                         is_false=True, origin=origin, group=self.group or self)
            self._pairs[(first, second)] = made
        return made

    def pair_labelled(self, label: str) -> tuple[int, int] | None:
        """The positions of the pair of this group whose label is ``label``, if any (the first
        such pair when members are listed twice)."""
        prefix = disjoint_label("", "")[:-2]
        if not label.startswith(prefix):
            return None
        positions = self.positions()
        rest = label[len(prefix):]
        cut = rest.find(", ")
        while cut >= 0:
            first, second = positions.get(rest[:cut], ()), positions.get(rest[cut + 2:], ())
            found = [(i, j) for i in first for j in second if i < j and (i, j) >= self.start]
            if found:
                return min(found)
            cut = rest.find(", ", cut + 1)
        return None

    def positions(self) -> dict[str, list[int]]:
        """For a group, each member's positions in it."""
        if not self._positions:
            for i, member in enumerate(self.members):
                self._positions.setdefault(member, []).append(i)
        return self._positions

    def from_pair(self, first: int, second: int) -> Axiom:
        """This group restricted to its pairs from ``(first, second)`` on."""
        return Axiom(f"{self.label} from {first}, {second}", self.kind, is_false=True, members=self.members,
                     args=self.args, start=(first, second), origin=self.origin, group=self.group or self,
                     _pairs=self._pairs, _positions=self.positions())

    def body_variables(self) -> set[str]:
        return {v for a in self.body for v in a.args}

    def existential_variables(self) -> set[str]:
        body = self.body_variables()
        return {v for a in self.head for v in a.args if v not in body}

    def __str__(self) -> str:
        if self.kind is AxiomKind.ACYCLIC:
            return f"acyclic {self.relation}"
        if self.is_group:
            return f"at most one of {', '.join(str(Atom(m, self.args)) for m in self.members)}"
        body = ", ".join(map(str, self.body))
        if self.is_false:
            head = "false"
        elif self.equality is not None:
            head = f"{self.equality[0]} = {self.equality[1]}"
        else:
            head = ", ".join(map(str, self.head))
        return f"{body} -> {head}"


@dataclass(frozen=True)
class Theory:
    """The axioms of one framing, in a deterministic order.

    ``memo`` holds what the reasoner derives from the axioms once (the chase's compiled rules),
    so that it lives exactly as long as the theory. ``parts`` holds what it derives from each
    axiom alone (the chase's compiled form of one rule), keyed by the axiom's ``id``: theories that
    share it (the theories of one spec, and every theory made from one of them with
    :meth:`subset`, :meth:`without` or :meth:`only`) derive it once per axiom. It is bounded by
    the number of distinct axioms among them."""

    name: str                        # the framing's name, "" for the base framing
    axioms: tuple[Axiom, ...]
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    parts: dict[int, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def subset(self, axioms: tuple[Axiom, ...]) -> Theory:
        """The theory of ``axioms`` (some of this theory's), sharing its ``parts``."""
        return Theory(self.name, axioms, parts=self.parts)

    def without(self, labels: set[str]) -> Theory:
        return self.subset(tuple(a for a in self.axioms if a.label not in labels))

    def only(self, labels: set[str]) -> Theory:
        return self.subset(tuple(a for a in self.axioms if a.label in labels))

    def acyclic_relations(self) -> tuple[Axiom, ...]:
        return tuple(a for a in self.axioms if a.kind is AxiomKind.ACYCLIC)

    def by_label(self) -> dict[str, Axiom]:
        return {a.label: a for a in self.axioms}

    def select(self, labels: Iterable[str]) -> tuple[Axiom, ...]:
        """The axioms labelled in ``labels``, in theory order; the label of a pair of members of
        a group of this theory selects that pair, in the group's place."""
        wanted = set(labels)
        out: list[Axiom] = []
        for axiom in self.axioms:
            if axiom.label in wanted:
                out.append(axiom)
            elif axiom.is_group:
                found = {key for label in wanted if (key := axiom.pair_labelled(label)) is not None}
                out.extend(axiom.pair(*key) for key in sorted(found))
        return tuple(out)

    def covers(self, axiom: Axiom) -> bool:
        """Whether ``axiom`` is one of this theory's axioms or a pair of one of its groups."""
        labels = self.memo.get("labels")
        if labels is None:
            labels = self.memo["labels"] = {a.label for a in self.axioms}
        return axiom.label in labels or (axiom.group is not None and axiom.group.label in labels)

class AxiomSet:
    """Membership, by equality, in a collection of axioms: found through the labels, which are
    cheap to hash, rather than by hashing whole axioms."""

    def __init__(self, axioms: Iterable[Axiom]) -> None:
        axioms = tuple(axioms)
        self._by_label = {axiom.label: axiom for axiom in axioms}
        self._sharing: dict[str, list[Axiom]] = {}   # the axioms of each label that several have
        if len(self._by_label) < len(axioms):
            for axiom in axioms:
                self._sharing.setdefault(axiom.label, []).append(axiom)

    def __contains__(self, axiom: Axiom) -> bool:
        other = self._by_label.get(axiom.label)
        if other is axiom:
            return True
        if other is None:
            return False
        return any(a is axiom or a == axiom for a in self._sharing.get(axiom.label, [other]))

    def includes(self, axioms: Iterable[Axiom]) -> bool:
        """Whether every one of ``axioms`` is in the set."""
        return all(map(self.__contains__, axioms))
