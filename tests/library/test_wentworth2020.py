"""Wentworth 2020: deceptive mesa-optimizers are no problem for a system outer aligned on deployment
inputs; the claim holds on his reading of outer alignment and fails on Hubinger's."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

LHS = "outer_aligned_system(b, h), optimizes(b, o), trains(b, m), R.DeceptivelyAligned(m), Deployment(d)"


def test_claim_holds_on_wentworths_reading_and_fails_on_hubingers():
    assert claim("wentworth2020", "deception_no_problem").status == "holds"
    assert {"rule outer_includes_deployment", "definition generalizing_training",
            "definition acceptable_where_aligned"} <= justification("wentworth2020", "deception_no_problem")
    assert claim("wentworth2020", "deception_still_a_problem").status == "holds"
    went = spec("wentworth2020")
    assert went.implies(LHS, "acts_acceptably_in(m, d, h)", framing="wentworth_reading").status == "holds"
    hubinger = went.implies(LHS, "acts_acceptably_in(m, d, h)", framing="hubinger_reading")
    assert hubinger.status == "fails"
    assert list(hubinger.unmatched) == ["acts_acceptably_in(m, d, h)"]
    assert claim("wentworth2020", "no_defection").status == "holds"
    assert claim("wentworth2020", "defection_possible").status == "holds"


def test_the_claim_needs_both_parts_of_the_stronger_notion():
    assert claim("wentworth2020", "stronger_notion_suffices").status == "holds"
    assert claim("wentworth2020", "needs_generalization").status == "holds"
    assert claim("wentworth2020", "needs_deployment_objective").status == "holds"


def test_every_deployment_failure_counts_against_wentworths_outer_alignment():
    assert claim("wentworth2020", "every_deployment_failure_is_outer").status == "holds"
    assert "rule outer_includes_deployment" in justification("wentworth2020", "every_deployment_failure_is_outer")
    assert claim("wentworth2020", "failure_without_inner_optimizer").status == "holds"
    assert claim("wentworth2020", "no_such_failure_when_outer_aligned").status == "holds"


def test_scenarios_under_the_two_readings():
    wentworth = scenario("wentworth2020", "deceptive_model_wentworth")
    assert all_passed(wentworth)
    assert cell(wentworth, "outer_aligned_incl_deployment", "sgd", "developer", "deployment") == "holds"
    assert cell(wentworth, "defecting_mesa_optimizer", "learner", "sgd", "deployment") == "refuted"
    hubinger = scenario("wentworth2020", "deceptive_model_hubinger")
    assert all_passed(hubinger)
    assert cell(hubinger, "defecting_mesa_optimizer", "learner", "sgd", "deployment") == "open"
    defection = scenario("wentworth2020", "defection_under_hubinger")
    assert all_passed(defection)
    assert cell(defection, "defecting_mesa_optimizer", "learner", "sgd", "deployment") == "holds"
    assert cell(defection, "outer_aligned_incl_deployment", "sgd", "developer", "deployment") == "refuted"


def test_a_non_optimizer_failure_is_no_inner_alignment_failure():
    world = scenario("wentworth2020", "non_optimizer_failure")
    assert all_passed(world)
    assert cell(world, "inner_aligned_to", "policy", "sgd") == "not applicable"
    assert cell(world, "outer_aligned_incl_deployment", "sgd", "developer", "deployment") == "refuted"
