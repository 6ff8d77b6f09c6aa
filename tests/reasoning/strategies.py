"""Hypothesis strategies and brute-force oracles shared by the reasoning tests."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from alignspec.reasoning.instance import Instance
from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Theory
from alignspec.reasoning.termination import weak_acyclicity_violation

KINDS = ("A", "B", "C")
RELATIONS = ("R", "S")
TERNARY = ("T",)
VARS = ("x", "y", "z", "w")


@st.composite
def atom_lists(draw, variables=VARS, kinds=KINDS, relations=RELATIONS, min_size=1, max_size=4, ternary=TERNARY):
    n = draw(st.integers(min_size, max_size))
    out = []
    for _ in range(n):
        shape = draw(st.integers(0, 4 if ternary else 3))
        if shape <= 1:
            out.append(Atom(draw(st.sampled_from(kinds)), (draw(st.sampled_from(variables)),)))
        elif shape <= 3:
            out.append(Atom(draw(st.sampled_from(relations)),
                            (draw(st.sampled_from(variables)), draw(st.sampled_from(variables)))))
        else:
            out.append(Atom(draw(st.sampled_from(ternary)), tuple(draw(st.sampled_from(variables)) for _ in range(3))))
    return tuple(out)


@st.composite
def instances(draw, max_entities=4, kinds=KINDS, relations=RELATIONS, ternary=TERNARY):
    inst = Instance()
    nodes = [inst.add_entity(f"e{i}") for i in range(draw(st.integers(1, max_entities)))]
    for k in kinds:
        for n in nodes:
            if draw(st.integers(0, 2)):
                inst.add_fact(k, (n,))
    for r in relations:
        for s, t in itertools.product(nodes, nodes):
            if draw(st.integers(0, 2)) == 0:
                inst.add_fact(r, (s, t))
    for r in ternary:
        for args in itertools.product(nodes, repeat=3):
            if draw(st.integers(0, 4)) == 0:
                inst.add_fact(r, args)
    return inst


@st.composite
def axioms(draw, label, kinds=KINDS, relations=RELATIONS):
    body = draw(atom_lists(variables=("x", "y", "z"), kinds=kinds, relations=relations, max_size=2))
    shape = draw(st.sampled_from(["tgd"] * 6 + ["eq", "eq", "false"]))
    body_vars = sorted({v for a in body for v in a.args})
    if shape == "false":
        return Axiom(label, AxiomKind.RULE, body, is_false=True)
    if shape == "eq" and len(body_vars) >= 2:
        x, y = draw(st.permutations(body_vars))[:2]
        return Axiom(label, AxiomKind.RULE, body, equality=(x, y))
    head = draw(atom_lists(variables=tuple(body_vars) + ("e",), kinds=kinds, relations=relations, max_size=2))
    return Axiom(label, AxiomKind.RULE, body, head)


@st.composite
def weakly_acyclic_theories(draw, max_axioms=4, kinds=KINDS, relations=RELATIONS, acyclic=True):
    n = draw(st.integers(1, max_axioms))
    chosen = []
    for i in range(n):
        candidate = draw(axioms(f"r{i}", kinds, relations))
        if weak_acyclicity_violation(Theory("", tuple(chosen + [candidate]))) is None:
            chosen.append(candidate)
    if acyclic and draw(st.integers(0, 3)) == 0:
        r = draw(st.sampled_from(relations))
        chosen.append(Axiom(f"acyclic {r}", AxiomKind.ACYCLIC, relation=r))
    return Theory("", tuple(chosen))


def brute_force_homomorphisms(pattern, inst: Instance, fixed=None):
    """Every assignment of the pattern's variables to entities that makes all atoms facts."""
    variables = sorted({v for a in pattern for v in a.args})
    facts = set(inst.facts())
    found = []
    for values in itertools.product(inst.entities(), repeat=len(variables)):
        m = dict(zip(variables, values))
        if any(m[v] != inst.find(n) for v, n in (fixed or {}).items() if v in m):
            continue
        if all((a.pred, tuple(m[v] for v in a.args)) in facts for a in pattern):
            found.append(m)
    return found
