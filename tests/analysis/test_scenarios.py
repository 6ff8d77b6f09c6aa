"""Scenarios: consistency, expectations, the concept table and hierarchy levels."""

from __future__ import annotations

import json

from _analysis_support import codes

import alignspec
from alignspec.analysis.scenarios import TableCells
from alignspec.cli import main

VOCABULARY = """
kind Optimizer
kind Model
kind MesaOptimizer: Model, Optimizer
kind Human: Optimizer
kind Objective
disjoint Optimizer, Objective
disjoint Model, Objective
relation trains(Optimizer, Model) inverse_functional acyclic
relation optimizes(Optimizer, Objective) functional
relation behavioral_objective(Model, Objective) functional
relation aligned_with(Objective, Objective)
concept robust(a: Model) := trains(b, a), optimizes(b, o), behavioral_objective(a, p), aligned_with(p, o)
concept inner(m: MesaOptimizer) := trains(b, m), optimizes(b, o), behavioral_objective(m, p), aligned_with(p, o)
framing copying {
    rule copy: trains(b, a), optimizes(b, o) -> behavioral_objective(a, o)
}
"""


def load(write, text, name="spec.align"):
    return alignspec.load(str(write(VOCABULARY + text, name)), cells=TableCells.ALL)


def test_consistent_scenario_passes_silently(write):
    spec = load(write, """
scenario ok {
    Human h
    Model m
    Objective goal, proxy
    optimizes(h, goal)
    trains(h, m)
    behavioral_objective(m, proxy)
    aligned_with(proxy, goal)
    expect robust(m)
    expect not inner(m)
}
""")
    assert [c for c in codes(spec) if c != "unused-declaration"] == []
    (evaluation,) = spec.scenarios
    assert evaluation.status == "consistent"
    statuses = {(c.concept, c.args): c.status for c in evaluation.cells}
    assert statuses[("robust", ("m",))] == "holds"
    # version 1: an entity merely not known to be of the kind is open, not "not applicable"
    assert statuses[("inner", ("m",))] == "open"
    assert statuses[("robust", ("h",))] == "open"
    assert statuses[("robust", ("goal",))] == "not applicable"    # Model and Objective are disjoint
    holding = next(c for c in evaluation.cells if c.concept == "robust" and c.args == ("m",))
    assert holding.witness == {"b": "h", "o": "goal", "p": "proxy"}
    assert holding.levels == {"trains": {"h": 0, "m": 1}}


def test_functional_clash_is_inconsistent(write):
    spec = load(write, """
scenario two_objectives {
    Model m
    Objective a, b
    behavioral_objective(m, a)
    behavioral_objective(m, b)
    expect robust(m)
}
""")
    found = [d for d in spec.diagnostics() if d.name == "inconsistent-scenario"]
    assert len(found) == 1
    assert found[0].subject.axiom == "behavioral_objective is functional"
    assert set(found[0].subject.facts) == {"behavioral_objective(m, a)", "behavioral_objective(m, b)"}
    lines = {r.span.line for r in found[0].related}
    text = (VOCABULARY + "x").splitlines()
    assert any("functional" in text[line - 1] for line in lines if line <= len(text))
    assert "expectation-failed" not in codes(spec)
    assert spec.scenarios[0].status == "inconsistent"


def test_disjoint_kinds_derived_by_a_rule_make_a_scenario_inconsistent(write):
    spec = load(write, """
framing objectives_train {
    rule odd: aligned_with(p, o) -> trains(h, p)
}
scenario odd under objectives_train {
    Objective a, b
    aligned_with(a, b)
}
""")
    found = [d for d in spec.diagnostics() if d.name == "inconsistent-scenario"]
    assert len(found) == 1 and found[0].subject.axiom == "disjoint Model, Objective"


def test_cycle_in_acyclic(write):
    spec = load(write, """
scenario loop {
    MesaOptimizer a, b
    trains(a, b)
    trains(b, a)
}
""")
    found = [d for d in spec.diagnostics() if d.name == "cycle-in-acyclic"]
    assert len(found) == 1
    assert found[0].subject.relation == "trains"
    assert set(found[0].subject.cycle) == {"a", "b"}
    chain = load(write, """
scenario chain {
    MesaOptimizer a, b
    trains(a, b)
}
""", "b.align")
    assert "cycle-in-acyclic" not in codes(chain)


def test_expectations_fail_both_ways(write):
    spec = load(write, """
scenario wrong {
    Human h
    Model m
    Objective goal, proxy
    optimizes(h, goal)
    trains(h, m)
    behavioral_objective(m, proxy)
    expect robust(m)
    expect not behavioral_objective(m, proxy)
}
""")
    found = [d for d in spec.diagnostics() if d.name == "expectation-failed"]
    assert [d.subject.expect for d in found] == ["expect robust(m)", "expect not behavioral_objective(m, proxy)"]
    assert found[0].subject.unmatched == ("aligned_with(proxy, goal)",)
    assert found[1].subject.status == "holds"


def test_expect_not_that_follows_from_a_rule_has_a_justification(write):
    spec = load(write, """
scenario derived under copying {
    Human h
    Model m
    Objective goal
    optimizes(h, goal)
    trains(h, m)
    expect not behavioral_objective(m, goal)
}
""")
    (found,) = [d for d in spec.diagnostics() if d.name == "expectation-failed"]
    assert [j.label for j in found.justification] == ["rule copy"]


def test_levels_and_notes_on_the_seed(seed_path):
    seed = alignspec.load(str(seed_path), cells=TableCells.ALL)
    evaluation = next(e for e in seed.scenarios if e.scenario.name == "three_levels")
    (hierarchy,) = evaluation.hierarchies
    assert hierarchy.levels == {"researcher": 0, "agent": 1, "subagent": 2}
    inner = next(c for c in evaluation.cells if c.concept == "inner_aligned" and c.args == ("agent",))
    assert inner.status == "holds" and inner.witness["b"] == "researcher"
    assert inner.levels["trains"] == {"researcher": 0, "agent": 1}
    sub = next(c for c in evaluation.cells if c.concept == "inner_aligned" and c.args == ("subagent",))
    assert sub.status == "open"
    assert any(note.startswith("inner_aligned ") for note in evaluation.level_notes)
    gd = next(e for e in seed.scenarios if e.scenario.name == "gradient_descent")
    statuses = {(c.concept, c.args): c.status for c in gd.cells}
    assert statuses[("inner_aligned", ("policy",))] == "not applicable"
    assert statuses[("objective_robust", ("policy",))] == "holds"


def test_scenario_command(seed_path, capsys):
    assert main(["scenario", str(seed_path), "three_levels", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    (record,) = document["scenarios"]
    assert record["hierarchies"][0]["levels"] == {"researcher": 0, "agent": 1, "subagent": 2}
    assert all(e["passed"] for e in record["expectations"])
    assert main(["scenario", str(seed_path), "three_levels"]) == 0
    text = capsys.readouterr().out
    assert "researcher (level 0)" in text and "subagent (level 2)" in text
    assert main(["scenario", str(seed_path), "no_such"]) == 2
    assert main(["scenario", str(seed_path), "gradient_descent", "--derivations"]) == 0
