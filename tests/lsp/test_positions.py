"""Spans and protocol ranges in each position encoding, and diagnostics carried along with edits."""

from __future__ import annotations

import sys

from _lsp_session import REPO
from lsprotocol import types as lsp

# The modules of this checkout, as the server the other tests start runs them (python -m checker).
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from checker.lsp.diagnostics import carried
from checker.lsp.positions import UTF8, UTF16, UTF32, LineIndex, Point
from checker.span import Span

# a script A (outside the Basic Multilingual Plane) followed by a double prime
TEXT = "kind \U0001d49c\u2033\nconcept c(x: \U0001d49c\u2033) := Bogus(x)\n"


def test_columns_in_each_encoding():
    bogus = Span("f", 2, 22, 2, 27)          # 'Bogus' starts after 21 code points
    assert LineIndex(TEXT, UTF32).range(bogus).start == lsp.Position(1, 21)
    assert LineIndex(TEXT, UTF16).range(bogus).start == lsp.Position(1, 22)
    assert LineIndex(TEXT, UTF8).range(bogus).start == lsp.Position(1, 26)


def test_positions_come_back_as_points():
    for encoding in (UTF8, UTF16, UTF32):
        index = LineIndex(TEXT, encoding)
        assert index.point(index.position(2, 22)) == Point(2, 22)
    # a column inside a character counts as its start
    assert LineIndex(TEXT, UTF16).point(lsp.Position(0, 6)) == Point(1, 6)


def test_crlf_and_a_byte_order_mark():
    index = LineIndex("\ufeffkind A\r\nkind B\r\n")
    assert index.range(Span("f", 1, 6, 1, 7)) == lsp.Range(lsp.Position(0, 6), lsp.Position(0, 7))
    assert index.range(Span("f", 2, 6, 2, 7)) == lsp.Range(lsp.Position(1, 5), lsp.Position(1, 6))
    assert index.point(lsp.Position(0, 6)) == Point(1, 6)


def _diagnostic(line: int, start: int, end: int) -> lsp.Diagnostic:
    return lsp.Diagnostic(range=lsp.Range(lsp.Position(line, start), lsp.Position(line, end)), message="m")


def _change(start: tuple[int, int], end: tuple[int, int], text: str) -> lsp.TextDocumentContentChangePartial:
    return lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(*start), lsp.Position(*end)), text=text)


def test_diagnostics_move_with_edits_and_go_with_their_text():
    before, touched, same_line, after = _diagnostic(0, 0, 4), _diagnostic(2, 3, 8), _diagnostic(2, 10, 12), \
        _diagnostic(5, 0, 3)
    moved = carried([before, touched, same_line, after], [_change((2, 4), (2, 5), "xy\nz")], UTF16)
    assert [d.range for d in moved] == [
        before.range,
        lsp.Range(lsp.Position(3, 6), lsp.Position(3, 8)),   # 'z' then what followed the replaced character
        lsp.Range(lsp.Position(6, 0), lsp.Position(6, 3)),
    ]
    assert carried([before], [lsp.TextDocumentContentChangeWholeDocument(text="")], UTF16) == []
