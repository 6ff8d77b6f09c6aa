"""The sections of a spec's report, as document blocks: header, findings, vocabulary, concepts,
claims and the comparison (framings and scenarios have modules of their own)."""

from __future__ import annotations

import functools
import operator
import os

import networkx as nx

from ..analysis.outcomes import ClaimStatus
from ..analysis.words import count
from ..diagnostics import Severity
from ..evidence import World
from ..model.kinds import all_units
from ..model.written import concept_doc, concept_sources, definition, formula_text, signature
from ..subjects import ConceptsSubject
from .compare import Comparison, concepts_of
from .document import (
    Block,
    Cell,
    Code,
    Diagram,
    Heading,
    Inline,
    Items,
    Paragraph,
    StatusCell,
    Table,
    Target,
    TargetKind,
    code,
    concept_ref,
    concept_refs,
    em,
    inline,
    strong,
)
from .dot import to_dot
from .focus import focus_graph, same_neighbourhood
from .justify import item_text, short_path
from .mermaid import to_mermaid
from .roles import Role
from .tables import NO_PAIRS, compare_rows, left_out
from .world import evidence_world_graph

WHOLE_DIAGRAM_LIMIT = 40  # classes of a lattice drawn whole; above, each concept's neighbourhood
VOCABULARY_CONCEPT_LIMIT = 15  # concepts drawn in the vocabulary diagram; above, kinds and relations only


def class_count(graph: nx.DiGraph) -> int:
    """The number of classes a lattice graph draws."""
    return graph.number_of_nodes()


class ReportContext:
    """What every section needs: the spec, its analysis, the directory paths are shown relative
    to, and the one framing the framing-specific sections are narrowed to (None: all)."""

    def __init__(self, spec, lattices: dict[str, nx.DiGraph], comparison: Comparison, framing: str | None = None):
        self.spec = spec
        self.framing = framing
        self.unit = spec.unit
        self.analysis = spec.analysis
        self.namer = spec.analysis.builder.namer
        self.base = os.path.dirname(os.path.abspath(spec.path))
        self.lattices = lattices
        self.comparison = comparison

    @property
    def focused(self) -> bool:
        """Whether some lattice is too large to draw whole (more than ``WHOLE_DIAGRAM_LIMIT``
        classes), so that each concept's section draws its neighbourhood instead."""
        return any(class_count(g) > WHOLE_DIAGRAM_LIMIT for g in self.lattices.values())

    def where(self, span) -> str:
        """``file:line`` of a span, the file relative to the spec's directory."""
        return f"{short_path(span.file, self.base)}:{span.line}"


def diagram(key: str, caption: str, graph: nx.Graph) -> Diagram:
    """A diagram block for ``graph`` (Mermaid and DOT, element ids prefixed with ``key``)."""
    return Diagram(key, caption, to_mermaid(graph), to_dot(graph, name=key, id_prefix=f"{key}-"), graph)


def world_diagram(key: str, caption: str, world: World) -> Diagram:
    """A diagram of the world of a counterexample or a witness."""
    return diagram(key, caption, evidence_world_graph(world, caption))


def claim_inline(ctx: ReportContext, claim) -> Inline:
    """A claim's statement as written, its bare concept names linking to their sections."""
    decl = claim.decl

    def side(formula, written) -> tuple[str, str]:
        if formula is not None and formula.concept is not None:
            return concept_ref(ctx.namer(formula.concept))
        return code(formula_text(written))

    if decl.form.is_unary:
        return inline(f"{decl.form.words} ", side(claim.left, decl.left))
    return inline(side(claim.left, decl.left), f" {decl.form.words} ", side(claim.right, decl.right))


def joined(names: list[str]) -> list:
    """Names as code parts separated by commas."""
    parts: list = []
    for i, name in enumerate(names):
        if i:
            parts.append(", ")
        parts.append(code(name))
    return parts


def header(ctx: ReportContext) -> list[Block]:
    """The title, the spec's sources and a one-line summary."""
    unit = ctx.unit
    head = unit.header
    title = head.doc.text if head is not None and head.doc.text else f"Spec {unit.name}"
    blocks: list[Block] = [Heading(1, inline(title)),
                           Paragraph(inline("Spec ", code(unit.name), " from ",
                                            code(os.path.basename(ctx.spec.path)), "."))]
    blocks.extend(introduction(unit.spec.preamble))
    if head is not None and head.doc.sources:
        blocks.append(Paragraph(inline(strong("Sources"))))
        blocks.append(Items(tuple(inline(s) for s in head.doc.sources)))
    analysis = ctx.analysis
    statuses = [c.status for c in analysis.claims]
    counts = ", ".join(f"{statuses.count(s)} {s.value}" for s in ClaimStatus if statuses.count(s))
    blocks.append(Paragraph(inline(
        f"{count(len(concepts_of(analysis.framings)), 'concept')}, {count(len(analysis.claims), 'claim')}"
        + (f" ({counts})" if counts else "")
        + f", {count(len(unit.framings), 'framing')}, {count(len(analysis.scenarios), 'scenario')}.")))
    return blocks


def introduction(lines: tuple[str, ...]) -> list[Block]:
    """The spec file's opening comment as paragraphs and lists: a line that is empty separates
    paragraphs, a line that starts with ``-`` starts a list item, and a more indented line goes on
    with the item above it."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(inline(" ".join(paragraph))))
            paragraph.clear()
        if items:
            blocks.append(Items(tuple(inline(" ".join(item)) for item in items)))
            items.clear()

    for line in lines:
        text = line.strip()
        if not text:
            flush()
        elif text.startswith("- "):
            if paragraph:
                flush()
            items.append([text[2:]])
        elif items and line.startswith(" "):
            items[-1].append(text)
        else:
            if items:
                flush()
            paragraph.append(text)
    flush()
    return blocks


def _severity_cell(severity: Severity) -> Cell:
    return severity.value if severity is Severity.INFO else StatusCell(severity.value)


def findings(ctx: ReportContext) -> list[Block]:
    """The diagnostics ``check`` gives for the spec, as a table."""
    diagnostics = list(ctx.spec.diagnostics())
    blocks: list[Block] = [Heading(2, inline("Findings"))]
    if not diagnostics:
        return blocks + [Paragraph(inline("No errors, warnings or notes."))]
    rows = tuple((_severity_cell(d.severity), f"{d.code} {d.name}", ctx.where(d.span), d.message, _about(d))
                 for d in diagnostics)
    return blocks + [Table(("severity", "finding", "where", "message", "about"), rows, frozenset({1}))]


def _about(diagnostic) -> Cell:
    """The concepts a finding is about, linking to their sections."""
    subject = diagnostic.subject
    return concept_refs(list(subject.concepts)) if isinstance(subject, ConceptsSubject) else ""


def _own(unit, listing):
    return [s for s in listing if unit.own.get(s.name) is s]


def vocabulary(ctx: ReportContext, graph: nx.MultiDiGraph) -> list[Block]:
    """Kinds, relations and disjointness as tables, and the vocabulary diagram."""
    namer = ctx.namer
    blocks: list[Block] = [Heading(2, inline("Vocabulary"))]
    kinds, relations = [], []
    for u in all_units(ctx.unit):
        for kind in _own(u, u.kinds):
            doc = (kind.decl.doc.text or "") if kind.decl is not None else ""
            kinds.append((namer(kind), ", ".join(namer(p) for p in kind.parents), doc))
        for relation in _own(u, u.relations):
            doc = (relation.decl.doc.text or "") if relation.decl is not None else ""
            relations.append((namer(relation),
                              ", ".join(namer(k) if k is not None else "?" for k in relation.positions),
                              ", ".join(namer(p) for p in relation.parents),
                              ", ".join(sorted(relation.properties)), doc))
    if kinds:
        blocks.append(Table(("kind", "is a", "doc"), tuple(kinds), frozenset({0, 1})))
    if relations:
        blocks.append(Table(("relation", "arguments", "is a", "properties", "doc"), tuple(relations),
                            frozenset({0, 1, 2})))
    disjoint = [inline(*functools.reduce(operator.iadd, ([code(namer(m)), ", "] for m in g.members), [])[:-1])
                for u in all_units(ctx.unit) for g in u.disjoints]
    if disjoint:
        blocks.append(Paragraph(inline(strong("Disjoint"))))
        blocks.append(Items(tuple(disjoint)))
    concepts = [n for n, d in graph.nodes(data=True) if d.get("role") == Role.CONCEPT]
    if len(concepts) <= VOCABULARY_CONCEPT_LIMIT:
        blocks.append(diagram("vocabulary", "Kinds (boxes), relations between them, and the concepts that use them",
                              graph))
        return blocks
    kinds_only = graph.copy()
    kinds_only.remove_nodes_from(concepts)
    blocks.append(diagram("vocabulary", f"Kinds (boxes) and relations between them; the {len(concepts)} concepts "
                          "are too many to draw with them, and are described under Concepts", kinds_only))
    return blocks


def concepts(ctx: ReportContext) -> list[Block]:
    """Each concept: doc, signature and definition, where it is declared, its sources."""
    blocks: list[Block] = [Heading(2, inline("Concepts"))]
    view = ctx.analysis.framings[0]
    listed = view.concepts or {ctx.namer(c): c for c in ctx.unit.concepts}
    if not listed:
        return blocks + [Paragraph(inline("No concepts."))]
    for index, (name, concept) in enumerate(listed.items()):
        blocks.append(Heading(3, inline(code(name)), Target(TargetKind.CONCEPT, name)))
        doc = concept_doc(concept)
        if doc:
            blocks.append(Paragraph(inline(doc)))
        blocks.append(Code(f"concept {signature(concept, name)}\n    := {definition(concept)}", "text", spec_text=True))
        blocks.append(Paragraph(inline(em(f"declared at {ctx.where(concept.span)}"))))
        sources = concept_sources(concept)
        if sources:
            blocks.append(Paragraph(inline(strong("Sources"))))
            blocks.append(Items(tuple(inline(s) for s in sources)))
        if ctx.focused:
            blocks.extend(neighbourhoods(ctx, name, index))
    return blocks


def neighbourhoods(ctx: ReportContext, name: str, index: int) -> list[Block]:
    """The focus diagrams of concept ``name`` (the ``index``-th), one per neighbourhood: framings
    under which it has the same neighbourhood share one diagram."""
    groups: list[tuple[list[str], nx.DiGraph]] = []
    for graph in ctx.lattices.values():
        focus = focus_graph(graph, name)
        for titles, shown in groups:
            if same_neighbourhood(shown, focus):
                titles.append(graph.graph["title"])
                break
        else:
            groups.append(([graph.graph["title"]], focus))
    blocks: list[Block] = []
    for number, (titles, focus) in enumerate(groups):
        under = ", ".join(titles)
        if "note" in focus.graph:
            blocks.append(Paragraph(inline(em(f"Under {under}: {focus.graph['note']}."))))
            continue
        focus.graph["title"] = f"{name} under {under}"
        blocks.append(diagram(f"focus{index}-{number}", f"{name} under {under}: what implies it (on the left), "
                              "what it implies (on the right) and what it excludes", focus))
    return blocks


def claims(ctx: ReportContext) -> list[Block]:
    """The claims with their status; the justification or counterexample of each."""
    blocks: list[Block] = [Heading(2, inline("Claims"))]
    outcomes = ctx.analysis.claims
    if not outcomes:
        return blocks + [Paragraph(inline("No claims."))]
    if ctx.framing is not None:
        outcomes = [o for o in outcomes if o.framing_name == ctx.framing]
        if not outcomes:
            return blocks + [Paragraph(inline("No claims under ", code(ctx.framing), "."))]
    rows = tuple((o.claim.label, o.framing_name or "(base)", claim_inline(ctx, o.claim), StatusCell(o.status.value))
                 for o in outcomes)
    targets = tuple(Target(TargetKind.CLAIM, o.name) if o.name is not None else None for o in outcomes)
    blocks.append(Table(("claim", "under", "statement", "status"), rows, frozenset({0, 1, 2}), targets))
    position = {id(o): i for i, o in enumerate(ctx.analysis.claims)}
    for o in outcomes:
        key = f"claim{position[id(o)]}-world"
        title = inline(strong(f"Claim {o.claim.label}"), " (", *claim_inline(ctx, o.claim), f"): {o.status.value}")
        doc = o.claim.decl.doc.text
        if doc:
            blocks.append(Paragraph(title + inline(".")))
            blocks.append(Paragraph(inline(doc[0].upper() + doc[1:] + ("" if doc.endswith(".") else "."))))
            title = inline("It " + o.status.value)
        if o.status is ClaimStatus.HOLDS and o.justification:
            blocks.append(Paragraph(title + inline(", because")))
            blocks.append(Items(tuple(inline(item_text(i, ctx.base)) for i in o.justification)))
        elif o.status is ClaimStatus.HOLDS and o.witness is not None:
            blocks.append(Paragraph(title + inline(", because this world is possible:")))
            blocks.append(Code(o.witness.scenario, "text", spec_text=True))
            blocks.append(world_diagram(key, f"The world that shows claim {o.claim.label} holds", o.witness.world))
        elif o.status is ClaimStatus.FAILS:
            blocks.append(Paragraph(title + inline(": " + o.message if o.message else "")))
            if o.counterexample:
                blocks.append(Code(o.counterexample.scenario, "text", spec_text=True))
                blocks.append(world_diagram(key, f"The counterexample to claim {o.claim.label}: solid arrows are "
                                            "its facts, dashed arrows what the framing derives from them",
                                            o.counterexample.world))
                if o.unmatched:
                    blocks.append(Paragraph(inline("No match for: ", *joined(o.unmatched), ".")))
            if o.details:
                blocks.append(Items(tuple(inline(d) for d in o.details)))
            if o.justification:
                blocks.append(Items(tuple(inline(item_text(i, ctx.base)) for i in o.justification)))
        elif o.status is ClaimStatus.UNKNOWN:
            blocks.append(Paragraph(title + inline(": " + o.message if o.message else "")))
    return blocks


def comparison(ctx: ReportContext) -> list[Block]:
    """The comparison table of every framing, disagreements first."""
    blocks: list[Block] = [Heading(2, inline("Comparison of the framings"))]
    notes = [Paragraph(inline(note[0].upper() + note[1:] + ".")) for note in left_out(ctx.comparison, hint=False)]
    if not ctx.comparison.rows and not ctx.comparison.complete:
        return blocks + notes
    if not ctx.comparison.rows:
        return blocks + [Paragraph(inline(NO_PAIRS[0].upper() + NO_PAIRS[1:] + ".")), *notes]
    header, rows = compare_rows(ctx.comparison)
    blocks.append(Paragraph(inline("How each pair of concepts that could share a member relates under each "
                                   "framing (", code("excludes"), ": they can never hold together); the rows "
                                   "where the framings disagree come first.")))
    linked = tuple((concept_refs([r[0]]), concept_refs([r[1]]), *r[2:]) if isinstance(r[0], str) else tuple(r)
                   for r in rows)
    blocks.append(Table(tuple(header), linked, frozenset({0, 1})))
    return blocks + notes


