"""The ``.. alignspec-codes::`` directive: the reference of every finding code, generated from
``alignspec.codes.CODES`` (one section per code with its four headings)."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..codes import CODES, DOC_HEADINGS
from .render import spec_language

_CODE_SPAN = re.compile(r"`([^`]+)`")


def _prose(text: str) -> nodes.paragraph:
    para = nodes.paragraph()
    for i, part in enumerate(_CODE_SPAN.split(text)):
        if part:
            para += nodes.literal(part, part) if i % 2 else nodes.Text(part)
    return para


def code_section(code) -> nodes.section:
    """One code's section: title ``AS302 claim-failed``, severity and summary, then the four
    doc headings as rubrics (the example as a highlighted listing)."""
    section = nodes.section(ids=[nodes.make_id(code.code), nodes.make_id(code.name)], names=[code.code.lower()])
    section += nodes.title("", "", nodes.Text(f"{code.code} "), nodes.literal(code.name, code.name))
    summary = code.summary.strip()
    section += _prose(f"Severity: {code.severity.value}. {summary[:1].upper()}{summary[1:]}"
                      + ("" if summary.endswith(".") else "."))
    for heading in DOC_HEADINGS:
        body = code.doc.get(heading, "")
        section += nodes.rubric(heading, heading)
        if heading == "Example":
            section += nodes.literal_block(body, body, language=spec_language(body))
        else:
            for paragraph in body.split("\n\n"):
                section += _prose(" ".join(paragraph.split()))
    return section


class CodesDirective(SphinxDirective):
    """``.. alignspec-codes::``: a table of the codes, then one section per code. Place it last
    in its section: the code sections nest below the section it is in."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """The table and the sections."""
        table = nodes.table(classes=["alignspec-table"])
        group = nodes.tgroup(cols=4)
        table += group
        for _ in range(4):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        row = nodes.row()
        for label in ("code", "name", "severity", "summary"):
            row += nodes.entry("", nodes.paragraph(text=label))
        head += row
        group += head
        body = nodes.tbody()
        for code in CODES:
            row = nodes.row()
            ref = nodes.reference("", "", nodes.Text(code.code), refid=nodes.make_id(code.code))
            row += nodes.entry("", nodes.paragraph("", "", ref))
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(code.name, code.name)))
            row += nodes.entry("", nodes.paragraph(text=code.severity.value))
            row += nodes.entry("", nodes.paragraph(text=code.summary))
            body += row
        group += body
        sections = [code_section(code) for code in CODES]
        for section in sections:
            self.state.document.note_implicit_target(section, section)
        return [table, *sections]
