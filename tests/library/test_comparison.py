"""The comparison spec: what relates two sources (DOMAIN.md §4, cases 8 and 12, and the newer
sources: goal misgeneralization and deceptive alignment in two senses each)."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec, write

from alignspec.check import CheckOptions, check

COMPARISON = "comparison"


def test_every_claim_of_the_comparison_holds():
    outcomes = spec(COMPARISON).claims
    assert outcomes and {o.status for o in outcomes} == {"holds"}


def test_the_only_restatement_is_the_one_kept_on_purpose():
    restated = [d for d in spec(COMPARISON).diagnostics() if d.name == "restated-premise"]
    assert [d.subject.claim for d in restated] == ["outer_D_to_H_at_the_limit"]
    assert [d for d in spec(COMPARISON).diagnostics() if d.name == "vacuous-claim"] == []


# ---- DOMAIN case 8: Hubinger's and Demski's intent alignment -----------------------------------

def test_case8_intent_alignment_of_a_heuristic():
    world = scenario(COMPARISON, "intent_of_a_heuristic")
    assert all_passed(world)
    assert cell(world, "H.intent_aligned_to", "policy", "h", "deployment") == "holds"
    assert cell(world, "D.intent_aligned_to", "policy", "h") == "refuted"
    assert cell(world, "D.intent_aligned_to", "searcher", "h") == "holds"
    for label in ("intent_H_not_D", "intent_D_not_H", "intent_D_to_H", "intent_agree_on_mesa"):
        assert claim(COMPARISON, label).status == "holds", label
    assert "rule mesa_drives_behaviour" in justification(COMPARISON, "intent_D_to_H")


# ---- DOMAIN case 12: outer alignment needs an explicit mapping ---------------------------------

def test_case12_outer_alignment_needs_an_explicit_mapping(tmp_path):
    for label in ("outer_H_to_G", "outer_H_to_G_needs_mapping", "outer_G_not_H", "outer_H_to_D"):
        assert claim(COMPARISON, label).status == "holds", label
    assert {"rule outer_optimum", "rule competent_acts_acceptably"} <= justification(COMPARISON, "outer_H_to_G")
    path = write(tmp_path, """
        import hubinger2020 as H
        import koch2021 as K
        claim unify: H.outer_aligned equivalent K.outer_aligned_G
        """)
    result = check([str(path)], CheckOptions())
    assert [d.name for d in result.diagnostics if d.severity.value == "error"] == ["arity-mismatch"]


# ---- goal misgeneralization relative to the objective or to the human -------------------------

def test_correctly_specified_goal_misgeneralization_is_ngos_with_b3():
    assert claim(COMPARISON, "gm_correct_specification_is_ngo").status == "holds"
    assert "rule competent_acts_acceptably" in justification(COMPARISON, "gm_correct_specification_is_ngo")
    assert claim(COMPARISON, "gm_needs_competent_acceptability").status == "holds"
    assert claim(COMPARISON, "ngo_gm_not_shah").status == "holds"


# ---- deceptive alignment in RFLO's and in Ngo et al.'s sense -----------------------------------

def test_rflo_deception_is_ngo_deception_only_through_the_reading():
    assert claim(COMPARISON, "rflo_deception_is_ngo_deception").status == "holds"
    assert {"rule models_selection_is_situational_awareness", "rule spanning_objective_is_broadly_scoped",
            "rule R.spans_updates", "rule R.models_selection"} <= justification(
        COMPARISON, "rflo_deception_is_ngo_deception")
    assert claim(COMPARISON, "rflo_deception_needs_the_reading").status == "holds"
    assert claim(COMPARISON, "ngo_deception_needs_no_mesa_optimizer").status == "holds"
