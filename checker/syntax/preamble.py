"""The comment block a spec file opens with: its introduction, shown at the top of its report.

The preamble is every comment line before the first line that is not a comment (blank lines
before the first comment are skipped), without the ``#`` and the one space after it. A line that
is only ``#`` separates paragraphs.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"^[ \t]*#")


def preamble(text: str) -> tuple[str, ...]:
    """The opening comment block of ``text``, one string per line, ``#`` and one space removed.

    >>> preamble("# The thread.\\n#\\n# Harris argues...\\nspec s\\n# not this")
    ('The thread.', '', 'Harris argues...')
    """
    lines: list[str] = []
    for line in text.lstrip("\ufeff").splitlines():
        if not _MARKER.match(line):
            if lines or line.strip():
                break
            continue
        body = line.split("#", 1)[1]
        lines.append(body[1:] if body.startswith(" ") else body)
    return tuple(line.rstrip() for line in lines)
