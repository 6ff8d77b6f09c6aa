"""Loading a spec and everything it imports, inside the allowed roots, each file once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..codes import IMPORT_ERROR
from ..diagnostic_collector import DiagnosticCollector
from ..diagnostics import Diagnostic, Related, Severity
from ..gc_pause import collector_paused
from ..syntax import nodes as n
from ..syntax.errors import parse_file
from ..syntax.safe_open import Located, locate
from ..syntax.text_input import parse_bytes
from .cycles import check_cycles
from .kinds import KindTable, all_units, check_kinds
from .resolve import resolve_unit
from .symbols import Unit
from .unused import check_unused, used_symbols

MAX_IMPORT_DEPTH = 32


def library_directory() -> Path:
    """The folder of the shipped library (``ontology/`` in the source tree)."""
    return Path(str(resources.files("alignspec.ontology")))


def library_names() -> list[str]:
    """Names of the shipped library's specs, sorted."""
    return sorted(p.stem for p in library_directory().glob("*.align"))


def within(path: str, roots: list[str]) -> bool:
    """Whether the resolved ``path`` lies inside one of the resolved directories ``roots``."""
    for root in roots:
        try:
            if os.path.commonpath([path, root]) == root:
                return True
        except ValueError:
            continue
    return False


@dataclass
class LoadedUnit:
    """A unit with the diagnostics that concern it alone (its parse, imports and names)."""

    unit: Unit | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def display_path(path: str) -> str:
    """How a file is named in messages: relative to the working directory when it lies below it."""
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


Overlay = Callable[[str], bytes | None]
"""The text an editor holds for a file, by resolved path (None: the file is read from disk)."""


class Loader:
    """Loads spec files and their imports; one instance per run, so each file loads once.

    ``roots`` are the directories imports may reach; the shipped library is always allowed.
    ``overlay``, when given, supplies the text of files that an editor holds (perhaps not saved,
    perhaps not yet on disk): a file it knows is loaded, and found by an import, from that text.
    """

    def __init__(self, roots: list[str] | None = None, max_depth: int = MAX_IMPORT_DEPTH,
                 overlay: Overlay | None = None):
        self.library = os.path.realpath(library_directory())
        self.roots = [os.path.realpath(r) for r in (roots or [])] + [self.library]
        self.max_depth = max_depth
        self.loaded: dict[str, LoadedUnit] = {}
        self._in_progress: list[str] = []
        self._unsaved: dict[str, bytes] = {}
        self._overlay = overlay

    def add_root(self, directory: str) -> None:
        real = os.path.realpath(directory)
        if real not in self.roots:
            self.roots.insert(0, real)

    def load(self, path: str, display: str | None = None) -> LoadedUnit:
        """Load one file (already known to be allowed) with its imports."""
        with collector_paused():
            return self._load(os.path.realpath(path), display or path)

    def load_bytes(self, data: bytes, display: str, directory: str) -> LoadedUnit:
        """Load a spec that is no file (standard input): ``data``, named ``display`` in messages,
        with its imports resolved relative to ``directory``."""
        real = os.path.join(os.path.realpath(directory), display)
        self._unsaved[real] = data
        with collector_paused():
            return self._load(real, display)

    def load_library(self, name: str) -> LoadedUnit:
        path = os.path.join(self.library, f"{name}.align")
        return self._load(os.path.realpath(path), path)

    def _load(self, real: str, display: str, located: Located | None = None) -> LoadedUnit:
        display = display_path(display)
        if real in self.loaded:
            return self.loaded[real]
        unsaved = self._unsaved.get(real)
        if unsaved is None and self._overlay is not None:
            unsaved = self._overlay(real)
        if unsaved is not None:
            spec, diagnostics = parse_bytes(display, unsaved)
        else:
            spec, diagnostics = parse_file(display, located.read if located is not None else None)
        if located is not None:
            located.close()
        if spec is None:
            result = LoadedUnit(None, diagnostics)
            self.loaded[real] = result
            return result
        unit = Unit(
            path=display,
            real=real,
            spec=spec,
            name=_spec_name(spec, real),
            is_library=os.path.dirname(real) == self.library,
        )
        result = LoadedUnit(unit, list(diagnostics))
        self.loaded[real] = result
        reporter = DiagnosticCollector()
        self._in_progress.append(real)
        try:
            for statement in spec.statements:
                if isinstance(statement, n.Import):
                    self._import(unit, statement, reporter)
        finally:
            self._in_progress.pop()
        resolve_unit(unit, reporter)
        check_cycles(unit, reporter)
        check_kinds(unit, KindTable(all_units(unit)), reporter)
        result.diagnostics.extend(reporter.diagnostics)
        return result

    def unused_declarations(self, unit: Unit, findings: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
        """``unused-declaration`` findings for ``unit``: its own kinds, relations and concepts
        that no spec loaded so far refers to (importers count), except those with an error among
        ``findings`` or among the findings of loading ``unit``."""
        used: set[int] = set()
        for loaded in self.loaded.values():
            if loaded.unit is not None:
                used |= used_symbols(loaded.unit)
        own = self.loaded.get(unit.real)
        errors = [d.span for d in [*(own.diagnostics if own is not None else ()), *findings]
                  if d.severity is Severity.ERROR]
        reporter = DiagnosticCollector()
        check_unused(unit, used, reporter, errors)
        return reporter.diagnostics

    def _import(self, unit: Unit, statement: n.Import, reporter: DiagnosticCollector) -> None:
        target, problem = self._locate(unit, statement)
        if target is None:
            reporter.report(IMPORT_ERROR, statement.target_span, problem[0], help=problem[1])
            return
        with target[0] as located:
            self._import_located(unit, statement, located, target[1], reporter)

    def _import_located(self, unit: Unit, statement: n.Import, located: Located, display: str,
                        reporter: DiagnosticCollector) -> None:
        real = located.real
        if real in self._in_progress:
            start = self._in_progress.index(real)
            chain = [os.path.basename(p) for p in self._in_progress[start:]] + [os.path.basename(real)]
            reporter.report(
                IMPORT_ERROR, statement.target_span,
                "import cycle: " + " -> ".join(chain),
                help="specs may not import each other in a circle; move what they share into a third spec",
            )
            return
        if len(self._in_progress) >= self.max_depth:
            reporter.report(
                IMPORT_ERROR, statement.target_span,
                f"imports are nested more than {self.max_depth} deep",
                help="flatten the chain of imports",
            )
            return
        loaded = self._load(real, display, located)
        if loaded.unit is None or loaded.has_errors:
            first = next((d for d in loaded.diagnostics if d.severity is Severity.ERROR), None)
            message = f"imported spec '{display}' has errors"
            related = []
            if first is not None:
                message += f": {first.message}"
                related.append(Related(first.span, f"{first.name}: {first.message}"))
            reporter.report(IMPORT_ERROR, statement.target_span, message,
                            help=f"run `alignspec check {display}` and fix it first", related=related)
            if loaded.unit is None:
                return
        unit.imported.append(loaded.unit)
        unit.import_links.append((statement, loaded.unit))

    def _held_by_editor(self, real: str) -> bool:
        """Whether the overlay holds a text for the file at ``real`` (which may not be on disk)."""
        return self._overlay is not None and self._overlay(real) is not None

    def _locate(self, unit: Unit, statement: n.Import):
        """Find an import's file: ((located, display), None) or (None, (message, help)).

        The file is resolved component by component (see :func:`~alignspec.syntax.safe_open.locate`)
        and read later through the result, so what is checked against the roots here is what is
        read: a symbolic link swapped in between cannot lead outside them.
        """
        if not statement.is_path:
            path = os.path.join(self.library, f"{statement.target}.align")
            try:
                located = locate(path)
            except (OSError, ValueError):
                located = None
            if located is None or not located.exists or located.is_dir or not within(located.real, [self.library]):
                if located is not None:
                    located.close()
                from difflib import get_close_matches

                names = library_names()
                close = get_close_matches(statement.target, names, n=1)
                if close:
                    hint = f"did you mean '{close[0]}'?"
                elif names:
                    hint = "the shipped library has: " + ", ".join(names)
                else:
                    hint = "the shipped library is empty; import a file by its path instead"
                return None, (f"no spec named '{statement.target}' in the shipped library", hint)
            return (located, path), None
        target = statement.target
        if not target:
            return None, ("empty import path", "write the path of a .align file relative to this file")
        if os.path.isabs(target) or target.startswith(("/", "\\")) or (len(target) > 1 and target[1] == ":"):
            return None, (f"import path '{target}' is absolute",
                          "write the path relative to the importing file")
        base = os.path.dirname(unit.real)
        joined = os.path.normpath(os.path.join(base, target))
        try:
            located = locate(joined)
        except NotADirectoryError:
            return None, (f"imported file '{target}' does not exist",
                          "check the path; it is relative to the importing file")
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            return None, (f"cannot look up import '{target}': {reason}",
                          "check the path and the permissions of the directories on it")
        problem = None
        if not within(located.real, self.roots):
            problem = (f"import '{target}' leaves the allowed directories",
                       "keep imported specs beside the checked files, or allow a directory with --root DIR")
        elif located.is_dir:
            problem = (f"import '{target}' is a directory, not a spec file", "name a .align file")
        elif not located.exists and not self._held_by_editor(located.real):
            problem = (f"imported file '{target}' does not exist",
                       "check the path; it is relative to the importing file")
        if problem is not None:
            located.close()
            return None, problem
        display = os.path.relpath(joined) if not os.path.isabs(unit.path) else joined
        return (located, display), None


def _spec_name(spec: n.SpecFile, real: str) -> str:
    for statement in spec.statements:
        if isinstance(statement, n.SpecHeader):
            return statement.name.text
    return Path(real).stem
