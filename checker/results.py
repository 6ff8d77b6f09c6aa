"""What one run of ``alignspec check`` produces, independent of how it is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis.claims import ClaimOutcome
from .analysis.framings import FramingView
from .analysis.scenarios import ScenarioEvaluation
from .diagnostics import Diagnostic, Severity


@dataclass
class CheckResult:
    """The files checked, every diagnostic (in a deterministic order) and the reasoner's answers.

    ``sources`` maps each file to its text so renderers can show the offending line;
    ``claims``, ``framings`` and ``scenarios`` are the outcome of every claim, the view under
    every framing and the evaluation of every scenario of each spec checked, in file order.
    ``inputs`` are the resolved paths of every spec file the run read, imports included: what an
    output file (a baseline) must never replace. It is no part of any rendering.
    """

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    claims: list[ClaimOutcome] = field(default_factory=list)
    framings: list[FramingView] = field(default_factory=list)
    scenarios: list[ScenarioEvaluation] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list, repr=False, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
        }

    def exit_status(self, strict: bool = False) -> int:
        """0 when clean, 1 when there is an error (or, with ``strict``, a warning)."""
        if self.count(Severity.ERROR) or (strict and self.count(Severity.WARNING)):
            return 1
        return 0
