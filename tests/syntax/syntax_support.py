"""Helpers shared by the syntax tests (imported by the test modules of this folder)."""

from __future__ import annotations

from pathlib import Path

from alignspec.diagnostics import Diagnostic, Span
from alignspec.syntax.errors import parse_source
from alignspec.syntax.source import SourceText

HERE = Path(__file__).parent
SEED = HERE.parents[1] / "tests" / "fixtures" / "seed_v0.align"


def span_within(span: Span, text: str) -> bool:
    """Whether a span's both ends lie within ``text`` (lines split at ``\\n``; a column may be
    one past the end of its line)."""
    lines = text.split("\n")

    def ok(line: int, column: int) -> bool:
        return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1

    return (ok(span.line, span.column) and ok(span.end_line, span.end_column)
            and (span.line, span.column) <= (span.end_line, span.end_column))


def check_diagnostics(diagnostics: list[Diagnostic], text: str) -> None:
    """Assert the structural invariants every diagnostic of ``text`` must satisfy."""
    for d in diagnostics:
        assert d.code in ("AS100", "AS101"), d
        assert span_within(d.span, text), (d, text)
        for related in d.related:
            assert span_within(related.span, text), (related, text)


def parse(text: str, path: str = "t.align"):
    """Parse ``text`` with ``parse_source``, checking diagnostic invariants on the way."""
    spec, diagnostics = parse_source(SourceText(path, text))
    check_diagnostics(diagnostics, text)
    assert (spec is None) == bool(diagnostics)
    return spec, diagnostics


def seed_text() -> str:
    """The text of the seed example."""
    return SEED.read_text(encoding="utf-8")
