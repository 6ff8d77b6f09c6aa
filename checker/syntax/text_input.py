"""Parsing a spec that is not a file on disk (standard input): its bytes are decoded and
checked exactly as a file's are, so the same input errors and syntax errors come out."""

from __future__ import annotations

from ..codes import INPUT_ERROR
from ..diagnostic_collector import make_diagnostic
from ..diagnostics import Diagnostic
from . import nodes as n
from .errors import parse_source
from .source import SourceError, decode_source


def parse_bytes(name: str, data: bytes) -> tuple[n.SpecFile | None, list[Diagnostic]]:
    """Decode and parse ``data`` as the spec called ``name`` in messages: ``(spec, [])``, or
    ``(None, [input-error or syntax-error])``; never raises."""
    try:
        source = decode_source(name, data)
    except SourceError as exc:
        return None, [make_diagnostic(INPUT_ERROR, exc.span, exc.message, help=exc.help)]
    return parse_source(source)


def decoded_text(name: str, data: bytes) -> str:
    """The text of ``data`` as the renderers show it ("" when it cannot be decoded)."""
    try:
        return decode_source(name, data).text
    except SourceError:
        return ""
