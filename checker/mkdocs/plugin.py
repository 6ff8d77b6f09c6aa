"""The MkDocs plugin ``alignspec``: expands AlignSpec fences and includes in every page, logs
the specs' findings as warnings (``mkdocs build --strict`` fails on them), watches the spec
files for ``mkdocs serve``, and ships the style sheet ``assets/alignspec.css`` (coloured
outcomes, diagrams in a scrolling box)."""

from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, get_plugin_logger

from ..integrations.style import CSS, FILE_NAME
from ..render.escape import visible
from ..views.output import write_atomic
from .markdown import DIAGRAM_CHOICES, Expander

CSS_PATH = f"assets/{FILE_NAME}"

log = get_plugin_logger(__name__)


class AlignSpecConfig(base.Config):
    """``heading_offset``: levels added to the report's headings (default 1: its title becomes a
    level-2 heading); ``show_source``: show an inline spec's text before its report;
    ``warning_level``: the least severe finding logged as a warning (less severe: info);
    ``diagrams``: ``svg`` (inline SVG, drawn by Graphviz when its ``dot`` is installed, else by
    the layered layout in Python; any theme shows it) or ``mermaid`` (``mermaid`` fences, for a
    theme that draws them, such as Material for MkDocs with its Mermaid support)."""

    heading_offset = c.Type(int, default=1)
    show_source = c.Type(bool, default=True)
    warning_level = c.Choice(("error", "warning", "info"), default="warning")
    diagrams = c.Choice(DIAGRAM_CHOICES, default="svg")


class AlignSpecPlugin(BasePlugin[AlignSpecConfig]):
    """Renders AlignSpec specs in MkDocs pages."""

    def __init__(self) -> None:
        self.watched: set[str] = set()

    def _log(self, level: str, message: str) -> None:
        (log.warning if level == "warning" else log.info)(visible(message))

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        """Expand the page's AlignSpec blocks."""
        expander = Expander(config["docs_dir"], self._log, self.config.heading_offset, self.config.show_source,
                            self.config.warning_level, self.config.diagrams)
        expansion = expander.expand(markdown, page.file.src_uri)
        self.watched.update(expansion.files)
        return expansion.markdown

    def on_config(self, config, /):
        """Add the style sheet to the site's ``extra_css``."""
        if CSS_PATH not in [str(entry) for entry in config["extra_css"]]:
            config["extra_css"].append(CSS_PATH)
        return config

    def on_post_build(self, *, config) -> None:
        """Write the style sheet into the built site."""
        target = os.path.join(config["site_dir"], *CSS_PATH.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        write_atomic(target, CSS)

    def on_serve(self, server, /, *, config, builder):
        """Watch every spec file a page was rendered from (imports outside the docs too)."""
        for path in sorted(self.watched):
            server.watch(path)
        return server
