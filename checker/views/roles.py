"""What each node and edge of a drawn graph stands for; the writers style them by it.

Graphs store the plain value (GraphML writes only built-in types)."""

from __future__ import annotations

from ..enums import TextEnum


class Role(TextEnum):
    """The role of a node or an edge in a lattice, vocabulary, world or argument graph."""

    CLASS = "class"
    FOCUS = "focus"
    UNSATISFIABLE = "unsatisfiable"
    UNKNOWN = "unknown"
    KIND = "kind"
    CONJUNCTION = "conjunction"
    PREMISE = "premise"
    HOLDS = "holds"
    FAILS = "fails"
    RESTATED = "restated"
    CONCEPT = "concept"
    INDIVIDUAL = "individual"
    ENTITY = "entity"
    NOTE = "note"
    IMPLIES = "implies"
    EXCLUDES = "excludes"
    IS_A = "is_a"
    RELATION = "relation"
    DISJOINT = "disjoint"
    MEMBER = "member"
    PARAMETER = "parameter"
    USES = "uses"
    GIVEN = "given"
    DERIVED = "derived"
    FACT = "fact"
    ARGUMENT = "argument"
