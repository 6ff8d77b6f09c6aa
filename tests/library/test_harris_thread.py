"""The comment thread: the collapse and the premise it rests on, Harris's mapping of the levels,
Hubinger's reply and the conflict it makes, Harris's rejoinder, and three levels (DOMAIN.md §4,
cases 5-7)."""

from __future__ import annotations

import re

from _library_support import all_passed, cell, claim, justification, scenario, spec, write

import alignspec
from alignspec.model.loader import library_directory

THREAD = "harris_thread"


def thread_without(tmp_path, rule: str) -> alignspec.Spec:
    """The thread with one framing rule (and its doc and source lines) taken out."""
    text = (library_directory() / f"{THREAD}.align").read_text(encoding="utf-8")
    pattern = rf"    rule {rule}:.*?\n(?=    rule |\}})"
    stripped, removed = re.subn(pattern, "", text, flags=re.S)
    assert removed == 1, rule
    if "{\n}" in stripped:   # a framing left without rules keeps its braces empty
        stripped = stripped.replace("{\n}", "")
    return alignspec.load(str(write(tmp_path, stripped, f"{THREAD}.align")))


# ---- DOMAIN case 5: the collapse depends on the designer-as-base-optimizer premise ------------

def test_collapse_holds_under_harris_and_names_the_premise():
    assert claim(THREAD, "collapse").status == "holds"
    assert {"rule builder_is_base", "rule designer_sees_mesa", "rule mesa_shows_in_behaviour"} <= justification(
        THREAD, "collapse")
    classes = spec(THREAD).classification("harris").classification.classes
    assert frozenset({"serves_designer", "designer_inner_aligned"}) in classes


def test_collapse_fails_without_the_premise():
    assert claim(THREAD, "no_collapse_without_premise").status == "holds"
    assert claim(THREAD, "no_collapse_for_hubinger").status == "holds"
    answer = spec(THREAD).implies("serves_designer", "designer_inner_aligned", framing="designer_view")
    assert answer.status == "fails"
    # the other direction holds without the premise: the collapse is one-sided there
    assert spec(THREAD).implies("designer_inner_aligned", "serves_designer", framing="designer_view").status == "holds"


def test_removing_builder_is_base_removes_the_collapse(tmp_path):
    without = thread_without(tmp_path, "builder_is_base")
    outcome = next(c for c in without.claims if c.claim.label == "collapse")
    assert outcome.status == "fails"
    assert {"serves_designer", "designer_inner_aligned"} not in [
        set(c) for c in without.classification("harris").classification.classes]


def test_objective_robustness_by_the_above_definition_is_the_premise_applied():
    assert claim(THREAD, "by_the_above_definition").status == "holds"
    assert "rule builder_is_base" in justification(THREAD, "by_the_above_definition")
    assert claim(THREAD, "not_by_definition_alone").status == "holds"


# ---- what the old encoding got wrong -------------------------------------------------------------

def test_harris_does_not_make_every_trained_model_a_mesa_optimizer():
    answer = spec(THREAD).implies("LearningAlgorithm(g), trains(g, m)", "MesaOptimizer(m)", framing="harris")
    assert answer.status == "fails"


def test_a_non_optimizer_keeps_its_behavioral_objective_under_harris():
    assert claim(THREAD, "heuristic_has_behaviour").status == "holds"
    assert "built_heuristic" not in spec(THREAD).classification("harris").classification.unsatisfiable


def test_a_human_builds_and_gradient_descent_trains_consistently():
    assert claim(THREAD, "harris_with_reply_consistent").status == "holds"
    world = scenario(THREAD, "designed_and_trained")
    assert all_passed(world)
    assert cell(world, "inner_aligned_to", "system", "researcher") == "holds"
    assert cell(world, "inner_aligned_to", "system", "sgd") == "open"


def test_several_training_stages_are_consistent(tmp_path):
    path = write(tmp_path, """
        import vocabulary
        import harris_thread as T
        scenario two_stages under T.harris_with_reply {
            Human researcher
            LearningAlgorithm pretraining, feedback
            Model assistant
            Objective wish, prediction, reward
            optimizes(researcher, wish)
            optimizes(pretraining, prediction)
            optimizes(feedback, reward)
            builds(researcher, assistant)
            trains(pretraining, assistant)
            trains(feedback, assistant)
            expect base_optimizer(pretraining, assistant)
            expect base_optimizer(feedback, assistant)
            expect base_optimizer(researcher, assistant)
        }
        """)
    loaded = alignspec.load(str(path))
    assert all_passed(loaded.scenarios[0])


def test_agents_are_not_optimizers_by_definition():
    thread = spec(THREAD)
    assert thread.implies("Optimizer(x)", "Agent(x)").status == "fails"
    assert thread.implies("LearningAlgorithm(x)", "Agent(x)").status == "fails"
    assert thread.implies("Human(x)", "Agent(x)").status == "holds"


# ---- Harris's mapping of the levels --------------------------------------------------------------

def test_intent_alignment_is_inner_alignment_between_researcher_and_agent():
    for label in ("intent_is_inner_for_the_builder", "inner_for_the_builder_is_intent",
                  "levels_need_the_premise", "existential_reading_misses_the_mapping"):
        assert claim(THREAD, label).status == "holds", label
    assert "rule builder_is_base" in justification(THREAD, "intent_is_inner_for_the_builder")


# ---- DOMAIN case 6: Hubinger's reply, the conflict, the rejoinder -------------------------------

def test_the_reply_conflicts_with_harris_at_gradient_descent():
    assert claim(THREAD, "reply_conflict").status == "holds"
    assert {"rule trainer_designs", "rule learning_algorithms_are_not_agents"} <= justification(
        THREAD, "reply_conflict")
    for label in ("gradient_descent_as_designer", "reply_consistent"):
        assert claim(THREAD, label).status == "holds", label
    assert claim(THREAD, "collapse_at_gradient_descent").status == "holds"
    assert "rule trainer_designs" in justification(THREAD, "collapse_at_gradient_descent")
    assert claim(THREAD, "no_collapse_at_gradient_descent").status == "holds"


def test_the_conflict_needs_both_premises(tmp_path):
    without = thread_without(tmp_path, "learning_algorithms_are_not_agents")
    outcome = next(c for c in without.claims if c.claim.label == "reply_conflict")
    assert outcome.status == "fails"


def test_harris_rejoinder_holds_with_the_reply_in_force():
    assert claim(THREAD, "rejoinder").status == "holds"
    assert "rule learning_algorithms_are_not_agents" not in justification(THREAD, "rejoinder")
    assert claim(THREAD, "rejoinder_consistent").status == "holds"


# ---- DOMAIN case 1 in the thread: inner alignment is not applicable to a non-optimizer -----------

def test_gradient_descent_policy():
    world = scenario(THREAD, "gradient_descent")
    assert all_passed(world)
    assert cell(world, "objective_robust", "policy", "deployment") == "holds"
    assert cell(world, "inner_aligned", "policy") == "not applicable"
    assert claim(THREAD, "f3").status == "holds"
    assert claim(THREAD, "a1").status == "holds"
    assert "rule mesa_drives_behaviour" in justification(THREAD, "a1")
    assert claim(THREAD, "a1_needs_b1").status == "holds"


# ---- DOMAIN case 7: three levels -----------------------------------------------------------------

def test_three_levels():
    chain = scenario(THREAD, "three_levels")
    assert all_passed(chain)
    levels = {h.relation: h.levels for h in chain.hierarchies}["builds"]
    assert levels == {"researcher": 0, "agent": 1, "subagent": 2}
    assert cell(chain, "inner_aligned_to", "agent", "researcher") == "holds"
    assert cell(chain, "inner_aligned_to", "subagent", "agent") == "open"


def test_three_levels_need_composition():
    composed = scenario(THREAD, "three_levels_composed")
    assert all_passed(composed)
    assert cell(composed, "intent_aligned_to", "subagent", "researcher", "deployment") == "holds"
    uncomposed = scenario(THREAD, "three_levels_uncomposed")
    assert all_passed(uncomposed)
    assert cell(uncomposed, "intent_aligned_to", "subagent", "researcher", "deployment") == "open"
    assert cell(uncomposed, "inner_aligned_to", "subagent", "agent") == "holds"
