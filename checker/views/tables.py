"""The comparison table as plain text, Markdown and JSON."""

from __future__ import annotations

import json

from .compare import Comparison, Relation
from .document import Cell, StatusCell, cell_text
from .markup import markdown_table


def compare_text(comparison: Comparison) -> str:
    """An aligned text table; a ``*`` marks the rows where framings disagree."""
    header = ["", "concept", "concept", *comparison.titles]
    body = [["*" if r.disagree else "", r.left, r.right, *(x.value for x in r.relations)] for r in comparison.rows]
    if not body:
        return "no pairs of concepts of equal arity\n"
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return "\n".join(lines) + "\n" + "(* the framings disagree)\n"


_EMPHASISED = (Relation.EQUIVALENT, Relation.UNSATISFIABLE, Relation.UNKNOWN)


def _relation_cell(relation: Relation) -> Cell:
    return StatusCell(relation.value) if relation in _EMPHASISED else relation.value


def compare_rows(comparison: Comparison) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows of the comparison for a document table; the relations worth noticing
    (equivalent, unsatisfiable, unknown) and the rows where framings differ are status cells."""
    header = ["concept", "concept", *comparison.titles, "differs"]
    rows: list[list[Cell]] = [[r.left, r.right, *(_relation_cell(x) for x in r.relations),
                               StatusCell("yes") if r.disagree else ""] for r in comparison.rows]
    return header, rows


def compare_markdown(comparison: Comparison) -> str:
    """A Markdown table, rows where framings disagree first."""
    if not comparison.rows:
        return "No pairs of concepts of equal arity.\n"
    header, rows = compare_rows(comparison)
    return markdown_table(header, [[cell_text(c) for c in row] for row in rows], code_columns={0, 1}) + "\n"


def compare_json(comparison: Comparison) -> str:
    """The comparison as a versioned JSON document."""
    return json.dumps(comparison.record(), indent=2, ensure_ascii=False) + "\n"
