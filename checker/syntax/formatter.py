"""One canonical layout for spec text: ``format_text`` rewrites the whitespace, nothing else.

Design
------
The formatter changes only the whitespace between lexemes. It reads the text twice:

- the **syntax tree** (``parse_text``, the project's configured parser) says where each top-level
  statement and each item of a ``{ ... }`` block starts, and what kind of statement it is;
- the **lexemes** (``lexemes.lexemes``: a second pass of Lark's lexer, built from the same
  grammar, that keeps comments) give every code token and every comment with its position. The
  whitespace between two code tokens (a *gap*) holds only blanks, newlines and comments; how many
  newlines a gap held, and where its comments sat, is all the formatter keeps of the old layout.

From these it lays out lines (code, an end-of-line comment, or a comment alone) and then aligns the
end-of-line comments. The tokens and comments of the result are those of the input, in the same
order: ``format_text`` re-lexes its output and refuses to return text whose lexemes differ (a
comment's trailing blanks aside). Since whitespace means nothing in the language, the result
parses to the same syntax tree. Line breaks are the user's to place, at the points listed below;
the formatter never wraps a long line and never joins lines there.

The layout
----------
- **Statements.** Every top-level statement starts a line at column 0. Its continuation lines are
  indented by 4 spaces, except that the ``spec`` header's title and ``source`` lines stay flush
  left (the header is the file's title block).
- **Blocks.** ``{`` ends the line of its framing or scenario, or, when that header takes more than
  one line, stands alone at column 0 on the line after it (so that the header's continuation lines
  and the block's items, both indented by 4, do not run together). Each rule or scenario item
  starts a line indented by 4 (its continuation lines by 8); ``}`` stands alone at column 0. A
  block with nothing in it is written ``{}``.
- **Concept bodies.** Lines that continue a concept's body after the ``:=`` line line up with the
  first atom after ``:=`` (the column of ``:=`` plus 3).
- **Where a line may break** inside a statement: after a comma; after the ``:`` of a claim or a
  rule; before a doc string, a ``source``, ``:=``, ``->``, a claim's operator (``implies``,
  ``does not imply``, ``excludes``, ``does not exclude``, ``equivalent``, ``distinct``),
  ``extends`` or a relation property. A break the user wrote there is kept; a break just before a
  ``,`` or ``:`` moves after it; a break just after ``:=``, ``->`` or inside or after a claim's
  operator moves before it; any other break is removed (``a(\\n x)`` becomes ``a(x)``).
- **Spaces.** None before ``,`` ``)`` ``:`` ``(`` and none after ``(`` or around ``.``; one after a
  comma and around ``:=``, ``->``, ``=``; one between any other two tokens on a line; no trailing
  blanks.
- **Blank lines.** At most one anywhere. Between two top-level statements there is one blank line,
  except that statements of the same kind that were written on adjacent lines stay adjacent, as a
  group: ``import`` lines, kinds, relations, rules, concepts, framings, claims, scenarios; a
  ``disjoint`` line may stay next to kinds or to relations. Between the items of a block, a blank
  line the user wrote is kept; none follows ``{`` or precedes ``}``. Blank lines inside a
  statement are removed; the file has none at its start or end and ends with one newline.
- **Comments** never move between tokens. An end-of-line comment stays at the end of its line,
  two spaces after the code, or further right so that the comments of adjacent lines start in one
  column (the longest line's code plus two). A comment on a line of its own before a statement,
  an item or a ``}`` stays there, indented like what follows it; inside a statement it is
  indented like the continuation line that follows. A comment line that directly continues an
  end-of-line comment (written in the same column, on the next line) stays aligned under it.
  Blank lines around comments between statements are kept (at most one).
- The result uses ``\\n`` line ends; a byte-order mark and ``\\r\\n`` / ``\\r`` line ends are
  dropped, as the checker drops them when it reads a file.

``format_text`` is idempotent: formatting its result again gives the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..span import Span
from . import nodes as n
from .errors import parse_source
from .lexemes import Lexeme, comparable, lexemes
from .source import SourceText

INDENT = 4

# What kind of statement each node is, for the blank-line rule: adjacent statements of one family
# stay adjacent.
_FAMILY: dict[type, str] = {
    n.SpecHeader: "spec",
    n.Import: "import",
    n.KindDecl: "kind",
    n.DisjointDecl: "disjoint",
    n.RelationDecl: "relation",
    n.RuleDecl: "rule",
    n.ConceptDecl: "concept",
    n.FramingDecl: "framing",
    n.ClaimDecl: "claim",
    n.ScenarioDecl: "scenario",
}
_SCENARIO_ITEM = "scenario item"
# ``disjoint`` speaks of kinds or of relations: it joins the group of kinds or relations it
# follows, and may start a group that either continues.
_DISJOINT = "disjoint"
_DISJOINT_GROUPS = frozenset({"kind", "relation"})

_OPERATOR_WORDS = frozenset({"_IMPLIES", "_DOES", "_EXCLUDES", "_EQUIVALENT", "_DISTINCT"})
_PROPERTIES = frozenset({"FUNCTIONAL", "INVERSE_FUNCTIONAL", "REFLEXIVE", "IRREFLEXIVE", "SYMMETRIC",
                         "ASYMMETRIC", "TRANSITIVE", "ACYCLIC"})
_ARROWS = frozenset({":=", "->"})
_NO_SPACE_BEFORE = frozenset({",", ")", ":", "(", "."})
_NO_SPACE_AFTER = frozenset({"(", "."})


class FormatError(ValueError):
    """The text cannot be formatted because it is not a spec: ``diagnostic`` says why (an AS100
    ``syntax-error``)."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def normalise_newlines(text: str) -> str:
    """``text`` without a leading byte-order mark and with ``\\n`` for every line end."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def format_text(text: str, path: str = "<string>") -> str:
    """The canonical layout of the spec ``text`` (see the module documentation for the rules).

    ``path`` names the text in a diagnostic. Raises ``FormatError`` when ``text`` does not parse.

    Examples
    --------
    >>> print(format_text("kind A:B,C   # two parents\\nkind   B\\nrelation r( A , B )", "x.align"), end="")
    kind A: B, C  # two parents
    kind B
    <BLANKLINE>
    relation r(A, B)
    """
    text = normalise_newlines(text)
    spec, diagnostics = parse_source(SourceText(path, text))
    if spec is None:
        raise FormatError(diagnostics[0])
    found = lexemes(text)
    tokens = _tokens([x for x in found if not x.is_comment], spec)
    gaps = _gaps(text, found)
    lines = _Printer(tokens, gaps).lines()
    result = _render(lines)
    if comparable(lexemes(result)) != comparable(found):
        raise RuntimeError(f"formatting {path} would change its tokens or comments; the text is left as it was")
    return result


# ---------------------------------------------------------------------------------------------
# The code tokens, with what the syntax tree says about them


@dataclass
class _Token:
    lexeme: Lexeme
    construct: str = ""          # the statement's family, or the kind of block item it is part of
    starts_statement: bool = False
    starts_item: bool = False
    depth: int = 0               # parentheses open before it

    @property
    def text(self) -> str:
        return self.lexeme.text

    @property
    def type(self) -> str:
        return self.lexeme.type


def _tokens(code: list[Lexeme], spec: n.SpecFile) -> list[_Token]:
    tokens = [_Token(x) for x in code]
    at = {(x.line, x.column + 1): i for i, x in enumerate(code)}

    def index(span: Span) -> int:
        i = at.get((span.line, span.column))
        if i is None:
            raise RuntimeError(f"no token starts at {span.line}:{span.column} of {span.file}")
        return i

    starts: dict[int, str] = {}
    items: dict[int, str] = {}
    for statement in spec.statements:
        starts[index(statement.span)] = _FAMILY[type(statement)]
        if isinstance(statement, n.FramingDecl):
            items.update((index(rule.span), "rule") for rule in statement.rules)
        elif isinstance(statement, n.ScenarioDecl):
            parts: list[n.Individuals | n.Atom | n.NegativeFact | n.Expect] = [
                *statement.individuals, *statement.facts, *statement.negative_facts, *statement.expects]
            items.update((index(part.span), _SCENARIO_ITEM) for part in parts)
    construct = ""
    family = ""
    depth = 0
    for i, token in enumerate(tokens):
        if i in starts:
            family = construct = starts[i]
            token.starts_statement = True
        elif i in items:
            construct = items[i]
            token.starts_item = True
        elif token.text == "}":
            construct = family
        token.construct = construct
        token.depth = depth
        depth += (token.text == "(") - (token.text == ")")
    return tokens


# ---------------------------------------------------------------------------------------------
# The gaps between code tokens: their comments and newlines


@dataclass(frozen=True)
class _Comment:
    text: str
    newlines_before: int   # since the previous token or comment
    column: int            # where it was written (0-based)


@dataclass
class _Gap:
    comments: list[_Comment] = field(default_factory=list)
    newlines_after: int = 0   # between its last comment (or the token before it) and the next token


def _gaps(text: str, found: list[Lexeme]) -> list[_Gap]:
    """One gap before each code token, and one after the last."""
    gaps = [_Gap()]
    previous_end = 0
    for lexeme in found:
        newlines = text.count("\n", previous_end, lexeme.start)
        if lexeme.is_comment:
            gaps[-1].comments.append(_Comment(lexeme.text.rstrip(), newlines, lexeme.column))
        else:
            gaps[-1].newlines_after = newlines
            gaps.append(_Gap())
        previous_end = lexeme.end
    gaps[-1].newlines_after = text.count("\n", previous_end)
    return gaps


# ---------------------------------------------------------------------------------------------
# Where lines break inside a statement


def _break_allowed(tokens: list[_Token], i: int) -> bool:
    """Whether a line may break between ``tokens[i - 1]`` and ``tokens[i]``."""
    before, token = tokens[i - 1], tokens[i]
    if before.text == ",":
        return True
    if before.text == ":" and before.depth == 0 and before.construct in ("claim", "rule"):
        return True
    if token.type == "STRING":
        return token.construct != "import"
    return (token.type == "_SOURCE" or token.text in _ARROWS or token.type in _OPERATOR_WORDS
            or token.type == "_EXTENDS" or token.type in _PROPERTIES)


def _operator_start(tokens: list[_Token], i: int) -> int | None:
    """The first token of the operator ``tokens[i]`` is part of (``does not imply`` is one), or None."""
    token = tokens[i]
    if token.text in _ARROWS or token.type in _OPERATOR_WORDS:
        return i
    if token.type == "NOT" and i >= 1 and tokens[i - 1].type == "_DOES":
        return i - 1
    if token.type in ("_IMPLY", "_EXCLUDE") and i >= 2 and tokens[i - 2].type == "_DOES":
        return i - 2
    return None


def _is_inner(tokens: list[_Token], i: int) -> bool:
    """Whether the gap before ``tokens[i]`` lies inside a statement or block item."""
    if i <= 0 or i >= len(tokens):
        return False
    token = tokens[i]
    return not (token.starts_statement or token.starts_item or token.text == "}")


def _breaks(tokens: list[_Token], gaps: list[_Gap]) -> set[int]:
    """The inner gaps (by the index of the token after them) where a line breaks, comments aside."""
    breaks: set[int] = set()
    for i in range(1, len(tokens)):
        gap = gaps[i]
        if not _is_inner(tokens, i) or gap.comments or gap.newlines_after == 0:
            continue
        target: int | None = None
        if _break_allowed(tokens, i):
            target = i
        elif tokens[i].text in (",", ":"):
            target = i + 1
        else:
            start = _operator_start(tokens, i - 1)
            if start is not None:
                target = start
        if target is not None and _is_inner(tokens, target) and _break_allowed(tokens, target):
            breaks.add(target)
    return breaks


# ---------------------------------------------------------------------------------------------
# Laying out lines


@dataclass
class _Line:
    indent: int = 0
    code: str = ""
    comment: str | None = None
    aligned: bool = False   # a comment alone, continuing the end-of-line comment above it

    @property
    def is_blank(self) -> bool:
        return not self.code and self.comment is None


class _Printer:
    """Lays out the tokens and comments of one file as lines."""

    def __init__(self, tokens: list[_Token], gaps: list[_Gap]):
        self.tokens = tokens
        self.gaps = gaps
        self.breaks = _breaks(tokens, gaps)
        self.out: list[_Line] = []
        self.base = 0                      # indentation of the statement or item being written
        self.flush = False                 # continuation lines flush left (the spec header)
        self.body_column: int | None = None  # where a concept's body continues, after its ``:=``
        self.statement_line = 0            # the index of the line the current statement starts on

    def lines(self) -> list[_Line]:
        tokens, gaps = self.tokens, self.gaps
        if not tokens:
            self._leading(gaps[0], last=True)
            return self.out
        self._leading(gaps[0], last=False)
        self._start_statement(tokens[0])
        self._put(0, new_line=True)
        group = tokens[0].construct
        for i in range(1, len(tokens)):
            token, before, gap = tokens[i], tokens[i - 1], gaps[i]
            if token.starts_statement:
                separated = self._between_statements(gap, blank=not _adjacent(group, token.construct))
                group = _group(group, token.construct, separated)
                self._start_statement(token)
                new_line = True
            elif token.text == "}" and before.text == "{" and not gap.comments:
                new_line = False
            elif token.text == "{":
                header_lines = len(self.out) - self.statement_line
                new_line = self._inside(gap, header_lines > 1, indent=self.base)
            elif token.starts_item or token.text == "}":
                closing = token.text == "}"
                self._between_items(gap, after_open=before.text == "{", closing=closing)
                if closing:
                    self.base, self.flush, self.body_column = 0, False, None
                else:
                    self.base, self.flush, self.body_column = INDENT, False, None
                new_line = True
            else:
                new_line = self._inside(gap, i in self.breaks)
            self._put(i, new_line)
        self._trailing_gap(gaps[-1])
        return self.out

    # tokens

    def _start_statement(self, token: _Token) -> None:
        self.base, self.flush, self.body_column = 0, token.construct == "spec", None
        self.statement_line = len(self.out) - 1

    def _continuation(self) -> int:
        if self.body_column is not None:
            return self.body_column
        return self.base if self.flush else self.base + INDENT

    def _put(self, i: int, new_line: bool) -> None:
        token = self.tokens[i]
        line = self.out[-1]
        if not new_line:
            line.code += _separator(self.tokens[i - 1].text, token.text)
        if token.text == ":=":
            self.body_column = line.indent + len(line.code) + len(":= ")
        line.code += token.text

    def _new_line(self, indent: int) -> None:
        self.out.append(_Line(indent))

    def _blank(self) -> None:
        if self.out and not self.out[-1].is_blank:
            self.out.append(_Line())

    # comments and blank lines

    def _end_of_line(self, gap: _Gap) -> list[_Comment]:
        """Put the gap's end-of-line comment, and the comment lines continuing it, after the
        current line; return the comments that stand on lines of their own."""
        comments = gap.comments
        if not comments or comments[0].newlines_before != 0:
            return comments
        self.out[-1].comment = comments[0].text
        column = comments[0].column
        k = 1
        while k < len(comments) and comments[k].newlines_before == 1 and comments[k].column == column:
            self.out.append(_Line(comment=comments[k].text, aligned=True))
            k += 1
        return comments[k:]

    def _comment_lines(self, comments: list[_Comment], indent: int, first_blank: bool,
                       keep_blanks: bool = True) -> None:
        for k, comment in enumerate(comments):
            if (first_blank if k == 0 else keep_blanks and comment.newlines_before >= 2):
                self._blank()
            self.out.append(_Line(indent, comment=comment.text))

    def _leading(self, gap: _Gap, last: bool) -> None:
        """Comments before the first token (or in a file without any)."""
        self._comment_lines(gap.comments, 0, first_blank=False)
        if not last:
            if gap.comments and gap.newlines_after >= 2:
                self._blank()
            self._new_line(0)

    def _between_statements(self, gap: _Gap, blank: bool) -> bool:
        """Lay out the gap before a top-level statement; whether a blank line separates it (or the
        comments before it) from the statement before."""
        rest = self._end_of_line(gap)
        first_blank = blank or (rest[0].newlines_before if rest else gap.newlines_after) >= 2
        self._comment_lines(rest, 0, first_blank)
        if first_blank if not rest else gap.newlines_after >= 2:
            self._blank()
        self._new_line(0)
        return first_blank

    def _between_items(self, gap: _Gap, after_open: bool, closing: bool) -> None:
        rest = self._end_of_line(gap)
        first_blank = not after_open and (rest[0].newlines_before if rest else gap.newlines_after) >= 2
        self._comment_lines(rest, INDENT, first_blank)
        if not closing and (first_blank if not rest else gap.newlines_after >= 2):
            self._blank()
        self._new_line(0 if closing else INDENT)

    def _inside(self, gap: _Gap, wanted: bool, indent: int | None = None) -> bool:
        """Lay out a gap inside a statement; whether the next token starts a new line (at
        ``indent``, by default the continuation indentation)."""
        if indent is None:
            indent = self._continuation()
        if not gap.comments:
            if wanted:
                self._new_line(indent)
            return wanted
        rest = self._end_of_line(gap)
        self._comment_lines(rest, indent, first_blank=False, keep_blanks=False)
        self._new_line(indent)
        return True

    def _trailing_gap(self, gap: _Gap) -> None:
        rest = self._end_of_line(gap)
        first_blank = bool(rest) and rest[0].newlines_before >= 2
        self._comment_lines(rest, 0, first_blank)


def _adjacent(group: str, family: str) -> bool:
    """Whether a statement of ``family`` may stay on the line after a statement of ``group``."""
    if _DISJOINT in (group, family):
        return {group, family} <= _DISJOINT_GROUPS | {_DISJOINT}
    return group == family


def _group(previous: str, family: str, separated: bool) -> str:
    """The group a statement of ``family`` belongs to, after one of group ``previous``."""
    if family == _DISJOINT and not separated and previous in _DISJOINT_GROUPS:
        return previous
    return family


def _separator(before: str, token: str) -> str:
    if token == "}" and before == "{":
        return ""
    if token in _NO_SPACE_BEFORE or before in _NO_SPACE_AFTER:
        return ""
    return " "


# ---------------------------------------------------------------------------------------------
# Lines to text, with end-of-line comments aligned


def _comment_columns(lines: list[_Line]) -> dict[int, int]:
    """The column of each run of end-of-line comments (and the comment lines aligned under them)."""
    columns: dict[int, int] = {}
    run: list[int] = []

    def close() -> None:
        if run:
            column = max(lines[k].indent + len(lines[k].code) for k in run if lines[k].code) + 2
            columns.update((k, column) for k in run)
            run.clear()

    for k, line in enumerate(lines):
        if line.comment is not None and (line.code or line.aligned):
            run.append(k)
        else:
            close()
    close()
    return columns


def _render(lines: list[_Line]) -> str:
    columns = _comment_columns(lines)
    # A comment alone whose indent falls in the column of the end-of-line comments just above it
    # reads back as continuing them, so it is laid out as one from the start.
    while True:
        joining = [k for k, line in enumerate(lines)
                   if k and line.comment is not None and not line.code and not line.aligned
                   and columns.get(k - 1) == line.indent]
        if not joining:
            break
        for k in joining:
            lines[k].aligned = True
        columns = _comment_columns(lines)
    text: list[str] = []
    for k, line in enumerate(lines):
        if line.is_blank:
            text.append("")
        elif line.aligned:
            text.append(" " * columns[k] + (line.comment or ""))
        elif not line.code:
            text.append(" " * line.indent + (line.comment or ""))
        elif line.comment is None:
            text.append(" " * line.indent + line.code)
        else:
            code = " " * line.indent + line.code
            text.append(code.ljust(columns[k]) + line.comment)
    while text and text[-1] == "":
        text.pop()
    return "\n".join(text) + "\n" if text else ""


__all__ = ["INDENT", "FormatError", "format_text", "normalise_newlines"]
