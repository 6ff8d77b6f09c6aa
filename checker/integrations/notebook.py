"""The rich view of a spec in a Jupyter notebook: its findings, a table of its concepts, its
claims with their outcome, and the concept lattice of each framing (inline SVG, drawn by
Graphviz when its ``dot`` is installed, else by the layered layout in Python)."""

from __future__ import annotations

from html import escape
from typing import Any

from ..analysis.words import count
from ..views.document import Diagram
from ..views.pictures import diagram_svg
from .entries import claim_entries, concept_entries
from .findings import findings
from .sections import select_sections

STYLE = ("<style>.alignspec-nb table{border-collapse:collapse;margin:.4em 0}"
         ".alignspec-nb th,.alignspec-nb td{border:1px solid #ccc;padding:2px 6px;text-align:left;"
         "vertical-align:top}.alignspec-nb .holds{color:#1f6f2a}.alignspec-nb .fails,.alignspec-nb .error"
         "{color:#a12626;font-weight:600}.alignspec-nb .unknown,.alignspec-nb .warning{color:#8a5a00}"
         ".alignspec-nb svg{max-width:100%;height:auto}</style>")


def _table(header: list[str], rows: list[list[tuple[str, str]]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="{css}">{cell}</td>' for css, cell in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def spec_html(spec: Any, diagrams: bool = True) -> str:
    """An HTML fragment for ``spec`` (an ``alignspec.Spec``), for ``Spec._repr_html_``.
    ``diagrams=False`` leaves the lattices out."""
    found = findings(spec)
    counts = {s: sum(1 for f in found if f.severity == s) for s in ("error", "warning", "info")}
    parts = [STYLE, '<div class="alignspec-nb">',
             f"<p><strong>spec {escape(spec.name)}</strong> ({escape(spec.path)}): "
             f"{count(counts['error'], 'error')}, {count(counts['warning'], 'warning')}, "
             f"{count(counts['info'], 'note')}</p>"]
    if found:
        parts.append("<p><strong>Findings</strong></p>")
        parts.append(_table(["severity", "finding", "where", "message"], [
            [(f.severity, escape(f.severity)), ("", f"<code>{escape(f.code)} {escape(f.name)}</code>"),
             ("", escape(f"{f.line}:{f.column}")), ("", escape(f.message))] for f in found]))
    concepts = concept_entries(spec)
    if concepts:
        parts.append("<p><strong>Concepts</strong></p>")
        parts.append(_table(["concept", "definition", "meaning"], [
            [("", f"<code>{escape(c.signature)}</code>"), ("", f"<code>{escape(c.definition)}</code>"),
             ("", escape(c.doc))] for c in concepts]))
    if spec.claims:
        parts.append("<p><strong>Claims</strong></p>")
        named = {(c.line, c.name) for c in claim_entries(spec)}
        rows = []
        for outcome in spec.claims:
            decl = outcome.claim.decl
            label = outcome.claim.label
            rows.append([("", f"<code>{escape(label)}</code>" if (decl.span.line, label) in named else escape(label)),
                         ("", escape(outcome.framing_name or "(base)")),
                         (outcome.status, escape(outcome.status)), ("", escape(outcome.message))])
        parts.append(_table(["claim", "under", "status", "message"], rows))
    if diagrams:
        for section in select_sections(spec, ("lattice",)):
            for block in section.blocks:
                if isinstance(block, Diagram):
                    svg = diagram_svg(block)
                    drawing = svg if svg is not None else f"<pre>{escape(block.mermaid)}</pre>"
                    parts.append(f"<figure>{drawing}<figcaption>{escape(block.caption)}</figcaption></figure>")
    parts.append("</div>")
    return "".join(parts)
