"""The scenarios section of a report: status, hierarchies, the concept table, expectations and
the chased world of each scenario."""

from __future__ import annotations

import networkx as nx

from ..analysis.scenarios import ScenarioEvaluation
from .document import Block, Code, Heading, Items, Paragraph, Table, code, em, inline, strong
from .sections import ReportContext, diagram

SHORT = {"holds": "holds", "does not follow": "-", "not applicable": "n/a"}


def _tree(hierarchy) -> list[str]:
    children: dict[str, list[str]] = {}
    for source, target in hierarchy.edges:
        children.setdefault(source, []).append(target)
    targets = {t for _, t in hierarchy.edges}
    lines: list[str] = []

    for root in (n for n in hierarchy.levels if n not in targets):
        # depth first, children in order; an explicit stack, so long chains print without recursion
        stack = [(root, 0, frozenset({root}))]
        while stack:
            name, depth, trail = stack.pop()
            lines.append(f"{'  ' * depth}{name} (level {hierarchy.levels[name]})")
            below = sorted(children.get(name, []), key=lambda c: (hierarchy.levels[c], c))
            stack.extend((child, depth + 1, trail | {child}) for child in reversed(below) if child not in trail)
    return lines


def scenarios(ctx: ReportContext, worlds: dict[str, nx.MultiDiGraph]) -> list[Block]:
    """A subsection per scenario; ``worlds`` maps scenario names to their world graphs."""
    blocks: list[Block] = [Heading(2, inline("Scenarios"))]
    if not ctx.analysis.scenarios:
        return blocks + [Paragraph(inline("No scenarios."))]
    for index, evaluation in enumerate(ctx.analysis.scenarios):
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
    blocks.append(Paragraph(inline("Evaluated", *under, ": ", strong(evaluation.status), reason, ".")))
    for hierarchy in evaluation.hierarchies:
        blocks.append(Paragraph(inline("Hierarchy of ", code(hierarchy.relation), ":")))
        blocks.append(Code("\n".join(_tree(hierarchy)), "text"))
    individuals = list(scenario.individuals)
    unary = list(dict.fromkeys(c.concept for c in evaluation.cells if len(c.args) == 1))
    if unary and individuals:
        status = {(c.concept, c.args[0]): SHORT.get(c.status, c.status) for c in evaluation.cells if len(c.args) == 1}
        rows = tuple((name, *(status.get((c, name), "") for c in unary)) for name in individuals)
        blocks.append(Paragraph(inline("Concepts (", code("holds"), " holds, ", code("-"), " does not follow, ",
                                       code("n/a"), " not applicable):")))
        blocks.append(Table(("individual", *unary), rows, frozenset({0})))
    binary = [c for c in evaluation.cells if len(c.args) > 1 and c.status == "holds"]
    if binary:
        blocks.append(Paragraph(inline("Holding between individuals:")))
        blocks.append(Items(tuple(inline(code(f"{c.concept}({', '.join(c.args)})")) for c in binary)))
    if evaluation.expectations:
        rows = tuple((e.text, "pass" if e.passed else "FAIL", e.status) for e in evaluation.expectations)
        blocks.append(Table(("expectation", "result", "status"), rows, frozenset({0})))
    for note in evaluation.level_notes:
        blocks.append(Paragraph(inline(em("Note:"), " ", note)))
    if world.number_of_nodes():
        blocks.append(diagram(f"world{index}", f"The world of {scenario.name} after the chase: "
                              "solid arrows are given facts, dashed arrows derived ones", world))
    return blocks
