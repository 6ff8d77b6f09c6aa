import random

import networkx as nx

from alignspec.reasoning.classification import classify
from alignspec.reasoning.entailment import decide_implication
from alignspec.reasoning.logic import Atom, Budget

from .build import atoms, theory
from .test_entailment import INNER_ALIGNED, OBJECTIVE_ROBUST, seed_theory


def _concept(params, text):
    return (tuple(params.split()), atoms(text))


def test_seed_concepts_collapse_under_harris_rules():
    concepts = {
        "objective_robust": (("a",), OBJECTIVE_ROBUST),
        "inner_aligned": (("a",), INNER_ALIGNED),
        "model": _concept("a", "Model(a)"),
        "trained": _concept("a", "Model(a), trains(t, a)"),
        "pair": _concept("a b", "Model(a), trains(b, a), Optimizer(b)"),
    }
    behaves = "mesa_behaves: mesa_objective(m, o) -> behavioral_objective(m, o)"
    result = classify(seed_theory(extra=[behaves]), concepts)
    assert result.class_of("objective_robust") == frozenset({"objective_robust", "inner_aligned"})
    assert result.collapses() == [frozenset({"objective_robust", "inner_aligned"})]
    assert set(result.implications.nodes) == set(concepts)
    assert "pair" not in nx.descendants(result.implications, "model") | nx.ancestors(result.implications, "model")
    collapse = frozenset({"objective_robust", "inner_aligned"})
    assert list(result.hasse.successors(collapse)) == [frozenset({"trained"})]
    assert list(result.hasse.successors(frozenset({"trained"}))) == [frozenset({"model"})]
    plain = classify(seed_theory(with_rules=False, extra=[behaves]), concepts)
    assert plain.class_of("inner_aligned") == frozenset({"inner_aligned"})
    assert plain.implications.has_edge("inner_aligned", "objective_robust")
    assert not plain.implications.has_edge("objective_robust", "inner_aligned")


def test_unsatisfiable_and_unknown_concepts_are_set_apart():
    th = theory(disjoint=["Heuristic, Optimizer"], rules=["mesa: builds(b, a) -> Optimizer(a)",
                                                          "grow: Tower(a) -> on(a, b), Tower(b)"])
    concepts = {
        "built_heuristic": _concept("p", "Heuristic(p), builds(b, p)"),
        "heuristic": _concept("p", "Heuristic(p)"),
        "tower": _concept("p", "Tower(p)"),
    }
    result = classify(th, concepts, Budget(max_entities=50))
    assert result.unsatisfiable == {"built_heuristic"}
    assert result.unknown == {"tower"}
    assert list(result.implications.nodes) == ["heuristic"]


def _random_concepts(rng, n, kinds, relations):
    concepts = {}
    for i in range(n):
        arity = rng.choice([1, 1, 2])
        params = ("p", "q")[:arity]
        variables = list(params) + ["u", "v"]
        body = [Atom(rng.choice(kinds), (p,)) for p in params]
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.3:
                body.append(Atom(rng.choice(kinds), (rng.choice(variables),)))
            else:
                body.append(Atom(rng.choice(relations), (rng.choice(variables), rng.choice(variables))))
        concepts[f"c{i}"] = (params, tuple(body))
    return concepts


def test_classification_agrees_with_pairwise_decisions():
    rng = random.Random(7)
    th = theory(kinds=["B: A", "C: A"], relations=["R(A, A) transitive", "S(A, C) functional"],
                disjoint=["B, C"], rules=["rs: R(x, y), C(y) -> S(x, y)", "sb: S(x, y) -> B(x)"])
    concepts = _random_concepts(rng, 40, ["A", "B", "C"], ["R", "S"])
    result = classify(th, concepts)
    for a, (pa, atoms_a) in concepts.items():
        assert (a in result.unsatisfiable) == (decide_implication(th, atoms_a, (), justify=False).lhs_unsatisfiable)
        for b, (pb, atoms_b) in concepts.items():
            if a == b or len(pa) != len(pb) or a in result.unsatisfiable or b in result.unsatisfiable:
                continue
            renamed = {v: f"b_{v}" for v in {x for at in atoms_b for x in at.args}} | dict(zip(pb, pa))
            rhs = tuple(Atom(at.pred, tuple(renamed[v] for v in at.args)) for at in atoms_b)
            expected = decide_implication(th, atoms_a, rhs, justify=False).status == "holds"
            assert result.implications.has_edge(a, b) == expected, (a, b)
    members = [m for c in result.classes for m in c]
    assert sorted(members) == sorted(result.implications.nodes)
    for cls in result.classes:
        for a in cls:
            for b in cls:
                assert a == b or result.implications.has_edge(a, b)
    closure = nx.transitive_closure_dag(result.hasse)
    for a, b in result.implications.edges:
        ca, cb = result.class_of(a), result.class_of(b)
        assert ca == cb or closure.has_edge(ca, cb)
    for u, v in result.hasse.edges:
        assert result.implications.has_edge(next(iter(u)), next(iter(v)))


def test_classification_is_deterministic():
    rng = random.Random(3)
    th = theory(kinds=["B: A"], relations=["R(A, A)"])
    concepts = _random_concepts(rng, 30, ["A", "B"], ["R"])
    r1, r2 = classify(th, concepts), classify(th, concepts)
    assert r1.classes == r2.classes
    assert list(r1.hasse.edges) == list(r2.hasse.edges)
    assert list(r1.implications.edges) == list(r2.implications.edges)


def test_classification_of_many_concepts_is_fast():
    rng = random.Random(11)
    kinds = [f"K{i}" for i in range(10)]
    relations = [f"r{i}" for i in range(20)]
    th = theory(kinds=[f"K{i}: K{i // 2}" for i in range(1, 10)],
                relations=[f"{r}({rng.choice(kinds)}, {rng.choice(kinds)})" for r in relations])
    concepts = {}
    for i in range(400):
        params = ("p",)
        body = [Atom(rng.choice(kinds), ("p",))]
        for _ in range(rng.randint(2, 5)):
            body.append(Atom(rng.choice(relations), (rng.choice(["p", "u", "v"]), rng.choice(["u", "v", "w"]))))
        concepts[f"c{i}"] = (params, tuple(body))
    result = classify(th, concepts)
    assert len(result.classes) <= 400
