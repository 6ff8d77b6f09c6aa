"""Small text helpers that build atoms, axioms and theories for the reasoning tests."""

from __future__ import annotations

import re

from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory

_ATOM = re.compile(r"\s*(\w+)\s*\(([^)]*)\)\s*")


def atoms(text: str) -> tuple[Atom, ...]:
    """``"A(x), R(x, y)"`` -> atoms."""
    return tuple(Atom(m.group(1), tuple(a.strip() for a in m.group(2).split(",")))
                 for m in _ATOM.finditer(text))


def rule(label: str, text: str, kind: AxiomKind = AxiomKind.RULE) -> Axiom:
    """``"body -> head"`` where head is atoms, ``x = y`` or ``false``."""
    body, head = (p.strip() for p in text.split("->"))
    if head == "false":
        return Axiom(label, kind, atoms(body), is_false=True)
    if "=" in head:
        x, y = (v.strip() for v in head.split("="))
        return Axiom(label, kind, atoms(body), equality=(x, y))
    return Axiom(label, kind, atoms(body), atoms(head))


def relation_axioms(decl: str) -> list[Axiom]:
    """``"R(D, E) functional acyclic"`` -> the axioms LANGUAGE.md gives such a declaration."""
    m = re.match(r"\s*(\w+)\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)(.*)", decl)
    r, d, e, props = m.group(1), m.group(2), m.group(3), m.group(4).split()
    K = AxiomKind
    out = [rule(f"relation {r} domain", f"{r}(x, y) -> {d}(x)", K.DOMAIN),
           rule(f"relation {r} range", f"{r}(x, y) -> {e}(y)", K.RANGE)]
    forms = {
        "functional": (K.FUNCTIONAL, f"{r}(x, y), {r}(x, z) -> y = z"),
        "inverse_functional": (K.INVERSE_FUNCTIONAL, f"{r}(x, z), {r}(y, z) -> x = y"),
        "reflexive": (K.REFLEXIVE, f"{d}(x) -> {r}(x, x)"),
        "irreflexive": (K.IRREFLEXIVE, f"{r}(x, x) -> false"),
        "symmetric": (K.SYMMETRIC, f"{r}(x, y) -> {r}(y, x)"),
        "asymmetric": (K.ASYMMETRIC, f"{r}(x, y), {r}(y, x) -> false"),
        "transitive": (K.TRANSITIVE, f"{r}(x, y), {r}(y, z) -> {r}(x, z)"),
    }
    for p in props:
        if p == "acyclic":
            out.append(Axiom(f"relation {r} acyclic", K.ACYCLIC, relation=r))
        else:
            kind, text = forms[p]
            out.append(rule(f"relation {r} {p}", text, kind))
    return out


def theory(kinds=(), relations=(), disjoint=(), rules=(), name="") -> Theory:
    """Kinds ``"A: B, C"``, relations ``"R(D, E) props"``, disjoint ``"A, B"``, rules ``"name: body -> head"``."""
    axioms: list[Axiom] = []
    for decl in kinds:
        if ":" in decl:
            k, parents = decl.split(":")
            for p in parents.split(","):
                axioms.append(rule(f"kind {k.strip()}: {p.strip()}", f"{k.strip()}(x) -> {p.strip()}(x)",
                                   AxiomKind.SUBKIND))
    for decl in relations:
        axioms.extend(relation_axioms(decl))
    for decl in disjoint:
        a, b = (x.strip() for x in decl.split(","))
        axioms.append(rule(f"disjoint {a}, {b}", f"{a}(x), {b}(x) -> false", AxiomKind.DISJOINT_KINDS))
    for decl in rules:
        label, text = decl.split(":", 1)
        axioms.append(rule(label.strip(), text))
    return Theory(name, tuple(axioms))
