"""When the two stages of a document run, on which thread, and what is published.

Every edit starts a new *generation* of the document. Its cheap stage (parse and model) runs at
once on the static worker thread and its findings are published as soon as it is done, with the
reasoner's findings of the last analysis moved along with the edits. After a short pause with no
further edit, the reasoner runs on a worker thread of its own; its findings are published when it
is done, unless the document changed meanwhile: a newer generation makes the running analysis
stop at its next step, and its result is thrown away. Neither stage runs on the event loop, so
requests are answered while a large spec is analysed.

Documents that import an edited document are analysed again too (they read its editor text).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field

from lsprotocol import types as lsp

from ..diagnostics import Diagnostic
from .diagnostics import carried, is_static, reported, to_lsp
from .documents import DocumentStore
from .positions import LineIndex
from .workspace import Analysed, Snapshot, Superseded, run_analysis, take_snapshot

log = logging.getLogger(__name__)

DEFAULT_DELAY = 0.4   # seconds without an edit before the reasoner starts

#: Publishes one document's diagnostics: its URI, the version they are about, and the diagnostics.
Publish = Callable[[str, "int | None", list[lsp.Diagnostic]], None]


@dataclass
class Published:
    """A diagnostic as it was sent, with the finding it came from."""

    sent: lsp.Diagnostic
    finding: Diagnostic


@dataclass
class DocumentState:
    """What the scheduler keeps for one open document."""

    generation: int = 0
    snapshot: asyncio.Future[Snapshot | None] | None = None
    last_good: Snapshot | None = None          # the newest snapshot whose text parsed
    analysed: Analysed | None = None           # the newest finished analysis (maybe of an older text)
    analysing: asyncio.Future[Analysed | None] | None = None
    reasoned: list[lsp.Diagnostic] = field(default_factory=list)   # the reasoner's, as last sent
    published: list[Published] = field(default_factory=list)


class Scheduler:
    """Runs the stages of the open documents and publishes their diagnostics."""

    def __init__(self, store: DocumentStore, arguments: argparse.Namespace, folders: Callable[[], list[str]],
                 publish: Publish, encoding: Callable[[], str], static_pool: Executor, reasoner_pool: Executor,
                 delay: float = DEFAULT_DELAY):
        self.store = store
        self.arguments = arguments
        self.folders = folders
        self.publish = publish
        self.encoding = encoding
        self.static_pool = static_pool
        self.reasoner_pool = reasoner_pool
        self.delay = delay
        self.states: dict[str, DocumentState] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    # events
    def opened(self, uri: str) -> None:
        """A document was opened: start its first generation."""
        state = self.states.setdefault(uri, DocumentState())
        state.reasoned = []
        self._start(uri)
        self._dependents(uri)

    def changed(self, uri: str, changes: Sequence[lsp.TextDocumentContentChangeEvent]) -> None:
        """A document's text changed by ``changes``: start a new generation of it and of the
        documents that import it."""
        state = self.states.setdefault(uri, DocumentState())
        state.reasoned = carried(state.reasoned, changes, self.encoding())
        self._start(uri)
        self._dependents(uri)

    def closed(self, uri: str) -> None:
        """A document was closed: forget it, clear its diagnostics, and analyse the documents that
        import it again (they now read its file from disk)."""
        state = self.states.pop(uri, None)
        if state is not None:
            state.generation += 1
        self.publish(uri, None, [])
        self._dependents(uri, real=state.last_good.document.real if state and state.last_good else None)

    def files_changed(self, reals: set[str]) -> None:
        """Files changed on disk: analyse again the open documents that read them."""
        for uri, state in list(self.states.items()):
            snapshot = state.last_good
            if snapshot is not None and any(snapshot.depends_on(r) for r in reals):
                self._start(uri)

    def refresh(self) -> None:
        """Analyse every open document again (the settings or the workspace changed)."""
        for uri in list(self.states):
            self._start(uri)

    # results
    async def snapshot(self, uri: str) -> Snapshot | None:
        """The snapshot of the document's current text (None when it is not open)."""
        while True:
            state = self.states.get(uri)
            if state is None or state.snapshot is None:
                return None
            future = state.snapshot
            result = await asyncio.shield(future)
            if self.states.get(uri) is state and state.snapshot is future:
                return result

    async def usable(self, uri: str) -> Snapshot | None:
        """The snapshot of the current text if it parsed, else the last one that did."""
        current = await self.snapshot(uri)
        if current is not None and current.unit is not None:
            return current
        state = self.states.get(uri)
        return state.last_good if state is not None else None

    def analysed(self, uri: str) -> Analysed | None:
        """The newest finished analysis of the document (perhaps of an older text)."""
        state = self.states.get(uri)
        return state.analysed if state is not None else None

    async def analysed_now(self, uri: str, timeout: float) -> Analysed | None:
        """The analysis of the current text, waiting at most ``timeout`` seconds for it; the
        newest finished one when it is not ready by then."""
        state = self.states.get(uri)
        if state is None:
            return None
        running = state.analysing
        if running is not None and not running.done():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(running), timeout)
        return state.analysed

    def published(self, uri: str) -> list[Published]:
        """The diagnostics last sent for a document, with their findings."""
        state = self.states.get(uri)
        return list(state.published) if state is not None else []

    # the pipeline
    def _start(self, uri: str) -> None:
        state = self.states.setdefault(uri, DocumentState())
        state.generation += 1
        loop = asyncio.get_running_loop()
        state.snapshot = loop.create_future()
        state.analysing = loop.create_future()
        task = loop.create_task(self._run(uri, state, state.generation, state.snapshot, state.analysing))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _dependents(self, uri: str, real: str | None = None) -> None:
        document = self.store.get(uri)
        real = real or (document.real if document is not None else None)
        if real is None:
            return
        for other, state in list(self.states.items()):
            if other != uri and state.last_good is not None and state.last_good.depends_on(real):
                self._start(other)

    async def _run(self, uri: str, state: DocumentState, generation: int,
                   snapshot_future: asyncio.Future[Snapshot | None],
                   analysis_future: asyncio.Future[Analysed | None]) -> None:
        loop = asyncio.get_running_loop()

        def current() -> bool:
            return self.states.get(uri) is state and state.generation == generation

        try:
            snapshot = await loop.run_in_executor(self.static_pool, self._snapshot, uri, current)
        except Exception as exc:   # a bug must not stop the server: log it, publish nothing new
            log.exception("the cheap stage failed for %s", uri)
            snapshot_future.set_exception(exc)
            analysis_future.set_result(None)
            return
        snapshot_future.set_result(snapshot)
        if snapshot is None or not current():
            analysis_future.set_result(None)
            return
        if snapshot.unit is not None:
            state.last_good = snapshot
        self._send(uri, state, snapshot, snapshot.static, complete=False)
        await asyncio.sleep(self.delay)
        if not current():
            analysis_future.set_result(None)
            return
        try:
            analysed = await loop.run_in_executor(self.reasoner_pool, run_analysis, snapshot, current)
        except Superseded:
            analysis_future.set_result(None)
            return
        except Exception:
            log.exception("the reasoner failed for %s", uri)
            analysis_future.set_result(None)
            return
        if current():
            state.analysed = analysed
            self._send(uri, state, snapshot, analysed.diagnostics, complete=True)
        analysis_future.set_result(analysed)

    def _snapshot(self, uri: str, current: Callable[[], bool]) -> Snapshot | None:
        document = self.store.get(uri)
        if document is None or not current():
            return None
        return take_snapshot(document, self.store, self.arguments, self.folders())

    def _send(self, uri: str, state: DocumentState, snapshot: Snapshot, findings: list[Diagnostic],
              complete: bool) -> None:
        document = snapshot.document
        index = LineIndex(document.text, self.encoding())
        shown = reported(findings, snapshot.settings, snapshot.file, document.text, complete)
        indexes: dict[str, tuple[str, LineIndex]] = {snapshot.file: (uri, index)}

        def locate(file: str) -> tuple[str, LineIndex]:
            if file not in indexes:
                indexes[file] = (self.store.uri_for(file), LineIndex(self.store.text_for(file), self.encoding()))
            return indexes[file]

        published = [Published(to_lsp(d, index, locate), d) for d in shown]
        sent = [p.sent for p in published]
        if complete:
            state.reasoned = [d for d in sent if not is_static(d)]
        else:
            static = [d for d in sent if is_static(d)]
            sent = static + state.reasoned
            published = [p for p in published if is_static(p.sent)]
        state.published = published
        self.publish(uri, document.version, sent)
