"""What the language does not have (negation, disjunction, `implies false`, quantifiers) gets a
syntax error that says so, points at the offending word and names the construct to use instead."""

from __future__ import annotations

import re

import pytest
from syntax_support import parse

from alignspec.syntax.parser import raw_parser

# (text, line, column of the offending word, the word, the construct the message says to use instead)
NOT_IN_LANGUAGE = {
    # `not` outside a scenario
    "not in a concept's body": ("concept c(m: Model) := Model(m), not Optimizer(m)", 1, 34, "not", "disjoint"),
    "not opening a concept's body": ("concept c(m: Model)\n    := not Optimizer(m)", 2, 8, "not", "excludes"),
    "implies not (concepts)": ("claim: inner_aligned implies not objective_robust", 1, 30, "not", "excludes"),
    "implies not (atoms)": ("claim c under F: Model(m) implies\n    not Objective(m)", 2, 5, "not", "excludes"),
    "does not imply not": ("claim: Model(m) does not imply not Heuristic(m)", 1, 32, "not", "does not exclude"),
    "excludes not": ("claim: Heuristic(m) excludes not Model(m)", 1, 30, "not", "implies"),
    "does not exclude not": ("claim: Model(m) does not exclude not Heuristic(m)", 1, 34, "not", "does not imply"),
    "not on the left of implies": ("claim: not Optimizer(m) implies Heuristic(m)", 1, 8, "not", "does not imply"),
    "not after an atom on the right": ("claim: Model(m) implies Model(m), not Optimizer(m)", 1, 35, "not",
                                       "unsatisfiable"),
    "not in a satisfiable formula": ("claim: satisfiable Model(m), not Optimizer(m)", 1, 30, "not", "excludes"),
    "not in a rule's body": ("framing F {\n  rule r: Model(m), not Optimizer(m) -> Heuristic(m)\n}", 2, 21, "not",
                             "disjoint"),
    "not in a rule's head": ("framing F {\n  rule r: Heuristic(m) -> not Optimizer(m)\n}", 2, 27, "not", "false"),
    "not in a definition's head": ("rule r: Heuristic(m) -> not Optimizer(m)", 1, 25, "not", "false"),
    # `or` wherever atoms or formulas are written
    "or in a concept's body": ("concept c(m: Model) := Heuristic(m) or MesaOptimizer(m)", 1, 37, "or", "one concept for each"),
    "or between concepts on the left": ("claim: inner_aligned or objective_robust implies intent_aligned", 1, 22,
                                        "or", "one claim for each"),
    "or between atoms on the left": ("claim: Heuristic(m) or Optimizer(m) implies Model(m)", 1, 21, "or", "one claim for each"),
    "or on the right of implies": ("claim: Model(m) implies\n    Heuristic(m) or MesaOptimizer(m)", 2, 18, "or",
                                   "one claim for each"),
    "or after a concept on the right": ("claim: inner_aligned implies objective_robust or intent_aligned", 1, 47,
                                        "or", "one claim for each"),
    "or in a rule's body": ("framing F {\n  rule r: Heuristic(m) or Optimizer(m) -> Model(m)\n}", 2, 24, "or",
                            "rule for each"),
    "or in a rule's head": ("framing F {\n  rule r: Model(m) -> Heuristic(m) or MesaOptimizer(m)\n}", 2, 36, "or",
                            "rule for each"),
    "or in a definition": ("rule r: Model(m) -> Heuristic(m) or MesaOptimizer(m)", 1, 34, "or", "rule for each"),
    "or between facts": ("scenario s {\n  Model a\n  Heuristic(a) or MesaOptimizer(a)\n}", 3, 16, "or", "one scenario for each"),
    "or in an expectation": ("scenario s {\n  Model a\n  expect not Heuristic(a) or Optimizer(a)\n}", 3, 27, "or",
                             "one scenario for each"),
    # `implies false`
    "implies false (atoms)": ("claim: Heuristic(m), Optimizer(m) implies false", 1, 43, "false", "unsatisfiable"),
    "implies false (concept)": ("claim: built_heuristic implies false", 1, 32, "false", "unsatisfiable"),
    "implies false on the next line": ("claim c under harris: built_heuristic implies\n    false", 2, 5, "false",
                                       "excludes"),
    "does not imply false": ("claim: built_heuristic does not imply false", 1, 39, "false", "satisfiable"),
    # `forall`
    "forall x: before a claim": ("claim: forall m: Model(m) implies Optimizer(m)", 1, 8, "forall", "implies"),
    "forall x before a claim": ("claim: forall m Model(m) implies Optimizer(m)", 1, 8, "forall", "implies"),
    "forall on the right of implies": ("claim: Model(m) implies\n    forall o: optimizes(m, o)", 2, 5, "forall",
                                       "implies"),
    "forall in a rule": ("framing F {\n  rule r: forall m: Model(m) -> Optimizer(m)\n}", 2, 11, "forall", "body -> head"),
    "forall in a definition": ("rule r: forall m: Model(m) -> Optimizer(m)", 1, 9, "forall", "body -> head"),
    "forall in a concept's body": ("concept c(m: Model) := forall o: behavioral_objective(m, o)", 1, 24, "forall",
                                   "claim: A implies B"),
}


@pytest.mark.parametrize("text,line,column,word,instead", NOT_IN_LANGUAGE.values(), ids=list(NOT_IN_LANGUAGE))
def test_what_the_language_does_not_have_says_what_to_write_instead(text, line, column, word, instead):
    spec, diagnostics = parse(text)
    assert spec is None
    [d] = diagnostics
    assert (d.code, d.name) == ("AS100", "syntax-error")
    assert (d.span.line, d.span.column, d.span.end_line, d.span.end_column) == (line, column, line, column + len(word))
    assert re.search(rf"`[^`]*\b{word}`", d.message) and "not part of the language" in d.message
    assert instead in d.message.split("not part of the language", 1)[1]
    assert d.help


TERMINAL_NAMES = {t.name for t in raw_parser().terminals} | {"$END"}


@pytest.mark.parametrize("text", [v[0] for v in NOT_IN_LANGUAGE.values()], ids=list(NOT_IN_LANGUAGE))
def test_the_messages_are_short_and_name_no_grammar_terminals(text):
    [d] = parse(text)[1]
    assert not set(re.findall(r"[$\w]+", d.message + " " + d.help)) & TERMINAL_NAMES
    assert len(d.message) < 200 and len(d.help) < 300


@pytest.mark.parametrize("text", [
    "scenario s {\n  Model a\n  not Optimizer(a)\n  not trains(a, a)\n  expect not Heuristic(a)\n}",
    "claim: inner_aligned does not imply objective_robust\nclaim: Model(m) does not imply Optimizer(m)",
    "claim: Heuristic(m) excludes Optimizer(m)\nclaim: Model(m) does not exclude Optimizer(m)",
    "claim: unsatisfiable Heuristic(m), Optimizer(m)\nclaim: satisfiable Model(m)",
    "framing F {\n  rule r: Heuristic(m), Optimizer(m) -> false\n}\nrule d: Heuristic(m), Optimizer(m) -> false",
    "kind or\nkind forall\nconcept c(x: or) := or(x), forall(x), orbit(x), notable(x), falsehood(x)\n"
    "claim: or implies forall\nscenario s {\n  or a\n  forall(a)\n  expect or(a)\n}",
], ids=["negative facts", "does not imply", "excludes", "satisfiability", "rules to false", "or and forall as names"])
def test_ordinary_input_is_no_error(text):
    assert parse(text)[1] == []


@pytest.mark.parametrize("text,line,column,message_word", [
    ("concept c(m: Model) := Model(m) or(m)", 1, 33, ","),           # an atom named `or` after a missing comma
    ("kind A: B or C", 1, 11, ","),                                   # parents are not a formula
    ("concept c(not: Model) := Model(not)", 1, 11, "reserved word"),    # a parameter is not a formula
    ("claim: Model(m) not implies Optimizer(m)", 1, 17, "does"),      # the generic message names `does`
], ids=["atom named or", "or between parents", "not as a parameter", "not before implies"])
def test_other_mistakes_keep_their_own_message(text, line, column, message_word):
    [d] = parse(text)[1]
    assert (d.span.line, d.span.column) == (line, column)
    assert "not part of the language" not in d.message
    assert message_word in d.message
