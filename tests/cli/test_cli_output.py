"""How the command line talks: ``--help`` for every argument, ``--color`` and ``FORCE_COLOR``,
``--quiet`` and ``--verbose``, progress on a terminal only, and exit statuses."""

from __future__ import annotations

import argparse
import io

import pytest
from _cli_support import BUDGET, COLLAPSE, run, write

from alignspec.cli import build_parser
from alignspec.cli.progress import ProgressReporter
from alignspec.render.text import ColorChoice, should_use_color

ESC = "\x1b["


def _parsers(parser: argparse.ArgumentParser, name: str = "alignspec"):
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


@pytest.mark.parametrize(("name", "parser"), list(_parsers(build_parser())), ids=lambda v: v if isinstance(v, str)
                         else "")
def test_every_argument_has_help(name, parser):
    missing = [action.dest for action in parser._actions
               if not isinstance(action, argparse._SubParsersAction) and not (action.help or "").strip()]
    assert missing == [], name


def test_help_has_examples_and_keeps_its_layout(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["check", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:\n  alignspec check" in out
    assert "exit status:" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("choice", "env", "tty", "expected"), [
    (ColorChoice.AUTO, {}, True, True),
    (ColorChoice.AUTO, {}, False, False),
    (ColorChoice.AUTO, {"FORCE_COLOR": "1"}, False, True),
    (ColorChoice.AUTO, {"FORCE_COLOR": ""}, False, False),
    (ColorChoice.AUTO, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
    (ColorChoice.AUTO, {"TERM": "dumb"}, True, False),
    (ColorChoice.ALWAYS, {"NO_COLOR": "1"}, False, True),
    (ColorChoice.NEVER, {"FORCE_COLOR": "1"}, True, False),
])
def test_color_choice(choice, env, tty, expected):
    stream = _Terminal() if tty else io.StringIO()
    assert should_use_color(stream, env, choice) is expected


def test_color_option_and_force_color(tmp_path, capsys, monkeypatch):
    spec = write(tmp_path, "c.align", COLLAPSE)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert ESC not in run(capsys, "check", str(spec))[1]
    assert ESC in run(capsys, "check", "--color", "always", str(spec))[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ESC in run(capsys, "check", str(spec))[1]
    assert ESC not in run(capsys, "check", "--color", "never", str(spec))[1]


def test_quiet_prints_only_the_summary_or_nothing(tmp_path, capsys):
    spec = write(tmp_path, "c.align", COLLAPSE)
    clean = write(tmp_path, "clean.align", "kind A\nconcept c(x: A) := A(x)\nclaim: satisfiable c\n")
    assert run(capsys, "check", "-q", str(spec)) == (0, "0 errors, 1 warning, 1 info in 1 file\n", "")
    assert run(capsys, "check", "--quiet", "--strict", str(spec))[0] == 1
    assert run(capsys, "check", "--quiet", str(clean)) == (0, "", "")


def test_verbose_says_what_shaped_the_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "alignspec.toml", "ignore = ['AS206']\n")
    write(tmp_path, "c.align", COLLAPSE.replace("concept p(", "# alignspec: ignore[AS303]\n    concept p("))
    status, _, err = run(capsys, "check", "--verbose", "c.align")
    assert status == 0
    assert "alignspec.toml" in err and "suppressed by comments: 1" in err and "not selected: 1 finding" in err
    assert run(capsys, "check", "c.align")[2] == ""


def test_budget_exceeded_fails_a_strict_run(tmp_path, capsys):
    spec = write(tmp_path, "budget.align", BUDGET)
    assert run(capsys, "check", "--max-facts", "2", str(spec))[0] == 0
    assert run(capsys, "check", "--strict", "--max-facts", "2", str(spec))[0] == 1


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_is_shown_on_a_terminal_after_the_delay_and_erased():
    stream, clock = _Terminal(), _Clock()
    with ProgressReporter(stream, delay=2.0, clock=clock, width=40) as progress:
        progress("seed.align: claim a1 (1/3)")
        assert stream.getvalue() == ""
        clock.now = 2.5
        progress("seed.align: framing harris, and a very long tail that is cut")
        assert stream.getvalue().endswith("…") and "framing harris" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_is_never_written_when_not_a_terminal():
    stream, clock = io.StringIO(), _Clock()
    progress = ProgressReporter(stream, delay=0.0, clock=clock)
    clock.now = 10.0
    progress("seed.align: framing harris")
    progress.close()
    assert stream.getvalue() == ""


def test_progress_appears_while_a_long_step_runs():
    stream = _Terminal()
    with ProgressReporter(stream, delay=0.05) as progress:
        progress("big.align: classifying concepts under harris")
        import time

        deadline = time.monotonic() + 5
        while "harris" not in stream.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert "harris" in stream.getvalue()


def test_check_hears_of_each_step(tmp_path):
    from alignspec.check import CheckOptions, check

    spec = write(tmp_path, "c.align", COLLAPSE + "\n    scenario s {\n        Agent a\n    }\n")
    heard: list[str] = []
    check([str(spec)], CheckOptions(progress=heard.append))
    assert heard[0].startswith("loading")
    assert any("classifying concepts under the base framing" in h for h in heard)
    assert any("claim line 7 (1/1)" in h for h in heard)
    assert any("scenario s" in h for h in heard)
