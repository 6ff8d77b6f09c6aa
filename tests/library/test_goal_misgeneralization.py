"""Goal misgeneralization needs no mesa-optimizer (DOMAIN.md §4, case 11), and Hubinger's nesting
(DOMAIN.md §3, row 9) with RFLO's pseudo-alignment, which is about objectives."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

GM = "goal_misgeneralization"


# ---- DOMAIN case 11: goal misgeneralization needs no mesa-optimizer -----------------------------

def test_case11_goal_misgeneralization_needs_no_mesa_optimizer():
    for label in ("f7_consistent", "gm_capability_robust", "gm_not_robust", "gm_not_objective_robust",
                  "gm_objective_robust_needs_b5", "goal_or_capability", "goal_vs_capability",
                  "capability_failure_not_robust"):
        assert claim(GM, label).status == "holds", label
    assert claim(GM, "f7_consistent").framing_name == "correct_specification"
    assert "rule performance_transfers" in justification(GM, "gm_not_objective_robust")
    assert "disjoint performs_well, performs_poorly" in justification(GM, "gm_not_robust")
    assert "misgeneralizing_heuristic" not in spec(GM).classification("correct_specification").classification.unsatisfiable


def test_case11_coinrun():
    coinrun = scenario(GM, "coinrun")
    assert all_passed(coinrun)
    assert cell(coinrun, "goal_misgeneralized", "agent", "get_coin", "coin_anywhere") == "holds"
    assert cell(coinrun, "correctly_specified_misgeneralization", "agent", "get_coin", "coin_anywhere") == "holds"
    assert cell(coinrun, "H.capability_robust", "agent", "coin_anywhere") == "holds"
    assert cell(coinrun, "H.robust_under", "agent", "get_coin", "coin_anywhere") == "refuted"
    assert cell(coinrun, "H.objective_robust_under", "agent", "get_coin", "coin_anywhere") == "refuted"
    assert cell(coinrun, "capability_misgeneralized", "agent", "get_coin", "coin_anywhere") == "refuted"
    assert cell(coinrun, "H.inner_aligned", "agent") == "not applicable"
    assert cell(coinrun, "R.pseudo_aligned", "agent") == "not applicable"
    # the training and test levels are contexts, not relations for "on" and "off" the distribution
    assert cell(coinrun, "H.capability_robust", "agent", "coin_at_end") == "not applicable"


# ---- Hubinger's nesting: pseudo-aligned ⊂ goal misgeneralization ⊂ robustness failure -----------

def test_row9_hubingers_nesting():
    assert claim(GM, "nesting_pseudo_in_gm").status == "holds"
    assert claim(GM, "nesting_pseudo_in_gm").framing_name == "nesting"
    assert {"rule mesa_drives_behaviour", "rule divergent_pursuit_fails"} <= justification(GM, "nesting_pseudo_in_gm")
    for label in ("nesting_pseudo_needs_b1", "nesting_pseudo_needs_the_premise", "pseudo_in_deployment_is_pseudo",
                  "nesting_not_conversely", "heuristic_never_pseudo",
                  "nesting_gm_in_robustness_failure", "nesting_robustness_failure_not_gm",
                  "capability_failure_is_robustness_failure"):
        assert claim(GM, label).status == "holds", label
    maze = scenario(GM, "red_doors")
    assert all_passed(maze)
    assert cell(maze, "pseudo_aligned_in", "solver", "reach_door", "blue_doors") == "holds"
    assert cell(maze, "R.pseudo_aligned", "solver") == "holds"
    assert cell(maze, "goal_misgeneralized", "solver", "reach_door", "blue_doors") == "holds"
    assert cell(maze, "robustness_failure", "solver", "reach_door", "blue_doors") == "holds"


def test_pseudo_alignment_excludes_robust_alignment_by_objectives_not_by_performance():
    assert claim(GM, "pseudo_not_robustly_aligned").status == "holds"
    why = justification(GM, "pseudo_not_robustly_aligned")
    assert {"definition R.robust_agrees", "disjoint R.agrees_in, R.diverges_in"} <= why
    assert not any("performs_well" in step or "performs_poorly" in step for step in why)
    maze = scenario(GM, "red_doors")
    verdicts = {e.text: e.status for e in maze.expectations}
    assert verdicts["expect refuted R.RobustlyAligned(solver)"] == "refuted"


def test_goal_misgeneralization_checks_clean():
    assert [d.name for d in spec(GM).diagnostics()] == []
