"""``alignspec argue``: the argument map of a spec, as text, DOT, Mermaid or JSON."""

from __future__ import annotations

import os

from ..analysis.framings import FramingView
from ..api import Spec
from ..views.argument_map import argument_map
from ..views.dot import to_dot
from ..views.graphdata import to_json
from ..views.mermaid import to_mermaid


def render_argue(spec: Spec, view: FramingView | None, fmt: str) -> str:
    """The argument map of ``spec`` (narrowed to ``view`` when given) as ``fmt``."""
    found = argument_map(spec.analysis, spec.diagnostics(), view)
    if fmt == "text":
        return found.text()
    if fmt == "dot":
        return to_dot(found.graph, name="arguments")
    if fmt == "mermaid":
        return to_mermaid(found.graph)
    return to_json(found.record(os.path.dirname(os.path.abspath(spec.path))))
