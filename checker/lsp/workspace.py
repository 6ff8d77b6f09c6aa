"""What the server knows about one document at one version: its settings, its syntax tree and
model (the cheap stage: parse, imports, names, kinds), and the reasoner's analysis (the costly
stage: claims, classification, scenarios). Both are plain functions of the documents' texts;
:mod:`.scheduler` decides when they run and on which thread.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..analysis.spec import SpecAnalysis, analyse
from ..analysis_cache import DigestingOverlay, analyse_with_cache
from ..check import UsageError
from ..cli.settings import Settings, resolve_settings
from ..diagnostic_collector import ordered
from ..diagnostics import Diagnostic
from ..model.discovery import spec_files_below
from ..model.loader import LoadedUnit, Loader
from ..model.symbols import Unit
from ..result_cache import ResultCache
from .documents import Document, DocumentStore


class Superseded(Exception):
    """The text changed while an analysis ran: its result would be stale, so it stops."""


@dataclass(frozen=True)
class Configured:
    """The settings a document is checked with, and why the defaults were used instead of the
    configuration file (``problem``: the file cannot be used)."""

    settings: Settings
    problem: str = ""


EDITOR_TIMEOUT = 20.0
"""Seconds the reasoner may spend on one version of a document when neither ``--timeout`` nor the
configuration says: an editor wants the findings it can have soon more than every answer."""


def configure(arguments: argparse.Namespace, directory: str) -> Configured:
    """The settings for a document in ``directory``: the nearest configuration file at or above
    it (or the one ``--config`` names; none with ``--isolated``), with the options ``alignspec
    lsp`` was started with taking their place, as for ``alignspec check``; the run's time is
    ``EDITOR_TIMEOUT`` unless one of them sets it."""
    try:
        configured = Configured(resolve_settings(arguments, cwd=Path(directory)))
    except UsageError as exc:
        configured = Configured(resolve_settings(argparse.Namespace(isolated=True)), str(exc))
    budget = configured.settings.budget
    if budget.timeout is None:
        settings = replace(configured.settings, budget=replace(budget, timeout=EDITOR_TIMEOUT))
        configured = replace(configured, settings=settings)
    return configured


@dataclass
class Snapshot:
    """The cheap stage of one document at one version: the loader that read it and its imports
    (each once), its loaded unit (None when the text does not parse) and the static findings."""

    document: Document
    configured: Configured
    loader: Loader
    loaded: LoadedUnit
    static: list[Diagnostic] = field(default_factory=list)
    reader: DigestingOverlay | None = None     # what the loader read, when the result cache may be used

    @property
    def unit(self) -> Unit | None:
        return self.loaded.unit

    @property
    def settings(self) -> Settings:
        return self.configured.settings

    def units(self) -> list[Unit]:
        """Every unit this snapshot loaded: the document's and those it imports."""
        return [loaded.unit for loaded in self.loader.loaded.values() if loaded.unit is not None]

    def depends_on(self, real: str) -> bool:
        """Whether the file at the resolved path ``real`` is the document or one it imports."""
        return real in self.loader.loaded

    @property
    def file(self) -> str:
        """How spans name the document's file."""
        return self.unit.path if self.unit is not None else self._parsed_name()

    def _parsed_name(self) -> str:
        found = next(iter(self.loaded.diagnostics), None)
        return found.span.file if found is not None else self.document.uri


def document_directory(document: Document, folders: list[str]) -> str:
    """The directory a document's relative imports start from: its file's, or for a document
    that is not a file the first workspace folder (else the server's working directory)."""
    if document.path is not None:
        return os.path.dirname(os.path.abspath(document.path))
    return folders[0] if folders else os.getcwd()


def roots_for(document: Document, configured: Configured, folders: list[str]) -> list[str]:
    """The directories imports may reach: the document's own, the workspace folders (as if
    ``alignspec check`` were run on each of them) and the roots of the settings."""
    return [document_directory(document, folders), *folders, *configured.settings.roots]


def take_snapshot(document: Document, store: DocumentStore, arguments: argparse.Namespace,
                  folders: list[str]) -> Snapshot:
    """Parse and load ``document`` with its imports (open documents' texts first, then disk) and
    collect the static findings: syntax, imports, names, arities, kinds, cycles and unused
    declarations (as far as the document itself shows). When the settings allow the result
    cache, the snapshot keeps the digests of the bytes the loader parsed."""
    directory = document_directory(document, folders)
    configured = configure(arguments, directory)
    reader = DigestingOverlay(store.overlay) if configured.settings.cache else None
    loader = Loader(roots_for(document, configured, folders), overlay=reader or store.overlay)
    if document.path is not None:
        loaded = loader.load(document.path)
    else:
        loaded = loader.load_bytes(document.text.encode("utf-8"), document.uri, directory)
    static = list(loaded.diagnostics)
    if loaded.unit is not None:
        static.extend(loader.unused_declarations(loaded.unit))
    return Snapshot(document, configured, loader, loaded, ordered(static), reader)


@dataclass
class Analysed:
    """The costly stage of one snapshot: the reasoner's analysis and every finding of the spec,
    as ``alignspec check`` would report them before selection and suppression."""

    snapshot: Snapshot
    analysis: SpecAnalysis | None
    diagnostics: list[Diagnostic]


def run_analysis(snapshot: Snapshot, still_current: Callable[[], bool], cache: ResultCache | None = None) -> Analysed:
    """Analyse a snapshot's unit (claims, classification, scenarios) as ``alignspec check``
    does. ``still_current`` is asked at each step of the analysis; when it says no, the
    analysis stops with :class:`Superseded`.

    With ``cache``, when the settings allow it and the document and every spec it imports were
    read with the bytes they have on disk, the reasoner's answers are taken from the cache (keyed
    by those bytes) or kept there; a text an editor holds unsaved is always analysed afresh."""
    unit = snapshot.unit
    if unit is None:
        return Analysed(snapshot, None, list(snapshot.static))

    def step(_message: str) -> None:
        if not still_current():
            raise Superseded()

    reader = snapshot.reader
    if cache is not None and reader is not None and snapshot.settings.cache and reader.saved(unit):
        step("")
        analysis = analyse_with_cache(unit, reader.digests, cache, snapshot.settings.budget, progress=step)
    else:
        analysis = analyse(unit, snapshot.settings.budget, progress=step)
    loader = snapshot.loader
    unused = loader.unused_declarations(unit, analysis.reporter.diagnostics)
    everything = [*snapshot.loaded.diagnostics, *unused, *analysis.reporter.diagnostics]
    return Analysed(snapshot, analysis, ordered(everything))


def workspace_units(store: DocumentStore, folders: list[str], arguments: argparse.Namespace,
                    extra: Sequence[Snapshot] = ()) -> list[Unit]:
    """Every spec of the workspace folders (and of the open documents), loaded with one loader
    so that each file is read once: what find-references and rename search."""
    configured = configure(arguments, folders[0] if folders else os.getcwd())
    loader = Loader([*folders, *configured.settings.roots], overlay=store.overlay)
    paths: list[str] = []
    for folder in folders:
        try:
            paths.extend(str(p) for p in spec_files_below(Path(folder)))
        except OSError:
            continue
    paths.extend(d.path for d in store.documents() if d.path is not None)
    units: dict[int, Unit] = {}
    for path in dict.fromkeys(os.path.realpath(p) for p in paths):
        loaded = loader.load(path)
        if loaded.unit is not None:
            units[id(loaded.unit)] = loaded.unit
    for snapshot in extra:
        for unit in snapshot.units():
            units.setdefault(id(unit), unit)
    return list(units.values())
