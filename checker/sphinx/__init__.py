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

Configuration: ``alignspec_diagrams`` (``auto``: Graphviz when ``dot`` is installed, else the
diagram's source with a note; ``graphviz``; ``source``) and ``alignspec_warning_level`` (the least
severe finding reported as a warning: ``error``, ``warning`` (default) or ``info``; less severe
ones are logged as information).
"""

from __future__ import annotations

from .._version import __version__
from ..pygments_lexer import AlignSpecLexer
from .codes import CodesDirective
from .directive import AlignSpecDirective
from .domain import AlignDomain


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
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
