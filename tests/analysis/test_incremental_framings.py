"""A framing's work that goes on from the framing it extends gives what doing it from the start
gives: the whole check result, and every framing's classification, with reuse on and off.

Specs are generated with ``extends`` chains and branches, rules of every head (kinds,
relations, new entities, equalities, ``false``), ``acyclic`` and functional relations, and
claims under the framings; small limits make some chases stop at a limit, so undecided
results are compared too.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignspec.analysis.axioms import TheoryBuilder, framing_rules
from alignspec.analysis.framings import framing_order
from alignspec.analysis.spec import analyse
from alignspec.diagnostic_collector import ordered
from alignspec.model.loader import Loader
from alignspec.reasoning.logic import Budget, Theory
from alignspec.reasoning.termination import weak_acyclicity_violation
from alignspec.render.json_format import render_json
from alignspec.results import CheckResult

KINDS = ("Agent", "Goal", "Model")
RELATIONS = ("pursues", "helps", "trains", "serves")
HEADER = """kind Entity
kind Agent: Entity
kind Goal: Entity
kind Model: Agent
disjoint Agent, Goal
relation pursues(Entity, Entity) functional
relation helps(Entity, Entity)
relation trains(Entity, Entity) acyclic
relation serves(Entity, Entity)
"""

variables = st.sampled_from(("x", "y", "z"))
relation_atoms = st.builds(lambda r, a, b: f"{r}({a}, {b})", st.sampled_from(RELATIONS), variables, variables)
kind_atoms = st.builds(lambda k, a: f"{k}({a})", st.sampled_from(KINDS), variables)


@st.composite
def concept_bodies(draw):
    atoms = draw(st.lists(st.one_of(relation_atoms, relation_atoms, kind_atoms), min_size=1, max_size=3))
    if not any("(x" in a or " x)" in a for a in atoms):
        atoms.append(draw(st.sampled_from([f"{k}(x)" for k in KINDS] + ["helps(x, y)", "pursues(x, y)"])))
    return ", ".join(atoms)


@st.composite
def rules(draw, name: str):
    body = draw(st.lists(st.one_of(relation_atoms, kind_atoms), min_size=1, max_size=2))
    used = sorted({v for atom in body for v in atom[atom.index("(") + 1:-1].split(", ")})
    head = draw(st.sampled_from(("kind", "relation", "new", "equal", "false")))
    if head == "kind":
        text = f"{draw(st.sampled_from(KINDS))}({draw(st.sampled_from(used))})"
    elif head == "relation":
        text = f"{draw(st.sampled_from(RELATIONS))}({draw(st.sampled_from(used))}, {draw(st.sampled_from(used))})"
    elif head == "new":
        text = f"{draw(st.sampled_from(RELATIONS))}({draw(st.sampled_from(used))}, w)"
    elif head == "equal" and len(used) > 1:
        a, b = draw(st.lists(st.sampled_from(used), min_size=2, max_size=2, unique=True))
        text = f"{a} = {b}"
    else:
        text = "false"
    return f"    rule {name}: {', '.join(body)} -> {text}"


@st.composite
def specs(draw) -> str:
    lines = [HEADER]
    concepts = draw(st.integers(2, 6))
    for i in range(concepts):
        lines.append(f"concept c{i}(x: {draw(st.sampled_from(('Entity', *KINDS)))}) := {draw(concept_bodies())}")
    framings = draw(st.integers(1, 5))
    for i in range(framings):
        parents = draw(st.lists(st.integers(0, i - 1), max_size=2, unique=True)) if i else []
        extends = f" extends {', '.join(f'F{p}' for p in parents)}" if parents else ""
        lines.append(f"framing F{i}{extends} {{")
        lines.extend(draw(rules(f"r{i}_{j}")) for j in range(draw(st.integers(0, 2))))
        lines.append("}")
    for i in range(draw(st.integers(0, 6))):
        a, b = draw(st.integers(0, concepts - 1)), draw(st.integers(0, concepts - 1))
        under = draw(st.sampled_from(["", *(f" under F{j}" for j in range(framings))]))
        form = draw(st.sampled_from(("implies", "equivalent", "does not imply", "distinct")))
        lines.append(f"claim k{i}{under}: c{a} {form} c{b}")
    return "\n".join(lines) + "\n"


def _result(path: Path, budget: Budget, incremental: bool) -> tuple[str, list[dict]]:
    """The check result as ``check --format json`` gives it, and each framing's classification."""
    loader = Loader([str(path.parent)])
    loaded = loader.load(str(path))
    result = CheckResult(files=[str(path)])
    result.diagnostics.extend(loaded.diagnostics)
    assert loaded.unit is not None
    analysis = analyse(loaded.unit, budget, incremental=incremental)
    result.diagnostics.extend(analysis.reporter.diagnostics)
    result.diagnostics = ordered(result.diagnostics)
    result.claims.extend(analysis.claims)
    result.framings.extend(analysis.framings)
    views = [view.to_dict() for view in analysis.framings]
    for view, data in zip(analysis.framings, views):
        c = view.classification
        if c is not None:
            data["implications"] = sorted(c.implications.edges)
            data["unknown_pairs"] = sorted(c.unknown_pairs)
    return render_json(result), views


_numbers = itertools.count()
BUDGETS = st.sampled_from((Budget(), Budget(max_entities=2, max_facts=4, max_search_steps=30)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs(), BUDGETS)
def test_reuse_gives_what_working_from_the_start_gives(tmp_path, text, budget):
    path = tmp_path / f"spec{next(_numbers)}.align"
    path.write_text(text, encoding="utf-8")
    assert _result(path, budget, incremental=True) == _result(path, budget, incremental=False)


def test_a_chain_with_a_rule_that_changes_nothing_and_one_that_fails(tmp_path):
    path = tmp_path / "chain.align"
    path.write_text(HEADER + """concept helper(x: Agent) := helps(x, y)
concept trainer(x: Agent) := trains(x, y)
concept pursuer(x: Agent) := pursues(x, y), Goal(y)
concept selfish(x: Agent) := helps(x, x)
framing F0 {
    rule idle: serves(x, y) -> Goal(y)
}
framing F1 extends F0 {
    rule teach: helps(x, y) -> trains(x, y)
}
framing F2 extends F1 {
    rule no_self: trains(x, x) -> false
}
framing F3 extends F2 {
    rule back: trains(x, y) -> trains(y, x)
}
claim k0: helper implies trainer
claim k1 under F0: helper implies trainer
claim k2 under F3: satisfiable helper
""", encoding="utf-8")
    on, off = _result(path, Budget(), True), _result(path, Budget(), False)
    assert on == off
    views = {view["name"]: view for view in on[1]}
    assert "selfish" in views["F2"]["unsatisfiable"]
    assert ("helper", "trainer") in views["F1"]["implications"]
    assert "helper" in views["F3"]["unsatisfiable"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs())
def test_each_framing_has_the_axioms_and_termination_of_all_its_rules(tmp_path, text):
    """A framing's theory and weak acyclicity, found from the framing it extends, are those of
    the base axioms and every rule of the framing and its ancestors."""
    path = tmp_path / f"spec{next(_numbers)}.align"
    path.write_text(text, encoding="utf-8")
    loaded = Loader([str(path.parent)]).load(str(path))
    assert loaded.unit is not None
    views = analyse(loaded.unit, Budget(max_entities=2, max_facts=4, max_search_steps=30)).framings
    reference = TheoryBuilder(loaded.unit)
    for view in views:
        if view.framing is None:
            axioms = reference.base_axioms
        else:
            rules = (reference.rule_axiom(rule) for rule in framing_rules(view.framing))
            axioms = reference.base_axioms + tuple(a for a in rules if a is not None)
        violation = weak_acyclicity_violation(Theory("", axioms))
        assert view.terminating == (violation is None)
        assert view.cycle_rules == [a.label for a in violation or ()]
    builder = TheoryBuilder(loaded.unit)
    for framing in framing_order(loaded.unit.framings):
        rules = (builder.rule_axiom(rule) for rule in framing_rules(framing))
        assert builder.theory(framing).axioms == builder.base_axioms + tuple(a for a in rules if a is not None)
