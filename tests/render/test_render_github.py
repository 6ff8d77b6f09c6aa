"""GitHub workflow-command annotations and their escaping."""

from __future__ import annotations

import re

from _render_support import diag, full_result

from alignspec.diagnostics import Related, Severity, Span
from alignspec.render.github import annotation, escape_data, escape_property, render_github
from alignspec.results import CheckResult

LINE = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = LINE.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), props, match.group(3)


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_escaping():
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("%3A") == "%253A"


def test_one_line_per_diagnostic_with_commands_by_severity():
    lines = render_github(full_result()).splitlines()
    assert len(lines) == 4
    commands = sorted(parse(line)[0] for line in lines)
    assert commands == ["error", "error", "notice", "warning"]


def test_properties_and_message():
    d = diag(span=Span("dir,1/a:b.align", 3, 8, 3, 12), message="50%: bad\nthing",
             help="fix it", related=(Related(Span("x.align", 1, 1, 1, 2), "see here"),),
             details=("detail",))
    command, props, data = parse(annotation(d))
    assert command == "error"
    assert unescape(props["file"]) == "dir,1/a:b.align"
    position = (props["line"], props["col"], props["endLine"], props["endColumn"])
    assert position == ("3", "8", "3", "12")
    assert unescape(props["title"]) == "AS200 unknown-name"
    assert "\n" not in data and "\r" not in data
    body = unescape(data).split("\n")
    assert body[0] == "50%: bad" and body[1] == "thing"
    assert "detail" in body and "x.align:1:1: note: see here" in body and body[-1] == "help: fix it"


def test_multiline_span_omits_columns():
    d = diag(span=Span("a.align", 2, 5, 4, 1), severity=Severity.WARNING)
    command, props, _ = parse(annotation(d))
    assert command == "warning"
    assert props["line"] == "2" and props["endLine"] == "4"
    assert "col" not in props and "endColumn" not in props


def test_empty_result_renders_nothing():
    assert render_github(CheckResult(files=["a.align"])) == ""
