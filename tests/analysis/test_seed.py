"""The seed example checks exactly as its comments say."""

from __future__ import annotations

from alignspec.check import CheckOptions, check
from alignspec.reasoning.logic import AxiomKind
from alignspec.subjects import ConceptsSubject


def test_seed_checks_clean(seed_path):
    result = check([str(seed_path)], CheckOptions())
    assert [d for d in result.diagnostics if d.severity.value in ("error", "warning")] == []
    assert result.exit_status(strict=True) == 0
    assert {c.status for c in result.claims} == {"holds"}
    assert len(result.claims) == 9


def test_hubinger_arrow_one_and_its_converse(seed):
    assert seed.implies("inner_aligned", "objective_robust", framing="hubinger2020").status == "holds"
    converse = seed.implies("objective_robust", "inner_aligned", framing="hubinger2020")
    assert converse.status == "fails"
    world = converse.counterexample.world
    a = next(e for e in world.entities if e.name == "a")
    assert "Model" in a.kinds and "MesaOptimizer" not in a.kinds
    assert "MesaOptimizer(a)" in converse.unmatched


def test_without_framing_the_premise_is_missing(seed):
    answer = seed.implies("inner_aligned", "objective_robust")
    assert answer.status == "fails"
    assert any(u.startswith("behavioral_objective") for u in answer.unmatched)
    adds = {h.framing: list(h.adds) for h in answer.counterexample.holds_under}
    assert adds["hubinger2020"] == ["rule mesa_behaves"]


def test_harris_collapse_justification(seed):
    answer = seed.implies("objective_robust", "inner_aligned", framing="harris")
    assert answer.status == "holds"
    axioms = [j.label for j in answer.justification if j.kind is not AxiomKind.CONCEPT]
    definitions = [j.label for j in answer.justification if j.kind is AxiomKind.CONCEPT]
    assert set(axioms) == {"rule trained_is_mesa", "rule behavior_is_mesa"}
    assert definitions == ["definition of objective_robust", "definition of inner_aligned"]
    assert answer.justification[:2] == tuple(j for j in answer.justification if j.kind is AxiomKind.CONCEPT)


def test_a2_justification(seed):
    a2 = next(c for c in seed.claims if c.claim.label == "a2")
    assert a2.status == "holds"
    assert {j.label for j in a2.justification if j.kind is not AxiomKind.CONCEPT} == {
        "rule compose", "optimizes is functional", "trains is inverse_functional"}
    assert {j.name for j in a2.justification if j.kind is AxiomKind.CONCEPT} == {
        "objective_robust", "outer_aligned", "intent_aligned"}


def test_lattices(seed):
    hubinger = seed.classification("hubinger2020").classification
    assert hubinger.hasse.has_edge(frozenset({"inner_aligned"}), frozenset({"objective_robust"}))
    harris = seed.classification("harris").classification
    assert frozenset({"inner_aligned", "objective_robust"}) in harris.classes
    assert "built_heuristic" in harris.unsatisfiable


def test_deleting_the_collapse_claim_gives_one_collapse(seed_path, tmp_path):
    text = "\n".join(line for line in seed_path.read_text().splitlines() if not line.startswith("claim collapse"))
    path = tmp_path / "seed.align"
    path.write_text(text)
    result = check([str(path)], CheckOptions())
    found = [d for d in result.diagnostics if d.severity.value != "info"]
    assert [d.name for d in found] == ["concept-collapse"]
    assert found[0].subject == ConceptsSubject("harris", ("objective_robust", "inner_aligned"))
