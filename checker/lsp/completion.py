"""Completion: names in scope where they fit, and keywords.

The text around the cursor is usually not a complete spec while it is typed, so the place is
read from the tokens before the cursor (a tolerant scan: an unclosed string or an unknown
character does not stop it), and the names come from the newest model of the document whose
text parsed. What fits where:

- at the start of a statement: the statement keywords (in a framing: ``rule``; in a scenario:
  ``expect``, ``not``, kinds for individuals, and predicates for facts);
- after ``under`` and ``extends``: framings; after ``import``: the shipped library's specs;
- after ``kind X:``, in a relation's positions and a concept's parameters: kinds; after a
  relation's parameters: its parents (relations) and properties; in ``disjoint``: kinds and
  relations;
- in a concept's body, a rule, a claim's formulas and a scenario: predicates (kinds, relations
  and concepts, each with its arity), import aliases, and inside an atom's parentheses the
  variables of the statement (in a scenario, its individuals);
- after ``p.``: the names the spec imported as ``p`` has, of the sort that fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from lsprotocol import types as lsp

from ..model.loader import library_names
from ..model.symbols import ConceptSym, FramingSym, KindSym, RelationSym, Symbol, Unit
from ..syntax.errors import PROPERTY_WORDS, STATEMENT_WORDS
from .describe import describe

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"?)
  | (?P<name>[^\W\d]\w*['\u2032\u2033\u2034]*)
  | (?P<op>:=|->|[(),:.{}=])
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE)
_WORD_BEFORE = re.compile(r"([^\W\d]\w*['\u2032\u2033\u2034]*\.)?([^\W\d]\w*['\u2032\u2033\u2034]*)?\Z")

CLAIM_WORDS = ("implies", "does not imply", "excludes", "does not exclude", "equivalent", "distinct")
EXPECT_WORDS = ("not", "refuted", "open", "inconsistent")


class Slot(Enum):
    """What may be written at the cursor."""

    STATEMENT = "statement"
    FRAMING_ITEM = "framing item"
    SCENARIO_ITEM = "scenario item"
    FRAMING = "framing"
    IMPORT = "import"
    KIND = "kind"
    KIND_OR_RELATION = "kind or relation"
    RELATION_TAIL = "relation parents and properties"
    RELATION = "relation"
    PREDICATE = "predicate"
    CLAIM_FORMULA = "claim formula"
    CLAIM_CONNECTIVE = "claim connective"
    EXPECT = "expectation"
    HEAD = "rule head"
    ARGUMENT = "argument"
    NOTHING = "nothing"


@dataclass
class Place:
    """Where the cursor is: the slot, the statement it is in, the alias typed before a dot, and
    the variables the statement has used so far."""

    slot: Slot
    statement: str | None = None
    alias: str | None = None
    variables: list[str] = field(default_factory=list)


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(text)
            if m.lastgroup not in ("space", "comment")]


def _on_new_line(text: str) -> bool:
    """Whether a line break separates the last token of ``text`` from its end."""
    found = list(_TOKEN.finditer(text))
    for match in reversed(found):
        if match.lastgroup == "space":
            if "\n" in match.group():
                return True
            continue
        return match.lastgroup == "comment"
    return True


#: Tokens after which a statement goes on (on the next line too).
_GOES_ON = frozenset({",", ":", ":=", "->", "(", ".", "under", "extends", "implies", "imply", "does", "not",
                      "excludes", "exclude", "equivalent", "distinct", "satisfiable", "unsatisfiable", "expect",
                      "refuted", "open", "import", "as", "kind", "relation", "concept", "framing", "rule", "claim",
                      "scenario", "disjoint", "spec", "source"})


def place_of(before: str) -> Place:
    """Read what may be written at the end of ``before`` (the text up to the cursor)."""
    typed = _WORD_BEFORE.search(before)
    alias = None
    if typed is not None and typed.group(1):
        alias = typed.group(1)[:-1]
    cut = before[: typed.start()] if typed is not None else before
    tokens = _tokens(cut)
    statement: str | None = None
    block: str | None = None          # "framing" or "scenario" while inside its braces
    start = 0
    for i, (kind, value) in enumerate(tokens):
        if kind != "name" and value not in "{}":
            continue
        if value == "{" and statement in ("framing", "scenario"):
            block, statement, start = statement, None, i + 1
        elif value == "}":
            block, statement, start = None, None, i + 1
        elif kind == "name" and value in STATEMENT_WORDS and (i == 0 or tokens[i - 1][1] not in ("(", ",", ".")):
            if block is None or (block == "framing" and value == "rule"):
                statement, start = value, i
        elif block == "scenario" and kind == "name" and value in ("expect", "not") and \
                (i == 0 or tokens[i - 1][1] not in ("expect",)):
            statement, start = value, i
    body = tokens[start:]
    depth = 0
    for _, value in body:
        depth += 1 if value == "(" else -1 if value == ")" else 0
    variables = [v for i, (k, v) in enumerate(body) if k == "name" and i > 0 and body[i - 1][1] in ("(", ",")
                 and (i + 1 >= len(body) or body[i + 1][1] != "(")]
    last = body[-1][1] if body else None
    words = [v for _, v in body]
    place = Place(Slot.NOTHING, statement or block, alias, list(dict.fromkeys(variables)))
    if alias is None and depth <= 0 and last is not None and last not in _GOES_ON and _on_new_line(cut):
        place.slot = {"framing": Slot.FRAMING_ITEM, "scenario": Slot.SCENARIO_ITEM}.get(block or "", Slot.STATEMENT)
        place.statement = block
        return place
    if depth > 0 and statement not in ("relation", "concept"):
        place.slot = Slot.ARGUMENT
        return place
    if last in ("under", "extends") or (statement == "framing" and "extends" in words and last == ","):
        place.slot = Slot.FRAMING
    elif statement is None:
        place.slot = {"framing": Slot.FRAMING_ITEM, "scenario": Slot.SCENARIO_ITEM}.get(block or "", Slot.STATEMENT)
        if body and last not in (None, ")", "}", "{"):
            place.slot = Slot.NOTHING
    elif statement == "import":
        place.slot = Slot.IMPORT if last == "import" else Slot.NOTHING
    elif statement == "kind":
        place.slot = Slot.KIND if last in (":", ",") else Slot.NOTHING
    elif statement == "disjoint":
        place.slot = Slot.KIND_OR_RELATION if last in ("disjoint", ",") else Slot.NOTHING
    elif statement == "relation":
        if depth > 0:
            place.slot = Slot.KIND if last in ("(", ",") else Slot.NOTHING
        elif ")" in words:
            place.slot = Slot.RELATION if last in (":", ",") else Slot.RELATION_TAIL
    elif statement == "concept":
        if ":=" in words:
            place.slot = Slot.ARGUMENT if depth > 0 else Slot.PREDICATE if last in (":=", ",") else Slot.NOTHING
        elif depth > 0:
            place.slot = Slot.KIND if last == ":" else Slot.NOTHING
    elif statement == "rule":
        if "->" in words:
            place.slot = Slot.HEAD if last in ("->", ",") else Slot.NOTHING
        elif ":" in words:
            place.slot = Slot.PREDICATE if last in (":", ",") else Slot.NOTHING
    elif statement == "claim":
        if ":" not in words:
            place.slot = Slot.NOTHING
        elif last in (":", "implies", "imply", "excludes", "exclude", "equivalent", "distinct", "satisfiable",
                      "unsatisfiable", ","):
            place.slot = Slot.CLAIM_FORMULA if last == ":" else Slot.PREDICATE
        elif last in (")",) or (body and body[-1][0] == "name" and body[-2][1] in (":",)):
            place.slot = Slot.CLAIM_CONNECTIVE
    elif statement in ("expect", "not"):
        place.slot = Slot.EXPECT if last == "expect" else Slot.PREDICATE if last in ("not", "refuted", "open") \
            else Slot.NOTHING
    return place


def _item(label: str, kind: lsp.CompletionItemKind, detail: str = "", doc: str = "",
          snippet: str | None = None, sort: str = "1") -> lsp.CompletionItem:
    return lsp.CompletionItem(
        label=label, kind=kind, detail=detail or None,
        documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, doc) if doc else None,
        insert_text=snippet, insert_text_format=lsp.InsertTextFormat.Snippet if snippet else None,
        sort_text=f"{sort}{label}")


def _arguments(symbol: Symbol) -> list[str]:
    if isinstance(symbol, KindSym):
        return ["x"]
    if isinstance(symbol, ConceptSym):
        return [var for var, _ in symbol.params]
    if isinstance(symbol, RelationSym):
        letters = ["x", "y", "z", "w"]
        return letters[: symbol.arity] if symbol.arity <= 4 else [f"x{i}" for i in range(1, symbol.arity + 1)]
    return []


def symbol_item(name: str, symbol: Symbol, atom: bool, snippets: bool) -> lsp.CompletionItem:
    """The completion item of a declared name; as an atom (with its arguments as a snippet
    when the client takes snippets) when ``atom``."""
    shown = describe(symbol)
    kind = {KindSym: lsp.CompletionItemKind.Class, RelationSym: lsp.CompletionItemKind.Interface,
            ConceptSym: lsp.CompletionItemKind.Function, FramingSym: lsp.CompletionItemKind.Module}.get(
        type(symbol), lsp.CompletionItemKind.Reference)
    snippet = None
    detail = shown.signature
    if atom and snippets:
        args = _arguments(symbol)
        snippet = f"{name}(" + ", ".join(f"${{{i}:{a}}}" for i, a in enumerate(args, 1)) + ")"
    if isinstance(symbol, RelationSym):
        detail = f"{shown.signature}  ({symbol.arity} positions)"
    return _item(name, kind, detail, shown.doc, snippet)


def _keywords(words: tuple[str, ...] | list[str]) -> list[lsp.CompletionItem]:
    return [_item(w, lsp.CompletionItemKind.Keyword, sort="3") for w in words]


def _scope(unit: Unit, alias: str | None) -> dict[str, Symbol]:
    if alias is not None:
        imported = unit.aliases.get(alias)
        return dict(imported.scope) if imported is not None else {}
    return dict(unit.scope)


def _names(unit: Unit, alias: str | None, sorts: tuple[type, ...], atom: bool,
           snippets: bool) -> list[lsp.CompletionItem]:
    items = [symbol_item(name, symbol, atom, snippets) for name, symbol in _scope(unit, alias).items()
             if isinstance(symbol, sorts)]
    if alias is None:
        # an alias is offered where the spec it names has something that fits
        items += [_item(a, lsp.CompletionItemKind.Module, f"import alias of spec {u.name}", sort="2")
                  for a, u in unit.aliases.items() if any(isinstance(s, sorts) for s in u.scope.values())]
    return items


def individuals(unit: Unit, line: int) -> list[str]:
    """The individuals of the scenario that holds ``line``."""
    for scenario in unit.scenarios:
        decl = scenario.decl
        if decl is not None and decl.span.line <= line <= decl.span.end_line:
            return list(scenario.individuals)
    return []


def complete(before: str, unit: Unit | None, line: int, snippets: bool) -> list[lsp.CompletionItem]:
    """The completions at the end of ``before`` (the text up to the cursor, on ``line``), with
    names from ``unit`` (the newest model of the document that parsed)."""
    place = place_of(before)
    slot = place.slot
    predicates = (KindSym, RelationSym, ConceptSym)
    items: list[lsp.CompletionItem] = []
    if slot is Slot.STATEMENT:
        return _keywords(list(STATEMENT_WORDS))
    if slot is Slot.FRAMING_ITEM:
        return _keywords(["rule"])
    if slot is Slot.IMPORT:
        return [_item(name, lsp.CompletionItemKind.Module, "a spec of the shipped library") for name in
                library_names()]
    if slot is Slot.EXPECT:
        items += _keywords(EXPECT_WORDS)
    if slot is Slot.CLAIM_CONNECTIVE:
        return _keywords(CLAIM_WORDS)
    if slot is Slot.RELATION_TAIL:
        items += _keywords(PROPERTY_WORDS)
    if slot is Slot.CLAIM_FORMULA:
        items += _keywords(["satisfiable", "unsatisfiable"])
    if slot is Slot.SCENARIO_ITEM:
        items += _keywords(["expect", "not"])
    if slot is Slot.HEAD:
        items += _keywords(["false"])
    if slot is Slot.ARGUMENT:
        names = individuals(unit, line) if unit is not None and place.statement in ("scenario", "expect", "not") \
            else place.variables
        return [_item(name, lsp.CompletionItemKind.Variable) for name in names]
    if unit is None:
        return items
    alias = place.alias
    if slot is Slot.FRAMING:
        items += _names(unit, alias, (FramingSym,), False, snippets)
    elif slot is Slot.KIND:
        items += _names(unit, alias, (KindSym,), False, snippets)
    elif slot is Slot.KIND_OR_RELATION:
        items += _names(unit, alias, (KindSym, RelationSym), False, snippets)
    elif slot in (Slot.RELATION, Slot.RELATION_TAIL):
        items += _names(unit, alias, (RelationSym,), False, snippets)
    elif slot in (Slot.PREDICATE, Slot.HEAD, Slot.EXPECT, Slot.SCENARIO_ITEM, Slot.CLAIM_FORMULA):
        items += _names(unit, alias, predicates, True, snippets)
    return items
