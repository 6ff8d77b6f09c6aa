"""The ``alignspec`` command line: parse the arguments and run one subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from difflib import get_close_matches

from ..analysis.scenarios import TableCells
from ..check import CheckOptions, UsageError, load_and_analyse
from ..diagnostics import Severity
from ..render.escape import visible
from ..render.explain import UnknownCodeError, explain, list_codes
from ..render.scenario import render_scenario_json, render_scenario_text
from ..render.text import ColorChoice
from ..streams import BROKEN_PIPE_STATUS, discard_stdout, is_output_error, say
from .arguments import build_parser
from .ask import run_ask
from .check_command import progress_reporter, run_check
from .fmt import run_fmt
from .lsp_command import run_lsp
from .settings import resolve_settings
from .views import VIEW_COMMANDS, print_diagnostics, run_view

__all__ = ["build_parser", "main"]


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


def _explain(args: argparse.Namespace) -> int:
    try:
        sys.stdout.write(explain(args.code).rstrip("\n") + "\n")
    except UnknownCodeError as exc:
        say(f"alignspec: {visible(str(exc))}")
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``alignspec`` console script; returns the exit status.

    Output that cannot be written (a full disk, ``> /dev/full``) is a one-line error and exit
    status 2; a reader that goes away (``| head``) ends the command quietly with status 141."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = _run(parser, args)
        sys.stdout.flush()
        return status
    except UsageError as exc:
        say(f"alignspec: error: {visible(str(exc))}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of standard output went away (``alignspec ... | head``): stop quietly.
        discard_stdout()
        return BROKEN_PIPE_STATUS
    except OSError as exc:
        if not is_output_error(exc):
            raise
        discard_stdout()
        say(f"alignspec: error: cannot write the output: {exc.strerror or exc}")
        return 2


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
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


if __name__ == "__main__":
    sys.exit(main())
