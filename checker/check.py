"""``alignspec check``: from command-line targets to a ``CheckResult``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .analysis.spec import SpecAnalysis, analyse
from .exceptions import AlignSpecError
from .model.loader import Loader, library_directory, library_names, within
from .reasoning.logic import Budget
from .reporter import ordered
from .results import CheckResult
from .syntax.safe_open import is_regular_file
from .syntax.source import SourceError, read_source


class UsageError(AlignSpecError):
    """The command or call cannot run as given (exit status 2 on the command line): a missing
    path, an empty directory, a file name too long, an argument of the wrong type..."""


def _shown(name: str, limit: int = 120) -> str:
    """A user's path or name for a message, shortened when it is very long."""
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"


def _unusable(argument: str, exc: Exception) -> UsageError:
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return UsageError(f"cannot use '{_shown(argument)}': {reason}")


@dataclass
class CheckOptions:
    """Settings of one run: extra import roots and the reasoner's limits."""

    roots: list[str] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)


def collect_targets(arguments: list[str]) -> list[str]:
    """Turn files, directories (every ``*.align`` below, sorted) and library names into a list
    of spec files; raise ``UsageError`` for anything that names nothing."""
    files: list[str] = []
    for argument in arguments or ["."]:
        path = Path(argument)
        try:
            is_dir, is_file, exists = path.is_dir(), is_regular_file(path), path.exists()
        except (OSError, ValueError) as exc:
            raise _unusable(argument, exc) from None
        if is_dir:
            inside = os.path.realpath(path)
            found = sorted(str(p) for p in path.rglob("*.align")
                           if p.is_file() and within(os.path.realpath(p), [inside]))
            if not found:
                raise UsageError(f"no .align files in directory '{argument}'")
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


def check_files(files: list[str], options: CheckOptions, loader: Loader | None = None) -> tuple[CheckResult, list[SpecAnalysis]]:
    """Check each file as a spec of its own; return the result and the analyses."""
    loader = loader or Loader(options.roots)
    result = CheckResult(files=list(files))
    analyses: list[SpecAnalysis] = []
    for file in files:
        loaded = loader.load(file)
        result.diagnostics.extend(loaded.diagnostics)
        if loaded.unit is None:
            continue
        analysis = analyse(loaded.unit, options.budget)
        analyses.append(analysis)
        result.diagnostics.extend(analysis.reporter.diagnostics)
        result.claims.extend(outcome.record() | {"spec": loaded.unit.name} for outcome in analysis.claims)
        result.framings.extend(view.record() | {"spec": loaded.unit.name} for view in analysis.framings)
    result.diagnostics = ordered(result.diagnostics)
    for diagnostic in result.diagnostics:
        for span in [diagnostic.span, *(r.span for r in diagnostic.related)]:
            if span.file not in result.sources:
                try:
                    result.sources[span.file] = read_source(span.file).text
                except (OSError, SourceError):
                    result.sources[span.file] = ""
    return result, analyses


def load_and_analyse(file: str, options: CheckOptions, tables: bool = False):
    """Load one spec file and analyse it: ``(loaded, analysis)``; analysis is None when the file
    could not be parsed."""
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
    loader = Loader(default_roots([file]) + list(options.roots))
    loaded = loader.load(file)
    if loaded.unit is None:
        return loaded, None
    return loaded, analyse(loaded.unit, options.budget, tables=tables)


def check(arguments: list[str], options: CheckOptions | None = None) -> CheckResult:
    """Check the named files, directories or library specs."""
    options = options or CheckOptions()
    files = collect_targets(arguments)
    roots = default_roots(arguments) + list(options.roots)
    run_options = CheckOptions(roots=roots, budget=options.budget)
    result, _ = check_files(files, run_options)
    return result
