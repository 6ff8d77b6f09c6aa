"""The blocks a report is made of, independent of the format it is written in.

Inline text is a tuple of ``(style, text)`` parts, style ``""`` (plain), ``"code"``,
``"strong"`` or ``"em"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Inline = tuple[tuple[str, str], ...]


def inline(*parts: str | tuple[str, str]) -> Inline:
    """Inline text from plain strings and ``(style, text)`` pairs."""
    return tuple(("", p) if isinstance(p, str) else p for p in parts if p)


def code(text: str) -> tuple[str, str]:
    """An inline code part."""
    return ("code", text)


def strong(text: str) -> tuple[str, str]:
    """A bold part."""
    return ("strong", text)


def em(text: str) -> tuple[str, str]:
    """An emphasised part."""
    return ("em", text)


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the title."""

    level: int
    text: Inline


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline text."""

    text: Inline


@dataclass(frozen=True)
class Items:
    """A bullet list."""

    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    """Rows of plain cells; the cells of ``code_columns`` are code."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    code_columns: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Code:
    """A preformatted block; ``language`` names it for Markdown fences."""

    text: str
    language: str = ""


@dataclass(frozen=True)
class Diagram:
    """A drawing given both as Mermaid and as DOT source; ``key`` is unique in the document."""

    key: str
    caption: str
    mermaid: str
    dot: str


Block = Heading | Paragraph | Items | Table | Code | Diagram


def plain(text: Inline) -> str:
    """The inline text without its styles."""
    return "".join(t for _, t in text)
