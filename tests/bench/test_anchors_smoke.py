"""Smoke test of the anchor benchmark: the EL workload at a tiny size, written as a spec that
loads cleanly and as a well-formed OWL functional-syntax ontology of the same content, and the
comparison command with its anchors skipped (no Java needed)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from alignspec.analysis.axioms import TheoryBuilder  # noqa: E402
from alignspec.model.loader import Loader  # noqa: E402
from alignspec.reasoning.termination import weak_acyclicity_violation  # noqa: E402
from bench import anchors  # noqa: E402
from bench.el_workload import Chain, Conjunctive, Existential, el_workload, to_align, to_owl  # noqa: E402

_TOKEN = re.compile(r"\s*(?:(\()|(\))|(<[^>\s]*>)|(\w*:=|[A-Za-z]\w*(?::\w*)?|:\w+))")


def _sexpr(text: str) -> list:
    """Parse functional syntax into nested lists; fails on anything else."""
    stack: list[list] = [[]]
    pos = 0
    while pos < len(text.rstrip()):
        match = _TOKEN.match(text, pos)
        assert match, f"unexpected text at {pos}: {text[pos:pos + 30]!r}"
        pos = match.end()
        opening, closing, iri, word = match.groups()
        if opening:
            head = stack[-1].pop()
            assert isinstance(head, str)
            stack.append([head])
        elif closing:
            done = stack.pop()
            assert stack, "unbalanced ')'"
            stack[-1].append(done)
        else:
            stack[-1].append(iri or word)
    assert len(stack) == 1, "unbalanced '('"
    return stack[0]


def _walk(expr):
    yield expr
    if isinstance(expr, list):
        for part in expr[1:]:
            yield from _walk(part)


def test_workload_is_deterministic():
    assert to_align(el_workload(25, seed=4)) == to_align(el_workload(25, seed=4))
    assert to_owl(el_workload(25, seed=4)) == to_owl(el_workload(25, seed=4))


def test_spec_loads_without_errors_and_its_framing_terminates(tmp_path):
    workload = el_workload(25, seed=1)
    path = tmp_path / "el.align"
    path.write_text(to_align(workload), encoding="utf-8")
    loaded = Loader([str(tmp_path)]).load(str(path))
    assert [d.name for d in loaded.diagnostics if d.severity.value == "error"] == []
    assert [c.name for c in loaded.unit.concepts] == [c.name for c in workload.concepts]
    framing = next(f for f in loaded.unit.framings if f.name == "F")
    assert len(framing.rules) == len(workload.axioms) > 0
    assert weak_acyclicity_violation(TheoryBuilder(loaded.unit).theory(framing)) is None


def test_owl_is_well_formed_and_says_the_same(tmp_path):
    workload = el_workload(25, seed=1)
    doc = _sexpr(to_owl(workload))
    assert [d[0] for d in doc] == ["Prefix", "Prefix", "Ontology"]
    ontology = doc[2]
    declared = {d[1][0]: set() for d in ontology[2:] if d[0] == "Declaration"}
    for d in ontology[2:]:
        if d[0] == "Declaration":
            declared[d[1][0]].add(d[1][1])
    classes, properties = declared["Class"], declared["ObjectProperty"]
    assert {f":{c.name}" for c in workload.concepts} <= classes
    assert {f":{r.name}" for r in workload.relations} == properties
    axioms = [a for a in ontology[2:] if a[0] != "Declaration"]
    for axiom in axioms:
        for expr in _walk(axiom):
            if isinstance(expr, list) and expr[0] == "ObjectSomeValuesFrom":
                assert expr[1] in properties and len(expr) == 3
            elif isinstance(expr, list) and expr[0] == "ObjectIntersectionOf":
                assert len(expr) >= 3
            elif isinstance(expr, str) and expr.startswith(":"):
                assert expr in classes | properties, expr
    count = {head: sum(1 for a in axioms if a[0] == head) for head in {a[0] for a in axioms}}
    assert count["EquivalentClasses"] == len(workload.concepts)
    assert count["ObjectPropertyDomain"] == count["ObjectPropertyRange"] == len(workload.relations)
    assert count["TransitiveObjectProperty"] == sum(r.transitive for r in workload.relations)
    chains = sum(1 for a in axioms if a[0] == "SubObjectPropertyOf" and isinstance(a[1], list))
    assert chains == sum(isinstance(a, Chain) for a in workload.axioms)
    gcis = sum(1 for a in axioms if a[0] == "SubClassOf" and (isinstance(a[1], list) or isinstance(a[2], list)))
    assert gcis == sum(isinstance(a, (Existential, Conjunctive)) for a in workload.axioms)


def test_taxonomy_closure_and_comparison():
    concepts = ["a", "b", "c", "d"]
    facts = [("SUB", "a", "K"), ("SUB", "K", "b"), ("EQ", "b", "c"), ("UNSAT", "d")]
    theirs = anchors.hierarchy_from_taxonomy(facts, concepts)
    assert theirs.pairs == {("a", "b"), ("a", "c"), ("b", "c"), ("c", "b")}
    ours = anchors.Hierarchy({("a", "b"), ("a", "c"), ("b", "c")}, {"d"})
    difference = anchors.compare(ours, theirs, concepts)
    assert difference.missing == [("c", "b")] and difference.extra == []


def test_command_skips_missing_anchors_and_runs_alignspec(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ALIGNSPEC_ANCHORS_DIR", str(tmp_path / "none"))
    with pytest.raises(anchors.Missing):
        anchors.check_anchor("elk")
    assert anchors.main(["--sizes", "12", "--anchors", "elk,hermit"]) == 0
    out = capsys.readouterr().out
    assert out.count("skip elk:") == 1 and out.count("skip hermit:") == 1
    assert re.search(r"^\s+12\s+alignspec\s", out, re.MULTILINE)


def test_nemo_rules_translate_the_framing(tmp_path):
    from bench.generate import scenario_spec
    from bench.nemo_chase import nemo_rules

    path = tmp_path / "scenario.align"
    path.write_text(scenario_spec(300, "chain", seed=1, depth=6, fanout=4), encoding="utf-8")
    loaded = Loader([str(tmp_path)]).load(str(path))
    scenario = loaded.unit.scenarios[0]
    theory = TheoryBuilder(loaded.unit).theory(scenario.framing)
    rules, skipped = nemo_rules(theory)
    assert len(rules) + len(skipped) == len(theory.axioms)
    assert all(r.endswith(" .") and " :- " in r for r in rules)
    assert any("!" in r.split(" :- ")[0] for r in rules)
    assert any(r.startswith("violated(") for r in rules)


def test_nemo_chase_agrees_on_a_tiny_scenario():
    pytest.importorskip("nmo_python")
    from bench.nemo_chase import compare

    data = compare(300, "chain", 1, timeout=300)
    assert data["alignspec"]["merges"] == 0
    assert data["only_alignspec_count"] == data["only_nemo_count"] == 0
