"""The command line's arguments: every subcommand, every option with its help, and examples."""

from __future__ import annotations

import argparse
from typing import TypeAlias

from .._version import __version__
from ..limits import Budget
from ..render.color import ColorChoice
from .lsp_command import add_lsp_parser
from .view_arguments import add_view_parsers

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
CHECK_FORMATS = ("text", "json", "sarif", "github", "junit")

DESCRIPTION = """\
Check specs of AI-alignment vocabulary: definitions, framings, claims and scenarios.

Settings come from the nearest alignspec.toml, or pyproject.toml with a [tool.alignspec]
table, at or above the current directory; options given on the command line take their place."""

EPILOG = """\
examples:
  alignspec check                          check every spec below the current directory
  alignspec check --strict specs/          warnings fail the run too
  alignspec check - < draft.align          check a spec read from standard input
  alignspec ask seed.align "under harris: serves_designer implies designer_inner_aligned"
  alignspec scenario seed.align three_levels
  alignspec explain AS303                  what a finding means and how to fix it

exit status: 0 no error, 1 an error (or a warning with --strict), 2 the command could not run"""

CHECK_DESCRIPTION = """\
Check spec files, directories or shipped library specs and report every finding.

A directory is searched for *.align files, skipping hidden directories, virtual environments,
build, dist, node_modules and what .gitignore files ignore (a directory named here is searched
even so). A comment `# alignspec: ignore[CODE]` on a finding's line, or alone on the line
before it, suppresses that finding."""

CHECK_EPILOG = """\
examples:
  alignspec check                              the current directory
  alignspec check examples/seed.align ontology
  alignspec check --format json . > findings.json
  alignspec check --select AS3 --ignore AS303  reasoning findings except collapses
  alignspec check --write-baseline .alignspec-baseline.json
  alignspec check --strict --baseline .alignspec-baseline.json
  cat draft.align | alignspec check -

exit status: 0 no error, 1 an error (or a warning with --strict), 2 the command could not run"""

ASK_DESCRIPTION = """\
Decide one claim against a spec and print the answer with its evidence: the justification
of what holds, the counterexample or witness world of what fails or is possible."""

ASK_EPILOG = """\
examples:
  alignspec ask examples/seed.align "under harris: serves_designer implies designer_inner_aligned"
  alignspec ask examples/seed.align "under hubinger: objective_robust(m, d) implies inner_aligned(m)"
  alignspec ask --format json hubinger2020 "satisfiable inner_aligned"

exit status: 0 the question was decided (it holds or it fails), 1 it was not (it does not
resolve in the spec, or a limit was reached), 2 the command could not run"""

SCENARIO_EPILOG = """\
examples:
  alignspec scenario examples/seed.align
  alignspec scenario --all examples/seed.align gradient_descent
  alignspec scenario --derivations examples/seed.align three_levels
  alignspec scenario --format json examples/seed.align

exit status: 0 every expectation passes, 1 one fails (or the spec has errors), 2 the command could not run"""

EXPLAIN_EPILOG = """\
examples:
  alignspec explain AS302
  alignspec explain concept-collapse"""


def _formatter(prog: str) -> argparse.RawDescriptionHelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=34)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError("must be a number of seconds greater than 0")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def split_selectors(text: str) -> tuple[str, ...]:
    """``"AS303, concept-collapse"`` as ``("AS303", "concept-collapse")``."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _jobs(text: str) -> int:
    """``--jobs``: a number of processes, with 0 and ``auto`` meaning one per processor (0)."""
    if text == "auto":
        return 0
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is neither a whole number nor auto") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def _common_options() -> argparse.ArgumentParser:
    """The options every command that reads specs shares: configuration, roots, limits, output."""
    defaults = Budget()
    common = argparse.ArgumentParser(add_help=False)
    # Mutually exclusive groups of a parent parser are shown among the plain options whatever
    # group they are made in, so the options shared by every command stay in that one section.
    which = common.add_mutually_exclusive_group()
    which.add_argument("--config", metavar="PATH",
                       help="read settings from this alignspec.toml or pyproject.toml instead of the nearest one")
    which.add_argument("--isolated", action="store_true",
                       help="read no configuration file: only the command line's options and the defaults count")
    common.add_argument("--root", action="append", metavar="DIR",
                        help="also allow imports from DIR (repeatable; replaces the configuration's roots); by "
                             "default imports reach the directories of the files named and the shipped library")
    common.add_argument("--color", choices=[c.value for c in ColorChoice], default=ColorChoice.AUTO.value,
                        help="colour text output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces "
                             "it), always or never (default auto)")
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="print only the summary line (nothing when there is no finding) and no progress")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="also say, on standard error, which configuration was read, what was suppressed "
                               "and which baseline entries no longer match a finding")
    limits = common.add_argument_group("limits of the reasoner (an answer past a limit is unknown, never a guess)")
    limits.add_argument("--max-entities", type=_positive, metavar="N",
                        help=f"stop a chase once it has added N entities (default {defaults.max_entities})")
    limits.add_argument("--max-facts", type=_positive, metavar="N",
                        help=f"stop a chase once it has added N facts (default {defaults.max_facts})")
    limits.add_argument("--max-steps", type=_positive, metavar="N",
                        help=f"stop a search or a join after N steps (default {defaults.max_search_steps})")
    limits.add_argument("--max-total-steps", type=_positive, metavar="N",
                        help="stop the reasoning about a spec after N steps of all its chases and searches together "
                             f"(default {defaults.max_total_steps})")
    limits.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                        help="stop the run's reasoning after SECONDS of wall-clock time (default: none)")
    return common


def _check_parser(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("check", parents=[common], formatter_class=_formatter,
                                 help="check specs and report findings", description=CHECK_DESCRIPTION,
                                 epilog=CHECK_EPILOG)
    parser.add_argument("paths", nargs="*", metavar="PATH-OR-LIBRARY-NAME",
                        help="files, directories (every *.align below) or shipped library specs; '-' reads one "
                             "spec from standard input (imports relative to the current directory); default: the "
                             "current directory")
    parser.add_argument("--format", choices=CHECK_FORMATS, default="text",
                        help="text for people (default); json (schema alignspec-check); sarif (SARIF 2.1.0); "
                             "github (workflow annotations); junit (claims and scenario expectations as tests)")
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None,
                        help="exit 1 on warnings too, such as a collapse or an answer left unknown at a limit "
                             "(--no-strict turns off the configuration's strict = true)")
    parser.add_argument("--explain-holds", action="store_true",
                        help="also print the justification (or witness world) of every claim that holds")
    parser.add_argument("-j", "--jobs", type=_jobs, metavar="N",
                        help="analyse specs in N processes at once; 0 or auto: one per processor (default 1, or "
                             "the configuration's jobs); the output is the same whatever N")
    parser.add_argument("--watch", action="store_true",
                        help="check again whenever a spec or a spec it imports changes (needs the watchfiles package)")
    parser.add_argument("--cache", action=argparse.BooleanOptionalAction, default=None,
                        help="reuse the results of earlier runs for specs that have not changed, and keep this "
                             "run's (default on; --no-cache, ALIGNSPEC_NO_CACHE=1 or cache = false in the "
                             "configuration turns it off)")
    findings = parser.add_argument_group("which findings are reported")
    findings.add_argument("--select", type=split_selectors, action="extend", metavar="CODES",
                          help="report only these findings: codes, names or code prefixes, comma-separated "
                               "(e.g. AS3,unused-declaration); replaces the configuration's select")
    findings.add_argument("--ignore", type=split_selectors, action="extend", metavar="CODES",
                          help="do not report these findings (same form as --select); replaces the "
                               "configuration's ignore")
    findings.add_argument("--baseline", metavar="PATH",
                          help="do not report the findings recorded in this baseline file (see --write-baseline)")
    findings.add_argument("--write-baseline", metavar="PATH",
                          help="record every finding this run would report in PATH and exit 0, so that later "
                               "runs with --baseline PATH report only new ones")


def _ask_parser(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("ask", parents=[common], formatter_class=_formatter,
                                 help="decide one claim against a spec and show the evidence",
                                 description=ASK_DESCRIPTION, epilog=ASK_EPILOG)
    parser.add_argument("file", metavar="FILE", help="the spec file (or shipped library spec) to ask")
    parser.add_argument("question", metavar="QUESTION",
                        help="a claim in the language, without the word claim: "
                             "\"under F: A implies B\", \"A(x) does not imply B(x)\", \"satisfiable C\"")
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="text (default), or json: the answer as the claims of check --format json show it")


def _scenario_parser(commands: SubParsers, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("scenario", parents=[common], formatter_class=_formatter,
                                 help="evaluate the scenarios of a spec",
                                 description="Evaluate the scenarios of a spec: hierarchy levels, individuals "
                                             "by concepts, witnesses and expectations.",
                                 epilog=SCENARIO_EPILOG)
    parser.add_argument("file", metavar="FILE", help="the spec file (or shipped library spec)")
    parser.add_argument("name", nargs="?", metavar="NAME", help="only this scenario (default: every scenario)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")
    parser.add_argument("--derivations", action="store_true",
                        help="list the derived facts and what they came from")
    parser.add_argument("--all", action="store_true",
                        help="decide every cell of the individuals-by-concepts table; by default only the "
                             "cells whose individuals are known to be of the concept's parameter kinds")


def _fmt_parser(commands: SubParsers) -> argparse.ArgumentParser:
    """Add the ``fmt`` subcommand to ``commands`` (an argparse subparsers action)."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "fmt", help="rewrite specs in the canonical layout",
        description="Rewrite specs in the canonical layout (indentation, spaces, blank lines), keeping "
                    "every comment where it is. Files are replaced atomically, and only when they change.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, directories (every *.align below) or - for standard input; "
                             "default: the current directory")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list the files that would change and exit 1 if there are any")
    parser.add_argument("--diff", action="store_true",
                        help="write nothing; print a unified diff of each change and exit 1 if there is one")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="alignspec", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=_formatter)
    parser.add_argument("--version", action="version", version=f"alignspec {__version__}",
                        help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    common = _common_options()
    _check_parser(commands, common)
    _ask_parser(commands, common)
    _scenario_parser(commands, common)
    add_view_parsers(commands, [common], _formatter)
    explain = commands.add_parser("explain", formatter_class=_formatter, help="explain a finding code",
                                  description="Print what a finding means, why it matters, an example and how "
                                              "to fix it.", epilog=EXPLAIN_EPILOG)
    explain.add_argument("code", metavar="CODE-OR-NAME", help="a finding's code (AS302) or name (claim-failed)")
    commands.add_parser("codes", formatter_class=_formatter, help="list every finding code",
                        description="List every finding: its code, name, severity and summary.")
    _fmt_parser(commands)
    add_lsp_parser(commands, _formatter)
    return parser
