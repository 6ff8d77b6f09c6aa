"""Document formatting with ``alignspec fmt``'s layout (:func:`~alignspec.syntax.formatter.format_text`).

The result is sent as edits of the lines that changed only, so that the editor keeps the cursor
and the folds where the text did not change. A text that does not parse is not formatted: the
answer says where the syntax error is.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from lsprotocol import types as lsp

from ..syntax.formatter import FormatError, format_text
from .positions import LineIndex, split_lines


@dataclass(frozen=True)
class Refusal:
    """Why a text was not formatted, and where (1-based line and column)."""

    message: str
    line: int
    column: int


def format_edits(text: str, path: str, index: LineIndex) -> list[lsp.TextEdit] | Refusal:
    """The edits that give ``text`` the canonical layout ([] when it has it already), or a
    :class:`Refusal` when it does not parse."""
    try:
        formatted = format_text(text, path)
    except FormatError as exc:
        span = exc.diagnostic.span
        return Refusal(exc.diagnostic.message, span.line, span.column)
    except RuntimeError as exc:   # the formatter's own guard: it would have changed a token
        return Refusal(str(exc), 1, 1)
    old = split_lines(text)
    new = split_lines(formatted)
    if old == new:
        return []
    edits = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 < len(old):
            replacement = "".join(line + "\n" for line in new[j1:j2])
            edits.append(lsp.TextEdit(lsp.Range(lsp.Position(i1, 0), lsp.Position(i2, 0)), replacement))
        elif j1 == j2 and i1 > 0:
            # the last lines go, and the line break before them
            before = lsp.Position(i1 - 1, index.character(i1 - 1, len(old[i1 - 1])))
            edits.append(lsp.TextEdit(lsp.Range(before, index.end()), ""))
        elif i1 < len(old):
            # the last line of the text has no line break after it
            edits.append(lsp.TextEdit(lsp.Range(lsp.Position(i1, 0), index.end()), "\n".join(new[j1:j2])))
        else:
            edits.append(lsp.TextEdit(lsp.Range(index.end(), index.end()), "\n" + "\n".join(new[j1:j2])))
    return edits
