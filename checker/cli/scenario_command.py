"""``alignspec scenario``: evaluate the scenarios of a spec, as text or JSON."""

from __future__ import annotations

import argparse
import sys
from difflib import get_close_matches

from ..analysis.scenarios import TableCells
from ..check import CheckOptions, UsageError, load_and_analyse
from ..diagnostics import Severity
from ..render.scenario import render_scenario_json, render_scenario_text
from ..render.text import ColorChoice
from .check_command import progress_reporter
from .settings import resolve_settings
from .views import print_diagnostics


def run_scenario(args: argparse.Namespace) -> int:
    """Run ``alignspec scenario`` and return its exit status. The spec's errors, if any, are
    always reported: on standard error after the text, or under ``diagnostics`` in JSON."""
    settings = resolve_settings(args)
    with progress_reporter(args) as progress:
        options = CheckOptions(roots=list(settings.roots), budget=settings.budget, progress=progress)
        cells = TableCells.ALL if args.all else TableCells.FITTING
        loaded, analysis = load_and_analyse(args.file, options, tables=True, cells=cells)
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    color = ColorChoice(args.color)
    if analysis is None:
        if args.format == "json":
            sys.stdout.write(render_scenario_json([], errors))
        else:
            print_diagnostics(args.file, errors, color)
        return 1
    evaluations = analysis.scenarios
    if args.name is not None:
        evaluations = [e for e in evaluations if e.scenario.name == args.name]
        if not evaluations:
            names = [s.name for s in loaded.unit.scenarios]
            close = get_close_matches(args.name, names, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (scenarios: {', '.join(names) or 'none'})"
            raise UsageError(f"no scenario named '{args.name}' in {args.file}{hint}")
    if args.format == "json":
        sys.stdout.write(render_scenario_json(evaluations, errors))
    else:
        sys.stdout.write(render_scenario_text(evaluations, derivations=args.derivations) if evaluations
                         else "no scenarios\n")
        if errors:
            sys.stdout.flush()
            print_diagnostics(args.file, errors, color)
    return 1 if errors or any(e.failed for e in evaluations) else 0
