"""Demski 2021: intent alignment through the mesa-objective (DOMAIN.md §4, case 8, Demski's part),
the implications d1-d4, the pseudo-equivalences, F5, F6 and F10, and Demski's half of case 9."""

from __future__ import annotations

from _library_support import all_passed, arrow, cell, claim, diagram_arrows, justification, scenario, spec

DEM = "demski2021"


def findings(finding: str) -> set[str]:
    """The labels of the claims a finding of this name is about."""
    return {d.subject.claim for d in spec(DEM).diagnostics() if d.name == finding}


# ---- DOMAIN case 8: Demski's intent alignment needs a mesa-objective --------------------------

def test_case8_demski_intent_is_false_for_a_non_optimizer_and_agrees_on_mesa_optimizers():
    world = scenario(DEM, "intent_of_a_heuristic")
    assert all_passed(world)
    assert cell(world, "intent_aligned_to", "policy", "h") == "refuted"     # false, not undefined
    assert cell(world, "intent_aligned_to", "searcher", "h") == "holds"
    for label in ("intent_needs_mesa", "heuristic_not_intent", "intent_shows_in_behaviour",
                  "behaviour_shows_intent_of_mesa", "behaviour_not_intent"):
        assert claim(DEM, label).status == "holds", label
    assert "heuristic_intent" in spec(DEM).classification().classification.unsatisfiable
    assert "disjoint Heuristic, Optimizer" in justification(DEM, "heuristic_not_intent")
    for label in ("intent_shows_in_behaviour", "behaviour_shows_intent_of_mesa"):
        assert "rule mesa_drives_behaviour" in justification(DEM, label), label
    without_b1 = spec(DEM).implies("intent_aligned_to(m, h), Deployment(d)",
                                   "behavioral_objective(m, d, beh), optimizes(h, goal), aligned_with(beh, goal)")
    assert without_b1.status == "fails"


# ---- the four implications ------------------------------------------------------------------------

def test_the_four_implications_are_claims_between_concepts_under_the_framing_that_makes_them_hold():
    expected = {
        "d1": (["inner_aligned_under", "outer_aligned_for"], [], ["intent_aligned_to"], "transitivity"),
        "d2": (["intent_aligned_to", "inner_robust"], [], ["behaviorally_aligned_in"], "competence"),
        "d3": (["capability_robust", "objective_robust_under"], [], ["robust_under"], "generalization"),
        "d4": (["robust_under", "on_distribution_aligned"], [], ["behaviorally_aligned_in"], "generalization"),
    }
    for label, (premises, others, conclusion, framing) in expected.items():
        assert claim(DEM, label).status == "holds", label
        assert claim(DEM, label).framing_name == framing, label
        assert arrow(DEM, label) == (premises, others, conclusion), label
    for label in ("d1_needs_b2", "d3_needs_b5", "d4_needs_the_step", "f10"):
        assert claim(DEM, label).status == "holds", label
    assert "rule alignment_chains" in justification(DEM, "d1")
    assert {"rule competent_acts_acceptably", "mesa_objective is functional"} <= justification(DEM, "d2")
    assert "rule performance_transfers" in justification(DEM, "d3")
    assert justification(DEM, "d4") >= {"rule acceptable_generalizes"}


def test_the_arrows_of_the_spec_are_the_four_implications_and_the_pseudo_equivalences():
    assert diagram_arrows(DEM) == {"d1", "d2", "d3", "d4", "inner_robust_cap_robust", "cap_robust_inner_robust_for_mesa",
                                   "inner_obj_robust", "obj_robust_inner_for_mesa", "outer_on_dist"}


def test_only_d4_is_assumed_and_nothing_is_vacuous():
    assert findings("restated-premise") == {"d4"}
    restated = [d for d in spec(DEM).diagnostics() if d.name == "restated-premise"]
    assert [d.subject.rule for d in restated] == ["rule acceptable_generalizes"]
    assert "Assumed, not derived" in claim(DEM, "d4").claim.decl.doc.text
    assert findings("vacuous-claim") == set()
    assert [d.name for d in spec(DEM).diagnostics()] == ["restated-premise"]


# ---- pseudo-equivalences: only where there is a mesa-objective --------------------------------

def test_pseudo_equivalences_need_a_mesa_objective():
    for label in ("inner_robust_cap_robust", "cap_robust_inner_robust_for_mesa", "inner_obj_robust",
                  "obj_robust_inner_for_mesa", "outer_on_dist"):
        assert claim(DEM, label).status == "holds", label
    for label in ("inner_robust_cap_robust", "cap_robust_inner_robust_for_mesa", "inner_obj_robust",
                  "obj_robust_inner_for_mesa"):
        assert "rule mesa_drives_behaviour" in justification(DEM, label), label
    # without B1 (F4), and without a mesa-objective (F5 and its kin), they fail
    for label in ("inner_robust_cap_robust_needs_b1", "f4", "f5", "obj_robust_not_inner", "capable_heuristic"):
        assert claim(DEM, label).status == "holds", label
    assert claim(DEM, "f5_without_mesa").status == "holds"
    assert "disjoint Heuristic, Optimizer" in justification(DEM, "f5_without_mesa")
    f5 = spec(DEM).implies("capability_robust(m, d)", "inner_robust(m, d)", framing="refactored")
    assert f5.status == "fails"
    assert any(u.startswith("mesa_objective") for u in f5.unmatched)


def test_f6_on_distribution_alignment_does_not_give_outer_alignment():
    assert claim(DEM, "outer_on_dist").status == "holds"
    assert "rule competent_acts_acceptably" in justification(DEM, "outer_on_dist")
    assert claim(DEM, "f6").status == "holds"
    # even with the human's goal known, the base objective need not be aligned with it
    answer = spec(DEM).implies("on_distribution_aligned(m, h, t), trained_well_on(m, o, t), optimizes(h, g)",
                               "outer_aligned_for(o, h)", framing="refactored")
    assert answer.status == "fails"
    assert [u.split("(")[0] for u in answer.unmatched] == ["aligned_with"]


# ---- F10: alignment judged at the optimal policy is not sufficient --------------------------------

def test_f10_a_good_optimum_pursued_well_can_still_misbehave_unless_b3_is_assumed():
    assert claim(DEM, "f10").status == "holds"
    misbehaving = scenario(DEM, "near_optimal_misbehaviour")
    assert all_passed(misbehaving)
    assert cell(misbehaving, "intent_aligned_to", "searcher", "h") == "holds"
    assert cell(misbehaving, "inner_robust", "searcher", "deployment") == "holds"
    assert cell(misbehaving, "behaviorally_aligned_in", "searcher", "deployment", "h") == "refuted"
    under_b3 = scenario(DEM, "near_optimal_under_b3")
    assert under_b3.status == "inconsistent"
    assert all(e.passed for e in under_b3.expectations)


# ---- DOMAIN case 9, Demski's part: only the objective-focused road needs a mesa-objective -------

def test_case9_only_the_objective_focused_road_goes_through_a_mesa_objective():
    assert claim(DEM, "demski_road").status == "holds"
    assert {"rule alignment_chains", "rule competent_acts_acceptably"} <= justification(DEM, "demski_road")
    assert claim(DEM, "demski_road_closed_to_heuristics").status == "holds"
    assert claim(DEM, "generalization_road_heuristic").status == "holds"
    assert {"rule performance_transfers", "rule acceptable_generalizes"} <= justification(
        DEM, "generalization_road_heuristic")
    assert claim(DEM, "generalization_road_open_to_heuristics").status == "holds"
    world = scenario(DEM, "two_roads")
    assert all_passed(world)
    assert cell(world, "behaviorally_aligned_in", "searcher", "deployment", "h") == "holds"
    assert cell(world, "behaviorally_aligned_in", "policy", "deployment", "h") == "holds"
    assert cell(world, "intent_aligned", "policy") == "refuted"
    assert cell(world, "outer_aligned_for", "reward", "h") == "open"
