"""The semantic model: declarations with their names resolved to one another."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Span
from ..syntax import nodes as n


@dataclass(eq=False)
class Unit:
    """One loaded spec file and what its names refer to."""

    path: str                      # as shown to the user
    real: str                      # resolved path, the identity of the file
    spec: n.SpecFile
    name: str                      # the spec header's name, or the file's stem
    is_library: bool = False
    own: dict[str, Symbol] = field(default_factory=dict)
    scope: dict[str, Symbol] = field(default_factory=dict)
    aliases: dict[str, Unit] = field(default_factory=dict)
    imported: list[Unit] = field(default_factory=list)
    import_links: list[tuple[n.Import, Unit]] = field(default_factory=list)  # the imports that loaded
    kinds: list[KindSym] = field(default_factory=list)
    relations: list[RelationSym] = field(default_factory=list)
    disjoints: list[DisjointSym] = field(default_factory=list)
    concepts: list[ConceptSym] = field(default_factory=list)
    framings: list[FramingSym] = field(default_factory=list)
    definitions: list[RuleSym] = field(default_factory=list)
    claims: list[ClaimSym] = field(default_factory=list)
    scenarios: list[ScenarioSym] = field(default_factory=list)

    @property
    def header(self) -> n.SpecHeader | None:
        for statement in self.spec.statements:
            if isinstance(statement, n.SpecHeader):
                return statement
        return None


@dataclass(eq=False)
class _Declared:
    name: str
    unit: Unit
    span: Span                     # the span of the declared name

    @property
    def key(self) -> str:
        return f"{self.unit.real}::{self.name}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


@dataclass(eq=False, repr=False)
class KindSym(_Declared):
    decl: n.KindDecl | None = None
    parents: list[KindSym] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class RelationSym(_Declared):
    """A relation: the kind of each position (None where it did not resolve), the relations it
    is a sub-relation of, and its properties with where each is written."""

    decl: n.RelationDecl | None = None
    positions: list[KindSym | None] = field(default_factory=list)
    parents: list[RelationSym] = field(default_factory=list)
    parent_refs: list[n.QName] = field(default_factory=list)   # how each parent is written
    properties: dict[str, Span] = field(default_factory=dict)

    @property
    def arity(self) -> int:
        return len(self.decl.positions) if self.decl is not None else len(self.positions)

    @property
    def domain(self) -> KindSym | None:
        """The kind of the first position."""
        return self.positions[0] if self.positions else None

    @property
    def range(self) -> KindSym | None:
        """The kind of the last position."""
        return self.positions[-1] if self.positions else None


@dataclass(eq=False)
class DisjointSym:
    unit: Unit
    decl: n.DisjointDecl
    members: list[KindSym | RelationSym]


@dataclass(frozen=True, eq=False)
class ResolvedAtom:
    """An atom whose predicate resolved; ``args`` are variable or individual names."""

    pred: Predicate
    args: tuple[str, ...]
    node: n.Atom


@dataclass(eq=False, repr=False)
class ConceptSym(_Declared):
    decl: n.ConceptDecl | None = None
    params: list[tuple[str, KindSym | None]] = field(default_factory=list)
    body: list[ResolvedAtom] = field(default_factory=list)
    complete: bool = True          # every atom of the body resolved with the right arity
    kind_mismatch: bool = False    # already reported statically; no unsatisfiable-concept on top

    @property
    def arity(self) -> int:
        return len(self.params)


@dataclass(frozen=True, eq=False)
class ResolvedHead:
    """A rule's head with its atoms resolved: ``atoms`` (``ATOMS``), the two variables of
    ``equality`` (``EQUALITY``), or nothing (``FALSE``)."""

    kind: n.HeadKind
    atoms: tuple[ResolvedAtom, ...] = ()
    equality: tuple[str, str] | None = None

    @property
    def is_atoms(self) -> bool:
        return self.kind is n.HeadKind.ATOMS


@dataclass(eq=False)
class RuleSym:
    """A rule of a framing, or (``framing`` None) a definition: a rule in force everywhere."""

    name: str
    framing: FramingSym | None
    decl: n.RuleDecl
    body: list[ResolvedAtom]
    head: ResolvedHead
    complete: bool = True
    unit: Unit | None = None

    @property
    def is_definition(self) -> bool:
        return self.framing is None

    @property
    def span(self) -> Span:
        return self.decl.name.span


@dataclass(eq=False, repr=False)
class FramingSym(_Declared):
    decl: n.FramingDecl | None = None
    extends: list[FramingSym] = field(default_factory=list)
    rules: list[RuleSym] = field(default_factory=list)


@dataclass(eq=False)
class FormulaSym:
    """A claim side: atoms over variables; ``concept`` is set for a bare concept name."""

    atoms: list[ResolvedAtom]
    concept: ConceptSym | None
    node: n.ConceptFormula | n.AtomsFormula
    complete: bool = True


@dataclass(eq=False)
class ClaimSym:
    unit: Unit
    decl: n.ClaimDecl
    framing: FramingSym | None
    form: n.ClaimForm
    left: FormulaSym | None
    right: FormulaSym | None
    index: int                     # position among the spec's claims, for generated labels

    @property
    def label(self) -> str:
        """The claim's name, or ``line N`` for an unnamed claim."""
        if self.decl.name is not None:
            return self.decl.name.text
        return f"line {self.decl.span.line}"

    @property
    def title(self) -> str:
        """How messages refer to the claim."""
        if self.decl.name is not None:
            return f"claim '{self.decl.name.text}'"
        return f"the claim at line {self.decl.span.line}"

    @property
    def complete(self) -> bool:
        sides = [s for s in (self.left, self.right) if s is not None]
        framing_resolved = self.decl.framing is None or self.framing is not None
        return bool(sides) and all(s.complete for s in sides) and framing_resolved


@dataclass(eq=False)
class ExpectSym:
    """An expectation; ``atom`` is None for ``expect inconsistent`` and when it did not resolve."""

    atom: ResolvedAtom | None
    kind: n.ExpectKind
    node: n.Expect

    @property
    def negated(self) -> bool:
        return self.kind is n.ExpectKind.NOT


@dataclass(eq=False, repr=False)
class ScenarioSym(_Declared):
    decl: n.ScenarioDecl | None = None
    framing: FramingSym | None = None
    individuals: dict[str, tuple[KindSym | None, Span]] = field(default_factory=dict)
    facts: list[ResolvedAtom] = field(default_factory=list)
    negatives: list[ResolvedAtom] = field(default_factory=list)
    expects: list[ExpectSym] = field(default_factory=list)
    complete: bool = True


Predicate = KindSym | RelationSym | ConceptSym


@dataclass(eq=False, repr=False)
class RuleName(_Declared):
    """A rule's name in its spec's namespace."""


@dataclass(eq=False, repr=False)
class ClaimName(_Declared):
    """A named claim's name in its spec's namespace."""


Symbol = KindSym | RelationSym | ConceptSym | FramingSym | ScenarioSym | RuleName | ClaimName

SORT_WORDS = {
    KindSym: "kind",
    RelationSym: "relation",
    ConceptSym: "concept",
    FramingSym: "framing",
    ScenarioSym: "scenario",
    RuleName: "rule",
    ClaimName: "claim",
}


def sort_word(symbol) -> str:
    """``kind``, ``relation``, ``concept``... for messages."""
    return SORT_WORDS.get(type(symbol), "name")
