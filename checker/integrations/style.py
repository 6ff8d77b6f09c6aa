"""The style sheet the documentation integrations ship: outcomes coloured by class, and diagrams
in a box that scrolls at their natural size."""

from __future__ import annotations

from ..views.document import status_class

FILE_NAME = "alignspec.css"

GOOD = ("holds", "pass", "equivalent")
BAD = ("fails", "fail", "error", "refuted", "inconsistent")
DOUBTFUL = ("unknown", "warning", "unsatisfiable", "undecided")


def _rule(words: tuple[str, ...], body: str) -> str:
    return ",\n".join(f".alignspec-status.{status_class(w)}" for w in words) + " { " + body + " }\n"


CSS = (
    "/* AlignSpec: outcomes in tables, and diagrams */\n"
    + _rule(GOOD, "color: #1f6f2a; font-weight: 600;")
    + _rule(BAD, "color: #a12626; font-weight: 600;")
    + _rule(DOUBTFUL, "color: #8a5a00;")
    + ".alignspec-diagram-box { overflow: auto; max-height: 85vh; border: 1px solid #e3e6ea; border-radius: 4px;"
      " background: #fff; }\n"
    + ".alignspec-diagram-box > svg { display: block; max-width: none; }\n"
)
