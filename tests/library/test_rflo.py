"""Risks from Learned Optimization: the pseudo-alignment lattice (DOMAIN.md §4, case 10)."""

from __future__ import annotations

from _library_support import claim, justification, spec

# ---- DOMAIN case 10: the RFLO lattice -----------------------------------------------------------

def test_case10_rflo_lattice():
    for label in ("deceptive_is_pseudo", "side_effect_is_proxy", "instrumental_is_proxy", "approximate_is_pseudo",
                  "suboptimality_is_pseudo", "internal_is_robust", "corrigible_is_robust", "proxy_is_optimizer",
                  "pseudo_and_robust_disjoint", "deceptive_and_internal_contradict",
                  "proxy_non_optimizer_contradicts", "pseudo_robust_behaviour_disjoint",
                  "deception_conditions_hold", "deception_conditions_not_definitional"):
        assert claim("rflo", label).status == "holds", label
    assert "disjoint PseudoAligned, RobustlyAligned" in justification("rflo", "deceptive_and_internal_contradict")
    assert "disjoint Heuristic, Optimizer" in justification("rflo", "proxy_non_optimizer_contradicts")
    assert {"deceptive_internal", "heuristic_proxy", "pseudo_and_robust"} <= spec("rflo").classification().classification.unsatisfiable
    assert justification("rflo", "deception_conditions_hold") == {
        "rule spans_updates", "rule models_selection", "rule expects_end"}
