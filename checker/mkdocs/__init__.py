"""The AlignSpec MkDocs plugin: add ``- alignspec`` under ``plugins:`` in ``mkdocs.yml``.

In a page, a fenced block in language ``alignspec`` is an inline spec, and a line
``<!-- alignspec: path/to/spec.align -->`` (a path relative to the docs directory, which it may
not leave) includes a spec file; both become the spec's report (or the sections that a
``show="..."`` attribute names), with diagrams as inline SVG (or ``mermaid`` fences, with the
setting ``diagrams: mermaid``). Findings are logged as warnings with their file and line, so
``mkdocs build --strict`` fails on an inconsistent spec.
"""

from .plugin import AlignSpecConfig, AlignSpecPlugin

__all__ = ["AlignSpecConfig", "AlignSpecPlugin"]
