"""Christiano 2018: intent alignment as a claim about motives; F8 and the qualified propagation of the
2017 basin; the bridge to Hubinger's reading as a switchable premise."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

# ---- F8 and what an intent-aligned AI builds ---------------------------------------------------------


def test_f8_denies_only_the_bare_entailment():
    for label in ("f8", "f8_in_the_basin", "f8_under_bridge"):
        assert claim("christiano2018", label).status == "holds", label
    bare = spec("christiano2018").implies("builds_for(a, s, h)", "intent_aligned(s, h)",
                                          framing="basin_for_intent_alignment")
    assert bare.status == "fails"
    assert list(bare.unmatched) == ["tries_to_help(s, h)"]
    assert list(bare.counterexample.holds_under) == []      # no framing of the spec gives the bare entailment


def test_qualified_propagation_is_derived_from_the_2017_premises():
    assert claim("christiano2018", "f8_needs_premise").status == "holds"
    assert justification("christiano2018", "f8_needs_premise") >= {
        "rule C.wanted_corrigibility", "rule C.corrigible_successor", "rule intent_is_benign", "rule benign_is_trying"}
    lhs = "builds_for(a, s, h), C.ActBased(a), C.Competent(a), C.wants_corrigible(h, a)"
    christiano = spec("christiano2018")
    assert christiano.implies(lhs, "intent_aligned(s, h)", framing="benign_is_intent").status == "fails"
    assert christiano.implies(lhs, "intent_aligned(s, h)").status == "fails"
    for label in ("propagation_needs_competence", "propagation_needs_the_wish"):
        assert claim("christiano2018", label).status == "holds", label


def test_three_levels_successor_scenarios():
    successor = scenario("christiano2018", "successor")
    assert all_passed(successor)
    assert cell(successor, "intent_aligned", "assistant", "operator") == "holds"
    assert cell(successor, "intent_aligned", "successor", "operator") == "open"
    assert cell(successor, "intent_aligned", "operator", "operator") == "not applicable"
    basin = scenario("christiano2018", "successor_in_the_basin")
    assert all_passed(basin)
    assert cell(basin, "intent_aligned", "successor", "operator") == "holds"
    assert cell(basin, "intent_aligned", "successor2", "operator") == "holds"
    assert cell(basin, "C.soares_corrigible", "assistant", "operator") == "holds"
    unable = scenario("christiano2018", "unable_assistant")
    assert all_passed(unable)
    assert cell(unable, "C.christiano_corrigible", "assistant", "operator") == "holds"
    assert cell(unable, "intent_aligned", "successor", "operator") == "open"


# ---- motives, objectives and competence ------------------------------------------------------------------


def test_bridge_to_hubinger_is_a_switchable_premise():
    assert claim("christiano2018", "intent_not_hubinger").status == "holds"
    assert claim("christiano2018", "hubinger_not_intent").status == "holds"
    christiano = spec("christiano2018")
    lhs = "intent_aligned(a, h), Deployment(d)"
    with_bridge = christiano.implies(lhs, "H.intent_aligned_to(a, h, d)", framing="motives_show_in_behaviour")
    assert with_bridge.status == "holds"
    assert "rule trying_shows" in {j.label for j in with_bridge.justification}
    without = christiano.implies(lhs, "H.intent_aligned_to(a, h, d)")
    assert without.status == "fails"
    adds = {h.framing: list(h.adds) for h in without.counterexample.holds_under}
    assert adds.get("motives_show_in_behaviour") == ["rule trying_shows"]
    deployed = scenario("christiano2018", "trying_in_deployment")
    assert all_passed(deployed)
    assert cell(deployed, "H.intent_aligned_to", "assistant", "operator", "deployment") == "holds"


def test_trying_is_not_succeeding_and_ability_closes_the_gap():
    assert claim("christiano2018", "trying_is_not_succeeding").status == "holds"
    assert claim("christiano2018", "ability_closes_the_gap").status == "holds"
    assert {"rule trying_shows", "rule competent_acts_acceptably"} <= justification(
        "christiano2018", "ability_closes_the_gap")
    gap = spec("christiano2018").implies(
        "intent_aligned(a, h), Deployment(d), behavioral_objective(a, d, b), performs_well(a, d, b)",
        "acts_acceptably_in(a, d, h)", framing="motives_show_in_behaviour")
    assert gap.status == "fails"


def test_de_dicto_and_de_re_are_independent():
    assert claim("christiano2018", "de_dicto_not_de_re").status == "holds"
    assert claim("christiano2018", "de_re_not_de_dicto").status == "holds"
