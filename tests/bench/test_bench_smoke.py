"""Smoke test of the benchmark code: the generators and each kind of measured phase at a tiny size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from alignspec.analysis.axioms import TheoryBuilder  # noqa: E402
from alignspec.analysis.spec import analyse  # noqa: E402
from alignspec.model.loader import Loader  # noqa: E402
from alignspec.reasoning.classification import classify  # noqa: E402
from alignspec.reasoning.termination import weak_acyclicity_violation  # noqa: E402
from alignspec.syntax.parser import parse_text  # noqa: E402
from bench import run  # noqa: E402
from bench.floor import tokenize  # noqa: E402
from bench.generate import (  # noqa: E402
    chained_spec,
    classification_spec,
    parse_spec,
    scenario_framing,
    scenario_spec,
)


def _load(tmp_path, text):
    path = tmp_path / "spec.align"
    path.write_text(text, encoding="utf-8")
    return Loader([str(tmp_path)]).load(str(path))


def test_parse_generator_is_deterministic_and_well_formed(tmp_path):
    text = parse_spec(300, seed=3)
    assert text == parse_spec(300, seed=3)
    assert text.count("\n") >= 300
    assert tokenize(text) > 0
    assert parse_text(text).statements
    loaded = _load(tmp_path, text)
    assert [d.message for d in loaded.diagnostics if d.severity.value == "error"] == []


def test_parse_generator_by_size():
    text = parse_spec(max_bytes=20_000, seed=1)
    assert 20_000 <= len(text.encode("utf-8")) < 30_000


def test_classification_generator_classifies(tmp_path):
    text = classification_spec(30, seed=2)
    assert text == classification_spec(30, seed=2)
    loaded = _load(tmp_path, text)
    assert [d.message for d in loaded.diagnostics if d.severity.value == "error"] == []
    builder = TheoryBuilder(loaded.unit)
    framing = next(f for f in loaded.unit.framings if f.name == "F")
    assert len(framing.rules) == 20
    theory = builder.theory(framing)
    assert weak_acyclicity_violation(theory) is None
    concepts = run.concept_formulas(loaded.unit, builder)
    assert len(concepts) == 30
    result = classify(theory, concepts)
    assert not result.unknown


@pytest.mark.parametrize("phase", ["floor", "parse", "load"])
def test_parse_phase_runs_in_a_child(tmp_path, phase):
    path = tmp_path / "spec.align"
    path.write_text(parse_spec(100), encoding="utf-8")
    result = run.run_phase("parse", phase, str(path))
    assert len(result["times"]) == 1 and result["max_rss_kb"] > 0


def test_classify_phase_runs_in_a_child(tmp_path):
    path = tmp_path / "spec.align"
    path.write_text(classification_spec(20), encoding="utf-8")
    result = run.run_phase("classify", "classify", str(path))
    assert result["concepts"] == 20


def test_saturation_bench_runs_both_sides_in_children(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "SATURATION_SIZES_QUICK", (20,))
    data = run.bench_saturation(quick=True, seed=3)
    row = data["sizes"][0]
    assert row["n"] == 20 and row["on"]["implications"] == row["off"]["implications"]


def test_tree_shaped_generator_stays_in_the_fragment(tmp_path):
    from alignspec.reasoning.saturation import in_fragment

    text = classification_spec(30, seed=4, tree_shaped=True)
    loaded = _load(tmp_path, text)
    assert [d.message for d in loaded.diagnostics if d.severity.value == "error"] == []
    builder = TheoryBuilder(loaded.unit)
    assert in_fragment(builder.theory(next(f for f in loaded.unit.framings if f.name == "F")))
    assert all(len(params) == 1 for params, _ in run.concept_formulas(loaded.unit, builder).values())


@pytest.mark.parametrize("shape", ["chain", "tree", "ternary"])
def test_scenario_generator_is_consistent_and_its_expectations_pass(tmp_path, shape):
    text = scenario_spec(400, shape, seed=1, depth=6 if shape == "chain" else 3, fanout=4)
    assert text == scenario_spec(400, shape, seed=1, depth=6 if shape == "chain" else 3, fanout=4)
    loaded = _load(tmp_path, text)
    assert [d.message for d in loaded.diagnostics if d.severity.value == "error"] == []
    framing = next(f for f in loaded.unit.framings if f.name == "F")
    assert len(framing.rules) == len(scenario_framing(1, shape)) >= 18
    assert weak_acyclicity_violation(TheoryBuilder(loaded.unit).theory(framing)) is None
    analysis = analyse(loaded.unit, run.scenario_budget(), tables=True)
    evaluation = analysis.scenarios[0]
    assert evaluation.status == "consistent"
    assert evaluation.expectations and all(e.passed for e in evaluation.expectations)
    assert evaluation.cells
    assert [d.message for d in analysis.reporter.diagnostics if d.severity.value != "info"] == []


@pytest.mark.parametrize("shape", ["chain", "ternary"])
def test_scenario_framing_drops_rules_to_stay_weakly_acyclic(shape):
    from bench.generate import SCENARIO_RULES, TERNARY_RULES

    pool = TERNARY_RULES if shape == "ternary" else SCENARIO_RULES
    for seed in range(3):
        rules = scenario_framing(seed, shape)
        assert len(pool) - 3 <= len(rules) < len(pool)
        assert rules == scenario_framing(seed, shape)


def test_ternary_scenario_uses_ternary_relations_and_merges(tmp_path):
    text = scenario_spec(400, "ternary", seed=1, fanout=4)
    assert "relation behaves(Model, Context, Objective) functional" in text
    assert "trained_on(sgd_0, m_0_1, pre_0)" in text
    path = tmp_path / "spec.align"
    path.write_text(text, encoding="utf-8")
    result = run.run_phase("scenario", "chase", str(path))
    assert result["status"] == "ok" and result["default_budget"] == "ok"
    assert result["merges"] > 0


@pytest.mark.parametrize("phase", ["chase", "check", "table"])
def test_scenario_phase_runs_in_a_child(tmp_path, phase):
    path = tmp_path / "spec.align"
    path.write_text(scenario_spec(200, "tree", fanout=3), encoding="utf-8")
    result = run.run_phase("scenario", phase, str(path))
    assert len(result["times"]) == 1 and result["max_rss_kb"] > 0
    if phase == "chase":
        assert result["status"] == "ok" and result["facts"] > result["given"] >= 200
        assert result["default_budget"] == "ok"
    else:
        assert result["status"] == "consistent" and result["passed"] == result["expectations"]
        assert (result["cells"] > 0) == (phase == "table")


@pytest.mark.parametrize("chained", [True, False])
def test_chained_generator_and_the_analyse_phase(tmp_path, chained):
    text = chained_spec(20, 6, seed=1, chained=chained, claims=5)
    assert text == chained_spec(20, 6, seed=1, chained=chained, claims=5)
    assert ("framing F5 extends F4 {" in text) == chained
    loaded = _load(tmp_path, text)
    assert [d.message for d in loaded.diagnostics if d.severity.value == "error"] == []
    path = tmp_path / "framings.align"
    path.write_text(text, encoding="utf-8")
    result = run.run_phase("classify", "analyse", str(path))
    assert result["claims"] == 5 and sum(count for _, count in result["outcomes"]) == 5


def test_startup_and_jobs_benchmarks_run():
    from bench import jobs, startup

    figures = startup.measure(1, (("--version",),))
    assert set(figures) == {"-c pass", "--version"}
    assert "alignspec --version" in startup.table(figures)
    library = str(ROOT / "ontology" / "vocabulary.align")
    timings = jobs.measure([1, 2], 1, [library])
    assert set(timings) == {1, 2} and all(wall > 0 for wall, _ in timings.values())
    assert "wall/j1" in jobs.table(timings)


def test_result_cache_bench_runs(tmp_path, monkeypatch):
    from bench import result_cache

    (tmp_path / "lib.align").write_text("kind Agent\nrelation helps(Agent, Agent)\n", encoding="utf-8")
    (tmp_path / "main.align").write_text('import "lib.align" as lib\nconcept c(x: lib.Agent) := lib.helps(x, y)\n',
                                         encoding="utf-8")
    assert result_cache._leaf(tmp_path).name == "main.align"
    monkeypatch.chdir(tmp_path)
    figures = result_cache.in_process([str(tmp_path)], tmp_path / "cache", tmp_path)
    assert set(figures) == {"no cache", "warm"}
    assert any((tmp_path / "cache").iterdir())


def test_docs_cache_bench_runs(monkeypatch):
    pytest.importorskip("pygls")
    from bench import docs_cache

    monkeypatch.setenv("ALIGNSPEC_NO_CACHE", "1")  # the measurement turns it on for itself
    figures = docs_cache.language_server("vocabulary", 1)
    assert set(figures) == {"no cache", "cold", "warm"}
    assert "x  1.0" in "\n".join(docs_cache._table("reasoner stage", figures))


def test_homomorphism_search_bench_runs_at_a_tiny_size():
    from bench import homomorphism_search

    rows = homomorphism_search.measure([5], repeats=1)
    assert {r["shape"] for r in rows} == set(homomorphism_search.SHAPES)
    assert [r["found"] for r in rows] == [True, True, False]
