"""A baseline: the findings a body of specs had when it adopted a stricter check, so that only
new findings are reported (``--write-baseline PATH``, then ``--baseline PATH``).

A finding is recorded by a fingerprint that does not depend on lines or columns, so moving a
statement (or adding lines above it) keeps it recognised. The fingerprint is a SHA-256 digest
of: the finding's code; its file, relative to the baseline's directory, with ``/`` separators;
what it is about (its structured subject, such as the framing and concepts of a collapse, when it
has one, else its message); and the source text under its span with runs of whitespace made one
space. Editing the text a finding points at, or what it is about, makes it a new finding.
Identical findings in one file are counted: a baseline entry with ``count`` 2 absorbs two.

The file is JSON (``schema`` ``alignspec-baseline``, ``version`` 1), sorted, so it diffs well.
It is read as spec files are (a regular file only, bounded: see
:mod:`~alignspec.syntax.safe_open`) and written as ``-o`` writes (see
:mod:`~alignspec.views.output`): replaced atomically, never over a spec the run read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ..diagnostics import Diagnostic, Span
from ..render.json_format import canonical
from ..syntax.safe_open import read_regular
from ..views.output import write_atomic

SCHEMA_NAME = "alignspec-baseline"
SCHEMA_VERSION = 1
MAX_BASELINE_BYTES = 256 * 1024 * 1024


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline."""


@dataclass(frozen=True)
class Entry:
    """One recorded finding: enough to recognise it, and to tell a reader what it was."""

    code: str
    file: str
    fingerprint: str
    message: str = field(compare=False)

    def to_dict(self, count: int) -> dict[str, Any]:
        return {"code": self.code, "file": self.file, "fingerprint": self.fingerprint,
                "message": self.message, "count": count}


def spanned_text(source: str, span: Span) -> str:
    """The text of ``source`` under ``span``, whitespace collapsed ("" when out of range)."""
    lines = source.split("\n")
    if not 1 <= span.line <= len(lines):
        return ""
    end_line = min(max(span.end_line, span.line), len(lines))
    if end_line == span.line:
        text = lines[span.line - 1][span.column - 1:max(span.end_column - 1, span.column - 1)]
    else:
        text = "\n".join([lines[span.line - 1][span.column - 1:], *lines[span.line:end_line - 1],
                          lines[end_line - 1][:max(span.end_column - 1, 0)]])
    return " ".join(text.split())


def relative_file(file: str, directory: Path) -> str:
    """``file`` relative to ``directory`` with ``/`` separators (as given when it is not a path
    on disk, such as ``<stdin>``, or when it is on another drive)."""
    if file.startswith("<"):
        return file
    try:
        relative = os.path.relpath(os.path.abspath(file), directory)
    except ValueError:
        return file
    return PurePath(relative).as_posix()


def entry_for(diagnostic: Diagnostic, directory: Path, source: str) -> Entry:
    """The baseline entry of ``diagnostic`` (see the module's doc for the fingerprint)."""
    file = relative_file(diagnostic.span.file, directory)
    about = (json.dumps(canonical(diagnostic.subject.to_dict()), sort_keys=True, ensure_ascii=False)
             if diagnostic.subject is not None else diagnostic.message)
    parts = [diagnostic.code, file, about, spanned_text(source, diagnostic.span)]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    return Entry(diagnostic.code, file, digest, diagnostic.message)


@dataclass
class Baseline:
    """Recorded findings with how many of each were recorded; ``directory`` is where the file is
    (entries' files are relative to it)."""

    directory: Path
    counts: Counter[Entry] = field(default_factory=Counter)

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic], directory: Path, source_of: Callable[[str], str]) -> Baseline:
        """The baseline that records ``diagnostics``; ``source_of(file)`` gives a file's text."""
        return cls(directory, Counter(entry_for(d, directory, source_of(d.span.file)) for d in diagnostics))

    def to_json(self) -> str:
        entries = sorted(self.counts.items(), key=lambda item: (item[0].file, item[0].code, item[0].fingerprint,
                                                                item[0].message))
        document = {"schema": SCHEMA_NAME, "version": SCHEMA_VERSION,
                    "findings": [entry.to_dict(count) for entry, count in entries]}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def write(self, path: Path, inputs: Iterable[str] = ()) -> None:
        """Write the baseline to ``path`` atomically; ``inputs`` (the files the run read) are
        refused as targets (see :func:`~alignspec.views.output.atomic_output`)."""
        write_atomic(str(path), self.to_json(), inputs)

    @classmethod
    def read(cls, path: Path) -> Baseline:
        try:
            data = read_regular(path, MAX_BASELINE_BYTES)
            if len(data) > MAX_BASELINE_BYTES:
                raise BaselineError(f"'{path}' is larger than the limit of {MAX_BASELINE_BYTES:,} bytes for a baseline")
            document = json.loads(data.decode("utf-8"))
        except OSError as exc:
            raise BaselineError(f"cannot read the baseline '{path}': {exc.strerror or exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"'{path}' is not a baseline: {exc}") from None
        if not isinstance(document, dict) or document.get("schema") != SCHEMA_NAME:
            raise BaselineError(f"'{path}' is not an alignspec baseline (no \"schema\": \"{SCHEMA_NAME}\")")
        if document.get("version") != SCHEMA_VERSION:
            raise BaselineError(f"'{path}' is version {document.get('version')} of the baseline format; "
                                f"this alignspec reads version {SCHEMA_VERSION}")
        counts: Counter[Entry] = Counter()
        try:
            for item in document["findings"]:
                entry = Entry(str(item["code"]), str(item["file"]), str(item["fingerprint"]), str(item["message"]))
                counts[entry] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError) as exc:
            raise BaselineError(f"'{path}' has a malformed entry: {exc}") from None
        return cls(path.resolve().parent, counts)


@dataclass
class BaselineOutcome:
    """The findings the baseline does not know (``kept``), those it absorbed, and the recorded
    entries that no finding matched any more (``stale``, with how many of each)."""

    kept: list[Diagnostic]
    absorbed: list[Diagnostic]
    stale: list[tuple[Entry, int]]


def apply_baseline(baseline: Baseline, diagnostics: Iterable[Diagnostic],
                   source_of: Callable[[str], str]) -> BaselineOutcome:
    """Drop the findings ``baseline`` records (each entry at most ``count`` times)."""
    left = Counter(baseline.counts)
    kept: list[Diagnostic] = []
    absorbed: list[Diagnostic] = []
    for diagnostic in diagnostics:
        entry = entry_for(diagnostic, baseline.directory, source_of(diagnostic.span.file))
        if left[entry] > 0:
            left[entry] -= 1
            absorbed.append(diagnostic)
        else:
            kept.append(diagnostic)
    stale = sorted(((e, n) for e, n in left.items() if n > 0), key=lambda item: (item[0].file, item[0].code))
    return BaselineOutcome(kept, absorbed, stale)
