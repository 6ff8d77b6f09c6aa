"""Deciding claims: each of the six forms by the chase-and-homomorphism procedure, with a
counterexample for what fails and a minimal justification for what holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..codes import BUDGET_EXCEEDED, CLAIM_FAILED
from ..diagnostic_collector import DiagnosticCollector
from ..evidence import Counterexample, HoldsElsewhere, JustificationStep
from ..model.symbols import ClaimSym, ConceptSym, FormulaSym, FramingSym
from ..model.written import definition, signature
from ..reasoning.classification import Classification
from ..reasoning.entailment import ImplicationResult, decide_implication, decide_satisfiable
from ..reasoning.instance import Instance
from ..reasoning.logic import Atom, Axiom, AxiomKind, Budget, Theory
from ..reasoning.run_budget import SearchBudgetExceeded, stop_at_run_limit
from ..reasoning.status import Answer, Satisfiability
from ..subjects import ClaimSubject
from ..syntax.nodes import ClaimForm
from .axioms import Namer, TheoryBuilder, ancestors
from .display import html_of
from .justify import Justifier, justification_steps, with_direction
from .outcomes import ClaimStatus, UndecidedReason, explain_stop
from .settled import known_not_to_hold
from .worlds import scenario_text, world_data


@dataclass
class Sides:
    """A claim's two formulas as logic atoms, with how to write expectations about them."""

    left: tuple[Atom, ...]
    right: tuple[Atom, ...]
    left_text: str
    right_text: str
    expects: list[str] = field(default_factory=list)  # "expect C(a)", "expect not D(a)"
    concepts: tuple[str, str] | None = None  # the two concepts, when each side is one concept of the same arity


@dataclass
class Direction:
    """One implication decided: ``left implies right`` under a theory."""

    sides: Sides
    result: ImplicationResult

    @property
    def status(self) -> Answer:
        return self.result.status

    @property
    def text(self) -> str:
        return f"{self.sides.left_text} implies {self.sides.right_text}"


@dataclass
class ClaimOutcome:
    """The decision on one claim: its ``status`` and its evidence. A claim that holds because
    something is impossible (``implies``, ``equivalent``, ``unsatisfiable``, ``excludes``) has a
    ``justification``; one that holds because something is possible (``does not imply``,
    ``distinct``, ``satisfiable``, ``does not exclude``) has a ``witness`` world; a failing claim
    has the other kind (a ``counterexample`` world, or the justification of why it fails). An
    undecided claim says why in ``undecided``."""

    claim: ClaimSym
    framing_name: str
    status: ClaimStatus
    message: str = ""
    counterexample: Counterexample | None = None
    justification: tuple[JustificationStep, ...] | None = None
    details: tuple[str, ...] = ()
    unmatched: tuple[str, ...] = ()
    undecided: UndecidedReason | None = None
    witness: Counterexample | None = None

    @property
    def name(self) -> str | None:
        """The claim's declared name (None for an unnamed claim)."""
        return self.claim.decl.name.text if self.claim.decl.name else None

    def __repr__(self) -> str:
        """``<ClaimOutcome a1 under hubinger2020: holds>`` (with the limit when it is unknown)."""
        under = f" under {self.framing_name}" if self.framing_name else ""
        why = f" ({self.undecided.value})" if self.undecided is not None else ""
        return f"<ClaimOutcome {self.claim.label}{under}: {self.status.value}{why}>"

    def _repr_html_(self) -> str | None:
        """The answer and its evidence in a notebook (see :mod:`~alignspec.analysis.display`)."""
        return html_of(self)

    def to_dict(self) -> dict[str, Any]:
        span = self.claim.decl.span
        return {
            "name": self.name,
            "label": self.claim.label,
            "spec": self.claim.unit.name,
            "framing": self.framing_name or None,
            "form": self.claim.form.value,
            "status": self.status.value,
            **span.to_dict(),
            "justification": None if self.justification is None else [j.to_dict() for j in self.justification],
            "counterexample": None if self.counterexample is None else self.counterexample.to_dict(),
            "witness": None if self.witness is None else self.witness.to_dict(),
            "unmatched": list(self.unmatched),
        }


def _formula_text(formula: FormulaSym, namer: Namer) -> str:
    if formula.concept is not None:
        return namer(formula.concept)
    return ", ".join(f"{a.node.pred.text}({', '.join(a.args)})" for a in formula.atoms)


def unfolded_concepts(claim: ClaimSym) -> list[ConceptSym]:
    """The concepts a claim's formulas unfold, on either side and transitively, each once, in
    the order they are met."""
    found: dict[int, ConceptSym] = {}
    stack: list[ConceptSym] = []
    for side in (claim.right, claim.left):
        if side is None:
            continue
        stack.extend(reversed([a.pred for a in side.atoms if isinstance(a.pred, ConceptSym)]))
        if side.concept is not None:
            stack.append(side.concept)
    while stack:
        concept = stack.pop()
        if id(concept) in found:
            continue
        found[id(concept)] = concept
        stack.extend(reversed([a.pred for a in concept.body if isinstance(a.pred, ConceptSym)]))
    return list(found.values())


def definition_steps(claim: ClaimSym, namer: Namer) -> tuple[JustificationStep, ...]:
    """``definition of C`` for each concept the claim unfolds: what a result that holds by
    definition rests on, named before the axioms."""
    steps = []
    for concept in unfolded_concepts(claim):
        name = namer(concept)
        steps.append(JustificationStep(f"definition of {name}", AxiomKind.CONCEPT, name,
                                       f"{signature(concept, name)} := {definition(concept)}", concept.span))
    return tuple(steps)


def conjunction(claim: ClaimSym, builder: TheoryBuilder) -> Sides:
    """The atoms of a claim's formulas taken together: the left formula of ``satisfiable`` and
    ``unsatisfiable``, both formulas of ``excludes`` and ``does not exclude`` (two concept names
    applied to the same variables; atoms sharing the variables they name)."""
    left, right = claim.left, claim.right
    assert left is not None
    namer, expander = builder.namer, builder.expander
    if left.concept is not None:
        variables, atoms = expander.concept_formula(left.concept)
        expects = [f"expect {namer(left.concept)}({', '.join(variables)})"]
        if right is not None:
            assert right.concept is not None
            used = {v for a in atoms for v in a.args}
            atoms = atoms + expander.concept_atoms(right.concept, variables, reserved=used)
            expects.append(f"expect {namer(right.concept)}({', '.join(variables)})")
    else:
        written = [*left.atoms, *(right.atoms if right is not None else [])]
        atoms = expander.expand(written)
        expects = [f"expect {a.node.pred.text}({', '.join(a.args)})" for a in written]
    text = _formula_text(left, namer) + ("" if right is None else f" and {_formula_text(right, namer)}")
    return Sides(tuple(dict.fromkeys(atoms)), (), text, "", expects)


def claim_sides(claim: ClaimSym, builder: TheoryBuilder, swap: bool = False) -> Sides:
    """The logic atoms of ``left implies right`` (or ``right implies left`` with ``swap``)."""
    left, right = (claim.right, claim.left) if swap else (claim.left, claim.right)
    assert left is not None and right is not None
    namer, expander = builder.namer, builder.expander
    concepts = None
    if left.concept is not None:
        assert right.concept is not None
        variables, lhs = expander.concept_formula(left.concept)
        rhs = expander.concept_atoms(right.concept, variables, reserved={v for a in lhs for v in a.args})
        call = ", ".join(variables)
        expects = [f"expect {namer(left.concept)}({call})", f"expect not {namer(right.concept)}({call})"]
        if len(left.concept.params) == len(right.concept.params):
            concepts = (namer(left.concept), namer(right.concept))
    else:
        written_right = {v for a in right.atoms for v in a.args}
        lhs = expander.expand(left.atoms, reserved=written_right)
        written_left = {v for a in left.atoms for v in a.args}
        rhs = expander.expand(right.atoms, reserved={v for a in lhs for v in a.args} | written_left)
        expects = [f"expect {a.node.pred.text}({', '.join(a.args)})" for a in left.atoms]
        shared = {v for a in left.atoms for v in a.args}
        if len(right.atoms) == 1 and set(right.atoms[0].args) <= shared:
            atom = right.atoms[0]
            expects.append(f"expect not {atom.node.pred.text}({', '.join(atom.args)})")
    return Sides(lhs, rhs, _formula_text(left, namer), _formula_text(right, namer), expects, concepts)


class ClaimDecider:
    """Decides the claims of a root unit.

    ``classified`` gives the classification of the concepts under a framing of ``framings``
    (or the base framing) when there is one: a failing claim between two concepts is then not
    decided again under the framings where that classification shows it cannot hold. Where it
    may hold, ``justifier`` (when given) decides it, sharing what it found with the other
    claims and findings about the same two concepts."""

    def __init__(self, builder: TheoryBuilder, budget: Budget, terminating: Callable[[FramingSym | None], bool],
                 framings: list[FramingSym],
                 classified: Callable[[FramingSym | None], Classification | None] | None = None,
                 justifier: Justifier | None = None) -> None:
        self.builder = builder
        self.budget = budget
        self.terminating = terminating
        self.framings = framings
        self.classified = classified
        self.justifier = justifier

    def theory(self, framing: FramingSym | None) -> Theory:
        return self.builder.theory(framing)

    def implication(self, claim: ClaimSym, framing: FramingSym | None, swap: bool = False) -> Direction:
        sides = claim_sides(claim, self.builder, swap)
        return Direction(sides, decide_implication(self.theory(framing), sides.left, sides.right, self.budget))

    def decide(self, claim: ClaimSym) -> ClaimOutcome:
        """Decide ``claim``; unknown (saying which limit) when the run's budget runs out before
        its answer, with its justification or its world, is complete."""
        try:
            return self._decide(claim)
        except SearchBudgetExceeded as stopped:
            framing = claim.framing
            name = self.builder.namer(framing) if framing is not None else ""
            return ClaimOutcome(claim, name, ClaimStatus.UNKNOWN, message=explain_stop(stopped, self.budget),
                                undecided=UndecidedReason.of(stopped.limit))

    def _decide(self, claim: ClaimSym) -> ClaimOutcome:
        framing = claim.framing
        name = self.builder.namer(framing) if framing is not None else ""
        if not self.terminating(framing):
            return ClaimOutcome(claim, name, ClaimStatus.UNKNOWN,
                                message=f"not decided: framing '{name}' is not weakly acyclic",
                                undecided=UndecidedReason.NON_TERMINATING)
        unbuilt = self.builder.unbuilt(framing)
        if unbuilt is not None:
            return ClaimOutcome(claim, name, ClaimStatus.UNKNOWN,
                                message=f"rule {unbuilt.rule.name} is not in force: "
                                        f"{explain_stop(unbuilt.stopped, self.budget)}",
                                undecided=UndecidedReason.of(unbuilt.stopped.limit))
        form = claim.form
        if form in (ClaimForm.SATISFIABLE, ClaimForm.UNSATISFIABLE, ClaimForm.EXCLUDES, ClaimForm.DOES_NOT_EXCLUDE):
            return self._satisfiability(claim, framing, name)
        forward = self.implication(claim, framing)
        if form is ClaimForm.IMPLIES:
            return self._implies(claim, framing, name, [forward])
        if form is ClaimForm.DOES_NOT_IMPLY:
            return self._not_implies(claim, framing, name, [forward])
        backward = self.implication(claim, framing, swap=True)
        if form is ClaimForm.EQUIVALENT:
            return self._implies(claim, framing, name, [forward, backward])
        return self._not_implies(claim, framing, name, [forward, backward])

    def _out_of_budget(self, claim: ClaimSym, name: str, directions: list[Direction]) -> ClaimOutcome:
        limit = next(d.result.limit for d in directions if d.status is Answer.UNKNOWN)
        reason = UndecidedReason.of(limit)
        return ClaimOutcome(claim, name, ClaimStatus.UNKNOWN, message=reason.explain(self.budget), undecided=reason)

    def _justification(self, claim: ClaimSym, directions: list[Direction],
                       marked: bool) -> tuple[JustificationStep, ...]:
        """The definitions the claim unfolds, then each direction's axioms (marked with the
        direction when ``marked``)."""
        steps = list(definition_steps(claim, self.builder.namer))
        for d in directions:
            axioms = justification_steps(d.result.justification)
            steps.extend(with_direction(axioms, d.text) if marked else axioms)
        return tuple(steps)

    def _world(self, direction: Direction, framing: FramingSym | None, name: str, scenario: str,
               doc: str) -> Counterexample:
        """The chased left side of ``direction`` as a world: a counterexample of the implication,
        or the witness that its right side need not follow."""
        result = direction.result
        assert result.instance is not None
        text = scenario_text(result.instance, self.theory(framing), scenario, direction.sides.expects, doc=doc)
        return Counterexample(direction.text, name or None, text, world_data(result.instance),
                              tuple(unmatched_hint(a, result.instance, result.var_map) for a in result.unmatched))

    def _implies(self, claim: ClaimSym, framing: FramingSym | None, name: str,
                 directions: list[Direction]) -> ClaimOutcome:
        failed = [d for d in directions if d.status is Answer.FAILS]
        unknown = [d for d in directions if d.status is Answer.UNKNOWN]
        if not failed and unknown:
            return self._out_of_budget(claim, name, directions)
        if not failed:
            return ClaimOutcome(claim, name, ClaimStatus.HOLDS,
                                justification=self._justification(claim, directions, len(directions) > 1))
        d = failed[0]
        under = f" under {name}" if name else " with no framing"
        which = f"'{d.sides.left_text}' does not imply '{d.sides.right_text}'{under}"
        if claim.form is ClaimForm.EQUIVALENT:
            message = f"not equivalent: {which}"
        else:
            message = which
        world = self._world(d, framing, name, f"counterexample_{_identifier(claim.label)}",
                            "the left side holds and the right side does not")
        holds_under = self._holds_elsewhere(framing, d)
        counterexample = Counterexample(world.direction, world.framing, world.scenario, world.world, world.unmatched,
                                        holds_under)
        details = []
        for other in holds_under:
            adds = ", ".join(other.adds) or "nothing new"
            details.append(f"it holds under {other.framing or 'the base framing'}, which adds: {adds}")
        return ClaimOutcome(claim, name, ClaimStatus.FAILS, message=message, counterexample=counterexample,
                            details=tuple(details), unmatched=world.unmatched)

    def _holds_elsewhere(self, framing: FramingSym | None, failed: Direction) -> tuple[HoldsElsewhere, ...]:
        """The other framings (the base framing first) under which the failed implication holds,
        each with the axioms it adds. It cannot hold under the framings ``framing`` extends (what
        holds there holds under ``framing``), nor where a classification rules it out; it is
        decided under the others."""
        current = self.theory(framing)
        weaker: list[FramingSym | None] = [] if framing is None else [None, *ancestors(framing)]
        out = []
        for other in [None, *self.framings]:
            if other is framing or any(other is f for f in weaker) or not self.terminating(other) \
                    or self.builder.unbuilt(other) is not None:
                continue
            if self._ruled_out(other, failed.sides):
                continue
            status, justification = self._decided_under(other, failed.sides)
            if status is Answer.HOLDS:
                adds = tuple(a.label for a in (justification or []) if not current.covers(a))
                out.append(HoldsElsewhere(self.builder.namer(other) if other is not None else None, adds))
        return tuple(out)

    def _decided_under(self, framing: FramingSym | None, sides: Sides) -> tuple[Answer, list[Axiom] | None]:
        """Whether ``sides`` give an implication that holds under ``framing``, and its justification."""
        if self.justifier is not None and sides.concepts is not None \
                and all(name in self.justifier.concepts for name in sides.concepts):
            return self.justifier.decided(framing, *sides.concepts)
        result = decide_implication(self.theory(framing), sides.left, sides.right, self.budget,
                                    verify=False, explain=False)
        stop_at_run_limit(result.limit)  # the run's budget ran out: nothing is decided
        return result.status, result.justification

    def _ruled_out(self, framing: FramingSym | None, sides: Sides) -> bool:
        """Whether the classification under ``framing`` shows that ``sides`` do not give an
        implication that holds there."""
        if self.classified is None or sides.concepts is None:
            return False
        classification = self.classified(framing)
        return classification is not None and known_not_to_hold(classification, *sides.concepts)

    def _not_implies(self, claim: ClaimSym, framing: FramingSym | None, name: str,
                     directions: list[Direction]) -> ClaimOutcome:
        failing = next((d for d in directions if d.status is Answer.FAILS), None)
        if failing is not None:
            witness = self._world(failing, framing, name, f"witness_{_identifier(claim.label)}",
                                  "the left side holds and the right side does not")
            return ClaimOutcome(claim, name, ClaimStatus.HOLDS, witness=witness)
        if any(d.status is Answer.UNKNOWN for d in directions):
            return self._out_of_budget(claim, name, directions)
        under = f" under {name}" if name else " with no framing"
        d = directions[0]
        if claim.form is ClaimForm.DISTINCT:
            message = f"'{d.sides.left_text}' and '{d.sides.right_text}' are equivalent{under}"
        else:
            message = f"'{d.sides.left_text}' implies '{d.sides.right_text}'{under}"
        if any(x.result.lhs_unsatisfiable for x in directions):
            message += " (the left side can never hold)"
        return ClaimOutcome(claim, name, ClaimStatus.FAILS, message=message,
                            justification=self._justification(claim, directions, True))

    def _text(self, formula: FormulaSym | None) -> str:
        return _formula_text(formula, self.builder.namer) if formula is not None else ""

    def _satisfiability(self, claim: ClaimSym, framing: FramingSym | None, name: str) -> ClaimOutcome:
        """``satisfiable``, ``unsatisfiable``, ``excludes`` and ``does not exclude``: chase the
        canonical instance of the formula (of both formulas together) and see whether it fails."""
        sides = conjunction(claim, self.builder)
        result = decide_satisfiable(self.theory(framing), sides.left, self.budget)
        if result.status is Satisfiability.UNKNOWN:
            reason = UndecidedReason.of(result.limit)
            return ClaimOutcome(claim, name, ClaimStatus.UNKNOWN, message=reason.explain(self.budget),
                                undecided=reason)
        possible = claim.form in (ClaimForm.SATISFIABLE, ClaimForm.DOES_NOT_EXCLUDE)
        is_satisfiable = result.status is Satisfiability.SATISFIABLE
        under = f" under {name}" if name else " with no framing"
        if not is_satisfiable:
            justification = definition_steps(claim, self.builder.namer) + justification_steps(result.justification)
            if not possible:
                return ClaimOutcome(claim, name, ClaimStatus.HOLDS, justification=justification)
            what = f"'{sides.left_text}' can have no member" if claim.form is ClaimForm.SATISFIABLE \
                else f"'{self._text(claim.left)}' excludes '{self._text(claim.right)}'"
            return ClaimOutcome(claim, name, ClaimStatus.FAILS, message=f"{what}{under}", justification=justification)
        assert result.instance is not None
        unary = claim.form in (ClaimForm.SATISFIABLE, ClaimForm.UNSATISFIABLE)
        single_concept = sides.left_text.isidentifier()
        if unary and single_concept:
            prefix, doc = f"member_of_{_identifier(sides.left_text)}", f"a member of {sides.left_text}"
        elif unary:
            prefix, doc = f"witness_{_identifier(claim.label)}", f"a world where {sides.left_text} holds"
        else:
            prefix, doc = f"both_{_identifier(claim.label)}", "both sides hold together"
        world = Counterexample(None, name or None, scenario_text(result.instance, self.theory(framing), prefix,
                                                                 sides.expects, doc=doc),
                               world_data(result.instance))
        if possible:
            return ClaimOutcome(claim, name, ClaimStatus.HOLDS, witness=world)
        what = f"'{sides.left_text}' can have a member" if unary \
            else f"'{self._text(claim.left)}' does not exclude '{self._text(claim.right)}'"
        return ClaimOutcome(claim, name, ClaimStatus.FAILS, message=f"{what}{under}", counterexample=world)


def unmatched_hint(atom: Atom, instance: Instance, fixed: dict[str, int]) -> str:
    """An atom of the right side that found no match, written against the printed world: a
    variable the left side fixes as the entity it is there, any other as ``?variable`` (``?``
    cannot start a name, so it is never mistaken for an entity of the world)."""
    args = [instance.label(fixed[v]) if v in fixed else f"?{v}" for v in atom.args]
    return f"{atom.pred}({', '.join(args)})"


def _identifier(text: str) -> str:
    out = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in text)
    return out.strip("_") or "claim"


def report_claim(outcome: ClaimOutcome, reporter: DiagnosticCollector) -> None:
    """Report a failed claim (claim-failed) or one left undecided by a limit (budget-exceeded)."""
    claim = outcome.claim
    span = claim.decl.span
    if outcome.status is ClaimStatus.FAILS:
        help_text = ("paste the counterexample into the spec to explore it, or add the missing premise as a rule"
                     if outcome.counterexample else "the justification lists the axioms that make it so")
        reporter.report(CLAIM_FAILED, span, f"{claim.title} fails: {outcome.message}", help=help_text,
                        details=outcome.details, counterexample=outcome.counterexample,
                        justification=outcome.justification,
                        subject=ClaimSubject(claim.label, outcome.framing_name or None, claim.form.value))
    elif outcome.undecided is not None and outcome.undecided.is_limit:
        reporter.report(BUDGET_EXCEEDED, span, f"{claim.title} was not decided: {outcome.message}",
                        help=f"raise the limit with {outcome.undecided.option} N (or the configuration's "
                             f"{str(outcome.undecided.option).lstrip('-')}), or simplify the framing or the "
                             "formulas; the answer is unknown, not false")
