"""A spec's analysis taken from the result cache (:mod:`~alignspec.result_cache`), for the Python
API, the documentation builds and the language server.

An entry holds the spec's unit, with everything it imports, together with the reasoner's typed
answers (findings, claim outcomes, framing views with their classifications, scenario
evaluations), pickled as one object so that the answers refer to that very unit. It is keyed by
the bytes the loader parsed for each spec of the closure, their paths, names and imports, the
limits, whether scenario tables were computed and which cells, and the code version.

What the reasoner keeps for answering later questions is not kept: the theory builder (its
namer and theories are keyed by the ``id`` of symbols), the justifier and the exclusions (their
memos too) and the classifications' chased instances. A spec taken from the cache gets new ones,
made for the unpickled unit, so justifications, exclusions and questions are computed on demand
exactly as for a spec analysed afresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .analysis.axioms import TheoryBuilder
from .analysis.exclusions import Exclusions
from .analysis.framings import FramingAnalysis
from .analysis.progress import Progress
from .analysis.scenarios import TableCells
from .analysis.spec import SpecAnalysis, analyse
from .diagnostic_collector import DiagnosticCollector
from .gc_pause import collector_paused
from .model.kinds import all_units
from .model.loader import Overlay
from .model.symbols import Unit
from .reasoning.logic import Budget
from .reasoning.status import Limit
from .result_cache import CachedAnalysis, ResultCache, closure_name, spec_bytes


@dataclass
class CachedSpec:
    """A spec's unit and the reasoner's answers about it, as one entry; ``exhausted`` is the
    limit of the run's budget that ran out during the analysis (never the timeout: an analysis
    the clock cut short is not kept)."""

    unit: Unit
    analysis: CachedAnalysis
    exhausted: Limit | None = None


class DigestingOverlay:
    """The loader's source of file bytes: the text an editor holds (from ``inner``), else the file
    read as the loader would read it. It keeps the SHA-256 of exactly the bytes it hands the
    loader (``digests``, by resolved path) and the files an editor holds with other bytes than
    those on disk (``unsaved``). A file it cannot read whole is left to the loader and has no
    digest."""

    def __init__(self, inner: Overlay | None = None) -> None:
        self.inner = inner
        self.digests: dict[str, str] = {}
        self.unsaved: set[str] = set()

    def __call__(self, real: str) -> bytes | None:
        held = self.inner(real) if self.inner is not None else None
        on_disk = spec_bytes(real)
        data = held if held is not None else on_disk
        if held is not None and held != on_disk:
            self.unsaved.add(real)
        if data is not None:
            self.digests[real] = hashlib.sha256(data).hexdigest()
        return data

    def saved(self, unit: Unit) -> bool:
        """Whether every spec of ``unit``'s closure was read with the bytes it has on disk."""
        return not any(u.real in self.unsaved for u in all_units(unit))


def analyse_with_cache(unit: Unit, digests: dict[str, str], cache: ResultCache, budget: Budget | None = None,
                       tables: bool = False, progress: Progress | None = None,
                       cells: TableCells = TableCells.FITTING) -> SpecAnalysis:
    """:func:`~alignspec.analysis.spec.analyse` ``unit``, or take its answers from ``cache`` when
    they are there under the bytes in ``digests`` (the SHA-256 of what the loader parsed, by
    resolved path); answers made afresh are kept there. A unit whose closure lacks a digest, or
    whose analysis the budget's timeout cut short, is analysed and not kept (the key leaves the
    timeout out: an analysis the clock did not cut short is the same under any timeout)."""
    budget = budget or Budget()
    cells = TableCells(cells)
    name = closure_name("spec", unit, digests, budget, tables, cells.value)
    if name is not None:
        with collector_paused():
            found = cache.load(name)
        if isinstance(found, CachedSpec):
            cache.hits += 1
            return _rebuilt(found, budget)
    cache.misses += 1
    analysis = analyse(unit, budget, tables=tables, progress=progress, cells=cells)
    if name is not None and analysis.exhausted is not Limit.TIMEOUT:
        answers = CachedAnalysis(list(analysis.reporter.diagnostics), analysis.claims, analysis.framings,
                                 analysis.scenarios)
        with collector_paused():
            cache.save(name, CachedSpec(unit, answers, analysis.exhausted))
        if cache.stored:
            cache.trim()
    return analysis


def _rebuilt(found: CachedSpec, budget: Budget) -> SpecAnalysis:
    """The analysis of a cached spec, with a new builder, justifier and exclusions for its unit."""
    unit = found.unit
    builder = TheoryBuilder(unit, budget=budget)
    reporter = DiagnosticCollector()
    reporter.diagnostics = list(found.analysis.diagnostics)
    justifier = FramingAnalysis(unit, builder, budget, DiagnosticCollector()).justifier
    return SpecAnalysis(unit, builder, framings=found.analysis.framings, claims=found.analysis.claims,
                        scenarios=found.analysis.scenarios, justifier=justifier,
                        exclusions=Exclusions(builder, budget), reporter=reporter, exhausted=found.exhausted)
