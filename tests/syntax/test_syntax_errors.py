"""Syntax errors: each common mistake is an AS100 diagnostic at an exact place."""

from __future__ import annotations

import re

import pytest
from lark.exceptions import UnexpectedInput
from syntax_support import parse

from alignspec.syntax.errors import RESERVED_WORDS, describe
from alignspec.syntax.parser import parse_text, raw_parser

# (text, line, column) of the error: where the parser stopped, 1-based.
MISTAKES = {
    "missing := in a concept": ("kind K\nconcept c(x: K) K(x)\n", 2, 17),
    "missing := after a concept's doc": ('concept c(x: K) "doc" source "s" K(x)', 1, 34),
    "missing : after a claim's framing": ("claim a under F c implies d", 1, 17),
    "missing : after a claim's name": ("claim a c implies d", 1, 9),
    "missing : after a rule's name": ("framing F {\n    rule r A(x) -> B(x)\n}", 2, 12),
    "unclosed { at end of file (framing)": ("framing F {\n    rule r: A(x) -> B(x)\n", 2, 25),
    "unclosed { at end of file (scenario)": ("scenario s {\n  Model a\n  trains(a, a)\n\n", 3, 15),
    "unclosed { before a statement (framing)": ("framing F {\n  rule r: A(x) -> B(x)\nkind X\n", 3, 1),
    "unclosed { before a statement (scenario)": ("scenario s {\n  Model a\nclaim: a implies b\n", 3, 1),
    "unclosed { before a definition (scenario)": ("scenario s {\n  Model a\nrule r: A(x) -> B(x)\n", 3, 1),
    "missing comma between atoms (concept)":
        ("concept c(a: M) := trains(b, a) optimizes(b, o)", 1, 33),
    "missing comma between atoms (claim)":
        ("claim: trains(b, a) optimizes(b, o) implies c(a)", 1, 21),
    "missing comma between atoms (rule)":
        ("framing F {\n  rule r: A(x) B(x) -> C(x)\n}", 2, 16),
    "missing comma between qualified atoms": ("concept c(a: M) := p.r(b, a) p.s(b)", 1, 30),
    "=> in a rule": ("framing F {\n  rule r: A(x) => B(x)\n}", 2, 16),
    "=> in a claim": ("claim: A(x) => B(x)", 1, 13),
    "=> between concepts": ("claim c1: a => b", 1, 13),
    "-> in a claim": ("claim: A(x) -> B(x)", 1, 13),
    "implies in a rule": ("framing F { rule r: A(x) implies B(x) }", 1, 26),
    "Kind": ("Kind Optimizer", 1, 1),
    "Claim": ("kind A\nClaim: a implies b", 2, 1),
    "IMPLIES": ("claim: a IMPLIES b", 1, 10),
    "Under": ("claim c Under F: a implies b", 1, 9),
    "reserved word as a kind": ("kind source", 1, 6),
    "reserved word as a parent": ("kind A: B, under", 1, 12),
    "reserved word as a concept": ("concept kind(x: A) := A(x)", 1, 9),
    "reserved word as a variable": ("concept c(not: A) := A(not)", 1, 11),
    "reserved word as an individual": ("scenario s {\n  Model a, false\n}", 2, 12),
    "reserved word as an import alias": ("import x as as", 1, 13),
    "unterminated string": ('kind A "a doc\nkind B', 1, 8),
    "unterminated string ending in a backslash": ('kind A "a doc\\', 1, 8),
    "unknown escape in a string": ('kind A "tab\\there"', 1, 12),
    "unexpected character": ("kind A @", 1, 8),
    "semicolon": ("kind A;\nkind B", 1, 7),
    "curly quotes": ("kind A \u201cdoc\u201d", 1, 8),
    "no-break space": ("kind A\u00a0: B", 1, 7),
    "name starting with a digit": ("kind 3D", 1, 6),
    "doc string after a concept's body": ('concept c(x: K) := K(x) "doc"', 1, 25),
    "keyword as a prefix of a name": ("kind A\nkindred", 2, 1),
    "missing comma between arguments": ("relation r(A B)", 1, 14),
    "does imply": ("claim: a does imply b", 1, 15),
    "unclosed ( before a statement": ("kind A\nrelation r(A, A\nkind B\n", 2, 11),
    "unclosed ( in a body, at end of file": ("concept c(x: A) := r(x, y\n\n", 1, 21),
    "misspelled statement keyword": ("kind A\nrelaton r(A, A)", 2, 1),
    "misspelled connective": ("claim: A(x) implie B(x)", 1, 13),
    "misspelled property": ("relation r(A, A) functionl", 1, 18),
    "misspelled expect": ("scenario s {\n  A a\n  expcet A(a)\n}", 3, 3),
    "10,000 braces": ("framing F {" + "{" * 10_000, 1, 12),
    "10,000 parentheses": ("concept c(x: K) := " + "K(" * 10_000, 1, 23),
}


@pytest.mark.parametrize("text,line,column", MISTAKES.values(), ids=list(MISTAKES))
def test_common_mistake_position(text, line, column):
    spec, diagnostics = parse(text)
    assert spec is None
    [d] = diagnostics
    assert (d.code, d.name, d.severity.value) == ("AS100", "syntax-error", "error")
    assert (d.span.line, d.span.column) == (line, column)
    assert d.message and d.help


TERMINAL_NAMES = sorted({t.name for t in raw_parser().terminals} | {"$END"})


@pytest.mark.parametrize("text,line,column", MISTAKES.values(), ids=list(MISTAKES))
def test_messages_name_no_grammar_terminals(text, line, column):
    [d] = parse(text)[1]
    words = set(re.findall(r"[$\w]+", d.message + " " + d.help))
    assert not words & set(TERMINAL_NAMES), d.message
    assert "__ANON" not in d.message and "__ANON" not in d.help
    assert len(d.message) < 200


@pytest.mark.parametrize("name", ["unclosed { at end of file (framing)",
                                  "unclosed { before a statement (framing)",
                                  "unclosed { before a statement (scenario)"])
def test_unclosed_brace_points_back_at_the_brace(name):
    text = MISTAKES[name][0]
    [d] = parse(text)[1]
    [related] = d.related
    assert (related.span.line, related.span.column) == (1, text.index("{") + 1)


def test_unclosed_parenthesis_points_back_at_where_the_parser_stopped():
    [d] = parse("kind A\nrelation r(A, A\nkind B\n")[1]
    [related] = d.related
    assert (related.span.line, related.span.column) == (3, 1)
    [d] = parse("relation r(A, A)\nkind B\n" + "concept c(x: A) := r(x,\n y)\n")[1:]  # closed on the next line
    assert d == []


@pytest.mark.parametrize("text,word", [("kind A\nrelaton r(A, A)", "relation"), ("claim: A(x) implie B(x)", "implies"),
                                       ("relation r(A, A) functionl", "functional"),
                                       ("scenario s {\n  A a\n  expcet A(a)\n}", "expect"),
                                       ("kind A\nconcpet c(x: A) := A(x)", "concept")])
def test_misspelled_keyword_suggests_the_keyword(text, word):
    [d] = parse(text)[1]
    assert f"`{word}`" in d.help


@pytest.mark.parametrize("text", ["kind A\nzebra r(A, A)", "claim: A(x) entails B(x)", "relation r(A, A) fun"])
def test_a_name_far_from_every_keyword_gets_no_suggestion(text):
    [d] = parse(text)[1]
    assert "did you mean" not in d.message


def test_a_definition_is_one_of_the_statements_a_spec_may_go_on_with():
    [d] = parse("concept c(x: M) := A(x) B")[1]
    assert "a new statement" in d.message and "`rule`" not in d.message
    [d] = parse("Model(x) -> Agent(x)")[1]
    assert "`rule`" in d.help


def test_span_covers_the_offending_token():
    [d] = parse("kind A: B, under")[1]
    assert (d.span.line, d.span.column, d.span.end_line, d.span.end_column) == (1, 12, 1, 17)
    [d] = parse("framing F { rule r: A(x) => B(x) }")[1]
    assert (d.span.column, d.span.end_column) == (26, 28)


def test_unterminated_string_spans_to_the_end_of_its_line():
    [d] = parse('kind A "a doc\nkind B')[1]
    assert (d.span.line, d.span.column, d.span.end_line, d.span.end_column) == (1, 8, 1, 14)


# End of file: just after the last character that is not white space.
END_OF_FILE = {
    "after a keyword": ("kind", 1, 5),
    "after a colon, then a newline": ("kind A:\n", 1, 8),
    "trailing blank lines": ("kind A: B,\n\n   \n\n", 1, 11),
    "after a comment": ("kind A: # parents follow\n", 1, 25),
    "inside a concept": ("kind K\nconcept c(x: K) :=", 2, 19),
    "inside a claim": ("claim a under F:\n    A(x) does not", 2, 18),
    "after a qualified dot": ("kind A: B.", 1, 11),
    "scenario expect not": ("scenario s {\n  expect not", 2, 13),
}


@pytest.mark.parametrize("text,line,column", END_OF_FILE.values(), ids=list(END_OF_FILE))
def test_end_of_file_errors(text, line, column):
    [d] = parse(text)[1]
    assert d.code == "AS100"
    assert "end of file" in d.message
    assert (d.span.line, d.span.column) == (line, column)


def test_describe_directly_and_with_the_end_of_file_token():
    text = "kind A:\n"
    with pytest.raises(UnexpectedInput) as info:
        parse_text(text)
    d = describe(info.value, text, "x.align")
    assert (d.span.file, d.span.line, d.span.column) == ("x.align", 1, 8)
    # An end-of-file token without a position (as some lark versions report it).
    info.value.token.line = -1
    info.value.token.column = -1
    d = describe(info.value, text, "x.align")
    assert (d.span.line, d.span.column) == (1, 8)


def test_describe_survives_a_foreign_exception_and_text():
    with pytest.raises(UnexpectedInput) as info:
        parse_text("kind A\n" * 3 + "kind @")
    d = describe(info.value, "short", "x.align")  # positions beyond the text are clamped
    assert (d.span.line, d.span.column) == (1, 6)


@pytest.mark.parametrize("word", RESERVED_WORDS)
def test_every_reserved_word_is_refused_as_a_name(word):
    [d] = parse(f"kind {word}")[1]
    assert (d.span.line, d.span.column) == (1, 6)
    assert f"`{word}`" in d.message


@pytest.mark.parametrize("word", ["Kind", "CLAIM", "Concept", "SCENARIO", "Import"])
def test_keyword_in_the_wrong_case_at_the_start_of_a_statement(word):
    [d] = parse(f"kind A\n{word} B")[1]
    assert (d.span.line, d.span.column) == (2, 1)
    assert f"`{word.lower()}`" in d.message


def test_long_names_are_shortened_in_messages():
    text = "kind " + "a" * 10_000 + " " + "b" * 10_000
    [d] = parse(text)[1]
    assert (d.span.line, d.span.column) == (1, 10_007)
    assert len(d.message) < 200


def test_error_at_the_end_of_a_huge_line_is_fast_and_short():
    text = "kind A " + " " * 2_000_000 + "@"
    [d] = parse(text)[1]
    assert (d.span.line, d.span.column) == (1, 2_000_008)
    assert len(d.message) < 200 and len(d.help) < 300


def test_control_characters_are_named_not_printed():
    [d] = parse("kind A\x07")[1]
    assert "U+0007" in d.message
    assert "\x07" not in d.message
