"""Hubinger 2020: the arrows, their hidden premises and their converses (DOMAIN.md §4, cases 1-4 and 9)."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec

# ---- DOMAIN case 1: definedness ------------------------------------------------------------------

def test_case1_inner_alignment_is_undefined_for_a_non_optimizer():
    world = scenario("hubinger2020", "heuristic_policy")
    assert all_passed(world)
    assert cell(world, "objective_robust", "policy") == "holds"
    assert cell(world, "inner_aligned", "policy") == "not applicable"   # undefined, not false
    assert claim("hubinger2020", "f3").status == "holds"                # ObjRobust does not imply Inner
    assert claim("hubinger2020", "a1").status == "holds"                # Inner implies ObjRobust (mesa-optimizers)


# ---- DOMAIN case 2: hidden premise of A1 --------------------------------------------------------

def test_case2_b1_is_the_missing_premise_of_a1():
    assert claim("hubinger2020", "a1_needs_b1").status == "holds"
    assert claim("hubinger2020", "a1").status == "holds"
    assert "rule mesa_drives_behaviour" in justification("hubinger2020", "a1")
    answer = spec("hubinger2020").implies("inner_aligned", "objective_robust")
    assert answer.status == "fails"
    assert any(u.startswith("behavioral_objective") for u in answer.unmatched)
    adds = {h.framing: list(h.adds) for h in answer.counterexample.holds_under}
    assert adds["mesa_behaves"] == ["rule mesa_drives_behaviour"]


# ---- DOMAIN case 3: partial stack ----------------------------------------------------------------

def test_case3_outer_and_inner_give_intent_but_not_impact():
    assert claim("hubinger2020", "stack_intent").status == "holds"
    assert {"rule mesa_drives_behaviour", "rule alignment_chains", "rule outer_optimum"} <= justification(
        "hubinger2020", "stack_intent")
    assert claim("hubinger2020", "f2_stack_not_impact").status == "holds"
    assert claim("hubinger2020", "stack_with_capability").status == "holds"
    answer = spec("hubinger2020").implies(
        "outer_aligned_to(o, h), inner_aligned(m), trains(b, m), optimizes(b, o)", "impact_aligned(m, h)",
        framing="objective_focused")
    assert answer.status == "fails"
    assert list(answer.unmatched) == ["acts_acceptably(m, h)"]
    facts = answer.counterexample.world.facts
    # the countermodel: m is intent aligned but nothing performs well off distribution,
    # so capability robustness is false in it
    assert not any(f.relation == "performs_well_off" for f in facts)
    assert any(f.relation == "behavioral_objective" and f.args[0] == "m" for f in facts)


# ---- DOMAIN case 4: converse countermodels ---------------------------------------------------------

def test_case4_converses_fail():
    for label in ("f1_a3", "f1_a2", "f3"):
        assert claim("hubinger2020", label).status == "holds"
    hub = spec("hubinger2020")
    impact_not_intent = hub.implies("impact_aligned", "intent_aligned", framing="objective_focused")
    assert impact_not_intent.status == "fails"
    assert any(u.startswith("behavioral_objective") for u in impact_not_intent.unmatched)
    robust_not_inner = hub.implies("objective_robust", "inner_aligned", framing="objective_focused")
    assert robust_not_inner.status == "fails"
    assert "MesaOptimizer(x1)" in robust_not_inner.unmatched or any(
        u.startswith("MesaOptimizer") for u in robust_not_inner.unmatched)
    world = scenario("hubinger2020", "mesa_policy")
    assert all_passed(world)
    assert cell(world, "inner_aligned", "searcher") == "holds"
    assert cell(world, "capability_robust", "searcher") == "open"


# ---- DOMAIN case 9: two roads to impact alignment ---------------------------------------------

def test_case9_two_roads():
    assert claim("hubinger2020", "road_objective").status == "holds"
    assert claim("hubinger2020", "road_generalization").status == "holds"
    objective_road = justification("hubinger2020", "road_objective")
    generalization_road = justification("hubinger2020", "road_generalization")
    assert "rule alignment_chains" in objective_road and "rule performance_transfers" not in objective_road
    assert "rule performance_transfers" in generalization_road and "rule alignment_chains" not in generalization_road
    assert claim("comparison", "demski_road").status == "holds"
    assert claim("comparison", "demski_road_closed_to_heuristics").status == "holds"
    assert claim("comparison", "generalization_road_heuristic").status == "holds"
