"""The framings section of a report: each framing's doc, rules and lattice."""

from __future__ import annotations

import networkx as nx

from ..model.written import rule_text
from .document import Block, Heading, Items, Paragraph, Table, code, concept_refs, em, inline, strong
from .justify import item_text, justification_text
from .lattice import framing_title
from .roles import Role
from .sections import WHOLE_DIAGRAM_LIMIT, ReportContext, class_count, diagram, joined


def framings(ctx: ReportContext) -> list[Block]:
    """A subsection per framing (the base framing first) with its lattice."""
    blocks: list[Block] = [Heading(2, inline("Framings"))]
    for index, view in enumerate(ctx.analysis.framings):
        if ctx.framing is not None and view.name != ctx.framing:
            continue
        graph = ctx.lattices[view.name]
        framing = view.framing
        blocks.append(Heading(3, inline("Base framing") if framing is None else inline("Framing ", code(view.name))))
        if framing is None:
            blocks.append(Paragraph(inline("The declarations alone, with no framing rules.")))
        else:
            doc = (framing.decl.doc.text or "") if framing.decl is not None else ""
            if doc:
                blocks.append(Paragraph(inline(doc)))
            if framing.extends:
                blocks.append(Paragraph(inline("Extends ", *joined([ctx.namer(f) for f in framing.extends]), ".")))
            if framing.rules:
                blocks.append(Items(tuple(
                    inline(code(r.name), ": ", code(rule_text(r)),
                           (" — " + r.decl.doc.text) if r.decl.doc.text else "") for r in framing.rules)))
        blocks.extend(_lattice_blocks(ctx, index, view, graph))
    return blocks


def _lattice_blocks(ctx: ReportContext, index: int, view, graph: nx.DiGraph) -> list[Block]:
    if "note" in graph.graph:
        return [Paragraph(inline(em(graph.graph["note"])))]
    title = framing_title(view)
    if class_count(graph) <= WHOLE_DIAGRAM_LIMIT:
        blocks: list[Block] = [diagram(f"lattice{index}", f"Concepts under {title}: "
                                       "arrows go from the more specific concept to the more general one", graph)]
    else:
        blocks = [Paragraph(inline(f"{class_count(graph)} classes of concepts under {title}: too many to draw at "
                                   "once. Each concept's section under Concepts draws its neighbourhood; ",
                                   code("alignspec lattice --format dot"), " writes the whole diagram."))]
    for _node, data in graph.nodes(data=True):
        if data["role"] == Role.CLASS and len(data["members"]) > 1:
            blocks.append(Paragraph(inline(strong("Equivalent:"), " ", *concept_refs(data["members"]), ", because")))
            blocks.append(Items(tuple(inline(item_text(i, ctx.base)) for i in data["justification"])))
    unsatisfiable = graph.graph.get("unsatisfiable")
    if unsatisfiable:
        blocks.append(Paragraph(inline(strong("No member:"), " ", *concept_refs(unsatisfiable["members"]),
                                       ", because")))
        blocks.append(Items(tuple(inline(item_text(i, ctx.base)) for i in unsatisfiable["justification"])))
    rows = tuple((concept_refs(graph.nodes[u]["members"], " = "), concept_refs(graph.nodes[v]["members"], " = "),
                  justification_text(d["justification"], ctx.base))
                 for u, v, d in graph.edges(data=True) if d["role"] == Role.IMPLIES)
    if rows:
        blocks.append(Table(("more specific", "more general", "because"), rows, frozenset({0, 1})))
    return blocks
