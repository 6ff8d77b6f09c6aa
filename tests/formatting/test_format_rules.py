"""The layout rules on small inputs: each case is the input and the exact output."""

from __future__ import annotations

import textwrap

import pytest
from _formatting_support import tree

from alignspec.syntax.formatter import FormatError, format_text


def _text(block: str) -> str:
    return textwrap.dedent(block).lstrip("\n")


CASES = {
    "spaces between tokens": (
        """
        kind  B :A ,C
        relation r ( A,B ):s functional  acyclic
        rule d : r(x,y) , B(x)->y=x
        """,
        """
        kind B: A, C

        relation r(A, B): s functional acyclic

        rule d: r(x, y), B(x) -> y = x
        """,
    ),
    "statements of one kind written together stay together": (
        """
        import vocabulary
        import "other.align" as O
        kind A
        kind B: A
        disjoint A, Model
        relation r(A, B)
        disjoint r, s
        relation s(A, B)
        claim: A implies B
        claim: B implies A
        """,
        """
        import vocabulary
        import "other.align" as O

        kind A
        kind B: A
        disjoint A, Model

        relation r(A, B)
        disjoint r, s
        relation s(A, B)

        claim: A implies B
        claim: B implies A
        """,
    ),
    "blank lines are at most one, and none at the ends": (
        """


        kind A



        kind B


        """,
        """
        kind A

        kind B
        """,
    ),
    "the spec header's sources stay flush left, other continuation lines are indented by 4": (
        """
        spec demo "A demo"
          source "https://example.org/a"
        kind A
        "a kind"
        source "https://example.org/b"
        """,
        """
        spec demo "A demo"
        source "https://example.org/a"

        kind A
            "a kind"
            source "https://example.org/b"
        """,
    ),
    "a concept's body continues under its first atom": (
        """
        concept c(x: A)
          "doc"
        :=    r(x, y),
                   s(y, z), t(z, x),
          u(x)
        concept d(x: A) := r(x, y),
        s(y, x)
        """,
        """
        concept c(x: A)
            "doc"
            := r(x, y),
               s(y, z), t(z, x),
               u(x)
        concept d(x: A) := r(x, y),
                           s(y, x)
        """,
    ),
    "blocks: items indented by 4, their continuation lines by 8, the brace alone": (
        """
        framing F extends G,H "doc"
        {
        rule a: r(x, y)
        -> s(x, y)
             "why"


        rule b: s(x, y) -> false
        }
        scenario S under F {
        A a, b
           r(a, b)
            not s(a, b)
         expect   not s(b, a)
        expect inconsistent }
        """,
        """
        framing F extends G, H "doc" {
            rule a: r(x, y)
                -> s(x, y)
                "why"

            rule b: s(x, y) -> false
        }

        scenario S under F {
            A a, b
            r(a, b)
            not s(a, b)
            expect not s(b, a)
            expect inconsistent
        }
        """,
    ),
    "a header that takes several lines puts its brace on a line of its own; an empty block is {}": (
        """
        scenario S under F "doc"
            source "https://example.org/s" {
            A a
        }
        framing G {
        }
        """,
        """
        scenario S under F "doc"
            source "https://example.org/s"
        {
            A a
        }

        framing G {}
        """,
    ),
    "line breaks move to where the language allows them": (
        """
        claim c under F
        : a(x)
        , b(x) does
        not imply c(x)
        claim: d(
        x) implies
        e(x)
        rule r: a(x) ->
            b(x)
        """,
        """
        claim c under F:
            a(x),
            b(x)
            does not imply c(x)
        claim: d(x)
            implies e(x)

        rule r: a(x)
            -> b(x)
        """,
    ),
    "end-of-line comments: two spaces after the code, aligned on adjacent lines": (
        """
        kind A # first
        kind Bcd    # second
        kind E

        kind F # third
        """,
        """
        kind A    # first
        kind Bcd  # second
        kind E

        kind F  # third
        """,
    ),
    "comments on lines of their own stay before what follows them, indented like it": (
        """
        # about the file

        # about A
        kind A
          # about r
        relation r(A, A)
        scenario S {
        # about a
                A a
          # before the end
        }
        concept c(x: A)
        # about the body
        := r(x, y),
              # about s
           r(y, x)
        # at the end
        """,
        """
        # about the file

        # about A
        kind A

        # about r
        relation r(A, A)

        scenario S {
            # about a
            A a
            # before the end
        }

        concept c(x: A)
            # about the body
            := r(x, y),
               # about s
               r(y, x)
        # at the end
        """,
    ),
    "a comment line that continues an end-of-line comment stays under it": (
        """
        import vocabulary   # Model, Objective,
                            # trains, optimizes
        kind A
        """,
        """
        import vocabulary  # Model, Objective,
                           # trains, optimizes

        kind A
        """,
    ),
    "a comment alone that lands in the column of the end-of-line comment above continues it": (
        """
        scenario S {
            r(  # first
        # second
        a,  # third
         c)
        }
        """,
        """
        scenario S {
            r(      # first
                    # second
                a,  # third
                c)
        }
        """,
    ),
    "a comment between two tokens that may not be split keeps its line": (
        """
        concept c(x # the parameter
        : A) := r(x, y)
        """,
        """
        concept c(x  # the parameter
            : A) := r(x, y)
        """,
    ),
    "strings and names are untouched": (
        """
        kind L'  "a  doc   with \\"spaces\\""   source   "https://example.org/a  b"
        kind L″
        """,
        """
        kind L' "a  doc   with \\"spaces\\"" source "https://example.org/a  b"
        kind L″
        """,
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_layout_rule(name):
    source, expected = (_text(block) for block in CASES[name])
    formatted = format_text(source, "case.align")
    assert formatted == expected
    assert format_text(formatted, "case.align") == formatted
    assert tree(formatted) == tree(source)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_an_empty_file_stays_empty(text):
    assert format_text(text, "empty.align") == ""


def test_a_file_of_comments_keeps_them():
    assert format_text("  # one\n\n\n   # two   \n", "c.align") == "# one\n\n# two\n"


def test_line_ends_and_a_byte_order_mark_are_normalised():
    assert format_text("\ufeffkind A\r\nkind B\rkind C", "crlf.align") == "kind A\nkind B\nkind C\n"


def test_text_that_does_not_parse_raises_with_its_diagnostic():
    with pytest.raises(FormatError) as raised:
        format_text("kind A\nconcept c(x: A) r(x, y)\n", "broken.align")
    diagnostic = raised.value.diagnostic
    assert (diagnostic.code, diagnostic.span.file, diagnostic.span.line) == ("AS100", "broken.align", 2)


def test_output_whose_tokens_would_differ_is_refused(monkeypatch):
    import alignspec.syntax.formatter as formatter

    monkeypatch.setattr(formatter, "_separator", lambda before, token: "")
    with pytest.raises(RuntimeError):
        format_text("kind A\nkind B: A\n", "glued.align")
