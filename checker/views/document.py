"""The blocks a report is made of, independent of the format it is written in.

Inline text is a tuple of ``(style, text)`` parts, style ``""`` (plain), ``"code"``,
``"strong"``, ``"em"`` or ``"concept"`` (a concept's name, as code, that links to the concept's
section where the document has one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..enums import TextEnum

Inline = tuple[tuple[str, str], ...]


class TargetKind(TextEnum):
    """What a heading or a table row stands for, so that pages can make it a link target."""

    CONCEPT = "concept"
    CLAIM = "claim"


@dataclass(frozen=True)
class Target:
    """A declaration a heading or a row is about: its kind and its name."""

    kind: TargetKind
    name: str


@dataclass(frozen=True)
class StatusCell:
    """A table cell that states an outcome (``holds``, ``fails``, ``pass``...); formats that can
    colour it do."""

    text: str


def target_anchor(target: Target) -> str:
    """The anchor of ``target``'s section: ``concept-inner_aligned``; characters other than
    letters, digits, ``_``, ``-`` and ``.`` are written as ``_uXXXX`` (so names stay apart)."""
    name = re.sub(r"[^A-Za-z0-9_.-]", lambda m: f"_u{ord(m.group()):04x}", target.name)
    return f"{target.kind.value}-{name}"


def status_class(text: str) -> str:
    """The CSS class of an outcome: ``alignspec-`` and the outcome in lower case, each run of
    other characters than letters and digits a ``-`` (``FAIL`` gives ``alignspec-fail``)."""
    return "alignspec-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "blank")


Cell = str | StatusCell | Inline


def cell_text(cell: Cell) -> str:
    """The text of a table cell."""
    if isinstance(cell, StatusCell):
        return cell.text
    if isinstance(cell, tuple):
        return plain(cell)
    return cell


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


def concept_ref(name: str) -> tuple[str, str]:
    """A concept's name that links to its section."""
    return ("concept", name)


def concept_refs(names: list[str], separator: str = ", ") -> Inline:
    """Concept names that link to their sections, separated by ``separator``."""
    parts: list[tuple[str, str]] = []
    for i, name in enumerate(names):
        if i:
            parts.append(("", separator))
        parts.append(concept_ref(name))
    return tuple(parts)


def concept_targets(blocks: list[Block]) -> set[str]:
    """The names of the concepts whose section is among ``blocks``."""
    return {b.target.name for b in blocks
            if isinstance(b, Heading) and b.target is not None and b.target.kind is TargetKind.CONCEPT}


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the title. ``target`` is the declaration it introduces, if any."""

    level: int
    text: Inline
    target: Target | None = None


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
    """Rows of cells; the text cells of ``code_columns`` are code (inline cells carry their own
    styles). ``row_targets`` (when given, one per row) says which declaration each row is
    about."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    code_columns: frozenset[int] = field(default_factory=frozenset)
    row_targets: tuple[Target | None, ...] = ()


@dataclass(frozen=True)
class Code:
    """A preformatted block; ``language`` names it for Markdown fences; ``spec_text`` says it is
    written in the AlignSpec language (so formats may highlight it as such)."""

    text: str
    language: str = ""
    spec_text: bool = False


@dataclass(frozen=True)
class Diagram:
    """A drawing given both as Mermaid and as DOT source; ``key`` is unique in the document.
    ``graph`` is the view graph it was written from (a networkx graph), for formats that lay
    it out themselves."""

    key: str
    caption: str
    mermaid: str
    dot: str
    graph: Any = field(default=None, compare=False, repr=False)


Block = Heading | Paragraph | Items | Table | Code | Diagram


def plain(text: Inline) -> str:
    """The inline text without its styles."""
    return "".join(t for _, t in text)
