import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.entailment import (
    canonical_instance,
    decide_implication,
    decide_satisfiable,
    minimal_justification,
)
from alignspec.reasoning.logic import Atom, AxiomKind, Budget

from .build import atoms, theory
from .strategies import atom_lists, weakly_acyclic_theories

SMALL = Budget(max_entities=200, max_facts=2000, max_search_steps=100_000)


def seed_theory(with_rules=True, extra=()):
    rules = ["trained_is_mesa: trains(b, a) -> MesaOptimizer(a)",
             "behavior_is_mesa: MesaOptimizer(a), behavioral_objective(a, o) -> mesa_objective(a, o)"]
    rules = (rules if with_rules else []) + list(extra)
    return theory(kinds=["Optimizer", "Model", "MesaOptimizer: Model, Optimizer", "Objective"],
                  relations=["trains(Optimizer, Model) inverse_functional",
                             "optimizes(Optimizer, Objective) functional",
                             "behavioral_objective(Model, Objective) functional",
                             "mesa_objective(MesaOptimizer, Objective) functional",
                             "aligned_with(Objective, Objective) reflexive"],
                  rules=rules)


OBJECTIVE_ROBUST = atoms("Model(a), trains(b, a), optimizes(b, base), behavioral_objective(a, beh), "
                         "aligned_with(beh, base)")
INNER_ALIGNED = atoms("MesaOptimizer(a), trains(b2, a), optimizes(b2, base2), mesa_objective(a, mo), "
                      "aligned_with(mo, base2)")


def test_seed_objective_robust_implies_inner_aligned_with_the_two_rules():
    result = decide_implication(seed_theory(), OBJECTIVE_ROBUST, INNER_ALIGNED)
    assert result.status == "holds" and not result.lhs_unsatisfiable
    assert {a.label for a in result.justification} == {"trained_is_mesa", "behavior_is_mesa"}
    assert result.match["a"] == result.var_map["a"]


def test_seed_without_the_rules_fails_with_a_counterexample():
    th = seed_theory(with_rules=False)
    result = decide_implication(th, OBJECTIVE_ROBUST, INNER_ALIGNED)
    assert result.status == "fails"
    assert {Atom("MesaOptimizer", ("a",)), Atom("mesa_objective", ("a", "mo"))} <= set(result.unmatched)
    assert result.verified is True
    inst = result.instance
    assert inst.label(result.var_map["a"]) == "a"
    assert "Model" in inst.kinds_of(result.var_map["a"])


def test_seed_converse_direction():
    th = seed_theory()
    result = decide_implication(th, INNER_ALIGNED, OBJECTIVE_ROBUST)
    assert result.status == "fails"
    assert result.unmatched == [Atom("behavioral_objective", ("a", "beh"))]


def test_canonical_instance_has_one_entity_per_variable():
    inst, var_map = canonical_instance(atoms("R(x, y), A(x), R(y, y)"))
    assert list(var_map) == ["x", "y"]
    assert [inst.label(n) for n in inst.entities()] == ["x", "y"]
    assert not any(inst.is_named(n) for n in inst.entities())
    assert len(inst.facts()) == 3


def test_unsatisfiable_left_side_implies_anything():
    th = theory(kinds=["Heuristic: Model"], disjoint=["Heuristic, Optimizer"],
                rules=["mesa: builds(b, a) -> Optimizer(a)"])
    result = decide_implication(th, atoms("Heuristic(p), builds(x, p)"), atoms("Unrelated(p)"))
    assert result.status == "holds" and result.lhs_unsatisfiable
    assert result.failure.axiom.label == "disjoint Heuristic, Optimizer"
    assert {a.label for a in result.justification} == {"mesa", "disjoint Heuristic, Optimizer"}
    sat = decide_satisfiable(th, atoms("Heuristic(p), builds(x, p)"))
    assert sat.status == "unsatisfiable"
    assert {a.label for a in sat.justification} == {"mesa", "disjoint Heuristic, Optimizer"}
    assert decide_satisfiable(th, atoms("Heuristic(p)")).status == "satisfiable"


def test_acyclic_axiom_counts_in_a_justification():
    th = theory(relations=["trains(Optimizer, Model) acyclic"], rules=["self: Model(a) -> trains(a, a)"])
    sat = decide_satisfiable(th, atoms("Model(m)"))
    assert sat.status == "unsatisfiable"
    assert {a.label for a in sat.justification} == {"self", "relation trains acyclic"}


def test_justification_through_a_merge_of_shared_variables():
    th = theory(relations=["optimizes(Optimizer, Objective) functional"])
    result = decide_implication(th, atoms("optimizes(o, x), optimizes(o, y), A(x), B(y)"), atoms("A(y), B(x)"))
    assert result.status == "holds"
    assert [a.label for a in result.justification] == ["relation optimizes functional"]
    same = decide_implication(th, atoms("optimizes(o, x), optimizes(o, y), A(x), A(y)"), atoms("R(x, y)"))
    assert same.status == "fails"
    merged = decide_implication(th, atoms("optimizes(o, x), optimizes(o, y), R(x, x)"), atoms("R(y, x)"))
    assert merged.status == "holds"
    assert [a.label for a in merged.justification] == ["relation optimizes functional"]


def test_non_terminating_theory_gives_unknown():
    th = theory(rules=["r: Model(a) -> builds(a, b), Model(b)"])
    result = decide_implication(th, atoms("Model(m)"), atoms("Human(m)"), Budget(max_entities=100))
    assert result.status == "unknown"
    assert decide_satisfiable(th, atoms("Model(m)"), Budget(max_entities=100)).status == "unknown"


def test_minimal_justification_rejects_a_property_that_never_holds():
    th = theory(rules=["r: A(x) -> B(x)"])
    with pytest.raises(ValueError):
        minimal_justification(th, lambda t: False, {"r"})


def _small_worlds(kinds, relations, max_entities):
    """Every world over the signature with 1..max_entities entities, as (entities, fact set)."""
    worlds = []
    for n in range(1, max_entities + 1):
        slots = [(k, (i,)) for k in kinds for i in range(n)]
        slots += [(r, (i, j)) for r in relations for i in range(n) for j in range(n)]
        for bits in range(1 << len(slots)):
            worlds.append((n, frozenset(s for b, s in enumerate(slots) if bits >> b & 1)))
    return worlds


def _assignments(pattern, n, facts, start):
    variables = sorted({v for a in pattern for v in a.args} - set(start))
    for values in itertools.product(range(n), repeat=len(variables)):
        m = dict(start, **dict(zip(variables, values)))
        if all((a.pred, tuple(m[v] for v in a.args)) in facts for a in pattern):
            yield m


def _cyclic(pairs):
    edges = {}
    for s, t in pairs:
        edges.setdefault(s, set()).add(t)
    def reach(a, b, seen):
        return any(c == b or (c not in seen and not seen.add(c) and reach(c, b, seen)) for c in edges.get(a, ()))
    return any(reach(t, s, set()) for s, t in pairs)


def _is_model(th, n, facts):
    for ax in th.axioms:
        if ax.kind is AxiomKind.ACYCLIC:
            if _cyclic([args for p, args in facts if p == ax.relation]):
                return False
            continue
        for m in _assignments(ax.body, n, facts, {}):
            if ax.is_false:
                return False
            if ax.equality is not None:
                if m[ax.equality[0]] != m[ax.equality[1]]:
                    return False
            elif next(_assignments(ax.head, n, facts, m), None) is None:
                return False
    return True


def _countermodel(models, lhs, rhs):
    shared = {v for a in lhs for v in a.args} & {v for a in rhs for v in a.args}
    for n, facts in models:
        for m in _assignments(lhs, n, facts, {}):
            if next(_assignments(rhs, n, facts, {v: m[v] for v in shared}), None) is None:
                return n, facts
    return None


WORLDS_AB_R = _small_worlds(("A", "B"), ("R",), 2) + [w for w in _small_worlds(("A",), ("R",), 3) if w[0] == 3]


@settings(max_examples=25, deadline=None)
@given(weakly_acyclic_theories(max_axioms=3, kinds=("A", "B"), relations=("R",)),
       st.lists(st.tuples(atom_lists(variables=("x", "y", "z"), kinds=("A", "B"), relations=("R",), max_size=3),
                          atom_lists(variables=("x", "y", "u"), kinds=("A", "B"), relations=("R",), max_size=2)),
                min_size=4, max_size=4))
def test_implications_that_hold_have_no_small_countermodel(th, claims):
    models = [w for w in WORLDS_AB_R if _is_model(th, *w)]
    for lhs, rhs in claims:
        result = decide_implication(th, lhs, rhs, SMALL)
        if result.status == "unknown":
            continue
        counter = _countermodel(models, lhs, rhs)
        if result.status == "holds":
            assert counter is None, (lhs, rhs, counter)
            labels = {a.label for a in result.justification}
            assert decide_implication(th.only(labels), lhs, rhs, SMALL, justify=False).status == "holds"
            for label in labels:
                assert decide_implication(th.only(labels - {label}), lhs, rhs, SMALL,
                                          justify=False).status != "holds"
        else:
            assert result.verified is True


@settings(max_examples=60, deadline=None)
@given(weakly_acyclic_theories(max_axioms=5), atom_lists(max_size=4))
def test_unsatisfiability_justifications_are_minimal_and_sufficient(th, formula):
    result = decide_satisfiable(th, formula, SMALL)
    if result.status != "unsatisfiable":
        return
    labels = {a.label for a in result.justification}
    assert decide_satisfiable(th.only(labels), formula, SMALL, justify=False).status == "unsatisfiable"
    for label in labels:
        assert decide_satisfiable(th.only(labels - {label}), formula, SMALL, justify=False).status != "unsatisfiable"


@settings(max_examples=60, deadline=None)
@given(weakly_acyclic_theories(max_axioms=5), atom_lists(max_size=4), atom_lists(variables=("x", "y", "v"), max_size=3))
def test_implication_justifications_are_minimal_and_sufficient(th, lhs, rhs):
    result = decide_implication(th, lhs, rhs, SMALL)
    if result.status != "holds":
        return
    labels = {a.label for a in result.justification}
    assert decide_implication(th.only(labels), lhs, rhs, SMALL, justify=False).status == "holds"
    for label in labels:
        assert decide_implication(th.only(labels - {label}), lhs, rhs, SMALL, justify=False).status != "holds"
