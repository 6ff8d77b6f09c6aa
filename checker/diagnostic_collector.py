"""Where every stage meets the diagnostics: ``reporter.report(CODE, span, message, ...)``."""

from __future__ import annotations

from collections.abc import Iterable

from .codes import Code
from .diagnostics import Diagnostic, Fix, Related, Span
from .evidence import Counterexample, JustificationStep
from .subjects import Subject


def make_diagnostic(
    code: Code,
    span: Span,
    message: str,
    help: str = "",
    related: Iterable[Related] = (),
    details: Iterable[str] = (),
    counterexample: Counterexample | None = None,
    justification: Iterable[JustificationStep] | None = None,
    subject: Subject | None = None,
    fixes: Iterable[Fix] = (),
) -> Diagnostic:
    """A diagnostic of the registered finding ``code`` (its name and severity come from it)."""
    return Diagnostic(
        code=code.code,
        name=code.name,
        severity=code.severity,
        message=message,
        span=span,
        help=help,
        related=tuple(related),
        counterexample=counterexample,
        justification=None if justification is None else tuple(justification),
        details=tuple(details),
        subject=subject,
        fixes=tuple(fixes),
    )


class DiagnosticCollector:
    """Collects the diagnostics of a stage; each finding is reported with its registered code."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def report(
        self,
        code: Code,
        span: Span,
        message: str,
        help: str = "",
        related: Iterable[Related] = (),
        details: Iterable[str] = (),
        counterexample: Counterexample | None = None,
        justification: Iterable[JustificationStep] | None = None,
        subject: Subject | None = None,
        fixes: Iterable[Fix] = (),
    ) -> Diagnostic:
        """Record a finding of ``code`` at ``span`` and return it."""
        diagnostic = make_diagnostic(code, span, message, help, related, details, counterexample, justification,
                                     subject, fixes)
        self.diagnostics.append(diagnostic)
        return diagnostic

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in a deterministic order, without exact repeats."""
    seen: set[tuple[str, Span, str]] = set()
    out = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (d.code, d.span, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
