"""RFLO §4: the conditions for deception, defection and the treacherous turn across training,
deployment, monitored and unmonitored contexts, B1 against a monitored deployment, and the three
ways a mesa-optimizer can learn the base objective after extensive training."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

DECEPTION = "rflo_deception"


def verdict(evaluation, text: str) -> str:
    """The verdict on the atom of the expectation written ``text``."""
    found = [e for e in evaluation.expectations if e.text == text]
    assert found, f"no expectation {text!r} in {evaluation.scenario.name}"
    return found[0].status_text


def test_deception_spec_checks_clean():
    findings = list(spec(DECEPTION).diagnostics())
    assert findings == [], [f"{d.name}: {d.message}" for d in findings]
    assert {c.status for c in spec(DECEPTION).claims} == {"holds"}
    assert not any(s.failed for s in spec(DECEPTION).scenarios)   # one expects its inconsistency


# ---- deception models the base objective and pursues it instrumentally ---------------------------

def test_deception_models_but_does_not_internalize_the_base_objective():
    assert {"definition R.deceptive_models_base", "definition R.instrumental"} <= justification(
        DECEPTION, "deceptive_cooperation_is_instrumental")
    assert claim(DECEPTION, "deception_does_not_internalize").status == "holds"


# ---- the three conditions of §4.2 ----------------------------------------------------------------

def test_the_conditions_hold_only_under_the_framing_that_proposes_them():
    assert {"rule R.spans_updates", "rule R.models_selection", "rule R.expects_end"} <= justification(
        DECEPTION, "conditions_necessary")
    assert claim(DECEPTION, "conditions_are_proposed").status == "holds"
    answer = spec(DECEPTION).implies("R.DeceptivelyAligned(m)", "R.SpansUpdates(m)")
    assert answer.status == "fails"


def test_a_mesa_optimizer_lacking_a_condition_is_not_deceptive():
    for label, rule in (("episodic_not_deceptive", "rule R.spans_updates"),
                        ("unaware_not_deceptive", "rule R.models_selection"),
                        ("permanent_threat_not_deceptive", "rule R.expects_end")):
        assert claim(DECEPTION, label).status == "holds", label
        assert rule in justification(DECEPTION, label), label
    assert claim(DECEPTION, "episodic_deception_not_excluded_by_definition").status == "holds"


def test_condition_three_is_an_expectation():
    met = scenario(DECEPTION, "conditions_met")
    assert all_passed(met)
    assert cell(met, "meets_deception_conditions", "model") == "holds"
    # no unmonitored context is needed for the expectation that the threat ends
    assert not any(ind for ind, (kind, _) in met.scenario.individuals.items()
                   if kind is not None and kind.name == "Unmonitored")


# ---- defection and the treacherous turn ----------------------------------------------------------

def test_treacherous_turn_follows_from_section_4s_account():
    assert claim(DECEPTION, "turn_when_unmonitored").status == "holds"
    assert {"rule cooperates_under_threat", "rule defects_when_free"} <= justification(
        DECEPTION, "turn_when_unmonitored")
    assert claim(DECEPTION, "turn_needs_the_dynamics").status == "holds"


def test_treacherous_turn_scenario():
    turn = scenario(DECEPTION, "treacherous_turn_scenario")
    assert all_passed(turn)
    assert cell(turn, "cooperates_in", "model", "training") == "holds"
    assert cell(turn, "cooperates_in", "model", "audit") == "holds"
    assert cell(turn, "defects_in", "model", "field") == "holds"
    assert cell(turn, "defects_in", "model", "audit") == "refuted"
    assert cell(turn, "treacherous_turn", "model", "audit", "field") == "holds"
    assert verdict(turn, "expect open R.SpansUpdates(model)") == "open"


def test_corners_of_figure_4_1():
    corners = scenario(DECEPTION, "corners")
    assert all_passed(corners)
    for episode in ("episode_1", "episode_2"):
        assert cell(corners, "cooperates_in", "robot", episode) == "holds"
    for episode in ("episode_3", "episode_4", "episode_5"):
        assert cell(corners, "defects_in", "robot", episode) == "holds"
    assert verdict(corners, "expect refuted behavioral_objective(robot, episode_1, reach_B)") == "refuted"
    assert verdict(corners, "expect open performs_well(robot, episode_4, reach_B)") == "open"


def test_deception_is_invisible_while_monitored_and_robust_alignment_never_defects():
    assert {"rule cooperates_under_threat", "behavioral_objective is functional"} <= justification(
        DECEPTION, "invisible_while_monitored")
    assert claim(DECEPTION, "cooperates_in_training").status == "holds"
    assert "rule training_is_monitored" in justification(DECEPTION, "cooperates_in_training")
    assert {"definition R.robust_agrees", "disjoint R.agrees_in, R.diverges_in"} <= justification(
        DECEPTION, "robust_never_defects")


# ---- B1 in every deployment against a monitored deployment ---------------------------------------

def test_b1_leaves_a_deceptive_model_no_monitored_deployment():
    assert claim(DECEPTION, "b1_leaves_no_monitored_deployment").status == "holds"
    assert {"rule mesa_drives_behaviour", "rule cooperates_under_threat", "definition R.pseudo_diverges"} <= justification(
        DECEPTION, "b1_leaves_no_monitored_deployment")
    assert claim(DECEPTION, "monitored_deployment_without_b1").status == "holds"
    under_b1 = scenario(DECEPTION, "treacherous_turn_under_b1")
    assert under_b1.status.value == "inconsistent"
    assert [e.text for e in under_b1.expectations] == ["expect inconsistent"]
    assert not under_b1.failed


def test_b1_allows_an_unmonitored_deployment():
    deployed = scenario(DECEPTION, "deployed_unmonitored_under_b1")
    assert all_passed(deployed)
    assert cell(deployed, "treacherous_turn", "model", "training", "field") == "holds"


# ---- after extensive training: internalization, corrigibility, deception -------------------------

def test_three_ways_after_extensive_training():
    world = scenario(DECEPTION, "after_extensive_training")
    assert all_passed(world)
    for model in ("internal", "corrigible", "deceptive"):
        assert cell(world, "cooperates_in", model, "training") == "holds", model
    assert cell(world, "defects_in", "deceptive", "field") == "holds"
    assert cell(world, "defects_in", "internal", "field") == "refuted"
    assert cell(world, "defects_in", "corrigible", "field") == "refuted"
    assert verdict(world, "expect open R.models_objective(internal, base)") == "open"
    assert verdict(world, "expect R.models_objective(corrigible, base)") == "holds"


def test_corrigibility_needs_a_model_of_the_base_objective_and_internalization_does_not():
    assert justification(DECEPTION, "corrigible_needs_a_model") == {
        "definition R.corrigible_points", "definition R.pointer_needs_model"}
    assert claim(DECEPTION, "internal_needs_no_model").status == "holds"
    assert claim(DECEPTION, "corrigible_and_deceptive_share_the_model").status == "holds"
    assert "disjoint R.PseudoAligned, R.RobustlyAligned" in justification(DECEPTION, "deceptive_never_corrigible")
