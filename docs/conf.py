"""Sphinx configuration of the AlignSpec documentation.

At ``builder-inited`` the pages that come from the code are generated into ``_generated/``:
the language reference (``grammar/README.md``), the help of each command, and one page per
shipped library spec (the specs are copied in, since ``.. alignspec::`` reads files inside the
documentation only). Files are rewritten only when their content changes, so incremental
builds stay incremental.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import alignspec

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GENERATED = HERE / "_generated"

project = "AlignSpec"
author = "the AlignSpec authors"
release = version = alignspec.__version__
extensions = ["myst_parser", "alignspec.sphinx"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3
highlight_language = "text"
html_theme = "alabaster"
html_static_path: list[str] = []


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    _write(target, source.read_text(encoding="utf-8"))


def _library() -> None:
    from alignspec.model.loader import library_directory

    library = Path(library_directory())
    names = sorted(p.stem for p in library.glob("*.align"))
    wanted = set()
    for name in names:
        _copy(library / f"{name}.align", GENERATED / "library" / f"{name}.align")
        title = f"Library spec ``{name}``"
        _write(GENERATED / "library" / f"{name}.rst",
               f"{title}\n{'=' * len(title)}\n\n"
               f"Load it with ``alignspec.load(\"{name}\")``, import it with ``import {name}``, or check it "
               f"with ``alignspec check {name}``.\n\n.. alignspec:: {name}.align\n   :show: all\n")
        wanted |= {f"{name}.align", f"{name}.rst"}
    for stale in (GENERATED / "library").iterdir():
        if stale.name not in wanted:
            stale.unlink()


def _cli_help() -> None:
    from alignspec.cli import build_parser

    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        parser = build_parser()
        parts = [".. code-block:: text\n\n" + _indent(parser.format_help())]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    title = f"``alignspec {name}``"
                    heading = f"{title}\n{'-' * len(title)}\n\n.. code-block:: text\n\n"
                    parts.append(heading + _indent(sub.format_help()))
    finally:
        if columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = columns
    _write(GENERATED / "cli-help.inc", "\n".join(parts))


def _indent(text: str) -> str:
    return "".join(f"   {line}\n" if line.strip() else "\n" for line in text.splitlines())


def _language() -> None:
    _copy(REPO / "grammar" / "README.md", GENERATED / "language.md")
    _copy(REPO / "grammar" / "alignspec.lark", GENERATED / "alignspec.lark")


def generate(app) -> None:
    """Write the generated pages (``builder-inited``)."""
    _library()
    _cli_help()
    _language()


def setup(app) -> None:
    """Generate the pages from the code before Sphinx looks for documents."""
    app.connect("builder-inited", generate)
