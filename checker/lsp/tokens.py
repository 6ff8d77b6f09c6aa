"""Semantic tokens: every name coloured by what it is, so that any editor tells kinds,
relations, concepts, framings, rules, individuals and variables apart (keywords, strings and
comments are left to the editor's grammar).

The legend uses the protocol's standard token types, so themes colour them without
configuration:

| what | token type | | what | token type |
|---|---|---|---|---|
| kind | ``type`` | | claim | ``event`` |
| relation | ``function`` | | scenario | ``struct`` |
| concept | ``macro`` (it is expanded in place) | | import alias, spec | ``namespace`` |
| framing | ``class`` | | individual | ``enumMember`` |
| rule | ``method`` | | parameter | ``parameter`` |
| variable | ``variable`` | | | |

Modifiers: ``declaration`` where a name is declared, ``defaultLibrary`` for names of the shipped
library, ``readonly`` for individuals (a scenario's names are fixed).
"""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types as lsp

from .index import Category, Occurrence
from .positions import LineIndex

TOKEN_TYPES: dict[Category, str] = {
    Category.KIND: "type",
    Category.RELATION: "function",
    Category.CONCEPT: "macro",
    Category.FRAMING: "class",
    Category.RULE: "method",
    Category.CLAIM: "event",
    Category.SCENARIO: "struct",
    Category.ALIAS: "namespace",
    Category.SPEC: "namespace",
    Category.INDIVIDUAL: "enumMember",
    Category.PARAMETER: "parameter",
    Category.VARIABLE: "variable",
}
TYPES = list(dict.fromkeys(TOKEN_TYPES.values()))
MODIFIERS = ["declaration", "defaultLibrary", "readonly"]
LEGEND = lsp.SemanticTokensLegend(token_types=TYPES, token_modifiers=MODIFIERS)


def _modifiers(occurrence: Occurrence) -> int:
    bits = 0
    if occurrence.declaration:
        bits |= 1 << MODIFIERS.index("declaration")
    symbol = occurrence.symbol
    if symbol is not None and symbol.unit.is_library:
        bits |= 1 << MODIFIERS.index("defaultLibrary")
    if occurrence.category is Category.INDIVIDUAL:
        bits |= 1 << MODIFIERS.index("readonly")
    return bits


def encode(occurrences: Iterable[Occurrence], index: LineIndex) -> list[int]:
    """The protocol's relative encoding of the tokens: five integers per token (line delta,
    start delta, length, type, modifiers), in document order; names that resolve to nothing and
    names spanning lines are left out."""
    data: list[int] = []
    previous_line = previous_start = 0
    placed = []
    for occurrence in occurrences:
        kind = TOKEN_TYPES.get(occurrence.category)
        span = occurrence.span
        if kind is None or occurrence.target is None or span.line != span.end_line:
            continue
        r = index.range(span)
        length = r.end.character - r.start.character
        if length <= 0:
            continue
        placed.append((r.start.line, r.start.character, length, TYPES.index(kind), _modifiers(occurrence)))
    for line, start, length, kind_index, bits in sorted(set(placed)):
        delta_line = line - previous_line
        delta_start = start - previous_start if delta_line == 0 else start
        data += [delta_line, delta_start, length, kind_index, bits]
        previous_line, previous_start = line, start
    return data
