"""Every framing of the shipped and generated specs classifies the same with saturation and
without it."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignspec.analysis.axioms import TheoryBuilder
from alignspec.analysis.framings import FramingAnalysis
from alignspec.diagnostic_collector import DiagnosticCollector
from alignspec.model.loader import Loader
from alignspec.reasoning import saturation
from alignspec.reasoning.classification import classify
from alignspec.reasoning.logic import Budget
from alignspec.reasoning.saturation import NOTHING, settled_implications

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import classification_spec  # noqa: E402
from bench.run import concept_formulas  # noqa: E402

SPECS = sorted(ROOT.glob("ontology/*.align")) + sorted(ROOT.glob("examples/*.align"))


def _views(path: Path, enabled: bool) -> list:
    saturation.ENABLED = enabled
    try:
        unit = Loader([str(path.parent)]).load(str(path)).unit
        analysis = FramingAnalysis(unit, TheoryBuilder(unit), Budget(), DiagnosticCollector())
        out = []
        for view in analysis.run():
            c = view.classification
            out.append((view.name, view.to_dict(), None if c is None else
                        (list(c.implications.edges), sorted(c.unknown_pairs))))
        return out
    finally:
        saturation.ENABLED = True


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_shipped_specs_classify_the_same_with_saturation(path):
    assert _views(path, True) == _views(path, False)


def _classify_generated(text: str) -> tuple[list, object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.align"
        path.write_text(text, encoding="utf-8")
        loaded = Loader([tmp]).load(str(path))
    assert not [d for d in loaded.diagnostics if d.severity.value == "error"]
    unit = loaded.unit
    builder = TheoryBuilder(unit)
    theory = builder.theory(next(f for f in unit.framings if f.name == "F"))
    concepts = concept_formulas(unit, builder)
    results = []
    for enabled in (True, False):
        saturation.ENABLED = enabled
        try:
            c = classify(theory, concepts)
        finally:
            saturation.ENABLED = True
        results.append((sorted(c.unsatisfiable), sorted(c.unknown), sorted(c.unknown_pairs),
                        list(c.implications.edges), c.classes, list(c.hasse.edges)))
        chased = c.chased
    assert results[0] == results[1]
    return concepts, settled_implications(theory, concepts, chased, Budget())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(5, 30))
def test_generated_tree_shaped_specs_go_the_saturation_way_with_the_same_answers(seed, n):
    concepts, settled = _classify_generated(classification_spec(n, seed, relations=8, rules=8, motifs=12,
                                                                tree_shaped=True))
    assert set(settled.implied) == set(concepts)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(5, 30))
def test_generated_specs_outside_the_fragment_keep_their_classification(seed, n):
    _classify_generated(classification_spec(n, seed, relations=8, rules=8, motifs=12))


TREE_SPEC = """\
spec tree "a tree-shaped spec"
kind Agent "an agent"
kind Model: Agent "a model"
kind Goal "a goal"
disjoint Agent, Goal
relation pursues(Agent, Goal){props}
relation trains(Agent, Model) transitive
concept pursuer(x: Agent) "pursues a goal" := pursues(x, g)
concept trainer(x: Agent) "trains a model that pursues a goal" := trains(x, m), pursues(m, g)
concept grand_trainer(x: Agent) "trains a trainer" := trains(x, m), trains(m, n), pursues(n, g)
framing F "trainers pursue" {{
    rule r: trains(x, m), pursues(m, g) -> pursues(x, g)
}}
"""


@pytest.mark.parametrize("props, inside", [("", True), (" functional", False), (" symmetric", False)])
def test_a_spec_just_outside_the_fragment_goes_the_general_way(props, inside):
    _, settled = _classify_generated(TREE_SPEC.format(props=props))
    assert (settled is not NOTHING) == inside
