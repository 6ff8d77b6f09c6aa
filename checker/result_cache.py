"""Check results kept between runs in the user's cache directory, so that checking specs that
have not changed takes the reasoner no time.

Two kinds of entry are kept, each a file named by the SHA-256 of what it depends on:

- an *analysis* holds the reasoner's typed answers for one spec (its findings, claim outcomes,
  framing views and scenario evaluations, before any selection, suppression or rendering), keyed
  by the bytes, resolved path and displayed name of the spec and of everything it imports
  (transitively, as the loader resolved them), the reasoner's limits and :func:`code_version`;
- a *run* records what one ``check`` of a list of files read: every spec file with the SHA-256
  of its bytes, every import with the file it resolved to, each file's findings from loading and
  its unused declarations, and the analysis each file's result is in. It is keyed by the files
  named, the working directory, the import roots, the limits and :func:`code_version`, and is
  used only when every file still has those bytes and every import still resolves to that file.

A run that cannot use its record loads every spec (which is quick) and takes from the cache
the analysis of each spec whose closure is unchanged, so editing one file re-analyses only the
specs that depend on it. Every output format is rendered from the same typed results, so a
cached run prints byte for byte what an uncached one does. Results that a limit left undecided
are kept under the limits that produced them, so a run with other limits decides them afresh.

The typed results refer to the spec's symbols and syntax, which do not round-trip through JSON;
entries are pickles, written and trusted by the rules of
:class:`~alignspec.syntax.parser_cache.ParserCache`: regular files the user owns and others cannot
write, of bounded size, verified by an HMAC under the user's own key before they are unpickled,
written whole (a temporary file renamed) or not at all. A file that is missing, corrupt, from
another version or otherwise unusable is ignored and replaced; the directory can be deleted at
any time; a directory that cannot be written only means nothing is kept. The least recently used
entries are removed once the directory holds more than :data:`MAX_TOTAL_BYTES`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import lark
import networkx

from ._version import __version__
from .analysis.claims import ClaimOutcome
from .analysis.framings import FramingView
from .analysis.progress import Progress, announce
from .analysis.scenarios import ScenarioEvaluation
from .diagnostic_collector import ordered
from .diagnostics import Diagnostic
from .gc_pause import collector_paused
from .model.kinds import all_units
from .model.loader import LoadedUnit, Loader
from .model.symbols import Unit
from .parallel import analyse_units
from .reasoning import run_budget
from .reasoning.classification import Classification
from .reasoning.logic import Budget
from .reasoning.status import Limit
from .results import CheckResult
from .syntax import nodes as n
from .syntax.parser import cache_directory, grammar_text
from .syntax.parser_cache import ParserCache
from .syntax.safe_open import locate
from .syntax.source import MAX_FILE_BYTES

FORMAT = 1
MAGIC = b"alignspec result cache 1\n"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
DISABLE_VARIABLE = "ALIGNSPEC_NO_CACHE"
_KEY_FILE = "key"


def results_directory() -> Path:
    """Where check results are kept: ``results`` in the user's cache directory for AlignSpec
    (``$XDG_CACHE_HOME/alignspec/results``, by default ``~/.cache/alignspec/results``)."""
    return cache_directory() / "results"


def disabled_by_environment(environ: dict[str, str] | None = None) -> bool:
    """Whether ``ALIGNSPEC_NO_CACHE`` asks for no result cache (any value but empty, ``0``,
    ``false`` or ``no``)."""
    value = (os.environ if environ is None else environ).get(DISABLE_VARIABLE, "")
    return value.strip().lower() not in ("", "0", "false", "no")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of everything besides the specs that decides a result: AlignSpec's version and
    the text of its modules and grammar, and the versions of Python, Lark and NetworkX. A
    changed checkout therefore never reuses the results of the code it replaced."""
    digest = hashlib.sha256()
    for part in (str(FORMAT), __version__, sys.version, lark.__version__, networkx.__version__, grammar_text()):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    package = Path(__file__).resolve().parent
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(module.read_bytes())
        except OSError:
            digest.update(b"\xff unreadable")
        digest.update(b"\0")
    return digest.hexdigest()


def _name(kind: str, *parts: object) -> str:
    """An entry's file name: its kind and the SHA-256 of ``parts`` (written with ``repr``)."""
    digest = hashlib.sha256(repr((FORMAT, code_version(), kind, parts)).encode("utf-8", "surrogateescape"))
    return f"{kind}-{digest.hexdigest()}"


def _limits(budget: Budget) -> tuple[int, int, int, int | None]:
    # Not the timeout: an analysis the clock cut short is not kept, and one it did not is the
    # same under any timeout.
    return (budget.max_entities, budget.max_facts, budget.max_search_steps, budget.max_total_steps)


@dataclass
class CachedAnalysis:
    """The reasoner's answers for one spec, as ``check`` reports them."""

    diagnostics: list[Diagnostic]
    claims: list[ClaimOutcome]
    framings: list[FramingView]
    scenarios: list[ScenarioEvaluation]


@dataclass
class FileRecord:
    """What one file of a run gave besides its analysis: the findings of loading it, its unused
    declarations, and the name of its analysis (None when it did not parse)."""

    loading: list[Diagnostic]
    unused: list[Diagnostic]
    analysis: str | None


@dataclass
class RunRecord:
    """What one run read: ``files`` maps each spec file's resolved path to the SHA-256 of its
    bytes; ``imports`` are ``(path looked up, resolved path)`` for every import; ``inputs`` is the
    run's :attr:`~alignspec.results.CheckResult.inputs`."""

    files: dict[str, str]
    imports: list[tuple[str, str]]
    records: list[FileRecord]
    inputs: list[str]


class ResultCache:
    """The result cache in ``directory`` (by default :func:`results_directory`), at most
    ``max_total_bytes`` large. ``hits`` and ``misses`` count the analyses taken from it or made
    afresh since it was opened."""

    def __init__(self, directory: str | os.PathLike[str] | None = None, max_total_bytes: int = MAX_TOTAL_BYTES):
        self.store = ParserCache(results_directory() if directory is None else directory, MAGIC, MAX_ENTRY_BYTES)
        self.max_total_bytes = max_total_bytes
        self.hits = 0
        self.misses = 0
        self.stored = 0

    @property
    def directory(self) -> Path:
        return self.store.directory

    def summary(self) -> str:
        """What this cache did, in one line: how many analyses it gave, and whether it could keep
        any (for ``--verbose``)."""
        line = f"result cache {self.directory}: {self.hits} of {self.hits + self.misses} analyses taken from it"
        if not self.store.writable():
            line += "; it cannot be used, so nothing is kept"
        return line

    def load(self, name: str) -> Any:
        """The object stored under ``name``, or None when there is none that can be trusted."""
        payload = self.store.load(name)
        if payload is None:
            return None
        try:
            with collector_paused():
                stamp, value = pickle.loads(payload)
        except Exception:  # an entry is trusted, not assumed intact: anything wrong means none
            return None
        if stamp != (FORMAT, code_version(), name):
            return None
        with contextlib.suppress(OSError, NotImplementedError):
            os.utime(self.directory / name, follow_symlinks=False)  # recently used
        return value

    def save(self, name: str, value: object) -> None:
        """Store ``value`` under ``name`` when it can be (nothing happens otherwise)."""
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(((FORMAT, code_version(), name), value))
        except Exception:  # too deep to pickle, or holding something that cannot be: not kept
            return
        if self.store.store(name, buffer.getvalue()):
            self.stored += 1

    def trim(self) -> None:
        """Remove the least recently used entries until the directory holds at most
        ``max_total_bytes``."""
        entries = []
        try:
            with os.scandir(self.directory) as listing:
                for entry in listing:
                    if entry.name == _KEY_FILE:
                        continue
                    with contextlib.suppress(OSError):
                        info = entry.stat(follow_symlinks=False)
                        entries.append((info.st_mtime_ns, info.st_size if stat.S_ISREG(info.st_mode) else 0,
                                        entry.name))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, name in sorted(entries):
            if total <= self.max_total_bytes:
                break
            with contextlib.suppress(OSError):
                os.unlink(self.directory / name)
                total -= size


def _read_whole(real: str) -> bytes | None:
    """The bytes of the spec file at the resolved path ``real`` when it can be read whole as the
    loader reads it (a regular file at that very path, within the size limit); else None."""
    try:
        with locate(real) as located:
            if located.real != real or not located.exists or located.is_dir:
                return None
            data = located.read(MAX_FILE_BYTES)
    except (OSError, ValueError):
        return None
    return data if len(data) <= MAX_FILE_BYTES else None


def _digest(real: str) -> str | None:
    data = _read_whole(real)
    return None if data is None else hashlib.sha256(data).hexdigest()


class _Pickler(pickle.Pickler):
    """Pickles results without the reasoner's working memos: a classification's chased
    instances (:attr:`~alignspec.reasoning.classification.Classification.chased`) serve the
    analysis that made it, not its readers."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is Classification and obj.chased:
            return dataclasses.replace(obj, chased={}).__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        return NotImplemented


class _DigestingReader:
    """The loader's source of file bytes in a cached run: reads each spec file as the loader
    would, keeping the SHA-256 of exactly the bytes the loader parses. A file it cannot read
    whole is left to the loader, which reports it; such a file has no digest, and no run that
    read it is recorded."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}

    def __call__(self, real: str) -> bytes | None:
        data = _read_whole(real)
        if data is not None:
            self.digests[real] = hashlib.sha256(data).hexdigest()
        return data


def _lookup(loader: Loader, importer: Unit, statement: n.Import) -> str:
    """The path the loader looks up for ``statement`` of ``importer``."""
    if not statement.is_path:
        return os.path.join(loader.library, f"{statement.target}.align")
    return os.path.normpath(os.path.join(os.path.dirname(importer.real), statement.target))


def _resolves_to(path: str) -> str | None:
    try:
        with locate(path) as located:
            return located.real if located.exists and not located.is_dir else None
    except (OSError, ValueError):
        return None


def _fully_linked(units: Iterable[Unit]) -> bool:
    """Whether every import of every unit loaded a spec."""
    return all(sum(isinstance(s, n.Import) for s in u.spec.statements) == len(u.import_links) for u in units)


def _analysis_name(unit: Unit, digests: dict[str, str], budget: Budget) -> str | None:
    """The name of ``unit``'s analysis, or None when some spec of its closure has no digest.
    Each spec of the closure counts with its bytes, paths and name and the imports that loaded
    (which statement, which file), so the name fixes the whole structure the analysis saw."""
    closure = all_units(unit)
    if any(u.real not in digests for u in closure):
        return None
    statements = {id(s): i for u in closure for i, s in enumerate(u.spec.statements)}
    return _name("analysis", _limits(budget), [
        (u.real, u.path, u.name, digests[u.real], [(statements[id(s)], t.real) for s, t in u.import_links])
        for u in closure])


def spec_bytes(real: str) -> bytes | None:
    """The bytes of the spec file at the resolved path ``real`` as the loader reads them, or None
    when it cannot be read whole (the loader then reads it itself, and reports why)."""
    return _read_whole(real)


def closure_name(kind: str, unit: Unit, digests: dict[str, str], budget: Budget, *extra: object) -> str | None:
    """The name of an entry of kind ``kind`` about ``unit``, keyed as an analysis is (every spec
    of its closure with its bytes, paths, name and the imports that loaded, and the limits) and by
    ``extra``; None when some spec of the closure has no digest."""
    closure = all_units(unit)
    if any(u.real not in digests for u in closure):
        return None
    statements = {id(s): i for u in closure for i, s in enumerate(u.spec.statements)}
    return _name(kind, _limits(budget), extra, [
        (u.real, u.path, u.name, digests[u.real], [(statements[id(s)], t.real) for s, t in u.import_links])
        for u in closure])


def _run_name(files: list[str], roots: list[str], library: str, budget: Budget) -> str:
    return _name("run", os.getcwd(), [os.path.realpath(r) for r in roots], library, _limits(budget), files)


@dataclass
class _Run:
    """One cached run being put together."""

    result: CheckResult
    records: list[FileRecord] = field(default_factory=list)
    complete: bool = True  # whether every parsed file's analysis can be cached

    def add(self, record: FileRecord, analysis: CachedAnalysis | None) -> None:
        self.records.append(record)
        self.result.diagnostics.extend(record.loading)
        if analysis is None:
            return
        self.result.diagnostics.extend(record.unused)
        self.result.diagnostics.extend(analysis.diagnostics)
        self.result.claims.extend(analysis.claims)
        self.result.framings.extend(analysis.framings)
        self.result.scenarios.extend(analysis.scenarios)


def _recalled(cache: ResultCache, files: list[str], name: str) -> CheckResult | None:
    """The result of the recorded run ``name`` when every file it read is unchanged and every
    import resolves as it did; else None."""
    record = cache.load(name)
    if not isinstance(record, RunRecord) or len(record.records) != len(files):
        return None
    if any(_digest(real) != digest for real, digest in record.files.items()):
        return None
    if any(_resolves_to(path) != real for path, real in record.imports):
        return None
    run = _Run(CheckResult(files=list(files)))
    for file_record in record.records:
        analysis = None
        if file_record.analysis is not None:
            analysis = cache.load(file_record.analysis)
            if not isinstance(analysis, CachedAnalysis):
                return None
        run.add(file_record, analysis)
    cache.hits += sum(1 for r in record.records if r.analysis is not None)
    run.result.diagnostics = ordered(run.result.diagnostics)
    run.result.inputs = list(record.inputs)
    return run.result


def _analysed(cache: ResultCache, units: list[LoadedUnit], names: list[str | None], budget: Budget,
              progress: Progress | None, jobs: int) -> dict[int, CachedAnalysis]:
    """The analysis of each parsed unit (by ``id`` of its ``LoadedUnit``): from the cache under its
    name, or made now by up to ``jobs`` processes and kept under its name. An analysis that is not
    kept (it has no name, or the run's timeout cut it short, so that another run may decide more)
    has its name set to None in ``names``."""
    found: dict[int, CachedAnalysis] = {}
    missing: list[int] = []
    for index, (loaded, name) in enumerate(zip(units, names)):
        if loaded.unit is None:
            continue
        cached = cache.load(name) if name is not None else None
        if isinstance(cached, CachedAnalysis):
            cache.hits += 1
            found[id(loaded)] = cached
        else:
            missing.append(index)
    cache.misses += len(missing)
    made = analyse_units([unit for i in missing if (unit := units[i].unit) is not None], budget, jobs, progress,
                         deadline=run_budget.deadline_of(budget))
    for index, findings in zip(missing, made):
        analysis = CachedAnalysis(findings.diagnostics, findings.claims, findings.framings, findings.scenarios)
        name = names[index]
        if name is not None and findings.exhausted is not Limit.TIMEOUT:
            cache.save(name, analysis)
        else:
            names[index] = None
        found[id(units[index])] = analysis
    return found


def check_with_cache(files: list[str], roots: list[str], budget: Budget, progress: Progress | None,
                     cache: ResultCache, jobs: int = 1) -> CheckResult:
    """Check ``files`` (spec files, not standard input) as :func:`~alignspec.check.check_files`
    does, taking what it can from ``cache`` and keeping there what it computes (the specs not
    found there are analysed by up to ``jobs`` processes, as :func:`~alignspec.parallel.analyse_units`
    does). The result has no :attr:`~alignspec.results.CheckResult.sources`; the caller reads them."""
    reader = _DigestingReader()
    loader = Loader(roots, overlay=reader)
    run_name = _run_name(files, roots, loader.library, budget)
    with collector_paused():
        recalled = _recalled(cache, files, run_name)
    if recalled is not None:
        return recalled
    units = []
    for file in files:
        announce(progress, f"loading {file}")
        units.append(loader.load(file))
    names = [_analysis_name(loaded.unit, reader.digests, budget) if loaded.unit is not None else None
             for loaded in units]
    analyses = _analysed(cache, units, names, budget, progress, jobs)
    run = _Run(CheckResult(files=list(files)))
    for loaded, name in zip(units, names):
        if loaded.unit is None:
            run.add(FileRecord(list(loaded.diagnostics), [], None), None)
            continue
        run.complete = run.complete and name is not None
        analysis = analyses[id(loaded)]
        unused = loader.unused_declarations(loaded.unit, analysis.diagnostics)
        run.add(FileRecord(list(loaded.diagnostics), unused, name), analysis)
    run.result.diagnostics = ordered(run.result.diagnostics)
    run.result.inputs = list(loader.loaded)
    _record(cache, loader, reader, run, run_name)
    if cache.stored:
        cache.trim()
    return run.result


def _record(cache: ResultCache, loader: Loader, reader: _DigestingReader, run: _Run, name: str) -> None:
    """Keep the run's record when every file it read has a digest, every import loaded and
    every parsed file's analysis was cacheable."""
    units = [loaded.unit for loaded in loader.loaded.values() if loaded.unit is not None]
    if not run.complete or any(real not in reader.digests for real in loader.loaded) or not _fully_linked(units):
        return
    imports = [(_lookup(loader, unit, statement), target.real) for unit in units
               for statement, target in unit.import_links]
    cache.save(name, RunRecord({real: reader.digests[real] for real in loader.loaded}, imports, run.records,
                               list(loader.loaded)))
