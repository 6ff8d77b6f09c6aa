"""A spec's report: every view in one document, as Markdown or self-contained HTML."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..enums import TextEnum
from ..reasoning import run_budget
from ..reasoning.run_budget import RunBudget
from ..reasoning.status import Limit
from .argument_map import argument_map
from .argument_section import arguments
from .compare import Comparison, most_informative, spec_comparison
from .document import Block, Paragraph, em, inline
from .framing_section import framings
from .html_report import render_html
from .lattice import lattice_graph
from .markdown_report import render_markdown
from .pictures import Drawing
from .scenario_section import scenarios
from .sections import ReportContext, claims, comparison, concepts, findings, header, vocabulary
from .tables import run_limit_text
from .vocabulary import vocabulary_graph
from .world import world_graph

FORMATS = ("markdown", "html")


class SectionKey(TextEnum):
    """The sections of a report, in the order they appear."""

    SUMMARY = "summary"
    DIAGNOSTICS = "diagnostics"
    VOCABULARY = "vocabulary"
    CONCEPTS = "concepts"
    CLAIMS = "claims"
    ARGUMENTS = "arguments"
    LATTICE = "lattice"
    COMPARISON = "comparison"
    SCENARIOS = "scenarios"


REPORT_PAIR_LIMIT = 1_000
"""The most pairs of concepts a report's comparison lists (``alignspec compare`` lists all)."""

ON_DEMAND = frozenset({SectionKey.LATTICE, SectionKey.COMPARISON})
"""The sections that decide something while they are drawn: the justifications of the
lattices' edges, and which concepts exclude each other."""


@dataclass(frozen=True)
class ReportSection:
    """One section of a report: its key and its blocks (from its heading on; the summary's
    blocks are the title and the spec's overview); ``cut`` is the limit of the run that was
    reached before what the section decides while it is drawn was all decided (None: nothing
    was cut), and the section then says so in a last paragraph."""

    key: SectionKey
    blocks: tuple[Block, ...]
    cut: Limit | None = None


def report_sections(spec, framing: str | None = None,
                    keys: Iterable[SectionKey] = tuple(SectionKey)) -> list[ReportSection]:
    """The report of ``spec`` (an ``alignspec.Spec``) as sections, the ``keys`` asked for only.
    With ``framing``, the framings, claims and scenarios sections show only what is under it,
    and the arguments section the claims under it and under the framings it extends. The
    comparison lists at most ``REPORT_PAIR_LIMIT`` pairs, the most informative.

    What the sections decide while they are drawn counts against the run budget in force, or
    one of the spec's limits (``load``'s ``timeout`` and ``max_total_steps``) started for the
    report; once it is spent, the report still has every section, with what was decided."""
    with run_budget.started(spec.budget) as run:
        return _report_sections(spec, run, framing, set(keys))


def _report_sections(spec, run: RunBudget, framing: str | None, wanted: set[SectionKey]) -> list[ReportSection]:
    analysis = spec.analysis
    base = os.path.dirname(os.path.abspath(spec.path))
    justifier = analysis.justifier
    views = [v for v in analysis.framings if framing is None or v.name == framing]
    narrowed = views[0] if framing is not None and views else None
    drawn = wanted & {SectionKey.CONCEPTS, SectionKey.LATTICE}
    lattices = {view.name: lattice_graph(view, justifier, base) for view in views} if drawn else {}
    cut = {SectionKey.LATTICE: run.spent()}
    compared = Comparison([], [], [])
    if SectionKey.COMPARISON in wanted:
        compared = most_informative(spec_comparison(analysis, stop_when_cut=True), REPORT_PAIR_LIMIT)
        cut[SectionKey.COMPARISON] = compared.cut
    ctx = ReportContext(spec, lattices, compared, framing)
    builders: dict[SectionKey, Callable[[], list[Block]]] = {
        SectionKey.SUMMARY: lambda: header(ctx),
        SectionKey.DIAGNOSTICS: lambda: findings(ctx),
        SectionKey.VOCABULARY: lambda: vocabulary(ctx, vocabulary_graph(spec.unit, analysis.builder.namer)),
        SectionKey.CONCEPTS: lambda: concepts(ctx),
        SectionKey.CLAIMS: lambda: claims(ctx),
        SectionKey.ARGUMENTS: lambda: arguments(argument_map(analysis, spec.diagnostics(), narrowed)),
        SectionKey.LATTICE: lambda: framings(ctx),
        SectionKey.COMPARISON: lambda: comparison(ctx),
        SectionKey.SCENARIOS: lambda: scenarios(ctx, {e.scenario.name: world_graph(e) for e in analysis.scenarios}),
    }
    sections = []
    for key, build in builders.items():
        if key in wanted:
            blocks = build()
            limit = cut.get(key)
            if limit is not None and key is SectionKey.LATTICE:
                blocks.append(Paragraph(inline(em(f"Cut short: {run_limit_text(limit)} before every "
                                                  "implication drawn was justified; those left are drawn "
                                                  "without their justification."))))
            sections.append(ReportSection(key, tuple(blocks), limit))
    return sections


def report_blocks(spec) -> list[Block]:
    """The report of ``spec`` (an ``alignspec.Spec``) as document blocks (see
    :func:`report_sections`)."""
    return [block for section in report_sections(spec) for block in section.blocks]


def render_report(spec, fmt: str = "markdown", drawing: Drawing | str = Drawing.AUTO) -> str:
    """The report of ``spec`` (an ``alignspec.Spec``) as ``fmt``: ``markdown`` (diagrams as
    Mermaid blocks) or ``html`` (one self-contained file; diagrams as inline SVG drawn by
    Graphviz when its ``dot`` is installed, else by the layered layout in Python). ``drawing``
    forces the choice (``graphviz``, ``layered``, or ``source`` for Mermaid source instead of
    pictures). The output is the same from run to run."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format '{fmt}' (choose from {', '.join(FORMATS)})")
    blocks = report_blocks(spec)
    if fmt == "markdown":
        return render_markdown(blocks)
    return render_html(blocks, drawing)
