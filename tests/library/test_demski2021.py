"""Demski vs Hubinger on intent alignment (DOMAIN.md §4, case 8)."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario

# ---- DOMAIN case 8: Demski vs Hubinger intent --------------------------------------------------------

def test_case8_demski_and_hubinger_intent_disagree_on_non_optimizers():
    world = scenario("comparison", "intent_of_a_heuristic")
    assert all_passed(world)
    assert cell(world, "H.intent_aligned", "policy", "h") == "holds"
    assert cell(world, "D.intent_aligned", "policy", "h") == "refuted"
    assert cell(world, "H.intent_aligned", "searcher", "h") == "holds"
    assert cell(world, "D.intent_aligned", "searcher", "h") == "holds"
    assert claim("demski2021", "heuristic_not_intent").status == "holds"      # false for a heuristic
    for label in ("intent_H_not_D", "intent_D_to_H", "intent_agree_on_mesa", "intent_D_not_H"):
        assert claim("comparison", label).status == "holds", label
    assert "rule mesa_drives_behaviour" in justification("comparison", "intent_D_to_H")
