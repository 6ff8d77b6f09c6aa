"""Claims of every form, both ways; counterexamples that paste back; minimal justifications."""

from __future__ import annotations

import pytest
from _analysis_support import codes

import alignspec
from alignspec.analysis.claims import claim_sides
from alignspec.analysis.outcomes import UndecidedReason
from alignspec.reasoning.entailment import decide_implication
from alignspec.reasoning.logic import AxiomKind, Budget
from alignspec.subjects import ConceptsSubject

VOCABULARY = """
kind Optimizer
kind Model
kind MesaOptimizer: Model, Optimizer
kind Heuristic: Model
kind Objective
disjoint Optimizer, Objective
disjoint Model, Objective
disjoint Heuristic, Optimizer
relation trains(Optimizer, Model) inverse_functional
relation optimizes(Optimizer, Objective) functional
relation behavioral_objective(Model, Objective) functional
relation mesa_objective(MesaOptimizer, Objective) functional
relation aligned_with(Objective, Objective)

concept robust(a: Model) := trains(b, a), optimizes(b, o), behavioral_objective(a, p), aligned_with(p, o)
concept inner(m: MesaOptimizer) := trains(b, m), optimizes(b, o), mesa_objective(m, q), aligned_with(q, o)
concept heuristic(h: Heuristic) := trains(b, h)

framing mesa {
    rule behaves: mesa_objective(m, o) -> behavioral_objective(m, o)
}
framing trained_mesa extends mesa {
    rule every_trained: trains(b, a) -> MesaOptimizer(a)
    rule same: MesaOptimizer(a), behavioral_objective(a, o) -> mesa_objective(a, o)
}
"""

CASES = [
    # (claim, expected status)
    ("claim under mesa: inner implies robust", "holds"),
    ("claim: inner implies robust", "fails"),
    ("claim: inner does not imply robust", "holds"),
    ("claim under mesa: inner does not imply robust", "fails"),
    ("claim under trained_mesa: inner equivalent robust", "holds"),
    ("claim under mesa: inner equivalent robust", "fails"),
    ("claim under mesa: inner distinct robust", "holds"),
    ("claim under trained_mesa: inner distinct robust", "fails"),
    ("claim under mesa: satisfiable heuristic", "holds"),
    ("claim under trained_mesa: satisfiable heuristic", "fails"),
    ("claim under trained_mesa: unsatisfiable heuristic", "holds"),
    ("claim under mesa: unsatisfiable heuristic", "fails"),
    ("claim under mesa: inner(m), trains(b, m) implies Optimizer(b)", "holds"),
    ("claim: robust(a) implies behavioral_objective(a, p), Objective(p)", "holds"),
    ("claim: robust(a) implies mesa_objective(a, p)", "fails"),
]


@pytest.mark.parametrize("claim, expected", CASES)
def test_claim_forms(write, claim, expected):
    spec = alignspec.load(str(write(VOCABULARY + "\n" + claim + "\n")))
    (outcome,) = spec.claims
    assert outcome.status == expected
    failed = [d for d in spec.diagnostics() if d.name == "claim-failed"]
    assert len(failed) == (expected == "fails")
    if expected == "fails":
        diagnostic = failed[0]
        assert diagnostic.span.line == VOCABULARY.strip("\n").count("\n") + 3
        assert diagnostic.counterexample is not None or diagnostic.justification


def _paste_and_check(spec, write, counterexample):
    text = counterexample.scenario
    pasted = alignspec.load(str(write(VOCABULARY + "\n" + text + "\n", name="pasted.align")))
    (evaluation,) = pasted.scenarios
    assert evaluation.status == "consistent"
    assert evaluation.expectations, "a counterexample carries its expectations"
    assert all(e.passed for e in evaluation.expectations)
    assert not [d for d in pasted.diagnostics() if d.name in ("expectation-failed", "inconsistent-scenario",
                                                              "syntax-error", "unknown-name", "kind-mismatch")]


@pytest.mark.parametrize("claim", [
    "claim: inner implies robust",
    "claim under mesa: robust implies inner",
    "claim under mesa: inner equivalent robust",
    "claim under mesa: unsatisfiable heuristic",
])
def test_counterexample_pastes_back(write, claim):
    spec = alignspec.load(str(write(VOCABULARY + "\n" + claim + "\n")))
    (outcome,) = spec.claims
    assert outcome.status == "fails"
    _paste_and_check(spec, write, outcome.counterexample)


def test_failed_claim_names_the_framing_where_it_holds(write):
    spec = alignspec.load(str(write(VOCABULARY + "\nclaim: inner implies robust\n")))
    (outcome,) = spec.claims
    holds_under = {h.framing: list(h.adds) for h in outcome.counterexample.holds_under}
    assert holds_under["mesa"] == ["rule behaves"]
    assert "trained_mesa" in holds_under


@pytest.mark.parametrize("claim", [c for c, status in CASES if status == "holds" and "does not" not in c
                                   and "distinct" not in c and " satisfiable" not in c])
def test_justifications_are_minimal(write, claim):
    spec = alignspec.load(str(write(VOCABULARY + "\n" + claim + "\n")))
    (outcome,) = spec.claims
    builder = spec.analysis.builder
    theory = builder.theory(outcome.claim.framing)
    labels = {j.label for j in outcome.justification if j.kind is not AxiomKind.CONCEPT}
    if outcome.claim.form in ("implies", "equivalent"):
        directions = [claim_sides(outcome.claim, builder)]
        if outcome.claim.form == "equivalent":
            directions.append(claim_sides(outcome.claim, builder, swap=True))
        for sides in directions:
            assert decide_implication(theory.only(labels), sides.left, sides.right, justify=False).status == "holds"
        for label in labels:
            weaker = theory.only(labels - {label})
            assert any(decide_implication(weaker, s.left, s.right, justify=False).status == "fails"
                       for s in directions)


def test_non_terminating_framing_is_reported_fast(write):
    text = VOCABULARY + """
framing forever {
    rule more: Model(a) -> trains(b, a), Model(b)
}
claim under forever: inner implies robust
"""
    spec = alignspec.load(str(write(text)))
    found = [d for d in spec.diagnostics() if d.name == "non-terminating-framing"]
    assert len(found) == 1 and found[0].subject.framing == "forever"
    assert "rule more" in found[0].subject.axioms
    (outcome,) = spec.claims
    assert outcome.status == "unknown" and outcome.undecided is UndecidedReason.NON_TERMINATING


def test_weakly_acyclic_existential_framing_is_fine(write):
    text = VOCABULARY + """
framing trained {
    rule has_trainer: Model(a) -> trains(b, a)
}
claim under trained: heuristic implies heuristic
"""
    spec = alignspec.load(str(write(text)))
    assert "non-terminating-framing" not in codes(spec)
    assert spec.claims[0].status == "holds"


def test_budget_gives_unknown_and_a_warning(write, tmp_path):
    text = VOCABULARY + "\nclaim under mesa: inner implies robust\n"
    spec = alignspec.load(str(write(text)), budget=Budget(max_entities=2, max_facts=3))
    assert spec.claims[0].status == "unknown"
    assert "budget-exceeded" in codes(spec)


def test_unsatisfiable_concept_reported_once_and_acknowledged(write):
    text = VOCABULARY + """
framing more extends trained_mesa
"""
    spec = alignspec.load(str(write(text)))
    found = [d for d in spec.diagnostics() if d.name == "unsatisfiable-concept"]
    assert len(found) == 1
    assert found[0].subject == ConceptsSubject("trained_mesa", ("heuristic",))
    assert {j.label for j in found[0].justification} >= {"rule every_trained", "disjoint Heuristic, Optimizer"}
    acknowledged = alignspec.load(str(write(text + "claim under mesa: unsatisfiable heuristic\n", "b.align")))
    assert "unsatisfiable-concept" not in codes(acknowledged)
    acknowledged = alignspec.load(str(write(text + "claim under trained_mesa: unsatisfiable heuristic\n", "c.align")))
    assert "unsatisfiable-concept" not in codes(acknowledged)


def test_collapse_reported_once_where_it_appears(write):
    text = VOCABULARY + """
framing more extends trained_mesa
"""
    spec = alignspec.load(str(write(text)))
    found = [d for d in spec.diagnostics() if d.name == "concept-collapse"]
    assert len(found) == 1
    assert found[0].subject == ConceptsSubject("trained_mesa", ("robust", "inner"))


def test_collapse_that_grows_is_a_new_finding(write):
    text = VOCABULARY + """
concept robust2(a: Model) := trains(b, a), optimizes(b, o), behavioral_objective(a, p), aligned_with(p, o), Model(a)
claim under trained_mesa: robust equivalent inner
"""
    spec = alignspec.load(str(write(text)))
    found = [d for d in spec.diagnostics() if d.name == "concept-collapse"]
    assert sorted((d.subject.framing or "", tuple(d.subject.concepts)) for d in found) == [
        ("", ("robust", "robust2")),
        ("trained_mesa", ("robust", "inner", "robust2")),
    ]
    acknowledged = text + "claim: robust equivalent robust2\n"
    spec = alignspec.load(str(write(acknowledged, "b.align")))
    assert "concept-collapse" not in codes(spec)


def test_every_counterexample_is_verified_by_the_model_checker(write):
    from alignspec.reasoning import modelcheck

    for claim, status in CASES:
        if status != "fails":
            continue
        spec = alignspec.load(str(write(VOCABULARY + "\n" + claim + "\n")))
        (outcome,) = spec.claims
        if outcome.counterexample is None:
            continue
        builder = spec.analysis.builder
        theory = builder.theory(outcome.claim.framing)
        if outcome.claim.form in ("satisfiable", "unsatisfiable"):
            continue
        for swap in (False, True):
            sides = claim_sides(outcome.claim, builder, swap=swap)
            result = decide_implication(theory, sides.left, sides.right)
            if result.status == "fails":
                assert modelcheck.violations(result.instance, theory) == []
                assert modelcheck.holds(sides.left, result.instance, result.var_map)
                shared = {v: result.var_map[v] for a in sides.right for v in a.args if v in result.var_map}
                assert not modelcheck.holds(sides.right, result.instance, shared)
                assert result.verified is not False
