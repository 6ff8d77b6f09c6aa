"""The ``alignspec`` command line: parse the arguments and run one subcommand."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from difflib import get_close_matches

from ..analysis.scenarios import TableCells
from ..check import CheckOptions, UsageError, load_and_analyse
from ..diagnostics import Severity
from ..render.explain import UnknownCodeError, explain, list_codes
from ..render.scenario import render_scenario_json, render_scenario_text
from ..render.text import ColorChoice, render_text, should_use_color
from ..results import CheckResult
from .arguments import build_parser
from .ask import run_ask
from .check_command import progress_reporter, run_check
from .fmt import run_fmt
from .lsp_command import run_lsp
from .settings import resolve_settings
from .views import VIEW_COMMANDS, run_view

__all__ = ["build_parser", "main"]


def run_scenario(args: argparse.Namespace) -> int:
    """Run ``alignspec scenario`` and return its exit status."""
    settings = resolve_settings(args)
    with progress_reporter(args) as progress:
        options = CheckOptions(roots=list(settings.roots), budget=settings.budget, progress=progress)
        cells = TableCells.ALL if args.all else TableCells.FITTING
        loaded, analysis = load_and_analyse(args.file, options, tables=True, cells=cells)
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if analysis is None:
        result = CheckResult(files=[args.file], diagnostics=errors)
        sys.stdout.write(render_text(result, color=should_use_color(sys.stdout, os.environ, ColorChoice(args.color))))
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
        sys.stdout.write(render_scenario_json(evaluations))
    else:
        sys.stdout.write(render_scenario_text(evaluations, derivations=args.derivations) if evaluations
                         else "no scenarios\n")
    return 1 if errors or any(e.failed for e in evaluations) else 0


def _explain(args: argparse.Namespace) -> int:
    try:
        sys.stdout.write(explain(args.code).rstrip("\n") + "\n")
    except UnknownCodeError as exc:
        print(f"alignspec: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``alignspec`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "ask":
            return run_ask(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "scenario":
            return run_scenario(args)
        if args.command in VIEW_COMMANDS:
            return run_view(args, resolve_settings(args))
        if args.command == "fmt":
            return run_fmt(args)
        if args.command == "lsp":
            return run_lsp(args)
        if args.command == "codes":
            sys.stdout.write(list_codes().rstrip("\n") + "\n")
            return 0
        parser.print_help()
        return 2
    except UsageError as exc:
        print(f"alignspec: error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print("alignspec: error: definitions are nested too deeply to analyse "
              "(concepts built on concepts thousands of levels deep)", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of standard output went away (``alignspec ... | head``): stop quietly, and
        # point standard output at nothing so that the interpreter's final flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
