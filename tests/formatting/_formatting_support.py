"""What the formatting tests compare: syntax trees without spans, comments and their anchors, and
the layout the formatter promises."""

from __future__ import annotations

import dataclasses
import enum
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from alignspec.span import Span  # noqa: E402
from alignspec.syntax.lexemes import Lexeme, lexemes  # noqa: E402
from alignspec.syntax.parser import parse_text  # noqa: E402
from bench.generate import classification_spec, parse_spec, scenario_spec  # noqa: E402

LIBRARY = sorted((ROOT / "ontology").glob("*.align"))
SEED = ROOT / "tests" / "fixtures" / "seed_v0.align"


def shape(value):
    """A syntax tree (or any part of one) as nested tuples, with every span left out."""
    if isinstance(value, Span):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            (f.name, shape(getattr(value, f.name))) for f in dataclasses.fields(value) if f.name != "path"
        )
    if isinstance(value, (tuple, list)):
        return tuple(shape(v) for v in value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def tree(text: str):
    """The syntax tree of ``text`` without spans."""
    return shape(parse_text(text, "spec.align"))


def comments(text: str) -> list[tuple[str, str, int]]:
    """Each comment, in order: its text (trailing blanks dropped), whether it ends a line of code
    (``"end"``) or stands on a line of its own (``"alone"``), and its anchor: the index among the
    code tokens of the token before it on its line (``"end"``) or of the token after it."""
    found: list[tuple[str, str, int]] = []
    code_seen = 0
    previous: Lexeme | None = None
    for lexeme in lexemes(text):
        if lexeme.is_comment:
            ends_code = previous is not None and not previous.is_comment and previous.line == lexeme.line
            where = "end" if ends_code else "alone"
            found.append((lexeme.text.rstrip(), where, code_seen - 1 if ends_code else code_seen))
        else:
            code_seen += 1
        previous = lexeme
    return found


def code_tokens(text: str) -> list[tuple[str, str]]:
    return [(x.type, x.text) for x in lexemes(text) if not x.is_comment]


def layout_problems(text: str) -> list[str]:
    """What in ``text`` breaks the promised layout (an empty list when nothing does): trailing
    blanks, tabs, two blank lines in a row, blank lines at the start or end, a missing final
    newline, or a line of code indented by other than a multiple of 4 (or, in a concept's body,
    the column of the first atom after ``:=``)."""
    problems: list[str] = []
    if text and not text.endswith("\n"):
        problems.append("no newline at the end")
    if text.endswith("\n\n") or text.startswith("\n"):
        problems.append("blank line at the start or the end")
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if line != line.rstrip():
            problems.append(f"{number}: trailing blanks")
        if number > 1 and line == "" and lines[number - 2] == "" and number < len(lines):
            problems.append(f"{number}: two blank lines")
    body_column: int | None = None
    line_seen = 0
    for lexeme in lexemes(text):
        if lexeme.is_comment:
            continue
        if lexeme.line != line_seen:
            line_seen = lexeme.line
            if lexeme.column == 0:
                body_column = None
            elif lexeme.column % 4 and lexeme.column != body_column:
                problems.append(f"{lexeme.line}: indented by {lexeme.column}")
            if "\t" in lines[lexeme.line - 1][: lexeme.column]:
                problems.append(f"{lexeme.line}: a tab")
        if lexeme.text == ":=":
            body_column = lexeme.column + 3
    return problems


@lru_cache(maxsize=1)
def generated_specs() -> tuple[tuple[str, str], ...]:
    """200 generated specs, as (name, text): the parse benchmark's mix of statements, the
    classification benchmark's concepts and rules, and scenarios."""
    specs: list[tuple[str, str]] = []
    specs += [(f"parse_{seed}", parse_spec(25, seed=seed)) for seed in range(90)]
    specs += [(f"classification_{seed}", classification_spec(6, seed=seed, relations=5, rules=4))
              for seed in range(90)]
    specs += [(f"scenario_{seed}", scenario_spec(15, "tree" if seed % 2 else "chain", seed=seed))
              for seed in range(20)]
    return tuple(specs)
