"""The AlignSpec Sphinx extension: add ``"alignspec.sphinx"`` to ``extensions`` in ``conf.py``.

It provides

* ``.. alignspec:: PATH``: a spec's report (concepts, claims, lattices as Graphviz diagrams,
  comparison, scenarios, findings) with its findings as warnings of type ``alignspec`` located at
  the spec's file and line (``suppress_warnings = ["alignspec"]`` silences them, ``-W`` fails on
  them);
* the ``align`` domain: ``.. align:concept:: NAME``, the roles ``:align:concept:`` and
  ``:align:claim:``, and the concept index (``:ref:`align-concepts```);
* ``.. alignspec-codes::``: the reference of every finding code;
* the Pygments lexer for the languages ``alignspec`` and ``align``.

Configuration: ``alignspec_diagrams`` (``auto``: Graphviz when ``dot`` is installed, else
inline SVG drawn with the layered layout in Python; ``graphviz``; ``layered``; ``source``: the
diagram's DOT source with a note) and ``alignspec_warning_level`` (the least severe finding
reported as a warning: ``error``, ``warning`` (default) or ``info``; less severe ones are
logged as information).

A document whose specs have findings is read again by every build, so that an incremental
``sphinx-build -W`` fails as long as they are there (see :mod:`.findings`). HTML builds get the
style sheet ``_static/alignspec.css``, which colours the outcomes of claims and expectations.
"""

from __future__ import annotations

from pathlib import Path

from .._version import __version__
from ..integrations.style import CSS, FILE_NAME
from ..pygments_lexer import AlignSpecLexer
from ..syntax.safe_open import is_regular_file, read_regular
from ..views.output import write_atomic
from .codes import CodesDirective
from .directive import AlignSpecDirective
from .domain import AlignDomain
from .findings import merge_info, outdated, purge_doc


def write_css(app, exception) -> None:
    """``build-finished``: write the style sheet into an HTML build's ``_static``."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / FILE_NAME
    wanted = CSS.encode("utf-8")
    if not is_regular_file(target) or read_regular(target, len(wanted)) != wanted:
        write_atomic(str(target), CSS)


def setup(app) -> dict:
    """Register the directives, the domain, the lexer and the configuration values."""
    app.setup_extension("sphinx.ext.graphviz")
    app.add_config_value("alignspec_diagrams", "auto", "env", types=frozenset({str}))
    app.add_config_value("alignspec_warning_level", "warning", "env", types=frozenset({str}))
    app.add_domain(AlignDomain)
    app.add_directive("alignspec", AlignSpecDirective)
    app.add_directive("alignspec-codes", CodesDirective)
    for alias in AlignSpecLexer.aliases:
        app.add_lexer(alias, AlignSpecLexer)
    app.add_css_file(FILE_NAME)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-get-outdated", outdated)
    app.connect("build-finished", write_css)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
