"""The one meeting point of the stages and the diagnostics: ``reporter.report(name, span, ...)``."""

from __future__ import annotations

from typing import Any, Iterable

from .codes import BY_NAME
from .diagnostics import Diagnostic, Related, Span


class Reporter:
    """Collects diagnostics; each stage calls ``report`` with a registered finding name."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def report(
        self,
        name: str,
        span: Span,
        message: str,
        help: str = "",
        related: Iterable[Related] = (),
        details: Iterable[str] = (),
        counterexample: dict[str, Any] | None = None,
        justification: list[dict[str, Any]] | None = None,
        data: dict[str, Any] | None = None,
    ) -> Diagnostic:
        code = BY_NAME[name]
        diagnostic = Diagnostic(
            code=code.code,
            name=code.name,
            severity=code.severity,
            message=message,
            span=span,
            help=help,
            related=tuple(related),
            counterexample=counterexample,
            justification=justification,
            details=tuple(details),
            data=data,
        )
        self.diagnostics.append(diagnostic)
        return diagnostic

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in a deterministic order, without exact repeats."""
    seen: set = set()
    out = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (d.code, d.span, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
