"""Answers about an implication between two concepts that a classification already settles.

A classification chases each concept under a framing and searches for every implication
between them exactly, so it says for sure when ``left implies right`` does not hold there.
Whatever it cannot rule out (the implications it found, the concepts with no member, anything a
limit left unknown) is for the caller to decide, which is also how a justification is found.
"""

from __future__ import annotations

from ..reasoning.classification import Classification


def known_not_to_hold(classification: Classification, left: str, right: str) -> bool:
    """Whether ``classification`` shows that deciding "concept ``left`` implies concept
    ``right``" (concepts of one arity, their parameters matched by position) under its framing
    would not answer *holds*.

    True when the chase of ``left`` stopped at a limit (the decision would be *unknown*), or
    when ``left`` has a member and either ``right`` has none or the search for ``right`` in the
    chased ``left`` found nothing (it would be *fails*).
    """
    implications = classification.implications
    if left in classification.unknown:
        return True
    if left not in implications:
        return False
    if right in classification.unsatisfiable:
        return True
    if right not in implications or (left, right) in classification.unknown_pairs:
        return False
    return not implications.has_edge(left, right)
