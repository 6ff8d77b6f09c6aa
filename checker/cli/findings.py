"""From every finding a check produced to the findings a run reports: the configuration's and the
command line's selection, then suppression comments (with ``unused-suppression`` for those that
matched nothing), then the baseline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..diagnostic_collector import ordered
from ..diagnostics import Diagnostic
from ..results import CheckResult
from ..syntax.source import SourceError, read_source
from .baseline import Baseline, Entry, apply_baseline
from .selection import Selection
from .suppressions import apply_suppressions


@dataclass
class ReportedFindings:
    """A check's result narrowed to what is reported, with what was left out and why."""

    result: CheckResult
    deselected: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Diagnostic] = field(default_factory=list)
    absorbed: list[Diagnostic] = field(default_factory=list)
    stale: list[tuple[Entry, int]] = field(default_factory=list)


def text_reader(result: CheckResult) -> Callable[[str], str]:
    """A file's text: from ``result.sources`` when there, else read from disk ("" when it cannot
    be read); every text read is kept in ``result.sources`` for the renderers."""

    def text_of(file: str) -> str:
        if file not in result.sources:
            try:
                result.sources[file] = read_source(file).text
            except (OSError, SourceError):
                result.sources[file] = ""
        return result.sources[file]

    return text_of


def reported_findings(result: CheckResult, selection: Selection, baseline: Baseline | None = None) -> ReportedFindings:
    """Narrow ``result`` to the findings that are reported (see the module's doc)."""
    text_of = text_reader(result)
    selected: list[Diagnostic] = []
    deselected: list[Diagnostic] = []
    for diagnostic in result.diagnostics:
        (selected if selection.enabled(diagnostic.code, diagnostic.span.file) else deselected).append(diagnostic)
    suppression = apply_suppressions(selected, result.files, text_of)
    kept = ordered([*suppression.kept, *selection.filter(suppression.unused)])
    outcome = ReportedFindings(result, deselected, suppression.suppressed)
    if baseline is not None:
        narrowed = apply_baseline(baseline, kept, text_of)
        kept, outcome.absorbed, outcome.stale = narrowed.kept, narrowed.absorbed, narrowed.stale
    for diagnostic in kept:
        text_of(diagnostic.span.file)
    outcome.result = replace(result, diagnostics=kept)
    return outcome
