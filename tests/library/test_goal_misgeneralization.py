"""Goal misgeneralization needs no mesa-optimizer (DOMAIN.md §4, case 11)."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario

# ---- DOMAIN case 11: goal misgeneralization needs no mesa-optimizer -----------------------------

def test_case11_goal_misgeneralization():
    for label in ("f7_consistent", "gm_capability_robust", "gm_not_robust", "gm_not_objective_robust",
                  "gm_objective_robust_needs_b5", "nesting_pseudo_in_gm", "nesting_not_conversely",
                  "nesting_gm_in_robustness_failure"):
        assert claim("goal_misgeneralization", label).status == "holds", label
    assert "rule performance_transfers" in justification("goal_misgeneralization", "gm_not_objective_robust")
    assert "disjoint performs_well_off, fails_off" in justification("goal_misgeneralization", "gm_not_robust")
    coinrun = scenario("goal_misgeneralization", "coinrun")
    assert all_passed(coinrun)
    assert cell(coinrun, "goal_misgeneralized", "agent") == "holds"
    assert cell(coinrun, "H.capability_robust", "agent") == "holds"
    assert cell(coinrun, "H.robust", "agent") == "refuted"
    assert cell(coinrun, "H.inner_aligned", "agent") == "not applicable"
