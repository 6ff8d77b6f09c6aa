"""Diagnostics over a real session: a failing claim is reported with its range, code, link and
notes; an edit that fixes it makes it go; the cheap findings come at once; suppression comments
are honoured; columns are counted in UTF-16 units."""

from __future__ import annotations

from pathlib import Path

import pytest
from _lsp_session import RecordingClient, codes, edit, open_document, replace_all, settled, until
from lsprotocol import types as lsp

pytestmark = pytest.mark.asyncio

SPEC = """\
kind Agent
kind Model
relation trains(Agent, Model)
relation oversees(Agent, Model)
concept trained(m: Model) := trains(a, m)
concept watched(m: Model) := oversees(a, m)
framing strict {
    rule watch: trains(a, m) -> oversees(a, m)
}
claim bad: trained implies watched
"""


async def test_a_failing_claim_is_reported_with_its_range(client: RecordingClient, workspace: Path):
    path = workspace / "spec.align"
    path.write_text(SPEC, encoding="utf-8")
    uri = open_document(client, path)
    diagnostics = await settled(client, uri, 1)
    (failed,) = [d for d in diagnostics if d.code == "AS302"]
    assert failed.range == lsp.Range(lsp.Position(9, 0), lsp.Position(9, 34))
    assert failed.severity == lsp.DiagnosticSeverity.Error
    assert failed.source == "alignspec"
    assert failed.code_description is not None and failed.code_description.href == "alignspec-explain:AS302"


async def test_fixing_the_claim_makes_the_finding_go(client: RecordingClient, workspace: Path):
    path = workspace / "spec.align"
    path.write_text(SPEC, encoding="utf-8")
    uri = open_document(client, path)
    assert "AS302" in codes_of(await settled(client, uri, 1))
    # claim bad: trained implies watched  ->  claim bad under strict: trained implies watched
    edit(client, uri, 2, (9, 9), (9, 9), " under strict")
    assert codes_of(await settled(client, uri, 2)) == []


async def test_a_syntax_error_and_then_a_fix(client: RecordingClient, workspace: Path):
    path = workspace / "spec.align"
    uri = open_document(client, path, "kind Agent\nkind (\n")
    (error,) = await settled(client, uri, 1)
    assert error.code == "AS100"
    assert error.range.start == lsp.Position(1, 5)
    replace_all(client, uri, 2, "kind Agent\nkind Model\nrelation trains(Agent, Model)\nconcept c(m: Model) := trains(a, m)\nclaim: satisfiable c\n")
    assert codes_of(await settled(client, uri, 2)) == []


async def test_suppression_comments_are_honoured(client: RecordingClient, workspace: Path):
    text = SPEC.replace("claim bad:", "# alignspec: ignore[claim-failed]\nclaim bad:")
    uri = open_document(client, workspace / "spec.align", text)
    assert codes_of(await settled(client, uri, 1)) == []
    uri2 = open_document(client, workspace / "other.align", "kind A  # alignspec: ignore[AS303]\nclaim: satisfiable A(x)\n")
    assert codes_of(await settled(client, uri2, 1)) == ["AS207"]


async def test_columns_count_utf16_units(client: RecordingClient, workspace: Path):
    # U+1D49C (script A) is outside the Basic Multilingual Plane: two UTF-16 units; primes are one
    text = "kind \U0001d49c\u2032\nconcept c\u2033(x: \U0001d49c\u2032) := \U0001d49c\u2032(x), Bogus(x)\n"
    uri = open_document(client, workspace / "unicode.align", text)
    diagnostics = await settled(client, uri, 1)
    (unknown,) = [d for d in diagnostics if d.code == "AS200"]
    # what comes before Bogus on its line is 28 code points and 30 UTF-16 units
    assert unknown.range == lsp.Range(lsp.Position(1, 30), lsp.Position(1, 35))


async def test_notes_are_related_information(client: RecordingClient, workspace: Path):
    text = "kind A\nkind B\ndisjoint A, B\nconcept c(x: A) := B(x)\n"
    uri = open_document(client, workspace / "spec.align", text)
    diagnostics = await settled(client, uri, 1)
    (mismatch,) = [d for d in diagnostics if d.code == "AS203"]
    assert mismatch.related_information
    assert {r.location.uri for r in mismatch.related_information} == {uri}


def codes_of(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics if d.code != "AS206")


async def test_imports_read_open_documents_first(client: RecordingClient, workspace: Path):
    # on disk base.align has no concept 'watched'; the editor's unsaved text of it has
    (workspace / "base.align").write_text("kind Model\n", encoding="utf-8")
    base_uri = open_document(client, workspace / "base.align",
                             "kind Agent\nkind Model\nrelation oversees(Agent, Model)\n"
                             "concept watched(m: Model) := oversees(a, m)\n")
    # new.align exists only in the editor
    new_uri = open_document(client, workspace / "new.align", "kind Extra\n")
    main_uri = open_document(client, workspace / "main.align",
                             'import "base.align"\nimport "new.align"\nclaim: satisfiable watched(m), Extra(x)\n')
    assert codes_of(await settled(client, main_uri, 1)) == []
    # an edit of the imported document is seen by the document that imports it
    before = len([p for p in client.publications if p.uri == main_uri])
    replace_all(client, base_uri, 2, "kind Model\n")
    await until(lambda: "AS200" in codes(client, main_uri), what="main to see the edit of base")
    assert len([p for p in client.publications if p.uri == main_uri]) > before
    assert new_uri not in {p.uri for p in client.publications if any(d.code == "AS205" for d in p.diagnostics)}
