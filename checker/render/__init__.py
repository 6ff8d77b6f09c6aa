"""Renderers: turn a :class:`~alignspec.results.CheckResult` into text for people or tools.

``text`` (terminal, with source excerpt and caret), ``json_format`` (the versioned
``alignspec-check`` schema), ``sarif`` (SARIF 2.1.0), ``github`` (workflow annotations) and
``explain`` (the doc of each finding code). Renderers only read results; they never parse.
The renderers are imported from their modules when first used; ``explain`` is imported at once,
since its function shares its module's name.
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_exports
from .explain import UnknownCodeError, explain, list_codes

if TYPE_CHECKING:
    from .github import render_github
    from .json_format import render_json
    from .sarif import render_sarif
    from .text import render_text, should_use_color

__all__ = [
    "UnknownCodeError",
    "explain",
    "list_codes",
    "render_github",
    "render_json",
    "render_sarif",
    "render_text",
    "should_use_color",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "render_github": ".github",
    "render_json": ".json_format",
    "render_sarif": ".sarif",
    "render_text": ".text",
    "should_use_color": ".text",
})
