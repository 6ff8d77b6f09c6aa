"""The language server: pygls wiring of the protocol's requests to the modules that answer them.

Started by ``alignspec lsp`` (standard streams, or ``--tcp``). Initialization options (all
optional): ``{"analysisDelay": 0.4}``, the pause in seconds after an edit before the reasoner
runs. The settings come from the configuration file nearest each document, with the options
``alignspec lsp`` was started with taking their place, as for ``alignspec check``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from .._version import __version__
from ..model.symbols import ConceptSym, Unit
from ..render.explain import UnknownCodeError, explain
from ..span import Span
from .actions import code_actions
from .completion import complete
from .diagnostics import overlapping
from .documents import SPEC_SUFFIX, DocumentStore, path_of
from .formatting import Refusal, format_edits
from .hover import Exclusions, hover_text, pending
from .index import LOCAL, Category, Occurrence, at, index_unit
from .navigation import (
    RenameError,
    definition_span,
    document_symbols,
    local_declaration,
    prepare_rename,
    references,
    rename_edits,
    workspace_edit,
    workspace_symbols,
)
from .positions import UTF16, LineIndex
from .scheduler import DEFAULT_DELAY, Scheduler
from .tokens import LEGEND, encode
from .workspace import Snapshot, workspace_units

log = logging.getLogger(__name__)

NAME = "alignspec"
EXPLAIN_COMMAND = "alignspec.explain"
REQUEST_FAILED = -32803           # the protocol's RequestFailed: a valid request that cannot be done
EXCLUSIONS_WAIT = 1.0             # seconds a hover waits for a concept's exclusions to be decided


class Refused(JsonRpcException):
    """A request the server understood and cannot carry out (a rename of a library name...)."""

    CODE = REQUEST_FAILED


class _QuietRefusals(logging.Filter):
    """Keeps refusals out of the log: they are answers, not errors of the server; so is the
    exit of a TCP session, which pygls ends with ``SystemExit`` inside a connection callback."""

    def filter(self, record: logging.LogRecord) -> bool:
        info = record.exc_info
        return not (info and isinstance(info[1], (Refused, SystemExit)))


class AlignSpecServer(LanguageServer):
    """The AlignSpec language server."""

    def __init__(self, arguments: argparse.Namespace):
        super().__init__(NAME, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.arguments = arguments
        self.store = DocumentStore()
        self.static_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alignspec-model")
        self.reasoner_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="alignspec-reasoner")
        self.exclusions = Exclusions()
        self.scheduler = Scheduler(self.store, arguments, self.folders, self._publish, self.encoding,
                                   self.static_pool, self.reasoner_pool, DEFAULT_DELAY)
        self._indexes: weakref.WeakKeyDictionary[Unit, list[Occurrence]] = weakref.WeakKeyDictionary()
        _register(self)

    # environment
    def folders(self) -> list[str]:
        """The workspace folders' paths (the root path when the client names no folder)."""
        try:
            workspace = self.workspace
        except RuntimeError:
            return []
        found = [path_of(folder.uri) for folder in workspace.folders.values()]
        paths = [p for p in found if p]
        if not paths and workspace.root_path:
            paths = [workspace.root_path]
        return paths

    def encoding(self) -> str:
        """The negotiated position encoding (``utf-16`` unless the client chose another)."""
        try:
            chosen = self.workspace.position_encoding
        except RuntimeError:
            return UTF16
        return str(getattr(chosen, "value", chosen) or UTF16)

    def _publish(self, uri: str, version: int | None, diagnostics: list[lsp.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, diagnostics, version))

    def index(self, text: str) -> LineIndex:
        """The line index of a text in the negotiated encoding."""
        return LineIndex(text, self.encoding())

    def occurrences(self, unit: Unit) -> list[Occurrence]:
        """The names of ``unit`` (computed once per loaded unit)."""
        found = self._indexes.get(unit)
        if found is None:
            found = self._indexes[unit] = index_unit(unit)
        return found

    def location(self, span: Span) -> lsp.Location:
        """Where a span is, as the client names the file."""
        uri = self.store.uri_for(span.file)
        return lsp.Location(uri, self.index(self.store.text_for(span.file)).range(span))

    async def under_cursor(self, uri: str, position: lsp.Position) -> tuple[Snapshot, Unit, Occurrence] | None:
        """The snapshot, unit and name at a position of a document (None: no name there)."""
        snapshot = await self.scheduler.usable(uri)
        if snapshot is None or snapshot.unit is None:
            return None
        unit = snapshot.unit
        point = self.index(snapshot.document.text).point(position)
        found = at(self.occurrences(unit), point)
        return (snapshot, unit, found) if found is not None else None

    async def every_unit(self, uri: str) -> list[Unit]:
        """The units that can use a name of the document: its own load, the other open
        documents' and the workspace's."""
        snapshots = []
        for document in self.store.documents():
            snapshot = await self.scheduler.usable(document.uri)
            if snapshot is not None:
                snapshots.append(snapshot)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.static_pool, workspace_units, self.store, self.folders(),
                                          self.arguments, snapshots)

    def stop_workers(self) -> None:
        """Stop the worker threads (running analyses finish on their own; nothing waits for them)."""
        self.static_pool.shutdown(wait=False, cancel_futures=True)
        self.reasoner_pool.shutdown(wait=False, cancel_futures=True)


def _register(server: AlignSpecServer) -> None:
    """Register every feature of ``server``."""
    scheduler = server.scheduler
    store = server.store

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("analysisDelay"), (int, float)):
            scheduler.delay = max(0.0, float(options["analysisDelay"]))

    @server.feature(lsp.INITIALIZED)
    async def initialized(params: lsp.InitializedParams) -> None:
        capabilities = server.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities is not None else None
        if watched is not None and watched.dynamic_registration:
            options = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=f"**/*{SPEC_SUFFIX}")])
            try:
                await server.client_register_capability_async(lsp.RegistrationParams(registrations=[
                    lsp.Registration(id="alignspec-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                     register_options=options)]))
            except Exception:   # the client said no: changes on disk are then seen on the next edit
                log.info("the client did not register the file watcher")

    @server.feature(lsp.SHUTDOWN)
    def shutdown(params: Any) -> None:
        server.stop_workers()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        store.open(document.uri, server.workspace.get_text_document(document.uri).source, document.version)
        scheduler.opened(document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        document = params.text_document
        store.open(document.uri, server.workspace.get_text_document(document.uri).source, document.version)
        scheduler.changed(document.uri, params.content_changes)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        store.close(params.text_document.uri)
        scheduler.closed(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None:
            scheduler.files_changed({os.path.realpath(path)})

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: lsp.DidChangeWatchedFilesParams) -> None:
        paths = {path_of(change.uri) for change in params.changes}
        scheduler.files_changed({os.path.realpath(p) for p in paths if p})

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_folders(params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        scheduler.refresh()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(params: lsp.DidChangeConfigurationParams) -> None:
        scheduler.refresh()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(params: lsp.HoverParams) -> lsp.Hover | None:
        found = await server.under_cursor(params.text_document.uri, params.position)
        if found is None:
            return None
        snapshot, unit, occurrence = found
        analysed = scheduler.analysed(params.text_document.uri)
        symbol = occurrence.symbol
        if analysed is not None and isinstance(symbol, ConceptSym):
            budget = snapshot.settings.budget
            waiting = [asyncio.get_running_loop().run_in_executor(
                server.reasoner_pool, server.exclusions.decide, analysed, view, name, budget)
                for view, name in pending(analysed, symbol, server.exclusions)]
            if waiting:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(asyncio.shield(asyncio.gather(*waiting)), EXCLUSIONS_WAIT)
        text = hover_text(occurrence, unit, analysed, server.exclusions)
        if text is None:
            return None
        index = server.index(snapshot.document.text)
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), index.range(occurrence.span))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    async def definition(params: lsp.DefinitionParams) -> lsp.Location | None:
        found = await server.under_cursor(params.text_document.uri, params.position)
        if found is None:
            return None
        _, unit, occurrence = found
        span = definition_span(occurrence)
        if span is None and occurrence.target is not None:
            declared = local_declaration(server.occurrences(unit), occurrence.target)
            span = declared.span if declared is not None else None
        return server.location(span) if span is not None else None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def find_references(params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        found = await server.under_cursor(params.text_document.uri, params.position)
        if found is None or found[2].target is None:
            return None
        _, unit, occurrence = found
        target = occurrence.target
        assert target is not None
        if target.category in LOCAL or target.category is Category.ALIAS:
            units = [unit]
        else:
            units = await server.every_unit(params.text_document.uri)
        hits = references(units, target, params.context.include_declaration)
        return [server.location(o.span) for o in hits]

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol] | None:
        snapshot = await scheduler.usable(params.text_document.uri)
        if snapshot is None or snapshot.unit is None:
            return None
        return document_symbols(snapshot.unit.spec, server.index(snapshot.document.text))

    @server.feature(lsp.WORKSPACE_SYMBOL)
    async def workspace_symbol(params: lsp.WorkspaceSymbolParams) -> list[lsp.WorkspaceSymbol]:
        documents = store.documents()
        units = await server.every_unit(documents[0].uri if documents else "")
        return workspace_symbols([u for u in units if not u.is_library], params.query, server.location)

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare(params: lsp.PrepareRenameParams) -> lsp.Range | None:
        found = await server.under_cursor(params.text_document.uri, params.position)
        if found is None:
            return None
        snapshot, _, occurrence = found
        try:
            span = prepare_rename(occurrence)
        except RenameError as exc:
            raise Refused(str(exc)) from None
        return server.index(snapshot.document.text).range(span)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    async def rename(params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        found = await server.under_cursor(params.text_document.uri, params.position)
        if found is None:
            return None
        _, unit, occurrence = found
        try:
            prepare_rename(occurrence)
        except RenameError as exc:
            raise Refused(str(exc)) from None
        assert occurrence.target is not None
        target = occurrence.target
        local = target.category in LOCAL or target.category is Category.ALIAS
        units = [unit] if local else await server.every_unit(params.text_document.uri)
        declared = {u.real: set(u.own) for u in units}
        try:
            hits = rename_edits(references(units, target, True), params.new_name, declared)
        except RenameError as exc:
            raise Refused(str(exc)) from None
        return workspace_edit(hits, params.new_name, server.location)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["."]))
    async def completion(params: lsp.CompletionParams) -> lsp.CompletionList:
        uri = params.text_document.uri
        document = store.get(uri)
        if document is None:
            return lsp.CompletionList(is_incomplete=False, items=[])
        snapshot = await scheduler.usable(uri)
        index = server.index(document.text)
        normalised = document.text.replace("\r\n", "\n").replace("\r", "\n")
        before = normalised[: index.offset(params.position)]
        capabilities = server.client_capabilities.text_document
        item = capabilities.completion.completion_item if capabilities and capabilities.completion else None
        snippets = bool(item and item.snippet_support)
        unit = snapshot.unit if snapshot is not None else None
        items = complete(before, unit, params.position.line + 1, snippets)
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    async def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        only = params.context.only
        if only is not None and not any(lsp.CodeActionKind.QuickFix.value.startswith(k) for k in only):
            return None
        snapshot = await scheduler.snapshot(uri)
        document = store.get(uri)
        if snapshot is None or document is None or snapshot.document.text != document.text:
            return None
        index = server.index(document.text)
        chosen = [(p.sent, p.finding) for p in scheduler.published(uri) if overlapping(p.sent.range, params.range)]
        return code_actions(uri, document.text, snapshot.unit, index, chosen) or None

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
        document = store.get(params.text_document.uri)
        if document is None:
            return None
        result = format_edits(document.text, document.path or document.uri, server.index(document.text))
        if isinstance(result, Refusal):
            server.window_show_message(lsp.ShowMessageParams(
                lsp.MessageType.Warning,
                f"AlignSpec: not formatted, the text does not parse: line {result.line}, column "
                f"{result.column}: {result.message}"))
            return None
        return result

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
    async def semantic_tokens(params: lsp.SemanticTokensParams) -> lsp.SemanticTokens | None:
        snapshot = await scheduler.snapshot(params.text_document.uri)
        if snapshot is None or snapshot.unit is None:
            return None
        return lsp.SemanticTokens(data=encode(server.occurrences(snapshot.unit), server.index(snapshot.document.text)))

    @server.command(EXPLAIN_COMMAND)
    def explain_command(code: str) -> str:
        try:
            return explain(code)
        except UnknownCodeError as exc:
            raise Refused(str(exc)) from None


def _logging(arguments: argparse.Namespace) -> None:
    level = logging.DEBUG if getattr(arguments, "verbose", False) else logging.WARNING
    log_file = getattr(arguments, "log_file", None)
    handler: logging.Handler = logging.FileHandler(log_file) if log_file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s"))
    handler.addFilter(_QuietRefusals())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def main(arguments: argparse.Namespace) -> int:
    """Run the server until the client ends the session; the exit status."""
    _logging(arguments)
    server = AlignSpecServer(arguments)
    try:
        if getattr(arguments, "tcp", False):
            server.start_tcp(arguments.host, arguments.port)
        else:
            server.start_io()
    finally:
        server.stop_workers()
    return 0
