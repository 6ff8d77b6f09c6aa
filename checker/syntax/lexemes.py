"""Every lexeme of a spec's text, comments included, in order: what the formatter rearranges.

The parser drops comments (``COMMENT`` is an ignored terminal of the grammar). ``lexemes`` runs a
second pass of Lark's lexer over the text, built from the same grammar with nothing ignored, and
keeps the code tokens and the comments; only whitespace is left out. Whitespace means nothing in
the language, so two texts with the same lexemes (and the same comments) say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .parser import raw_parser

COMMENT = "COMMENT"


@dataclass(frozen=True)
class Lexeme:
    """A code token or a comment: its terminal name, its text and where it starts.

    ``line`` is 1-based, ``column`` 0-based (a count of characters before it on its line);
    ``start`` and ``end`` are offsets into the text.
    """

    type: str
    text: str
    line: int
    column: int
    start: int
    end: int

    @property
    def is_comment(self) -> bool:
        return self.type == COMMENT


def lexemes(text: str) -> list[Lexeme]:
    """The code tokens and comments of ``text``, in order (whitespace left out).

    Raises ``lark.exceptions.UnexpectedCharacters`` for text the language cannot tokenize.

    Examples
    --------
    >>> [(x.type, x.text) for x in lexemes("kind A  # a kind")]
    [('KIND', 'kind'), ('NAME', 'A'), ('COMMENT', '# a kind')]
    """
    parser = raw_parser()
    whitespace = set(parser.lexer_conf.ignore) - {COMMENT}
    found: list[Lexeme] = []
    for token in parser.lex(text, dont_ignore=True):
        if token.type in whitespace:
            continue
        start = token.start_pos if token.start_pos is not None else 0
        found.append(Lexeme(
            type=token.type,
            text=str(token),
            line=token.line if token.line is not None else 1,
            column=(token.column or 1) - 1,
            start=start,
            end=token.end_pos if token.end_pos is not None else start + len(token),
        ))
    return found


def comparable(found: list[Lexeme]) -> list[tuple[str, str]]:
    """What must survive formatting: each lexeme's terminal and text (a comment's without the
    trailing whitespace the formatter removes), in order."""
    return [(x.type, x.text.rstrip() if x.is_comment else x.text) for x in found]


__all__ = ["COMMENT", "Lexeme", "comparable", "lexemes"]
