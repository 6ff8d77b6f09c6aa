"""The one diagnostic type every stage reports, and the source spans it points at."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Span:
    """A region of a source file; lines and columns are 1-based, the end column is exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, file: str, line: int, column: int) -> "Span":
        return cls(file, line, column, line, column + 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True)
class Related:
    """Another place a diagnostic refers to, with a short note saying why."""

    span: Span
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "message": self.message}


@dataclass(frozen=True)
class Diagnostic:
    """One finding: what (code, name, severity, message), where (span), and supporting detail.

    ``counterexample`` and ``justification`` are structured, JSON-ready data attached by the
    reasoner; ``data`` holds the finding's subjects (framing, concepts, claim) for tools;
    ``help`` says what to do about the finding.
    """

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    help: str = ""
    related: tuple[Related, ...] = ()
    counterexample: dict[str, Any] | None = None
    justification: list[dict[str, Any]] | None = None
    details: tuple[str, ...] = field(default=())
    data: dict[str, Any] | None = None

    def sort_key(self) -> tuple:
        s = self.span
        return (s.file, s.line, s.column, s.end_line, s.end_column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            **self.span.to_dict(),
            "help": self.help,
            "related": [r.to_dict() for r in self.related],
        }
        if self.details:
            data["details"] = list(self.details)
        if self.data is not None:
            data["data"] = self.data
        if self.counterexample is not None:
            data["counterexample"] = self.counterexample
        if self.justification is not None:
            data["justification"] = self.justification
        return data
