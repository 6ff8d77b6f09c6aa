"""Inline SVG drawn by Graphviz's ``dot``, when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess

from ..reasoning import run_budget

DOT_TIMEOUT = 30


def dot_program() -> str | None:
    """The path of Graphviz's ``dot``, or None when it is not installed."""
    return shutil.which("dot")


def dot_to_svg(source: str, timeout: float = DOT_TIMEOUT) -> str | None:
    """The ``<svg>`` element ``dot -Tsvg`` draws for ``source``, ready to inline in HTML
    (no XML prolog, doctype, comments or namespace declarations); None when ``dot`` is
    missing, fails or takes longer than ``timeout`` seconds or than the run budget in force has
    left (then the caller draws the diagram another way)."""
    program = dot_program()
    left = run_budget.seconds_left()
    if left is not None:
        timeout = min(timeout, left)
    if program is None or timeout <= 0:
        return None
    try:
        done = subprocess.run([program, "-Tsvg"], input=source.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return inline_svg(done.stdout.decode("utf-8", errors="replace"))


def inline_svg(text: str) -> str | None:
    """The ``<svg>...</svg>`` element of an SVG document, cleaned for inlining in HTML."""
    start, end = text.find("<svg"), text.rfind("</svg>")
    if start < 0 or end < 0:
        return None
    svg = text[start:end + len("</svg>")]
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    head_end = svg.index(">")
    head = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg[:head_end])
    return head + svg[head_end:]
