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


@dataclass(frozen=True)
class Axiom:
    """A rule ``body -> head``.

    Exactly one of these describes the head: ``head`` atoms (variables not in the body are
    existential), ``equality`` (two body variables that must be the same entity), or
    ``is_false`` (the body may never match). An ``ACYCLIC`` axiom names its relation in
    ``relation`` and has an empty body and head.
    """

    label: str                       # unique within a theory, e.g. "rule builder_is_base"
    kind: AxiomKind
    body: tuple[Atom, ...] = ()
    head: tuple[Atom, ...] = ()
    equality: tuple[str, str] | None = None
    is_false: bool = False
    relation: str | None = None      # for ACYCLIC
    origin: Any = field(default=None, compare=False, hash=False)

    def body_variables(self) -> set[str]:
        return {v for a in self.body for v in a.args}

    def existential_variables(self) -> set[str]:
        body = self.body_variables()
        return {v for a in self.head for v in a.args if v not in body}

    def __str__(self) -> str:
        if self.kind is AxiomKind.ACYCLIC:
            return f"acyclic {self.relation}"
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
