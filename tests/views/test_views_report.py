"""The report: one Markdown or HTML document, byte-identical from run to run."""

from __future__ import annotations

import re
import shutil

import pytest

import alignspec
from alignspec.views import render_report
from alignspec.views.html_report import NO_DOT


def test_markdown_report_has_every_section(seed):
    text = render_report(seed, "markdown")
    assert text.startswith("# Objective robustness and inner alignment")
    for heading in ["## Findings", "## Vocabulary", "## Concepts", "## Claims", "## Arguments", "## Framings",
                    "## Comparison of the framings", "## Scenarios", "### Framing `harris`",
                    "### Scenario `three_levels`"]:
        assert heading in text
    assert text.count("```mermaid") == 1 + 1 + 5 + 3
    assert "| `objective_robust` | `inner_aligned` | incomparable | implied by | equivalent |" in text
    assert "rule trained\\_is\\_mesa (seed.align:74)" in text
    assert "researcher (level 0)\n  agent (level 1)\n    subagent (level 2)" in text


def test_report_is_byte_identical_across_runs(seed_path, tricky_path):
    for path in (seed_path, tricky_path):
        for fmt in ("markdown", "html"):
            first = render_report(alignspec.load(str(path)), fmt)
            second = render_report(alignspec.load(str(path)), fmt)
            assert first == second


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_html_draws_svg_with_graphviz(seed):
    page = render_report(seed, "html")
    assert page.count("<svg") == 10
    assert NO_DOT not in page
    assert "<?xml" not in page and "<!--" not in page


def test_html_without_graphviz_shows_mermaid_and_a_note(seed):
    page = render_report(seed, "html", svg=False)
    assert "<svg" not in page
    assert page.count('<pre class="mermaid-source">') == 10
    assert NO_DOT in page
    assert "flowchart BT" in page


@pytest.mark.parametrize("svg", [True, False])
def test_html_is_self_contained_and_escaped(tricky, svg):
    if svg and shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    page = render_report(tricky, "html", svg=svg)
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "@import" not in page and "url(" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>A &lt;tricky&gt; spec &amp; &quot;quotes&quot;" in page
    assert "<b>bold</b>" not in page


def test_markdown_escapes_docs(tricky):
    text = render_report(tricky, "markdown")
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert "<b>" not in text.replace("```", "")


def test_cli_report_writes_file(cli, seed_path, tmp_path):
    target = tmp_path / "report.html"
    status, out, _ = cli("report", seed_path, "--format", "html", "-o", target)
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
