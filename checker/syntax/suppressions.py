"""Suppression comments in a spec's text: ``# alignspec: ignore[AS303, concept-collapse]``, or a
bare ``# alignspec: ignore`` for every finding.

A suppression applies to findings whose span starts on its own line; a comment alone on its line
applies to the line after it as well. The grammar drops comments, so they are found here in the
text: a ``#`` inside a string does not start one. The directive must come right after a ``#``
(``# note # alignspec: ignore`` counts, ``# see alignspec: ignore`` does not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..span import Span

_DIRECTIVE = re.compile(r"#\s*alignspec:\s*ignore(?![\w-])(?:\[(?P<codes>[^\]]*)\]|(?P<open>\[))?")


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: where its directive is, the codes or names it lists (None: every
    finding), whether the comment is alone on its line, and why it cannot be read (``problem``)."""

    span: Span
    codes: tuple[str, ...] | None
    alone: bool
    problem: str = ""

    def covers(self, line: int) -> bool:
        """Whether a finding starting on ``line`` is within this comment's reach."""
        return line == self.span.line or (self.alone and line == self.span.line + 1)


def _comment_start(line: str, in_string: bool) -> tuple[int | None, bool]:
    """Where the comment of ``line`` starts (None: it has none), and whether a string is still
    open at its end; ``in_string`` says whether one was open at its start."""
    escaped = False
    for index, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "#":
            return index, False
    return None, in_string


def find_suppressions(path: str, text: str) -> list[Suppression]:
    """Every suppression comment of ``text`` (the spec ``path``), in order."""
    found: list[Suppression] = []
    in_string = False
    for number, line in enumerate(text.split("\n"), 1):
        start, in_string = _comment_start(line, in_string)
        if start is None:
            continue
        comment = line[start:]
        for match in _DIRECTIVE.finditer(comment):
            column = start + match.start() + 1
            span = Span(path, number, column, number, start + match.end() + 1)
            alone = not line[:start].strip()
            if match.group("open") is not None:
                found.append(Suppression(span, (), alone, "the list of codes has no closing ']'"))
                continue
            listed = match.group("codes")
            codes = None if listed is None else tuple(c.strip() for c in listed.split(",") if c.strip())
            problem = "the brackets list no code" if codes == () else ""
            found.append(Suppression(span, codes, alone, problem))
    return found
