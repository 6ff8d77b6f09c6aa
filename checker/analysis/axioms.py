"""From the semantic model to logic: predicate names, concept expansion, axioms per framing.

Every axiom carries an ``AxiomOrigin`` so that answers can cite the declaration, property or
rule it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from ..diagnostics import Span
from ..limits import DEFAULT_BUDGET, Budget
from ..model.kinds import all_units
from ..model.order import postorder
from ..model.symbols import (
    ConceptSym,
    FramingSym,
    KindSym,
    RelationSym,
    ResolvedAtom,
    RuleSym,
    Symbol,
    Unit,
)
from ..reasoning.logic import Atom, Axiom, AxiomKind, Theory
from ..reasoning.run_budget import SearchBudgetExceeded
from ..syntax.nodes import HeadKind
from .expansion import Expander
from .usable import concept_usable
from .words import article

PROPERTY_KINDS = {
    "functional": AxiomKind.FUNCTIONAL,
    "inverse_functional": AxiomKind.INVERSE_FUNCTIONAL,
    "reflexive": AxiomKind.REFLEXIVE,
    "irreflexive": AxiomKind.IRREFLEXIVE,
    "symmetric": AxiomKind.SYMMETRIC,
    "asymmetric": AxiomKind.ASYMMETRIC,
    "transitive": AxiomKind.TRANSITIVE,
    "acyclic": AxiomKind.ACYCLIC,
}


@dataclass(frozen=True)
class AxiomOrigin:
    """Where an axiom comes from: a description for people, the span it was declared at, and
    the declared name behind it (the rule's name as the reasoner labels it, or the kind or
    relation's name)."""

    description: str
    span: Span
    name: str


@dataclass(frozen=True)
class DisjointOrigin:
    """The origin of a ``disjoint`` statement's group: each pair's origin is made when asked for."""

    members: tuple[KindSym | RelationSym, ...]
    names: tuple[str, ...]
    span: Span

    def pair(self, first: int, second: int) -> AxiomOrigin:
        """The origin of the pair of members ``first`` and ``second``, as the statement's pairs
        are described."""
        a, b = self.members[first], self.members[second]
        if isinstance(a, KindSym):
            text = f"nothing is both {article(a.name)} and {article(b.name)}"
        else:
            text = f"no pair is related by both {a.name} and {b.name}"
        return AxiomOrigin(text, self.span, f"{self.names[first]}, {self.names[second]}")


def origin_of(axiom: Axiom) -> AxiomOrigin | None:
    """The origin the theory builder attached to ``axiom`` (None for a hand-made axiom)."""
    return axiom.origin if isinstance(axiom.origin, AxiomOrigin) else None


def axiom_name(axiom: Axiom) -> str:
    """The declared name behind ``axiom``: its origin's name, else its label."""
    origin = origin_of(axiom)
    return origin.name if origin is not None else axiom.label


class Namer:
    """Names of symbols as the root spec writes them: ``x`` in scope, ``P.x`` through an alias,
    ``spec.x`` otherwise. These names are also the reasoner's predicate names."""

    def __init__(self, root: Unit):
        self._names: dict[int, str] = {}
        taken: set[str] = set()
        for name, symbol in root.scope.items():
            self._names.setdefault(id(symbol), name)
            taken.add(name)
        for alias, unit in sorted(root.aliases.items()):
            for name, symbol in unit.scope.items():
                if id(symbol) not in self._names:
                    self._names[id(symbol)] = f"{alias}.{name}"
        self._root = root
        self._taken = taken

    def __call__(self, symbol: Symbol) -> str:
        name = self._names.get(id(symbol))
        if name is None:
            name = f"{symbol.unit.name}.{symbol.name}"
            if name in self._names.values():
                name = f"{symbol.unit.real}::{symbol.name}"
            self._names[id(symbol)] = name
        return name


@dataclass(frozen=True)
class UnbuiltRule:
    """A rule whose axiom was not made: expanding its concepts passed a limit (``stopped``
    names it). A theory that should have it decides nothing."""

    rule: RuleSym
    stopped: SearchBudgetExceeded


class TheoryBuilder:
    """The axioms of the base framing and of each framing visible from a root unit; concepts
    are expanded within ``budget``'s limits of a chase (see :mod:`.expansion`)."""

    def __init__(self, root: Unit, namer: Namer | None = None, budget: Budget = DEFAULT_BUDGET):
        self.root = root
        self.namer = namer or Namer(root)
        self.expander = Expander(self.namer, budget)
        self.units = all_units(root)
        self._rule_names = self._name_rules()
        self._rule_axioms: dict[int, Axiom | None] = {}
        self._unbuilt: dict[int, UnbuiltRule] = {}
        definitions = (self.rule_axiom(rule) for unit in self.units for rule in unit.definitions)
        self.declaration_axioms = tuple(self._declaration_axioms())
        self.base_axioms = (*self.declaration_axioms, *(d for d in definitions if d is not None))
        self._parts: dict[int, Any] = {}
        self._acyclic: bool | None = None
        self._base = Theory("", self.base_axioms, parts=self._parts)
        self._theories: dict[int, Theory] = {}

    def base(self) -> Theory:
        """The axioms of the base framing: declarations and definitions (one theory object,
        so what the reasoner derives from it is derived once)."""
        return self._base

    def theory(self, framing: FramingSym | None) -> Theory:
        """The axioms under ``framing`` (None: the base framing), with extended framings' rules.

        Every theory of the builder shares one ``parts`` store, so a rule or declaration that
        several framings have is compiled for the chase once."""
        if framing is None:
            return self.base()
        cached = self._theories.get(id(framing))
        if cached is None:
            parent = self._theories.get(id(framing.extends[0])) \
                if len(framing.extends) == 1 and self._extends_acyclic() else None
            if parent is not None:   # the parent's rules are those of the framings it extends, ancestors first
                axioms = parent.axioms + tuple(a for rule in framing.rules if (a := self.rule_axiom(rule)) is not None)
            else:
                rules = [self.rule_axiom(rule) for rule in framing_rules(framing)]
                axioms = self.base_axioms + tuple(r for r in rules if r is not None)
            cached = Theory(self.namer(framing), axioms, parts=self._parts)
            self._theories[id(framing)] = cached
        return cached

    def _extends_acyclic(self) -> bool:
        if self._acyclic is None:
            self._acyclic = extends_acyclic(f for unit in self.units for f in unit.framings)
        return self._acyclic

    def rule_axiom(self, rule: RuleSym) -> Axiom | None:
        """The axiom of one rule, or None when the rule did not resolve completely or its
        expansion passed a limit (see :meth:`unbuilt`); made once, so that every framing
        extending the rule's framing shares it."""
        key = id(rule)
        if key not in self._rule_axioms:
            try:
                self._rule_axioms[key] = self._make_rule_axiom(rule)
            except SearchBudgetExceeded as stopped:
                self._rule_axioms[key] = None
                self._unbuilt[key] = UnbuiltRule(rule, stopped)
        return self._rule_axioms[key]

    def unbuilt(self, framing: FramingSym | None) -> UnbuiltRule | None:
        """The first rule (definitions first) that the theory under ``framing`` lacks because
        expanding it passed a limit; None when the theory has every rule it should."""
        self.theory(framing)
        if not self._unbuilt:
            return None
        rules = [rule for unit in self.units for rule in unit.definitions]
        if framing is not None:
            rules += framing_rules(framing)
        return next((self._unbuilt[id(rule)] for rule in rules if id(rule) in self._unbuilt), None)

    def any_unbuilt(self) -> bool:
        """Whether some rule made so far lacks its axiom because expanding it passed a limit."""
        return bool(self._unbuilt)

    def _make_rule_axiom(self, rule: RuleSym) -> Axiom | None:
        atoms = [*rule.body, *rule.head.atoms]
        memo: dict[int, bool] = {}
        if not rule.complete or not all(concept_usable(a.pred, memo) for a in atoms if isinstance(a.pred, ConceptSym)):
            return None
        written = {v for a in [*rule.body, *rule.head.atoms] for v in a.args} | set(rule.head.equality or ())
        body = self.expander.expand(rule.body, reserved=written)
        reserved = {v for a in body for v in a.args} | written
        name = self._rule_names[id(rule)]
        kind = AxiomKind.DEFINITION if rule.is_definition else AxiomKind.RULE
        label = f"{'definition' if rule.is_definition else 'rule'} {name}"
        if rule.head.kind is HeadKind.FALSE:
            axiom = Axiom(label, kind, body=body, is_false=True)
        elif rule.head.equality is not None:
            axiom = Axiom(label, kind, body=body, equality=rule.head.equality)
        else:
            head = self.expander.expand(rule.head.atoms, reserved=reserved)
            axiom = Axiom(label, kind, body=body, head=head)
        where = "a definition" if rule.framing is None else f"framing {rule.framing.name}"
        return replace(axiom, origin=AxiomOrigin(f"{_rule_text(rule)} ({where})", rule.decl.span, name))

    def _name_rules(self) -> dict[int, str]:
        """A name per rule, unique across everything loaded: the rule's own name where that is
        unambiguous, else qualified by its framing (a definition: by its spec)."""
        rules = [rule for unit in self.units for framing in unit.framings for rule in framing.rules]
        definitions = [rule for unit in self.units for rule in unit.definitions]
        counts: dict[str, int] = {}
        for rule in rules + definitions:
            counts[rule.name] = counts.get(rule.name, 0) + 1
        names = {}
        for rule in rules:
            assert rule.framing is not None
            framing_name = self.namer(rule.framing)
            if counts[rule.name] > 1:
                names[id(rule)] = f"{framing_name}.{rule.name}"
            else:
                prefix = framing_name.rsplit(".", 1)[0] + "." if "." in framing_name else ""
                names[id(rule)] = prefix + rule.name
        for rule in definitions:
            assert rule.unit is not None
            symbol = rule.unit.own.get(rule.name)
            own_name = self.namer(symbol) if symbol is not None else rule.name
            names[id(rule)] = own_name if counts[rule.name] == 1 or "." in own_name else f"{rule.unit.name}.{rule.name}"
        return names

    def _declaration_axioms(self) -> Iterable[Axiom]:
        name = self.namer
        for unit in self.units:
            for kind in unit.kinds:
                if unit.own.get(kind.name) is not kind or kind.decl is None:
                    continue
                for parent, parent_node in zip(kind.parents, kind.decl.parents):
                    yield Axiom(
                        f"kind {name(kind)}: {name(parent)}", AxiomKind.SUBKIND,
                        body=(Atom(name(kind), ("x",)),), head=(Atom(name(parent), ("x",)),),
                        origin=AxiomOrigin(f"every {kind.name} is {article(parent.name)}", parent_node.span,
                                           name(kind)),
                    )
            for group in unit.disjoints:
                members = group.members
                if len(members) < 2:
                    continue
                names = tuple(name(m) for m in members)
                xs: tuple[str, ...] = ("x",)
                axiom_kind = AxiomKind.DISJOINT_KINDS
                if isinstance(members[0], RelationSym):
                    axiom_kind, xs = AxiomKind.DISJOINT_RELATIONS, _variables(members[0].arity)
                yield Axiom(f"disjoint: {', '.join(names)}", axiom_kind, is_false=True, members=names, args=xs,
                            origin=DisjointOrigin(tuple(members), names, group.decl.span))
            for relation in unit.relations:
                if unit.own.get(relation.name) is not relation:
                    continue
                yield from self._relation_axioms(relation)

    def _relation_axioms(self, relation: RelationSym) -> Iterable[Axiom]:
        r = self.namer(relation)
        decl = relation.decl
        assert decl is not None
        if relation.arity != 2:
            yield from self._nary_axioms(relation)
            return
        fact = Atom(r, ("x", "y"))
        if relation.domain is not None:
            text = f"{relation.name} relates {article(relation.domain.name)} ..."
            yield Axiom(f"domain of {r}", AxiomKind.DOMAIN, body=(fact,),
                        head=(Atom(self.namer(relation.domain), ("x",)),),
                        origin=AxiomOrigin(text, decl.positions[0].span, r))
        if relation.range is not None:
            text = f"{relation.name} relates ... to {article(relation.range.name)}"
            yield Axiom(f"range of {r}", AxiomKind.RANGE, body=(fact,),
                        head=(Atom(self.namer(relation.range), ("y",)),),
                        origin=AxiomOrigin(text, decl.positions[1].span, r))
        yield from self._parent_axioms(relation, ("x", "y"))
        for prop, span in relation.properties.items():
            label = f"{r} is {prop}"
            origin = AxiomOrigin(f"{relation.name} is {prop}", span, r)
            kind = PROPERTY_KINDS[prop]
            if prop == "functional":
                axiom = Axiom(label, kind, body=(fact, Atom(r, ("x", "z"))), equality=("y", "z"), origin=origin)
            elif prop == "inverse_functional":
                axiom = Axiom(label, kind, body=(Atom(r, ("x", "z")), Atom(r, ("y", "z"))), equality=("x", "y"),
                              origin=origin)
            elif prop == "reflexive":
                if relation.domain is None:
                    continue
                axiom = Axiom(label, kind, body=(Atom(self.namer(relation.domain), ("x",)),),
                              head=(Atom(r, ("x", "x")),), origin=origin)
            elif prop == "irreflexive":
                axiom = Axiom(label, kind, body=(Atom(r, ("x", "x")),), is_false=True, origin=origin)
            elif prop == "symmetric":
                axiom = Axiom(label, kind, body=(fact,), head=(Atom(r, ("y", "x")),), origin=origin)
            elif prop == "asymmetric":
                axiom = Axiom(label, kind, body=(fact, Atom(r, ("y", "x"))), is_false=True, origin=origin)
            elif prop == "transitive":
                axiom = Axiom(label, kind, body=(fact, Atom(r, ("y", "z"))), head=(Atom(r, ("x", "z")),), origin=origin)
            else:
                axiom = Axiom(label, kind, relation=r, origin=origin)
            yield axiom


    def _parent_axioms(self, relation: RelationSym, xs: tuple[str, ...]) -> Iterable[Axiom]:
        r = self.namer(relation)
        for parent, ref in zip(relation.parents, relation.parent_refs):
            s = self.namer(parent)
            yield Axiom(f"relation {r}: {s}", AxiomKind.SUBRELATION, body=(Atom(r, xs),), head=(Atom(s, xs),),
                        origin=AxiomOrigin(f"every {relation.name} tuple is a {parent.name} tuple", ref.span, r))

    def _nary_axioms(self, relation: RelationSym) -> Iterable[Axiom]:
        """The axioms of a relation of three or more positions: the kind of each position, its
        parents, and ``functional`` (the last position is determined by the others) or
        ``inverse_functional`` (the first is)."""
        r = self.namer(relation)
        decl = relation.decl
        assert decl is not None
        xs = _variables(relation.arity)
        for i, kind in enumerate(relation.positions):
            if kind is not None:
                yield Axiom(f"position {i + 1} of {r}", AxiomKind.SIGNATURE, body=(Atom(r, xs),),
                            head=(Atom(self.namer(kind), (xs[i],)),),
                            origin=AxiomOrigin(f"position {i + 1} of {relation.name} is {article(kind.name)}",
                                               decl.positions[i].span, r))
        yield from self._parent_axioms(relation, xs)
        for prop, span in relation.properties.items():
            origin = AxiomOrigin(f"{relation.name} is {prop}", span, r)
            if prop == "functional":
                y_args, z_args = (*xs[:-1], "y"), (*xs[:-1], "z")
            else:
                y_args, z_args = ("y", *xs[1:]), ("z", *xs[1:])
            yield Axiom(f"{r} is {prop}", PROPERTY_KINDS[prop], body=(Atom(r, y_args), Atom(r, z_args)),
                        equality=("y", "z"), origin=origin)


def _variables(arity: int) -> tuple[str, ...]:
    """The variables of a relation axiom: ``x, y`` for a binary relation, ``x1..xn`` otherwise."""
    return ("x", "y") if arity == 2 else tuple(f"x{i}" for i in range(1, arity + 1))


def _rule_text(rule: RuleSym) -> str:
    def atoms(items: Iterable[ResolvedAtom]) -> str:
        return ", ".join(f"{a.node.pred.text}({', '.join(a.args)})" for a in items)

    if rule.head.kind is HeadKind.FALSE:
        head = "false"
    elif rule.head.equality is not None:
        head = " = ".join(rule.head.equality)
    else:
        head = atoms(rule.head.atoms)
    return f"{atoms(rule.body)} -> {head}"


def framing_rules(framing: FramingSym) -> list[RuleSym]:
    """The rules of ``framing`` and of every framing it extends, each once, ancestors first;
    safe on ``extends`` cycles (reported elsewhere)."""
    order = postorder(framing, lambda f: f.extends)
    return [rule for f in order for rule in f.rules]


def extends_acyclic(framings: Iterable[FramingSym]) -> bool:
    """Whether no ``extends`` chain from ``framings`` (through imported framings too) is a cycle."""
    graph: nx.DiGraph[int] = nx.DiGraph()
    pending = list(framings)
    seen: set[int] = set()
    while pending:
        f = pending.pop()
        if id(f) in seen:
            continue
        seen.add(id(f))
        graph.add_node(id(f))
        graph.add_edges_from((id(f), id(parent)) for parent in f.extends)
        pending.extend(f.extends)
    return bool(nx.is_directed_acyclic_graph(graph))


def ancestors(framing: FramingSym) -> list[FramingSym]:
    """Every framing ``framing`` extends, transitively (not itself), ancestors first."""
    return [f for f in postorder(framing, lambda f: f.extends) if f is not framing]
