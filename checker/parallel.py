"""Analysing the specs of one run in several processes, with the result of analysing them in one.

The run loads every spec in its own process first (reading, parsing, resolving: the loader's
work, which decides the names files are shown by and which declarations some spec uses); the
workers only analyse. Each worker receives the loaded units, analyses the ones it is given, and
sends back the findings, claims, framings and scenarios of each, which the run then puts in
file order: so the output is the same whatever the number of processes.

What a worker sends back refers to the specs' declarations and syntax; where workers are forked
from the run (so that an object the run had before the fork has the same identity in the worker),
those references travel as identities and arrive as the run's own objects, as if the analysis had
been made in the run's process. Elsewhere (spawned workers) everything travels as a copy.

A worker that dies (killed, out of memory) breaks the pool; the specs it had not finished are
then analysed in the run's own process, as they would have been without workers. So are all of
them where processes cannot be started.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import pickle
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from .analysis.claims import ClaimOutcome
from .analysis.framings import FramingView
from .analysis.progress import Progress, announce
from .analysis.scenarios import ScenarioEvaluation
from .analysis.spec import SpecAnalysis, analyse
from .diagnostics import Diagnostic
from .gc_pause import collector_paused
from .limits import Budget
from .model.symbols import Unit
from .reasoning.status import Limit


@dataclass
class SpecFindings:
    """What a run keeps of the analysis of one spec: its findings (in the order the analysis
    reported them), and the outcome of its claims, framings and scenarios. ``analysis`` is the
    whole analysis when it was made in this process, None when a worker made it; ``exhausted``
    the limit of the run's budget that ran out during it (None: none did)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    claims: list[ClaimOutcome] = field(default_factory=list)
    framings: list[FramingView] = field(default_factory=list)
    scenarios: list[ScenarioEvaluation] = field(default_factory=list)
    analysis: SpecAnalysis | None = None
    exhausted: Limit | None = None


def available_cpus() -> int:
    """The number of processors this process may run on (at least 1)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def findings_of(unit: Unit, budget: Budget, progress: Progress | None = None,
                deadline: float | None = None) -> SpecFindings:
    """Analyse ``unit`` (by the monotonic clock's ``deadline``, if any) and keep what a run
    reports of it."""
    analysis = analyse(unit, budget, progress=progress, deadline=deadline)
    return SpecFindings(list(analysis.reporter.diagnostics), list(analysis.claims), list(analysis.framings),
                        list(analysis.scenarios), analysis, analysis.exhausted)


def analyse_units(units: Sequence[Unit], budget: Budget, jobs: int,
                  progress: Progress | None = None, deadline: float | None = None) -> list[SpecFindings]:
    """The findings of each of ``units`` (in their order), analysed by up to ``jobs`` processes,
    all by the monotonic clock's ``deadline`` (if any; the clock is the same in every process).

    With one job, or one unit, everything runs in this process (and ``progress`` hears of each
    step); otherwise ``progress`` hears only when each spec is done."""
    workers = min(jobs, len(units))
    if workers <= 1:
        return [findings_of(unit, budget, progress, deadline) for unit in units]
    found: dict[int, SpecFindings] = {}
    # Larger specs first, so that no worker is left with a large one at the end.
    order = sorted(range(len(units)), key=lambda i: -len(units[i].spec.statements))
    context = multiprocessing.get_context()
    shared = _reachable(units) if context.get_start_method() == "fork" else {}
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_receive_units,
                                   initargs=(list(units), shared))
    except (ImportError, NotImplementedError, OSError):  # no semaphores or processes on this system
        return [findings_of(unit, budget, progress, deadline) for unit in units]
    try:
        futures: dict[int, Future[bytes]] = {i: pool.submit(_analyse_received, i, budget, deadline) for i in order}
        for i in order:
            data = futures[i].result()
            with collector_paused():
                found[i] = _Unpickler(io.BytesIO(data), shared).load()
            announce(progress, f"{units[i].path}: analysed")
    except (BrokenProcessPool, OSError):  # a worker died, or could not be started
        announce(progress, "worker processes stopped; analysing the remaining specs in this process")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [found[i] if i in found else findings_of(unit, budget, progress, deadline) for i, unit in enumerate(units)]


def _reachable(units: Sequence[Unit]) -> dict[int, object]:
    """The objects of this package's own types (units, declarations, syntax) reachable from
    ``units``, by identity."""
    found: dict[int, object] = {}
    seen: set[int] = set()
    stack: list[object] = list(units)
    containers = (list, tuple, dict, set, frozenset)
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        own = type(obj).__module__.startswith(__package__ + ".")
        if own:
            found[id(obj)] = obj
        if own or isinstance(obj, containers):
            stack.extend(gc.get_referents(obj))
    return found


class _Pickler(pickle.Pickler):
    """Pickles objects of ``shared`` as their identity."""

    def __init__(self, file: io.BytesIO, shared: dict[int, object]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: object) -> int | None:
        key = id(obj)
        return key if key in self.shared and self.shared[key] is obj else None


class _Unpickler(pickle.Unpickler):
    """Unpickles an identity as the object of ``shared`` that has it."""

    def __init__(self, file: io.BytesIO, shared: dict[int, object]):
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid: object) -> object:
        if not isinstance(pid, int) or pid not in self.shared:
            raise pickle.UnpicklingError(f"unknown shared object {pid!r}")
        return self.shared[pid]


_received: list[Unit] = []
_shared: dict[int, object] = {}
"""The units a worker process was given, and the objects it shares with the run (set once, when
the worker starts)."""


def _receive_units(units: list[Unit], shared: dict[int, object]) -> None:
    _received[:] = units
    _shared.clear()
    _shared.update(shared)


def _analyse_received(index: int, budget: Budget, deadline: float | None) -> bytes:
    with collector_paused():
        found = findings_of(_received[index], budget, deadline=deadline)
        found.analysis = None  # the run keeps only what it reports
        buffer = io.BytesIO()
        _Pickler(buffer, _shared).dump(found)
        return buffer.getvalue()
