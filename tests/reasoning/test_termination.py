import random

from hypothesis import given, settings
from hypothesis import strategies as st

from alignspec.reasoning.logic import Theory
from alignspec.reasoning.termination import (
    dependency_graph,
    extended_termination,
    termination,
    weak_acyclicity_violation,
)

from .build import rule, theory
from .strategies import axioms


def test_rule_that_builds_a_new_model_from_a_model_is_not_weakly_acyclic():
    th = theory(rules=["r: Model(a) -> builds(a, b), Model(b)"])
    assert [a.label for a in weak_acyclicity_violation(th)] == ["r"]
    graph = dependency_graph(th)
    assert graph.edges[("Model", 0), ("Model", 0)]["special"]
    assert not graph.edges[("Model", 0), ("builds", 0)]["special"]


def test_cycle_through_two_rules_names_both_and_only_them():
    th = theory(relations=["builds(Optimizer, Model)"],
                rules=["make: Optimizer(a) -> builds(a, m)",
                       "mesa: builds(a, m) -> Optimizer(m)",
                       "unrelated: Model(x) -> Thing(x)"])
    assert [a.label for a in weak_acyclicity_violation(th)] == ["make", "mesa"]


def test_weakly_acyclic_sets():
    seed = theory(kinds=["MesaOptimizer: Model, Optimizer"],
                  relations=["optimizes(Optimizer, Objective) functional", "trains(Optimizer, Model) acyclic",
                             "aligned_with(Objective, Objective) reflexive transitive symmetric"],
                  rules=["has_goal: Optimizer(x) -> optimizes(x, g)",
                         "trained_is_mesa: trains(b, a) -> MesaOptimizer(a)",
                         "base: Model(m) -> trains(b, m)"])
    assert weak_acyclicity_violation(seed) is None
    assert weak_acyclicity_violation(Theory("", ())) is None


def test_existentials_without_frontier_do_not_create_edges():
    th = Theory("", (rule("r", "A(x) -> R(y, z), A(y)"),))
    assert dependency_graph(th).number_of_edges() == 0
    assert weak_acyclicity_violation(th) is None


def test_hundreds_of_rules_answer_fast():
    rng = random.Random(0)
    preds = [f"p{i}" for i in range(60)]
    rules = []
    for i in range(600):
        a, b, c = rng.sample(preds, 3)
        if rng.random() < 0.1:
            rules.append(f"r{i}: {a}(x, y) -> {b}(y, z)")
        else:
            rules.append(f"r{i}: {a}(x, y), {b}(y, w) -> {c}(x, w)")
    th = theory(rules=rules)
    bad = weak_acyclicity_violation(th)
    assert bad and all(a.label.startswith("r") for a in bad)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_termination_by_what_axioms_add_is_termination_from_the_start(data):
    drawn = [data.draw(axioms(f"r{i}")) for i in range(data.draw(st.integers(0, 6)))]
    split = data.draw(st.integers(0, len(drawn)))
    before = termination(Theory("", tuple(drawn[:split])))
    whole = Theory("", tuple(drawn))
    extended = extended_termination(before, whole, drawn[split:])
    assert extended == termination(whole)
    assert extended.violation == weak_acyclicity_violation(whole)


def test_rules_that_add_only_edges_already_there_keep_the_answer():
    before = termination(theory(rules=["a: R(x, y) -> S(x, y)"]))
    again = theory(rules=["a: R(x, y) -> S(x, y)", "b: R(u, v) -> S(u, v)"])
    assert extended_termination(before, again, again.axioms[1:]) is before
