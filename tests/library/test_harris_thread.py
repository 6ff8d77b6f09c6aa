"""The comment thread: the collapse, the conflict with the reply, and three levels (DOMAIN.md §4, cases 5-7)."""

from __future__ import annotations

from _library_support import all_passed, cell, claim, justification, scenario, spec, write

import alignspec

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
