"""Document blocks as one self-contained HTML page: inline CSS, diagrams as inline SVG (drawn by
Graphviz, or by the layered layout in Python when Graphviz is not installed) that zoom and pan
with a small inline script, or their Mermaid source with a note when no picture is wanted."""

from __future__ import annotations

import re
from collections.abc import Collection
from html import escape

from ..reasoning import run_budget
from ..reasoning.status import Limit
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
    cell_text,
    concept_targets,
    plain,
    target_anchor,
)
from .pictures import Drawing, diagram_svg, resolve
from .zoom import BOX_CLASS
from .zoom import CSS as ZOOM_CSS
from .zoom import SCRIPT as ZOOM_SCRIPT

FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'
CSS = """
body { margin: 0; background: #fafafa; color: #1d1d1f; font: 15px/1.5 %FONTS%; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 1.7em; margin: 0.4em 0; }
h2 { font-size: 1.35em; margin-top: 2em; padding-bottom: 0.2em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.1em; margin-top: 1.6em; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
code { background: #f2f2f4; padding: 0 0.25em; border-radius: 3px; }
pre { background: #f6f8fa; border: 1px solid #e3e6ea; border-radius: 4px; padding: 10px 12px; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #d8dbe0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
td.v-holds, td.v-pass, td.v-equivalent { color: #1f6f2a; font-weight: 600; }
td.v-fails, td.v-FAIL, td.v-error, td.v-refuted { color: #a12626; font-weight: 600; }
td.v-unknown, td.v-warning, td.v-unsatisfiable { color: #8a5a00; }
td.v-yes { font-weight: 600; }
figure.diagram { margin: 1em 0; }
figcaption { color: #555; font-size: 0.88em; font-style: italic; }
p.note { background: #fff7e0; border: 1px solid #f0d890; border-radius: 4px; padding: 6px 10px; }
nav ul { columns: 2; }
""".replace("%FONTS%", FONTS) + ZOOM_CSS

NO_DOT = ("Graphviz is not installed, so this diagram is shown as Mermaid source. "
          "Install Graphviz (the dot program, for example with apt-get install graphviz or "
          "brew install graphviz) and run alignspec report again to get pictures.")
NO_PICTURE = "This diagram is shown as Mermaid source."
NO_TIME = ("The run's time limit was reached before this diagram was drawn, so it is shown as "
           "Mermaid source. Give the run more time (--timeout) to get the picture.")


def html_inline(text: Inline, links: Collection[str] = frozenset()) -> str:
    """Inline parts as escaped HTML; the concepts named in ``links`` link to their sections."""
    out = []
    for style, part in text:
        if style == "concept":
            shown = f"<code>{escape(part)}</code>"
            anchor = escape(target_anchor(Target(TargetKind.CONCEPT, part)))
            out.append(f'<a href="#{anchor}">{shown}</a>' if part in links else shown)
            continue
        part = escape(part)
        out.append(f"<{style}>{part}</{style}>" if style in ("code", "strong", "em") else part)
    return "".join(out)


class _Anchors:
    def __init__(self, reserved: Collection[str] = ()) -> None:
        self.used: set[str] = set(reserved)

    def __call__(self, text: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
        anchor, n = base, 1
        while anchor in self.used:
            n += 1
            anchor = f"{base}-{n}"
        self.used.add(anchor)
        return anchor


def _cell(cell: Cell, code: bool, links: Collection[str]) -> str:
    if isinstance(cell, tuple):
        return f"<td>{html_inline(cell, links)}</td>"
    text = cell_text(cell)
    body = f"<code>{escape(text)}</code>" if text and code else escape(text)
    css = f' class="v-{escape(text)}"' if isinstance(cell, StatusCell) else ""
    return f"<td{css}>{body}</td>"


def _table(block: Table, links: Collection[str], anchors: _Anchors) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    rows = []
    for index, row in enumerate(block.rows):
        target = block.row_targets[index] if index < len(block.row_targets) else None
        ident = ""
        if target is not None and target_anchor(target) not in anchors.used:
            anchors.used.add(target_anchor(target))
            ident = f' id="{escape(target_anchor(target))}"'
        rows.append(f"<tr{ident}>" + "".join(_cell(cell, i in block.code_columns, links)
                                             for i, cell in enumerate(row)) + "</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _diagram(block: Diagram, drawing: Drawing) -> tuple[str, bool]:
    """The figure of ``block``, and whether it holds a picture."""
    caption = f"<figcaption>{escape(block.caption)}</figcaption>"
    picture = diagram_svg(block, drawing)
    if picture is not None:
        return (f'<figure class="diagram" id="figure-{escape(block.key)}">\n'
                f'<div class="{BOX_CLASS}">\n{picture}\n</div>\n{caption}\n</figure>'), True
    left = run_budget.seconds_left()
    if left is not None and left <= 0:
        note, why = NO_TIME, f' data-cut="{Limit.TIMEOUT.value}"'
    else:
        note, why = (NO_PICTURE if drawing is Drawing.SOURCE else NO_DOT), ""
    return (f'<figure class="diagram" id="figure-{escape(block.key)}">\n<p class="note"{why}>{escape(note)}</p>\n'
            f'<pre class="mermaid-source"><code>{escape(block.mermaid)}</code></pre>\n{caption}\n</figure>'), False


def render_html(blocks: list[Block], drawing: Drawing | str = Drawing.AUTO) -> str:
    """The whole document as one HTML page; ``drawing`` says how diagrams become pictures
    (see :class:`~.pictures.Drawing`)."""
    chosen = resolve(drawing)
    scripted = False
    links = concept_targets(blocks)
    anchors = _Anchors({target_anchor(b.target) for b in blocks if isinstance(b, Heading) and b.target is not None})
    body: list[str] = []
    toc: list[str] = []
    first_section: int | None = None
    title = "AlignSpec report"
    for block in blocks:
        if isinstance(block, Heading):
            anchor = target_anchor(block.target) if block.target is not None else anchors(plain(block.text))
            if block.level == 1:
                title = plain(block.text)
            elif block.level == 2:
                toc.append(f'<li><a href="#{anchor}">{html_inline(block.text)}</a></li>')
                if first_section is None:
                    first_section = len(body)
            body.append(f'<h{block.level} id="{escape(anchor)}">{html_inline(block.text, links)}</h{block.level}>')
        elif isinstance(block, Paragraph):
            body.append(f"<p>{html_inline(block.text, links)}</p>")
        elif isinstance(block, Items):
            body.append("<ul>\n" + "\n".join(f"<li>{html_inline(i, links)}</li>" for i in block.items) + "\n</ul>")
        elif isinstance(block, Table):
            body.append(_table(block, links, anchors))
        elif isinstance(block, Code):
            body.append(f"<pre><code>{escape(block.text)}</code></pre>")
        elif isinstance(block, Diagram):
            figure, drawn = _diagram(block, chosen)
            body.append(figure)
            scripted = scripted or drawn
        else:
            raise TypeError(f"not a document block: {block!r}")
    if toc:
        nav = "<nav>\n<ul>\n" + "\n".join(toc) + "\n</ul>\n</nav>"
        body.insert(len(body) if first_section is None else first_section, nav)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n" + (f"<script>{ZOOM_SCRIPT}</script>\n" if scripted else "")
            + "</body>\n</html>\n")
