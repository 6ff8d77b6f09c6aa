"""Inline suppressions: ``# alignspec: ignore[CODE, name]`` and bare ``# alignspec: ignore`` on a
finding's line or alone on the line before it; a suppression that suppresses nothing is an
``unused-suppression`` (AS207) finding."""

from __future__ import annotations

import pytest
from _cli_support import findings, write

from alignspec.codes import UNUSED_SUPPRESSION, lookup
from alignspec.syntax.suppressions import find_suppressions

# p and q collapse (AS303 at line 5); Spare is unused (AS206 at line 3).
SPEC = """
    kind Agent
    kind Objective
    kind Spare{spare}
    relation pursues(Agent, Objective)
    {before}concept p(x: Agent) := pursues(x, o){same}
    concept q(a: Agent) := pursues(a, b)
    claim: p implies q
"""


def _spec(tmp_path, spare: str = "", before: str = "", same: str = ""):
    text = SPEC.format(spare=spare, before=f"{before}\n    " if before else "", same=same)
    return write(tmp_path, "s.align", text)


def _codes(found: list[tuple[str, int]]) -> list[str]:
    return [code for code, _ in found]


@pytest.mark.parametrize("comment", [
    "  # alignspec: ignore[AS303]",
    "  # alignspec: ignore[concept-collapse]",
    "  # alignspec: ignore[AS206, AS303]",
    "  # alignspec: ignore",
    "  # why: on purpose # alignspec: ignore[as303]",
])
def test_a_comment_on_the_line_suppresses_the_finding(tmp_path, capsys, comment):
    _, found = findings(capsys, str(_spec(tmp_path, same=comment)))
    assert "AS303" not in _codes(found)
    assert "AS206" in _codes(found)
    assert "AS207" not in _codes(found) or "AS206" in comment


def test_a_comment_alone_on_the_line_before_suppresses_the_finding(tmp_path, capsys):
    _, found = findings(capsys, str(_spec(tmp_path, before="# alignspec: ignore[AS303]")))
    assert _codes(found) == ["AS206"]


def test_a_trailing_comment_does_not_reach_the_next_line(tmp_path, capsys):
    path = write(tmp_path, "s.align", SPEC.format(spare="  # alignspec: ignore[AS303]", before="", same=""))
    _, found = findings(capsys, str(path))
    assert sorted(_codes(found)) == ["AS206", "AS207", "AS303"]


def test_unused_suppressions_are_reported_where_they_are(tmp_path, capsys):
    path = _spec(tmp_path, spare="  # alignspec: ignore[AS206, AS303, no-such-finding]")
    _, found = findings(capsys, str(path))
    assert found.count(("AS207", 3)) == 2
    assert "AS206" not in _codes(found)


def test_unused_suppressions_can_be_ignored_and_never_fail_a_strict_run(tmp_path, capsys):
    path = _spec(tmp_path, same="  # alignspec: ignore[AS303]", spare="  # alignspec: ignore[AS206, AS303]")
    status, found = findings(capsys, "--strict", str(path))
    assert status == 0 and found == [("AS207", 3)]
    assert findings(capsys, "--ignore", "unused-suppression", str(path))[1] == []


def test_a_hash_inside_a_string_is_not_a_comment():
    text = 'spec s "title # alignspec: ignore"\nkind A "a # alignspec: ignore[AS206]" # alignspec: ignore[AS303]\n'
    found = find_suppressions("s.align", text)
    assert [(s.span.line, s.codes) for s in found] == [(2, ("AS303",))]


def test_an_unclosed_bracket_is_reported_not_taken_as_a_bare_suppression(tmp_path, capsys):
    _, found = findings(capsys, str(_spec(tmp_path, same="  # alignspec: ignore[AS303")))
    assert sorted(_codes(found)) == ["AS206", "AS207", "AS303"]


def test_syntax_errors_are_never_suppressed(tmp_path, capsys):
    path = write(tmp_path, "bad.align", "kind  # alignspec: ignore\n")
    assert findings(capsys, str(path)) == (1, [("AS100", 1)])


def test_the_documented_example_is_an_unused_suppression(tmp_path, capsys):
    path = write(tmp_path, "example.align", lookup("AS207").doc["Example"])
    assert _codes(findings(capsys, str(path))[1]) == [UNUSED_SUPPRESSION.code]
