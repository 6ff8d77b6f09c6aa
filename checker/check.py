"""``alignspec check``: from command-line targets to a ``CheckResult``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .analysis.progress import Progress, announce
from .analysis.scenarios import TableCells
from .analysis.spec import SpecAnalysis, analyse
from .analysis_cache import DigestingOverlay, analyse_with_cache
from .diagnostic_collector import ordered
from .exceptions import UsageError as UsageError
from .model.discovery import spec_files_below
from .model.loader import Loader, library_directory, library_names
from .parallel import analyse_units
from .reasoning import run_budget
from .reasoning.logic import Budget
from .result_cache import ResultCache, check_with_cache
from .results import CheckResult
from .syntax.safe_open import is_regular_file
from .syntax.source import SourceError, read_source
from .syntax.text_input import decoded_text


def _shown(name: str, limit: int = 120) -> str:
    """A user's path or name for a message, shortened when it is very long."""
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"


def _unusable(argument: str, exc: Exception) -> UsageError:
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return UsageError(f"cannot use '{_shown(argument)}': {reason}")


STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass
class CheckOptions:
    """Settings of one run: extra import roots, the reasoner's limits, whom to tell which file
    and framing is being analysed (``progress``, for long runs), how many processes may analyse
    specs at once (``jobs``; the result is the same whatever their number), and the cache of
    results across runs that :func:`check` uses (None: none)."""

    roots: list[str] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    progress: Progress | None = None
    jobs: int = 1
    cache: ResultCache | None = None


def collect_targets(arguments: list[str]) -> list[str]:
    """Turn files, directories (every ``*.align`` below that a walk does not skip, sorted: see
    :mod:`~alignspec.model.discovery`) and library names into a list of spec files (``-``, for
    standard input, is kept as it is); raise ``UsageError`` for anything that names nothing."""
    files: list[str] = []
    for argument in arguments or ["."]:
        path = Path(argument)
        if argument == STDIN:
            files.append(STDIN)
            continue
        try:
            is_dir, is_file, exists = path.is_dir(), is_regular_file(path), path.exists()
        except (OSError, ValueError) as exc:
            raise _unusable(argument, exc) from None
        if is_dir:
            found = [str(p) for p in spec_files_below(path)]
            if not found:
                raise UsageError(f"no .align files in directory '{argument}' (hidden directories, virtual "
                                 "environments, build, dist, node_modules and what .gitignore ignores are skipped)")
            files.extend(found)
        elif is_file:
            files.append(argument)
        elif argument in library_names():
            files.append(str(library_directory() / f"{argument}.align"))
        elif exists:
            raise UsageError(f"'{argument}' is neither a file nor a directory")
        else:
            hint = ""
            from difflib import get_close_matches

            close = get_close_matches(argument, library_names(), n=1)
            if close:
                hint = f" (did you mean the library spec '{close[0]}'?)"
            raise UsageError(f"no such file, directory or library spec: '{_shown(argument)}'{hint}")
    unique: list[str] = []
    seen: set[str] = set()
    for file in files:
        real = os.path.realpath(file)
        if real not in seen:
            seen.add(real)
            unique.append(file)
    return unique


def default_roots(arguments: list[str]) -> list[str]:
    """The directories imports may reach by default: those of the files and directories named."""
    roots = []
    for argument in arguments or ["."]:
        path = Path(argument)
        roots.append(str(path if path.is_dir() else path.parent if str(path.parent) else Path(".")))
    return roots


def check_files(files: list[str], options: CheckOptions, loader: Loader | None = None,
                stdin: bytes | None = None) -> tuple[CheckResult, list[SpecAnalysis]]:
    """Check each file as a spec of its own; return the result and the analyses. The file
    ``-`` is the spec ``stdin`` holds (named ``<stdin>``; its imports resolve relative to the
    current directory). The analyses returned are those made in this process: with
    ``options.jobs`` above 1, the specs analysed by worker processes have none."""
    loader = loader or Loader(options.roots)
    progress = options.progress
    result = CheckResult(files=[STDIN_NAME if f == STDIN else f for f in files])
    analyses: list[SpecAnalysis] = []
    units = []
    for file in files:
        announce(progress, f"loading {STDIN_NAME if file == STDIN else file}")
        if file == STDIN:
            units.append(loader.load_bytes(stdin or b"", STDIN_NAME, os.getcwd()))
            result.sources[STDIN_NAME] = decoded_text(STDIN_NAME, stdin or b"")
        else:
            units.append(loader.load(file))
    # The specs share the run's deadline; each has the steps of its own (so that its answers do not
    # depend on the other files, their order or the number of jobs).
    found = iter(analyse_units([u.unit for u in units if u.unit is not None], options.budget, options.jobs, progress,
                               deadline=run_budget.deadline_of(options.budget)))
    for loaded in units:
        result.diagnostics.extend(loaded.diagnostics)
        if loaded.unit is None:
            continue
        spec = next(found)
        result.diagnostics.extend(loader.unused_declarations(loaded.unit, spec.diagnostics))
        if spec.analysis is not None:
            analyses.append(spec.analysis)
        result.diagnostics.extend(spec.diagnostics)
        result.claims.extend(spec.claims)
        result.framings.extend(spec.framings)
        result.scenarios.extend(spec.scenarios)
    result.diagnostics = ordered(result.diagnostics)
    result.inputs = list(loader.loaded)
    _read_sources(result)
    return result, analyses


def _read_sources(result: CheckResult) -> None:
    """Keep the text of every file a finding points into, for the renderers."""
    for diagnostic in result.diagnostics:
        for span in [diagnostic.span, *(r.span for r in diagnostic.related)]:
            if span.file not in result.sources:
                try:
                    result.sources[span.file] = read_source(span.file).text
                except (OSError, SourceError):
                    result.sources[span.file] = ""


def load_and_analyse(file: str, options: CheckOptions, tables: bool = False,
                     cells: TableCells = TableCells.FITTING):
    """Load one spec file and analyse it: ``(loaded, analysis)``; analysis is None when the file
    could not be parsed. With ``tables``, scenarios get the ``cells`` of their tables. With
    ``options.cache``, the analysis is taken from that cache when it is there (then the
    analysis's unit is the cached copy of ``loaded.unit``) and kept there when it is not."""
    try:
        exists = Path(file).exists()
    except (OSError, ValueError) as exc:
        raise _unusable(file, exc) from None
    if not is_regular_file(file):
        if file in library_names():
            file = str(library_directory() / f"{file}.align")
        elif exists:
            raise UsageError(f"'{_shown(file)}' is not a spec file")
        else:
            raise UsageError(f"no such file or library spec: '{_shown(file)}'")
    reader = DigestingOverlay() if options.cache is not None else None
    loader = Loader(default_roots([file]) + list(options.roots), overlay=reader)
    loaded = loader.load(file)
    if loaded.unit is None:
        return loaded, None
    if options.cache is not None and reader is not None:
        analysis = analyse_with_cache(loaded.unit, reader.digests, options.cache, options.budget, tables=tables,
                                      progress=options.progress, cells=cells)
    else:
        analysis = analyse(loaded.unit, options.budget, tables=tables, progress=options.progress, cells=cells)
    loaded.diagnostics.extend(loader.unused_declarations(loaded.unit, analysis.reporter.diagnostics))
    return loaded, analysis


def check(arguments: list[str], options: CheckOptions | None = None, stdin: bytes | None = None) -> CheckResult:
    """Check the named files, directories or library specs; ``-`` names the spec ``stdin``
    holds (at most one ``-``). With ``options.cache``, results are taken from and kept in that
    cache (not for a run that reads standard input)."""
    options = options or CheckOptions()
    files = collect_targets(arguments)
    if STDIN in files and stdin is None:
        raise UsageError("'-' names standard input, and none was given")
    roots = default_roots(arguments) + list(options.roots)
    if options.cache is not None and STDIN not in files:
        result = check_with_cache(files, roots, options.budget, options.progress, options.cache, options.jobs)
        _read_sources(result)
        return result
    run_options = CheckOptions(roots=roots, budget=options.budget, progress=options.progress, jobs=options.jobs)
    result, _ = check_files(files, run_options, stdin=stdin)
    return result
