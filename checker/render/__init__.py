"""Renderers: turn a :class:`~alignspec.results.CheckResult` into text for people or tools.

``text`` (terminal, with source excerpt and caret), ``json_format`` (the versioned
``alignspec-check`` schema), ``sarif`` (SARIF 2.1.0), ``github`` (workflow annotations) and
``explain`` (the doc of each finding code). Renderers only read results; they never parse.
"""

from .explain import UnknownCodeError, explain, list_codes
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
