"""Findings as the protocol's diagnostics: which are reported (the configuration's selection and
the suppression comments, as ``alignspec check`` applies them), and how each is written: range,
severity, code with a link to its explanation, message, and related locations for its notes.

The link of a code is the URI ``alignspec-explain:CODE`` (``alignspec-explain:AS302``); the text
behind it is what ``alignspec explain CODE`` prints. Clients that know the scheme open it (the
VS Code extension shows the text in an editor tab); any client can ask the server for the text
with the command ``alignspec.explain`` and the code as its argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs
from lsprotocol import types as lsp

from ..cli.settings import Settings
from ..cli.suppressions import apply_suppressions
from ..codes import (
    ARITY_MISMATCH,
    CIRCULAR_DEFINITION,
    DUPLICATE_NAME,
    IMPORT_ERROR,
    INPUT_ERROR,
    KIND_MISMATCH,
    SYNTAX_ERROR,
    UNKNOWN_NAME,
    UNUSED_DECLARATION,
)
from ..diagnostic_collector import ordered
from ..diagnostics import Diagnostic, Severity
from .positions import LineIndex, units

SOURCE = "alignspec"
EXPLAIN_SCHEME = "alignspec-explain"

#: Findings of the cheap stage (parse and model); all others come from the reasoner.
STATIC_CODES = frozenset(c.code for c in (SYNTAX_ERROR, INPUT_ERROR, UNKNOWN_NAME, DUPLICATE_NAME, ARITY_MISMATCH,
                                          KIND_MISMATCH, CIRCULAR_DEFINITION, IMPORT_ERROR, UNUSED_DECLARATION))

SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}

#: Where a file named by a span is shown: its URI and the index of its text.
Locate = Callable[[str], tuple[str, LineIndex]]


def explain_uri(code: str) -> str:
    """The link of a finding code: ``alignspec-explain:AS302``."""
    return f"{EXPLAIN_SCHEME}:{code}"


def reported(diagnostics: Iterable[Diagnostic], settings: Settings, file: str, text: str,
             complete: bool) -> list[Diagnostic]:
    """The findings of the document ``file`` that are reported: those of its own file that the
    selection enables and no suppression comment covers. With ``complete`` (every finding is
    known: the reasoner has run) the comments that suppressed nothing are reported as well."""
    own = [d for d in diagnostics if d.span.file == file]
    selected = [d for d in own if settings.selection.enabled(d.code, d.span.file)]
    outcome = apply_suppressions(selected, [file] if complete else [], lambda f: text if f == file else "")
    return ordered([*outcome.kept, *settings.selection.filter(outcome.unused)])


def message_of(diagnostic: Diagnostic) -> str:
    """The message an editor shows: what is wrong, the details, and what to do."""
    lines = [diagnostic.message, *diagnostic.details]
    if diagnostic.help:
        lines.append(f"help: {diagnostic.help}")
    return "\n".join(lines)


def to_lsp(diagnostic: Diagnostic, index: LineIndex, locate: Locate) -> lsp.Diagnostic:
    """The protocol's diagnostic for one finding of the document whose text ``index`` holds;
    ``locate`` finds the other files its notes point into."""
    related = []
    for note in diagnostic.related:
        uri, other = locate(note.span.file)
        related.append(lsp.DiagnosticRelatedInformation(lsp.Location(uri, other.range(note.span)), note.message))
    tags = [lsp.DiagnosticTag.Unnecessary] if diagnostic.code == UNUSED_DECLARATION.code else None
    return lsp.Diagnostic(
        range=index.range(diagnostic.span),
        message=message_of(diagnostic),
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        code_description=lsp.CodeDescription(href=explain_uri(diagnostic.code)),
        source=SOURCE,
        related_information=related or None,
        tags=tags,
        data={"name": diagnostic.name},
    )


def is_static(diagnostic: lsp.Diagnostic) -> bool:
    """Whether a published diagnostic came from the cheap stage (it is computed again at once
    after an edit; the reasoner's are carried over until the reasoner has run again)."""
    return diagnostic.code in STATIC_CODES


def _after(a: lsp.Position, b: lsp.Position) -> bool:
    return (a.line, a.character) >= (b.line, b.character)


def _moved(position: lsp.Position, end: lsp.Position, lines: int, last: int) -> lsp.Position:
    """``position`` (at or after ``end``, the end of the replaced text) once the text up to
    ``end`` is replaced by text of ``lines`` more line breaks and ``last`` units on its last line."""
    if position.line != end.line:
        return lsp.Position(position.line + lines, position.character)
    return lsp.Position(position.line + lines, position.character - end.character + last)


def carried(diagnostics: Sequence[lsp.Diagnostic],
            changes: Sequence[lsp.TextDocumentContentChangeEvent], encoding: str) -> list[lsp.Diagnostic]:
    """The reasoner's diagnostics moved along with edits, so that they stay on their text until
    the reasoner has looked at the new one: a diagnostic wholly before an edit stays, one wholly
    after it moves, one whose text the edit touches is dropped (as are all after an edit that
    replaces the whole text)."""
    kept = list(diagnostics)
    for change in changes:
        if not isinstance(change, lsp.TextDocumentContentChangePartial):
            return []
        start, end = change.range.start, change.range.end
        new_lines = change.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        added = len(new_lines) - 1
        last = sum(units(c, encoding) for c in new_lines[-1])
        if added == 0:
            last += start.character
        lines = added - (end.line - start.line)
        moved = []
        for diagnostic in kept:
            r = diagnostic.range
            if _after(start, r.end) and not (r.start == r.end == start):
                moved.append(diagnostic)
            elif _after(r.start, end) and r.start != start:
                new_range = lsp.Range(_moved(r.start, end, lines, last), _moved(r.end, end, lines, last))
                moved.append(attrs.evolve(diagnostic, range=new_range))
        kept = moved
    return kept


def overlapping(a: lsp.Range, b: lsp.Range) -> bool:
    """Whether two ranges share a position (touching counts)."""
    return ((a.start.line, a.start.character) <= (b.end.line, b.end.character)
            and (b.start.line, b.start.character) <= (a.end.line, a.end.character))
