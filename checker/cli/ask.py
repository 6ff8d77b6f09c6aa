"""``alignspec ask FILE QUESTION``: decide one claim against a spec, as ``Spec.ask`` does, and
print the answer with its evidence."""

from __future__ import annotations

import argparse
import json
import os
import sys

from .._version import __version__
from ..analysis.outcomes import ClaimStatus
from ..api import QUESTION_FILE, SpecError, load, question_source
from ..reasoning import run_budget
from ..render.answer import answer_text
from ..render.escape import visible
from ..render.json_format import canonical
from ..render.text import ColorChoice, diagnostic_blocks, should_use_color
from ..results import CheckResult
from ..streams import say
from .check_command import progress_reporter
from .findings import text_reader
from .settings import resolve_settings

SCHEMA_NAME = "alignspec-answer"
SCHEMA_VERSION = 1


def run_ask(args: argparse.Namespace) -> int:
    """0 when the question was decided (it holds or fails), 1 when it was not (it does not
    resolve in the spec, or a limit left it unknown); usage errors raise ``UsageError``."""
    settings = resolve_settings(args)
    with progress_reporter(args) as progress, run_budget.started(settings.budget):
        try:
            spec = load(args.file, roots=list(settings.roots), budget=settings.budget, progress=progress)
            answer = spec.ask(args.question)
        except SpecError as exc:
            _explain_failure(args, exc)
            return 1
    if args.format == "json":
        document = {"schema": SCHEMA_NAME, "version": SCHEMA_VERSION,
                    "tool": {"name": "alignspec", "version": __version__},
                    "question": args.question, "answer": canonical(answer.to_dict())}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(answer_text(answer))
    return 0 if answer.status is not ClaimStatus.UNKNOWN else 1


def _explain_failure(args: argparse.Namespace, error: SpecError) -> None:
    """Why the question got no answer, on standard error: the message, then the findings (those
    about the question point into it as it was parsed)."""
    say(f"alignspec: {visible(str(error))}")
    if error.diagnostics:
        result = CheckResult(files=[args.file], diagnostics=list(error.diagnostics),
                             sources={QUESTION_FILE: question_source(args.question)})
        read = text_reader(result)
        for diagnostic in result.diagnostics:
            read(diagnostic.span.file)
        color = should_use_color(sys.stderr, os.environ, ColorChoice(args.color))
        sys.stderr.write("\n\n".join(diagnostic_blocks(result.diagnostics, result.sources, color)) + "\n")
