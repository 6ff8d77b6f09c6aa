"""Version-1 scenarios: negative facts, the four verdicts, and expect refuted / open /
inconsistent, each both ways; and the verdicts against brute force on small worlds."""

from __future__ import annotations

import itertools

from _analysis_support import codes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import alignspec
from alignspec.analysis.scenarios import TableCells

VOCABULARY = """
kind Agent
kind Goal
kind Human: Agent
disjoint Agent, Goal
relation pursues(Agent, Goal) functional
relation deceives(Agent, Human) irreflexive
concept pursuer(a: Agent) := pursues(a, g)
concept deceiver(a: Agent) := deceives(a, h)
framing honest "no pursuer deceives" {
    rule no_deceit: pursues(a, g), deceives(a, h) -> false
}
"""


def scenario(write, text):
    spec = alignspec.load(str(write(VOCABULARY + text)), cells=TableCells.ALL)
    (evaluation,) = spec.scenarios
    return spec, evaluation


def verdicts(evaluation):
    return {(c.concept, c.args): c.status.value for c in evaluation.cells}


def test_the_four_verdicts(write):
    _, evaluation = scenario(write, """
scenario s under honest {
    Agent model
    Human alice
    Goal g
    pursues(model, g)
}
""")
    table = verdicts(evaluation)
    assert table[("pursuer", ("model",))] == "holds"
    assert table[("deceiver", ("model",))] == "refuted"       # honest: a pursuer cannot deceive
    assert table[("deceiver", ("alice",))] == "open"
    assert table[("pursuer", ("g",))] == "not applicable"     # g is a Goal, and Goals are not Agents
    refuted = next(c for c in evaluation.cells if c.concept == "deceiver" and c.args == ("model",))
    assert refuted.refutation.contradicts == "rule no_deceit"
    assert "pursues(model, g)" in refuted.refutation.facts


def test_a_negative_fact_refutes_and_never_derives(write):
    _, evaluation = scenario(write, """
scenario s {
    Agent model
    Human alice
    not deceives(model, alice)
    expect refuted deceives(model, alice)
    expect open deceives(alice, model)
    expect not deceives(model, alice)
}
""")
    assert evaluation.status.value == "consistent"
    assert all(e.passed for e in evaluation.expectations)
    refuted = evaluation.expectations[0]
    assert refuted.refutation.contradicts == "not deceives(model, alice)"


def test_a_negative_fact_that_follows_makes_the_scenario_inconsistent(write):
    spec, evaluation = scenario(write, """
scenario s {
    Agent model
    Goal g
    pursues(model, g)
    not pursuer(model)
    expect pursuer(model)
}
""")
    assert evaluation.status.value == "inconsistent"
    assert evaluation.expectations == []
    found = [d for d in spec.diagnostics() if d.name == "inconsistent-scenario"]
    assert len(found) == 1 and found[0].subject.axiom == "not pursuer(model)"


def test_expect_inconsistent_both_ways(write):
    spec, evaluation = scenario(write, """
scenario s under honest {
    Agent model
    Human alice
    Goal g
    pursues(model, g)
    deceives(model, alice)
    expect inconsistent
    expect pursuer(model)
}
""")
    assert evaluation.status.value == "inconsistent"
    assert [e.passed for e in evaluation.expectations] == [True]
    assert "inconsistent-scenario" not in codes(spec) and "expectation-failed" not in codes(spec)
    spec, evaluation = scenario(write, """
scenario s {
    Agent model
    expect inconsistent
    expect not pursuer(model)
}
""")
    assert [(e.kind.value, e.passed) for e in evaluation.expectations] == [("inconsistent", False), ("not", True)]
    assert codes(spec).count("expectation-failed") == 1


def test_expect_refuted_and_open_fail_with_what_they_found(write):
    spec, evaluation = scenario(write, """
scenario s under honest {
    Agent model
    Human alice
    Goal g
    pursues(model, g)
    expect refuted deceiver(alice)
    expect open deceiver(model)
    expect open pursuer(model)
    expect refuted pursuer(g)
}
""")
    outcomes = [(e.status.value, e.passed) for e in evaluation.expectations]
    assert outcomes == [("open", False), ("refuted", False), ("holds", False), ("not applicable", False)]
    failed = [d for d in spec.diagnostics() if d.name == "expectation-failed"]
    assert [d.subject.status for d in failed] == ["open", "refuted", "holds", "not applicable"]
    refuted = failed[1]
    assert refuted.justification and refuted.justification[0].label == "rule no_deceit"


# Brute force: every world over the named individuals and up to one extra entity, with the
# full rules below (no existential heads, so the enumeration is exact).

KINDS = ("A", "B")
RULES = ("A(x) -> B(x)", "B(x) -> A(x)", "R(x, y) -> A(x)", "R(x, y) -> B(y)", "R(x, y) -> R(y, x)",
         "A(x), B(x) -> false", "R(x, x) -> false", "R(x, y), R(x, z) -> y = z", "R(x, y), A(y) -> B(x)")
NAMED = ("a", "b")


def _atoms_text(facts):
    return [f"{p}({', '.join(args)})" for p, args in facts]


facts_strategy = st.lists(st.sampled_from([("A", ("a",)), ("B", ("a",)), ("A", ("b",)), ("B", ("b",)),
                                           ("R", ("a", "b")), ("R", ("b", "a")), ("R", ("a", "a"))]),
                          max_size=3, unique=True)
query_strategy = st.sampled_from([("A", ("a",)), ("B", ("b",)), ("R", ("a", "b")), ("R", ("b", "b")),
                                  ("c", ("a",)), ("c", ("b",)), ("d", ("a",))])


def _holds(world, pred, args, domain):
    if pred == "c":       # concept c(x: A) := R(x, y), B(y)
        (x,) = args
        return ("A", (x,)) in world and any(("R", (x, y)) in world and ("B", (y,)) in world for y in domain)
    if pred == "d":       # concept d(x: B) := B(x)
        return ("B", args) in world
    return (pred, tuple(args)) in world


def _satisfies(world, rules, domain):
    for rule in rules:
        body, head = (part.strip() for part in rule.split("->"))
        atoms = [(a.split("(")[0], tuple(v.strip() for v in a.split("(")[1].rstrip(")").split(",")))
                 for a in body.replace("), ", ");").split(";")]
        variables = sorted({v for _, args in atoms for v in args})
        for values in itertools.product(domain, repeat=len(variables)):
            env = dict(zip(variables, values))
            if all((p, tuple(env[v] for v in args)) in world for p, args in atoms):
                if head == "false":
                    return False
                if "=" in head:
                    left, right = (side.strip() for side in head.split("="))
                    if env[left] != env[right]:
                        return False
                    continue
                pred, rest = head.split("(")
                if (pred, tuple(env[v.strip()] for v in rest.rstrip(")").split(","))) not in world:
                    return False
    return True


def _worlds(given_facts, negatives, rules):
    for extra in (0, 1):
        domain = (*NAMED, *("x",)[:extra])
        candidates = [(k, (e,)) for k in KINDS for e in domain] + [("R", p) for p in itertools.product(domain, repeat=2)]
        free = [f for f in candidates if f not in given_facts]
        for chosen in itertools.product((False, True), repeat=len(free)):
            world = set(given_facts) | {f for f, keep in zip(free, chosen) if keep}
            if any(_holds(world, p, args, domain) for p, args in negatives):
                continue
            if _satisfies(world, rules, domain):
                yield world, domain


def _brute_force(given_facts, negatives, rules, query):
    pred, args = query
    worlds = list(_worlds(given_facts, negatives, rules))
    if not worlds:
        return "inconsistent"
    if all(_holds(w, pred, args, d) for w, d in worlds):
        return "holds"
    param_kind = {"c": "A", "d": "B"}.get(pred)
    if param_kind is not None and not any((param_kind, args) in w for w, _ in worlds):
        return "not applicable"
    if not any(_holds(w, pred, args, d) for w, d in worlds):
        return "refuted"
    return "open"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rules=st.lists(st.sampled_from(RULES), max_size=3, unique=True), given_facts=facts_strategy,
       negatives=st.lists(st.sampled_from([("B", ("a",)), ("R", ("b", "a")), ("c", ("b",))]), max_size=1),
       query=query_strategy)
def test_verdicts_agree_with_every_small_world(write, rules, given_facts, negatives, query):
    rule_text = "\n".join(f"    rule r{i}: {rule}" for i, rule in enumerate(rules))
    negative_text = "\n".join(f"    not {a}" for a in _atoms_text(negatives))
    pred, args = query
    spec_text = f"""
kind A
kind B
kind Thing
relation R(Thing, Thing)
concept c(x: A) := R(x, y), B(y)
concept d(x: B) := B(x)
framing f {{
{rule_text}
}}
scenario s under f {{
    Thing a, b
{chr(10).join("    " + a for a in _atoms_text(given_facts))}
{negative_text}
    expect {pred}({", ".join(args)})
}}
"""
    spec = alignspec.load(str(write(spec_text, "brute.align")))
    (evaluation,) = spec.scenarios
    expected = _brute_force({(p, tuple(a)) for p, a in given_facts}, negatives, rules, query)
    if expected == "inconsistent":
        assert evaluation.status.value == "inconsistent"
        return
    assert evaluation.status.value == "consistent"
    (expectation,) = evaluation.expectations
    assert expectation.status.value == expected


def test_an_expected_inconsistency_does_not_fail_the_scenario_command(write, capsys):
    from alignspec.cli import main

    path = write(VOCABULARY + """
scenario s under honest {
    Agent model
    Human alice
    Goal g
    pursues(model, g)
    deceives(model, alice)
    expect inconsistent
}
""")
    assert main(["scenario", str(path)]) == 0
    assert main(["check", str(path)]) == 0
