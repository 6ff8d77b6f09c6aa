"""The report: one Markdown or HTML document, byte-identical from run to run."""

from __future__ import annotations

import re
import shutil

import pytest

import alignspec
from alignspec.views import pictures as svg_module
from alignspec.views import render_report
from alignspec.views.html_report import NO_DOT, NO_PICTURE


def test_markdown_report_has_every_section(seed):
    text = render_report(seed, "markdown")
    assert text.startswith("# Objective robustness and inner alignment")
    for heading in ["## Findings", "## Vocabulary", "## Concepts", "## Claims", "## Arguments", "## Framings",
                    "## Comparison of the framings", "## Scenarios", "### Framing `harris`",
                    "### Scenario `three_levels`"]:
        assert heading in text
    assert text.count("```mermaid") == 1 + 1 + 5 + 5 + 3  # vocabulary, argument map, claim worlds, lattices, scenarios
    assert "| [`objective_robust`](#concept-objective_robust) | [`inner_aligned`](#concept-inner_aligned) | incomparable | implied by | equivalent |" in text
    assert "rule trained\\_is\\_mesa (seed\\_v0.align:74)" in text
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
    assert page.count("<svg") == 15
    assert NO_DOT not in page
    assert "<?xml" not in page and "<!--" not in page


def test_html_without_pictures_shows_mermaid_and_a_note(seed):
    page = render_report(seed, "html", drawing="source")
    assert "<svg" not in page and "<script" not in page
    assert page.count("<pre class=\"mermaid-source\">") == 15
    assert NO_PICTURE in page
    assert "flowchart BT" in page


def test_html_without_graphviz_draws_with_the_layered_layout(seed, monkeypatch):
    monkeypatch.setattr(svg_module, "dot_program", lambda: None)
    page = render_report(seed, "html")
    assert page.count("<svg class=\"alignspec-drawing\"") == 15
    assert NO_DOT not in page and "mermaid-source" not in page
    assert page.count("<script>") == 1


@pytest.mark.parametrize("drawing", ["graphviz", "layered", "source"])
def test_html_is_self_contained_and_escaped(tricky, drawing):
    if drawing == "graphviz" and shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    page = render_report(tricky, "html", drawing=drawing)
    assert not re.search(r"<script\b[^>]*\bsrc=|<(link|img|iframe)\b", page)
    assert page.count("<script") == (0 if drawing == "source" else 1)
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "@import" not in page and not re.search(r"url\((?!#)", page)
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


def many_concepts(tmp_path, count=45):
    lines = ["kind Thing", "concept top(x: Thing) := Thing(x)"]
    for i in range(count):
        lines.append(f"relation r{i}(Thing, Thing)")
        lines.append(f"concept c{i}(x: Thing) := r{i}(x, y)")
    path = tmp_path / "many.align"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return alignspec.load(str(path))


def test_large_lattice_is_drawn_per_concept(tmp_path):
    from alignspec.views.document import Diagram, Heading
    from alignspec.views.report import report_sections

    spec = many_concepts(tmp_path)
    sections = {s.key.value: s.blocks for s in report_sections(spec)}
    assert not [b for b in sections["lattice"] if isinstance(b, Diagram)]
    concept_blocks = sections["concepts"]
    headings = [b for b in concept_blocks if isinstance(b, Heading) and b.target is not None]
    focus = [b for b in concept_blocks if isinstance(b, Diagram)]
    assert len(headings) == 46 and len(focus) == 46
    assert focus[1].graph.nodes["c0"]["role"] == "focus" and focus[1].graph.has_edge("c0", "top")
    vocabulary = next(b for b in sections["vocabulary"] if isinstance(b, Diagram)).graph
    assert {d["role"] for _, d in vocabulary.nodes(data=True)} == {"kind"}


def test_small_lattice_is_drawn_whole(seed):
    from alignspec.views.document import Diagram
    from alignspec.views.report import report_sections

    sections = {s.key.value: s.blocks for s in report_sections(seed)}
    assert len([b for b in sections["lattice"] if isinstance(b, Diagram)]) == 5
    assert not [b for b in sections["concepts"] if isinstance(b, Diagram)]


def test_cli_report_chooses_how_diagrams_are_drawn(cli, seed_path):
    status, out, _ = cli("report", seed_path, "--format", "html", "--diagrams", "layered")
    assert status == 0 and out.count('<svg class="alignspec-drawing"') == 15
    status, out, _ = cli("report", seed_path, "--format", "html", "--diagrams", "source")
    assert status == 0 and "<svg" not in out and out.count('class="mermaid-source"') == 15


def test_the_report_opens_with_the_specs_introductory_comment(tmp_path):
    import alignspec

    spec_path = tmp_path / "intro.align"
    spec_path.write_text("# What this spec is about.\n#\n# - one point\n#   going on\n# - another\n\n"
                         "kind A  # not part of the introduction\n# nor this\n", encoding="utf-8")
    text = render_report(alignspec.load(str(spec_path)), "markdown")
    head = text.split("## Findings", 1)[0]
    assert "What this spec is about." in head
    assert "- one point going on\n- another" in head
    assert "not part" not in head and "nor this" not in head
    bare = tmp_path / "bare.align"
    bare.write_text("kind A\n# a comment after the first statement\n", encoding="utf-8")
    assert "a comment after" not in render_report(alignspec.load(str(bare)), "markdown")
