"""The language reference (grammar/README.md) agrees with the grammar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from syntax_support import parse

from alignspec.syntax.errors import RESERVED_WORDS
from alignspec.syntax.parser import raw_parser

README = Path(__file__).resolve().parents[2] / "grammar" / "README.md"
BLOCKS = re.findall(r"```\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
SYNOPSIS = re.compile(r"\b[A-Z]{4,}\b|\[")
RESERVED_BLOCK = [b for b in BLOCKS if b.startswith("spec import as source")]
EXAMPLES = [b for b in BLOCKS if not SYNOPSIS.search(b) and b not in RESERVED_BLOCK]


@pytest.mark.parametrize("example", EXAMPLES, ids=[b.split("\n")[0][:40] for b in EXAMPLES])
def test_every_example_of_the_reference_parses(example):
    _spec, diagnostics = parse(example)
    assert diagnostics == []


def test_the_reserved_words_of_the_reference_are_those_of_the_grammar():
    [block] = RESERVED_BLOCK
    assert sorted(block.split()) == sorted(RESERVED_WORDS)
    keywords = set()
    for term in raw_parser().terminals:
        match = re.fullmatch(r"([a-z_]+)\(\?!.*\)", term.pattern.value)
        if match:
            keywords.add(match.group(1))
    assert keywords == set(RESERVED_WORDS)
