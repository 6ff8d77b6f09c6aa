"""The source line of a span and the ``^~~~`` marker under it, in display columns.

Columns in a :class:`~alignspec.diagnostics.Span` count characters (code points), 1-based,
with an exclusive end. On screen a tab advances to the next multiple of ``TAB_SIZE``, a wide
(East Asian) character takes two cells and a combining mark none, so the marker is placed by
measuring the displayed text before and inside the span, not by counting characters.
"""

from __future__ import annotations

import re
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


def _line(text: str, index: int) -> tuple[str, bool]:
    """Line ``index`` (0-based) of ``text`` as :func:`source_lines` gives it, or the last line
    when there are fewer, and whether there were fewer; found without splitting the text."""
    start = 0
    for _ in range(index):
        newline = text.find("\n", start)
        if newline < 0:
            break
        start = newline + 1
    else:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        return (line[:-1] if line.endswith("\r") else line), False
    line = text[start:]
    return (line[:-1] if line.endswith("\r") else line), True


_PLAIN = re.compile(r"[\x20-\x7e]*")


def _cells(line: str, indices: list[int]) -> dict[int, int]:
    """The display cell where each character index of ``indices`` starts (``len(line)``: the
    end), as :func:`expand` counts them, without a list per character."""
    wanted = set(indices)
    found: dict[int, int] = {}
    plain = _PLAIN.match(line)
    prefix = plain.end() if plain is not None else 0
    for i in wanted:
        if i <= prefix:
            found[i] = i
    if len(found) == len(wanted):
        return found
    cell = prefix
    for i in range(prefix, len(line)):
        if i in wanted:
            found[i] = cell
        char = line[i]
        if char == "\t":
            cell += TAB_SIZE - cell % TAB_SIZE
        elif is_control(char):
            cell += len(escape_char(char))
        else:
            cell += _cell_width(char)
    if len(line) in wanted:
        found[len(line)] = cell
    return found


def _shown(line: str) -> str:
    """The line as :func:`expand` displays it."""
    if _PLAIN.fullmatch(line):
        return line
    return expand(line)[0]


def excerpt(text: str, span: Span) -> tuple[str, int, int] | None:
    """``(displayed line, start cell, width)`` for the span's first line, or ``None``.

    A span that runs over several lines is marked to the end of its first line. A span that
    starts past the end of its line, or on a line after the last one (end of file), is shown
    as one cell just after the last character of the last line it can reach. Only the line
    shown is taken out of ``text``, so a long file or a long line costs no more than its size.
    """
    if not text or span.line < 1:
        return None
    index = span.line - 1
    line, beyond = _line(text, index)
    # The empty "line" after a final newline is the end of the file, not a line of its own.
    at_end = not beyond and line == "" and index > 0 and text.count("\n") == index
    past_eof = beyond or at_end
    if past_eof:
        lines = source_lines(text)
        index = len(lines) - 1
        while index > 0 and not lines[index].strip():
            index -= 1
        line = lines[index]
    first = len(line) if past_eof else min(max(span.column, 1) - 1, len(line))
    if past_eof or first >= len(line):
        return _shown(line), _cells(line, [len(line)])[len(line)], 1
    last = len(line) if span.end_line > span.line else min(span.end_column - 1, len(line))
    end = max(last, first + 1)
    cells = _cells(line, [first, end])
    return _shown(line), cells[first], max(cells[end] - cells[first], 1)


def marker(width: int) -> str:
    """``^`` followed by ``~`` up to ``width`` cells."""
    return "^" + "~" * (max(width, 1) - 1)
