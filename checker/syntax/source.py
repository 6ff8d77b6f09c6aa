"""Reading a spec file's bytes into text the parser can trust, or saying exactly why not."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Span
from .safe_open import read_regular

MAX_FILE_BYTES = 16 * 1024 * 1024


class SourceError(Exception):
    """The bytes are not a spec's text; ``span`` points at the offending byte."""

    def __init__(self, message: str, span: Span, help: str):
        super().__init__(message)
        self.message = message
        self.span = span
        self.help = help


@dataclass(frozen=True)
class SourceText:
    """Decoded, newline-normalised text of one file."""

    path: str
    text: str


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of byte ``offset`` in the text as it is read: a leading byte-order mark
    dropped, and CRLF, CR and LF each ending a line."""
    before = data[:offset]
    if before.startswith(b"\xef\xbb\xbf"):
        before = before[3:]
    before = before.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column


def decode_source(path: str, data: bytes, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Decode ``data`` as UTF-8 (a leading byte-order mark is dropped) and turn CRLF and CR
    line ends into LF. Raise ``SourceError`` for a file that is too large, holds a NUL byte or
    is not valid UTF-8."""
    if len(data) > max_bytes:
        raise SourceError(
            f"file is larger than the limit of {max_bytes:,} bytes",
            Span.point(path, 1, 1),
            "split the spec into several files that import each other",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise SourceError(
            "file contains a NUL byte; it looks like a binary file, not a spec",
            Span.point(path, line, column),
            "check that the path names a .align text file",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise SourceError(
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            Span.point(path, line, column),
            "save the file as UTF-8",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text)


def read_source(path: str, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Read and decode a spec file; I/O errors propagate as ``OSError``, and anything that is
    not a regular file is refused (see :func:`~alignspec.syntax.safe_open.open_regular`)."""
    return decode_source(path, read_regular(path, max_bytes), max_bytes)
