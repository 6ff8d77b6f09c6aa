"""Terminal output of ``alignspec check``: one block per diagnostic, then a summary line.

Each block is ``file:line:col: severity[CODE name] message``, the source line with ``^~~~``
under the span, indented detail lines, related locations as ``note:`` lines, the counterexample
or justification, and a ``help:`` line. Colour (ANSI SGR) is added only when asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from ..diagnostics import Diagnostic, Span
from ..enums import TextEnum
from ..evidence import Counterexample, JustificationStep
from ..results import CheckResult
from .escape import visible
from .snippet import excerpt, marker

_RESET = "\x1b[0m"
_STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[1;36m",
    "note": "\x1b[36m",
    "help": "\x1b[32m",
    "location": "\x1b[1m",
    "dim": "\x1b[2m",
}
_INDENT = "  "
_SOURCE_INDENT = "    "


class ColorChoice(TextEnum):
    """``--color``: colour when the stream is a terminal (and the environment allows), always,
    or never."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def should_use_color(stream: TextIO, environ: Mapping[str, str] | None = None,
                     choice: ColorChoice = ColorChoice.AUTO) -> bool:
    """Whether to colour output written to ``stream``.

    ``always`` and ``never`` decide alone. Otherwise: never when ``NO_COLOR`` is set to a
    non-empty value (https://no-color.org); always when ``FORCE_COLOR`` is (https://force-color.org:
    any non-empty value forces colour, and ``NO_COLOR`` wins over it); never for ``TERM=dumb``;
    else only on a terminal (``stream.isatty()``).
    """
    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", "") != "":
        return False
    if env.get("FORCE_COLOR", "") != "":
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def render_text(result: CheckResult, color: bool = False) -> str:
    """Render every diagnostic of ``result`` (in ``sort_key`` order) and a summary line."""
    blocks = diagnostic_blocks(result.diagnostics, result.sources, color)
    blocks.append(summary_line(result))
    return "\n\n".join(blocks) + "\n"


def diagnostic_blocks(diagnostics: Iterable[Diagnostic], sources: Mapping[str, str], color: bool = False) -> list[str]:
    """One block of text per diagnostic (in ``sort_key`` order), without a summary; ``sources``
    gives the text of the files the excerpts come from."""
    paint = _painter(color)
    return ["\n".join(_diagnostic_lines(d, sources, paint)) for d in sorted(diagnostics, key=Diagnostic.sort_key)]


def summary_line(result: CheckResult) -> str:
    """``2 errors, 1 warning, 0 infos in 3 files``: counts always in this order and form."""
    counts = result.summary()
    parts = [
        _plural(counts["errors"], "error"),
        _plural(counts["warnings"], "warning"),
        _plural(counts["infos"], "info"),
    ]
    return f"{', '.join(parts)} in {_plural(counts['files'], 'file')}"


def location(span: Span) -> str:
    """``file:line:col`` of a span's start (control characters in the file name escaped)."""
    return f"{visible(span.file)}:{span.line}:{span.column}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


Paint = Callable[[str, str], str]


def _painter(color: bool) -> Paint:
    def paint(text: str, style: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if color and text else text

    return paint


def _diagnostic_lines(d: Diagnostic, sources: Mapping[str, str], paint: Paint) -> list[str]:
    severity = d.severity.value
    head = (
        f"{paint(location(d.span) + ':', 'location')} "
        f"{paint(f'{severity}[{d.code} {d.name}]', severity)} {visible(d.message)}"
    )
    lines = [head]
    shown = excerpt(sources.get(d.span.file, ""), d.span)
    if shown is not None:
        text, start, width = shown
        lines.append((_SOURCE_INDENT + text).rstrip())
        lines.append(_SOURCE_INDENT + " " * start + paint(marker(width), severity))
    lines += [_INDENT + visible(detail) for detail in d.details]
    for rel in d.related:
        where = paint(location(rel.span) + ":", "location")
        lines.append(f"{_INDENT}{where} {paint('note:', 'note')} {visible(rel.message)}")
    if d.counterexample is not None:
        lines += _counterexample_lines(d.counterexample)
    if d.justification is not None:
        lines += _justification_lines(d.justification)
    if d.help:
        lines.append(f"{_INDENT}{paint('help:', 'help')} {visible(d.help)}")
    return lines


def _block(title: str, body: Iterable[str]) -> list[str]:
    return [f"{_INDENT}{title}"] + [f"{_INDENT * 3}{line}".rstrip() for line in body]


def _counterexample_lines(cx: Counterexample) -> list[str]:
    lines: list[str] = []
    scenario = cx.scenario.strip("\n")
    if scenario:
        lines += _block("counterexample:", (visible(line) for line in scenario.split("\n")))
    if cx.unmatched:
        lines.append(f"{_INDENT}no match for: {visible(', '.join(cx.unmatched))}")
    return lines


def step_text(step: JustificationStep) -> str:
    """``label: description (file:line:column)``: one justification step on one line."""
    text = step.label.strip()
    description = step.description.strip()
    if description:
        text = f"{text}: {description}" if text else description
    if step.span is not None:
        text = f"{text} ({location(step.span)})"
    return text


def _justification_lines(steps: Iterable[JustificationStep]) -> list[str]:
    body = [visible(step_text(step)) for step in steps]
    return _block("justification:", body) if body else []
