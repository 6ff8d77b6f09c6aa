"""Minimal justifications that skip the chases of axioms proved necessary give exactly what the
plain deletion algorithm gives; and every axiom proved necessary is."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.chase import chase
from alignspec.reasoning.entailment import (
    canonical_instance,
    decide_implication,
    decide_satisfiable,
    minimal_justification,
)
from alignspec.reasoning.homomorphism import find_homomorphism
from alignspec.reasoning.logic import Atom, Axiom, AxiomKind, Budget, Theory
from alignspec.reasoning.necessity import Goal, Necessity
from alignspec.reasoning.status import Answer, ChaseStatus, Satisfiability

from .build import atoms, theory
from .strategies import KINDS, RELATIONS, atom_lists, weakly_acyclic_theories

SMALL = Budget(max_entities=60, max_facts=400, max_search_steps=20_000)
STEPS = tuple(f"P{i}" for i in range(6))
ALL_KINDS = KINDS + STEPS


def _implication_holds(th, lhs, rhs, budget):
    return decide_implication(th, lhs, rhs, budget, justify=False, verify=False, explain=False).status is Answer.HOLDS


def _unsatisfiable(th, atoms, budget):
    return decide_satisfiable(th, atoms, budget, justify=False).status is Satisfiability.UNSATISFIABLE


def deletion_reference(th: Theory, still_holds, seed) -> list[Axiom]:
    """The deletion algorithm with a chase for every axiom."""
    wanted = set(seed)
    current = [a for a in th.axioms if a.label in wanted]
    if not still_holds(th.subset(tuple(current))):
        current = list(th.axioms)
        if not still_holds(th):
            raise ValueError("the property does not hold under the whole theory")
    for axiom in list(current):
        trial = [a for a in current if a is not axiom]
        if still_holds(th.subset(tuple(trial))):
            current = trial
    return current


@st.composite
def chains(draw):
    """Steps ``P(i-1)(x) -> Pi(x)`` with shortcuts and detours: alternative derivations of one step."""
    n = draw(st.integers(2, len(STEPS) - 1))
    out = [Axiom(f"step{i}", AxiomKind.RULE, (Atom(STEPS[i - 1], ("x",)),), (Atom(STEPS[i], ("x",)),))
           for i in range(1, n + 1)]
    for j in range(draw(st.integers(0, 3))):
        i, k = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=2, unique=True)))
        via = draw(st.sampled_from(["direct", "relation", "both"]))
        if via == "direct":
            out.append(Axiom(f"shortcut{j}", AxiomKind.RULE, (Atom(STEPS[i], ("x",)),), (Atom(STEPS[k], ("x",)),)))
        elif via == "relation":
            out.append(Axiom(f"out{j}", AxiomKind.RULE, (Atom(STEPS[i], ("x",)),), (Atom("R", ("x", "e")),)))
            out.append(Axiom(f"back{j}", AxiomKind.RULE, (Atom("R", ("x", "y")),), (Atom(STEPS[k], ("x",)),)))
        else:
            out.append(Axiom(f"join{j}", AxiomKind.RULE, (Atom(STEPS[i], ("x",)), Atom("A", ("x",))),
                             (Atom(STEPS[k], ("x",)),)))
    return out


@st.composite
def theories(draw):
    """Chains and alternatives mixed with random rules, equalities, denials and acyclic axioms,
    in a random order."""
    rules = draw(chains()) if draw(st.integers(0, 3)) else []
    extra = draw(weakly_acyclic_theories(max_axioms=5, kinds=ALL_KINDS[:5]))
    mixed = rules + list(extra.axioms)
    order = draw(st.permutations(range(len(mixed))))
    return Theory("", tuple(mixed[i] for i in order))


def formulas(size=3):
    return atom_lists(variables=("x", "y", "z"), kinds=ALL_KINDS, relations=RELATIONS, max_size=size)


@st.composite
def sides(draw):
    """Two formulas; mostly the start of the chains on the left and a later step on the right."""
    lhs, rhs = draw(formulas()), draw(formulas(2))
    if draw(st.integers(0, 3)):
        lhs = (Atom("P0", ("x",)), *lhs[:draw(st.integers(0, 1))])
        rhs = (Atom(draw(st.sampled_from(STEPS[1:3] * 3 + STEPS[3:])), ("x",)), *rhs[:draw(st.integers(0, 3)) // 3])
    return lhs, rhs


def seeds(th: Theory):
    return st.sets(st.sampled_from([a.label for a in th.axioms])) if th.axioms else st.just(set())


def same_answer(th, still_holds, seed, goal):
    try:
        expected = deletion_reference(th, still_holds, seed)
    except ValueError:
        with pytest.raises(ValueError):
            minimal_justification(th, still_holds, seed, goal=goal)
        return
    assert minimal_justification(th, still_holds, seed, goal=goal) == expected


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_implication_justification_is_the_deletion_algorithms(data):
    th = data.draw(theories())
    lhs, rhs = data.draw(sides())
    seed = data.draw(seeds(th))
    goal = Goal(frozenset(a.pred for a in lhs), frozenset(a.pred for a in rhs), by_failure=True)
    same_answer(th, lambda t: _implication_holds(t, lhs, rhs, SMALL), seed, goal)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_unsatisfiability_justification_is_the_deletion_algorithms(data):
    th = data.draw(theories())
    lhs = data.draw(formulas(4))
    if data.draw(st.booleans()):
        lhs = (Atom("P0", ("x",)), *lhs)
    seed = data.draw(seeds(th))
    goal = Goal(frozenset(a.pred for a in lhs), None, by_failure=True)
    same_answer(th, lambda t: _unsatisfiable(t, lhs, SMALL), seed, goal)


def _world(given_atoms):
    """The canonical instance of the atoms with every entity named, as a scenario has them."""
    inst, var_map = canonical_instance(())
    for atom in given_atoms:
        for v in atom.args:
            if v not in var_map:
                var_map[v] = inst.add_entity(v, named=True)
    for atom in given_atoms:
        inst.add_fact(atom.pred, tuple(var_map[v] for v in atom.args))
    return inst, var_map


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_scenario_justification_is_the_deletion_algorithms(data):
    th = data.draw(theories())
    facts, pattern = data.draw(sides())
    seed = data.draw(seeds(th))
    world, var_map = _world(facts)
    fixed = {v: var_map[v] for a in pattern for v in a.args if v in var_map and data.draw(st.booleans())}

    def still_holds(sub):
        chased = chase(world, sub, SMALL)
        return chased.status is ChaseStatus.OK and find_homomorphism(
            pattern, chased.instance, fixed, SMALL.max_search_steps) is not None

    goal = Goal(frozenset(world.predicates()), frozenset(a.pred for a in pattern), by_failure=False, named=True)
    same_answer(th, still_holds, seed, goal)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_axiom_proved_necessary_is(data):
    th = data.draw(theories())
    lhs, rhs = data.draw(sides())
    unsatisfiable = data.draw(st.booleans())
    goal = Goal(frozenset(a.pred for a in lhs), None if unsatisfiable else frozenset(a.pred for a in rhs),
                by_failure=True)
    necessity = Necessity(th.axioms, goal)
    dominating = necessity.dominating(th.axioms)
    for axiom in th.axioms:
        proved = id(axiom) in dominating
        if proved:
            assert necessity.needed(th.axioms, axiom)
        if proved or necessity.needed(th.axioms, axiom):
            without = th.subset(tuple(a for a in th.axioms if a is not axiom))
            holds = _unsatisfiable(without, lhs, SMALL) if unsatisfiable else \
                _implication_holds(without, lhs, rhs, SMALL)
            assert not holds, axiom


def test_a_chain_is_proved_necessary_axiom_by_axiom_at_once():
    th = theory(rules=[f"step{i}: P{i - 1}(x) -> P{i}(x)" for i in range(1, 30)]
                + ["shortcut: P3(x) -> P7(x)", "unrelated: Q(x) -> P5(x)"])
    goal = Goal(frozenset({"P0"}), frozenset({"P29"}), by_failure=True)
    necessity = Necessity(th.axioms, goal)
    labels = {a.label for a in th.axioms if id(a) in necessity.dominating(th.axioms)}
    assert labels == {f"step{i}" for i in range(1, 30)} - {"step4", "step5", "step6", "step7"}
    step5 = th.by_label()["step5"]
    assert not necessity.needed(th.axioms, step5)


def test_a_rule_needs_every_body_predicate():
    th = theory(rules=["a: P(x) -> A(x)", "b: P(x) -> B(x)", "both: A(x), B(x) -> C(x)"])
    goal = Goal(frozenset({"P"}), frozenset({"C"}), by_failure=True)
    necessity = Necessity(th.axioms, goal)
    assert {a.label for a in th.axioms if id(a) in necessity.dominating(th.axioms)} == {"both"}
    assert all(necessity.needed(th.axioms, a) for a in th.axioms)


def test_an_equality_fails_a_chase_only_between_named_entities():
    th = theory(relations=["R(A, B) functional"])
    functional = th.by_label()["relation R functional"]
    unnamed = Goal(frozenset({"R"}), None, by_failure=True)
    named = Goal(frozenset({"R"}), None, by_failure=True, named=True)
    assert Necessity(th.axioms, unnamed).needed(th.axioms, functional)
    assert not Necessity(th.axioms, named).needed(th.axioms, th.by_label()["relation R domain"])


def test_justification_of_a_chain_through_decide_implication():
    th = theory(rules=[f"step{i}: P{i - 1}(x) -> P{i}(x)" for i in range(1, 40)] + ["other: P0(x) -> R(x, y)"])
    result = decide_implication(th, atoms("P0(x)"), atoms("P39(x)"))
    assert [a.label for a in result.justification] == [f"step{i}" for i in range(1, 40)]
