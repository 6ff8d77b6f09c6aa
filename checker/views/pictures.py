"""Choosing how a diagram is drawn: with Graphviz when its ``dot`` program is installed, else
with the layered layout computed in Python, or not at all (its source is shown instead)."""

from __future__ import annotations

from ..enums import TextEnum
from ..reasoning.run_budget import SearchBudgetExceeded
from .document import Diagram
from .drawing import to_svg
from .svg import dot_program, dot_to_svg


class Drawing(TextEnum):
    """How diagrams become pictures: ``auto`` (Graphviz when ``dot`` is installed, else the
    layered layout), ``graphviz``, ``layered`` (never Graphviz) or ``source`` (no picture)."""

    AUTO = "auto"
    GRAPHVIZ = "graphviz"
    LAYERED = "layered"
    SOURCE = "source"


def resolve(drawing: Drawing | str) -> Drawing:
    """``drawing`` with ``auto`` replaced by what this machine can do."""
    chosen = Drawing(drawing)
    if chosen is Drawing.AUTO:
        return Drawing.GRAPHVIZ if dot_program() is not None else Drawing.LAYERED
    return chosen


def diagram_svg(block: Diagram, drawing: Drawing | str = Drawing.AUTO) -> str | None:
    """The ``<svg>`` element of ``block``: drawn by Graphviz, or (when Graphviz is not wanted,
    missing or fails) with the layered layout; None for ``source``, a block without a graph, or
    when the run budget in force ran out before the picture was drawn."""
    chosen = resolve(drawing)
    if chosen is Drawing.SOURCE:
        return None
    if chosen is Drawing.GRAPHVIZ:
        drawn = dot_to_svg(block.dot)
        if drawn is not None:
            return drawn
    if block.graph is None:
        return None
    try:
        return to_svg(block.graph, id_prefix=f"{block.key}-", title=block.caption)
    except SearchBudgetExceeded:  # the run's time ran out while laying it out: no picture
        return None
