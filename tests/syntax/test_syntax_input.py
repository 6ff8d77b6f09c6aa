"""Reading files and hostile input: every case is a diagnostic or a clean parse, never an
exception."""

from __future__ import annotations

import dataclasses
import enum
import inspect
import os
import sys

import pytest
from syntax_support import check_diagnostics, parse, seed_text

from alignspec.diagnostics import Span
from alignspec.syntax import nodes as n
from alignspec.syntax.errors import parse_file, parse_source, read_file
from alignspec.syntax.parser import raw_parser
from alignspec.syntax.source import SourceText, decode_source


def write(tmp_path, data: bytes, name: str = "spec.align") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_parse_file_reads_and_parses(tmp_path):
    path = write(tmp_path, seed_text().encode("utf-8"))
    spec, diagnostics = parse_file(path)
    assert diagnostics == [] and spec.path == path and len(spec.statements) == 40


def test_non_utf8_bytes_are_an_input_error(tmp_path):
    path = write(tmp_path, "kind A\nkind Mod\u00e8le\n".encode("latin-1"))
    spec, [d] = parse_file(path)
    assert spec is None
    assert (d.code, d.name, d.severity.value) == ("AS101", "input-error", "error")
    assert (d.span.file, d.span.line, d.span.column) == (path, 2, 9)


def test_a_nul_byte_is_an_input_error(tmp_path):
    path = write(tmp_path, b"kind A\nkind B\x00\n")
    spec, [d] = parse_file(path)
    assert spec is None and d.code == "AS101"
    assert (d.span.line, d.span.column) == (2, 7)


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["", "bom"])
@pytest.mark.parametrize("bad", [b"\x80", b"\x00"], ids=["not-utf8", "nul"])
def test_an_input_error_is_positioned_in_the_text_as_it_is_read(tmp_path, end, bom, bad):
    path = write(tmp_path, bom + b"kind A" + end + b"kind B" + bad + end)
    spec, [d] = parse_file(path)
    assert spec is None and d.code == "AS101"
    assert (d.span.line, d.span.column) == (2, 7)


def test_a_byte_order_mark_is_accepted_and_invisible(tmp_path):
    text = "kind A\nrelation r(A, A)\n"
    with_bom, diagnostics = parse_file(write(tmp_path, b"\xef\xbb\xbf" + text.encode(), "a.align"))
    assert diagnostics == []
    without, _ = parse_file(write(tmp_path, text.encode(), "a.align"))
    assert with_bom == without
    assert with_bom.statements[0].span == Span(with_bom.path, 1, 1, 1, 7)


def test_crlf_is_accepted_with_the_same_spans_as_lf(tmp_path):
    text = seed_text()
    lf, _ = parse_file(write(tmp_path, text.encode(), "lf.align"))
    crlf, diagnostics = parse_file(write(tmp_path, text.replace("\n", "\r\n").encode(), "crlf.align"))
    assert diagnostics == []
    assert _with_path(dataclasses.replace(crlf, path=lf.path), lf.path) == lf


def _with_path(spec: n.SpecFile, path: str) -> n.SpecFile:
    """``spec`` with every span's file replaced by ``path``."""

    def fix(value):
        if isinstance(value, Span):
            return dataclasses.replace(value, file=path)
        if isinstance(value, enum.Enum):
            return value
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(value, **{f.name: fix(getattr(value, f.name))
                                                 for f in dataclasses.fields(value)})
        return value

    return fix(spec)


def test_crlf_syntax_errors_have_the_same_position_as_lf():
    text = "kind A\nconcept c(x: A) A(x)\n"
    lf = parse_source(decode_source("a.align", text.encode()))[1][0]
    crlf = parse_source(decode_source("a.align", text.replace("\n", "\r\n").encode()))[1][0]
    assert lf.span == crlf.span == Span("a.align", 2, 17, 2, 18)


def test_an_empty_file_parses_to_no_statements(tmp_path):
    spec, diagnostics = parse_file(write(tmp_path, b""))
    assert diagnostics == [] and spec.statements == ()


def test_a_missing_file_is_an_input_error(tmp_path):
    spec, [d] = parse_file(tmp_path / "missing.align")
    assert spec is None and d.code == "AS101" and "not found" in d.message


def test_a_directory_is_an_input_error(tmp_path):
    spec, [d] = parse_file(tmp_path)
    assert spec is None and d.code == "AS101" and "directory" in d.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.align"
    os.mkfifo(path)
    spec, [d] = parse_file(path)
    assert spec is None and d.code == "AS101"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions do not apply to the superuser")
def test_an_unreadable_file_is_an_input_error(tmp_path):
    path = write(tmp_path, b"kind A")
    os.chmod(path, 0)
    try:
        spec, [d] = parse_file(path)
    finally:
        os.chmod(path, 0o600)
    assert spec is None and d.code == "AS101" and "permission" in d.message


def test_read_file_returns_the_normalised_text(tmp_path):
    source, diagnostics = read_file(write(tmp_path, b"\xef\xbb\xbfkind A\r\nkind B\r"))
    assert diagnostics == [] and source.text == "kind A\nkind B\n"


def generated_spec(size: int) -> str:
    """A valid spec of about ``size`` characters with distinct names."""
    parts = ['spec big "a generated spec"\nkind Optimizer\nkind Model\nkind Objective\n'
             "relation trains(Optimizer, Model) acyclic\n"
             "relation optimizes(Optimizer, Objective) functional\n"]
    total, i = len(parts[0]), 0
    while total < size:
        block = (
            f'kind K{i}: Model, Optimizer "kind number {i}" source "generated"\n'
            f"concept c{i}(m: K{i}) \"concept {i}\" := trains(b, m), optimizes(b, o{i}), K{i}(m)\n"
            f"framing f{i} extends f{i - 1 if i else 'base'} {{\n"
            f"    rule r{i}: trains(b, m), K{i}(m) -> optimizes(m, o), Objective(o)\n"
            f"}}\n"
            f"claim q{i} under f{i}: c{i} implies c{i}\n"
            f"scenario s{i} under f{i} {{\n    K{i} a{i}\n    trains(a{i}, a{i})\n"
            f"    expect c{i}(a{i})\n    expect not c{i}(a{i})\n}}\n"
        )
        parts.append(block)
        total += len(block)
        i += 1
    return "".join(parts)


def test_a_large_spec_parses_whole(tmp_path):
    text = generated_spec(500_000)
    path = write(tmp_path, text.encode())
    spec, diagnostics = parse_file(path)
    assert diagnostics == []
    assert len(spec.statements) > 5_000


def test_a_large_spec_with_an_error_at_its_end():
    text = generated_spec(1_000_000) + "kind @"
    _spec, [d] = parse(text)
    assert d.span.line == text.count("\n") + 1 and d.span.column == 6


def test_a_name_10000_characters_long():
    name = "n" * 10_000
    second = f"concept c(x: {name}) := {name}(x)"
    spec, diagnostics = parse(f"kind {name}\n{second}")
    assert diagnostics == []
    assert spec.statements[0].name.text == name
    atom = spec.statements[1].body[0]
    assert (atom.span.column, atom.span.end_column) == (second.rindex(name) + 1, len(second) + 1)


@pytest.mark.parametrize("text", [
    "{" * 10_000,
    "framing F " + "{" * 10_000,
    "framing F {" + "}" * 10_000,
    "scenario s {" + "{" * 10_000 + "}" * 10_000,
    "kind A" + "(" * 10_000 + ")" * 10_000,
    "claim: " + "A(x), " * 10_000 + "implies " + "(" * 10_000,
    '"' * 10_000,
    "#" * 100_000,
    "\n" * 100_000 + "@",
    "kind A " + "\\" * 10_000,
])
def test_pathological_input_never_raises(text):
    spec, diagnostics = parse(text)
    assert spec is not None or diagnostics[0].code == "AS100"


def test_a_very_long_atom_list_parses():
    spec, diagnostics = parse("concept c(x: K) := " + "K(x), " * 50_000 + "K(x)")
    assert diagnostics == [] and len(spec.statements[0].body) == 50_001


def test_parsing_takes_no_stack_depth_proportional_to_the_input():
    texts = ["concept c(x: K) := " + "K(x), " * 20_000 + "K(x)", "kind A" + "(" * 10_000 + ")" * 10_000,
             "scenario s {" + "{" * 10_000 + "}" * 10_000, "disjoint " + "K, " * 20_000 + "K"]
    raw_parser()  # the grammar is compiled at the ordinary depth
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 100)
    try:
        results = [parse(text) for text in texts]
    finally:
        sys.setrecursionlimit(limit)
    assert [d.code for _, diagnostics in results for d in diagnostics] == ["AS100", "AS100"]


def test_parse_source_reports_the_path_of_its_source():
    _spec, [d] = parse_source(SourceText("dir/x.align", "kind"))
    assert d.span.file == "dir/x.align"
    check_diagnostics([d], "kind")
