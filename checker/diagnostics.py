"""The one diagnostic type every stage reports, and the source spans it points at."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .enums import TextEnum
from .evidence import Counterexample, JustificationStep
from .span import Span
from .subjects import Subject

__all__ = ["Diagnostic", "Fix", "Related", "Severity", "Span"]


class Severity(TextEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for an error, 1 for a warning, 2 for an info."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Related:
    """Another place a diagnostic refers to, with a short note saying why."""

    span: Span
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "message": self.message}


@dataclass(frozen=True)
class Fix:
    """An edit that resolves a finding: put ``replacement`` in place of the text under ``span``
    (a misspelled name and the declared name it is closest to). Editors offer it as a quick fix;
    the text, JSON and SARIF outputs do not show it (the help line says the same in words)."""

    span: Span
    replacement: str


@dataclass(frozen=True)
class Diagnostic:
    """One finding: what (code, name, severity, message), where (span), and supporting detail.

    ``counterexample`` and ``justification`` are the reasoner's evidence; ``subject`` says what
    the finding is about (framing, concepts, claim...) for tools; ``help`` says what to do, and
    ``fixes`` are edits that would do it.
    """

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    help: str = ""
    related: tuple[Related, ...] = ()
    counterexample: Counterexample | None = None
    justification: tuple[JustificationStep, ...] | None = None
    details: tuple[str, ...] = field(default=())
    subject: Subject | None = None
    fixes: tuple[Fix, ...] = ()

    def sort_key(self) -> tuple[str, int, int, int, int, str, str]:
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
        if self.subject is not None:
            data["data"] = self.subject.to_dict()
        if self.counterexample is not None:
            data["counterexample"] = self.counterexample.to_dict()
        if self.justification is not None:
            data["justification"] = [step.to_dict() for step in self.justification]
        return data
