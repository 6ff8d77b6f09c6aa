"""Hubinger 2021: training stories (a training goal and a training rationale), the four evaluation
criteria, and how stories relate to the 2020 terms."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

CORRIGIBLE_STORY = ("RationaleAligned(s), story_goal(s, g), CorrigibleAlignmentGoal(g), story_training(s, b), "
                    "trains(b, m), optimizes(b, o), mesa_objective(m, mo)")


def test_confidence_needs_both_goal_and_rationale_alignment():
    assert claim("hubinger2021", "confidence").status == "holds"
    assert {"definition rationale_succeeds", "definition achieved_goal_is_good"} <= justification(
        "hubinger2021", "confidence")
    for label in ("goal_alone", "rationale_alone", "avoiding_failures_is_not_a_rationale", "all_four"):
        assert claim("hubinger2021", label).status == "holds", label


def test_a_story_need_not_route_through_outer_alignment():
    assert claim("hubinger2021", "microscope_ai").status == "holds"
    # not for lack of a connection: hubinger2020 (imported) has a rule that derives outer alignment
    assert [d for d in spec("hubinger2021").diagnostics() if d.name == "vacuous-claim"] == []
    microscope = scenario("hubinger2021", "microscope_story")
    assert all_passed(microscope)
    assert cell(microscope, "aligned_story", "story", "developer") == "holds"
    assert cell(microscope, "H.intent_aligned_to", "predictor", "developer", "deployment") == "open"


def test_internalization_and_corrigible_alignment_stories_give_inner_alignment():
    assert claim("hubinger2021", "internalization_story_is_inner_alignment").status == "holds"
    assert "definition internalization_goal" in justification("hubinger2021", "internalization_story_is_inner_alignment")
    assert claim("hubinger2021", "corrigible_story_is_inner_alignment").status == "holds"
    assert "definition corrigible_alignment_goal" in justification("hubinger2021", "corrigible_story_is_inner_alignment")
    # corrigible alignment is robust alignment: this spec's definition, or rflo's for robust alignment
    assert justification("hubinger2021", "corrigible_story_is_inner_alignment") & {
        "definition corrigible_pointer_aligned", "definition R.robust_is_aligned"}
    hub = spec("hubinger2021")
    assert hub.implies(CORRIGIBLE_STORY, "inner_aligned_to(m, b)").status == "holds"
    assert hub.implies(CORRIGIBLE_STORY.replace("RationaleAligned(s), ", "TrainingStory(s), "),
                       "inner_aligned_to(m, b)").status == "fails"      # without an aligned rationale


def test_corrigible_story_gives_intent_alignment_only_with_an_outer_aligned_objective():
    assert claim("hubinger2021", "corrigible_story_gives_intent").status == "holds"
    assert {"rule mesa_drives_behaviour", "rule alignment_chains", "rule outer_optimum"} <= justification(
        "hubinger2021", "corrigible_story_gives_intent")
    assert claim("hubinger2021", "corrigible_story_needs_outer").status == "holds"
    story = scenario("hubinger2021", "corrigible_alignment_story")
    assert all_passed(story)
    assert cell(story, "inner_aligned_to", "learner", "sgd") == "holds"
    assert cell(story, "H.intent_aligned_to", "learner", "developer", "deployment") == "holds"
