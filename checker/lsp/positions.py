"""Positions and ranges: the checker's spans (1-based lines, 1-based columns counted in code
points, exclusive end) and the Language Server Protocol's (0-based lines, 0-based columns counted
in the negotiated position encoding: UTF-16 code units unless the client chose UTF-8 or UTF-32).

A character outside the Basic Multilingual Plane (U+1D49C, a script A) is one code point, two
UTF-16 units and four UTF-8 bytes; the prime marks U+2032 to U+2034 are one code point, one UTF-16
unit and three UTF-8 bytes. A column that falls inside a character is moved to that character's start.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types as lsp

from ..span import Span

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)
BOM = "\ufeff"


def units(char: str, encoding: str) -> int:
    """How many code units ``char`` (one code point) takes in ``encoding``."""
    point = ord(char)
    if encoding == UTF16:
        return 2 if point > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4
    return 1


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as the protocol counts them: ``\\n``, ``\\r\\n`` and ``\\r`` each end one."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@dataclass(frozen=True)
class Point:
    """A place in a text as the checker counts: 1-based line, 1-based column in code points."""

    line: int
    column: int


class LineIndex:
    """The lines of one document's text, for turning spans into ranges and back.

    The checker drops a leading byte-order mark before it counts columns; an editor that keeps
    it in the text counts it, so on the first line the two differ by one character.
    """

    def __init__(self, text: str, encoding: str = UTF16):
        self.encoding = encoding if encoding in ENCODINGS else UTF16
        self.lines = split_lines(text)
        self.bom = 1 if text.startswith(BOM) else 0

    def _line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def character(self, line: int, codepoints: int) -> int:
        """The protocol column of the place ``codepoints`` characters into 0-based ``line``."""
        text = self._line(line)
        codepoints = max(0, min(codepoints, len(text)))
        if self.encoding == UTF32:
            return codepoints
        return sum(units(c, self.encoding) for c in text[:codepoints])

    def codepoints(self, line: int, character: int) -> int:
        """The number of characters before protocol column ``character`` of 0-based ``line``
        (a column inside a character counts as that character's start)."""
        text = self._line(line)
        if self.encoding == UTF32:
            return max(0, min(character, len(text)))
        seen = 0
        for index, char in enumerate(text):
            width = units(char, self.encoding)
            if seen + width > character:
                return index
            seen += width
        return len(text)

    def position(self, line: int, column: int) -> lsp.Position:
        """The protocol position of a checker place (1-based line and column)."""
        row = max(line - 1, 0)
        if row >= len(self.lines):
            row = len(self.lines) - 1
            return lsp.Position(row, self.character(row, len(self._line(row))))
        offset = self.bom if row == 0 else 0
        return lsp.Position(row, self.character(row, column - 1 + offset))

    def range(self, span: Span) -> lsp.Range:
        """The protocol range of ``span``."""
        start = self.position(span.line, span.column)
        end = self.position(span.end_line, span.end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return lsp.Range(start, end)

    def point(self, position: lsp.Position) -> Point:
        """The checker place (1-based line and column) of a protocol position."""
        column = self.codepoints(position.line, position.character)
        offset = self.bom if position.line == 0 else 0
        return Point(position.line + 1, max(column - offset, 0) + 1)

    def end(self) -> lsp.Position:
        """The position just after the last character of the text."""
        row = len(self.lines) - 1
        return lsp.Position(row, self.character(row, len(self._line(row))))

    def offset(self, position: lsp.Position) -> int:
        """The index into the text (newlines counted as one character) of a protocol position."""
        row = max(0, min(position.line, len(self.lines) - 1))
        before = sum(len(line) + 1 for line in self.lines[:row])
        return before + self.codepoints(row, position.character)


def contains(span: Span, point: Point) -> bool:
    """Whether ``point`` lies in ``span`` or just at its end (where a cursor after a name is)."""
    start = (span.line, span.column)
    end = (span.end_line, span.end_column)
    return start <= (point.line, point.column) <= end


def overlaps(span: Span, first: Point, last: Point) -> bool:
    """Whether ``span`` shares a place with the region from ``first`` to ``last``."""
    return (span.line, span.column) <= (last.line, last.column) and \
        (first.line, first.column) <= (span.end_line, span.end_column)
