"""The analysis of a large spec runs off the event loop: a hover is answered while the reasoner
is still at work, and an edit during the analysis makes it stop (its findings are never
published)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from _lsp_session import REPO, RecordingClient, open_document, replace_all, settled, until
from lsprotocol import types as lsp

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.generate import classification_spec

pytestmark = pytest.mark.asyncio

CONCEPTS = 800        # about four seconds of analysis on the project's machines; its model takes a fraction


async def test_a_large_spec_does_not_block_a_hover(client: RecordingClient, workspace: Path):
    text = classification_spec(CONCEPTS, 1)
    uri = open_document(client, workspace / "large.align", text)

    def published(version: int) -> int:
        return sum(1 for p in client.publications if p.uri == uri and p.version == version)

    await until(lambda: published(1) >= 1, what="the cheap findings")
    line = next(i for i, line in enumerate(text.split("\n")) if line.startswith("kind Agent"))
    started = time.monotonic()
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), lsp.Position(line, len("kind A"))))
    waited = time.monotonic() - started
    assert hover is not None
    assert published(1) == 1, "the reasoner finished before the hover was answered: the spec is too small"
    assert waited < 2.0
    # an edit while the reasoner works: its analysis of version 1 is dropped, version 2's is published
    replace_all(client, uri, 2, text + "\nkind Extra\n")
    await settled(client, uri, 2, timeout=180)
    assert published(1) == 1
