"""The comparison table as plain text, Markdown and JSON."""

from __future__ import annotations

import json

from ..analysis.outcomes import UndecidedReason
from ..analysis.words import count
from ..reasoning.status import Limit
from ..render.escape import visible
from .compare import Comparison, Relation
from .document import Cell, StatusCell, cell_text
from .markup import markdown_table

NO_PAIRS = "no pairs of concepts of equal arity whose parameter kinds can meet"


def left_out(comparison: Comparison, hint: bool = True) -> list[str]:
    """What the comparison leaves out, one sentence each: the concepts hidden for having no
    member under any compared framing (with ``hint``, the option that shows them), the pairs
    whose parameter kinds are disjoint, the pairs compared but not listed (and the command that
    lists them), and the exclusions a limit of the run left unknown."""
    notes = []
    if comparison.hidden:
        notes.append(f"not shown: {count(len(comparison.hidden), 'concept')} with no member under any framing "
                     f"compared ({', '.join(comparison.hidden)})" + ("; --all shows them" if hint else ""))
    if comparison.kinds_disjoint:
        notes.append(f"not compared: {count(comparison.kinds_disjoint, 'pair')} of concepts whose parameter kinds "
                     "are declared disjoint")
    if comparison.omitted:
        total = len(comparison.rows) + comparison.omitted
        notes.append(f"not listed: {count(comparison.omitted, 'pair')} of the {total:,} compared, the least "
                     "informative (agreed on, and with the weakest relations); alignspec compare lists them all")
    if comparison.cut is not None and not comparison.complete:
        notes.append(f"cut short: {run_limit_text(comparison.cut)} before every pair was compared; the pairs "
                     "compared by then are listed, and alignspec compare lists them all")
    elif comparison.cut is not None:
        notes.append(f"cut short: {run_limit_text(comparison.cut)} while the pairs were compared, so which of them "
                     "exclude each other is unknown from there on")
    return notes


def run_limit_text(limit: Limit) -> str:
    """The limit of the run that was reached, in words, with the option that raises it."""
    reason = UndecidedReason.of(limit)
    return f"the run reached its {'time limit' if reason is UndecidedReason.TIMEOUT else 'limit of steps'} " \
           f"({reason.option})"


def compare_text(comparison: Comparison) -> str:
    """An aligned text table; a ``*`` marks the rows where framings disagree; then what the
    comparison leaves out. Each line is escaped as a whole (see
    :func:`~alignspec.render.escape.visible`)."""
    header = ["", "concept", "concept", *comparison.titles]
    body = [["*" if r.disagree else "", r.left, r.right, *(x.value for x in r.relations)] for r in comparison.rows]
    notes = "".join(f"({visible(note)})\n" for note in left_out(comparison))
    if not body:
        return NO_PAIRS + "\n" + notes
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return "\n".join(visible(line) for line in lines) + "\n" + "(* the framings disagree)\n" + notes


_EMPHASISED = (Relation.EQUIVALENT, Relation.EXCLUDES, Relation.UNSATISFIABLE, Relation.UNKNOWN)


def _relation_cell(relation: Relation) -> Cell:
    return StatusCell(relation.value) if relation in _EMPHASISED else relation.value


def compare_rows(comparison: Comparison) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows of the comparison for a document table; the relations worth noticing
    (equivalent, excludes, unsatisfiable, unknown) and the rows where framings differ are status
    cells."""
    header = ["concept", "concept", *comparison.titles, "differs"]
    rows: list[list[Cell]] = [[r.left, r.right, *(_relation_cell(x) for x in r.relations),
                               StatusCell("yes") if r.disagree else ""] for r in comparison.rows]
    return header, rows


def compare_markdown(comparison: Comparison) -> str:
    """A Markdown table, rows where framings disagree first, then what it leaves out."""
    notes = "".join(f"\n{note[0].upper()}{note[1:]}.\n" for note in left_out(comparison))
    if not comparison.rows:
        return NO_PAIRS[0].upper() + NO_PAIRS[1:] + ".\n" + notes
    header, rows = compare_rows(comparison)
    return markdown_table(header, [[cell_text(c) for c in row] for row in rows], code_columns={0, 1}) + "\n" + notes


def compare_json(comparison: Comparison) -> str:
    """The comparison as a versioned JSON document."""
    return json.dumps(comparison.record(), indent=2, ensure_ascii=False) + "\n"
