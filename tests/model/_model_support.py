"""Helpers for the static-analysis tests: write specs into a temporary folder, check them,
and locate findings by code, line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

from alignspec.check import CheckOptions, check
from alignspec.diagnostics import Diagnostic
from alignspec.results import CheckResult

CODES = {
    "unknown-name": "AS200",
    "duplicate-name": "AS201",
    "arity-mismatch": "AS202",
    "kind-mismatch": "AS203",
    "circular-definition": "AS204",
    "import-error": "AS205",
    "unused-declaration": "AS206",
}


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (dedented) to ``folder/name``, creating parent folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def at(path_or_text, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) of the ``occurrence``-th ``needle`` in a file or text."""
    text = source(path_or_text) if isinstance(path_or_text, Path) else textwrap.dedent(path_or_text).lstrip("\n")
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def run(*paths, roots=()) -> CheckResult:
    """Check the given files or directories as the command line would."""
    return check([str(p) for p in paths], CheckOptions(roots=[str(r) for r in roots]))


def found(result: CheckResult, name: str) -> list[Diagnostic]:
    """The findings called ``name``, checking that each carries the registered code."""
    out = [d for d in result.diagnostics if d.name == name]
    for d in out:
        assert d.code == CODES.get(name, d.code)
    return out


def places(result: CheckResult, name: str) -> list[tuple[int, int]]:
    """(line, column) of every finding called ``name``, in report order."""
    return [(d.span.line, d.span.column) for d in found(result, name)]


def related_places(diagnostic: Diagnostic) -> list[tuple[int, int]]:
    return [(r.span.line, r.span.column) for r in diagnostic.related]


def one(result: CheckResult, name: str, line: int, column: int) -> Diagnostic:
    """The single finding ``name`` at (line, column)."""
    hits = [d for d in found(result, name) if (d.span.line, d.span.column) == (line, column)]
    assert len(hits) == 1, f"expected one {name} at {line}:{column}, got {places(result, name)}"
    return hits[0]


def static_errors(result: CheckResult) -> list[Diagnostic]:
    """Errors of the static stages (names, kinds, cycles, imports)."""
    return [d for d in result.diagnostics if d.name in CODES and d.severity.value == "error"]
