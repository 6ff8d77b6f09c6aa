"""The scenarios section of a report: status, hierarchies, the concept table, expectations and
the chased world of each scenario."""

from __future__ import annotations

import networkx as nx

from ..analysis.outcomes import Verdict
from ..analysis.scenarios import ScenarioEvaluation
from ..render.scenario import SHORT, has_blanks, hierarchy_tree, unary_columns
from .document import Block, Cell, Code, Heading, Items, Paragraph, StatusCell, Table, code, em, inline, strong
from .sections import ReportContext, diagram


def _verdict_cell(verdict: Verdict, short: bool = True) -> Cell:
    """A verdict as a table cell: a status cell when the facts decide the atom (it holds, or it
    is refuted), plain text when they do not or it does not apply."""
    text = SHORT[verdict] if short else verdict.value
    return text if verdict in (Verdict.OPEN, Verdict.NOT_APPLICABLE) else StatusCell(text)


def scenarios(ctx: ReportContext, worlds: dict[str, nx.MultiDiGraph]) -> list[Block]:
    """A subsection per scenario; ``worlds`` maps scenario names to their world graphs."""
    blocks: list[Block] = [Heading(2, inline("Scenarios"))]
    if not ctx.analysis.scenarios:
        return blocks + [Paragraph(inline("No scenarios."))]
    shown = [(i, e) for i, e in enumerate(ctx.analysis.scenarios) if ctx.framing in (None, e.framing)]
    if not shown:
        return blocks + [Paragraph(inline("No scenarios under ", code(ctx.framing or ""), "."))]
    for index, evaluation in shown:
        blocks.extend(_scenario(ctx, index, evaluation, worlds[evaluation.scenario.name]))
    return blocks


def _scenario(ctx: ReportContext, index: int, evaluation: ScenarioEvaluation, world: nx.MultiDiGraph) -> list[Block]:
    scenario = evaluation.scenario
    blocks: list[Block] = [Heading(3, inline("Scenario ", code(scenario.name)))]
    doc = (scenario.decl.doc.text or "") if scenario.decl is not None else ""
    if doc:
        blocks.append(Paragraph(inline(doc)))
    under = inline(" under ", code(evaluation.framing)) if evaluation.framing else inline(" with no framing")
    reason = f" ({evaluation.reason})" if evaluation.reason else ""
    blocks.append(Paragraph(inline("Evaluated", *under, ": ", strong(evaluation.status.value), reason, ".")))
    for hierarchy in evaluation.hierarchies:
        blocks.append(Paragraph(inline("Hierarchy of ", code(hierarchy.relation), ":")))
        blocks.append(Code("\n".join(hierarchy_tree(hierarchy)), "text"))
    individuals = list(scenario.individuals)
    unary = unary_columns(evaluation.cells)
    if unary and individuals:
        status = {(c.concept, c.args[0]): _verdict_cell(c.status) for c in evaluation.cells if len(c.args) == 1}
        rows = tuple((name, *(status.get((c, name), "") for c in unary)) for name in individuals)
        blank = "; a blank cell: the individual is not known to be of the concept's kind" \
            if has_blanks(evaluation.cells, individuals) else ""
        blocks.append(Paragraph(inline("Concepts (", code("holds"), ", ", code("refuted"), ", ", code("open"), " or ",
                                       code("n/a"), f" not applicable{blank}):")))
        blocks.append(Table(("individual", *unary), rows, frozenset({0})))
    binary = [c for c in evaluation.cells if len(c.args) > 1 and c.status is Verdict.HOLDS]
    if binary:
        blocks.append(Paragraph(inline("Holding between individuals:")))
        blocks.append(Items(tuple(inline(code(f"{c.concept}({', '.join(c.args)})")) for c in binary)))
    if evaluation.expectations:
        rows = tuple((e.text, StatusCell("pass" if e.passed else "FAIL"),
                      _verdict_cell(e.status, short=False) if e.status is not None else e.status_text)
                     for e in evaluation.expectations)
        blocks.append(Table(("expectation", "result", "status"), rows, frozenset({0})))
    for note in evaluation.level_notes:
        blocks.append(Paragraph(inline(em("Note:"), " ", note)))
    if world.number_of_nodes():
        blocks.append(diagram(f"world{index}", f"The world of {scenario.name} after the chase: "
                              "solid arrows are given facts, dashed arrows derived ones", world))
    return blocks
