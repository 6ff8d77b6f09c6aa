"""Risks from Learned Optimization: robust alignment as agreement of objectives, the pseudo-alignment
taxonomy with deception under instrumental proxy alignment, B1 in deployment only, and the paper's
examples (DOMAIN.md §4, case 10)."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec, write

import alignspec

RFLO = "rflo"


def verdict(evaluation, text: str) -> str:
    """The verdict on the atom of the expectation written ``text`` (e.g. ``"expect refuted K(a)"``)."""
    found = [e for e in evaluation.expectations if e.text == text]
    assert found, f"no expectation {text!r} in {evaluation.scenario.name}"
    return found[0].status_text


def load(tmp_path, text: str) -> alignspec.Spec:
    return alignspec.load(str(write(tmp_path, text)))


# ---- the spec as a whole -------------------------------------------------------------------------

def test_rflo_checks_clean_with_nothing_restated_or_vacuous():
    findings = list(spec(RFLO).diagnostics())
    assert findings == [], [f"{d.name}: {d.message}" for d in findings]
    assert {c.status for c in spec(RFLO).claims} == {"holds"}
    assert all(all_passed(s) for s in spec(RFLO).scenarios)


def test_names_other_specs_import_are_kept(tmp_path):
    loaded = load(tmp_path, """
        import vocabulary
        import rflo as R
        concept uses_them(m: R.RobustlyAligned)
            := R.pseudo_aligned(n), R.ProxyAligned(n), R.ApproximatelyAligned(n), R.SuboptimalityAligned(n),
               R.DeceptivelyAligned(n), R.SideEffectAligned(n), R.InstrumentallyAligned(n),
               R.InternallyAligned(m), R.CorrigiblyAligned(m), R.SpansUpdates(n), R.ExpectsThreatToEnd(n),
               R.models_objective(n, o), R.promotes(o, p), R.points_to(m, p), R.PseudoAligned(n)
        claim: satisfiable uses_them
        """)
    assert [d for d in loaded.diagnostics() if d.severity.value == "error"] == []
    assert loaded.claims[0].status == "holds"


# ---- DOMAIN case 10: the lattice -----------------------------------------------------------------

def test_case10_lattice():
    for label in ("deceptive_is_instrumental_proxy", "side_effect_is_proxy", "approximate_is_pseudo",
                  "suboptimality_is_pseudo", "internal_is_robust", "corrigible_is_robust", "proxy_is_optimizer",
                  "heuristic_never_proxy", "deceptive_never_internal"):
        assert claim(RFLO, label).status == "holds", label
    assert "disjoint PseudoAligned, RobustlyAligned" in justification(RFLO, "deceptive_never_internal")
    assert "disjoint Heuristic, Optimizer" in justification(RFLO, "heuristic_never_proxy")


def test_deception_is_instrumental_proxy_alignment():
    # the old encoding put DeceptivelyAligned directly under PseudoAligned
    assert "kind DeceptivelyAligned: InstrumentallyAligned" in justification(RFLO, "deceptive_is_instrumental_proxy")
    assert spec(RFLO).implies("DeceptivelyAligned(m)", "InstrumentallyAligned(m)").status == "holds"
    assert claim(RFLO, "deceptive_pursues_base_instrumentally").status == "holds"
    assert {"definition instrumental", "kind DeceptivelyAligned: InstrumentallyAligned"} <= justification(
        RFLO, "deceptive_pursues_base_instrumentally")
    # and not conversely: an instrumentally aligned mesa-optimizer need not be deceptive
    assert spec(RFLO).implies("InstrumentallyAligned(m)", "DeceptivelyAligned(m)").status == "fails"


def test_pseudo_and_robust_alignment_exclude_each_other_by_their_objectives():
    assert claim(RFLO, "pseudo_never_robust").status == "holds"
    assert {"definition robust_agrees", "disjoint agrees_in, diverges_in"} <= justification(RFLO, "pseudo_never_robust")
    assert "disjoint PseudoAligned, RobustlyAligned" not in justification(RFLO, "pseudo_never_robust")
    assert claim(RFLO, "base_as_mesa_objective_is_not_pseudo").status == "holds"
    assert {"definition self_agreement", "definition pseudo_diverges"} <= justification(
        RFLO, "base_as_mesa_objective_is_not_pseudo")
    assert claim(RFLO, "pseudo_kind_is_pseudo").status == "holds"


def test_side_effect_and_instrumental_are_special_cases_of_proxy_alignment():
    assert "promotes is reflexive" in justification(RFLO, "side_effect_is_x_mesa")
    assert "promotes is reflexive" in justification(RFLO, "instrumental_is_x_base")
    assert claim(RFLO, "general_proxy_is_more").status == "holds"


# ---- robust alignment is agreement of objectives, not competence ---------------------------------

def test_robust_alignment_is_agreement_in_every_context():
    answer = spec(RFLO).implies("RobustlyAligned(m), base_objective_of(o, m), mesa_objective(m, mo), Context(c)",
                                "agrees_in(mo, o, c)")
    assert answer.status == "holds"
    assert "definition robust_agrees" in {j.label for j in answer.justification}


def test_robust_alignment_does_not_give_performance():
    for label in ("robust_not_competent", "robust_mistakes_possible", "robust_mistakes_are_not_suboptimality"):
        assert claim(RFLO, label).status == "holds", label
    answer = spec(RFLO).implies("RobustlyAligned(m), base_objective_of(o, m), Deployment(d)", "performs_well(m, d, o)",
                                framing="hubinger_bridges")
    assert answer.status == "fails"


def test_internal_and_outer_alignment_give_impact_only_with_capability_robustness():
    assert claim(RFLO, "internal_outer_not_impact").status == "holds"
    assert claim(RFLO, "internal_outer_capable_impact").status == "holds"
    assert {"definition robust_is_aligned", "rule mesa_drives_behaviour", "rule competent_acts_acceptably",
            "rule outer_optimum", "rule alignment_chains"} <= justification(RFLO, "internal_outer_capable_impact")


def test_the_old_performance_reading_made_internal_and_outer_alignment_impact_aligned(tmp_path):
    # robust alignment read as doing well on the base objective off the training distribution, as
    # the old encoding did, with the premises of Hubinger's arrows
    loaded = load(tmp_path, """
        import vocabulary
        import rflo as R
        framing performance_reading extends R.hubinger_bridges {
            rule robust_performs: R.RobustlyAligned(m), base_optimizer(b, m), optimizes(b, o), Deployment(d)
                -> performs_well(m, d, o)
        }
        claim old under performance_reading:
            R.InternallyAligned(m), base_optimizer(b, m), optimizes(b, o), outer_aligned_to(o, h), Deployment(d)
            implies acts_acceptably_in(m, d, h)
        claim new under R.hubinger_bridges:
            R.InternallyAligned(m), base_optimizer(b, m), optimizes(b, o), outer_aligned_to(o, h), Deployment(d)
            implies acts_acceptably_in(m, d, h)
        """)
    outcomes = {c.claim.label: c.status for c in loaded.claims}
    assert outcomes == {"old": "holds", "new": "fails"}


def test_pseudo_alignment_can_be_competent_off_distribution():
    assert claim(RFLO, "pseudo_competent_off_distribution").status == "holds"


# ---- B1 holds in deployment only: a deceptive model is consistent under it -----------------------

CORNERS_FACTS = """
    LearningAlgorithm sgd
    R.DeceptivelyAligned robot
    Objective reach_A, reach_B
    TrainingDistribution training_episodes
    Deployment deployment_episodes
    optimizes(sgd, reach_A)
    trains(sgd, robot)
    mesa_objective(robot, reach_B)
    behavioral_objective(robot, training_episodes, reach_A)
    diverges_in(reach_B, reach_A, deployment_episodes)
"""


def test_deceptive_model_is_consistent_under_contextual_b1():
    assert claim(RFLO, "deception_consistent_under_b1").status == "holds"
    corners = scenario(RFLO, "corners")
    assert all_passed(corners)
    assert verdict(corners, "expect behavioral_objective(robot, deployment_episodes, reach_B)") == "holds"
    assert verdict(corners, "expect refuted behavioral_objective(robot, training_episodes, reach_B)") == "refuted"


def test_deceptive_model_was_inconsistent_under_context_free_b1(tmp_path):
    loaded = load(tmp_path, """
        import vocabulary
        import rflo as R
        framing context_free_b1 {
            rule everywhere: mesa_objective(m, o), Context(c) -> behavioral_objective(m, c, o)
        }
        claim under context_free_b1:
            satisfiable R.DeceptivelyAligned(m), trains(g, m), optimizes(g, base), mesa_objective(m, own),
            TrainingDistribution(t), behavioral_objective(m, t, base),
            Deployment(d), behavioral_objective(m, d, own), R.diverges_in(own, base, d)
        scenario corners under context_free_b1 {""" + CORNERS_FACTS.replace("diverges_in", "R.diverges_in") + """
        }
        """)
    assert loaded.claims[0].status == "fails"
    assert loaded.scenarios[0].status.value == "inconsistent"


def test_reward_result_gap_rests_on_b1():
    assert claim(RFLO, "reward_result_gap").status == "holds"
    assert justification(RFLO, "reward_result_gap") == {"rule mesa_drives_behaviour"}
    assert claim(RFLO, "reward_result_gap_needs_b1").status == "holds"


def test_training_agreement_leaves_robustness_open():
    assert claim(RFLO, "training_agreement_not_robust").status == "holds"
    assert claim(RFLO, "training_agreement_fits_pseudo").status == "holds"


# ---- the paper's examples ------------------------------------------------------------------------

def test_maze():
    maze = scenario(RFLO, "maze")
    assert all_passed(maze)
    assert cell(maze, "pseudo_aligned", "red_seeker") == "holds"
    # some other base optimizer could still be one it diverges from; the kind, though, is refuted
    assert cell(maze, "pseudo_aligned", "door_seeker") == "open"
    assert verdict(maze, "expect refuted PseudoAligned(door_seeker)") == "refuted"
    assert verdict(maze, "expect refuted RobustlyAligned(red_seeker)") == "refuted"
    assert verdict(maze, "expect open RobustlyAligned(door_seeker)") == "open"
    assert verdict(maze, "expect open performs_well(door_seeker, blue_doors, reach_door)") == "open"


def test_cleaning_robots():
    robots = scenario(RFLO, "cleaning_robots")
    assert all_passed(robots)
    assert cell(robots, "proxy_structure", "sweeper") == "holds"
    assert cell(robots, "proxy_structure", "collector") == "holds"
    assert verdict(robots, "expect not pseudo_aligned(rl)") == "not applicable"


def test_lamp_and_button_cannot_be_told_apart_in_training():
    lamp = scenario(RFLO, "lamp_and_button")
    assert all_passed(lamp)
    assert verdict(lamp, "expect open RobustlyAligned(presser)") == "open"
    assert verdict(lamp, "expect open PseudoAligned(presser)") == "open"
    assert verdict(lamp, "expect refuted PseudoAligned(lighter)") == "refuted"


def test_evolution():
    evolution = scenario(RFLO, "evolution")
    assert all_passed(evolution)
    assert cell(evolution, "pseudo_aligned", "brain") == "holds"


def test_several_base_optimizers_are_consistent(tmp_path):
    loaded = load(tmp_path, """
        import vocabulary
        import rflo as R
        scenario two_stages under R.mesa_determines_behaviour {
            LearningAlgorithm pretraining, feedback
            R.PseudoAligned assistant
            Objective prediction, reward, own
            TrainingDistribution training
            Deployment field
            optimizes(pretraining, prediction)
            optimizes(feedback, reward)
            trains(pretraining, assistant)
            trains(feedback, assistant)
            mesa_objective(assistant, own)
            expect R.pseudo_aligned(assistant)
            expect behavioral_objective(assistant, field, own)
        }
        """)
    assert all_passed(loaded.scenarios[0])
