"""Golden outputs: every command's output on the seed example, the library and specs with every
finding, compared byte for byte with the files in ``expected/``.

Run with ``ALIGNSPEC_UPDATE_GOLDEN=1`` to rewrite the expected files after an intended change,
then review the difference with ``git diff tests/golden``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import alignspec
from alignspec.cli import main
from alignspec.views import render_report

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
SPECS = "tests/golden/specs"
SEED = "tests/fixtures/seed_v0.align"
FINDINGS = [f"{SPECS}/static_findings.align", f"{SPECS}/reasoning_findings.align",
            f"{SPECS}/scenario_findings.align", f"{SPECS}/syntax_error.align"]
UPDATE = os.environ.get("ALIGNSPEC_UPDATE_GOLDEN") == "1"

CASES: dict[str, list[str]] = {}
for fmt in ("text", "json", "sarif", "github", "junit"):
    CASES[f"check-seed.{fmt}"] = ["check", "--format", fmt, SEED]
    CASES[f"check-library.{fmt}"] = ["check", "--format", fmt, "ontology"]
    CASES[f"check-findings.{fmt}"] = ["check", "--format", fmt, *FINDINGS]
CASES["check-seed-explain-holds.text"] = ["check", "--explain-holds", SEED]
CASES["ask-seed-holds.text"] = ["ask", SEED, "under harris: objective_robust implies inner_aligned"]
CASES["ask-seed-fails.text"] = ["ask", SEED, "under hubinger2020: objective_robust(a) implies inner_aligned(a)"]
CASES["ask-seed-fails.json"] = ["ask", "--format", "json", SEED,
                                "under hubinger2020: objective_robust(a) implies inner_aligned(a)"]
CASES["check-library-strict.text"] = ["check", "--strict", "ontology"]
CASES["check-budget.json"] = ["check", "--format", "json", "--max-facts", "2", f"{SPECS}/budget.align"]
CASES["check-budget.text"] = ["check", "--max-facts", "2", f"{SPECS}/budget.align"]
for fmt in ("text", "json"):
    CASES[f"scenario-seed.{fmt}"] = ["scenario", "--format", fmt, SEED]
    CASES[f"scenario-findings.{fmt}"] = ["scenario", "--format", fmt, f"{SPECS}/scenario_findings.align"]
    CASES[f"scenario-thread.{fmt}"] = ["scenario", "--format", fmt, "ontology/harris_thread.align"]
CASES["scenario-seed-derivations.text"] = ["scenario", "--derivations", SEED, "three_levels"]
for fmt in ("text", "dot", "mermaid", "json"):
    CASES[f"lattice-seed.{fmt}"] = ["lattice", "--format", fmt, SEED]
    CASES[f"lattice-reasoning.{fmt}"] = ["lattice", "--format", fmt, f"{SPECS}/reasoning_findings.align"]
CASES["lattice-hubinger.text"] = ["lattice", "ontology/hubinger2020.align"]
for fmt in ("text", "dot", "mermaid", "json"):
    CASES[f"argue-seed.{fmt}"] = ["argue", "--format", fmt, SEED]
CASES["argue-seed-framing.text"] = ["argue", "--framing", "composable", SEED]
for fmt in ("text", "markdown", "json"):
    CASES[f"compare-seed.{fmt}"] = ["compare", "--format", fmt, SEED]
    CASES[f"compare-comparison.{fmt}"] = ["compare", "--format", fmt, "ontology/comparison.align"]
CASES["compare-seed-concept.text"] = ["compare", "--concept", "inner_aligned", SEED]
for fmt in ("dot", "mermaid", "graphml", "json"):
    CASES[f"graph-seed.{fmt}"] = ["graph", "--format", fmt, SEED]
    CASES[f"graph-seed-world.{fmt}"] = ["graph", "--format", fmt, "--scenario", "three_levels", SEED]
CASES["report-seed.markdown"] = ["report", SEED]
CASES["report-reasoning.markdown"] = ["report", f"{SPECS}/reasoning_findings.align"]
CASES["report-thread.markdown"] = ["report", "ontology/harris_thread.align"]

HTML_CASES = {"report-seed.html": SEED, "report-scenarios.html": f"{SPECS}/scenario_findings.align"}


def _compare(name: str, text: str) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {name}; run with ALIGNSPEC_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file"


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_output_is_unchanged(name, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    status = main(CASES[name])
    captured = capsys.readouterr()
    _compare(name, f"exit status {status}\n--- stdout\n{captured.out}--- stderr\n{captured.err}")


@pytest.mark.parametrize("name", sorted(HTML_CASES))
def test_html_report_is_unchanged(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    spec = alignspec.load(HTML_CASES[name])
    _compare(name, render_report(spec, "html", drawing="layered"))
