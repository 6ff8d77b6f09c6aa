"""Terminal rendering: header, source excerpt with caret, extra blocks, colour, summary."""

from __future__ import annotations

import io
import re

import pytest
from _render_support import SEED, TABBED, diag, full_result

from alignspec.diagnostics import Severity, Span
from alignspec.render.snippet import excerpt, expand
from alignspec.render.text import render_text, should_use_color, summary_line
from alignspec.results import CheckResult

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TRAINS = SEED.splitlines()[1].index("trains") + 1  # 1-based column of `trains` on line 2


def block_for(text: str, code: str) -> list[str]:
    """The lines of the block whose header carries ``code``."""
    for block in text.split("\n\n"):
        if f"[{code} " in block.splitlines()[0]:
            return block.splitlines()
    raise AssertionError(f"no block for {code}")


def caret_column(lines: list[str]) -> tuple[int, int]:
    """(index of ``^`` in the marker line, marker width) relative to the source line."""
    marker = next(line for line in lines if line.lstrip().startswith("^"))
    start = marker.index("^")
    return start, len(marker) - start


def render_one(source: str, span: Span) -> list[str]:
    result = CheckResult(files=[span.file], diagnostics=[diag(span=span)],
                         sources={span.file: source})
    return render_text(result, color=False).split("\n\n")[0].splitlines()


def test_header_has_location_severity_code_and_name():
    lines = render_one(SEED, Span("seed.align", 1, 6, 1, 11))
    assert lines[0] == "seed.align:1:6: error[AS200 unknown-name] unknown relation `trains`"


def test_caret_sits_under_the_span():
    lines = render_one(SEED, Span("seed.align", 1, 6, 1, 11))
    source = lines[1]
    start, width = caret_column(lines)
    assert source[start:start + width] == "Model"
    assert lines[2].strip() == "^~~~~"


def test_caret_after_tabs_uses_expanded_columns():
    lines = render_one(SEED, Span("seed.align", 2, TRAINS, 2, TRAINS + 6))
    start, width = caret_column(lines)
    assert "\t" not in lines[1]
    assert lines[1][start:start + width] == "trains"


def test_tabs_between_tokens_and_non_ascii_keep_the_caret_aligned():
    col = TABBED.index("Ünïcode") + 1
    lines = render_one(TABBED, Span("t.align", 1, col, 1, col + len("Ünïcode")))
    start, width = caret_column(lines)
    assert lines[1][start:start + width] == "Ünïcode"


def test_wide_characters_take_two_cells():
    shown, starts = expand("名前 x")
    assert shown == "名前 x"
    assert starts == [0, 2, 4, 5, 6]


def test_span_at_end_of_file_points_after_the_last_character():
    text = "kind A\nconcept c(x: A) := r(x,\n"
    for span in (Span("e.align", 3, 1, 3, 2), Span("e.align", 7, 1, 7, 2)):
        lines = render_one(text, span)
        start, width = caret_column(lines)
        assert lines[1].rstrip().endswith("r(x,")
        assert (start, width) == (len(lines[1]), 1)


def test_span_past_end_of_line_points_after_the_last_character():
    lines = render_one("kind A\n", Span("e.align", 1, 40, 1, 41))
    start, width = caret_column(lines)
    assert (start, width) == (len(lines[1]), 1)


def test_multiline_span_is_underlined_to_the_end_of_its_first_line():
    lines = render_one(SEED, Span("seed.align", 2, TRAINS, 3, 5))
    start, width = caret_column(lines)
    assert start + width == len(lines[1])
    assert lines[1][start:].startswith("trains(b, m)")


def test_no_excerpt_without_source():
    lines = render_one("", Span("missing.align", 1, 1, 1, 2))
    assert len(lines) == 1
    assert excerpt("", Span("missing.align", 1, 1, 1, 2)) is None


def test_control_characters_in_source_are_not_echoed():
    lines = render_one("kind \x1b[31mA\n", Span("c.align", 1, 1, 1, 5))
    assert "\x1b" not in "\n".join(lines)


def test_details_related_counterexample_justification_and_help():
    lines = block_for(render_text(full_result(), color=False), "AS302")
    text = "\n".join(lines)
    assert "  under the base framing" in lines
    assert "  seed.align:2:10: note: trained is defined here" in lines
    scenario = [line for line in lines if "scenario counterexample {" in line]
    assert scenario and scenario[0].startswith("    ")
    assert any(line.strip() == "Model m" for line in lines)
    assert "MesaOptimizer(m)" in text
    assert "kind Model" in text and "seed.align:1:1" in text
    assert lines[-1].startswith("  help: add the missing premise")
    # the order: excerpt, details, related, counterexample, justification, help
    order = [text.index(s) for s in ("^", "under the base", "note:", "scenario counterexample",
                                      "kind Model:", "help:")]
    assert order == sorted(order)


def test_diagnostics_are_sorted_and_output_is_deterministic():
    result = full_result()
    text = render_text(result, color=False)
    headers = [line for line in text.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    assert [h.split(":")[0] for h in headers] == ["lib/other.align"] + ["seed.align"] * 3
    result.diagnostics.reverse()
    assert render_text(result, color=False) == text


def test_summary_line_counts_each_severity():
    result = full_result()
    text = render_text(result, color=False)
    assert text.endswith(summary_line(result) + "\n")
    assert summary_line(result) == "2 errors, 1 warning, 1 info in 3 files"
    assert summary_line(CheckResult()) == "0 errors, 0 warnings, 0 infos in 0 files"


def test_no_ansi_without_color_and_same_text_with_it():
    result = full_result()
    plain = render_text(result, color=False)
    colored = render_text(result, color=True)
    assert not ANSI.search(plain) and "\x1b" not in plain
    assert ANSI.search(colored)
    assert ANSI.sub("", colored) == plain


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("tty", "env", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),
        (True, {"TERM": "dumb"}, False),
        (True, {"TERM": "xterm-256color"}, True),
    ],
)
def test_should_use_color(tty, env, expected):
    assert should_use_color(_Stream(tty), env) is expected


def test_should_use_color_on_a_stream_without_isatty():
    assert should_use_color(object(), {}) is False  # type: ignore[arg-type]


def test_info_and_warning_headers():
    text = render_text(full_result(), color=False)
    assert "warning[AS303 concept-collapse]" in text
    assert "info[AS206 unused-declaration]" in text
    assert Severity.INFO.value == "info"
