"""The language server's reasoner stage and the result cache: a document whose text and imports
are those on disk gets the same findings, hovers and exclusions from the cache as analysed
afresh; an edit to an imported file on disk is seen; a text an editor holds unsaved (the
document's or an import's) is analysed afresh and not kept; a real session with the cache on
publishes the same diagnostics when a document is opened again."""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from _lsp_session import SERVER, TIMEOUT, RecordingClient, open_document, settled
from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, client_capabilities

from alignspec.lsp.documents import DocumentStore
from alignspec.lsp.hover import Exclusions, neighbourhoods
from alignspec.lsp.workspace import Analysed, run_analysis, take_snapshot
from alignspec.model.loader import library_directory
from alignspec.result_cache import ResultCache

LIB = """\
kind Agent
relation helps(Agent, Agent)
relation knows(Agent, Agent)
relation trusts(Agent, Agent)
concept helper(x: Agent) := helps(x, y)
"""
LIB_EDITED = LIB.replace(":= helps(x, y)", ":= helps(x, y), trusts(x, y)")
MAIN = """\
import "lib.align" as lib
concept strong(x: lib.Agent) := lib.helps(x, y), lib.knows(x, y)
claim strong_helps: strong implies lib.helper
"""


@pytest.fixture
def cache_on(monkeypatch) -> None:
    """Settings that allow the result cache (the test session turns it off)."""
    monkeypatch.delenv("ALIGNSPEC_NO_CACHE", raising=False)


def _open(store: DocumentStore, path: Path, text: str | None = None) -> str:
    uri = str(from_fs_path(str(path)))
    store.open(uri, path.read_text(encoding="utf-8") if text is None else text, 1)
    return uri


def _analysed(store: DocumentStore, uri: str, folder: Path, cache: ResultCache | None) -> Analysed:
    document = store.get(uri)
    assert document is not None
    snapshot = take_snapshot(document, store, argparse.Namespace(isolated=True), [str(folder)])
    return run_analysis(snapshot, lambda: True, cache)


def _findings(analysed: Analysed) -> list[dict]:
    return [d.to_dict() for d in analysed.diagnostics]


def _hovers(analysed: Analysed) -> list[object]:
    """Each concept's place under each framing (the document's and its imports' concepts), with
    the exclusions of the document's first three concepts decided."""
    unit = analysed.snapshot.unit
    assert unit is not None and analysed.analysis is not None
    exclusions = Exclusions()
    budget = analysed.snapshot.settings.budget
    for concept in unit.concepts[:3]:
        for view, name in [(v, n) for v in analysed.analysis.framings for n, c in v.concepts.items()
                           if c.name == concept.name and c.unit.real == concept.unit.real]:
            exclusions.decide(analysed, view, name, budget)
    return [neighbourhoods(analysed, concept, exclusions)
            for each in analysed.snapshot.units() for concept in each.concepts]


@pytest.mark.parametrize("name", ["rflo", "hubinger2020"])
def test_cold_and_warm_findings_and_hovers_are_those_analysed_afresh(tmp_path, cache_on, name):
    shutil.copy(library_directory() / f"{name}.align", tmp_path / f"{name}.align")
    store = DocumentStore()
    uri = _open(store, tmp_path / f"{name}.align")
    fresh = _analysed(store, uri, tmp_path, None)
    cache = ResultCache(tmp_path / "results")
    cold = _analysed(store, uri, tmp_path, cache)
    warm = _analysed(store, uri, tmp_path, cache)
    assert (cache.hits, cache.misses) == (1, 1)
    assert _findings(cold) == _findings(warm) == _findings(fresh)
    assert _hovers(cold) == _hovers(warm) == _hovers(fresh)
    assert any(place.implies or place.excludes for places in _hovers(warm) for place in places)


def test_an_edit_to_an_imported_file_on_disk_is_seen(tmp_path, cache_on):
    (tmp_path / "lib.align").write_text(LIB, encoding="utf-8")
    (tmp_path / "main.align").write_text(MAIN, encoding="utf-8")
    store = DocumentStore()
    uri = _open(store, tmp_path / "main.align")
    cache = ResultCache(tmp_path / "results")
    first = _analysed(store, uri, tmp_path, cache)
    assert _findings(_analysed(store, uri, tmp_path, cache)) == _findings(first)
    (tmp_path / "lib.align").write_text(LIB_EDITED, encoding="utf-8")
    edited = _analysed(store, uri, tmp_path, cache)
    assert (cache.hits, cache.misses) == (1, 2)
    assert _findings(edited) == _findings(_analysed(store, uri, tmp_path, None)) != _findings(first)


@pytest.mark.parametrize("unsaved", ["main.align", "lib.align"])
def test_a_text_held_unsaved_is_analysed_afresh_and_not_kept(tmp_path, cache_on, unsaved):
    (tmp_path / "lib.align").write_text(LIB, encoding="utf-8")
    (tmp_path / "main.align").write_text(MAIN, encoding="utf-8")
    store = DocumentStore()
    uri = _open(store, tmp_path / "main.align")
    cache = ResultCache(tmp_path / "results")
    saved = _analysed(store, uri, tmp_path, cache)
    edits = {"main.align": MAIN.replace("lib.helps(x, y), lib.knows(x, y)", "lib.knows(x, y)"),
             "lib.align": LIB_EDITED}
    _open(store, tmp_path / unsaved, edits[unsaved])
    entries = sorted(p.name for p in (tmp_path / "results").iterdir())
    held = _analysed(store, uri, tmp_path, cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == entries
    assert "AS302" in [d["code"] for d in _findings(held)] and _findings(held) != _findings(saved)
    assert _findings(held) == _findings(_analysed(store, uri, tmp_path, None))


CACHE_HOME = Path(tempfile.mkdtemp(prefix="alignspec-lsp-cache-"))
CACHED_SERVER = ClientServerConfig(
    server_command=SERVER.server_command, client_factory=SERVER.client_factory,
    server_env={**{k: v for k, v in (SERVER.server_env or {}).items() if k != "ALIGNSPEC_NO_CACHE"},
                "XDG_CACHE_HOME": str(CACHE_HOME)})


@pytest.fixture(scope="module", autouse=True)
def _remove_cache_home():
    yield
    shutil.rmtree(CACHE_HOME, ignore_errors=True)


@pytest_lsp.fixture(config=CACHED_SERVER)
async def cached_client(lsp_client: RecordingClient, workspace: Path):
    params = lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=from_fs_path(str(workspace)),
        workspace_folders=[lsp.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="workspace")],
        initialization_options={"analysisDelay": 0.1})
    await asyncio.wait_for(lsp_client.initialize_session(params), TIMEOUT)
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)


@pytest.mark.asyncio
async def test_a_session_publishes_the_same_diagnostics_from_the_cache(cached_client: RecordingClient,
                                                                         workspace: Path):
    path = workspace / "rflo.align"
    shutil.copy(library_directory() / "rflo.align", path)
    uri = open_document(cached_client, path)
    cold = await settled(cached_client, uri, 1)
    results = CACHE_HOME / "alignspec" / "results"
    (entry,) = [p for p in results.iterdir() if p.name.startswith("spec-")]
    stored = entry.stat().st_mtime_ns
    cached_client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri=uri)))
    open_document(cached_client, path, version=2)
    assert await settled(cached_client, uri, 2) == cold
    assert [p for p in results.iterdir() if p.name.startswith("spec-")] == [entry]
    assert entry.stat().st_mtime_ns > stored  # read again: an entry is marked as used when it is loaded
