"""Syntax errors as diagnostics: what the parser expected, in the user's words, at the right place.

``describe`` turns a Lark ``UnexpectedInput`` into one AS100 ``syntax-error`` diagnostic. It never
shows Lark's terminal names: every terminal is named as a user would name it ("a name", "`)`",
"`kind`", "end of file"). The common mistakes get their own message, recognised from the parser
state (the terminals it would accept and the tokens on its stack) and from the text:

- a missing ``:=`` before a concept's body, a missing ``:`` in a claim or a rule;
- an unclosed ``{`` (end of file, or a new statement, inside a framing or a scenario), and an
  unclosed ``(`` noticed only on a later line (the error is placed at the ``(``);
- a misspelled keyword (``relaton``: did you mean ``relation``?);
- a missing ``,`` between atoms;
- ``=>`` (or ``->`` / ``implies`` in the wrong place) instead of ``->`` or ``implies``;
- a keyword written with the wrong case (``Kind``, ``IMPLIES``);
- what the language does not have, each with the construct that says it instead: ``not`` in a
  concept's body, a rule or a claim's formula; ``or`` wherever atoms or formulas are written;
  ``implies false``; ``forall``;
- a reserved word used as a name (``kind source``), and a name of a version-0 spec that version 1
  reserved (``kind open``, ``expect open(a)``);
- an unterminated string or an unknown escape in a string;
- a character that is not part of the language.

``parse_source`` and ``parse_file`` read and parse, returning diagnostics instead of raising.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from difflib import get_close_matches
from functools import lru_cache

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from ..codes import INPUT_ERROR, SYNTAX_ERROR
from ..diagnostic_collector import make_diagnostic
from ..diagnostics import Diagnostic, Fix, Related, Span
from . import nodes as n
from .parser import parse_text, raw_parser
from .preamble import preamble
from .safe_open import NotRegularFileError
from .source import MAX_FILE_BYTES, SourceError, SourceText, decode_source, read_source

#: Every reserved word of the language: none of them can be used as a name.
RESERVED_WORDS: tuple[str, ...] = (
    "spec", "import", "as", "source", "kind", "disjoint", "relation", "concept", "framing",
    "extends", "rule", "claim", "under", "implies", "does", "not", "imply", "equivalent",
    "distinct", "satisfiable", "unsatisfiable", "scenario", "expect", "false",
    "excludes", "exclude", "refuted", "open", "inconsistent",
    "functional", "inverse_functional", "reflexive", "irreflexive", "symmetric", "asymmetric",
    "transitive", "acyclic",
)

#: The reserved words that version 1 of the language added: names in a version-0 spec until then.
VERSION_1_WORDS = ("excludes", "exclude", "refuted", "open", "inconsistent")

PROPERTY_WORDS = ("functional", "inverse_functional", "reflexive", "irreflexive", "symmetric",
                  "asymmetric", "transitive", "acyclic")
STATEMENT_WORDS = ("spec", "import", "kind", "disjoint", "relation", "rule", "concept", "framing", "claim",
                   "scenario")

# How each statement is written, shown as help when an error occurs inside one.
_SYNOPSIS = {
    "spec": 'spec Name "title" [source "..."]*',
    "import": 'import "path.align" [as Prefix]   or   import Name [as Prefix]',
    "kind": 'kind Name [: Parent, ...] ["doc"] [source "..."]*',
    "disjoint": 'disjoint Kind, Kind, ... ["doc"] [source "..."]*',
    "relation": 'relation Name(Kind, Kind, ...) [: Parent, ...] property* ["doc"] [source "..."]*',
    "concept": 'concept Name(var: Kind, ...) ["doc"] [source "..."]* := atom, atom, ...',
    "framing": 'framing Name [extends Framing, ...] ["doc"] [source "..."]* { rule ... }',
    "rule": 'rule Name: atom, ... -> head ["doc"] [source "..."]*   (head: atoms, x = y, or false)',
    "claim": 'claim [Name] [under Framing]: formula implies formula  (or: does not imply, excludes, '
             'does not exclude, equivalent, distinct, satisfiable formula, unsatisfiable formula)',
    "scenario": 'scenario Name [under Framing] ["doc"] { Kind a, b   fact(a, b)   not fact(a, b)   '
                'expect [not|refuted|open] atom   expect inconsistent }',
}

_SHOWN_CHARS = 32  # longest piece of the user's text quoted in a message
_PRIMES = "'\u2032\u2033\u2034"


# ---------------------------------------------------------------------------------------------
# Terminals in words


@dataclass(frozen=True)
class _Terminals:
    """What the grammar's terminals are called, derived once from the grammar itself."""

    words: dict[str, str]        # terminal name -> phrase for users
    keyword_type: dict[str, str]  # keyword text -> terminal name
    punct: dict[str, str]         # punctuation text -> terminal name


@lru_cache(maxsize=1)
def _terminals() -> _Terminals:
    words: dict[str, str] = {"$END": "end of file", "<END-OF-FILE>": "end of file"}
    keyword_type: dict[str, str] = {}
    punct: dict[str, str] = {}
    for term in raw_parser().terminals:
        value = term.pattern.value
        if term.name == "NAME":
            words[term.name] = "a name"
        elif term.name == "STRING":
            words[term.name] = "a string"
        elif term.pattern.type == "str":
            words[term.name] = f"`{value}`"
            punct[value] = term.name
        else:
            match = re.fullmatch(r"([a-z_]+)\(\?!.*\)", value)
            if match:
                words[term.name] = f"`{match.group(1)}`"
                keyword_type[match.group(1)] = term.name
            else:
                words[term.name] = "something else"
    return _Terminals(words, keyword_type, punct)


def _type_of(word: str) -> str:
    """The terminal name of a keyword or punctuation (``"kind"`` -> ``KIND``, ``":="``)."""
    t = _terminals()
    return t.keyword_type.get(word) or t.punct.get(word) or word


def _word_of(term: str) -> str:
    return _terminals().words.get(term, "something else")


def _shown(text: str) -> str:
    """Quote a piece of the user's text, shortened when it is long."""
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "\u2026"
    return f"`{text}`"


def _char_phrase(char: str) -> str:
    if char.isprintable() and not char.isspace() and char != "`":
        return f"the character `{char}`"
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"the character {code} ({name.lower()})" if name else f"the character {code}"


def _found(token: Token) -> str:
    if token.type == "$END":
        return "end of file"
    if token.type == "NAME":
        return f"the name {_shown(str(token))}"
    if token.type == "STRING":
        return "a string"
    return _shown(str(token))


def _expected_phrase(expected: Iterable[str], at_start: bool = False) -> str:
    """A short list of what the parser would accept, in words, most specific first."""
    expected = set(expected)
    parts: list[tuple[int, str]] = []
    statements = {_type_of(w) for w in STATEMENT_WORDS}
    properties = {_type_of(w) for w in PROPERTY_WORDS}
    if statements <= expected:
        expected -= statements
        parts.append((6, "a statement" if at_start else "a new statement"))
    if properties <= expected:
        expected -= properties
        parts.append((5, "a relation property"))
    doc = {"STRING", _type_of("source")} <= expected
    for term in expected:
        if term == "NAME":
            parts.append((2, "a name"))
        elif term == "STRING":
            parts.append((3, "a doc string" if doc else "a string"))
        elif term == _type_of("source"):
            parts.append((4, "`source`"))
        elif term in ("$END", "<END-OF-FILE>"):
            parts.append((7, "end of file"))
        else:
            word = _word_of(term)
            rank = 0 if word.strip("`") in _terminals().punct else 1
            parts.append((rank, word))
    phrases = [p for _, p in sorted(set(parts))]
    if len(phrases) > 6:
        phrases = phrases[:5] + ["something else"]
    if not phrases:
        return "something else"
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " or " + phrases[-1]


# ---------------------------------------------------------------------------------------------
# Positions


class _Lines:
    """Line lookup for clamping spans into the text (lines are separated by ``\\n`` only)."""

    def __init__(self, text: str):
        self.text = text
        self.lengths = [len(line) for line in text.split("\n")]

    def clamp(self, line: int, column: int) -> tuple[int, int]:
        line = min(max(int(line), 1), len(self.lengths))
        column = min(max(int(column), 1), self.lengths[line - 1] + 1)
        return line, column

    def span(self, path: str, line, column, end_line=None, end_column=None) -> Span:
        line, column = self.clamp(line, column)
        if not isinstance(end_line, int) or not isinstance(end_column, int):
            end_line, end_column = line, column + 1
        end_line, end_column = self.clamp(end_line, end_column)
        if (end_line, end_column) < (line, column):
            end_line, end_column = line, column
        return Span(path, line, column, end_line, end_column)

    def end_of_text(self, path: str) -> Span:
        """An empty span just after the last character that is not white space."""
        stripped = self.text.rstrip()
        line = stripped.count("\n") + 1
        column = len(stripped) - (stripped.rfind("\n") + 1) + 1
        line, column = self.clamp(line, column)
        return Span(path, line, column, line, column)

    def line_end(self, line: int) -> int:
        return self.lengths[line - 1] + 1


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _token_span(lines: _Lines, path: str, token: Token) -> Span:
    if token.type == "$END" or not isinstance(token.line, int) or token.line < 1:
        return lines.end_of_text(path)
    return lines.span(path, token.line, token.column, token.end_line, token.end_column)


# ---------------------------------------------------------------------------------------------
# The parser's state at the error


@dataclass
class _State:
    expected: set[str]
    stack: list
    statement: str | None  # the keyword of the innermost statement being parsed, if any
    brace: Token | None    # an unclosed `{`, if any
    paren: Token | None    # an unclosed `(`, if any


def _state_of(exc: UnexpectedInput) -> _State:
    if isinstance(exc, UnexpectedToken):
        expected = set(exc.expected or ())
    else:
        expected = set(getattr(exc, "allowed", None) or ())
    interactive = getattr(exc, "interactive_parser", None)
    if interactive is not None:
        try:
            accepts = interactive.accepts()
        except Exception:  # the lexer's or parser's expected set is good enough then
            accepts = None
        if accepts:
            expected = set(accepts)
    stack = list(getattr(getattr(exc, "state", None), "value_stack", None) or ())
    keywords = {_type_of(w) for w in STATEMENT_WORDS}
    statement = None
    brace = None
    paren = None
    closed = False  # a `)` after the `(` being looked at
    for item in reversed(stack):
        if isinstance(item, Token):
            if statement is None and item.type in keywords:
                statement = str(item)
            if brace is None and str(item) == "{":
                brace = item
            if str(item) == ")":
                closed = True
            elif str(item) == "(" and paren is None and not closed:
                paren = item
    return _State(expected, stack, statement, brace, paren)


def _ends_with_atom(stack: list) -> bool:
    if not stack:
        return False
    top = stack[-1]
    if isinstance(top, Token):
        return top.type == "RPAR"
    if isinstance(top, (n.Atom, n.AtomsFormula)):
        return True
    return bool(isinstance(top, tuple) and top and isinstance(top[-1], n.Atom))


def _followed_by_paren(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is followed (after ``.name`` and spaces) by ``(``."""
    match = re.compile(r"(?:\.[^\W\d]\w*[" + _PRIMES + r"]*)?[ \t]*\(").match(text, end)
    return match is not None


def _at_line_start(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    return text[start:offset].strip() == ""


# ---------------------------------------------------------------------------------------------
# describe


def _diagnostic(message: str, span: Span, help: str = "", related: tuple[Related, ...] = (),
                replacement: str | None = None) -> Diagnostic:
    fixes = () if replacement is None else (Fix(span, replacement),)
    return make_diagnostic(SYNTAX_ERROR, span, message, help=help, related=related, fixes=fixes)


def _context_help(state: _State) -> str:
    if state.statement in _SYNOPSIS:
        return f"a {state.statement} is written: {_SYNOPSIS[state.statement]}"
    return ""


def describe(exc: UnexpectedInput, text: str, path: str) -> Diagnostic:
    """Turn a Lark syntax error into an AS100 ``syntax-error`` diagnostic.

    Parameters
    ----------
    exc:
        The ``UnexpectedInput`` raised by ``parse_text`` for ``text``.
    text:
        The text that was parsed (the same string, so that positions agree).
    path:
        The file name to put in the diagnostic's span.

    Returns
    -------
    Diagnostic
        Code AS100, severity error. The message says what was found and what was expected, in
        words (never Lark terminal names); ``help`` says what to do; for an unclosed ``{``,
        ``related`` points at the brace. Lines and columns are 1-based and always lie within
        ``text``; an error at end of file points just after the last character that is not
        white space.

    Examples
    --------
    >>> from alignspec.syntax.parser import parse_text
    >>> try:
    ...     parse_text("concept c(x: K) K(x)")
    ... except UnexpectedInput as exc:
    ...     d = describe(exc, "concept c(x: K) K(x)", "a.align")
    >>> (d.code, d.span.line, d.span.column)
    ('AS100', 1, 17)
    """
    lines = _Lines(text)
    try:
        state = _state_of(exc)
    except Exception:  # an exception from elsewhere: describe it without the parser state
        state = _State(set(), [], None, None)
    if isinstance(exc, UnexpectedToken):
        return _describe_token(exc.token, state, text, path, lines)
    if isinstance(exc, UnexpectedCharacters):
        return _describe_characters(exc, state, text, path, lines)
    line, column = getattr(exc, "line", -1), getattr(exc, "column", -1)
    if isinstance(line, int) and line >= 1 and isinstance(column, int):
        span = lines.span(path, line, column)
    else:
        span = lines.end_of_text(path)
    return _diagnostic("the text is not in the language", span, _context_help(state))


@dataclass
class _Unexpected:
    """An unexpected token with what is known around it: what each recogniser below looks at."""

    token: Token
    state: _State
    text: str
    path: str
    lines: _Lines

    @property
    def value(self) -> str:
        return str(self.token)

    @property
    def eof(self) -> bool:
        return self.token.type == "$END"

    @property
    def expected(self) -> set[str]:
        return self.state.expected

    @property
    def span(self) -> Span:
        return _token_span(self.lines, self.path, self.token)

    @property
    def found(self) -> str:
        return _found(self.token)

    @property
    def offset(self) -> int:
        start = self.token.start_pos
        return start if isinstance(start, int) else len(self.text)

    def span_of(self, width: int) -> Span:
        """``width`` characters from the token's start."""
        token = self.token
        return self.lines.span(self.path, token.line, token.column, token.line, token.column + width)

    @property
    def missing_comma(self) -> bool:
        """Whether a name that starts an atom follows an atom with no comma between them."""
        return (self.token.type == "NAME" and "NAME" not in self.expected and "COMMA" in self.expected
                and _ends_with_atom(self.state.stack) and _followed_by_paren(self.text, self.offset + len(self.value)))


def _unclosed_brace(u: _Unexpected) -> Diagnostic | None:
    """An unclosed ``{``: end of file, or a new statement, where ``}`` could close the block."""
    brace = u.state.brace
    statements = {_type_of(w) for w in STATEMENT_WORDS}
    if brace is None or _type_of("}") not in u.expected:
        return None
    if not (u.eof or (u.token.type in statements and _at_line_start(u.text, u.offset))):
        return None
    block = "framing" if u.state.statement in ("framing", "rule") else "scenario"
    where = "end of file" if u.eof else f"`{u.value}`"
    return _diagnostic(
        f"unclosed `{{` (opened on line {brace.line}): expected `}}` before {where}",
        u.span,
        f"add `}}` after the last {'rule' if block == 'framing' else 'line'} of the {block}",
        (Related(u.lines.span(u.path, brace.line, brace.column, brace.end_line, brace.end_column),
                 "the `{` opened here"),),
    )


def _unclosed_paren(u: _Unexpected) -> Diagnostic | None:
    """An unclosed ``(``, noticed only on a later line: the error is placed at the ``(``."""
    paren = u.state.paren
    if paren is None or _type_of(")") not in u.expected:
        return None
    if not (u.eof or (u.token.line != paren.line and _at_line_start(u.text, u.offset))):
        return None
    where = "end of file" if u.eof else f"`{u.value}` on line {u.token.line}"
    return _diagnostic(
        f"unclosed `(`: expected `)` before {where}",
        u.lines.span(u.path, paren.line, paren.column, paren.end_line, paren.end_column),
        "close the argument list with `)`",
        (Related(u.span, "the parser noticed here"),),
    )


def _swapped_arrow(u: _Unexpected) -> Diagnostic | None:
    """``=>``, or the arrow of rules and the ``implies`` of claims swapped."""
    value = u.value
    if u.eof or not ((value == "=" and u.text.startswith("=>", u.offset)) or value in ("->", "implies")):
        return None
    shown = "=>" if value == "=" else value
    if _type_of("->") in u.expected and value != "->":
        return _diagnostic(f"expected `->`, found `{shown}`", u.span_of(len(shown)),
                           "a rule is written `rule Name: body -> head`; use `->` between body and head")
    if _type_of("implies") in u.expected and value != "implies":
        return _diagnostic(f"expected `implies`, found `{shown}`", u.span_of(len(shown)),
                           "a claim is written `claim [Name] [under Framing]: A implies B`; `->` belongs to rules")
    return None


def _keyword_case(u: _Unexpected) -> Diagnostic | None:
    """A keyword with the wrong case (``Kind``, ``IMPLIES``), unless it starts an atom after a
    missing comma."""
    lower = u.value.lower()
    keyword_type = _terminals().keyword_type
    if u.eof or u.missing_comma or lower == u.value or keyword_type.get(lower) not in u.expected:
        return None
    return _diagnostic(f"expected `{lower}`, found {_shown(u.value)}: keywords are written in lower case",
                       u.span, f"write `{lower}`; keywords and names are case-sensitive", replacement=lower)


def _misspelled_keyword(u: _Unexpected) -> Diagnostic | None:
    """A name where a keyword was expected and that is close to one (``relaton``, ``implie``)."""
    if u.token.type != "NAME" or u.missing_comma:
        return None
    keyword_type = _terminals().keyword_type
    candidates = [word for word, term in keyword_type.items() if term in u.expected]
    close = get_close_matches(u.value, candidates, n=1, cutoff=0.75)
    if not close:
        return None
    at_start = _at_line_start(u.text, u.offset) and any(_type_of(w) in u.expected for w in STATEMENT_WORDS)
    if at_start and _followed_by_paren(u.text, u.offset + len(u.value)):
        return None
    word = close[0]
    if word in STATEMENT_WORDS and at_start:
        return _diagnostic(f"unknown statement {_shown(u.value)}: did you mean `{word}`?", u.span,
                           f"write `{word}`; a {word} is written: {_SYNOPSIS[word]}", replacement=word)
    help = _context_help(u.state)
    return _diagnostic(f"unknown keyword {_shown(u.value)}: did you mean `{word}`?", u.span,
                       f"write `{word}`" + (f"; {help}" if help else ""), replacement=word)


def _misspelled_scenario_word(u: _Unexpected) -> Diagnostic | None:
    """``expcet A(a)`` in a scenario: the misspelled word was read as a kind and the atom's name
    as an individual, so the error only shows at the atom's ``(``."""
    stack = u.state.stack
    if u.state.statement != "scenario" or u.value != "(" or len(stack) < 2:
        return None
    kind, individual = stack[-2], stack[-1]
    if not (isinstance(kind, n.QName) and kind.prefix is None and isinstance(individual, Token)):
        return None
    close = get_close_matches(kind.name, ["expect", "not"], n=1, cutoff=0.75)
    if not close:
        return None
    return _diagnostic(f"unknown keyword {_shown(kind.name)}: did you mean `{close[0]}`?", kind.span,
                       f"write `{close[0]}`, as in `{close[0]} {individual}(...)`; {_context_help(u.state)}",
                       replacement=close[0])


# What the language does not have: negation, disjunction, `implies false` and quantifiers each
# get a message that names the construct that says it instead.

# The token after which a statement's formula, body or block begins.
_BODY_OPENER = {"concept": ":=", "rule": ":", "claim": ":", "scenario": "{"}
_CLAIM_CONNECTIVES = ("implies", "imply", "excludes", "exclude", "equivalent", "distinct", "satisfiable",
                      "unsatisfiable")


def _in_formula(state: _State) -> bool:
    """Whether the parser stopped in a formula, a concept's or a rule's body or head, or a scenario's block."""
    opener = _BODY_OPENER.get(state.statement or "")
    for item in reversed(state.stack):
        if isinstance(item, Token) and str(item) in (opener, state.statement):
            return str(item) == opener
    return False


def _last_of(stack: list, words: Iterable[str]) -> str | None:
    """The last of ``words`` read as a token of the statement, if any."""
    words = tuple(words)
    return next((str(item) for item in reversed(stack) if isinstance(item, Token) and str(item) in words), None)


def _place(state: _State) -> str:
    """Where in its statement the parser stopped: ``concept``, ``rule body``, ``rule head``, ``claim left``,
    ``claim right`` or ``scenario``."""
    if state.statement == "rule":
        return "rule head" if _last_of(state.stack, ("->",)) else "rule body"
    if state.statement == "claim":
        return "claim right" if _last_of(state.stack, _CLAIM_CONNECTIVES) else "claim left"
    return state.statement or ""


def _word_near(u: _Unexpected, word: str) -> Span | None:
    """The span of the name ``word`` where the parser stopped: the unexpected token itself, or one of
    the last two names it read (``forall x:`` stops at ``x``; a scenario's ``A(a) or B(a)`` at ``(``)."""
    if u.token.type == "NAME" and u.value == word:
        return u.span
    for item in reversed(u.state.stack[-2:]):
        if isinstance(item, Token) and item.type == "NAME" and str(item) == word:
            return _token_span(u.lines, u.path, item)
        if isinstance(item, n.QName) and item.prefix is None and item.name == word:
            s = item.span
            return u.lines.span(u.path, s.line, s.column, s.end_line, s.end_column)
    return None


_EXCLUSIONS = "`claim: A excludes B` says that A and B never hold together"
_NEGATIVE_FACT = "in a scenario, `not ATOM` says that an atom is false there"
_NAMED_CASE = ("for a model that is not an optimizer, declare `kind Heuristic: Model` and `disjoint Heuristic, "
               "Optimizer`, and write `Heuristic(m)`")

# (message, help) for `not` in each place where the language has no negation; in a claim, by the
# connective before it.
_NEGATION = {
    "concept": ("`not` is not part of the language in a concept's body: name the excluded case as a "
                "`disjoint` kind, or state the exclusion with `excludes`",
                f"{_NAMED_CASE}; {_EXCLUSIONS}; {_NEGATIVE_FACT}"),
    "rule body": ("`not` is not part of the language in a rule's body: name the excluded case as a "
                  "`disjoint` kind",
                  f"{_NAMED_CASE}; a rule applies to what holds, never to what is absent"),
    "rule head": ("`-> not` is not part of the language: a rule that rules an atom out has the head `false`",
                  "move the atom into the body: `rule r: A(x), B(x) -> false` says that A and B never hold "
                  "together (`disjoint A, B` says it of kinds or relations)"),
    "implies": ("`implies not` is not part of the language: to say that A rules B out, write `A excludes B`",
                f"{_EXCLUSIONS}; `claim: A does not imply B` only says that B does not follow from A; "
                f"{_NEGATIVE_FACT}"),
    "imply": ("`does not imply not` is not part of the language: to say that A and B can hold together, "
              "write `A does not exclude B`",
              "`claim: A does not exclude B` says that some world satisfies A and B together"),
    "excludes": ("`excludes not` is not part of the language: to say that every A is a B, write "
                 "`A implies B`",
                 "`claim: A implies B` says that no world satisfies A without B"),
    "exclude": ("`does not exclude not` is not part of the language: to say that A can hold without B, write "
                "`A does not imply B`",
                "`claim: A does not imply B` says that some world satisfies A and not B"),
    "claim": ("`not` is not part of the language in a formula: state the negative claim itself with "
              "`excludes`, `does not imply` or `unsatisfiable`",
              f"{_EXCLUSIONS}; `claim: A does not imply B` says that B does not follow from A; "
              f"`claim: unsatisfiable A` says that A never holds; {_NEGATIVE_FACT}"),
}


def _negation_place(state: _State) -> str:
    """The key of ``_NEGATION`` for a ``not`` where the parser stopped."""
    if state.statement != "claim":
        return _place(state)
    top = state.stack[-1] if state.stack else None
    return str(top) if isinstance(top, Token) and str(top) in _NEGATION else "claim"


def _negation(u: _Unexpected) -> Diagnostic | None:
    """``not`` in a concept's body, a rule or a claim's formula (a scenario has negative facts)."""
    if u.token.type != _type_of("not") or not _in_formula(u.state) or _type_of("does") in u.expected:
        return None
    words = _NEGATION.get(_negation_place(u.state))
    return None if words is None else _diagnostic(words[0], u.span, words[1])


# (message, help) for `false` as the right side of a claim, by the word before it.
_FALSE_FORMULA = {
    "implies": ("`implies false` is not part of the language: to say that a formula never holds, write "
                "`unsatisfiable` or `excludes`",
                "`claim: unsatisfiable A(x), B(x)` says that the formula never holds; "
                "`claim: A excludes B` says that two formulas never hold together"),
    "imply": ("`does not imply false` is not part of the language: to say that a formula can hold, write "
              "`satisfiable`",
              "`claim: satisfiable A(x), B(x)` says that some world satisfies the formula; "
              "`claim: A does not exclude B` says that two formulas can hold together"),
}


def _implies_false(u: _Unexpected) -> Diagnostic | None:
    """``A implies false`` (or ``does not imply false``) in a claim."""
    if u.token.type != _type_of("false") or u.state.statement != "claim":
        return None
    top = u.state.stack[-1] if u.state.stack else None
    words = _FALSE_FORMULA.get(str(top)) if isinstance(top, Token) else None
    return None if words is None else _diagnostic(words[0], u.span, words[1])


# (message, help) for `or` in each place where a conjunction is written.
_DISJUNCTION = {
    "concept": ("`or` is not part of the language: a concept's body is a conjunction; define one concept "
                "for each alternative",
                "write `concept c1(x: K) := A(x)` and `concept c2(x: K) := B(x)`, and state what holds of "
                "each in claims of its own"),
    "rule body": ("`or` is not part of the language: a rule's body is a conjunction; write one rule for each "
                  "alternative",
                  "`A(x) or B(x) -> C(x)` is two rules: `rule r1: A(x) -> C(x)` and `rule r2: B(x) -> C(x)`"),
    "rule head": ("`or` is not part of the language: a rule's head is a conjunction; write a rule for each "
                  "atom that always follows",
                  "a rule cannot choose between heads; to explore the alternatives, write one scenario for "
                  "each"),
    "claim left": ("`or` is not part of the language: a formula is a conjunction; write one claim for each "
                   "alternative",
                   "`A or B implies C` is two claims: `claim: A implies C` and `claim: B implies C`"),
    "claim right": ("`or` is not part of the language: a formula is a conjunction; write one claim for each "
                    "alternative",
                    "a claim cannot say that one of several alternatives follows: claim each one that does on its "
                    "own (`claim: A implies B`); `A excludes B or C` is `A excludes B` and `A excludes C`"),
    "scenario": ("`or` is not part of the language: a scenario states one atom per line; write one scenario "
                 "for each alternative",
                 "a fact or an expectation is one atom: to leave a choice to the facts, leave both atoms out "
                 "(what does not follow stays open); expect each atom that must follow on a line of its own"),
}


def _disjunction(u: _Unexpected) -> Diagnostic | None:
    """``or`` between atoms or formulas: the language is conjunctive."""
    if u.missing_comma or not _in_formula(u.state):
        return None
    span = _word_near(u, "or")
    words = _DISJUNCTION.get(_place(u.state))
    return None if span is None or words is None else _diagnostic(words[0], span, words[1])


# (message, help) for `forall` in each place where a formula is written.
_UNIVERSAL = {
    "concept": ("`forall` is not part of the language: to say that every A is a B, write "
                "`claim: A implies B` or a rule `A(x) -> B(x)`",
                "a concept's variables other than its parameters are existential; a claim or a rule "
                "speaks of every value of its variables"),
    "rule body": ("`forall` is not part of the language: a rule `body -> head` applies to every value of its "
                  "variables",
                  "drop the quantifier: `rule r: A(x) -> B(x)` applies to every `x`; a head variable that "
                  "is not in the body is existential"),
    "claim left": ("`forall` is not part of the language: every variable on the left of `implies` is "
                   "already universal",
                   "drop the quantifier: `claim: A(x) implies B(x)` speaks of every `x` (a variable only on "
                   "the right is existential); to make it so rather than claim it, write a rule "
                   "`rule r: A(x) -> B(x)`"),
}
_UNIVERSAL["rule head"] = _UNIVERSAL["rule body"]
_UNIVERSAL["claim right"] = _UNIVERSAL["claim left"]


def _universal(u: _Unexpected) -> Diagnostic | None:
    """``forall x:`` before a formula or a body: variables are universal already."""
    if u.missing_comma or not _in_formula(u.state):
        return None
    span = _word_near(u, "forall")
    words = _UNIVERSAL.get(_place(u.state))
    return None if span is None or words is None else _diagnostic(words[0], span, words[1])


def _version_1_word(u: _Unexpected) -> tuple[str, Span] | None:
    """A word reserved since version 1 where a name was meant: where a name is expected
    (``kind open``), or read as a keyword just before an atom's ``(`` (``expect open(a)``)."""
    if u.value in VERSION_1_WORDS and u.token.type != "NAME" and "NAME" in u.expected:
        return u.value, u.span
    top = u.state.stack[-1] if u.state.stack else None
    if u.value == "(" and isinstance(top, Token) and str(top) in VERSION_1_WORDS:
        return str(top), _token_span(u.lines, u.path, top)
    return None


def _reserved_since_version_1(u: _Unexpected) -> Diagnostic | None:
    """A version-0 name that became a reserved word in version 1 (``kind open``)."""
    found = _version_1_word(u)
    if found is None:
        return None
    word, span = found
    words = ", ".join(f"`{w}`" for w in VERSION_1_WORDS[:-1]) + f" and `{VERSION_1_WORDS[-1]}`"
    return _diagnostic(
        f"`{word}` became a reserved word in version 1 of the language and can no longer be a name",
        span,
        f"rename it wherever the spec uses it, for example to `{word}_` or a more specific word; "
        f"version 1 reserves {words}",
    )


def _reserved_word(u: _Unexpected) -> Diagnostic | None:
    """A reserved word where a name is expected (``kind source``)."""
    if u.token.type not in _terminals().words or u.value not in RESERVED_WORDS or "NAME" not in u.expected:
        return None
    return _diagnostic(
        f"expected a name, found `{u.value}`, which is a reserved word",
        u.span,
        f"choose another name (for example `{u.value}_` or a more specific word); reserved "
        "words cannot name kinds, relations, concepts, framings, rules, claims, scenarios, "
        "variables or individuals",
    )


def _missing_colon_equals(u: _Unexpected) -> Diagnostic | None:
    """A concept whose body does not follow ``:=``."""
    if u.state.statement != "concept" or _type_of(":=") not in u.expected or u.token.type in u.expected:
        return None
    return _diagnostic(f"expected `:=` before the concept's body, found {u.found}", u.span,
                       "a concept is written `concept Name(var: Kind, ...) [\"doc\"] [source \"...\"]* := atom, ...`")


_COLON_HELP = {
    "claim": ("expected `:` before the claim's formula, found {found}",
              "a claim is written `claim [Name] [under Framing]: formula ...`; the `:` comes after the claim's "
              "name or framing"),
    "rule": ("expected `:` after the rule's name, found {found}", "a rule is written `rule Name: atom, ... -> head`"),
}


def _missing_colon(u: _Unexpected) -> Diagnostic | None:
    """A claim or a rule without the ``:`` before its formula or body."""
    words = _COLON_HELP.get(u.state.statement or "")
    if words is None or "COLON" not in u.expected or u.token.type in u.expected:
        return None
    return _diagnostic(words[0].format(found=u.found), u.span, words[1])


def _missing_comma(u: _Unexpected) -> Diagnostic | None:
    """Two atoms with no comma between them."""
    if not u.missing_comma:
        return None
    return _diagnostic(f"expected `,` between atoms, found {u.found}", u.span,
                       "separate the atoms with commas: `trains(b, a), optimizes(b, o)`")


def _doc_after_body(u: _Unexpected) -> Diagnostic | None:
    """A doc string or ``source`` after a concept's body."""
    if u.state.statement != "concept" or u.token.type not in ("STRING", _type_of("source")):
        return None
    if not any(isinstance(item, Token) and str(item) == ":=" for item in u.state.stack):
        return None
    return _diagnostic(
        f"expected `,` or a new statement, found {u.found}: a concept's doc string and sources come before `:=`",
        u.span, "move the doc string and `source` clauses between the parameters and `:=`")


def _generic(u: _Unexpected) -> Diagnostic:
    """What the parser would have accepted, in words."""
    at_start = not u.state.stack
    help = _context_help(u.state)
    if at_start or (u.state.statement is None and not help):
        help = "a statement starts with " + ", ".join(f"`{w}`" for w in STATEMENT_WORDS)
    return _diagnostic(f"expected {_expected_phrase(u.expected, at_start)}, found {u.found}", u.span, help)


# The common mistakes, most specific first; the first that recognises the error describes it.
_RECOGNISERS: tuple[Callable[[_Unexpected], Diagnostic | None], ...] = (
    _unclosed_brace, _unclosed_paren, _swapped_arrow, _keyword_case, _misspelled_keyword, _misspelled_scenario_word,
    _negation, _implies_false, _disjunction, _universal,
    _reserved_since_version_1, _reserved_word,
    _missing_colon_equals, _missing_colon,
    _missing_comma, _doc_after_body,
)


def _describe_token(token: Token, state: _State, text: str, path: str, lines: _Lines) -> Diagnostic:
    unexpected = _Unexpected(token, state, text, path, lines)
    for recognise in _RECOGNISERS:
        found = recognise(unexpected)
        if found is not None:
            return found
    return _generic(unexpected)


_ESCAPES = '"\\n'


def _describe_characters(exc: UnexpectedCharacters, state: _State, text: str, path: str,
                         lines: _Lines) -> Diagnostic:
    offset = exc.pos_in_stream if isinstance(exc.pos_in_stream, int) else 0
    offset = min(max(offset, 0), len(text))
    line, column = _position(text, offset)
    span = lines.span(path, line, column)
    char = text[offset] if offset < len(text) else ""

    if char == '"':
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        i = offset + 1
        while i < end:
            c = text[i]
            if c == '"':
                break
            if c == "\\":
                if i + 1 < end and text[i + 1] in _ESCAPES:
                    i += 2
                    continue
                if i + 1 < end:
                    bad = text[i + 1]
                    l2, c2 = _position(text, i)
                    return _diagnostic(
                        f"unknown escape {_shown(chr(92) + bad)} in a string",
                        lines.span(path, l2, c2, l2, c2 + 2),
                        'the escapes are \\" (a quote), \\\\ (a backslash) and \\n (a new line)',
                    )
                break
            i += 1
        else:
            i = end
        if i >= end or text[i] != '"':
            return _diagnostic(
                "unterminated string: expected `\"` before the end of the line",
                lines.span(path, line, column, line, lines.line_end(line)),
                'close the string with `"` on the same line; strings cannot span lines (use \\n '
                "for a line break)",
            )
    expected = _expected_phrase(state.expected, not state.stack) if state.expected else ""
    found = _char_phrase(char) if char else "end of file"
    message = f"expected {expected}, found {found}" if expected else f"unexpected {found}"
    if char in "\u201c\u201d\u201e\u00ab\u00bb":
        help = 'strings use straight double quotes: "..."'
    elif char == ";":
        help = "statements are not separated by `;`; start the next statement on its own"
    elif char.isdigit():
        help = "a name starts with a letter or `_`, not a digit"
    elif char in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                 "\u202f\u205f\u3000\u200b\ufeff":
        help = "replace it with an ordinary space"
    elif char == "=" and "->" in text[offset:offset + 2]:
        help = "a rule uses `->`"
    else:
        help = _context_help(state) or "remove or replace the character"
    return _diagnostic(message, span, help)


# ---------------------------------------------------------------------------------------------
# Reading and parsing without raising


def parse_source(source: SourceText) -> tuple[n.SpecFile | None, list[Diagnostic]]:
    """Parse decoded spec text, returning ``(spec, [])`` or ``(None, [syntax-error])``.

    Never raises for any text: a syntax error becomes one AS100 diagnostic (the first error in
    the text). The grammar nests nothing and the LALR parser keeps its own stack, so no input
    is too deep to parse.

    Examples
    --------
    >>> spec, diagnostics = parse_source(SourceText("a.align", "kind Model"))
    >>> (len(spec.statements), diagnostics)
    (1, [])
    """
    try:
        parsed = parse_text(source.text, source.path)
    except UnexpectedInput as exc:
        return None, [describe(exc, source.text, source.path)]
    return replace(parsed, preamble=preamble(source.text)), []


def _input_error(message: str, span: Span, help: str) -> Diagnostic:
    return make_diagnostic(INPUT_ERROR, span, message, help=help)


def read_file(path: str | os.PathLike[str],
              reader: Callable[[int], bytes] | None = None) -> tuple[SourceText | None, list[Diagnostic]]:
    """Read and decode a spec file, returning ``(source, [])`` or ``(None, [input-error])``.

    An AS101 ``input-error`` is reported for a file that is missing, a directory or not a
    regular file (a FIFO or a device is never opened for reading), unreadable (permission or
    other I/O error), too large, holds a NUL byte, or is not UTF-8. ``reader``, when given,
    reads the bytes instead of opening ``path`` (it takes the size limit and raises as
    :func:`~alignspec.syntax.safe_open.open_regular`); ``path`` then only names the file in
    diagnostics. Never raises.
    """
    name = os.fspath(path)
    start = Span(name, 1, 1, 1, 1)
    try:
        if reader is None:
            return read_source(name), []
        return decode_source(name, reader(MAX_FILE_BYTES)), []
    except SourceError as exc:
        return None, [_input_error(exc.message, exc.span, exc.help)]
    except FileNotFoundError:
        return None, [_input_error(f"file not found: {name}", start,
                                   "check the path and the current directory")]
    except IsADirectoryError:
        return None, [_input_error(f"{name} is a directory, not a spec file", start,
                                   "give the path of a .align file")]
    except NotRegularFileError as exc:
        return None, [_input_error(f"{name} is {exc.strerror}", start,
                                   "give the path of a .align file")]
    except PermissionError:
        return None, [_input_error(f"permission denied: cannot read {name}", start,
                                   "check the file's permissions")]
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return None, [_input_error(f"cannot read {name}: {reason}", start,
                                   "check that the path names a readable .align file")]


def parse_file(path: str | os.PathLike[str],
               reader: Callable[[int], bytes] | None = None) -> tuple[n.SpecFile | None, list[Diagnostic]]:
    """Read, decode and parse one spec file; never raises.

    Returns ``(spec, [])`` on success; otherwise ``(None, [diagnostic])`` with an AS101
    ``input-error`` (the file cannot be read as text: see ``read_file``, which also explains
    ``reader``) or an AS100 ``syntax-error`` (see ``describe``).
    """
    source, diagnostics = read_file(path, reader)
    if source is None:
        return None, diagnostics
    return parse_source(source)


__all__ = ["RESERVED_WORDS", "describe", "parse_file", "parse_source", "read_file"]
