"""The ``alignspec`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from difflib import get_close_matches
from typing import Sequence

from . import __version__
from .check import CheckOptions, UsageError, check, load_and_analyse
from .reasoning.logic import Budget
from .render.escape import visible
from .render.explain import UnknownCodeError, explain, list_codes
from .render.github import render_github
from .render.json_format import render_json
from .render.sarif import render_sarif
from .render.scenario import render_scenario_json, render_scenario_text
from .render.text import render_text, should_use_color
from .results import CheckResult
from .streams import BROKEN_PIPE_STATUS, discard_stdout, is_output_error, say
from .views.commands import VIEW_COMMANDS, add_view_parsers, print_diagnostics, run_view

FORMATS = {
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}


def _budget_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = Budget()
    parser.add_argument("--max-entities", type=int, default=defaults.max_entities, metavar="N",
                        help=f"stop a chase once it has added N entities (default {defaults.max_entities})")
    parser.add_argument("--max-facts", type=int, default=defaults.max_facts, metavar="N",
                        help=f"stop a chase once it has added N facts (default {defaults.max_facts})")
    parser.add_argument("--max-steps", type=int, default=defaults.max_search_steps, metavar="N",
                        help=f"stop a homomorphism search after N steps (default {defaults.max_search_steps})")
    parser.add_argument("--root", action="append", default=[], metavar="DIR",
                        help="also allow imports from DIR (repeatable)")


def _budget(args: argparse.Namespace) -> Budget:
    for name in ("max_entities", "max_facts", "max_steps"):
        if getattr(args, name) < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1")
    return Budget(max_entities=args.max_entities, max_facts=args.max_facts, max_search_steps=args.max_steps)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="alignspec",
        description="Check specs of AI-alignment vocabulary: definitions, framings, claims and scenarios.",
    )
    parser.add_argument("--version", action="version", version=f"alignspec {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check_parser = commands.add_parser("check", help="check specs and report findings")
    check_parser.add_argument("paths", nargs="*", metavar="PATH-OR-LIBRARY-NAME",
                              help="files, directories (every *.align below) or shipped library specs; "
                                   "default: the current directory")
    check_parser.add_argument("--format", choices=["text", *FORMATS], default="text")
    check_parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check_parser.add_argument("--explain-holds", action="store_true",
                              help="also list the justification of every claim that holds")
    _budget_arguments(check_parser)

    explain_parser = commands.add_parser("explain", help="explain a finding code")
    explain_parser.add_argument("code", metavar="CODE-OR-NAME")

    commands.add_parser("codes", help="list every finding code")

    scenario_parser = commands.add_parser("scenario", help="evaluate the scenarios of a spec")
    scenario_parser.add_argument("file", metavar="FILE")
    scenario_parser.add_argument("name", nargs="?", metavar="NAME", help="only this scenario")
    scenario_parser.add_argument("--format", choices=["text", "json"], default="text")
    scenario_parser.add_argument("--derivations", action="store_true",
                                 help="list the derived facts and what they came from")
    _budget_arguments(scenario_parser)
    for view_parser in add_view_parsers(commands):
        _budget_arguments(view_parser)
    return parser


def _holds_section(result: CheckResult) -> str:
    lines = []
    for claim in result.claims:
        if claim["status"] != "holds":
            continue
        where = f"{claim['file']}:{claim['line']}:{claim['column']}"
        under = f" under {claim['framing']}" if claim["framing"] else ""
        name = f"claim '{claim['name']}'" if claim["name"] else "the claim"
        lines.append(f"{where}: {name} holds{under}")
        for item in claim.get("justification") or []:
            direction = f" [{item['direction']}]" if item.get("direction") else ""
            lines.append(f"    because {item['label']}{direction}  ({item['file']}:{item['line']}:{item['column']})")
    return "\n".join(visible(line) for line in lines)


def run_check(args: argparse.Namespace) -> int:
    options = CheckOptions(roots=list(args.root), budget=_budget(args))
    result = check(list(args.paths), options)
    if args.format == "text":
        text = render_text(result, color=should_use_color(sys.stdout, os.environ))
        if args.explain_holds:
            section = _holds_section(result)
            if section:
                text = section + "\n\n" + text
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output = FORMATS[args.format](result)
        sys.stdout.write(output if output.endswith("\n") or not output else output + "\n")
    return result.exit_status(strict=args.strict)


def run_scenario(args: argparse.Namespace) -> int:
    options = CheckOptions(roots=list(args.root), budget=_budget(args))
    loaded, analysis = load_and_analyse(args.file, options, tables=True)
    errors = [d for d in loaded.diagnostics if d.severity.value == "error"]
    if analysis is None:
        if args.format == "json":
            sys.stdout.write(render_scenario_json([], errors))
        else:
            print_diagnostics(args.file, errors)
        return 1
    evaluations = analysis.scenarios
    if args.name is not None:
        evaluations = [e for e in evaluations if e.scenario.name == args.name]
        if not evaluations:
            names = [s.name for s in loaded.unit.scenarios]
            close = get_close_matches(args.name, names, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (scenarios: {', '.join(names) or 'none'})"
            raise UsageError(f"no scenario named '{args.name}' in {args.file}{hint}")
    records = [e.record() for e in evaluations]
    if args.format == "json":
        sys.stdout.write(render_scenario_json(records, errors))
    else:
        sys.stdout.write(render_scenario_text(records, derivations=args.derivations) if records else "no scenarios\n")
        if errors:
            print_diagnostics(args.file, errors)
    failed = any(not e["passed"] for r in records for e in r["expectations"])
    inconsistent = any(r["status"] == "inconsistent" for r in records)
    return 1 if errors or failed or inconsistent else 0


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
    except BrokenPipeError:
        discard_stdout()
        return BROKEN_PIPE_STATUS
    except OSError as exc:
        if not is_output_error(exc):
            raise
        discard_stdout()
        say(f"alignspec: error: cannot write the output: {exc.strerror or exc}")
        return 2
    except KeyboardInterrupt:
        return 130


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "check":
        return run_check(args)
    if args.command == "explain":
        try:
            sys.stdout.write(explain(args.code).rstrip("\n") + "\n")
        except UnknownCodeError as exc:
            say(f"alignspec: {visible(str(exc))}")
            return 2
        return 0
    if args.command == "scenario":
        return run_scenario(args)
    if args.command in VIEW_COMMANDS:
        return run_view(args, _budget(args))
    if args.command == "codes":
        sys.stdout.write(list_codes().rstrip("\n") + "\n")
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
