"""Document blocks as Markdown; diagrams become ```mermaid blocks (or, for sites that show
Markdown's raw HTML, inline SVG figures), concept names link to their sections (an ``<a id>``
anchor before each concept's heading)."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

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
    concept_targets,
    status_class,
    target_anchor,
)
from .markup import markdown_rows, md_cell, md_code, md_fence, md_text
from .pictures import Drawing, diagram_svg


def md_inline(text: Inline, links: Collection[str] = frozenset()) -> str:
    """Inline parts as Markdown; the concepts named in ``links`` link to their sections."""
    out = []
    for style, part in text:
        if style == "code":
            out.append(md_code(part))
        elif style == "concept":
            shown = md_code(part)
            anchor = target_anchor(Target(TargetKind.CONCEPT, part))
            out.append(f"[{shown}](#{anchor})" if part in links else shown)
        elif style == "strong":
            out.append(f"**{md_text(part)}**")
        elif style == "em":
            out.append(f"*{md_text(part)}*")
        else:
            out.append(md_text(part))
    return "".join(out)


def _cell(cell: Cell, code: bool, links: Collection[str], status_html: bool) -> str:
    if isinstance(cell, tuple):
        return md_inline(cell, links).replace("|", "\\|")
    if isinstance(cell, StatusCell) and status_html and cell.text:
        return f'<span class="alignspec-status {status_class(cell.text)}">{escape(cell.text)}</span>'
    return md_cell(cell.text if isinstance(cell, StatusCell) else cell, code)


def svg_figure(block: Diagram, drawing: Drawing | str) -> str | None:
    """``block`` as an HTML ``<figure>`` with its inline SVG and caption, on lines with no blank
    line between them (so Markdown keeps it as one raw HTML block); None when it cannot be drawn."""
    svg = diagram_svg(block, drawing)
    if svg is None:
        return None
    lines = [line for line in svg.splitlines() if line.strip()]
    return "\n".join([f'<figure class="alignspec-diagram" id="alignspec-{escape(block.key)}">',
                      '<div class="alignspec-diagram-box">', *lines, "</div>",
                      f"<figcaption>{escape(block.caption)}</figcaption>", "</figure>"])


def md_block(block: Block, links: Collection[str] = frozenset(), status_html: bool = False,
             drawing: Drawing | str = Drawing.SOURCE) -> str:
    """One block as Markdown; the concepts named in ``links`` link to their sections; with
    ``status_html`` status cells are ``<span>`` elements whose class names the outcome; unless
    ``drawing`` is ``source``, diagrams are inline SVG figures (Mermaid where none is drawn)."""
    if isinstance(block, Heading):
        heading = "#" * block.level + " " + md_inline(block.text, links)
        if block.target is not None:
            return f'<a id="{target_anchor(block.target)}"></a>\n\n{heading}'
        return heading
    if isinstance(block, Paragraph):
        return md_inline(block.text, links)
    if isinstance(block, Items):
        return "\n".join(f"- {md_inline(item, links)}" for item in block.items)
    if isinstance(block, Table):
        rows = [[_cell(cell, i in block.code_columns, links, status_html) for i, cell in enumerate(row)]
                for row in block.rows]
        return markdown_rows(list(block.header), rows)
    if isinstance(block, Code):
        return md_fence(block.text, block.language)
    if isinstance(block, Diagram):
        figure = svg_figure(block, drawing) if Drawing(drawing) is not Drawing.SOURCE else None
        if figure is not None:
            return figure
        return md_fence(block.mermaid, "mermaid") + "\n\n" + f"*{md_text(block.caption)}*"
    raise TypeError(f"not a document block: {block!r}")


def render_markdown(blocks: list[Block], status_html: bool = False, drawing: Drawing | str = Drawing.SOURCE) -> str:
    """The whole document as Markdown, blocks separated by blank lines. With ``status_html``,
    outcomes in tables are ``<span class="alignspec-status alignspec-fails">`` elements (for
    sites that colour them); ``drawing`` other than ``source`` makes diagrams inline SVG."""
    links = concept_targets(blocks)
    return "\n\n".join(md_block(b, links, status_html, drawing) for b in blocks) + "\n"
