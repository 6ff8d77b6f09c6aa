"""The MkDocs plugin ``alignspec``: expands AlignSpec fences and includes in every page, logs
the specs' findings as warnings (``mkdocs build --strict`` fails on them), and watches the spec
files for ``mkdocs serve``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, get_plugin_logger

from ..render.escape import visible
from .markdown import Expander

log = get_plugin_logger(__name__)


class AlignSpecConfig(base.Config):
    """``heading_offset``: levels added to the report's headings (default 1: its title becomes a
    level-2 heading); ``show_source``: show an inline spec's text before its report;
    ``warning_level``: the least severe finding logged as a warning (less severe: info)."""

    heading_offset = c.Type(int, default=1)
    show_source = c.Type(bool, default=True)
    warning_level = c.Choice(("error", "warning", "info"), default="warning")


class AlignSpecPlugin(BasePlugin[AlignSpecConfig]):
    """Renders AlignSpec specs in MkDocs pages."""

    def __init__(self) -> None:
        self.watched: set[str] = set()

    def _log(self, level: str, message: str) -> None:
        (log.warning if level == "warning" else log.info)(visible(message))

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        """Expand the page's AlignSpec blocks."""
        expander = Expander(config["docs_dir"], self._log, self.config.heading_offset, self.config.show_source,
                            self.config.warning_level)
        expansion = expander.expand(markdown, page.file.src_uri)
        self.watched.update(expansion.files)
        return expansion.markdown

    def on_serve(self, server, /, *, config, builder):
        """Watch every spec file a page was rendered from (imports outside the docs too)."""
        for path in sorted(self.watched):
            server.watch(path)
        return server
