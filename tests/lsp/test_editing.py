"""Completion, semantic tokens and formatting over a real session."""

from __future__ import annotations

from pathlib import Path

import pytest
from _lsp_session import RecordingClient, open_document, settled, until
from lsprotocol import types as lsp
from test_navigation import apply

pytestmark = pytest.mark.asyncio

SPEC = """\
import "base.align" as b
kind Agent
kind Model
relation trains(Agent, Model)
relation assigns(Agent, Model, Agent)
concept trained(m: Model) := trains(a, m)
framing strict {
    rule r: trains(a, m) -> trained(m)
}
claim under strict: trained(m) implies trained(m)
"""


async def complete(client: RecordingClient, uri: str, line: int, character: int) -> list[lsp.CompletionItem]:
    found = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri), position=lsp.Position(line, character)))
    assert found is not None
    return list(found.items if isinstance(found, lsp.CompletionList) else found)


def labels(items: list[lsp.CompletionItem], kind: lsp.CompletionItemKind | None = None) -> set[str]:
    return {i.label for i in items if kind is None or i.kind == kind}


async def test_completion_offers_what_fits(client: RecordingClient, workspace: Path):
    (workspace / "base.align").write_text("kind Human\nrelation builds(Human, Human)\n", encoding="utf-8")
    uri = open_document(client, workspace / "spec.align", SPEC)
    await settled(client, uri, 1)
    # edit the document to a place where each slot is: the model of version 1 supplies the names
    text = SPEC + "concept c(x: "
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2), [lsp.TextDocumentContentChangeWholeDocument(text)]))
    kinds = await complete(client, uri, 10, len("concept c(x: "))
    assert labels(kinds) >= {"Agent", "Model"} and not labels(kinds) & {"trains", "trained", "strict"}
    # at the start of a line: statement keywords
    assert labels(await complete(client, uri, 10, 0)) >= {"kind", "relation", "concept", "claim", "scenario"}
    text = SPEC + "claim under "
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=3), [lsp.TextDocumentContentChangeWholeDocument(text)]))
    assert labels(await complete(client, uri, 10, len("claim under "))) == {"strict"}
    text = SPEC + "concept d(m: Model) := "
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=4), [lsp.TextDocumentContentChangeWholeDocument(text)]))
    items = await complete(client, uri, 10, len("concept d(m: Model) := "))
    assert labels(items) >= {"Agent", "Model", "trains", "assigns", "trained", "b"}
    assigns = next(i for i in items if i.label == "assigns")
    assert assigns.kind == lsp.CompletionItemKind.Interface
    assert assigns.insert_text_format == lsp.InsertTextFormat.Snippet
    assert assigns.insert_text is not None and assigns.insert_text.count("${") == 3   # three positions
    text = SPEC + "concept d(m: Model) := b."
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=5), [lsp.TextDocumentContentChangeWholeDocument(text)]))
    assert labels(await complete(client, uri, 10, len("concept d(m: Model) := b."))) == {"Human", "builds"}
    text = SPEC + "concept d(m: Model) := trains(a, m), trains("
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=6), [lsp.TextDocumentContentChangeWholeDocument(text)]))
    assert labels(await complete(client, uri, 10, len(text.splitlines()[-1]))) == {"m", "a"}


async def test_semantic_tokens_tell_names_apart(client: RecordingClient, workspace: Path):
    (workspace / "base.align").write_text("kind Human\n", encoding="utf-8")
    uri = open_document(client, workspace / "spec.align", SPEC)
    await settled(client, uri, 1)
    assert client.capabilities is not None
    legend = await legend_of(client)
    tokens = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(
        lsp.TextDocumentIdentifier(uri)))
    assert tokens is not None and len(tokens.data) % 5 == 0
    decoded = decode(tokens.data, legend)
    lines = SPEC.split("\n")
    by_text = {}
    for line, start, length, kind, modifiers in decoded:
        by_text.setdefault(lines[line][start:start + length], set()).add((kind, "declaration" in modifiers))
    assert ("type", True) in by_text["Agent"] and ("type", False) in by_text["Agent"]
    assert ("function", True) in by_text["trains"]
    assert ("macro", True) in by_text["trained"]
    assert ("class", True) in by_text["strict"] and ("class", False) in by_text["strict"]
    assert ("method", True) in by_text["r"]
    assert ("namespace", True) in by_text["b"]
    assert {k for k, _ in by_text["m"]} == {"parameter", "variable"}
    # tokens are in order and do not overlap
    positions = [(line, start, length) for line, start, length, _, _ in decoded]
    assert positions == sorted(positions)


async def test_formatting(client: RecordingClient, workspace: Path):
    text = "kind A:B,C   # two parents\nkind   B\nkind C\nrelation r( A , B )\n"
    uri = open_document(client, workspace / "spec.align", text)
    edits = await client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=lsp.TextDocumentIdentifier(uri), options=lsp.FormattingOptions(tab_size=4, insert_spaces=True)))
    assert edits is not None
    assert apply(text, list(edits)) == "kind A: B, C  # two parents\nkind B\nkind C\n\nrelation r(A, B)\n"
    broken = open_document(client, workspace / "broken.align", "kind (\n")
    refused = await client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=lsp.TextDocumentIdentifier(broken), options=lsp.FormattingOptions(tab_size=4, insert_spaces=True)))
    assert refused is None
    await until_message(client)
    assert client.messages[-1].type == lsp.MessageType.Warning


async def test_explain_command(client: RecordingClient, workspace: Path):
    text = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="alignspec.explain", arguments=["AS302"]))
    assert isinstance(text, str) and text.startswith("AS302 claim-failed")


async def until_message(client: RecordingClient) -> None:
    await until(lambda: bool(client.messages), what="a message")


async def legend_of(client: RecordingClient) -> lsp.SemanticTokensLegend:
    capabilities = client.server_capabilities
    assert capabilities is not None
    provider = capabilities.semantic_tokens_provider
    assert isinstance(provider, lsp.SemanticTokensOptions)
    return provider.legend


def decode(data: list[int], legend: lsp.SemanticTokensLegend) -> list[tuple[int, int, int, str, set[str]]]:
    out = []
    line = start = 0
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind, bits = data[i:i + 5]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        modifiers = {m for j, m in enumerate(legend.token_modifiers) if bits & (1 << j)}
        out.append((line, start, length, legend.token_types[kind], modifiers))
    return out
