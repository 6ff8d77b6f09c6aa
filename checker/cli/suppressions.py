"""Applying suppression comments to a run's findings, and reporting those that suppress nothing
(``unused-suppression``). What a comment looks like and where it reaches is
:mod:`alignspec.syntax.suppressions`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..codes import BY_CODE, BY_NAME, UNUSED_SUPPRESSION
from ..diagnostic_collector import make_diagnostic
from ..diagnostics import Diagnostic
from ..syntax.suppressions import Suppression, find_suppressions
from .selection import ALWAYS_REPORTED


@dataclass
class SuppressionOutcome:
    """The findings left, those the comments suppressed, and the ``unused-suppression``
    findings for comments (or codes in them) that matched nothing."""

    kept: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Diagnostic] = field(default_factory=list)
    unused: list[Diagnostic] = field(default_factory=list)


def _names(suppression: Suppression, diagnostic: Diagnostic) -> list[str]:
    """The entries of ``suppression`` that name ``diagnostic`` (``["*"]`` for a bare one)."""
    if suppression.codes is None:
        return ["*"]
    return [c for c in suppression.codes if c.upper() == diagnostic.code or c.lower() == diagnostic.name]


def apply_suppressions(diagnostics: Iterable[Diagnostic], checked: Iterable[str],
                       text_of: Callable[[str], str]) -> SuppressionOutcome:
    """Drop the findings a suppression comment covers; report the comments of the ``checked``
    files that matched nothing. ``text_of(file)`` gives a file's text ("" when unreadable).

    Findings that a file cannot be read or parsed are never suppressed, and a file that has one
    gets no ``unused-suppression`` (nothing else in it was checked)."""
    diagnostics = list(diagnostics)
    cache: dict[str, list[Suppression]] = {}

    def suppressions(file: str) -> list[Suppression]:
        if file not in cache:
            cache[file] = find_suppressions(file, text_of(file))
        return cache[file]

    used: dict[tuple[str, int, int], set[str]] = {}
    outcome = SuppressionOutcome()
    for diagnostic in diagnostics:
        matched = False
        if diagnostic.code not in ALWAYS_REPORTED:
            for suppression in suppressions(diagnostic.span.file):
                names = _names(suppression, diagnostic) if suppression.covers(diagnostic.span.line) else []
                if names:
                    matched = True
                    used.setdefault(_key(suppression), set()).update(names)
        (outcome.suppressed if matched else outcome.kept).append(diagnostic)
    unreadable = {d.span.file for d in diagnostics if d.code in ALWAYS_REPORTED}
    for file in dict.fromkeys(checked):
        if file in unreadable:
            continue
        for suppression in suppressions(file):
            outcome.unused.extend(_unused(suppression, used.get(_key(suppression), set())))
    return outcome


def _key(suppression: Suppression) -> tuple[str, int, int]:
    return (suppression.span.file, suppression.span.line, suppression.span.column)


def _unused(suppression: Suppression, used: set[str]) -> list[Diagnostic]:
    span = suppression.span
    if suppression.problem:
        return [make_diagnostic(UNUSED_SUPPRESSION, span, f"this suppression cannot be read: {suppression.problem}",
                                help="write `# alignspec: ignore[CODE, ...]`, or `# alignspec: ignore` for every "
                                     "finding")]
    if suppression.codes is None:
        if used:
            return []
        return [make_diagnostic(UNUSED_SUPPRESSION, span, "this suppression matches no finding",
                                help="remove the comment; it applies to findings that start on its line "
                                     "(or on the next line, when the comment is alone on its line)")]
    out = []
    for entry in suppression.codes:
        if entry in used:
            continue
        if lookup_entry(entry) is None:
            message = f"'{entry}' in this suppression is not a finding code or name"
            help_text = "name a finding as `alignspec codes` lists it, e.g. AS303 or concept-collapse"
        else:
            message = f"'{entry}' in this suppression matches no finding"
            help_text = ("remove it; a suppression applies to findings that start on its line "
                         "(or on the next line, when the comment is alone on its line)")
        out.append(make_diagnostic(UNUSED_SUPPRESSION, span, message, help=help_text))
    return out


def lookup_entry(entry: str) -> str | None:
    """The code an entry of a suppression names (a code in any case, or a name), or None."""
    code = BY_CODE.get(entry.upper()) or BY_NAME.get(entry.lower())
    return code.code if code is not None else None


def sources_reader(sources: Mapping[str, str], read: Callable[[str], str]) -> Callable[[str], str]:
    """A file's text from ``sources`` when it is there, else from ``read``."""
    def text_of(file: str) -> str:
        return sources[file] if file in sources else read(file)
    return text_of
