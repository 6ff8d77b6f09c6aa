"""``alignspec check``: check specs, narrow the findings to those reported, and print them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..analysis.words import count
from ..check import STDIN, CheckOptions, UsageError, check
from ..render.answer import holds_section
from ..render.escape import visible
from ..render.github import render_github
from ..render.json_format import render_json
from ..render.junit import render_junit
from ..render.sarif import render_sarif
from ..render.text import ColorChoice, render_text, should_use_color, summary_line
from ..results import CheckResult
from ..streams import say
from .baseline import Baseline, BaselineError
from .findings import ReportedFindings, reported_findings
from .progress import ProgressReporter
from .settings import Settings, resolve_settings
from .watch import run_watch

FORMATS = {
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
}


def read_stdin() -> bytes:
    """All of standard input, as bytes (decoded later like a file's)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return bytes(stream.read())
    return str(sys.stdin.read()).encode("utf-8")


def progress_reporter(args: argparse.Namespace) -> ProgressReporter:
    """Progress on standard error: shown on a terminal for long runs, never with ``--quiet``."""
    return ProgressReporter(sys.stderr, enabled=False if getattr(args, "quiet", False) else None)


def _baseline(path: str | None) -> Baseline | None:
    if path is None:
        return None
    try:
        return Baseline.read(Path(path))
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def run_check(args: argparse.Namespace) -> int:
    """Run ``alignspec check`` and return its exit status."""
    settings = resolve_settings(args)
    baseline = _baseline(args.baseline)
    if args.watch:
        if STDIN in args.paths or args.write_baseline:
            raise UsageError("--watch needs files or directories to watch, and does not write a baseline")
        options = CheckOptions(roots=list(settings.roots), budget=settings.budget)
        return run_watch(list(args.paths), options,
                         lambda run: _report(args, settings, run.result, baseline))
    stdin = read_stdin() if STDIN in args.paths else None
    with progress_reporter(args) as progress:
        options = CheckOptions(roots=list(settings.roots), budget=settings.budget, progress=progress)
        result = check(list(args.paths), options, stdin=stdin)
    return _report(args, settings, result, baseline)


def _report(args: argparse.Namespace, settings: Settings, result: CheckResult, baseline: Baseline | None) -> int:
    # --write-baseline records every current finding, so an old --baseline does not narrow it.
    findings = reported_findings(result, settings.selection, None if args.write_baseline else baseline)
    if args.verbose:
        _tell(settings, findings, args.baseline)
    if args.write_baseline:
        return _write_baseline(args.write_baseline, findings.result)
    _print(args, findings.result)
    return findings.result.exit_status(strict=settings.strict)


def _write_baseline(path: str, result: CheckResult) -> int:
    target = Path(path)
    if not target.resolve().parent.is_dir():
        raise UsageError(f"cannot write the baseline '{path}': no such directory")
    baseline = Baseline.of(result.diagnostics, target.resolve().parent, lambda f: result.sources.get(f, ""))
    try:
        baseline.write(target, result.inputs)
    except OSError as exc:
        raise UsageError(f"cannot write the baseline '{path}': {exc.strerror or exc}") from None
    recorded = sum(baseline.counts.values())
    say(f"alignspec: recorded {count(recorded, 'finding')} in {visible(path)}")
    return 0


def _print(args: argparse.Namespace, result: CheckResult) -> None:
    if args.format != "text":
        output = FORMATS[args.format](result)
        sys.stdout.write(output if output.endswith("\n") or not output else output + "\n")
        return
    if args.quiet:
        if result.diagnostics:
            sys.stdout.write(summary_line(result) + "\n")
        return
    text = render_text(result, color=should_use_color(sys.stdout, os.environ, ColorChoice(args.color)))
    if args.explain_holds:
        section = holds_section(result.claims)
        if section:
            text = section + "\n\n" + text
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _tell(settings: Settings, findings: ReportedFindings, baseline: str | None) -> None:
    """``--verbose``: what shaped the output, on standard error."""
    lines = [f"configuration: {settings.config.path or 'none (defaults and the command line)'}"]
    lines.append(f"checked {count(len(findings.result.files), 'file')}: {', '.join(findings.result.files)}")
    if findings.deselected:
        lines.append(f"not selected: {count(len(findings.deselected), 'finding')}")
    lines.append(f"suppressed by comments: {len(findings.suppressed)}")
    if baseline is not None:
        lines.append(f"suppressed by the baseline {baseline}: {len(findings.absorbed)}")
        if findings.stale:
            lines.append(f"baseline entries that match no finding any more (remove them with --write-baseline "
                         f"{baseline}):")
            for entry, times_recorded in findings.stale:
                times = f" (x{times_recorded})" if times_recorded > 1 else ""
                lines.append(f"  {entry.file}: {entry.code} {entry.message}{times}")
    sys.stderr.write("".join(f"{'' if line.startswith('  ') else 'alignspec: '}{visible(line)}\n" for line in lines))
