"""Declarations written back as one-line signatures, with their doc strings and sources: what
hover and completion show about a name."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.symbols import (
    ClaimName,
    ConceptSym,
    FramingSym,
    KindSym,
    RelationSym,
    RuleName,
    ScenarioSym,
    Symbol,
    Unit,
)
from ..model.written import atom_text, head_text, statement_text
from ..syntax import nodes as n

Declaration = (n.KindDecl | n.RelationDecl | n.ConceptDecl | n.FramingDecl | n.RuleDecl | n.ClaimDecl
               | n.ScenarioDecl)


@dataclass(frozen=True)
class Described:
    """A declaration as shown: its signature (in the language), doc string and sources."""

    signature: str
    doc: str
    sources: tuple[str, ...]


def declaration_of(symbol: Symbol) -> Declaration | None:
    """The statement that declares ``symbol`` (a rule's or a named claim's too)."""
    if isinstance(symbol, (KindSym, RelationSym, ConceptSym, FramingSym, ScenarioSym)):
        return symbol.decl
    for statement in symbol.unit.spec.statements:
        rules = statement.rules if isinstance(statement, n.FramingDecl) else (statement,)
        for candidate in rules:
            if (isinstance(symbol, RuleName) and isinstance(candidate, n.RuleDecl)
                    and candidate.name.span == symbol.span):
                return candidate
            if (isinstance(symbol, ClaimName) and isinstance(candidate, n.ClaimDecl) and candidate.name is not None
                    and candidate.name.span == symbol.span):
                return candidate
    return None


def framing_of_rule(symbol: RuleName) -> str | None:
    """The framing a rule belongs to (None: it is a definition)."""
    for statement in symbol.unit.spec.statements:
        if isinstance(statement, n.FramingDecl) and any(r.name.span == symbol.span for r in statement.rules):
            return statement.name.text
    return None


def _parents(parents: tuple[n.QName, ...]) -> str:
    return f": {', '.join(p.text for p in parents)}" if parents else ""


def signature(decl: Declaration) -> str:
    """The declaration in one line, without its doc string and sources."""
    if isinstance(decl, n.KindDecl):
        return f"kind {decl.name.text}{_parents(decl.parents)}"
    if isinstance(decl, n.RelationDecl):
        positions = ", ".join(p.text for p in decl.positions)
        properties = "".join(f" {p.name}" for p in decl.properties)
        return f"relation {decl.name.text}({positions}){_parents(decl.parents)}{properties}"
    if isinstance(decl, n.ConceptDecl):
        params = ", ".join(f"{p.var.text}: {p.kind.text}" for p in decl.params)
        return f"concept {decl.name.text}({params}) := {', '.join(atom_text(a) for a in decl.body)}"
    if isinstance(decl, n.FramingDecl):
        extends = f" extends {', '.join(p.text for p in decl.extends)}" if decl.extends else ""
        return f"framing {decl.name.text}{extends}"
    if isinstance(decl, n.RuleDecl):
        body = ", ".join(atom_text(a) for a in decl.body)
        return f"rule {decl.name.text}: {body} -> {head_text(decl.head)}"
    if isinstance(decl, n.ClaimDecl):
        name = f" {decl.name.text}" if decl.name is not None else ""
        under = f" under {decl.framing.text}" if decl.framing is not None else ""
        return f"claim{name}{under}: {statement_text(decl)}"
    under = f" under {decl.framing.text}" if decl.framing is not None else ""
    return f"scenario {decl.name.text}{under}"


def describe(symbol: Symbol) -> Described:
    """A declared name's signature, doc string and sources."""
    decl = declaration_of(symbol)
    if decl is None:
        return Described(f"{symbol.name}", "", ())
    return Described(signature(decl), decl.doc.text or "", decl.doc.sources)


def describe_unit(unit: Unit) -> Described:
    """A spec as a whole: its name, its title and sources (from its header)."""
    header = unit.header
    if header is None:
        return Described(f"spec {unit.name}", "", ())
    return Described(f"spec {unit.name}", header.doc.text or "", header.doc.sources)
