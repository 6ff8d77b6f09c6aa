"""Ngo, Chan, Mindermann 2022: situationally-aware reward hacking, misaligned internally-represented
goals, goal misgeneralization and deceptive alignment, per context."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

# ---- goal and capability misgeneralization -------------------------------------------------------------


def test_goal_and_capability_misgeneralization_exclude_each_other():
    assert claim("ngo2022", "goal_or_capability").status == "holds"
    assert {"behavioral_objective is functional", "disjoint performs_well, performs_poorly"} <= justification(
        "ngo2022", "goal_or_capability")
    keys = scenario("ngo2022", "keys_and_chests")
    assert all_passed(keys)
    assert cell(keys, "goal_misgeneralized", "agent", "designer", "keys_outnumber_boxes") == "holds"
    assert cell(keys, "capability_misgeneralized", "agent", "designer", "keys_outnumber_boxes") == "refuted"


def test_goal_misgeneralization_needs_neither_search_nor_an_internal_goal():
    for label in ("misgeneralization_needs_no_search", "misgeneralization_needs_no_internal_goal"):
        assert claim("ngo2022", label).status == "holds", label
    keys = scenario("ngo2022", "keys_and_chests")
    assert cell(keys, "has_misaligned_goal", "agent", "designer") == "open"


# ---- internally-represented goals and mesa-objectives --------------------------------------------------


def test_internally_represented_goals_are_looser_than_mesa_objectives():
    assert claim("ngo2022", "mesa_misalignment_is_goal_misalignment").status == "holds"
    assert "definition searched_goals_are_goals" in justification("ngo2022", "mesa_misalignment_is_goal_misalignment")
    assert claim("ngo2022", "goal_misalignment_needs_no_mesa").status == "holds"
    assert claim("ngo2022", "misaligned_goal_with_good_rewards").status == "holds"


# ---- situationally-aware reward hacking ----------------------------------------------------------------


def test_situationally_aware_reward_hacking_is_an_expectation_about_unmonitored_training():
    assert claim("ngo2022", "hacking_expected").status == "holds"
    assert "rule exploits_where_unwatched" in justification("ngo2022", "hacking_expected")
    assert claim("ngo2022", "hacking_is_an_expectation").status == "holds"
    lhs = ("SituationallyAware(m), trains(b, m), optimizes(b, r), misspecified(r, h), acts_acceptably_in(m, w, h), "
           "Monitored(w), Unmonitored(u), TrainingDistribution(u)")
    answer = spec("ngo2022").implies(lhs, "situationally_aware_reward_hacking(m, h, u)")
    assert answer.status == "fails"
    adds = {h.framing: list(h.adds) for h in answer.counterexample.holds_under}
    assert adds.get("situational_awareness_exploits") == ["rule exploits_where_unwatched"]
    world = scenario("ngo2022", "watched_and_unwatched")
    assert all_passed(world)
    assert cell(world, "situationally_aware_reward_hacking", "policy", "supervisor", "unchecked") == "holds"
    assert cell(world, "reward_hacking_in", "policy", "checked", "supervisor") == "refuted"
    claw = scenario("ngo2022", "claw")
    assert all_passed(claw)
    assert cell(claw, "reward_hacking_in", "policy", "episodes", "supervisor") == "holds"


def test_situationally_aware_reward_hacking_is_not_deceptive_alignment():
    assert claim("ngo2022", "hacking_within_training").status == "holds"
    assert claim("ngo2022", "hacking_needs_no_goal").status == "holds"
    assert claim("ngo2022", "deception_has_a_misaligned_goal").status == "holds"


# ---- deceptive alignment ------------------------------------------------------------------------------


def test_deceptive_alignment_needs_a_broad_goal_not_a_mesa_optimizer():
    assert claim("ngo2022", "deception_needs_no_search").status == "holds"
    assert claim("ngo2022", "deception_as_misgeneralization").status == "holds"
    assert "behavioral_objective is functional" in justification("ngo2022", "deception_as_misgeneralization")
    long_horizon = scenario("ngo2022", "long_horizon")
    assert all_passed(long_horizon)
    assert cell(long_horizon, "deceptively_aligned", "policy", "developer", "after_training") == "holds"
    assert cell(long_horizon, "goal_misgeneralized", "policy", "developer", "after_training") == "open"
    short_horizon = scenario("ngo2022", "short_horizon")
    assert all_passed(short_horizon)
    assert cell(short_horizon, "deceptively_aligned", "policy", "developer", "after_training") == "open"
    assert cell(short_horizon, "has_misaligned_goal", "policy", "developer") == "holds"
