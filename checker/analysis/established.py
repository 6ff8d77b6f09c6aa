"""What the classification under a framing establishes, which holds under every framing that
extends it: implications between concepts, concepts with no member, classes of equivalent
concepts. A framing's share is gathered from its parents' once, so a chain of ``extends`` costs
one union per framing rather than one per ancestor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from ..reasoning.classification import Classification

T = TypeVar("T")


@dataclass(frozen=True)
class Established:
    """Implications (pairs of concept names), unsatisfiable concepts and classes of equivalent
    concepts found under some framings."""

    implications: frozenset[tuple[str, str]] = frozenset()
    unsatisfiable: frozenset[str] = frozenset()
    classes: frozenset[frozenset[str]] = frozenset()

    @staticmethod
    def gather(parts: Iterable[Established]) -> Established:
        """Everything any of ``parts`` establishes (the only part itself when there is one)."""
        parts = list(parts)
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return NOTHING
        return Established(frozenset().union(*(p.implications for p in parts)),
                           frozenset().union(*(p.unsatisfiable for p in parts)),
                           frozenset().union(*(p.classes for p in parts)))

    def adding_all(self, classifications: Iterable[Classification | None]) -> Established:
        """This and what each of ``classifications`` found."""
        out = self
        for classification in classifications:
            out = out.adding(classification)
        return out

    def adding(self, classification: Classification | None) -> Established:
        """This and what ``classification`` found (this itself when it found nothing new, as
        under a framing that adds no implication to what its parent established)."""
        if classification is None:
            return self
        more = Established(_with(self.implications, classification.implications.edges),
                           _with(self.unsatisfiable, classification.unsatisfiable),
                           _with(self.classes, classification.classes))
        if all(mine is theirs for mine, theirs in zip((self.implications, self.unsatisfiable, self.classes),
                                                       (more.implications, more.unsatisfiable, more.classes))):
            return self
        return more


def _with(known: frozenset[T], more: Iterable[T]) -> frozenset[T]:
    """``known`` and ``more``: ``known`` itself when ``more`` adds nothing to it."""
    extra = [item for item in more if item not in known]
    return known.union(extra) if extra else known


NOTHING = Established()
