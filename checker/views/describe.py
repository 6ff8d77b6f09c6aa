"""Declarations written back as text: concept signatures and definitions, rules, claims."""

from __future__ import annotations

from ..model.symbols import ClaimSym, ConceptSym, FormulaSym, RuleSym
from ..syntax import nodes as n

CLAIM_WORDS = {
    "implies": "implies",
    "does-not-imply": "does not imply",
    "equivalent": "equivalent",
    "distinct": "distinct",
}


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


def formula_text(formula: FormulaSym | None) -> str:
    """A claim side as written: a concept name or a conjunction of atoms."""
    if formula is None:
        return ""
    node = formula.node
    if isinstance(node, n.ConceptFormula):
        return node.concept.text
    return ", ".join(atom_text(a) for a in node.atoms)


def claim_text(claim: ClaimSym) -> str:
    """The claim's statement without its name and framing: ``A implies B``, ``satisfiable C``."""
    if claim.form in ("satisfiable", "unsatisfiable"):
        return f"{claim.form} {formula_text(claim.left)}"
    return f"{formula_text(claim.left)} {CLAIM_WORDS.get(claim.form, claim.form)} {formula_text(claim.right)}"
