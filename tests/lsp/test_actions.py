"""Each quick fix, run over a real session: the edit it returns is applied to the document, and
the server's findings for the new text show that it did what it says."""

from __future__ import annotations

from pathlib import Path

import pytest
from _lsp_session import RecordingClient, open_document, replace_all, settled
from lsprotocol import types as lsp
from test_navigation import apply

pytestmark = pytest.mark.asyncio

SPEC = """\
kind Agent
kind Model
relation trains(Agent, Model)
relation oversees(Agent, Model)
concept trained(m: Model) := trains(a, m)
concept watched(m: Model) := oversees(a, m)
concept supervised(m: Model) := trains(a, m), oversees(a, m)
framing strict {
    rule watch: trains(a, m) -> oversees(a, m)
}
framing forbidding {
    rule never: trains(a, m) -> false
}
claim bad: trained implies watched
claim under strict: traned implies watched
scenario s {
    Agent alice
    Model m
    trains(alice, m)
    expect watched(m)
}
"""


async def actions_for(client: RecordingClient, uri: str, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))
    # the actions for this finding (others at the same place have their own)
    return [a for a in found or [] if isinstance(a, lsp.CodeAction)
            and any(d.code == diagnostic.code and d.range == diagnostic.range for d in a.diagnostics or [])]


def edited(text: str, uri: str, action: lsp.CodeAction) -> str:
    assert action.edit is not None and action.edit.changes is not None
    assert set(action.edit.changes) == {uri}
    return apply(text, list(action.edit.changes[uri]))


def inserted(action: lsp.CodeAction) -> str:
    assert action.edit is not None and action.edit.changes is not None
    return "".join(e.new_text for edits in action.edit.changes.values() for e in edits)


def only(diagnostics: list[lsp.Diagnostic], code: str) -> lsp.Diagnostic:
    (found,) = [d for d in diagnostics if d.code == code]
    return found


def codes(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics if d.code != "AS206")


async def opened(client: RecordingClient, workspace: Path) -> tuple[str, list[lsp.Diagnostic]]:
    uri = open_document(client, workspace / "spec.align", SPEC)
    diagnostics = await settled(client, uri, 1)
    # trained and supervised have no member under forbidding: two AS301
    assert codes(diagnostics) == ["AS200", "AS301", "AS301", "AS302", "AS303", "AS400"]
    return uri, diagnostics


async def test_did_you_mean_fixes_the_name(client: RecordingClient, workspace: Path):
    uri, diagnostics = await opened(client, workspace)
    unknown = only(diagnostics, "AS200")
    (fix,) = [a for a in await actions_for(client, uri, unknown) if "ignore" not in inserted(a)]
    assert fix.kind == lsp.CodeActionKind.QuickFix and fix.is_preferred
    assert inserted(fix) == "trained"
    replace_all(client, uri, 2, edited(SPEC, uri, fix))
    assert "AS200" not in codes(await settled(client, uri, 2))


async def test_the_counterexample_is_pasted_as_a_scenario(client: RecordingClient, workspace: Path):
    uri, diagnostics = await opened(client, workspace)
    failed = only(diagnostics, "AS302")
    (paste,) = [a for a in await actions_for(client, uri, failed) if "scenario" in inserted(a)]
    text = edited(SPEC, uri, paste)
    replace_all(client, uri, 2, text)
    after = await settled(client, uri, 2)
    # the pasted world is consistent and its expectations pass: the only findings left are the old ones
    assert codes(after) == codes(diagnostics)
    assert text.count("scenario ") == 2


async def test_a_collapse_is_acknowledged_with_an_equivalent_claim(client: RecordingClient, workspace: Path):
    uri, diagnostics = await opened(client, workspace)
    collapse = only(diagnostics, "AS303")
    (acknowledge,) = [a for a in await actions_for(client, uri, collapse) if "equivalent" in inserted(a)]
    assert inserted(acknowledge).strip() in ("claim under strict: trained equivalent supervised",
                                             "claim under strict: supervised equivalent trained")
    replace_all(client, uri, 2, edited(SPEC, uri, acknowledge))
    assert "AS303" not in codes(await settled(client, uri, 2))


async def test_an_unsatisfiable_concept_is_acknowledged(client: RecordingClient, workspace: Path):
    uri, diagnostics = await opened(client, workspace)
    unsatisfiable = min((d for d in diagnostics if d.code == "AS301"), key=lambda d: d.range.start.line)
    (acknowledge,) = [a for a in await actions_for(client, uri, unsatisfiable) if "claim" in inserted(a)]
    assert inserted(acknowledge).strip() == "claim under forbidding: unsatisfiable trained"
    replace_all(client, uri, 2, edited(SPEC, uri, acknowledge))
    after = await settled(client, uri, 2)
    # the new claim holds only because rule never says so: an info (restated-premise), not an error
    assert codes(after) == ["AS200", "AS301", "AS302", "AS303", "AS305", "AS400"]
    assert only(after, "AS301").range.start.line == 6    # only supervised is left


async def test_a_finding_is_suppressed_with_a_comment(client: RecordingClient, workspace: Path):
    uri, diagnostics = await opened(client, workspace)
    failed = only(diagnostics, "AS400")
    (suppress,) = [a for a in await actions_for(client, uri, failed) if "alignspec: ignore" in inserted(a)]
    text = edited(SPEC, uri, suppress)
    replace_all(client, uri, 2, text)
    after = codes(await settled(client, uri, 2))
    assert after == ["AS200", "AS301", "AS301", "AS302", "AS303"]
    # a second finding on the same line joins the comment's list
    uri2 = open_document(client, workspace / "two.align", "kind A  # alignspec: ignore[AS303]\nkind B\n")
    (unused,) = [d for d in await settled(client, uri2, 1) if d.code == "AS206" and d.range.start.line == 0]
    (join,) = [a for a in await actions_for(client, uri2, unused) if "unused-declaration" in inserted(a)]
    assert inserted(join) == ", unused-declaration"
