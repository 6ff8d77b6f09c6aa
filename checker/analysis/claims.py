"""Deciding claims: each of the six forms by the chase-and-homomorphism procedure, with a
counterexample for what fails and a minimal justification for what holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..model.symbols import ClaimSym, FormulaSym, FramingSym
from ..reasoning.entailment import decide_implication, decide_satisfiable
from ..reasoning.logic import Atom, Budget, Theory
from .axioms import TheoryBuilder
from .justify import axiom_records
from .worlds import scenario_text, world_data


@dataclass
class Sides:
    """A claim's two formulas as logic atoms, with how to write expectations about them."""

    left: tuple[Atom, ...]
    right: tuple[Atom, ...]
    left_text: str
    right_text: str
    expects: list[str] = field(default_factory=list)  # "expect C(a)", "expect not D(a)"


@dataclass
class Direction:
    """One implication decided: ``left implies right`` under a theory."""

    sides: Sides
    result: Any  # reasoning.entailment.ImplicationResult

    @property
    def status(self) -> str:
        return self.result.status


@dataclass
class ClaimOutcome:
    """The decision on one claim, ready to report and to serialise."""

    claim: ClaimSym
    framing_name: str
    status: str                                    # holds | fails | unknown
    message: str = ""
    counterexample: dict | None = None
    justification: list[dict] | None = None
    details: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def record(self) -> dict:
        span = self.claim.decl.span
        return {
            "name": self.claim.decl.name.text if self.claim.decl.name else None,
            "label": self.claim.label,
            "framing": self.framing_name or None,
            "form": self.claim.form,
            "status": self.status,
            "file": span.file,
            "line": span.line,
            "column": span.column,
            "end_line": span.end_line,
            "end_column": span.end_column,
            "justification": self.justification,
            "counterexample": self.counterexample,
            "unmatched": self.unmatched,
        }


def _formula_text(formula: FormulaSym, namer) -> str:
    if formula.concept is not None:
        return namer(formula.concept)
    return ", ".join(f"{a.node.pred.text}({', '.join(a.args)})" for a in formula.atoms)


def claim_sides(claim: ClaimSym, builder: TheoryBuilder, swap: bool = False) -> Sides:
    """The logic atoms of ``left implies right`` (or ``right implies left`` with ``swap``)."""
    left, right = (claim.right, claim.left) if swap else (claim.left, claim.right)
    namer, expander = builder.namer, builder.expander
    if left.concept is not None:
        variables, lhs = expander.concept_formula(left.concept)
        rhs = expander.concept_atoms(right.concept, variables, reserved={v for a in lhs for v in a.args})
        call = ", ".join(variables)
        expects = [f"expect {namer(left.concept)}({call})", f"expect not {namer(right.concept)}({call})"]
    else:
        written_right = {v for a in right.atoms for v in a.args}
        lhs = expander.expand(left.atoms, reserved=written_right)
        rhs = expander.expand(right.atoms, reserved={v for a in lhs for v in a.args} | {v for a in left.atoms for v in a.args})
        expects = [f"expect {a.node.pred.text}({', '.join(a.args)})" for a in left.atoms]
        shared = {v for a in left.atoms for v in a.args}
        if len(right.atoms) == 1 and set(right.atoms[0].args) <= shared:
            atom = right.atoms[0]
            expects.append(f"expect not {atom.node.pred.text}({', '.join(atom.args)})")
    return Sides(lhs, rhs, _formula_text(left, namer), _formula_text(right, namer), expects)


class ClaimDecider:
    """Decides the claims of a root unit; caches implications per (framing, sides)."""

    def __init__(self, builder: TheoryBuilder, budget: Budget, terminating: Callable[[FramingSym | None], bool],
                 framings: list[FramingSym]):
        self.builder = builder
        self.budget = budget
        self.terminating = terminating
        self.framings = framings

    def theory(self, framing: FramingSym | None) -> Theory:
        return self.builder.theory(framing)

    def implication(self, claim: ClaimSym, framing: FramingSym | None, swap: bool = False) -> Direction:
        sides = claim_sides(claim, self.builder, swap)
        return Direction(sides, decide_implication(self.theory(framing), sides.left, sides.right, self.budget))

    def decide(self, claim: ClaimSym) -> ClaimOutcome:
        framing = claim.framing
        name = self.builder.namer(framing) if framing is not None else ""
        if not self.terminating(framing):
            return ClaimOutcome(claim, name, "unknown",
                                message=f"not decided: framing '{name}' is not weakly acyclic")
        form = claim.form
        if form in ("satisfiable", "unsatisfiable"):
            return self._satisfiability(claim, framing, name)
        forward = self.implication(claim, framing)
        if form == "implies":
            return self._implies(claim, framing, name, [forward])
        if form == "does-not-imply":
            return self._not_implies(claim, name, [forward])
        backward = self.implication(claim, framing, swap=True)
        if form == "equivalent":
            return self._implies(claim, framing, name, [forward, backward])
        return self._not_implies(claim, name, [forward, backward])

    def _implies(self, claim, framing, name, directions: list[Direction]) -> ClaimOutcome:
        failed = [d for d in directions if d.status == "fails"]
        unknown = [d for d in directions if d.status == "unknown"]
        if not failed and unknown:
            return ClaimOutcome(claim, name, "unknown", message="the reasoner ran out of budget")
        if not failed:
            justification = []
            for d in directions:
                for item in axiom_records(d.result.justification):
                    if len(directions) > 1:
                        item["direction"] = f"{d.sides.left_text} implies {d.sides.right_text}"
                    justification.append(item)
            return ClaimOutcome(claim, name, "holds", justification=justification)
        d = failed[0]
        under = f" under {name}" if name else " with no framing"
        which = f"'{d.sides.left_text}' does not imply '{d.sides.right_text}'{under}"
        if claim.form == "equivalent":
            message = f"not equivalent: {which}"
        else:
            message = which
        unmatched = [str(a) for a in d.result.unmatched]
        label = _identifier(claim.label)
        text = scenario_text(d.result.instance, self.theory(framing), f"counterexample_{label}", d.sides.expects,
                             doc="the left side holds and the right side does not")
        holds_under = self._holds_elsewhere(claim, framing, d)
        counterexample = {
            "direction": f"{d.sides.left_text} implies {d.sides.right_text}",
            "framing": name or None,
            "scenario": text,
            "world": world_data(d.result.instance),
            "unmatched": unmatched,
            "holds_under": holds_under,
        }
        details = []
        for other in holds_under:
            adds = ", ".join(other["adds"]) or "nothing new"
            details.append(f"it holds under {other['framing'] or 'the base framing'}, which adds: {adds}")
        return ClaimOutcome(claim, name, "fails", message=message, counterexample=counterexample,
                            details=details, unmatched=unmatched)

    def _holds_elsewhere(self, claim: ClaimSym, framing: FramingSym | None, failed: Direction) -> list[dict]:
        current = {a.label for a in self.theory(framing).axioms}
        out = []
        for other in [None, *self.framings]:
            if other is framing or not self.terminating(other):
                continue
            result = decide_implication(self.theory(other), failed.sides.left, failed.sides.right, self.budget,
                                        verify=False, explain=False)
            if result.status == "holds":
                adds = [a.label for a in (result.justification or []) if a.label not in current]
                out.append({"framing": self.builder.namer(other) if other is not None else None, "adds": adds})
        return out

    def _not_implies(self, claim, name, directions: list[Direction]) -> ClaimOutcome:
        if any(d.status == "fails" for d in directions):
            return ClaimOutcome(claim, name, "holds")
        if any(d.status == "unknown" for d in directions):
            return ClaimOutcome(claim, name, "unknown", message="the reasoner ran out of budget")
        under = f" under {name}" if name else " with no framing"
        justification = []
        for d in directions:
            for item in axiom_records(d.result.justification):
                item = {**item, "direction": f"{d.sides.left_text} implies {d.sides.right_text}"}
                justification.append(item)
        d = directions[0]
        if claim.form == "distinct":
            message = f"'{d.sides.left_text}' and '{d.sides.right_text}' are equivalent{under}"
        else:
            message = f"'{d.sides.left_text}' implies '{d.sides.right_text}'{under}"
        if any(x.result.lhs_unsatisfiable for x in directions):
            message += " (the left side can never hold)"
        return ClaimOutcome(claim, name, "fails", message=message, justification=justification)

    def _satisfiability(self, claim: ClaimSym, framing, name) -> ClaimOutcome:
        concept = claim.left.concept
        variables, atoms = self.builder.expander.concept_formula(concept)
        result = decide_satisfiable(self.theory(framing), atoms, self.budget)
        if result.status == "unknown":
            return ClaimOutcome(claim, name, "unknown", message="the reasoner ran out of budget")
        wanted = "satisfiable" if claim.form == "satisfiable" else "unsatisfiable"
        if result.status == wanted:
            justification = axiom_records(result.justification) if wanted == "unsatisfiable" else None
            return ClaimOutcome(claim, name, "holds", justification=justification)
        under = f" under {name}" if name else " with no framing"
        concept_name = self.builder.namer(concept)
        if wanted == "satisfiable":
            return ClaimOutcome(claim, name, "fails", message=f"'{concept_name}' can have no member{under}",
                                justification=axiom_records(result.justification))
        call = ", ".join(variables)
        text = scenario_text(result.instance, self.theory(framing), f"member_of_{_identifier(concept.name)}",
                             [f"expect {concept_name}({call})"], doc=f"a member of {concept_name}")
        return ClaimOutcome(claim, name, "fails", message=f"'{concept_name}' can have a member{under}",
                            counterexample={"direction": None, "framing": name or None, "scenario": text,
                                            "world": world_data(result.instance), "unmatched": [], "holds_under": []})


def _identifier(text: str) -> str:
    out = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in text)
    return out.strip("_") or "claim"


def report_claim(outcome: ClaimOutcome, reporter) -> None:
    """Report a failed claim (claim-failed) or one left undecided by a budget (budget-exceeded)."""
    claim = outcome.claim
    span = claim.decl.span
    if outcome.status == "fails":
        help_text = ("paste the counterexample into the spec to explore it, or add the missing premise as a rule"
                     if outcome.counterexample else "the justification lists the axioms that make it so")
        reporter.report("claim-failed", span, f"{claim.title} fails: {outcome.message}", help=help_text,
                        details=outcome.details, counterexample=outcome.counterexample,
                        justification=outcome.justification,
                        data={"claim": claim.label, "framing": outcome.framing_name or None, "form": claim.form})
    elif outcome.status == "unknown" and "budget" in outcome.message:
        reporter.report("budget-exceeded", span, f"{claim.title} was not decided: {outcome.message}",
                        help="simplify the framing or the formulas; the answer is unknown, not false")
