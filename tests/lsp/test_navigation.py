"""Hover, go to definition, references, the outline, workspace symbols and rename, over a real
session with a spec that imports another (with and without an alias)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _lsp_session import RecordingClient, open_document, replace_all, settled, uri
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.asyncio

BASE = """\
spec base "The shared vocabulary"
kind Agent "something that acts"
kind Model
disjoint Agent, Model
relation trains(Agent, Model) "who trains whom" source "Hubinger 2019"
relation oversees(Agent, Model)
concept trained(m: Model) "a model someone trains" := trains(a, m)
concept watched(m: Model) := oversees(a, m)
concept trainer(a: Agent) := trains(a, m)
"""

MAIN = """\
import "base.align" as b
import "base.align"
concept supervised(m: Model) := trains(a, m), b.oversees(a, m)
framing strict {
    rule watch: trains(a, m) -> oversees(a, m)
}
claim under strict: trained equivalent supervised
claim under strict: b.trained implies watched
"""


def write(workspace: Path) -> tuple[Path, Path]:
    base = workspace / "base.align"
    base.write_text(BASE, encoding="utf-8")
    main = workspace / "main.align"
    main.write_text(MAIN, encoding="utf-8")
    return base, main


def position(text: str, needle: str, occurrence: int = 0, offset: int = 0) -> lsp.Position:
    """The position of the ``occurrence``-th ``needle`` in ``text`` (ASCII text), moved by ``offset``."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1) + offset
    return lsp.Position(line, column)


async def test_hover_on_a_concept_shows_its_implications(client: RecordingClient, workspace: Path):
    _, main = write(workspace)
    main_uri = open_document(client, main)
    await settled(client, main_uri, 1)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(main_uri), position(MAIN, "supervised", 0, 2)))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    text = hover.contents.value
    assert hover.range == lsp.Range(position(MAIN, "supervised"), position(MAIN, "supervised", 0, len("supervised")))
    assert "concept supervised(m: Model)" in text
    unfolded = text.split("unfolded:")[1].split("```")[1]
    assert "Model(m)" in unfolded and "trains(" in unfolded and "oversees(" in unfolded
    # under the base framing supervised implies trained; under strict they are equivalent
    base_line = next(line for line in text.splitlines() if line.startswith("- **under the base framing**"))
    strict_line = next(line for line in text.splitlines() if line.startswith("- **under strict**"))
    assert "implies" in base_line and "`trained`" in base_line
    assert "equivalent to" in strict_line and "`trained`" in strict_line


async def test_hover_shows_doc_and_sources_and_exclusions(client: RecordingClient, workspace: Path):
    base, _ = write(workspace)
    base_uri = open_document(client, base)
    await settled(client, base_uri, 1)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(base_uri), position(BASE, "trains(Agent", 0, 1)))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "relation trains(Agent, Model)" in hover.contents.value
    assert "who trains whom" in hover.contents.value and "Hubinger 2019" in hover.contents.value
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(base_uri), position(BASE, "concept trained", 0, 9)))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "a model someone trains" in hover.contents.value
    # Agent and Model are disjoint: what trains and what is trained have no member in common
    base_line = next(line for line in hover.contents.value.splitlines() if "base framing" in line)
    assert "excludes `trainer`" in base_line


async def test_definition_of_an_imported_concept(client: RecordingClient, workspace: Path):
    base, main = write(workspace)
    main_uri = open_document(client, main)
    await settled(client, main_uri, 1)
    for needle, occurrence in (("trained equivalent", 0), ("b.trained", 0)):
        offset = 3 if needle.startswith("b.") else 1
        found = await client.text_document_definition_async(lsp.DefinitionParams(
            lsp.TextDocumentIdentifier(main_uri), position(MAIN, needle, occurrence, offset)))
        assert isinstance(found, lsp.Location)
        assert found.uri == uri(base)
        assert found.range == lsp.Range(position(BASE, "trained("), position(BASE, "trained(", 0, len("trained")))


async def test_references_across_files(client: RecordingClient, workspace: Path):
    base, main = write(workspace)
    base_uri = open_document(client, base)
    await settled(client, base_uri, 1)
    found = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=lsp.TextDocumentIdentifier(base_uri), position=position(BASE, "oversees(Agent", 0, 2),
        context=lsp.ReferenceContext(include_declaration=True)))
    assert found is not None
    places = sorted((loc.uri, loc.range.start.line) for loc in found)
    assert places == sorted([(uri(base), 5), (uri(base), 7), (uri(main), 2), (uri(main), 4)])


async def test_rename_a_relation_across_two_files(client: RecordingClient, workspace: Path):
    base, main = write(workspace)
    main_uri = open_document(client, main)
    await settled(client, main_uri, 1)
    at = position(MAIN, "b.oversees", 0, 4)
    prepared = await client.text_document_prepare_rename_async(lsp.PrepareRenameParams(
        lsp.TextDocumentIdentifier(main_uri), at))
    assert prepared == lsp.Range(position(MAIN, "oversees"), position(MAIN, "oversees", 0, len("oversees")))
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=lsp.TextDocumentIdentifier(main_uri), position=at, new_name="supervises"))
    assert edit is not None and edit.changes is not None
    assert set(edit.changes) == {uri(base), uri(main)}
    new_base = apply(BASE, edit.changes[uri(base)])
    new_main = apply(MAIN, edit.changes[uri(main)])
    assert "oversees" not in new_base and "oversees" not in new_main
    assert "relation supervises(Agent, Model)" in new_base
    assert "b.supervises(a, m)" in new_main and "-> supervises(a, m)" in new_main
    base.write_text(new_base, encoding="utf-8")
    replace_all(client, main_uri, 2, new_main)
    assert [d.code for d in await settled(client, main_uri, 2) if d.code != "AS206"] == []


async def test_prepare_rename_refuses_keywords_and_what_is_not_declared(client: RecordingClient, workspace: Path):
    _, main = write(workspace)
    main_uri = open_document(client, main)
    await settled(client, main_uri, 1)
    keyword = await client.text_document_prepare_rename_async(lsp.PrepareRenameParams(
        lsp.TextDocumentIdentifier(main_uri), position(MAIN, "framing", 0, 2)))
    assert keyword is None
    with pytest.raises(JsonRpcException):
        await client.text_document_prepare_rename_async(lsp.PrepareRenameParams(
            lsp.TextDocumentIdentifier(main_uri), position(MAIN, '"base.align"', 0, 3)))
    with pytest.raises(JsonRpcException):
        await client.text_document_rename_async(lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(main_uri), position=position(MAIN, "supervised", 0, 1),
            new_name="claim"))
    with pytest.raises(JsonRpcException):
        await client.text_document_rename_async(lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(main_uri), position=position(MAIN, "supervised", 0, 1),
            new_name="watch"))


async def test_outline_and_workspace_symbols(client: RecordingClient, workspace: Path):
    base, main = write(workspace)
    main_uri = open_document(client, main)
    await settled(client, main_uri, 1)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        lsp.TextDocumentIdentifier(main_uri)))
    assert symbols is not None
    names = [(s.name, s.kind) for s in symbols if isinstance(s, lsp.DocumentSymbol)]
    assert ("supervised", lsp.SymbolKind.Function) in names
    assert ("strict", lsp.SymbolKind.Namespace) in names
    framing = next(s for s in symbols if isinstance(s, lsp.DocumentSymbol) and s.name == "strict")
    assert [c.name for c in framing.children or []] == ["watch"]
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="trnd"))
    assert found is not None
    assert {(s.name, s.location.uri) for s in found if isinstance(s.location, lsp.Location)} >= {("trained", uri(base))}


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """``text`` with ``edits`` applied (ASCII text: columns are characters)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(p: lsp.Position) -> int:
        return offsets[p.line] + p.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text
