"""``alignspec fmt``: rewrite specs in the canonical layout, or say which ones would change.

Files are read as every spec is (regular files only, bounded: see
:mod:`~alignspec.syntax.safe_open`) and rewritten in place through the writer of ``-o``
(:mod:`~alignspec.views.output`): atomically, a temporary file beside it flushed to disk and
renamed over it (through a symbolic link, its target), and only when their bytes change. A file
that cannot be read or does not parse is left as it was and reported with its diagnostic. ``-``
formats standard input to standard output. ``--check`` and ``--diff`` write nothing. Messages go
to standard error (file names escaped as :func:`~alignspec.render.escape.visible` shows them);
standard output carries only diffs and formatted standard input. Exit status: 0, or 1 when a file
could not be formatted (or, with ``--check`` or ``--diff``, when a file would change), or 2 for a
usage error.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..check import UsageError, collect_targets
from ..codes import INPUT_ERROR
from ..diagnostic_collector import make_diagnostic
from ..diagnostics import Diagnostic, Span
from ..render.escape import visible
from ..render.text import render_text, should_use_color
from ..results import CheckResult
from ..syntax.formatter import FormatError, format_text
from ..syntax.safe_open import NotRegularFileError, read_regular
from ..syntax.source import MAX_FILE_BYTES, SourceError, decode_source
from ..views.output import write_atomic

STDIN = "-"
STDIN_NAME = "<stdin>"


def add_fmt_parser(commands: Any) -> argparse.ArgumentParser:
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


def fmt_targets(arguments: list[str]) -> list[str]:
    """The files to format: files, directories (every ``*.align`` below, sorted, as ``check``
    finds them) and ``-``; each once. Raise ``UsageError`` for a path that does not exist."""
    targets: list[str] = []
    seen: set[str] = set()
    for argument in arguments or ["."]:
        if argument == STDIN:
            found = [STDIN]
        elif not os.path.exists(argument):
            raise UsageError(f"no such file or directory: '{argument}'")
        else:
            found = collect_targets([argument])
        for target in found:
            key = target if target == STDIN else os.path.realpath(target)
            if key not in seen:
                seen.add(key)
                targets.append(target)
    return targets


@dataclass
class _Report:
    """What happened to the files of one run."""

    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)


def run_fmt(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None,
            stderr: TextIO | None = None) -> int:
    """Run ``alignspec fmt`` with parsed ``args``; return the exit status."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    targets = fmt_targets(list(args.paths))
    report = _Report()
    write = not (args.check or args.diff)
    for target in targets:
        name = STDIN_NAME if target == STDIN else target
        data = _read_stdin(stdin) if target == STDIN else _read_file(target, report)
        if data is None:
            report.failed.append(name)
            continue
        formatted = _format(name, data, report)
        if formatted is None:
            if target == STDIN and write:
                stdout.write(data.decode("utf-8", errors="replace"))
            report.failed.append(name)
            continue
        changed = formatted.encode("utf-8") != data
        if target == STDIN and write:
            stdout.write(formatted)
        if not changed:
            report.unchanged += 1
            continue
        report.changed.append(name)
        if args.diff:
            stdout.writelines(_unified_diff(name, data, formatted))
        if args.check:
            print(f"would reformat {visible(name)}", file=stderr)
        if write and target != STDIN:
            try:
                write_atomic(os.path.realpath(target), formatted)
            except OSError as exc:
                report.changed.pop()
                report.failed.append(name)
                print(f"alignspec: cannot write {visible(name)}: {exc.strerror or exc}; it is left as it was",
                      file=stderr)
                continue
            print(f"reformatted {visible(name)}", file=stderr)
    _finish(report, targets, write, stderr)
    if report.failed or (not write and report.changed):
        return 1
    return 0


def _read_stdin(stream: TextIO) -> bytes:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return stream.read().encode("utf-8")


def _read_file(path: str, report: _Report) -> bytes | None:
    """The bytes of a spec file (one byte more than the size limit at most, which the decoding
    then reports), or None with an input error recorded: a FIFO or a device is never opened."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except (OSError, ValueError) as exc:
        if isinstance(exc, IsADirectoryError):
            reason = "it is a directory, not a spec file"
        elif isinstance(exc, NotRegularFileError):
            reason = f"it is {exc.strerror}"
        else:
            reason = getattr(exc, "strerror", None) or str(exc)
        report.diagnostics.append(make_diagnostic(
            INPUT_ERROR, Span(path, 1, 1, 1, 1), f"cannot read {path}: {reason}",
            help="check that the path names a readable .align file"))
        return None


def _format(name: str, data: bytes, report: _Report) -> str | None:
    """The formatted text, or None (with the diagnostic recorded) when there is none."""
    try:
        source = decode_source(name, data)
    except SourceError as exc:
        report.diagnostics.append(make_diagnostic(INPUT_ERROR, exc.span, exc.message, help=exc.help))
        return None
    try:
        return format_text(source.text, name)
    except FormatError as exc:
        report.diagnostics.append(exc.diagnostic)
        report.sources[name] = source.text
        return None


def _unified_diff(name: str, data: bytes, formatted: str) -> Iterable[str]:
    original = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = difflib.unified_diff(original.splitlines(keepends=True), formatted.splitlines(keepends=True),
                                 fromfile=f"{visible(name)}\t(original)", tofile=f"{visible(name)}\t(formatted)")
    for line in lines:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n\\ No newline at end of file\n"


def _finish(report: _Report, targets: list[str], write: bool, stderr: TextIO) -> None:
    if report.diagnostics:
        result = CheckResult(files=list(report.failed), diagnostics=report.diagnostics, sources=report.sources)
        stderr.write(render_text(result, color=should_use_color(stderr, os.environ)))
    changed = len(report.changed)
    verb = "reformatted" if write else "would be reformatted"
    parts = [f"{_files(changed)} {verb}", f"{report.unchanged} unchanged"]
    if report.failed:
        parts.append(f"{_files(len(report.failed))} could not be formatted")
    if targets != [STDIN] or report.failed:
        print(", ".join(parts), file=stderr)


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


__all__ = ["STDIN", "add_fmt_parser", "fmt_targets", "run_fmt"]
