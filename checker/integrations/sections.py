"""The parts of a spec's report a page shows: the report's sections, chosen by name, optionally
narrowed to one framing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..views.document import Block, Heading
from ..views.report import SectionKey, report_sections

SHOW_CHOICES = (*(key.value for key in SectionKey), "source")
SHOW_DEFAULT = tuple(key.value for key in SectionKey)
SHOW_ALIASES = {"findings": "diagnostics", "framings": "lattice", "lattices": "lattice",
                "concept": "concepts", "claim": "claims", "scenario": "scenarios", "diagnostic": "diagnostics"}


@dataclass(frozen=True)
class Section:
    """One part of the report: ``key`` is one of ``SHOW_CHOICES``; ``blocks`` start with the
    section's heading (none for ``summary``)."""

    key: str
    blocks: tuple[Block, ...]


def parse_show(text: str | None) -> tuple[str, ...]:
    """The section keys of a comma- or space-separated list such as ``"concepts, claims"``
    (None or empty: ``SHOW_DEFAULT``; ``all``: every section). Raises ``ValueError`` naming
    the choices for an unknown key."""
    if text is None or not text.strip():
        return SHOW_DEFAULT
    keys: list[str] = []
    for word in text.replace(",", " ").split():
        key = SHOW_ALIASES.get(word.strip().lower(), word.strip().lower())
        if key == "all":
            keys.extend(SHOW_CHOICES)
        elif key not in SHOW_CHOICES:
            raise ValueError(f"unknown section '{word}' (choose from {', '.join(SHOW_CHOICES)}, all)")
        else:
            keys.append(key)
    return tuple(dict.fromkeys(keys))


def select_sections(spec: Any, show: tuple[str, ...] = SHOW_DEFAULT, framing: str | None = None) -> list[Section]:
    """The report sections of ``spec`` (an ``alignspec.Spec``) named in ``show``, in the
    report's order. The summary leaves out the report's title (the page has its own).

    With ``framing``, the lattice shows that framing only, and the claims and scenarios are
    those under it; an unknown framing raises ``alignspec.SpecError``. ``source`` is not a
    report section: each integration shows the spec's text itself."""
    if framing is not None:
        spec.classification(framing)
    keys = [key for key in SectionKey if key.value in show]
    out = []
    for section in report_sections(spec, framing, keys):
        blocks = section.blocks
        if section.key is SectionKey.SUMMARY:
            blocks = tuple(b for b in blocks if not (isinstance(b, Heading) and b.level == 1))
        out.append(Section(section.key.value, blocks))
    return out
