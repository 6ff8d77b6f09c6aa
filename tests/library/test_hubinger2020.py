"""Hubinger 2020: the arrows, their hidden premises and their converses (DOMAIN.md §4, cases 1-4 and 9)."""

from __future__ import annotations

from _library_support import all_passed, arrow, cell, claim, diagram_arrows, justification, scenario, spec, write

import alignspec

HUB = "hubinger2020"


def findings(name: str, finding: str) -> set[str]:
    """The labels of the claims of spec ``name`` that a finding of this name is about."""
    return {d.subject.claim for d in spec(name).diagnostics() if d.name == finding}


# ---- DOMAIN case 1: definedness ------------------------------------------------------------------

def test_case1_inner_alignment_is_undefined_for_a_non_optimizer():
    world = scenario(HUB, "heuristic_policy")
    assert all_passed(world)
    assert cell(world, "objective_robust", "policy", "deployment") == "holds"
    assert cell(world, "objective_robust_under", "policy", "loss", "deployment") == "holds"
    assert cell(world, "inner_aligned", "policy") == "not applicable"   # undefined, not false
    assert claim(HUB, "f3").status == "holds"                           # ObjRobust does not imply Inner
    assert claim(HUB, "a1").status == "holds"                           # Inner implies ObjRobust (mesa-optimizers)


# ---- DOMAIN case 2: hidden premise of A1 --------------------------------------------------------

def test_case2_b1_is_the_missing_premise_of_a1():
    assert claim(HUB, "a1_needs_b1").status == "holds"
    assert claim(HUB, "a1").status == "holds"
    assert claim(HUB, "a1").framing_name == "mesa_behaves"
    assert "rule mesa_drives_behaviour" in justification(HUB, "a1")
    answer = spec(HUB).implies("inner_aligned_under(m, o), Deployment(d)", "objective_robust_under(m, o, d)")
    assert answer.status == "fails"
    assert any(u.startswith("behavioral_objective") for u in answer.unmatched)
    adds = {h.framing: list(h.adds) for h in answer.counterexample.holds_under}
    assert adds["mesa_behaves"] == ["rule mesa_drives_behaviour"]


# ---- DOMAIN case 3: partial stack ----------------------------------------------------------------

def test_case3_outer_and_inner_give_intent_but_not_impact():
    assert claim(HUB, "stack_intent").status == "holds"
    assert {"rule mesa_drives_behaviour", "rule alignment_chains", "rule outer_optimum"} <= justification(
        HUB, "stack_intent")
    assert claim(HUB, "f2_stack_not_impact").status == "holds"
    assert claim(HUB, "stack_with_capability").status == "holds"
    answer = spec(HUB).implies(
        "outer_aligned_for(o, h), inner_aligned_under(m, o), Deployment(d)", "impact_aligned_in(m, d, h)",
        framing="objective_focused")
    assert answer.status == "fails"
    assert list(answer.unmatched) == ["acts_acceptably_in(m, d, h)"]
    facts = answer.counterexample.world.facts
    # the countermodel: m is intent aligned, but nothing performs well anywhere, so capability
    # robustness is false in it
    assert not any(f.relation == "performs_well" for f in facts)
    assert any(f.relation == "behavioral_objective" and f.args[0] == "m" for f in facts)
    stack = scenario(HUB, "partial_stack")
    assert all_passed(stack)
    assert cell(stack, "intent_aligned_to", "searcher", "h", "deployment") == "holds"
    assert cell(stack, "capability_robust", "searcher", "deployment") == "refuted"
    assert cell(stack, "impact_aligned_in", "searcher", "deployment", "h") == "open"


# ---- DOMAIN case 4: converse countermodels ---------------------------------------------------------

def test_case4_converses_fail():
    for label in ("f1_a1", "f1_a2", "f1_a2_robustness", "f1_a3", "f3", "f1_robust"):
        assert claim(HUB, label).status == "holds", label
    hub = spec(HUB)
    impact_not_intent = hub.implies("impact_aligned(m, h), Deployment(d)", "intent_aligned_to(m, h, d)",
                                    framing="objective_focused")
    assert impact_not_intent.status == "fails"
    assert any(u.startswith("behavioral_objective") for u in impact_not_intent.unmatched)
    robust_not_inner = hub.implies("objective_robust(m, d)", "inner_aligned(m)", framing="objective_focused")
    assert robust_not_inner.status == "fails"
    assert any(u.startswith("MesaOptimizer") for u in robust_not_inner.unmatched)
    acceptable = scenario(HUB, "acceptable_without_intent")
    assert all_passed(acceptable)
    assert cell(acceptable, "impact_aligned_in", "model", "deployment", "h") == "holds"
    assert cell(acceptable, "intent_aligned_to", "model", "h", "deployment") == "refuted"
    world = scenario(HUB, "mesa_policy")
    assert all_passed(world)
    assert cell(world, "inner_aligned", "searcher") == "holds"
    assert cell(world, "objective_robust", "searcher", "deployment") == "holds"
    assert cell(world, "capability_robust", "searcher", "deployment") == "open"


# ---- DOMAIN case 9: two roads to impact alignment ---------------------------------------------

def test_case9_two_roads():
    assert claim(HUB, "road_objective").status == "holds"
    assert claim(HUB, "road_generalization").status == "holds"
    assert claim(HUB, "road_generalization_skips_intent").status == "holds"
    objective_road = justification(HUB, "road_objective")
    generalization_road = justification(HUB, "road_generalization")
    assert "rule alignment_chains" in objective_road and "rule performance_transfers" not in objective_road
    assert "rule performance_transfers" in generalization_road and "rule alignment_chains" not in generalization_road
    world = scenario(HUB, "generalization_road")
    assert all_passed(world)
    assert cell(world, "robust_under", "model", "loss", "deployment") == "holds"
    assert cell(world, "impact_aligned_in", "model", "deployment", "h") == "holds"
    assert cell(world, "intent_aligned_to", "model", "h", "deployment") == "open"


# ---- the arrows of both diagrams ---------------------------------------------------------------------

def test_the_arrows_are_claims_between_concepts_under_the_framing_that_makes_them_hold():
    expected = {
        "a1": (["inner_aligned_under"], ["Deployment"], ["objective_robust_under"], "mesa_behaves"),
        "a2": (["outer_aligned_for", "objective_robust_under"], [], ["intent_aligned_to"], "alignment_composes"),
        "a3": (["intent_aligned_to", "capability_robust"], [], ["impact_aligned_in"], "competence_suffices"),
        "g1": (["objective_robust_under", "capability_robust"], [], ["robust_under"], "generalization_focused"),
        "g2": (["outer_aligned_for", "robust_under"], [], ["impact_aligned_in"], "generalization_focused"),
    }
    for label, (premises, others, conclusion, framing) in expected.items():
        assert claim(HUB, label).status == "holds", label
        assert claim(HUB, label).framing_name == framing, label
        assert arrow(HUB, label) == (premises, others, conclusion), label
    for label in ("a1_needs_b1", "a2_needs_b2", "a2_needs_b4", "a3_needs_b3", "g1_needs_b5", "g2_needs_b4"):
        assert claim(HUB, label).status == "holds", label
    assert "rule performance_transfers" in justification(HUB, "g1")
    assert {"rule outer_optimum", "rule competent_acts_acceptably"} <= justification(HUB, "g2")
    assert "rule alignment_chains" not in justification(HUB, "g2")


def test_the_arrows_of_the_spec_are_the_posts_arrows():
    assert diagram_arrows(HUB) == {"a1", "a2", "a3", "g1", "g2"}


def test_a2_names_the_human_on_both_sides():
    assert arrow(HUB, "a2")[0][0] == "outer_aligned_for"
    decl = claim(HUB, "a2").claim
    human = decl.left.atoms[0].args[1]
    assert decl.right.atoms[0].args[1] == human              # intent_aligned_to(m, h, d), the same h
    assert claim(HUB, "a2_needs_the_named_human").status == "holds"
    world = scenario(HUB, "outer_for_someone_else")
    assert all_passed(world)
    assert cell(world, "intent_aligned_to", "model", "researcher", "deployment") == "holds"
    assert cell(world, "intent_aligned", "model", "deployment") == "holds"
    assert cell(world, "intent_aligned_to", "model", "bystander", "deployment") == "open"
    # with the existential reading of outer alignment, intent alignment with a given human fails
    answer = spec(HUB).implies("Human(h), outer_aligned(o), objective_robust_under(m, o, d)",
                               "intent_aligned_to(m, h, d)", framing="alignment_composes")
    assert answer.status == "fails"


def test_a3_is_derived_and_concludes_acceptability_only_where_the_model_is_capable():
    assert claim(HUB, "a3").status == "holds"
    assert {"rule competent_acts_acceptably", "behavioral_objective is functional"} <= justification(HUB, "a3")
    assert findings(HUB, "restated-premise") == set()
    assert claim(HUB, "a3_only_where_capable").status == "holds"
    everywhere = spec(HUB).implies("intent_aligned_to(m, h, d), capability_robust(m, d)", "impact_aligned(m, h)",
                                   framing="objective_focused")
    assert everywhere.status == "fails"
    assert claim(HUB, "impact_in_each_context").status == "holds"
    assert "definition vocabulary.impact_everywhere" in justification(HUB, "impact_in_each_context")


def test_the_converse_of_a2_fails_where_outer_alignment_can_be_concluded(tmp_path):
    assert findings(HUB, "vacuous-claim") == set()
    assert claim(HUB, "f1_a2").status == "holds"
    assert claim(HUB, "f1_a2").framing_name == "outer_at_the_limit"
    # the claim is not vacuous: if alignment were symmetric, the converse of A2 would hold there
    path = write(tmp_path, """
        import vocabulary
        import hubinger2020 as H
        framing alignment_both_ways extends H.outer_at_the_limit {
            rule alignment_is_symmetric: aligned_with(x, y) -> aligned_with(y, x)
        }
        claim converse under alignment_both_ways:
            H.intent_aligned_to(m, h, d), H.objective_robust_under(m, o, d) implies H.outer_aligned_for(o, h)
        """)
    converse = next(c for c in alignspec.load(str(path)).claims if c.claim.label == "converse")
    assert converse.status == "holds"
    assert {"rule H.optimum_makes_outer", "rule alignment_is_symmetric"} <= {j.label for j in converse.justification}


def test_hubinger_checks_clean():
    assert [d.name for d in spec(HUB).diagnostics()] == []
