"""Helpers of the language-server tests: the server command (``python -m checker lsp`` over
standard streams), a client that records every publication of diagnostics, and edits and waits,
each wait with a timeout."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0   # seconds any one wait may take


def _environment() -> dict[str, str]:
    paths = [str(REPO), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


class RecordingClient(LanguageClient):
    """pytest-lsp's client, which also keeps every publication of diagnostics in order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.publications: list[lsp.PublishDiagnosticsParams] = []
        self.registrations: list[lsp.Registration] = []
        self.server_capabilities: lsp.ServerCapabilities | None = None


def _record(client: RecordingClient, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.publications.append(params)


def _register(client: RecordingClient, params: lsp.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def _make_client() -> RecordingClient:
    client = RecordingClient(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
                                   lsp.CLIENT_REGISTER_CAPABILITY: _register})
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "checker", "lsp"], server_env=_environment(),
                            client_factory=_make_client)


def uri(path: Path) -> str:
    return str(from_fs_path(str(path)))


def open_document(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    """Open ``path`` in the session (with ``text``, or the file's text); its URI."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    document_uri = uri(path)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=document_uri, language_id="alignspec", version=version, text=text)))
    return document_uri


def edit(client: LanguageClient, document_uri: str, version: int, start: tuple[int, int], end: tuple[int, int],
         text: str) -> None:
    """Replace the text from ``start`` to ``end`` (0-based line and UTF-16 column) with ``text``."""
    change = lsp.TextDocumentContentChangePartial(
        range=lsp.Range(lsp.Position(*start), lsp.Position(*end)), text=text)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=document_uri, version=version), [change]))


def replace_all(client: LanguageClient, document_uri: str, version: int, text: str) -> None:
    """Replace the whole text of the document."""
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=document_uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))


async def until(condition: Callable[[], bool], timeout: float = TIMEOUT, what: str = "the condition") -> None:
    """Wait until ``condition()`` holds, at most ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def codes(client: LanguageClient, document_uri: str) -> list[str]:
    """The codes of the diagnostics last published for a document."""
    return [str(d.code) for d in client.diagnostics.get(document_uri, [])]


async def settled(client: RecordingClient, document_uri: str, version: int,
                  timeout: float = TIMEOUT) -> list[lsp.Diagnostic]:
    """The diagnostics of ``version`` of a document once the reasoner's have been published (the
    server publishes twice for each version: the cheap findings at once, then every finding)."""

    def published() -> list[lsp.PublishDiagnosticsParams]:
        return [p for p in client.publications if p.uri == document_uri and p.version == version]

    await until(lambda: len(published()) >= 2, timeout, f"the diagnostics of version {version}")
    return list(published()[-1].diagnostics)
