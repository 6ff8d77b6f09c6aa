"""Document blocks as Markdown; diagrams become ```mermaid blocks."""

from __future__ import annotations

from .document import Block, Code, Diagram, Heading, Inline, Items, Paragraph, Table, cell_text
from .markup import markdown_table, md_code, md_fence, md_text


def md_inline(text: Inline) -> str:
    """Inline parts as Markdown."""
    out = []
    for style, part in text:
        if style == "code":
            out.append(md_code(part))
        elif style == "strong":
            out.append(f"**{md_text(part)}**")
        elif style == "em":
            out.append(f"*{md_text(part)}*")
        else:
            out.append(md_text(part))
    return "".join(out)


def md_block(block: Block) -> str:
    """One block as Markdown."""
    if isinstance(block, Heading):
        return "#" * block.level + " " + md_inline(block.text)
    if isinstance(block, Paragraph):
        return md_inline(block.text)
    if isinstance(block, Items):
        return "\n".join(f"- {md_inline(item)}" for item in block.items)
    if isinstance(block, Table):
        rows = [[cell_text(cell) for cell in row] for row in block.rows]
        return markdown_table(list(block.header), rows, set(block.code_columns))
    if isinstance(block, Code):
        return md_fence(block.text, block.language)
    if isinstance(block, Diagram):
        return md_fence(block.mermaid, "mermaid") + "\n\n" + f"*{md_text(block.caption)}*"
    raise TypeError(f"not a document block: {block!r}")


def render_markdown(blocks: list[Block]) -> str:
    """The whole document as Markdown, blocks separated by blank lines."""
    return "\n\n".join(md_block(b) for b in blocks) + "\n"
