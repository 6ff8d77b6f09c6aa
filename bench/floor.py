"""The floor the parser is measured against: one compiled regular expression, an alternation
of every token of the language, run over the text with ``finditer``."""

from __future__ import annotations

import re

PRIMES = "'\u2032\u2033\u2034"

TOKENS = re.compile(
    "|".join((
        r"(?P<COMMENT>#[^\n]*)",
        r'(?P<STRING>"(?:[^"\\\n]|\\["\\n])*")',
        rf"(?P<NAME>[^\W\d]\w*[{PRIMES}]*)",
        r"(?P<OP>:=|->|[(),:{}=.])",
        r"(?P<WS>\s+)",
        r"(?P<ERROR>.)",
    ))
)


def tokenize(text: str) -> int:
    """Scan ``text`` with the token regex and return how many tokens (not whitespace or
    comments) it found."""
    count = 0
    for match in TOKENS.finditer(text):
        if match.lastgroup not in ("WS", "COMMENT"):
            count += 1
    return count


__all__ = ["TOKENS", "tokenize"]
