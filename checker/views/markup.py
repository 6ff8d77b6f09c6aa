"""Markdown escaping: text, code spans, fenced blocks and tables."""

from __future__ import annotations

import re

from ..render.escape import visible

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#])")


def md_text(text: str) -> str:
    """``text`` with every character Markdown could read as markup backslash-escaped, on one line
    (control characters shown as :func:`~alignspec.render.escape.visible` shows them)."""
    return _SPECIAL.sub(r"\\\1", visible(" ".join(text.split("\n"))))


def md_code(text: str) -> str:
    """``text`` as an inline code span, fenced with more backticks than it contains (control
    characters shown as :func:`~alignspec.render.escape.visible` shows them)."""
    text = visible(" ".join(text.split("\n")))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_fence(text: str, language: str = "") -> str:
    """``text`` as a fenced code block whose fence is longer than any backtick run inside (control
    characters other than line breaks shown as :func:`~alignspec.render.escape.visible` shows them)."""
    text = "\n".join(visible(line) for line in text.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip(chr(10))}\n{fence}"


def md_cell(text: str, code: bool = False) -> str:
    """``text`` as a table cell: escaped, or a code span when ``code``."""
    if not text:
        return ""
    if code:
        return md_code(text).replace("|", "\\|")
    return md_text(text)


def markdown_table(header: list[str], rows: list[list[str]], code_columns: set[int] = frozenset()) -> str:
    """A GitHub-flavoured Markdown table; cells of ``code_columns`` become code spans."""
    return markdown_rows(header, [[md_cell(cell, i in code_columns) for i, cell in enumerate(row)] for row in rows])


def markdown_rows(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table of cells already written as Markdown."""
    lines = ["| " + " | ".join(md_text(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)
