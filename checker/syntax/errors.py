"""Syntax errors as diagnostics: what the parser expected, in the user's words, at the right place.

``describe`` turns a Lark ``UnexpectedInput`` into one AS100 ``syntax-error`` diagnostic. It never
shows Lark's terminal names: every terminal is named as a user would name it ("a name", "`)`",
"`kind`", "end of file"). The common mistakes get their own message, recognised from the parser
state (the terminals it would accept and the tokens on its stack) and from the text:

- a missing ``:=`` before a concept's body, a missing ``:`` in a claim or a rule;
- an unclosed ``{`` (end of file, or a new statement, inside a framing or a scenario);
- a missing ``,`` between atoms;
- ``=>`` (or ``->`` / ``implies`` in the wrong place) instead of ``->`` or ``implies``;
- a keyword written with the wrong case (``Kind``, ``IMPLIES``);
- a reserved word used as a name (``kind source``);
- an unterminated string or an unknown escape in a string;
- a character that is not part of the language.

``parse_source`` and ``parse_file`` read and parse, returning diagnostics instead of raising.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from ..codes import BY_CODE
from ..diagnostics import Diagnostic, Related, Span
from . import nodes as n
from .parser import parse_text, raw_parser
from .safe_open import NotRegularFileError
from .source import MAX_FILE_BYTES, SourceError, SourceText, decode_source, read_source

SYNTAX_ERROR = BY_CODE["AS100"]
INPUT_ERROR = BY_CODE["AS101"]

#: Every reserved word of the language: none of them can be used as a name.
RESERVED_WORDS: tuple[str, ...] = (
    "spec", "import", "as", "source", "kind", "disjoint", "relation", "concept", "framing",
    "extends", "rule", "claim", "under", "implies", "does", "not", "imply", "equivalent",
    "distinct", "satisfiable", "unsatisfiable", "scenario", "expect", "false",
    "functional", "inverse_functional", "reflexive", "irreflexive", "symmetric", "asymmetric",
    "transitive", "acyclic",
)

PROPERTY_WORDS = ("functional", "inverse_functional", "reflexive", "irreflexive", "symmetric",
                  "asymmetric", "transitive", "acyclic")
STATEMENT_WORDS = ("spec", "import", "kind", "disjoint", "relation", "concept", "framing", "claim",
                   "scenario")

# How each statement is written, shown as help when an error occurs inside one.
_SYNOPSIS = {
    "spec": 'spec Name "title" [source "..."]*',
    "import": 'import "path.align" [as Prefix]   or   import Name [as Prefix]',
    "kind": 'kind Name [: Parent, ...] ["doc"] [source "..."]*',
    "disjoint": 'disjoint Kind, Kind, ... ["doc"] [source "..."]*',
    "relation": 'relation Name(Domain, Range) property* ["doc"] [source "..."]*',
    "concept": 'concept Name(var: Kind, ...) ["doc"] [source "..."]* := atom, atom, ...',
    "framing": 'framing Name [extends Framing, ...] ["doc"] [source "..."]* { rule ... }',
    "rule": 'rule Name: atom, ... -> head ["doc"] [source "..."]*   (head: atoms, x = y, or false)',
    "claim": 'claim [Name] [under Framing]: formula implies formula  (or: does not imply, '
             'equivalent, distinct, satisfiable Concept, unsatisfiable Concept)',
    "scenario": 'scenario Name [under Framing] ["doc"] { Kind a, b   fact(a, b)   expect [not] atom }',
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
    keywords = {_type_of(w) for w in STATEMENT_WORDS + ("rule",)}
    statement = None
    brace = None
    for item in reversed(stack):
        if isinstance(item, Token):
            if statement is None and item.type in keywords:
                statement = str(item)
            if brace is None and str(item) == "{":
                brace = item
    return _State(expected, stack, statement, brace)


def _ends_with_atom(stack: list) -> bool:
    if not stack:
        return False
    top = stack[-1]
    if isinstance(top, Token):
        return top.type == "RPAR"
    if isinstance(top, (n.Atom, n.AtomsFormula)):
        return True
    if isinstance(top, tuple) and top and isinstance(top[-1], n.Atom):
        return True
    return False


def _followed_by_paren(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is followed (after ``.name`` and spaces) by ``(``."""
    match = re.compile(r"(?:\.[^\W\d]\w*[" + _PRIMES + r"]*)?[ \t]*\(").match(text, end)
    return match is not None


def _at_line_start(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    return text[start:offset].strip() == ""


# ---------------------------------------------------------------------------------------------
# describe


def _diagnostic(message: str, span: Span, help: str = "", related: tuple[Related, ...] = ()) -> Diagnostic:
    return Diagnostic(SYNTAX_ERROR.code, SYNTAX_ERROR.name, SYNTAX_ERROR.severity, message, span,
                      help=help, related=related)


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


def _describe_token(token: Token, state: _State, text: str, path: str, lines: _Lines) -> Diagnostic:
    expected = state.expected
    span = _token_span(lines, path, token)
    found = _found(token)
    value = str(token)
    eof = token.type == "$END"
    at_start = not state.stack
    words = _terminals()
    rbrace = _type_of("}")
    statement_types = {_type_of(w) for w in STATEMENT_WORDS}
    offset = token.start_pos if isinstance(token.start_pos, int) else len(text)

    # An unclosed `{`: end of file, or a new statement, where `}` could close the block.
    if state.brace is not None and rbrace in expected and (
        eof or (token.type in statement_types and _at_line_start(text, offset))
    ):
        brace_line = state.brace.line
        block = "framing" if state.statement in ("framing", "rule") else "scenario"
        where = "end of file" if eof else f"`{value}`"
        return _diagnostic(
            f"unclosed `{{` (opened on line {brace_line}): expected `}}` before {where}",
            span,
            f"add `}}` after the last {'rule' if block == 'framing' else 'line'} of the {block}",
            (Related(lines.span(path, state.brace.line, state.brace.column, state.brace.end_line,
                                state.brace.end_column), "the `{` opened here"),),
        )

    # `=>`, or the arrow of rules and the `implies` of claims swapped.
    arrow, implies = _type_of("->"), _type_of("implies")
    if not eof and (value == "=" and text.startswith("=>", offset) or value in ("->", "implies")):
        shown = "=>" if value == "=" else value
        if arrow in expected and value != "->":
            return _diagnostic(
                f"expected `->`, found `{shown}`",
                lines.span(path, token.line, token.column, token.line, token.column + len(shown)),
                "a rule is written `rule Name: body -> head`; use `->` between body and head",
            )
        if implies in expected and value != "implies":
            return _diagnostic(
                f"expected `implies`, found `{shown}`",
                lines.span(path, token.line, token.column, token.line, token.column + len(shown)),
                "a claim is written `claim [Name] [under Framing]: A implies B`; "
                "`->` belongs to rules",
            )

    # A keyword with the wrong case (`Kind`, `Claim`, `IMPLIES`), unless it is an atom
    # missing the comma before it.
    lower = value.lower()
    missing_comma = (
        token.type == "NAME" and "NAME" not in expected and "COMMA" in expected
        and _ends_with_atom(state.stack) and _followed_by_paren(text, offset + len(value))
    )
    if (not eof and not missing_comma and lower != value and lower in words.keyword_type
            and words.keyword_type[lower] in expected):
        return _diagnostic(
            f"expected `{lower}`, found {_shown(value)}: keywords are written in lower case",
            span,
            f"write `{lower}`; keywords and names are case-sensitive",
        )

    # A reserved word where a name is expected (`kind source`).
    if token.type in words.words and value in RESERVED_WORDS and "NAME" in expected:
        return _diagnostic(
            f"expected a name, found `{value}`, which is a reserved word",
            span,
            f"choose another name (for example `{value}_` or a more specific word); reserved "
            "words cannot name kinds, relations, concepts, framings, rules, claims, scenarios, "
            "variables or individuals",
        )

    # A missing `:=` before a concept's body.
    colon_eq = _type_of(":=")
    if state.statement == "concept" and colon_eq in expected and token.type not in expected:
        return _diagnostic(
            f"expected `:=` before the concept's body, found {found}",
            span,
            "a concept is written `concept Name(var: Kind, ...) [\"doc\"] [source \"...\"]* "
            ":= atom, ...`",
        )

    # A missing `:` in a claim or a rule.
    if "COLON" in expected and token.type not in expected and state.statement in ("claim", "rule"):
        if state.statement == "claim":
            return _diagnostic(
                f"expected `:` before the claim's formula, found {found}",
                span,
                "a claim is written `claim [Name] [under Framing]: formula ...`; the `:` comes "
                "after the claim's name or framing",
            )
        return _diagnostic(
            f"expected `:` after the rule's name, found {found}",
            span,
            "a rule is written `rule Name: atom, ... -> head`",
        )

    # A missing comma between two atoms.
    if missing_comma:
        return _diagnostic(
            f"expected `,` between atoms, found {found}",
            span,
            "separate the atoms with commas: `trains(b, a), optimizes(b, o)`",
        )

    # A doc string or source after a concept's body.
    if (state.statement == "concept" and token.type in ("STRING", _type_of("source"))
            and any(isinstance(item, Token) and str(item) == ":=" for item in state.stack)):
        return _diagnostic(
            f"expected `,` or a new statement, found {found}: a concept's doc string and "
            "sources come before `:=`",
            span,
            "move the doc string and `source` clauses between the parameters and `:=`",
        )

    # A rule outside the braces of a framing.
    if token.type == _type_of("rule") and state.brace is None:
        return _diagnostic(
            "expected a new statement, found `rule`: rules belong inside a framing's `{ }`",
            span,
            "write the rules between `{` and `}` after `framing Name [extends ...]`",
        )

    message = f"expected {_expected_phrase(expected, at_start)}, found {found}"
    help = _context_help(state)
    if at_start or (state.statement is None and not help):
        help = "a statement starts with " + ", ".join(f"`{w}`" for w in STATEMENT_WORDS)
    return _diagnostic(message, span, help)


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
        return parse_text(source.text, source.path), []
    except UnexpectedInput as exc:
        return None, [describe(exc, source.text, source.path)]


def _input_error(message: str, span: Span, help: str) -> Diagnostic:
    return Diagnostic(INPUT_ERROR.code, INPUT_ERROR.name, INPUT_ERROR.severity, message, span,
                      help=help)


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


__all__ = ["describe", "parse_source", "parse_file", "read_file", "RESERVED_WORDS"]
