"""From the semantic model to logic: predicate names, concept expansion, axioms per framing.

Every axiom carries an ``AxiomOrigin`` so that answers can cite the declaration, property or
rule it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import count
from typing import Iterable, Iterator, Sequence

from ..diagnostics import Span
from ..model.kinds import all_units
from ..model.order import postorder
from ..model.symbols import (
    ConceptSym,
    FramingSym,
    KindSym,
    RelationSym,
    ResolvedAtom,
    RuleSym,
    Unit,
)
from ..reasoning.logic import Atom, Axiom, AxiomKind, Theory
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
    """Where an axiom comes from: a description for people and the span it was declared at."""

    description: str
    span: Span

    def to_dict(self, label: str) -> dict:
        return {
            "label": label,
            "description": self.description,
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
        }


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

    def __call__(self, symbol) -> str:
        name = self._names.get(id(symbol))
        if name is None:
            name = f"{symbol.unit.name}.{symbol.name}"
            if name in self._names.values():
                name = f"{symbol.unit.real}::{symbol.name}"
            self._names[id(symbol)] = name
        return name


class Expander:
    """Turns resolved atoms into logic atoms, expanding concepts in place with fresh variables."""

    def __init__(self, namer: Namer):
        self.namer = namer

    def expand(self, atoms: Iterable[ResolvedAtom], reserved: Iterable[str] = ()) -> tuple[Atom, ...]:
        """Expand ``atoms``; fresh variables avoid ``reserved`` and the atoms' own variables."""
        atoms = list(atoms)
        used = set(reserved) | {a for atom in atoms for a in atom.args}
        out: list[Atom] = []
        for atom in atoms:
            self._expand_one(atom.pred, atom.args, used, out)
        return _dedupe(out)

    def concept_formula(self, concept: ConceptSym) -> tuple[tuple[str, ...], tuple[Atom, ...]]:
        """The concept applied to its own parameters (made distinct): ``(parameters, atoms)``."""
        used: set[str] = set()
        params = tuple(fresh(var, used) for var, _ in concept.params)
        return params, self.concept_atoms(concept, params)

    def concept_atoms(self, concept: ConceptSym, args: Sequence[str], reserved: Iterable[str] = ()) -> tuple[Atom, ...]:
        """The expansion of ``concept(args)``: parameter kinds and the body, renamed apart."""
        used = set(reserved) | set(args)
        out: list[Atom] = []
        self._expand_one(concept, tuple(args), used, out)
        return _dedupe(out)

    def _expand_one(self, pred, args: tuple[str, ...], used: set[str], out: list[Atom]) -> None:
        """Append the expansion of ``pred(args)`` to ``out``, depth first, body atoms in order.

        Iterative (a stack of concepts being expanded), so the depth of nesting is bounded only
        by memory. Callers expand only usable concepts (see :mod:`.usable`); a concept met again
        inside its own expansion raises ``ValueError`` rather than expanding forever.
        """
        if isinstance(pred, (KindSym, RelationSym)):
            out.append(Atom(self.namer(pred), args))
            return
        stack: list[tuple[ConceptSym, dict[str, str], Iterator[ResolvedAtom]]] = []
        open_concepts: set[int] = set()

        def enter(concept: ConceptSym, arguments: tuple[str, ...]) -> None:
            if id(concept) in open_concepts:
                raise ValueError(f"concept '{concept.name}' is defined in terms of itself")
            mapping = {param: arg for (param, _), arg in zip(concept.params, arguments)}
            for (param, kind), arg in zip(concept.params, arguments):
                if kind is not None:
                    out.append(Atom(self.namer(kind), (arg,)))
            open_concepts.add(id(concept))
            stack.append((concept, mapping, iter(concept.body)))

        enter(pred, args)
        while stack:
            concept, mapping, body = stack[-1]
            atom = next(body, None)
            if atom is None:
                stack.pop()
                open_concepts.discard(id(concept))
                continue
            for var in atom.args:
                if var not in mapping:
                    mapping[var] = fresh(var, used)
            mapped = tuple(mapping[v] for v in atom.args)
            if isinstance(atom.pred, (KindSym, RelationSym)):
                out.append(Atom(self.namer(atom.pred), mapped))
            else:
                enter(atom.pred, mapped)


def fresh(base: str, used: set[str]) -> str:
    """``base`` if unused, else ``base_2``, ``base_3``...; the result is added to ``used``."""
    name = base
    for i in count(2):
        if name not in used:
            break
        name = f"{base}_{i}"
    used.add(name)
    return name


def _dedupe(atoms: Iterable[Atom]) -> tuple[Atom, ...]:
    return tuple(dict.fromkeys(atoms))


class TheoryBuilder:
    """The axioms of the base framing and of each framing visible from a root unit."""

    def __init__(self, root: Unit, namer: Namer | None = None):
        self.root = root
        self.namer = namer or Namer(root)
        self.expander = Expander(self.namer)
        self.units = all_units(root)
        self.base_axioms = tuple(self._declaration_axioms())
        self._rule_names = self._name_rules()
        self._theories: dict[int, Theory] = {}

    def base(self) -> Theory:
        return Theory("", self.base_axioms)

    def theory(self, framing: FramingSym | None) -> Theory:
        """The axioms under ``framing`` (None: the base framing), with extended framings' rules."""
        if framing is None:
            return self.base()
        cached = self._theories.get(id(framing))
        if cached is None:
            rules = [self.rule_axiom(rule) for rule in framing_rules(framing)]
            cached = Theory(self.namer(framing), self.base_axioms + tuple(r for r in rules if r is not None))
            self._theories[id(framing)] = cached
        return cached

    def rule_axiom(self, rule: RuleSym) -> Axiom | None:
        """The axiom of one rule, or None when the rule did not resolve completely."""
        atoms = rule.body + (rule.head if isinstance(rule.head, list) else [])
        memo: dict[int, bool] = {}
        if not rule.complete or not all(concept_usable(a.pred, memo) for a in atoms if isinstance(a.pred, ConceptSym)):
            return None
        body = self.expander.expand(rule.body)
        reserved = {v for a in body for v in a.args}
        label = f"rule {self._rule_names[id(rule)]}"
        if rule.head is None:
            axiom = Axiom(label, AxiomKind.RULE, body=body, is_false=True)
        elif isinstance(rule.head, tuple):
            axiom = Axiom(label, AxiomKind.RULE, body=body, equality=rule.head)
        else:
            head = self.expander.expand(rule.head, reserved=reserved | {v for a in rule.body for v in a.args})
            axiom = Axiom(label, AxiomKind.RULE, body=body, head=head)
        description = f"{_rule_text(rule)} (framing {rule.framing.name})"
        return replace(axiom, origin=AxiomOrigin(description, rule.decl.span))

    def _name_rules(self) -> dict[int, str]:
        """A name per rule, unique across everything loaded: the rule's own name where that is
        unambiguous, else qualified by its framing."""
        rules = [rule for unit in self.units for framing in unit.framings for rule in framing.rules]
        counts: dict[str, int] = {}
        for rule in rules:
            counts[rule.name] = counts.get(rule.name, 0) + 1
        names = {}
        for rule in rules:
            framing_name = self.namer(rule.framing)
            if counts[rule.name] > 1:
                names[id(rule)] = f"{framing_name}.{rule.name}"
            else:
                prefix = framing_name.rsplit(".", 1)[0] + "." if "." in framing_name else ""
                names[id(rule)] = prefix + rule.name
        return names

    def _declaration_axioms(self) -> Iterable[Axiom]:
        name = self.namer
        for unit in self.units:
            for kind in unit.kinds:
                if unit.own.get(kind.name) is not kind:
                    continue
                for parent, parent_node in zip(kind.parents, kind.decl.parents):
                    yield Axiom(
                        f"kind {name(kind)}: {name(parent)}", AxiomKind.SUBKIND,
                        body=(Atom(name(kind), ("x",)),), head=(Atom(name(parent), ("x",)),),
                        origin=AxiomOrigin(f"every {kind.name} is {article(parent.name)}", parent_node.span),
                    )
            for group in unit.disjoints:
                members = group.members
                for i, a in enumerate(members):
                    for b in members[i + 1:]:
                        if isinstance(a, KindSym):
                            body = (Atom(name(a), ("x",)), Atom(name(b), ("x",)))
                            kind = AxiomKind.DISJOINT_KINDS
                            text = f"nothing is both {article(a.name)} and {article(b.name)}"
                        else:
                            body = (Atom(name(a), ("x", "y")), Atom(name(b), ("x", "y")))
                            kind = AxiomKind.DISJOINT_RELATIONS
                            text = f"no pair is related by both {a.name} and {b.name}"
                        yield Axiom(f"disjoint {name(a)}, {name(b)}", kind, body=body, is_false=True,
                                    origin=AxiomOrigin(text, group.decl.span))
            for relation in unit.relations:
                if unit.own.get(relation.name) is not relation:
                    continue
                yield from self._relation_axioms(relation)

    def _relation_axioms(self, relation: RelationSym) -> Iterable[Axiom]:
        r = self.namer(relation)
        decl = relation.decl
        fact = Atom(r, ("x", "y"))
        if relation.domain is not None:
            yield Axiom(f"domain of {r}", AxiomKind.DOMAIN, body=(fact,), head=(Atom(self.namer(relation.domain), ("x",)),),
                        origin=AxiomOrigin(f"{relation.name} relates {article(relation.domain.name)} ...", decl.domain.span))
        if relation.range is not None:
            yield Axiom(f"range of {r}", AxiomKind.RANGE, body=(fact,), head=(Atom(self.namer(relation.range), ("y",)),),
                        origin=AxiomOrigin(f"{relation.name} relates ... to {article(relation.range.name)}", decl.range.span))
        for prop, span in relation.properties.items():
            label = f"{r} is {prop}"
            origin = AxiomOrigin(f"{relation.name} is {prop}", span)
            kind = PROPERTY_KINDS[prop]
            if prop == "functional":
                axiom = Axiom(label, kind, body=(fact, Atom(r, ("x", "z"))), equality=("y", "z"), origin=origin)
            elif prop == "inverse_functional":
                axiom = Axiom(label, kind, body=(Atom(r, ("x", "z")), Atom(r, ("y", "z"))), equality=("x", "y"), origin=origin)
            elif prop == "reflexive":
                if relation.domain is None:
                    continue
                axiom = Axiom(label, kind, body=(Atom(self.namer(relation.domain), ("x",)),), head=(Atom(r, ("x", "x")),), origin=origin)
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


def _rule_text(rule: RuleSym) -> str:
    def atoms(items) -> str:
        return ", ".join(f"{a.node.pred.text}({', '.join(a.args)})" for a in items)

    if rule.head is None:
        head = "false"
    elif isinstance(rule.head, tuple):
        head = f"{rule.head[0]} = {rule.head[1]}"
    else:
        head = atoms(rule.head)
    return f"{atoms(rule.body)} -> {head}"


def framing_rules(framing: FramingSym) -> list[RuleSym]:
    """The rules of ``framing`` and of every framing it extends, each once, ancestors first;
    safe on ``extends`` cycles (reported elsewhere)."""
    order = postorder(framing, lambda f: f.extends)
    return [rule for f in order for rule in f.rules]


def ancestors(framing: FramingSym) -> list[FramingSym]:
    """Every framing ``framing`` extends, transitively (not itself), ancestors first."""
    return [f for f in postorder(framing, lambda f: f.extends) if f is not framing]
