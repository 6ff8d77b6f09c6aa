"""The documentation names only files and library specs that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alignspec.model.loader import library_names

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "grammar" / "README.md", ROOT / "bench" / "README.md",
                    *(ROOT / "docs").glob("*.rst"), *(ROOT / "docs").glob("*.md"),
                    *(ROOT / "editors").glob("*/README.md")])
TOP_LEVEL = ("examples", "ontology", "grammar", "checker", "tests", "docs", "bench", "editors", ".ci")
DIRECTORIES = "|".join(re.escape(d) for d in TOP_LEVEL)
PATH = re.compile(rf"(?<![\w./-])((?:{DIRECTORIES})/[\w./-]*[\w/])")
LIBRARY_IMPORT = re.compile(r"^\s*import ([a-z]\w*)(?=\s+as\s|[ \t]*(?:#|$))", re.MULTILINE)
LIBRARY_USE = re.compile(r"(?:alignspec (?:check|scenario|lattice|compare|graph|report|argue) |load\(\")"
                         r"([a-z][a-z0-9_]*)(?=[\s\"`)])")
PLACEHOLDERS = {"alignspec", "NAME"}


def _mentions(pattern: re.Pattern[str], text: str) -> set[str]:
    return {m.group(1) for m in pattern.finditer(text)}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_the_document_names_exists(document):
    text = document.read_text(encoding="utf-8")
    named = {p for p in _mentions(PATH, text) if "_build" not in p and not re.search(r"/[A-Z]+\.", p)}
    missing = sorted(p for p in named if not (ROOT / p.rstrip("/.")).exists())
    assert missing == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_library_spec_the_document_names_exists(document):
    text = document.read_text(encoding="utf-8")
    named = (_mentions(LIBRARY_IMPORT, text) | _mentions(LIBRARY_USE, text)) - PLACEHOLDERS
    assert sorted(n for n in named if n not in library_names() and not (ROOT / n).exists()) == []


def test_the_patterns_find_what_they_should():
    text = ('see `examples/seed.align` and ontology/x.align\nimport hubinger2020 as h\n`alignspec check koch2021`\n'
            "import paths. are prose\n")
    assert _mentions(PATH, text) == {"examples/seed.align", "ontology/x.align"}
    assert _mentions(LIBRARY_IMPORT, text) | _mentions(LIBRARY_USE, text) == {"hubinger2020", "koch2021"}
