"""The shipped library (ontology/*.align): it checks clean, every spec loads by name, and each of
the twelve test cases of DOMAIN.md §4 gives the expected result (a claim's status, a scenario's
cells and expectations, or a classification), not merely a clean check."""

from __future__ import annotations

import textwrap

import alignspec
from alignspec.analysis.scenarios import TableCells
from alignspec.check import CheckOptions, check
from alignspec.model.loader import library_directory, library_names

SOURCE_SPECS = ["hubinger2020", "harris_thread", "rflo", "demski2021", "koch2021",
                "goal_misgeneralization", "christiano2018", "harris2020_gd"]
LIBRARY = ["vocabulary", "comparison", *SOURCE_SPECS]


_cache: dict[str, alignspec.Spec] = {}


def spec(name: str) -> alignspec.Spec:
    if name not in _cache:
        _cache[name] = alignspec.load(name, cells=TableCells.ALL)
    return _cache[name]


def claim(name: str, label: str):
    found = [c for c in spec(name).claims if c.claim.label == label]
    assert found, f"no claim {label!r} in {name}"
    return found[0]


def justification(name: str, label: str) -> set[str]:
    return {j.label for j in claim(name, label).justification or []}


def scenario(name: str, scenario_name: str):
    found = [s for s in spec(name).scenarios if s.scenario.name == scenario_name]
    assert found, f"no scenario {scenario_name!r} in {name}"
    return found[0]


def cell(evaluation, concept: str, *args: str) -> str:
    found = [c for c in evaluation.cells if c.concept == concept and tuple(c.args) == args]
    assert found, f"no cell {concept}{args}"
    return found[0].status


def all_passed(evaluation) -> bool:
    return evaluation.status == "consistent" and all(e.passed for e in evaluation.expectations)


def write(tmp_path, text: str, name: str = "spec.align"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# ---- the library as a whole ---------------------------------------------------------------------

def test_library_checks_clean_and_loads_by_name():
    names = library_names()
    for name in LIBRARY:
        assert name in names, f"{name}.align is not in the shipped library"
    result = check([str(library_directory())], CheckOptions())
    bad = [f"{d.name}: {d.message}" for d in result.diagnostics if d.severity.value in ("error", "warning")]
    assert bad == []
    assert result.exit_status(strict=True) == 0
    assert result.claims and {c.status for c in result.claims} == {"holds"}
    for name in names:
        loaded = spec(name)
        assert loaded.name == name
        assert [d for d in loaded.diagnostics() if d.severity.value in ("error", "warning")] == []


def test_every_concept_of_a_source_spec_cites_a_source():
    for name in [*SOURCE_SPECS, "comparison"]:
        unit = spec(name).unit
        concepts = [s for s in unit.spec.statements if type(s).__name__ == "ConceptDecl"]
        assert concepts, name
        for concept in concepts:
            assert concept.doc.sources and concept.doc.text, f"{name}: concept {concept.name.text} has no doc or source"


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


# ---- DOMAIN case 5: Harris coincidence -------------------------------------------------------------

def test_case5_harris_substitution_collapses_objective_robustness_into_inner_alignment():
    thread = spec("harris_thread")
    assert claim("harris_thread", "collapse").status == "holds"
    assert frozenset({"inner_aligned", "objective_robust"}) in thread.classification("harris").classification.classes
    assert frozenset({"inner_aligned", "objective_robust"}) not in thread.classification(
        "hubinger2020").classification.classes
    forward = thread.implies("objective_robust", "inner_aligned", framing="harris")
    assert forward.status == "holds"
    assert {"rule trained_is_mesa", "rule behavior_is_mesa"} <= {j.label for j in forward.justification}


# ---- DOMAIN case 6: framework conflict -------------------------------------------------------------

def test_case6_rflo_constraint_and_harris_substitution_conflict(tmp_path):
    assert claim("harris_thread", "built_heuristic_impossible").status == "holds"
    assert {"rule builder_is_base", "rule trained_is_mesa", "disjoint Heuristic, Optimizer"} <= justification(
        "harris_thread", "built_heuristic_impossible")
    assert "built_heuristic" in spec("harris_thread").classification("harris").classification.unsatisfiable
    assert "built_heuristic" not in spec("harris_thread").classification("hubinger2020").classification.unsatisfiable
    path = write(tmp_path, """
        import vocabulary
        import harris_thread as T
        scenario built_policy under T.harris {
            Human researcher
            Heuristic policy
            builds(researcher, policy)
        }
        scenario built_policy_hubinger under T.hubinger2020 {
            Human researcher
            Heuristic policy
            builds(researcher, policy)
        }
        """)
    loaded = alignspec.load(str(path))
    statuses = {s.scenario.name: s.status for s in loaded.scenarios}
    assert statuses == {"built_policy": "inconsistent", "built_policy_hubinger": "consistent"}
    found = [d for d in loaded.diagnostics() if d.name == "inconsistent-scenario"]
    assert len(found) == 1 and found[0].subject.axiom == "disjoint Heuristic, Optimizer"


# ---- DOMAIN case 7: three levels -----------------------------------------------------------------

def test_case7_three_levels_need_composition():
    composed = scenario("harris_thread", "three_levels_composed")
    assert all_passed(composed)
    assert cell(composed, "intent_aligned", "subagent") == "holds"
    levels = {h.relation: h.levels for h in composed.hierarchies}["trains"]
    assert levels == {"researcher": 0, "agent": 1, "subagent": 2}
    uncomposed = scenario("harris_thread", "three_levels_uncomposed")
    assert all_passed(uncomposed)
    assert cell(uncomposed, "intent_aligned", "subagent") == "open"
    assert cell(uncomposed, "inner_aligned_to", "subagent", "agent") == "holds"
    expectations = {e.text: e.status for e in uncomposed.expectations}
    assert expectations["expect not aligned_with(L'', L)"] == "open"
    # Christiano's F8: what an intent-aligned AI builds need not be intent aligned
    assert claim("christiano2018", "f8").status == "holds"
    assert claim("christiano2018", "f8_needs_premise").status == "holds"
    assert claim("comparison", "f8_under_bridge").status == "holds"
    successor = scenario("christiano2018", "successor")
    assert all_passed(successor)
    assert cell(successor, "intent_aligned", "successor", "operator") == "open"


# ---- DOMAIN case 8: Demski vs Hubinger intent --------------------------------------------------------

def test_case8_demski_and_hubinger_intent_disagree_on_non_optimizers():
    world = scenario("comparison", "intent_of_a_heuristic")
    assert all_passed(world)
    assert cell(world, "H.intent_aligned", "policy", "h") == "holds"
    assert cell(world, "D.intent_aligned", "policy", "h") == "refuted"
    assert cell(world, "H.intent_aligned", "searcher", "h") == "holds"
    assert cell(world, "D.intent_aligned", "searcher", "h") == "holds"
    assert claim("demski2021", "heuristic_not_intent").status == "holds"      # false for a heuristic
    for label in ("intent_H_not_D", "intent_D_to_H", "intent_agree_on_mesa", "intent_D_not_H"):
        assert claim("comparison", label).status == "holds", label
    assert "rule mesa_drives_behaviour" in justification("comparison", "intent_D_to_H")


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


# ---- DOMAIN case 10: the RFLO lattice -----------------------------------------------------------

def test_case10_rflo_lattice():
    for label in ("deceptive_is_pseudo", "side_effect_is_proxy", "instrumental_is_proxy", "approximate_is_pseudo",
                  "suboptimality_is_pseudo", "internal_is_robust", "corrigible_is_robust", "proxy_is_optimizer",
                  "pseudo_and_robust_disjoint", "deceptive_and_internal_contradict",
                  "proxy_non_optimizer_contradicts", "pseudo_robust_behaviour_disjoint",
                  "deception_conditions_hold", "deception_conditions_not_definitional"):
        assert claim("rflo", label).status == "holds", label
    assert "disjoint PseudoAligned, RobustlyAligned" in justification("rflo", "deceptive_and_internal_contradict")
    assert "disjoint Heuristic, Optimizer" in justification("rflo", "proxy_non_optimizer_contradicts")
    assert {"deceptive_internal", "heuristic_proxy", "pseudo_and_robust"} <= spec("rflo").classification().classification.unsatisfiable
    assert justification("rflo", "deception_conditions_hold") == {
        "rule spans_updates", "rule models_selection", "rule expects_end"}


# ---- DOMAIN case 11: goal misgeneralization needs no mesa-optimizer -----------------------------

def test_case11_goal_misgeneralization():
    for label in ("f7_consistent", "gm_capability_robust", "gm_not_robust", "gm_not_objective_robust",
                  "gm_objective_robust_needs_b5", "nesting_pseudo_in_gm", "nesting_not_conversely",
                  "nesting_gm_in_robustness_failure"):
        assert claim("goal_misgeneralization", label).status == "holds", label
    assert "rule performance_transfers" in justification("goal_misgeneralization", "gm_not_objective_robust")
    assert "disjoint performs_well_off, fails_off" in justification("goal_misgeneralization", "gm_not_robust")
    coinrun = scenario("goal_misgeneralization", "coinrun")
    assert all_passed(coinrun)
    assert cell(coinrun, "goal_misgeneralized", "agent") == "holds"
    assert cell(coinrun, "H.capability_robust", "agent") == "holds"
    assert cell(coinrun, "H.robust", "agent") == "refuted"
    assert cell(coinrun, "H.inner_aligned", "agent") == "not applicable"


# ---- DOMAIN case 12: arity / meaning clash for "outer alignment" --------------------------------

def test_case12_outer_alignment_needs_an_explicit_mapping(tmp_path):
    assert claim("comparison", "outer_H_to_G").status == "holds"
    assert claim("comparison", "outer_H_to_G_needs_mapping").status == "holds"
    assert claim("comparison", "outer_G_not_H").status == "holds"
    assert {"rule outer_optimum", "rule competent_on"} <= justification("comparison", "outer_H_to_G")
    path = write(tmp_path, """
        import hubinger2020 as H
        import koch2021 as K
        claim unify: H.outer_aligned equivalent K.outer_aligned_G
        """)
    result = check([str(path)], CheckOptions())
    assert [d.name for d in result.diagnostics if d.severity.value == "error"] == ["arity-mismatch"]
