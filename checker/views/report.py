"""A spec's report: every view in one document, as Markdown or self-contained HTML."""

from __future__ import annotations

import os

from .compare import compare
from .document import Block
from .framing_section import framings
from .html_report import render_html
from .lattice import lattice_graph
from .markdown_report import render_markdown
from .scenario_section import scenarios
from .sections import ReportContext, claims, comparison, concepts, findings, header, vocabulary
from .vocabulary import vocabulary_graph
from .world import world_graph

FORMATS = ("markdown", "html")


def report_blocks(spec) -> list[Block]:
    """The report of ``spec`` (an ``alignspec.Spec``) as document blocks."""
    analysis = spec.analysis
    base = os.path.dirname(os.path.abspath(spec.path))
    justifier = analysis.justifier
    lattices = {view.name: lattice_graph(view, justifier, base) for view in analysis.framings}
    ctx = ReportContext(spec, lattices, compare(analysis.framings))
    worlds = {e.scenario.name: world_graph(e) for e in analysis.scenarios}
    return [
        *header(ctx),
        *findings(ctx),
        *vocabulary(ctx, vocabulary_graph(spec.unit, analysis.builder.namer)),
        *concepts(ctx),
        *claims(ctx),
        *framings(ctx),
        *comparison(ctx),
        *scenarios(ctx, worlds),
    ]


def render_report(spec, fmt: str = "markdown", svg: bool | None = None) -> str:
    """The report of ``spec`` (an ``alignspec.Spec``) as ``fmt``: ``markdown`` (diagrams as
    Mermaid blocks) or ``html`` (one self-contained file; diagrams as inline SVG when Graphviz's
    ``dot`` is installed, else as Mermaid source with a note). ``svg`` forces the choice of
    drawing (None: use ``dot`` when it is installed). The output is the same from run to run."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
    blocks = report_blocks(spec)
    if fmt == "markdown":
        return render_markdown(blocks)
    return render_html(blocks, svg=svg)
