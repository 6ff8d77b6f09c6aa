"""The arguments of the view subcommands (``lattice``, ``argue``, ``compare``, ``graph``,
``report``): kept apart from the views so that the command line's help loads none of them."""

from __future__ import annotations

import argparse

from .lsp_command import Formatter

# The values of ``views.pictures.Drawing`` (the first is the default) and ``views.focus.DEFAULT_DEPTH``;
# a test keeps them equal.
DRAWINGS = ("auto", "graphviz", "layered", "source")
FOCUS_DEPTH = 1

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


VIEW_COMMANDS = ("lattice", "argue", "compare", "graph", "report")
BASE = "base"


VIEW_EPILOGS = {
    "lattice": """\
examples:
  alignspec lattice examples/seed.align
  alignspec lattice --framing harris --format dot examples/seed.align | dot -Tsvg > harris.svg
  alignspec lattice --format json -o lattice.json examples/seed.align""",
    "argue": ARGUE_EPILOG,
    "compare": """\
examples:
  alignspec compare examples/seed.align
  alignspec compare --framing hubinger2020 --framing harris --concept inner_aligned examples/seed.align
  alignspec compare --format markdown examples/seed.align > comparison.md""",
    "graph": """\
examples:
  alignspec graph examples/seed.align | dot -Tsvg > vocabulary.svg
  alignspec graph --scenario three_levels --format mermaid examples/seed.align""",
    "report": """\
examples:
  alignspec report examples/seed.align > seed.md
  alignspec report --format html -o seed.html examples/seed.align""",
}
VIEW_STATUS = "exit status: 0 written, 1 the spec has errors (the view is still written when it could be " \
              "analysed), 2 the command could not run"


def add_view_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                     parents: list[argparse.ArgumentParser],
                     formatter_class: Formatter) -> list[argparse.ArgumentParser]:
    """Add the view subcommands to ``commands`` (an argparse subparsers action), each with the
    shared options of ``parents``; returns their parsers."""

    def add(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, parents=parents, formatter_class=formatter_class, help=summary,
                                     description=description, epilog=f"{VIEW_EPILOGS[name]}\n\n{VIEW_STATUS}")
        parser.add_argument("file", metavar="FILE", help="the spec file (or shipped library spec)")
        return parser

    lattice = add("lattice", "the Hasse diagram of the concepts under a framing",
                  "The concepts of a spec ordered by implication under each framing (a Hasse diagram of "
                  "their equivalence classes); each edge carries its justification.")
    lattice.add_argument("--framing", metavar="F",
                         help=f"only this framing ('{BASE}': the base framing); "
                              "default: the base framing and each framing")
    lattice.add_argument("--format", choices=["text", "dot", "mermaid", "json"], default="text",
                         help="text (default), dot (Graphviz), mermaid, or json (schema alignspec-lattice)")
    lattice.add_argument("--concept", metavar="NAME",
                         help="only this concept's neighbourhood: what it implies, what implies it, what it excludes")
    lattice.add_argument("--depth", metavar="N", type=int, default=FOCUS_DEPTH,
                         help=f"with --concept, how many implication steps to follow (default {FOCUS_DEPTH})")

    argue = add("argue", ARGUE_SUMMARY, ARGUE_DESCRIPTION)
    add_argue_options(argue, BASE)

    comparison = add("compare", "how each pair of concepts relates under each framing",
                     "Every pair of concepts that could share a member (equal arity, parameter kinds not "
                     "declared disjoint): equivalent, implies, implied by, excludes (they can never hold "
                     "together) or incomparable under each framing, the pairs on which framings disagree first. "
                     "Concepts with no member under any compared framing are left out unless --all is given.")
    comparison.add_argument("--framing", metavar="F", action="append",
                            help=f"compare under F (repeatable; '{BASE}': the base framing); default: all")
    comparison.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                            help="text (default), markdown, or json (schema alignspec-compare)")
    comparison.add_argument("--concept", metavar="NAME", help="only the pairs that involve this concept")
    comparison.add_argument("--all", action="store_true",
                            help="also the concepts that have no member under any compared framing")

    graph = add("graph", "the vocabulary, or a scenario's world, as a graph",
                "The vocabulary (kinds, relations, concepts and how they use each other), or the chased "
                "world of one scenario, as a graph.")
    graph.add_argument("--scenario", metavar="NAME", help="the chased world of this scenario")
    graph.add_argument("--format", choices=["dot", "mermaid", "graphml", "json"], default="dot",
                       help="dot (Graphviz, default), mermaid, graphml, or json (networkx node-link data)")

    report = add("report", "one Markdown or HTML document with every view",
                 "One document with the concepts, claims, diagrams, the comparison and the scenarios; HTML "
                 "is self-contained and draws diagrams with Graphviz when it is installed.")
    report.add_argument("--format", choices=["markdown", "html"], default="markdown",
                        help="markdown (default) or html")
    report.add_argument("--diagrams", choices=DRAWINGS, default=DRAWINGS[0],
                        help="how HTML draws diagrams: Graphviz when dot is installed, else the layered layout "
                             "(auto); graphviz; layered; or their Mermaid source (source)")

    parsers = [lattice, argue, comparison, graph, report]
    for parser in parsers:
        parser.add_argument("-o", "--output", metavar="PATH",
                            help="write to PATH instead of stdout: a file is replaced atomically (through a "
                                 "symbolic link, its target), a FIFO or device is written to as a stream, "
                                 "and the specs read are never overwritten")
    return parsers
