"""The source line of a span and the ``^~~~`` marker under it, in display columns.

Columns in a :class:`~alignspec.diagnostics.Span` count characters (code points), 1-based,
with an exclusive end. On screen a tab advances to the next multiple of ``TAB_SIZE``, a wide
(East Asian) character takes two cells and a combining mark none, so the marker is placed by
measuring the displayed text before and inside the span, not by counting characters.
"""

from __future__ import annotations

import unicodedata

from ..diagnostics import Span
from .escape import escape_char, is_control

TAB_SIZE = 8


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` split on ``\\n`` only (as the parser counts them), ``\\r`` dropped."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _cell_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def expand(line: str) -> tuple[str, list[int]]:
    """The line as displayed (tabs expanded, other control characters escaped as
    :func:`~alignspec.render.escape.visible` shows them) and, for each
    character index ``i`` (and ``len(line)``), the display cell where character ``i`` starts."""
    shown: list[str] = []
    starts: list[int] = []
    cell = 0
    for char in line:
        starts.append(cell)
        if char == "\t":
            step = TAB_SIZE - cell % TAB_SIZE
            shown.append(" " * step)
            cell += step
            continue
        if is_control(char):
            shown.append(escape_char(char))
            cell += len(shown[-1])
            continue
        shown.append(char)
        cell += _cell_width(char)
    starts.append(cell)
    return "".join(shown), starts


def excerpt(text: str, span: Span) -> tuple[str, int, int] | None:
    """``(displayed line, start cell, width)`` for the span's first line, or ``None``.

    A span that runs over several lines is marked to the end of its first line. A span that
    starts past the end of its line, or on a line after the last one (end of file), is shown
    as one cell just after the last character of the last line it can reach.
    """
    lines = source_lines(text)
    if not text or span.line < 1:
        return None
    index = span.line - 1
    # The empty "line" after a final newline is the end of the file, not a line of its own.
    past_eof = index >= len(lines) or (index == len(lines) - 1 > 0 and lines[index] == "")
    if past_eof:
        index = len(lines) - 1
        while index > 0 and not lines[index].strip():
            index -= 1
    line = lines[index]
    shown, starts = expand(line)
    first = len(line) if past_eof else min(max(span.column, 1) - 1, len(line))
    if past_eof or first >= len(line):
        return shown, starts[len(line)], 1
    last = len(line) if span.end_line > span.line else min(span.end_column - 1, len(line))
    width = starts[max(last, first + 1)] - starts[first]
    return shown, starts[first], max(width, 1)


def marker(width: int) -> str:
    """``^`` followed by ``~`` up to ``width`` cells."""
    return "^" + "~" * (max(width, 1) - 1)
