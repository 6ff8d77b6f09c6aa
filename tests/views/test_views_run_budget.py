"""Views within the run's budget: what a view decides while it is drawn (justifications,
exclusions) counts against it; past it the view is whole, says what was cut (typed), and every
pair ``compare`` lists is still there. The report's comparison lists a bounded number of pairs,
the most informative."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import alignspec
from alignspec.reasoning import run_budget
from alignspec.reasoning.logic import Budget
from alignspec.reasoning.status import Limit
from alignspec.views import report as report_module
from alignspec.views.compare import (
    EQUIVALENT,
    IMPLIES,
    INCOMPARABLE,
    NOT_CLASSIFIED,
    UNKNOWN,
    Comparison,
    Row,
    most_informative,
    spec_comparison,
)
from alignspec.views.report import ON_DEMAND, SectionKey, report_sections

SPEC = ("kind K\nrelation r0(K, K)\nrelation r1(K, K): r0\nrelation r2(K, K): r1\nrelation s(K, K)\n"
        "concept c(x: K) := r2(x, y)\nconcept d(x: K) := r0(x, y)\nconcept e(x: K) := s(x, y)\n")


@pytest.fixture
def spec_path(tmp_path: Path) -> Path:
    path = tmp_path / "sub.align"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _analysis_steps(path: Path) -> int:
    """The steps the analysis of ``path`` counts against the run's budget (deterministic)."""
    with run_budget.started(Budget()) as run:
        alignspec.load(str(path))
    return run.steps


def _relations(comparison: Comparison) -> dict[tuple[str, str], tuple]:
    return {(r.left, r.right): r.relations for r in comparison.rows}


def test_compare_within_the_budget_decides_every_exclusion(spec_path):
    spec = alignspec.load(str(spec_path))
    comparison = spec_comparison(spec.analysis)
    assert comparison.cut is None and comparison.complete
    assert _relations(comparison) == {("c", "d"): (IMPLIES,), ("c", "e"): (INCOMPARABLE,),
                                      ("d", "e"): (INCOMPARABLE,)}


def test_compare_past_the_budget_lists_every_pair_with_the_undecided_unknown(spec_path):
    steps = _analysis_steps(spec_path)
    with run_budget.started(Budget(max_total_steps=steps)):
        spec = alignspec.load(str(spec_path))
        comparison = spec_comparison(spec.analysis)
    assert comparison.cut is Limit.TOTAL_STEPS and comparison.complete
    assert _relations(comparison) == {("c", "d"): (IMPLIES,), ("c", "e"): (UNKNOWN,), ("d", "e"): (UNKNOWN,)}
    # an answer the run's limit cut short is not remembered: a fresh budget decides it
    assert _relations(spec_comparison(spec.analysis))[("c", "e")] == (INCOMPARABLE,)


def test_a_justification_cut_by_the_run_is_empty_and_decided_again_later(spec_path):
    steps = _analysis_steps(spec_path)
    with run_budget.started(Budget(max_total_steps=steps)):
        spec = alignspec.load(str(spec_path))
        assert spec.analysis.justifier.implication(None, "c", "d") == ()
    assert len(spec.analysis.justifier.implication(None, "c", "d")) == 2


def test_report_sections_say_which_were_cut(spec_path):
    spec = alignspec.load(str(spec_path))
    whole = report_sections(spec)
    assert [s.key for s in whole] == list(SectionKey) and all(s.cut is None for s in whole)
    steps = _analysis_steps(spec_path)
    with run_budget.started(Budget(max_total_steps=steps)):
        cut = report_sections(alignspec.load(str(spec_path)))
    assert [s.key for s in cut] == list(SectionKey)
    assert {s.key: s.cut for s in cut if s.cut is not None} == dict.fromkeys(ON_DEMAND, Limit.TOTAL_STEPS)
    for before, after in zip(whole, cut):
        if before.key not in ON_DEMAND:
            assert before.blocks == after.blocks
        else:  # the same blocks and one more, the note of what was cut
            assert len(after.blocks) > 1


def test_load_s_budget_bounds_a_report_drawn_later(spec_path):
    """A report drawn from a spec loaded with ``max_total_steps`` gets that many steps of its own."""
    analysis = _analysis_steps(spec_path)
    with run_budget.started(Budget()) as run:
        report_sections(alignspec.load(str(spec_path)))
    drawing = run.steps - analysis
    assert drawing > 0
    spec = alignspec.load(str(spec_path), max_total_steps=max(analysis, drawing))
    assert all(s.cut is None for s in report_sections(spec))
    if drawing > analysis:
        spec = alignspec.load(str(spec_path), max_total_steps=analysis)
        assert {s.cut for s in report_sections(spec)} == {None, Limit.TOTAL_STEPS}


def _row(left: str, right: str, *relations) -> Row:
    return Row(left, right, tuple(relations))


def test_most_informative_keeps_the_strongest_rows_in_order():
    rows = [_row("a", "b", IMPLIES, EQUIVALENT), _row("a", "c", INCOMPARABLE, INCOMPARABLE),
            _row("a", "d", NOT_CLASSIFIED, NOT_CLASSIFIED), _row("b", "c", EQUIVALENT, EQUIVALENT),
            _row("b", "d", IMPLIES, IMPLIES)]
    comparison = Comparison([None, "f"], ["base", "f"], rows)
    assert most_informative(comparison, 5) is comparison
    kept = most_informative(comparison, 3)
    assert [(r.left, r.right) for r in kept.rows] == [("a", "b"), ("b", "c"), ("b", "d")]
    assert kept.omitted == 2 and kept.record()["omitted"] == 2
    assert "omitted" not in comparison.record() and "cut" not in comparison.record()


def test_the_report_lists_at_most_its_limit_of_pairs(spec_path, monkeypatch):
    monkeypatch.setattr(report_module, "REPORT_PAIR_LIMIT", 1)
    spec = alignspec.load(str(spec_path))
    section = report_sections(spec, keys=[SectionKey.COMPARISON])[0]
    tables = [b for b in section.blocks if type(b).__name__ == "Table"]
    assert len(tables) == 1 and len(tables[0].rows) == 1


def test_compare_cli_past_the_budget_keeps_every_pair(spec_path, bounded_cli):
    steps = _analysis_steps(spec_path)
    args = ("compare", "--isolated", "--format", "json", spec_path)
    status, out, err = bounded_cli(*args, timeout=60)
    whole = json.loads(out)
    assert status == 0 and "cut" not in whole, err[-500:]
    status, out, err = bounded_cli(*args, "--max-total-steps", steps, timeout=60)
    cut = json.loads(out)
    assert status == 0 and cut["cut"] == "total-steps", err[-500:]
    assert [(r["left"], r["right"]) for r in cut["rows"]] == [(r["left"], r["right"]) for r in whole["rows"]]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_cli_past_the_budget_is_written_whole(spec_path, bounded_cli, tmp_path, fmt):
    steps = _analysis_steps(spec_path)
    out = tmp_path / f"report.{fmt}"
    status, _, err = bounded_cli("report", "--isolated", "--format", fmt, "--max-total-steps", steps,
                                 "-o", out, spec_path, timeout=60)
    assert status == 0, err[-500:]
    text = out.read_text(encoding="utf-8")
    assert text.rstrip().endswith("</html>") if fmt == "html" else text.endswith("\n")
