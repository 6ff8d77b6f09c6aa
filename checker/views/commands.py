"""The ``lattice``, ``compare``, ``graph`` and ``report`` subcommands of the command line."""

from __future__ import annotations

import argparse
import os
import sys
from difflib import get_close_matches

from ..api import Spec, SpecError, load
from ..check import UsageError
from ..diagnostics import Diagnostic
from ..model.kinds import all_units
from ..reasoning.logic import Budget
from ..render.text import render_text, should_use_color
from ..results import CheckResult
from ..syntax.source import SourceError, read_source
from .compare import compare, concepts_of
from .dot import to_dot
from .graphdata import to_graphml, to_json
from .lattice import lattice_graph, lattice_text
from .mermaid import to_mermaid
from .output import atomic_output
from .report import render_report
from .tables import compare_json, compare_markdown, compare_text
from .vocabulary import vocabulary_graph
from .world import world_graph

VIEW_COMMANDS = ("lattice", "compare", "graph", "report")
BASE = "base"


def add_view_parsers(commands) -> list[argparse.ArgumentParser]:
    """Add the view subcommands to ``commands`` (an argparse subparsers action); returns their
    parsers so the caller can add the shared options."""
    lattice = commands.add_parser("lattice", help="the Hasse diagram of the concepts under a framing")
    lattice.add_argument("file", metavar="FILE")
    lattice.add_argument("--framing", metavar="F",
                         help=f"only this framing ('{BASE}': the base framing); default: the base framing and each framing")
    lattice.add_argument("--format", choices=["text", "dot", "mermaid", "json"], default="text")

    comparison = commands.add_parser("compare", help="how each pair of concepts relates under each framing")
    comparison.add_argument("file", metavar="FILE")
    comparison.add_argument("--framing", metavar="F", action="append",
                            help=f"compare under F (repeatable; '{BASE}': the base framing); default: all")
    comparison.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    comparison.add_argument("--concept", metavar="NAME", help="only the pairs that involve this concept")

    graph = commands.add_parser("graph", help="the vocabulary, or a scenario's world, as a graph")
    graph.add_argument("file", metavar="FILE")
    graph.add_argument("--scenario", metavar="NAME", help="the chased world of this scenario")
    graph.add_argument("--format", choices=["dot", "mermaid", "graphml", "json"], default="dot")

    report = commands.add_parser("report", help="one Markdown or HTML document with every view")
    report.add_argument("file", metavar="FILE")
    report.add_argument("--format", choices=["markdown", "html"], default="markdown")

    parsers = [lattice, comparison, graph, report]
    for parser in parsers:
        parser.add_argument("-o", "--output", metavar="PATH",
                            help="write to PATH instead of stdout: a file is replaced atomically (through a "
                                 "symbolic link, its target), a FIFO or device is written to as a stream, "
                                 "and the specs read are never overwritten")
    return parsers


def _unknown(what: str, name: str, choices: list[str], file: str) -> UsageError:
    close = get_close_matches(name, choices, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" ({what}s: {', '.join(choices) or 'none'})"
    return UsageError(f"no {what} named '{name}' in {file}{hint}")


def _views(spec: Spec, names: list[str] | None, file: str) -> list:
    views = spec.analysis.framings
    if not names:
        return views
    by_name = {v.name: v for v in views if v.name}
    chosen = []
    for name in names:
        if name in by_name:
            chosen.append(by_name[name])
        elif name == BASE:
            chosen.append(views[0])
        else:
            raise _unknown("framing", name, list(by_name), file)
    return chosen


def print_diagnostics(spec_file: str, diagnostics: list[Diagnostic]) -> None:
    """Print ``diagnostics`` about ``spec_file`` on standard error, as ``check`` prints them."""
    sources: dict[str, str] = {}
    for diagnostic in diagnostics:
        for span in [diagnostic.span, *(r.span for r in diagnostic.related)]:
            if span.file not in sources:
                try:
                    sources[span.file] = read_source(span.file).text
                except (OSError, SourceError):
                    sources[span.file] = ""
    result = CheckResult(files=[spec_file], diagnostics=diagnostics, sources=sources)
    sys.stderr.write(render_text(result, color=should_use_color(sys.stderr, os.environ)))


def _lattice(spec: Spec, args) -> str:
    views = _views(spec, [args.framing] if args.framing else None, args.file)
    base = os.path.dirname(os.path.abspath(spec.path))
    justifier = spec.analysis.justifier
    graphs = [lattice_graph(v, justifier, base) for v in views]
    if args.format == "text":
        return "\n".join(lattice_text(g, base) for g in graphs)
    if args.format == "dot":
        return to_dot(graphs, name="lattice")
    if args.format == "mermaid":
        return to_mermaid(graphs)
    return to_json(graphs[0] if len(graphs) == 1 else graphs)


def _compare(spec: Spec, args) -> str:
    views = _views(spec, args.framing, args.file)
    if args.concept is not None:
        names = list(concepts_of(spec.analysis.framings))
        if args.concept not in names:
            raise _unknown("concept", args.concept, names, args.file)
    comparison = compare(views, args.concept)
    return {"text": compare_text, "markdown": compare_markdown, "json": compare_json}[args.format](comparison)


def _graph(spec: Spec, args) -> str:
    if args.scenario is not None:
        by_name = {e.scenario.name: e for e in spec.analysis.scenarios}
        if args.scenario not in by_name:
            raise _unknown("scenario", args.scenario, list(by_name), args.file)
        graph = world_graph(by_name[args.scenario])
    else:
        graph = vocabulary_graph(spec.unit, spec.analysis.builder.namer)
    if args.format == "dot":
        return to_dot(graph, name=graph.graph["title"])
    if args.format == "mermaid":
        return to_mermaid(graph)
    if args.format == "graphml":
        return to_graphml(graph)
    return to_json(graph)


RENDERERS = {
    "lattice": _lattice,
    "compare": _compare,
    "graph": _graph,
    "report": lambda spec, args: render_report(spec, args.format),
}


def run_view(args: argparse.Namespace, budget: Budget) -> int:
    """Run one view subcommand: 0 on success, 1 when the spec has errors (the view is still
    written when the spec could be analysed); usage errors raise ``UsageError`` (status 2)."""
    try:
        spec = load(args.file, roots=list(args.root), budget=budget)
    except SpecError as exc:
        print_diagnostics(args.file, exc.diagnostics)
        return 1
    model_errors = [d for d in spec.own_diagnostics if d.severity.value == "error"]
    if model_errors:
        print_diagnostics(args.file, list(spec.diagnostics()))
        return 1
    render = RENDERERS[args.command]
    if args.output:
        if not os.path.isdir(os.path.dirname(os.path.abspath(args.output))):
            raise UsageError(f"cannot write '{args.output}': no such directory")
        inputs = [unit.real for unit in all_units(spec.unit)]
        try:
            with atomic_output(args.output, inputs) as handle:
                handle.write(render(spec, args))
        except OSError as exc:
            raise UsageError(f"cannot write '{args.output}': {exc.strerror or exc}") from None
    else:
        text = render(spec, args)
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    diagnostics = list(spec.diagnostics())
    if any(d.severity.value == "error" for d in diagnostics):
        print_diagnostics(args.file, diagnostics)
        return 1
    return 0
