"""The ``lattice``, ``argue``, ``compare``, ``graph`` and ``report`` subcommands of the command line."""

from __future__ import annotations

import argparse
import os
import sys
from difflib import get_close_matches

from ..api import Spec, SpecError, load
from ..check import UsageError
from ..diagnostics import Diagnostic, Severity
from ..model.kinds import all_units
from ..reasoning import run_budget
from ..render.text import ColorChoice, render_text, should_use_color
from ..results import CheckResult
from ..syntax.source import SourceError, read_source
from ..views.compare import concepts_of, spec_comparison
from ..views.dot import to_dot
from ..views.focus import focus_graph
from ..views.graphdata import to_graphml, to_json
from ..views.lattice import lattice_document, lattice_graph, lattice_text
from ..views.mermaid import to_mermaid
from ..views.output import atomic_output
from ..views.report import render_report
from ..views.tables import compare_json, compare_markdown, compare_text
from ..views.vocabulary import vocabulary_graph
from ..views.world import world_graph
from .argue import render_argue
from .progress import ProgressReporter
from .settings import Settings
from .view_arguments import BASE


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


def print_diagnostics(spec_file: str, diagnostics: list[Diagnostic], color: ColorChoice) -> None:
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
    sys.stderr.write(render_text(result, color=should_use_color(sys.stderr, os.environ, color)))


def _lattice(spec: Spec, args) -> str:
    views = _views(spec, [args.framing] if args.framing else None, args.file)
    base = os.path.dirname(os.path.abspath(spec.path))
    justifier = spec.analysis.justifier
    graphs = [lattice_graph(v, justifier, base) for v in views]
    if args.concept is not None:
        names = list(concepts_of(spec.analysis.framings))
        if args.concept not in names:
            raise _unknown("concept", args.concept, names, args.file)
        if args.depth < 1:
            raise UsageError(f"--depth must be at least 1, not {args.depth}")
        graphs = [focus_graph(g, args.concept, args.depth) for g in graphs]
    if args.format == "text":
        return "\n".join(lattice_text(g, base) for g in graphs)
    if args.format == "dot":
        return to_dot(graphs, name="lattice")
    if args.format == "mermaid":
        return to_mermaid(graphs)
    return to_json(lattice_document(graphs))


def _argue(spec: Spec, args) -> str:
    view = _views(spec, [args.framing], args.file)[0] if args.framing else None
    return render_argue(spec, view, args.format)


def _compare(spec: Spec, args) -> str:
    views = _views(spec, args.framing, args.file)
    if args.concept is not None:
        names = list(concepts_of(spec.analysis.framings))
        if args.concept not in names:
            raise _unknown("concept", args.concept, names, args.file)
    comparison = spec_comparison(spec.analysis, views, args.concept, show_all=args.all)
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
    "argue": _argue,
    "compare": _compare,
    "graph": _graph,
    "report": lambda spec, args: render_report(spec, args.format, args.diagrams),
}


def run_view(args: argparse.Namespace, settings: Settings) -> int:
    """Run one view subcommand: 0 on success, 1 when the spec has errors (the view is still
    written when the spec could be analysed); usage errors raise ``UsageError`` (status 2).

    The run's budget (``--timeout``, ``--max-total-steps``) covers the whole command: the
    analysis and the justifications and exclusions the view decides on demand while rendering."""
    with run_budget.started(settings.budget):
        return _run_view(args, settings)


def _run_view(args: argparse.Namespace, settings: Settings) -> int:
    color = ColorChoice(args.color)
    with ProgressReporter(sys.stderr, enabled=False if args.quiet else None) as progress:
        try:
            spec = load(args.file, roots=list(settings.roots), budget=settings.budget, progress=progress)
        except SpecError as exc:
            print_diagnostics(args.file, exc.diagnostics, color)
            return 1
    model_errors = [d for d in spec.own_diagnostics if d.severity is Severity.ERROR]
    if model_errors:
        print_diagnostics(args.file, list(spec.diagnostics()), color)
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
    if any(d.severity is Severity.ERROR for d in diagnostics):
        print_diagnostics(args.file, diagnostics, color)
        return 1
    return 0
