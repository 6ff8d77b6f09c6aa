"""``alignspec argue``: the argument map of a spec, as text, DOT, Mermaid or JSON."""

from __future__ import annotations

import argparse
import os

from ..analysis.framings import FramingView
from ..api import Spec
from ..views.argument_map import argument_map
from ..views.dot import to_dot
from ..views.graphdata import to_json
from ..views.mermaid import to_mermaid

ARGUE_FORMATS = ("text", "dot", "mermaid", "json")
ARGUE_SUMMARY = "the argument map: which concepts each implies claim argues from, and its status"
ARGUE_DESCRIPTION = (
    "The implies claims that argue from concepts to a concept (A(x), B(y), links implies C(x)) as an "
    "and-or graph: each claim with two or more concepts on its left is an AND node, and each arrow into "
    "a conclusion is marked holds, fails, restated (holds only because one rule states it) or unknown, "
    "with the framing it is decided under. Kind and relation atoms on the left are shown as the "
    "claim's conditions.")
ARGUE_EPILOG = """\
examples:
  alignspec argue hubinger2020
  alignspec argue --framing objective_focused hubinger2020
  alignspec argue --format dot hubinger2020 | dot -Tsvg > arguments.svg
  alignspec argue --format json -o arguments.json examples/seed.align"""


def add_argue_options(parser: argparse.ArgumentParser, base: str) -> None:
    """The options of ``argue``; ``base`` is the word that names the base framing."""
    parser.add_argument("--framing", metavar="F",
                        help=f"only the claims under F and under the framings F extends ('{base}': the "
                             "claims with no framing); default: every claim")
    parser.add_argument("--format", choices=ARGUE_FORMATS, default="text",
                        help="text (default), dot (Graphviz), mermaid, or json (schema alignspec-argue)")


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
