"""Corrigibility in three senses: Soares et al. 2015, Christiano 2017 and RFLO's corrigible alignment;
how they relate, and Christiano's basin as a switchable premise."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

# ---- Christiano's sense and Soares's -------------------------------------------------------------------


def test_christiano_gives_soares_only_with_competence_and_the_basin():
    assert claim("corrigibility", "competent_christiano_is_soares").status == "holds"
    assert {"rule includes_narrow", "rule keeps_correctable"} <= justification(
        "corrigibility", "competent_christiano_is_soares")
    assert claim("corrigibility", "christiano_not_soares").status == "holds"
    assert claim("corrigibility", "soares_needs_the_basin").status == "holds"
    corr = spec("corrigibility")
    without_basin = corr.implies("christiano_corrigible(a, h), Competent(a)", "soares_corrigible(a, h)",
                                 framing="christiano_without_basin")
    assert without_basin.status == "fails"
    assert any(u.startswith("preserves_correctability") for u in without_basin.unmatched)
    adds = {h.framing: list(h.adds) for h in without_basin.counterexample.holds_under}
    assert adds.get("christiano2017") == ["rule keeps_correctable"]


def test_christiano_includes_the_narrow_behaviours_only_as_a_reading():
    assert claim("corrigibility", "christiano_tolerates_everywhere").status == "holds"
    assert {"rule includes_narrow", "definition correction_everywhere"} <= justification(
        "corrigibility", "christiano_tolerates_everywhere")
    assert claim("corrigibility", "christiano_does_not_manipulate").status == "holds"
    base = spec("corrigibility").implies("christiano_corrigible(a, h), Context(c)",
                                         "tolerates_correction_in(a, c, h)")
    assert base.status == "fails"


def test_soares_does_not_give_christiano():
    assert claim("corrigibility", "soares_not_christiano").status == "holds"
    passive = scenario("corrigibility", "passive_agent")
    assert all_passed(passive)
    assert cell(passive, "soares_corrigible", "bystander", "programmer") == "holds"
    assert cell(passive, "christiano_corrigible", "bystander", "programmer") == "open"


def test_soares_definition_covers_successors_and_manipulation():
    assert claim("corrigibility", "soares_successors").status == "holds"
    assert "definition corrigible_successors" in justification("corrigibility", "soares_successors")
    for label in ("manipulation_is_incorrigible", "resisting_anywhere_is_incorrigible",
                  "resisting_anywhere_refutes_christiano"):
        assert claim("corrigibility", label).status == "holds", label
    button = scenario("corrigibility", "shutdown_button")
    assert all_passed(button)
    assert cell(button, "soares_corrigible", "maximizer", "programmer") == "refuted"
    assert cell(button, "christiano_corrigible", "maximizer", "programmer") == "refuted"


# ---- the basin -------------------------------------------------------------------------------------------


def test_basin_propagates_corrigibility_to_successors_of_a_competent_agent():
    assert claim("corrigibility", "basin_propagates").status == "holds"
    assert "rule corrigible_successor" in justification("corrigibility", "basin_propagates")
    assert claim("corrigibility", "basin_needs_competence").status == "holds"
    assert claim("corrigibility", "basin_is_a_premise").status == "holds"
    corr = spec("corrigibility")
    assert corr.implies("christiano_corrigible(a, h), Competent(a), builds(a, s)", "christiano_corrigible(s, h)",
                        framing="christiano2017").status == "holds"
    assert corr.implies("christiano_corrigible(a, h), Competent(a), builds(a, s)", "christiano_corrigible(s, h)",
                        framing="christiano_without_basin").status == "fails"
    chain = scenario("corrigibility", "basin_chain")
    assert all_passed(chain)
    assert cell(chain, "christiano_corrigible", "successor2", "overseer") == "holds"
    assert cell(chain, "soares_corrigible", "successor2", "overseer") == "holds"
    unable = scenario("corrigibility", "unable_builder")
    assert all_passed(unable)
    assert cell(unable, "christiano_corrigible", "assistant", "overseer") == "holds"
    assert cell(unable, "christiano_corrigible", "successor", "overseer") == "open"


def test_first_claim_needs_the_overseers_wish():
    assert claim("corrigibility", "wanted_and_competent").status == "holds"
    assert {"rule wanted_corrigibility", "rule corrigible_successor"} <= justification(
        "corrigibility", "wanted_and_competent")
    assert claim("corrigibility", "corrigibility_needs_the_wish").status == "holds"


# ---- RFLO's corrigible alignment ---------------------------------------------------------------------------


def test_corrigible_alignment_is_relative_to_the_base_objective():
    assert claim("corrigibility", "corrigible_alignment_may_resist").status == "holds"
    assert claim("corrigibility", "corrigible_alignment_not_soares").status == "holds"
    pointer = scenario("corrigibility", "pointer_to_the_loss")
    assert all_passed(pointer)
    assert cell(pointer, "corrigibly_aligned_to", "learner", "sgd") == "holds"
    assert cell(pointer, "soares_corrigible", "learner", "programmer") == "refuted"


def test_behavioural_senses_need_no_mesa_optimizer():
    assert claim("corrigibility", "soares_without_search").status == "holds"
    assert "disjoint Heuristic, Optimizer" in justification("corrigibility", "soares_without_search")
    assert claim("corrigibility", "corrigible_heuristic").status == "holds"


def test_corrigible_when_watched_is_none_of_the_three():
    for label in ("watching_is_not_corrigibility", "watching_is_not_christiano", "deceptive_not_corrigibly_aligned"):
        assert claim("corrigibility", label).status == "holds", label
    deceptive = scenario("corrigibility", "deceptive_compliance")
    assert all_passed(deceptive)
    assert cell(deceptive, "corrigible_when_watched", "schemer", "programmer") == "holds"
    assert cell(deceptive, "soares_corrigible", "schemer", "programmer") == "refuted"
    assert cell(deceptive, "christiano_corrigible", "schemer", "programmer") == "refuted"
    assert cell(deceptive, "corrigibly_aligned_to", "schemer", "sgd") == "refuted"
