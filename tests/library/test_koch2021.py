"""Koch et al. 2021: the objective-focused and generalization-focused readings of outer alignment
(DOMAIN.md §4, Koch's part of case 12), and alignment as outer alignment plus robustness."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec, write

from alignspec.check import CheckOptions, check

KOCH = "koch2021"


def findings(finding: str) -> set[str]:
    """The labels of the claims a finding of this name is about."""
    return {d.subject.claim for d in spec(KOCH).diagnostics() if d.name == finding}


# ---- DOMAIN case 12, Koch's part: two readings of outer alignment --------------------------------

def test_case12_objective_focused_outer_alignment_gives_the_on_distribution_one_and_not_conversely():
    assert claim(KOCH, "objective_to_on_distribution").status == "holds"
    assert {"rule outer_optimum", "rule competent_acts_acceptably"} <= justification(KOCH, "objective_to_on_distribution")
    assert claim(KOCH, "objective_to_on_distribution_needs_mapping").status == "holds"
    assert claim(KOCH, "on_distribution_not_objective").status == "holds"
    assert claim(KOCH, "on_distribution_not_objective").framing_name == "outer_at_the_limit"
    assert findings("vacuous-claim") == set()
    only = scenario(KOCH, "on_distribution_only")
    assert all_passed(only)
    assert cell(only, "outer_aligned_G_for", "reward", "train", "policy", "h") == "holds"
    assert cell(only, "outer_aligned_objective_for", "reward", "h") == "refuted"
    trained = scenario(KOCH, "outer_objective_trained_well")
    assert all_passed(trained)
    assert cell(trained, "outer_aligned_G_for", "reward", "train", "policy", "h") == "holds"
    assert cell(trained, "aligned_G_in", "policy", "test", "h") == "holds"


def test_case12_the_two_readings_have_different_arities(tmp_path):
    for left, right in (("H.outer_aligned", "K.outer_aligned_G"), ("H.outer_aligned_for", "K.outer_aligned_G_for")):
        path = write(tmp_path, f"""
            import hubinger2020 as H
            import koch2021 as K
            claim unify: {left} equivalent {right}
            """)
        result = check([str(path)], CheckOptions())
        assert "arity-mismatch" in [d.name for d in result.diagnostics if d.severity.value == "error"]


def test_on_distribution_outer_alignment_is_for_a_named_human():
    assert claim(KOCH, "outer_G_needs_the_named_human").status == "holds"
    decl = claim(KOCH, "alignment_is_outer_plus_robust").claim
    human = decl.left.atoms[0].args[3]                      # outer_aligned_G_for(o, t, m, h)
    assert decl.left.atoms[0].pred.name == "outer_aligned_G_for"
    assert decl.right.atoms[0].pred.name == "aligned_G_in" and decl.right.atoms[0].args[2] == human


# ---- alignment as outer alignment plus robustness ----------------------------------------------------

def test_alignment_is_outer_plus_robust_is_the_approachs_premise_and_says_so():
    assert claim(KOCH, "alignment_is_outer_plus_robust").status == "holds"
    assert claim(KOCH, "needs_generalization_premise").status == "holds"
    assert findings("restated-premise") == {"alignment_is_outer_plus_robust"}
    assert "Assumed, not derived" in claim(KOCH, "alignment_is_outer_plus_robust").claim.decl.doc.text
    assert [d.name for d in spec(KOCH).diagnostics()] == ["restated-premise"]


def test_the_objective_focused_view_is_structural_and_the_generalization_focused_one_is_not():
    for label in ("objective_focused_is_structural", "structure_needed", "no_structure_needed",
                  "generalization_applies_to_heuristics", "right_objective_from_inner_and_outer"):
        assert claim(KOCH, label).status == "holds", label
    assert "disjoint Heuristic, Optimizer" in justification(KOCH, "structure_needed")
    assert "heuristic_right_objective" in spec(KOCH).classification().classification.unsatisfiable
    assert {"rule outer_optimum", "rule alignment_chains"} <= justification(KOCH, "right_objective_from_inner_and_outer")
