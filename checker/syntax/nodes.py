"""The syntax tree of a spec: frozen dataclasses, each carrying the span of text it came from."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..diagnostics import Span
from ..enums import TextEnum


@dataclass(frozen=True)
class Name:
    """A plain name as written: a declared name, a variable or an individual."""

    text: str
    span: Span


@dataclass(frozen=True)
class QName:
    """A possibly qualified reference ``prefix.name``."""

    prefix: str | None
    name: str
    span: Span

    @property
    def text(self) -> str:
        return f"{self.prefix}.{self.name}" if self.prefix else self.name


@dataclass(frozen=True)
class Doc:
    """A statement's doc string and ``source`` citations."""

    text: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Atom:
    """``pred(arg, ...)``: a kind, relation or concept applied to variables or individuals."""

    pred: QName
    args: tuple[Name, ...]
    span: Span


class HeadKind(enum.Enum):
    """What a rule's head says: atoms that must hold, two entities that are one, or ``false``."""

    ATOMS = "atoms"
    EQUALITY = "equality"
    FALSE = "false"


@dataclass(frozen=True)
class Head:
    """A rule's head: ``atoms`` for ``ATOMS``, ``left = right`` for ``EQUALITY``, nothing for ``FALSE``."""

    kind: HeadKind
    span: Span
    atoms: tuple[Atom, ...] = ()
    left: Name | None = None
    right: Name | None = None


@dataclass(frozen=True)
class SpecHeader:
    name: Name
    doc: Doc
    span: Span


@dataclass(frozen=True)
class Import:
    """``import "path.align" [as P]`` (``is_path``) or ``import NAME [as P]`` (the shipped library)."""

    target: str
    is_path: bool
    alias: Name | None
    target_span: Span
    span: Span


@dataclass(frozen=True)
class KindDecl:
    name: Name
    parents: tuple[QName, ...]
    doc: Doc
    span: Span


@dataclass(frozen=True)
class DisjointDecl:
    names: tuple[QName, ...]
    doc: Doc
    span: Span


@dataclass(frozen=True)
class Property:
    name: str
    span: Span


@dataclass(frozen=True)
class RelationDecl:
    """``relation R(K1, ..., Kn) [: S, ...] property*``: the kind of each position, the relations
    it is a sub-relation of, and its properties."""

    name: Name
    positions: tuple[QName, ...]
    parents: tuple[QName, ...]
    properties: tuple[Property, ...]
    doc: Doc
    span: Span

    @property
    def arity(self) -> int:
        return len(self.positions)


@dataclass(frozen=True)
class Param:
    var: Name
    kind: QName
    span: Span


@dataclass(frozen=True)
class ConceptDecl:
    name: Name
    params: tuple[Param, ...]
    doc: Doc
    body: tuple[Atom, ...]
    span: Span


@dataclass(frozen=True)
class RuleDecl:
    name: Name
    body: tuple[Atom, ...]
    head: Head
    doc: Doc
    span: Span


@dataclass(frozen=True)
class FramingDecl:
    name: Name
    extends: tuple[QName, ...]
    doc: Doc
    rules: tuple[RuleDecl, ...]
    span: Span


@dataclass(frozen=True)
class ConceptFormula:
    """A concept name standing alone in a claim: the concept applied to fresh variables."""

    concept: QName
    span: Span


@dataclass(frozen=True)
class AtomsFormula:
    atoms: tuple[Atom, ...]
    span: Span


Formula = ConceptFormula | AtomsFormula


class ClaimForm(TextEnum):
    """What a claim says; the value is the form's name in the JSON output."""

    IMPLIES = "implies"
    DOES_NOT_IMPLY = "does-not-imply"
    EQUIVALENT = "equivalent"
    DISTINCT = "distinct"
    SATISFIABLE = "satisfiable"
    UNSATISFIABLE = "unsatisfiable"
    EXCLUDES = "excludes"
    DOES_NOT_EXCLUDE = "does-not-exclude"

    @property
    def words(self) -> str:
        """The form as the language writes it: ``does not imply``."""
        return self.value.replace("-", " ")

    @property
    def is_unary(self) -> bool:
        """Whether the claim has one formula (``satisfiable`` and ``unsatisfiable``)."""
        return self in (ClaimForm.SATISFIABLE, ClaimForm.UNSATISFIABLE)


CLAIM_FORMS = tuple(ClaimForm)


@dataclass(frozen=True)
class ClaimDecl:
    """A claim; ``right`` is None for (un)satisfiable."""

    name: Name | None
    framing: QName | None
    form: ClaimForm
    left: Formula
    right: Formula | None
    doc: Doc
    span: Span


@dataclass(frozen=True)
class Individuals:
    kind: QName
    names: tuple[Name, ...]
    span: Span


class ExpectKind(TextEnum):
    """What an ``expect`` asks of an atom (or, for ``INCONSISTENT``, of the scenario's facts)."""

    HOLDS = "holds"
    NOT = "not"
    REFUTED = "refuted"
    OPEN = "open"
    INCONSISTENT = "inconsistent"


@dataclass(frozen=True)
class Expect:
    """An expectation; ``atom`` is None for ``expect inconsistent``."""

    kind: ExpectKind
    atom: Atom | None
    span: Span

    @property
    def negated(self) -> bool:
        return self.kind is ExpectKind.NOT


@dataclass(frozen=True)
class ScenarioDecl:
    name: Name
    framing: QName | None
    doc: Doc
    individuals: tuple[Individuals, ...]
    facts: tuple[Atom, ...]
    expects: tuple[Expect, ...]
    span: Span
    negative_facts: tuple[NegativeFact, ...] = ()


@dataclass(frozen=True)
class NegativeFact:
    """``not ATOM`` in a scenario: the atom is false there."""

    atom: Atom
    span: Span


Statement = (
    SpecHeader | Import | KindDecl | DisjointDecl | RelationDecl | RuleDecl | ConceptDecl | FramingDecl | ClaimDecl
    | ScenarioDecl
)


@dataclass(frozen=True)
class SpecFile:
    """A parsed file: its statements in source order, and the comment lines it opens with."""

    path: str
    statements: tuple[Statement, ...]
    preamble: tuple[str, ...] = ()
