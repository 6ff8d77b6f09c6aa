"""Generated specs with comments, their whitespace mutated: formatting gives one canonical text.

- Whitespace the layout does not depend on (spaces, tabs, indentation, trailing blanks, how many
  blank lines, ``\\r\\n``, line breaks where none may stand) changes nothing in the result.
- Any whitespace at all, line breaks anywhere included: the result has the same tokens, the same
  syntax tree and every comment in its place, follows the layout, and is a fixpoint.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

from _formatting_support import comments, generated_specs, layout_problems, tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignspec.syntax.formatter import format_text
from alignspec.syntax.lexemes import Lexeme, comparable, lexemes

EVERY_CONSTRUCT = """\
spec every "Every construct" source "https://example.org/spec"
import vocabulary as V
import "other.align"
kind A "a kind"
kind B: A, V.Model source "https://example.org/b"
disjoint A, V.Objective
relation r(A, B) functional acyclic "a relation"
relation s(A, B, B): r inverse_functional
rule d: r(x, y), B(y) -> s(x, y, y) "a definition"
concept c(x: A, y: B) "a concept" source "https://example.org/c" := r(x, y), s(x, y, z)
framing F extends G, H "a framing" {
    rule f1: r(x, y) -> A(y)
    rule f2: r(x, y), r(y, z) -> x = z "why"
    rule f3: s(x, y, z) -> false
}
framing G
claim one under F: c implies c
claim: r(x, y) does not imply r(y, x)
claim: r(x, y) excludes r(y, x)
claim: c does not exclude c
claim: c equivalent c
claim: c distinct c
claim: satisfiable c
claim: unsatisfiable r(x, x)
scenario S under F "a scenario" {
    A a, b
    B c
    r(a, c)
    not r(b, c)
    expect c(a, c)
    expect not c(b, c)
    expect refuted r(b, c)
    expect open A(c)
    expect inconsistent
}
"""
BASES = [EVERY_CONSTRUCT, *(text for name, text in generated_specs()
                            if name in ("parse_0", "classification_0"))]
BLANKS = st.text(alphabet=" \t", max_size=4)
PUNCTUATION_DROPS = ("(", ".")          # no line may break after these
PUNCTUATION_DROPS_BEFORE = (")", ".", "(")


def _wordy_end(text: str) -> bool:
    return text[-1].isalnum() or text[-1] in "_'\u2032\u2033\u2034"


def _wordy_start(text: str) -> bool:
    return text[0].isalnum() or text[0] == "_"


def _needs_space(before: Lexeme, after: Lexeme) -> bool:
    return not before.is_comment and not after.is_comment and _wordy_end(before.text) and _wordy_start(after.text)


@cache
def _lexed(text: str) -> tuple[Lexeme, ...]:
    return tuple(lexemes(text))


COMMENT_RUNS = st.lists(st.tuples(st.sampled_from(["end", "alone", "continued"]), st.booleans(),
                                   st.sampled_from(["", "  ", "    ", "\t"])), min_size=1, max_size=3)


def _comment_run(draw, column: int, number: int) -> str:
    """Comments to put right after a token that ends in ``column``: an end-of-line comment or
    comment lines, some continuing the end-of-line comment, some after a blank line."""
    text = ""
    anchor: int | None = None
    for k, (where, blank, indent) in enumerate(draw(COMMENT_RUNS)):
        comment = f"# note {number}.{k}: {where}"
        if k == 0 and where == "end":
            text += f"  {comment}"
            anchor = column + 2
        elif where == "continued" and anchor is not None:
            text += "\n" + " " * anchor + comment
        else:
            text += "\n" + ("\n" if blank else "") + indent + comment
            anchor = None
    return text + "\n" + ("\n" if draw(st.booleans()) else "")


@st.composite
def commented_specs(draw) -> str:
    """A spec with runs of comments added after some of its tokens."""
    text = draw(st.sampled_from(BASES))
    code = [x for x in _lexed(text) if not x.is_comment]
    chosen = draw(st.lists(st.integers(0, len(code) - 1), max_size=12, unique=True))
    for number, index in enumerate(sorted(chosen, reverse=True)):
        end = code[index].end
        column = end - (text.rfind("\n", 0, end) + 1)
        text = text[:end] + _comment_run(draw, column, number) + text[end:]
    return text


def _mutate_layout_free_whitespace(draw, formatted: str) -> str:
    """``formatted`` with its whitespace changed only where the layout does not depend on it."""
    found = _lexed(formatted)
    parts: list[str] = []
    column = 0
    anchor_in = anchor_out = None   # the column of the end-of-line comment that comment lines continue
    previous: Lexeme | None = None
    for lexeme in found:
        gap = formatted[previous.end if previous else 0: lexeme.start]
        newlines = gap.count("\n")
        if newlines == 0 and previous is not None:
            blanks = draw(BLANKS)
            if not blanks and _needs_space(previous, lexeme):
                blanks = " "
            if (not lexeme.is_comment and not previous.is_comment
                    and (previous.text in PUNCTUATION_DROPS or lexeme.text in PUNCTUATION_DROPS_BEFORE)
                    and draw(st.booleans())):
                blanks += "\n" + draw(BLANKS)
            piece = blanks
        else:
            if newlines == 0:
                count = 0
            else:
                count = 1 if newlines == 1 else draw(st.integers(2, 3))
            lines = [draw(BLANKS) for _ in range(count)]
            continues = (lexeme.is_comment and newlines == 1 and anchor_in is not None
                         and lexeme.column == anchor_in)
            if continues:
                indent = " " * anchor_out
            else:
                indent = draw(st.sampled_from(["", " ", "  ", "    ", "\t", "     ", "        "]))
                if lexeme.is_comment and newlines == 1 and anchor_out is not None and len(indent) == anchor_out:
                    indent += " "
            piece = "".join(f"{blanks}\n" for blanks in lines) + indent
        parts.append(piece)
        column = len(piece.rsplit("\n", 1)[-1]) if "\n" in piece else column + len(piece)
        if lexeme.is_comment:
            at_end = previous is not None and not previous.is_comment and previous.line == lexeme.line
            if at_end:
                anchor_in, anchor_out = lexeme.column, column
            elif not (newlines == 1 and anchor_in is not None and lexeme.column == anchor_in):
                anchor_in = anchor_out = None
            parts.append(lexeme.text + draw(BLANKS))
        else:
            anchor_in = anchor_out = None
            parts.append(lexeme.text)
        column += len(parts[-1])
        previous = lexeme
    parts.append("\n" * draw(st.integers(0, 3)))
    text = "".join(parts)
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def _mutate_any_whitespace(draw, text: str) -> str:
    """``text`` with the whitespace between any two lexemes replaced at random."""
    found = _lexed(text)
    parts: list[str] = [draw(st.sampled_from(["", "\n", "  \n\n"]))]
    for previous, lexeme in pairwise(found):
        parts.append(previous.text)
        gap = draw(st.sampled_from(["", " ", "   ", "\t", "\n", "\n\n\n", " \n  ", "\n        "]))
        if previous.is_comment and "\n" not in gap:
            gap += "\n"
        if not gap and _needs_space(previous, lexeme):
            gap = " "
        parts.append(gap)
    parts.append(found[-1].text + "\n")
    return "".join(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_whitespace_the_layout_does_not_depend_on_changes_nothing(data):
    formatted = format_text(data.draw(commented_specs()), "spec.align")
    mutated = _mutate_layout_free_whitespace(data.draw, formatted)
    assert format_text(mutated, "spec.align") == formatted


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_whitespace_formats_to_the_same_spec_with_its_comments_in_place(data):
    mutated = _mutate_any_whitespace(data.draw, data.draw(commented_specs()))
    formatted = format_text(mutated, "spec.align")
    assert comparable(lexemes(formatted)) == comparable(lexemes(mutated))
    assert comments(formatted) == comments(mutated)
    assert tree(formatted) == tree(mutated)
    assert layout_problems(formatted) == []
    assert format_text(formatted, "spec.align") == formatted
