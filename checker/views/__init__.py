"""Views and reports of a spec: the Hasse diagram of its concepts under each framing, the
comparison of the framings, the vocabulary and scenario worlds as graphs, and the whole report.

    >>> import alignspec
    >>> from alignspec.views import render_report
    >>> markdown = render_report(alignspec.load("seed.align"), "markdown")

Graphs are networkx graphs; writers turn them into DOT, Mermaid, node-link JSON, GraphML and
SVG (with a layered layout computed in Python, for when Graphviz is not installed).
"""

from .compare import Comparison, Row, compare, relation
from .dot import to_dot
from .drawing import to_svg
from .focus import focus_graph
from .graphdata import node_link, to_graphml, to_json
from .justify import Justifier
from .lattice import lattice_graph, lattice_text
from .mermaid import to_mermaid
from .output import atomic_output, write_atomic
from .pictures import Drawing
from .report import render_report, report_blocks
from .tables import compare_json, compare_markdown, compare_text
from .vocabulary import vocabulary_graph
from .world import evidence_world_graph, world_graph

__all__ = [
    "Comparison",
    "Drawing",
    "Justifier",
    "Row",
    "atomic_output",
    "compare",
    "compare_json",
    "compare_markdown",
    "compare_text",
    "evidence_world_graph",
    "focus_graph",
    "lattice_graph",
    "lattice_text",
    "node_link",
    "relation",
    "render_report",
    "report_blocks",
    "to_dot",
    "to_graphml",
    "to_json",
    "to_mermaid",
    "to_svg",
    "vocabulary_graph",
    "world_graph",
    "write_atomic",
]
