"""One seeded EL ontology written twice: as an AlignSpec spec and as OWL 2 functional syntax.

The ontology is in the description logic EL with role hierarchies, role chains, transitive
roles, domains, ranges and disjoint classes (the OWL 2 EL profile):

- the ten kinds of ``generate.CLASSIFICATION_KINDS`` (a tree under ``Entity``) and its three
  disjoint pairs: ``kind A: B`` is ``SubClassOf(A B)``, ``disjoint A, B`` is
  ``DisjointClasses(A B)``;
- relations ``r0 ... r23``: ``relation r(D, E)`` is ``ObjectPropertyDomain(r D)`` and
  ``ObjectPropertyRange(r E)`` (exactly the signature axioms ``r(x,y) -> D(x)``,
  ``r(x,y) -> E(y)``); ``relation r(D, E): s`` adds ``SubObjectPropertyOf(r s)``;
  ``transitive`` is ``TransitiveObjectProperty(r)``;
- the framing ``F``, whose rules are EL axioms: role chains ``r(x,y), s(y,z) -> t(x,z)``
  (``SubObjectPropertyOf(ObjectPropertyChain(r s) t)``), existential axioms
  ``K(x) -> r(x,w), A(w)`` (``SubClassOf(K ObjectSomeValuesFrom(r A))``) and conjunctive ones
  ``K(x), r(x,y), A(y) -> B(x)`` (``SubClassOf(ObjectIntersectionOf(K ObjectSomeValuesFrom(r A)) B)``),
  kept only while the whole set stays weakly acyclic, as AlignSpec requires;
- ``n`` unary concepts ``c0 ...`` whose bodies are trees rooted at the parameter:
  ``concept c(x: K) := r(x,u1), A(u1), s(u1,u2), d(x)`` is
  ``EquivalentClasses(c ObjectIntersectionOf(K ObjectSomeValuesFrom(r ObjectIntersectionOf(A
  ObjectSomeValuesFrom(s owl:Thing))) d))``. Bodies are assembled from a pool of shared
  sub-trees, some of them generalisations of others (a super-role, a parent kind, a dropped
  kind) and some the heads or bodies of the framing's axioms, so that many concepts subsume
  others, directly or through the axioms.

Why the two agree on subsumption between the concepts: the axioms are Horn (no negation, no
disjunction, no functional roles, hence no equality), so the chase of a concept's canonical
instance under ``F`` is a universal model of it, and a tree-shaped body maps into that model at
the parameter exactly when the model's root is an instance of the corresponding EL class
expression. The concept definitions are acyclic, so unfolding them loses nothing. Role chains
respect the EL profile's condition on ranges (the range of the chain's last role implies the
range of the super-role), so an EL reasoner is complete on the OWL side. Every rule and body is
kept free of static kind clashes, and existential axioms only apply to members of the role's
domain, so no concept is unsatisfiable; the comparison still handles ones that are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.generate import ANCESTORS, CLASSIFICATION_DISJOINT, CLASSIFICATION_KINDS

IRI = "http://example.org/alignspec/el"
KINDS = tuple(k for k, _ in CLASSIFICATION_KINDS)
PARAMETER_KINDS = ("Agent", "AISystem", "Model", "Human", "Artifact", "Dataset", "Goal", "Reward")


@dataclass(frozen=True)
class Node:
    """A node of an EL tree: kinds, named concepts it belongs to, and edges ``(role, child)``."""

    kinds: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    edges: tuple[tuple[str, Node], ...] = ()


@dataclass(frozen=True)
class Relation:
    name: str
    domain: str
    range: str
    parent: str | None = None
    transitive: bool = False


@dataclass(frozen=True)
class Chain:
    """``first(x,y), second(y,z) -> implied(x,z)``."""

    first: str
    second: str
    implied: str


@dataclass(frozen=True)
class Existential:
    """``kind(x) -> role(x,w), filler(w)``."""

    kind: str
    role: str
    filler: str


@dataclass(frozen=True)
class Conjunctive:
    """``kind(x), role(x,y), filler(y) -> implied(x)``."""

    kind: str
    role: str
    filler: str
    implied: str


@dataclass(frozen=True)
class Concept:
    name: str
    kind: str
    body: Node


@dataclass
class Workload:
    """An EL ontology: what both writers need."""

    seed: int
    relations: list[Relation] = field(default_factory=list)
    axioms: list[Chain | Existential | Conjunctive] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)


def _closure(kinds: set[str]) -> set[str]:
    return {a for k in kinds for a in ANCESTORS[k]}


def _clash(kinds: set[str]) -> bool:
    closed = _closure(kinds)
    return any(a in closed and b in closed for a, b in CLASSIFICATION_DISJOINT)


def _is_a(kind: str, ancestor: str) -> bool:
    return ancestor in ANCESTORS[kind]


class _Builder:
    def __init__(self, n: int, seed: int, relations: int, axioms: int, motifs: int):
        self.rng = random.Random(seed)
        self.workload = Workload(seed)
        self.rels: dict[str, Relation] = {}
        self._relations(relations)
        self._axioms(axioms)
        self.pool = self._motifs(motifs)
        self._concepts(n)

    # -- relations ---------------------------------------------------------------------------

    def _relations(self, count: int) -> None:
        rng = self.rng
        for i in range(count):
            domain = rng.choice(KINDS[1:])
            transitive = i % 6 == 0
            range_ = domain if transitive else rng.choice(KINDS[1:])
            parents = [r for r in self.rels.values()
                       if _is_a(domain, r.domain) and _is_a(range_, r.range) and not transitive]
            parent = rng.choice(parents).name if parents and rng.random() < 0.6 else None
            rel = Relation(f"r{i}", domain, range_, parent, transitive)
            self.rels[rel.name] = rel
            self.workload.relations.append(rel)

    def supers(self, role: str) -> list[str]:
        out = []
        parent = self.rels[role].parent
        while parent is not None:
            out.append(parent)
            parent = self.rels[parent].parent
        return out

    # -- the framing -------------------------------------------------------------------------

    def _axioms(self, count: int) -> None:
        rng = self.rng
        names = list(self.rels)
        attempts = 0
        while len(self.workload.axioms) < count and attempts < 20_000:
            attempts += 1
            shape = rng.random()
            r = self.rels[rng.choice(names)]
            axiom: Chain | Existential | Conjunctive
            if shape < 0.35:
                s = self.rels[rng.choice(names)]
                candidates = [t for t in self.rels.values()
                              if _is_a(s.range, t.range) and not _clash({r.domain, t.domain})]
                if _clash({r.range, s.domain}) or not candidates:
                    continue
                axiom = Chain(r.name, s.name, rng.choice(candidates).name)
            elif shape < 0.7:
                kinds = [k for k in KINDS if _is_a(k, r.domain)]
                fillers = [k for k in KINDS if not _clash({k, r.range})]
                axiom = Existential(rng.choice(kinds), r.name, rng.choice(fillers))
            else:
                kinds = [k for k in KINDS if not _clash({k, r.domain})]
                kind = rng.choice(kinds)
                fillers = [k for k in KINDS if not _clash({k, r.range})]
                implied = [k for k in KINDS if not _clash({k, kind, r.domain}) and k not in _closure({kind, r.domain})]
                if not implied:
                    continue
                axiom = Conjunctive(kind, r.name, rng.choice(fillers), rng.choice(implied))
            if axiom in self.workload.axioms or not self._terminates(self.workload.axioms + [axiom]):
                continue
            self.workload.axioms.append(axiom)

    def _terminates(self, axioms: list) -> bool:
        from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory
        from alignspec.reasoning.termination import weak_acyclicity_violation

        out = []

        def add(label: str, body: list[Atom], head: list[Atom]) -> None:
            out.append(Axiom(label, AxiomKind.RULE, body=tuple(body), head=tuple(head)))

        for kind, parent in CLASSIFICATION_KINDS:
            if parent:
                add(f"k{kind}", [Atom(kind, ("x",))], [Atom(parent, ("x",))])
        for rel in self.rels.values():
            edge = Atom(rel.name, ("x", "y"))
            add(f"d{rel.name}", [edge], [Atom(rel.domain, ("x",))])
            add(f"e{rel.name}", [edge], [Atom(rel.range, ("y",))])
            if rel.parent:
                add(f"p{rel.name}", [edge], [Atom(rel.parent, ("x", "y"))])
            if rel.transitive:
                add(f"t{rel.name}", [edge, Atom(rel.name, ("y", "z"))], [Atom(rel.name, ("x", "z"))])
        for i, axiom in enumerate(axioms):
            body, head = rule_atoms(axiom)
            add(f"a{i}", [Atom(p, a) for p, a in body], [Atom(p, a) for p, a in head])
        return weak_acyclicity_violation(Theory("F", tuple(out))) is None

    # -- concept bodies ----------------------------------------------------------------------

    def _tree(self, depth: int, incoming: str) -> Node:
        """A random node under an edge of role ``incoming``, at most ``depth`` edges deep."""
        rng = self.rng
        forced = {self.rels[incoming].range}
        kinds: list[str] = []
        if rng.random() < 0.5:
            options = [k for k in KINDS if not _clash(forced | {k}) and k not in _closure(forced)]
            if options:
                kind = rng.choice(options)
                kinds.append(kind)
                forced.add(kind)
        edges = []
        if depth > 0 and rng.random() < 0.55:
            roles = [r for r in self.rels.values() if not _clash(forced | {r.domain})]
            role = rng.choice(roles).name
            edges.append((role, self._tree(depth - 1, role)))
        return Node(tuple(kinds), (), tuple(edges))

    def _generalise(self, role: str, node: Node) -> tuple[str, Node]:
        """A branch that every instance of ``role``/``node`` is also an instance of."""
        rng = self.rng
        supers = self.supers(role)
        if supers and rng.random() < 0.5:
            return rng.choice(supers), node
        if node.kinds:
            parent = dict(CLASSIFICATION_KINDS)[node.kinds[0]]
            kinds = node.kinds[1:] if parent is None or rng.random() < 0.4 else (parent, *node.kinds[1:])
            return role, Node(kinds, node.concepts, node.edges)
        if node.edges:
            return role, Node(node.kinds, node.concepts, node.edges[1:])
        return role, node

    def _motifs(self, count: int) -> list[tuple[str, Node]]:
        """Branches at a concept's root: ``(role, subtree)``; kinds at the root are ``("", Node(kinds))``."""
        rng = self.rng
        pool: list[tuple[str, Node]] = []
        for axiom in self.workload.axioms:
            if isinstance(axiom, Existential):
                pool.append((axiom.role, Node((axiom.filler,))))
            elif isinstance(axiom, Conjunctive):
                pool.append((axiom.role, Node((axiom.filler,))))
                pool.append(("", Node((axiom.kind,))))
            else:
                second = self.rels[axiom.second]
                pool.append((axiom.first, Node((), (), ((axiom.second, Node((second.range,))),))))
        while len(pool) < count:
            role = rng.choice(list(self.rels))
            branch = (role, self._tree(rng.choice((0, 1, 1, 2)), role))
            pool.append(branch)
            if rng.random() < 0.5:
                pool.append(self._generalise(*branch))
        return pool

    def _concepts(self, n: int) -> None:
        rng = self.rng
        made: list[Concept] = []
        while len(made) < n:
            kind = rng.choice(PARAMETER_KINDS)
            forced = {kind}
            kinds: list[str] = []
            concepts: list[str] = []
            edges: list[tuple[str, Node]] = []
            target = rng.randint(2, 4)
            tries = 0
            while len(kinds) + len(concepts) + len(edges) < target and tries < 50:
                tries += 1
                if made and rng.random() < 0.06:
                    used = rng.choice(made[-200:])
                    if _clash(forced | {used.kind}) or used.name in concepts:
                        continue
                    if rng.random() < 0.5:
                        concepts.append(used.name)
                        forced.add(used.kind)
                    else:
                        roles = [r for r in self.rels.values()
                                 if not _clash(forced | {r.domain}) and not _clash({r.range, used.kind})]
                        if roles:
                            role = rng.choice(roles)
                            edges.append((role.name, Node((), (used.name,))))
                            forced.add(role.domain)
                    continue
                role, node = rng.choice(self.pool)
                if not role:
                    if not _clash(forced | set(node.kinds)) and node.kinds[0] not in _closure(forced):
                        kinds.extend(node.kinds)
                        forced.update(node.kinds)
                    continue
                if _clash(forced | {self.rels[role].domain}) or (role, node) in edges:
                    continue
                edges.append((role, node))
                forced.add(self.rels[role].domain)
            if not edges and not concepts:
                continue
            made.append(Concept(f"c{len(made)}", kind, Node(tuple(kinds), tuple(concepts), tuple(edges))))
        self.workload.concepts = made


def rule_atoms(axiom: Chain | Existential | Conjunctive) -> tuple[list, list]:
    """An axiom of the framing as a rule: (body, head), atoms as ``(predicate, args)``."""
    if isinstance(axiom, Chain):
        return ([(axiom.first, ("x", "y")), (axiom.second, ("y", "z"))], [(axiom.implied, ("x", "z"))])
    if isinstance(axiom, Existential):
        return ([(axiom.kind, ("x",))], [(axiom.role, ("x", "w")), (axiom.filler, ("w",))])
    return ([(axiom.kind, ("x",)), (axiom.role, ("x", "y")), (axiom.filler, ("y",))], [(axiom.implied, ("x",))])


def el_workload(n: int, seed: int = 0, relations: int = 24, axioms: int = 24, motifs: int = 60) -> Workload:
    """The seeded EL ontology with ``n`` concepts."""
    return _Builder(n, seed, relations, axioms, motifs).workload


# ---------------------------------------------------------------------------------------------
# AlignSpec


def _atoms(node: Node, var: str, counter: list[int]) -> list[str]:
    out = [f"{k}({var})" for k in node.kinds] + [f"{c}({var})" for c in node.concepts]
    for role, child in node.edges:
        counter[0] += 1
        child_var = f"u{counter[0]}"
        out.append(f"{role}({var}, {child_var})")
        out.extend(_atoms(child, child_var, counter))
    return out


def _atom_text(atom: tuple[str, tuple[str, ...]]) -> str:
    return f"{atom[0]}({', '.join(atom[1])})"


def to_align(workload: Workload) -> str:
    """The workload as an AlignSpec spec; the concepts are classified under framing ``F``."""
    lines = [f'spec el_{workload.seed} "a synthetic EL ontology, also written as OWL"', ""]
    for kind, parent in CLASSIFICATION_KINDS:
        lines.append(f"kind {kind}" + (f": {parent}" if parent else ""))
    for a, b in CLASSIFICATION_DISJOINT:
        lines.append(f"disjoint {a}, {b}")
    lines.append("")
    for rel in workload.relations:
        lines.append(f"relation {rel.name}({rel.domain}, {rel.range})" + (f": {rel.parent}" if rel.parent else "")
                     + (" transitive" if rel.transitive else ""))
    lines.append("")
    for concept in workload.concepts:
        body = ", ".join(_atoms(concept.body, "x", [0]))
        lines.append(f"concept {concept.name}(x: {concept.kind}) := {body}")
    lines.append("")
    lines.append('framing F "the EL axioms" {')
    for i, axiom in enumerate(workload.axioms):
        body, head = rule_atoms(axiom)
        lines.append(f"    rule ax{i}: {', '.join(map(_atom_text, body))} -> {', '.join(map(_atom_text, head))}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# OWL 2 functional syntax


def _and(parts: list[str]) -> str:
    if not parts:
        return "owl:Thing"
    if len(parts) == 1:
        return parts[0]
    return f"ObjectIntersectionOf({' '.join(parts)})"


def _expression(node: Node, extra: tuple[str, ...] = ()) -> str:
    parts = [f":{k}" for k in dict.fromkeys((*extra, *node.kinds))] + [f":{c}" for c in node.concepts]
    parts += [f"ObjectSomeValuesFrom(:{role} {_expression(child)})" for role, child in node.edges]
    return _and(parts)


def to_owl(workload: Workload) -> str:
    """The workload as an OWL 2 ontology in functional syntax."""
    lines = [f"Prefix(:=<{IRI}#>)", "Prefix(owl:=<http://www.w3.org/2002/07/owl#>)", f"Ontology(<{IRI}>"]
    lines += [f"Declaration(Class(:{k}))" for k in KINDS]
    lines += [f"Declaration(Class(:{c.name}))" for c in workload.concepts]
    lines += [f"Declaration(ObjectProperty(:{r.name}))" for r in workload.relations]
    for kind, parent in CLASSIFICATION_KINDS:
        if parent:
            lines.append(f"SubClassOf(:{kind} :{parent})")
    lines += [f"DisjointClasses(:{a} :{b})" for a, b in CLASSIFICATION_DISJOINT]
    for rel in workload.relations:
        lines.append(f"ObjectPropertyDomain(:{rel.name} :{rel.domain})")
        lines.append(f"ObjectPropertyRange(:{rel.name} :{rel.range})")
        if rel.parent:
            lines.append(f"SubObjectPropertyOf(:{rel.name} :{rel.parent})")
        if rel.transitive:
            lines.append(f"TransitiveObjectProperty(:{rel.name})")
    for axiom in workload.axioms:
        if isinstance(axiom, Chain):
            lines.append(f"SubObjectPropertyOf(ObjectPropertyChain(:{axiom.first} :{axiom.second}) :{axiom.implied})")
        elif isinstance(axiom, Existential):
            lines.append(f"SubClassOf(:{axiom.kind} ObjectSomeValuesFrom(:{axiom.role} :{axiom.filler}))")
        else:
            lines.append(f"SubClassOf(ObjectIntersectionOf(:{axiom.kind} "
                         f"ObjectSomeValuesFrom(:{axiom.role} :{axiom.filler})) :{axiom.implied})")
    for concept in workload.concepts:
        lines.append(f"EquivalentClasses(:{concept.name} {_expression(concept.body, (concept.kind,))})")
    lines.append(")")
    return "\n".join(lines) + "\n"
