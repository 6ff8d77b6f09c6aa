"""The comparison table as plain text, Markdown and JSON."""

from __future__ import annotations

import json

from ..render.escape import visible
from .compare import Comparison
from .markup import markdown_table


def compare_text(comparison: Comparison) -> str:
    """An aligned text table; a ``*`` marks the rows where framings disagree."""
    header = ["", "concept", "concept", *comparison.titles]
    body = [["*" if r.disagree else "", r.left, r.right, *r.relations] for r in comparison.rows]
    if not body:
        return "no pairs of concepts of equal arity\n"
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return "\n".join(visible(line) for line in lines) + "\n" + "(* the framings disagree)\n"


def compare_rows(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the comparison for a document table."""
    header = ["concept", "concept", *comparison.titles, "differs"]
    rows = [[r.left, r.right, *r.relations, "yes" if r.disagree else ""] for r in comparison.rows]
    return header, rows


def compare_markdown(comparison: Comparison) -> str:
    """A Markdown table, rows where framings disagree first."""
    if not comparison.rows:
        return "No pairs of concepts of equal arity.\n"
    header, rows = compare_rows(comparison)
    return markdown_table(header, rows, code_columns={0, 1}) + "\n"


def compare_json(comparison: Comparison) -> str:
    """The comparison as a versioned JSON document."""
    return json.dumps(comparison.record(), indent=2, ensure_ascii=False) + "\n"
