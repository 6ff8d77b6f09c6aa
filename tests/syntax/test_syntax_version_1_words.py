"""Names of a version-0 spec that version 1 reserved get a syntax error that says so."""

from __future__ import annotations

import pytest
from syntax_support import parse

from alignspec.syntax.errors import RESERVED_WORDS, VERSION_1_WORDS

# (text, line, column of the word, the word)
RENAMED = {
    "a kind": ("kind open", 1, 6, "open"),
    "a parent": ("kind Model\nkind Verdict: refuted", 2, 15, "refuted"),
    "a relation": ("relation excludes(Model, Model)", 1, 10, "excludes"),
    "a relation's position": ("relation r(Model, inconsistent)", 1, 19, "inconsistent"),
    "a concept": ("concept exclude(m: Model) := Model(m)", 1, 9, "exclude"),
    "a variable": ("concept c(open: Model) := Model(open)", 1, 11, "open"),
    "an atom in a body": ("concept c(m: Model) := Model(m), open(m)", 1, 34, "open"),
    "a framing": ("framing refuted", 1, 9, "refuted"),
    "a claim": ("claim open: a implies b", 1, 7, "open"),
    "a concept in a claim": ("claim: a implies open", 1, 18, "open"),
    "an import alias": ('import "a.align" as open', 1, 21, "open"),
    "an individual": ("scenario s {\n  Model open\n}", 2, 9, "open"),
    "a kind in a scenario": ("scenario s {\n  open a\n}", 2, 3, "open"),
    "a fact": ("scenario s {\n  Model a\n  excludes(a, a)\n}", 3, 3, "excludes"),
    "a negative fact": ("scenario s {\n  Model a\n  not open(a)\n}", 3, 7, "open"),
    "a concept after expect": ("scenario s {\n  Model a\n  expect open(a)\n}", 3, 10, "open"),
    "a concept after expect not": ("scenario s {\n  Model a\n  expect not refuted(a)\n}", 3, 14, "refuted"),
    "a kind after expect": ("scenario s {\n  Model a\n  expect inconsistent(a)\n}", 3, 10, "inconsistent"),
    "a relation after expect": ("scenario s {\n  Model a\n  expect refuted(a, a)\n}", 3, 10, "refuted"),
}


@pytest.mark.parametrize("text,line,column,word", RENAMED.values(), ids=list(RENAMED))
def test_a_name_reserved_since_version_1_says_so_and_suggests_another(text, line, column, word):
    spec, diagnostics = parse(text)
    assert spec is None
    [d] = diagnostics
    assert d.code == "AS100"
    assert (d.span.line, d.span.column, d.span.end_line, d.span.end_column) == (line, column, line, column + len(word))
    assert f"`{word}`" in d.message and "version 1" in d.message
    assert f"`{word}_`" in d.help


def test_the_words_reserved_since_version_1_are_reserved():
    assert set(VERSION_1_WORDS) <= set(RESERVED_WORDS)


@pytest.mark.parametrize("word", sorted(set(RESERVED_WORDS) - set(VERSION_1_WORDS)))
def test_older_reserved_words_keep_their_message(word):
    [d] = parse(f"kind {word}")[1]
    assert f"`{word}`" in d.message and "reserved word" in d.message
    assert "version 1" not in d.message


@pytest.mark.parametrize("text", [
    "scenario s {\n  Model a\n  expect open Model(a)\n  expect refuted Model(a)\n  expect inconsistent\n}",
    "claim: a excludes b\nclaim: a does not exclude b",
    "kind open_\nkind opened\nkind Open",
])
def test_the_words_in_their_version_1_use_are_no_error(text):
    assert parse(text)[1] == []
