"""Report blocks as docutils nodes: headings become rubrics, diagrams become Graphviz figures
(``sphinx.ext.graphviz``), inline SVG drawn with the layered layout (in HTML; other builders get
the DOT source), or their source with a note."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..views.document import Code, Diagram, Heading, Inline, Items, Paragraph, StatusCell, Table, status_class
from ..views.pictures import diagram_svg

NO_DOT = ("Graphviz's dot program was not found, so this diagram is shown as its {language} source. "
          "Install Graphviz (for example apt-get install graphviz or brew install graphviz) and "
          "rebuild to get a picture.")


def concept_xref(name: str) -> addnodes.pending_xref:
    """A link to the concept ``name`` (a name as the spec writes it) where the project documents
    it; plain code, with no warning, where it does not."""
    target = name.rsplit(".", 1)[-1]
    xref = addnodes.pending_xref("", refdomain="align", reftype="concept", reftarget=target, refexplicit=False,
                                 refwarn=False)
    xref += nodes.literal(name, name, classes=["xref", "align", "align-concept"])
    return xref


def inline_nodes(text: Inline) -> list[nodes.Node]:
    """Inline report text as docutils inline nodes."""
    out: list[nodes.Node] = []
    for style, part in text:
        if style == "code":
            out.append(nodes.literal(part, part))
        elif style == "concept":
            out.append(concept_xref(part))
        elif style == "strong":
            out.append(nodes.strong(part, part))
        elif style == "em":
            out.append(nodes.emphasis(part, part))
        else:
            out.append(nodes.Text(part))
    return out


def table_node(header, rows, code_columns=frozenset(), row_ids=None, classes=("alignspec-table",)) -> nodes.table:
    """A docutils table of plain cells; cells of ``code_columns`` are literals; ``row_ids``
    maps a row index to the ids its first cell carries (link targets)."""
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)

    def row_node(cells, code: frozenset, ids=()) -> nodes.row:
        row = nodes.row()
        for i, cell in enumerate(cells):
            entry = nodes.entry()
            if i == 0 and ids:
                entry["ids"].extend(ids)
            para = nodes.paragraph()
            if isinstance(cell, StatusCell):
                entry["classes"].extend(["alignspec-status", status_class(cell.text)])
                cell = cell.text
            if isinstance(cell, tuple):
                para.extend(inline_nodes(cell))
            elif isinstance(cell, nodes.Node):
                para += cell
            elif cell and i in code:
                para += nodes.literal(cell, cell)
            elif cell:
                para += nodes.Text(cell)
            entry += para
            row += entry
        return row

    head = nodes.thead()
    head += row_node(header, frozenset())
    group += head
    body = nodes.tbody()
    for index, cells in enumerate(rows):
        body += row_node(cells, frozenset(code_columns), (row_ids or {}).get(index, ()))
    group += body
    return table


def _dot_source(figure: nodes.figure, block: Diagram, note_text: str) -> None:
    note = nodes.note()
    note += nodes.paragraph(text=note_text)
    figure += note
    figure += nodes.literal_block(block.dot, block.dot, language="dot", classes=["alignspec-dot-source"])


def diagram_node(block: Diagram, docname: str, drawing: str) -> nodes.Node:
    """A figure for ``block``: a ``graphviz`` node (``drawing`` ``graphviz``), inline SVG from
    the layered layout in HTML and the DOT source elsewhere (``layered``), or a note and the
    DOT source (``source``)."""
    caption = nodes.caption(block.caption, block.caption)
    figure = nodes.figure(classes=["alignspec-diagram"], ids=[f"alignspec-{block.key}"])
    if drawing == "graphviz":
        from sphinx.ext.graphviz import graphviz as graphviz_node

        node = graphviz_node()
        node["code"] = block.dot
        node["options"] = {"docname": docname}
        node["alt"] = block.caption
        figure += node
        figure += caption
        return figure
    svg = diagram_svg(block, "layered") if drawing == "layered" else None
    if svg is None:
        _dot_source(figure, block, NO_DOT.format(language="DOT"))
        figure += caption
        return figure
    html = addnodes.only(expr="html")
    html += nodes.raw("", f'<div class="alignspec-diagram-box">\n{svg}\n</div>', format="html")
    other = addnodes.only(expr="not html")
    other += nodes.literal_block(block.dot, block.dot, language="dot", classes=["alignspec-dot-source"])
    figure += html
    figure += other
    figure += caption
    return figure


def spec_language(text: str, fallback: str = "text") -> str:
    """``alignspec`` when the AlignSpec lexer reads ``text`` without an error, else ``fallback``
    (so that Sphinx never warns about a block it cannot highlight)."""
    from pygments.token import Error

    from ..pygments_lexer import AlignSpecLexer

    if any(token is Error for token, _ in AlignSpecLexer().get_tokens(text)):
        return fallback
    return "alignspec"


def _language(block: Code) -> str:
    if block.spec_text:
        return spec_language(block.text, block.language or "text")
    return block.language or "text"


def block_nodes(block, docname: str, drawing: str) -> list[nodes.Node]:
    """One report block as docutils nodes."""
    if isinstance(block, Heading):
        return [nodes.rubric("", "", *inline_nodes(block.text), classes=[f"alignspec-h{block.level}"])]
    if isinstance(block, Paragraph):
        return [nodes.paragraph("", "", *inline_nodes(block.text))]
    if isinstance(block, Items):
        items = nodes.bullet_list(bullet="-")
        for item in block.items:
            entry = nodes.list_item()
            entry += nodes.paragraph("", "", *inline_nodes(item))
            items += entry
        return [items]
    if isinstance(block, Table):
        return [table_node(block.header, block.rows, block.code_columns)]
    if isinstance(block, Code):
        return [nodes.literal_block(block.text, block.text, language=_language(block))]
    if isinstance(block, Diagram):
        return [diagram_node(block, docname, drawing)]
    raise TypeError(f"not a document block: {block!r}")
