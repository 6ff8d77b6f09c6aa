"""``alignspec check --watch``: check, then check again whenever a spec, or a spec it imports, changes.

Each run loads every target afresh (parsing and name resolution are cheap) but analyses only the
targets a change can affect: a target that changed, a new target, and every target that imports a
changed file, directly or through other imports (what each file imports is read from the
loader's syntax trees, so an import that failed to load still counts). The analyses of the other
targets are reused, so the report of each run is the one ``alignspec check`` would print for the
same files. Changes come from an injectable *change source*: by default ``watchfiles`` (the
optional extra ``watch``) watching, without recursion, the directories of every target
and import, and every directory below a directory named on the command line; when that set of
directories changes, the watcher is restarted on the new one. Whenever the change source reports
a change, or a quiet second, the files checked last are compared with what they were then (time
and size), so a change made while no watcher was running (during a check) is not missed.

The screen is cleared before each report when standard output is a terminal; a status line goes
to standard error. Ctrl-C stops the loop: exit status 130, as for any command interrupted so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from ..analysis.claims import ClaimOutcome
from ..analysis.framings import FramingView
from ..analysis.spec import analyse
from ..check import CheckOptions, UsageError, collect_targets, default_roots
from ..diagnostic_collector import ordered
from ..diagnostics import Diagnostic
from ..model.loader import Loader, display_path, library_directory
from ..render.escape import visible
from ..results import CheckResult
from ..syntax import nodes as n
from ..syntax.source import SourceError, read_source

INTERRUPTED = 130
CLEAR_SCREEN = "\x1b[2J\x1b[H"
QUIET_MS = 1000   # how long the watcher waits before it reports that nothing changed
SPEC_SUFFIX = ".align"
# Directories below a directory argument that are not watched for new specs (specs already in
# them are watched through their own directory).
_UNWATCHED = frozenset({"__pycache__", "node_modules"})

#: Given the directories to watch, yields sets of paths that changed, until it is exhausted.
ChangeSource = Callable[[list[str]], Iterable[set[str]]]


@dataclass
class WatchRun:
    """One check of the watch loop: its result, the targets analysed for it (all of them on the
    first run) and the changed paths that caused it (none on the first run)."""

    result: CheckResult
    analysed: list[str]
    changed: list[str] = field(default_factory=list)


@dataclass
class _Analysed:
    """What the analysis of one target contributed to the result."""

    diagnostics: list[Diagnostic]
    claims: list[ClaimOutcome]
    framings: list[FramingView]


class Watcher:
    """Checks the targets named by ``arguments``, reusing the analyses a change cannot affect."""

    def __init__(self, arguments: list[str], options: CheckOptions):
        self.arguments = list(arguments)
        self.options = options
        self.analysed: dict[str, _Analysed] = {}
        self.imports: dict[str, set[str]] = {}   # target's real path -> itself and every file it imports
        self.stamps: dict[str, tuple[int, int] | None] = {}   # each of those files as last checked

    def check(self, changed: set[str] | None = None) -> WatchRun:
        """Check every target; analyse those ``changed`` (real paths) can affect, or all of them
        when ``changed`` is None. Raises ``UsageError`` when the arguments name nothing."""
        targets = collect_targets(self.arguments)
        loader = Loader(default_roots(self.arguments) + list(self.options.roots))
        units = [loader.load(target) for target in targets]
        reals = [os.path.realpath(target) for target in targets]
        self.imports = {real: imported_files(loader, real) for real in reals}
        self.stamps = {path: _stamp(path) for files in self.imports.values() for path in files}
        result = CheckResult(files=list(targets))
        analysed: list[str] = []
        diagnostics: list[Diagnostic] = []
        for target, real, loaded in zip(targets, reals, units):
            diagnostics.extend(loaded.diagnostics)
            if loaded.unit is None:
                self.analysed.pop(real, None)
                continue
            diagnostics.extend(loader.unused_declarations(loaded.unit))
            if changed is None or real not in self.analysed or self.imports[real] & changed:
                analysis = analyse(loaded.unit, self.options.budget)
                self.analysed[real] = _Analysed(list(analysis.reporter.diagnostics), list(analysis.claims),
                                                list(analysis.framings))
                analysed.append(target)
            previous = self.analysed[real]
            diagnostics.extend(previous.diagnostics)
            result.claims.extend(previous.claims)
            result.framings.extend(previous.framings)
        for real in set(self.analysed) - set(reals):
            del self.analysed[real]
        result.diagnostics = ordered(diagnostics)
        _add_sources(result)
        return WatchRun(result, analysed, sorted(display_path(p) for p in changed or ()))

    def directories(self) -> list[str]:
        """The directories to watch: those of every target and every file it imports, and every
        directory below a directory argument (except hidden ones, ``__pycache__`` and
        ``node_modules``)."""
        found: set[str] = set()
        for argument in self.arguments or ["."]:
            if os.path.isdir(argument):
                for directory, subdirectories, _files in os.walk(argument):
                    found.add(os.path.realpath(directory))
                    subdirectories[:] = [d for d in subdirectories if not d.startswith(".") and d not in _UNWATCHED]
            else:
                found.add(os.path.realpath(os.path.dirname(os.path.abspath(argument))))
        for files in self.imports.values():
            found.update(os.path.dirname(path) for path in files)
        return sorted(path for path in found if os.path.isdir(path))

    def watched_files(self) -> int:
        return len(self.stamps)

    def missed(self) -> set[str]:
        """The files checked last time that have changed since (a change the change source did not
        report, such as one made before it started)."""
        return {path for path, stamp in self.stamps.items() if _stamp(path) != stamp}


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def imported_files(loader: Loader, real: str) -> set[str]:
    """``real`` and the real path of every file it imports, directly or not, as the loader read
    them; an import whose file is missing or does not parse is included (it may appear or be
    fixed later), and so is an import outside the allowed directories."""
    seen: set[str] = set()
    stack = [real]
    while stack:
        path = stack.pop()
        if path in seen:
            continue
        seen.add(path)
        loaded = loader.loaded.get(path)
        if loaded is None or loaded.unit is None:
            continue
        for statement in loaded.unit.spec.statements:
            if isinstance(statement, n.Import):
                stack.append(_import_target(path, statement))
    return seen


def _import_target(importer: str, statement: n.Import) -> str:
    if statement.is_path:
        return os.path.realpath(os.path.join(os.path.dirname(importer), statement.target))
    return os.path.realpath(library_directory() / f"{statement.target}{SPEC_SUFFIX}")


def _add_sources(result: CheckResult) -> None:
    for diagnostic in result.diagnostics:
        for span in [diagnostic.span, *(r.span for r in diagnostic.related)]:
            if span.file not in result.sources:
                try:
                    result.sources[span.file] = read_source(span.file).text
                except (OSError, SourceError):
                    result.sources[span.file] = ""


def is_relevant(path: str) -> bool:
    """Whether a change to ``path`` may change a check: a spec file, or a directory (a new one
    may hold specs)."""
    return path.endswith(SPEC_SUFFIX) or os.path.isdir(path)


def require_watchfiles() -> None:
    """Raise ``UsageError`` when ``watchfiles`` is not installed."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        raise UsageError("--watch needs the watchfiles package: pip install watchfiles") from None


def watchfiles_changes(directories: list[str]) -> Iterator[set[str]]:
    """Changes in ``directories`` (not recursively), as ``watchfiles`` reports them, each set
    of paths once the file system has been quiet for a moment, and an empty set after each
    second without changes. Raises ``UsageError`` when ``watchfiles`` is not installed."""
    require_watchfiles()
    import watchfiles

    for batch in watchfiles.watch(*directories, watch_filter=lambda _change, path: is_relevant(path),
                                  recursive=False, raise_interrupt=True, rust_timeout=QUIET_MS,
                                  yield_on_timeout=True):
        yield {os.path.realpath(path) for _change, path in batch}


def run_watch(arguments: list[str], options: CheckOptions, report: Callable[[WatchRun], int],
              changes: ChangeSource | None = None, stdout: TextIO | None = None,
              stderr: TextIO | None = None) -> int:
    """Check ``arguments``, then check again after each change until the change source is
    exhausted (the status of the last report) or Ctrl-C (130). ``report`` prints a run and
    returns its exit status."""
    if changes is None:
        require_watchfiles()
        changes = watchfiles_changes
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    watcher = Watcher(arguments, options)
    try:
        status = _report(watcher, None, report, stdout, stderr, first=True)
        directories = watcher.directories()
        while True:
            source = iter(changes(directories))
            restarted = False
            for batch in source:
                changed = {os.path.realpath(path) for path in batch if is_relevant(path)} | watcher.missed()
                if not changed:
                    continue
                status = _report(watcher, changed, report, stdout, stderr)
                now = watcher.directories()
                if now != directories:
                    directories, restarted = now, True
                    break
            close = getattr(source, "close", None)
            if close is not None:
                close()
            if not restarted:
                return status
    except KeyboardInterrupt:
        print("alignspec: stopped watching", file=stderr)
        return INTERRUPTED


def _report(watcher: Watcher, changed: set[str] | None, report: Callable[[WatchRun], int],
            stdout: TextIO, stderr: TextIO, first: bool = False) -> int:
    try:
        run = watcher.check(changed)
    except UsageError as exc:
        if first:
            raise
        print(f"alignspec: error: {visible(str(exc))}; waiting for changes", file=stderr)
        return 2
    if _is_terminal(stdout):
        stdout.write(CLEAR_SCREEN)
    status = report(run)
    stdout.flush()
    analysed = ", ".join(display_path(t) for t in run.analysed) or "nothing"
    cause = f" after a change to {', '.join(run.changed)}" if run.changed else ""
    print(visible(f"alignspec: analysed {analysed}{cause}; watching {watcher.watched_files()} files "
                  f"(Ctrl-C to stop)"), file=stderr, flush=True)
    return status


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


__all__ = ["INTERRUPTED", "ChangeSource", "WatchRun", "Watcher", "imported_files", "is_relevant",
           "require_watchfiles", "run_watch", "watchfiles_changes"]
