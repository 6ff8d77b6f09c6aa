"""Renderers: turn a :class:`~alignspec.results.CheckResult` into text for people or tools.

``text`` (terminal, with source excerpt and caret), ``json_format`` (the versioned
``alignspec-check`` schema), ``sarif`` (SARIF 2.1.0), ``github`` (workflow annotations) and
``explain`` (the doc of each finding code). Renderers only read results; they never parse.
The names below are imported from their modules when first used; ``explain`` names the module
(its function is ``explain.explain``).
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .explain import UnknownCodeError, list_codes
    from .github import render_github
    from .json_format import render_json
    from .sarif import render_sarif
    from .text import render_text, should_use_color

__all__ = [
    "UnknownCodeError",
    "list_codes",
    "render_github",
    "render_json",
    "render_sarif",
    "render_text",
    "should_use_color",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "UnknownCodeError": ".explain",
    "list_codes": ".explain",
    "render_github": ".github",
    "render_json": ".json_format",
    "render_sarif": ".sarif",
    "render_text": ".text",
    "should_use_color": ".text",
})
