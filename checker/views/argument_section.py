"""The arguments section of a report: the argument map as a diagram and a table, present only
when the spec has claims that argue from concepts to a concept."""

from __future__ import annotations

from .argument_map import ArgumentMap
from .document import Block, Heading, Paragraph, StatusCell, Table, code, inline
from .sections import diagram


def arguments(found: ArgumentMap) -> list[Block]:
    """The heading, a diagram of ``found`` and one row per argument; nothing when it has none."""
    if not found.arguments:
        return []
    blocks: list[Block] = [Heading(2, inline("Arguments"))]
    intro = inline("The ", code("implies"), " claims that argue from concepts to a concept, as an and-or graph: a "
                   "claim with two or more concepts on its left is an AND node, and each arrow into a conclusion "
                   "says whether the claim holds, fails or only restates a rule (", code("restated"),
                   "), under the framing it is decided in. Kind and relation atoms on the left are the "
                   "claim's conditions.")
    blocks.append(Paragraph(intro))
    blocks.append(diagram("arguments", f"The {found.title}: arrows go from the premises to the conclusion",
                          found.graph))
    rows = tuple((a.claim, a.framing or "(base)", ", ".join(a.premises), a.conclusion, ", ".join(a.conditions),
                  StatusCell(a.status.value)) for a in found.arguments)
    blocks.append(Table(("claim", "under", "premises", "conclusion", "given", "status"), rows,
                        frozenset({0, 1, 2, 3, 4})))
    return blocks
