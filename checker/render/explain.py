"""``alignspec explain``: the doc of one finding code, and the table of all of them."""

from __future__ import annotations

import difflib
import textwrap

from ..codes import CODES, DOC_HEADINGS, Code, lookup

WRAP_WIDTH = 88


class UnknownCodeError(LookupError):
    """Raised for a code or name that is not registered; ``suggestions`` holds close matches."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown finding code or name {query!r}{hint}")


def suggest(query: str, limit: int = 3) -> list[str]:
    """Registered codes and names close to ``query`` (best first), for "did you mean" hints.

    >>> suggest("claim-faild")[0]
    'claim-failed'
    """
    key = query.strip()
    all_names = [c.name for c in CODES]
    found = difflib.get_close_matches(key.lower(), all_names, n=limit, cutoff=0.6)
    found += [n for n in all_names if len(key) >= 3 and key.lower() in n and n not in found]
    found += difflib.get_close_matches(key.upper(), [c.code for c in CODES], n=limit, cutoff=0.8)
    return found[:limit]


def resolve(code_or_name: str) -> Code:
    """The registered code for ``AS302`` or ``claim-failed``; :class:`UnknownCodeError` if none."""
    found = lookup(code_or_name)
    if found is None:
        raise UnknownCodeError(code_or_name, suggest(code_or_name))
    return found


def explain(code_or_name: str) -> str:
    """The doc of one code as plain text: a title line, the summary, then the four sections.

    The example is indented by four spaces. Raises :class:`UnknownCodeError` (a
    ``LookupError``) for an unknown code; the CLI turns it into exit status 2.
    """
    code = resolve(code_or_name)
    lines = [f"{code.code} {code.name} ({code.severity.value})", "", _sentence(code.summary)]
    for heading in DOC_HEADINGS:
        lines += ["", heading, "-" * len(heading)]
        body = code.doc.get(heading, "")
        if heading == "Example":
            lines += ["    " + line if line else "" for line in body.splitlines()]
        else:
            lines.append(textwrap.fill(body, width=WRAP_WIDTH))
    return "\n".join(lines) + "\n"


def explain_markdown(code_or_name: str) -> str:
    """The same doc as Markdown (a level-2 title, bold headings, the example fenced)."""
    code = resolve(code_or_name)
    parts = [f"## {code.code} `{code.name}` ({code.severity.value})", _sentence(code.summary)]
    for heading in DOC_HEADINGS:
        body = code.doc.get(heading, "")
        if heading == "Example":
            body = f"```\n{body}\n```"
        parts += [f"**{heading}**", body]
    return "\n\n".join(parts) + "\n"


def list_codes() -> str:
    """A table of every registered code: code, name, severity and one-line summary."""
    rows = [("CODE", "NAME", "SEVERITY", "SUMMARY")]
    rows += [(c.code, c.name, c.severity.value, c.summary) for c in CODES]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[3]]).rstrip())
    return "\n".join(lines) + "\n"


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
