"""The parts of a spec's report a page shows: ``report_blocks`` split into named sections,
optionally narrowed to one framing."""

from __future__ import annotations

from dataclasses import dataclass

from ..views import report_blocks
from ..views.document import Heading, Paragraph, Table, plain

SHOW_CHOICES = ("summary", "diagnostics", "vocabulary", "concepts", "claims", "lattice", "comparison",
                "scenarios", "source")
SHOW_DEFAULT = ("summary", "diagnostics", "vocabulary", "concepts", "claims", "lattice", "comparison",
                "scenarios")
SHOW_ALIASES = {"findings": "diagnostics", "framings": "lattice", "lattices": "lattice",
                "concept": "concepts", "claim": "claims", "scenario": "scenarios", "diagnostic": "diagnostics"}
_TITLES = {"Findings": "diagnostics", "Vocabulary": "vocabulary", "Concepts": "concepts", "Claims": "claims",
           "Framings": "lattice", "Comparison of the framings": "comparison", "Scenarios": "scenarios"}


@dataclass(frozen=True)
class Section:
    """One part of the report: ``key`` is one of ``SHOW_CHOICES``; ``blocks`` start with the
    section's heading (none for ``summary``)."""

    key: str
    blocks: tuple


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


def _split(blocks, level: int) -> list[list]:
    """``blocks`` cut before every heading of ``level``; the first chunk holds what precedes."""
    chunks: list[list] = [[]]
    for block in blocks:
        if isinstance(block, Heading) and block.level == level:
            chunks.append([])
        chunks[-1].append(block)
    return chunks


def _codes(text) -> list[str]:
    return [part for style, part in text if style == "code"]


def _lattice(blocks: list, framing: str) -> list:
    head, *framings = _split(blocks, 3)
    return head + [b for chunk in framings if framing in _codes(chunk[0].text) for b in chunk]


def _claim_label(block) -> str | None:
    if isinstance(block, Paragraph) and block.text and block.text[0][0] == "strong":
        text = block.text[0][1]
        if text.startswith("Claim "):
            return text[len("Claim "):]
    return None


def _claims(blocks: list, framing: str) -> list:
    out: list = []
    kept: set[str] = set()
    keep = True
    for block in blocks:
        if isinstance(block, Table) and "under" in block.header:
            column = block.header.index("under")
            rows = tuple(r for r in block.rows if r[column] == framing)
            kept = {r[0] for r in rows}
            out.append(Table(block.header, rows, block.code_columns) if rows else
                       Paragraph((("", "No claims under "), ("code", framing), ("", "."))))
            continue
        label = _claim_label(block)
        if label is not None:
            keep = label in kept
        if keep:
            out.append(block)
    return out


def _scenarios(blocks: list, framing: str, spec) -> list:
    under = {e.scenario.name: e.framing for e in spec.analysis.scenarios}
    head, *chunks = _split(blocks, 3)
    kept = [chunk for chunk in chunks if any(under.get(name) == framing for name in _codes(chunk[0].text))]
    if not kept:
        return head + [Paragraph((("", "No scenarios under "), ("code", framing), ("", ".")))]
    return head + [b for chunk in kept for b in chunk]


def select_sections(spec, show=SHOW_DEFAULT, framing: str | None = None) -> list[Section]:
    """The report sections of ``spec`` (an ``alignspec.Spec``) named in ``show``, in the
    report's order. The summary leaves out the report's title (the page has its own).

    With ``framing``, the lattice shows that framing only, and the claims and scenarios are
    those under it; an unknown framing raises ``alignspec.SpecError``. ``source`` is not a
    report section: each integration shows the spec's text itself."""
    if framing is not None:
        spec.classification(framing)
    wanted = set(show)
    chunks = _split(report_blocks(spec), 2)
    out: list[Section] = []
    summary = [b for b in chunks[0] if not (isinstance(b, Heading) and b.level == 1)]
    if "summary" in wanted:
        out.append(Section("summary", tuple(summary)))
    for chunk in chunks[1:]:
        key = _TITLES.get(plain(chunk[0].text), plain(chunk[0].text).lower())
        if key not in wanted and not (key not in SHOW_CHOICES and set(SHOW_DEFAULT) <= wanted):
            continue
        if framing is not None:
            if key == "lattice":
                chunk = _lattice(chunk, framing)
            elif key == "claims":
                chunk = _claims(chunk, framing)
            elif key == "scenarios":
                chunk = _scenarios(chunk, framing, spec)
        out.append(Section(key, tuple(chunk)))
    return out
