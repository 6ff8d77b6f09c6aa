"""Declarations written back as text: concept signatures and definitions, rules, claims."""

from __future__ import annotations

from ..syntax import nodes as n
from .symbols import ClaimSym, ConceptSym, RuleSym


def atom_text(atom: n.Atom) -> str:
    """``pred(x, y)`` as written."""
    return f"{atom.pred.text}({', '.join(a.text for a in atom.args)})"


def signature(concept: ConceptSym, name: str | None = None) -> str:
    """``objective_robust(a: Model)``: the concept's name and typed parameters as written."""
    if concept.decl is not None:
        params = ", ".join(f"{p.var.text}: {p.kind.text}" for p in concept.decl.params)
    else:
        params = ", ".join(f"{var}: {kind.name if kind else '?'}" for var, kind in concept.params)
    return f"{name or concept.name}({params})"


def definition(concept: ConceptSym) -> str:
    """The concept's body as written: ``trains(b, a), optimizes(b, base)``."""
    if concept.decl is None:
        return ""
    return ", ".join(atom_text(a) for a in concept.decl.body)


def concept_doc(concept: ConceptSym) -> str:
    """The concept's doc string, or the empty string."""
    return (concept.decl.doc.text or "") if concept.decl is not None else ""


def concept_sources(concept: ConceptSym) -> list[str]:
    """The concept's ``source`` citations."""
    return list(concept.decl.doc.sources) if concept.decl is not None else []


def rule_text(rule: RuleSym) -> str:
    """``body -> head`` as written."""
    decl = rule.decl
    body = ", ".join(atom_text(a) for a in decl.body)
    return f"{body} -> {head_text(decl.head)}"


def head_text(head: n.Head) -> str:
    """A rule's head as written: atoms, ``x = y`` or ``false``."""
    if head.kind is n.HeadKind.FALSE:
        return "false"
    if head.kind is n.HeadKind.EQUALITY:
        assert head.left is not None and head.right is not None
        return f"{head.left.text} = {head.right.text}"
    return ", ".join(atom_text(a) for a in head.atoms)


def formula_text(formula: n.Formula | None) -> str:
    """A claim side as written: a concept name or a conjunction of atoms."""
    if formula is None:
        return ""
    if isinstance(formula, n.ConceptFormula):
        return formula.concept.text
    return ", ".join(atom_text(a) for a in formula.atoms)


def statement_text(decl: n.ClaimDecl) -> str:
    """A claim's statement as written, without its name and framing: ``A implies B``,
    ``satisfiable C``."""
    if decl.form.is_unary:
        return f"{decl.form.words} {formula_text(decl.left)}"
    return f"{formula_text(decl.left)} {decl.form.words} {formula_text(decl.right)}"


def claim_text(claim: ClaimSym) -> str:
    """The statement of a resolved claim (see :func:`statement_text`)."""
    return statement_text(claim.decl)
