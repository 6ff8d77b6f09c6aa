"""What a consistent scenario says of a ground atom: it holds, it is not applicable, it is
refuted, or it is open (LANGUAGE.md, "Verdicts").

Every verdict is decided with the chase. The scenario's chased world is a universal model of
its facts, so an atom holds exactly when it maps into the world with its arguments fixed; and
the facts plus some atoms are consistent exactly when chasing the world with those atoms added
neither fails nor makes one of the scenario's negative facts hold. Each such question is asked
inside a trial of the world (``Instance.trial``): the atoms are added, the chase continues from
where it stopped, and every change is undone afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..evidence import JustificationStep
from ..model.symbols import ConceptSym, KindSym, Predicate, ResolvedAtom
from ..reasoning.chase import Failure, chase
from ..reasoning.homomorphism import find_homomorphism
from ..reasoning.instance import Fact, Instance
from ..reasoning.logic import Atom, Axiom, Budget, Theory
from ..reasoning.status import ChaseStatus, Limit
from .axioms import TheoryBuilder
from .expansion import FreshNames
from .justify import justification_steps
from .outcomes import Verdict
from .words import article


class VerdictUndecided(Exception):
    """A trial chase reached a limit, so a verdict cannot be given."""

    def __init__(self, limit: Limit | None) -> None:
        super().__init__("a trial chase reached its limit")
        self.limit = limit


@dataclass(frozen=True)
class Refutation:
    """Why some atoms cannot be added to a scenario: what they would contradict (an axiom's
    label, or a negative fact as written), the axioms involved, and the scenario's own facts
    involved (described with the world's labels)."""

    contradicts: str
    steps: tuple[JustificationStep, ...]
    facts: tuple[str, ...]
    negative: ResolvedAtom | None = None


@dataclass
class VerdictResult:
    """A verdict with its evidence: the match of a holding atom, why an atom is not
    applicable, or what refutes it."""

    verdict: Verdict
    match: dict[str, int] | None = None
    reason: str = ""
    refutation: Refutation | None = None
    pattern: tuple[Atom, ...] = ()
    fixed: dict[str, int] = field(default_factory=dict)


class VerdictDecider:
    """Decides verdicts over one scenario's chased ``world`` (``nodes``: individual name ->
    entity) under ``theory``, with the scenario's ``negatives``."""

    def __init__(self, builder: TheoryBuilder, theory: Theory, world: Instance, nodes: dict[str, int],
                 negatives: Sequence[ResolvedAtom], budget: Budget) -> None:
        self.builder = builder
        self.theory = theory
        self.world = world
        self.nodes = nodes
        self.negatives = list(negatives)
        self.budget = budget
        self._kind_cache: dict[tuple[str, str], Refutation | None] = {}

    # patterns
    def pattern(self, pred: Predicate, args: Sequence[str]) -> tuple[tuple[Atom, ...], dict[str, int]]:
        """The atoms to match for ``pred(args)`` (a concept expanded, its other variables free)
        and the individuals its arguments are fixed to."""
        if isinstance(pred, ConceptSym):
            atoms = self.builder.expander.concept_atoms(pred, args, reserved=self.nodes)
        else:
            atoms = (Atom(self.builder.namer(pred), tuple(args)),)
        return atoms, {name: self.nodes[name] for name in args}

    def match(self, pred: Predicate, args: Sequence[str]) -> dict[str, int] | None:
        """A match of ``pred(args)`` in the world as it is now, or None."""
        atoms, fixed = self.pattern(pred, args)
        return find_homomorphism(atoms, self.world, fixed, self.budget.max_search_steps)

    # consistency
    def violated_negative(self) -> tuple[ResolvedAtom, dict[str, int]] | None:
        """The first negative fact that holds in the world as it is now, with its match."""
        for negative in self.negatives:
            found = self.match(negative.pred, negative.args)
            if found is not None:
                return negative, found
        return None

    def contradiction(self, failure: Failure | None, before: int | None = None) -> Refutation | None:
        """What makes the world as it is now inconsistent: the chase's failure, or a negative
        fact that holds; None when it is consistent. The facts named are the scenario's own
        (those first added before log position ``before``, when a trial added more)."""
        world = self.world
        if failure is not None:
            steps = justification_steps([failure.axiom, *self._axioms_behind(failure.facts)])
            facts = tuple(world.describe_fact(f) for f in world.given_facts(failure.facts, before))
            return Refutation(failure.axiom.label, steps, facts)
        violated = self.violated_negative()
        if violated is None:
            return None
        negative, found = violated
        atoms, _ = self.pattern(negative.pred, negative.args)
        image = [(a.pred, tuple(found[v] for v in a.args)) for a in atoms]
        live = [f for f in image if world.has_fact(*f)]
        steps = justification_steps(self._axioms_behind(live))
        facts = tuple(world.describe_fact(f) for f in world.given_facts(live, before))
        written = f"not {negative.node.pred.text}({', '.join(negative.args)})"
        return Refutation(written, steps, facts, negative)

    def _axioms_behind(self, facts: Iterable[Fact]) -> list[Axiom]:
        labels = self.world.axioms_used(facts)
        return list(self.theory.select(labels))

    def refutation_of(self, additions: Sequence[tuple[Predicate, Sequence[str]]]) -> Refutation | None:
        """What rules out adding ``additions`` (kinds, relations or concepts applied to
        individuals; a concept's other variables become new unknown entities) to the scenario,
        or None when they are consistent with it."""
        world = self.world
        with world.trial():
            start = world.log_size()
            used = FreshNames(self.nodes)
            for pred, args in additions:
                if isinstance(pred, ConceptSym):
                    atoms = self.builder.expander.concept_atoms(pred, args, reserved=used)
                else:
                    atoms = (Atom(self.builder.namer(pred), tuple(args)),)
                unknowns: dict[str, int] = {}
                for atom in atoms:
                    for var in atom.args:
                        if var not in self.nodes and var not in unknowns:
                            unknowns[var] = world.add_entity(used.fresh(var))
                    world.add_fact(atom.pred, tuple(self.nodes[v] if v in self.nodes else unknowns[v]
                                                    for v in atom.args))
            chased = chase(world, self.theory, self.budget, copy=False, since=start)
            if chased.status is ChaseStatus.BUDGET:
                raise VerdictUndecided(chased.limit)
            return self.contradiction(chased.failure, start)

    # verdicts
    def not_applicable(self, concept: ConceptSym, args: Sequence[str]) -> str:
        """Why ``concept`` does not apply to ``args`` (an argument known to be outside the kind
        of its parameter), or the empty string."""
        for (_param, kind), arg in zip(concept.params, args):
            if kind is not None and self._outside(kind, arg) is not None:
                return f"{arg} is known not to be {article(kind.name)}"
        return ""

    def known_to_be(self, kind: KindSym, individual: str) -> bool:
        """Whether ``individual`` is of ``kind`` in the world as it is now."""
        return self.builder.namer(kind) in self.world.kinds_of(self.nodes[individual])

    def _outside(self, kind: KindSym, individual: str) -> Refutation | None:
        key = (self.builder.namer(kind), individual)
        if key not in self._kind_cache:
            known = self.known_to_be(kind, individual)
            self._kind_cache[key] = None if known else self.refutation_of([(kind, (individual,))])
        return self._kind_cache[key]

    def verdict(self, pred: Predicate, args: Sequence[str]) -> VerdictResult:
        """The verdict on ``pred(args)``: holds, not applicable (concepts only), refuted or open."""
        atoms, fixed = self.pattern(pred, args)
        found = find_homomorphism(atoms, self.world, fixed, self.budget.max_search_steps)
        if found is not None:
            return VerdictResult(Verdict.HOLDS, match=found, pattern=atoms, fixed=fixed)
        if isinstance(pred, ConceptSym):
            reason = self.not_applicable(pred, args)
            if reason:
                return VerdictResult(Verdict.NOT_APPLICABLE, reason=reason, pattern=atoms, fixed=fixed)
        refutation = self.refutation_of([(pred, args)])
        if refutation is not None:
            return VerdictResult(Verdict.REFUTED, refutation=refutation, pattern=atoms, fixed=fixed)
        return VerdictResult(Verdict.OPEN, pattern=atoms, fixed=fixed)
