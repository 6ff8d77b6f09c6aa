"""``alignspec fmt``: in place (atomically), ``--check``, ``--diff``, directories and ``-``."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

import alignspec.views.output as output
from alignspec.check import collect_targets
from alignspec.cli import main
from alignspec.syntax.formatter import format_text

MESSY = "kind  A\nkind B:A   # a kind\nrelation r( A,B )\n"
TIDY = format_text(MESSY, "x.align")
BROKEN = "kind A\nconcept c(x: A) r(x, y)\n"


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def _leftovers(directory):
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_fmt_rewrites_the_files_that_change_and_leaves_the_others_alone(tmp_path):
    messy = _write(tmp_path / "messy.align", MESSY)
    tidy = _write(tmp_path / "tidy.align", TIDY)
    os.utime(tidy, (1_000_000_000, 1_000_000_000))
    assert main(["fmt", str(messy), str(tidy)]) == 0
    assert messy.read_text(encoding="utf-8") == TIDY
    assert tidy.stat().st_mtime == 1_000_000_000
    assert _leftovers(tmp_path) == []


def test_fmt_walks_directories_like_check(tmp_path):
    _write(tmp_path / "a.align", MESSY)
    _write(tmp_path / "nested" / "deeper" / "b.align", MESSY)
    _write(tmp_path / "notes.txt", MESSY)
    assert main(["fmt", str(tmp_path)]) == 0
    for path in collect_targets([str(tmp_path)]):
        with open(path, encoding="utf-8") as handle:
            assert handle.read() == TIDY
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == MESSY


def test_check_lists_the_files_that_would_change_and_writes_nothing(tmp_path, capsys):
    messy = _write(tmp_path / "messy.align", MESSY)
    tidy = _write(tmp_path / "tidy.align", TIDY)
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert str(messy) in err and str(tidy) not in err
    assert messy.read_text(encoding="utf-8") == MESSY
    assert main(["fmt", "--check", str(tidy)]) == 0


def test_check_flags_line_ends_that_would_change(tmp_path):
    crlf = _write(tmp_path / "crlf.align", TIDY.replace("\n", "\r\n"))
    assert main(["fmt", "--check", str(crlf)]) == 1
    assert main(["fmt", str(crlf)]) == 0
    assert crlf.read_bytes() == TIDY.encode("utf-8")


def test_diff_prints_a_unified_diff_from_the_file_to_its_formatted_text(tmp_path, capsys):
    messy = _write(tmp_path / "messy.align", MESSY)
    assert main(["fmt", "--diff", str(messy)]) == 1
    out = capsys.readouterr().out.splitlines(keepends=True)
    assert out[0].startswith(f"--- {messy}") and out[1].startswith(f"+++ {messy}")
    assert out[2].startswith("@@ ")
    body = out[3:]
    assert "".join(line[1:] for line in body if line[0] in " -") == MESSY
    assert "".join(line[1:] for line in body if line[0] in " +") == TIDY
    assert messy.read_text(encoding="utf-8") == MESSY


def test_diff_of_a_formatted_file_is_empty(tmp_path, capsys):
    tidy = _write(tmp_path / "tidy.align", TIDY)
    assert main(["fmt", "--diff", "--check", str(tidy)]) == 0
    assert capsys.readouterr().out == ""


def test_a_file_that_does_not_parse_is_left_untouched_and_reported(tmp_path, capsys):
    broken = _write(tmp_path / "broken.align", BROKEN)
    messy = _write(tmp_path / "messy.align", MESSY)
    assert main(["fmt", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:2:" in err and "AS100" in err
    assert broken.read_text(encoding="utf-8") == BROKEN
    assert messy.read_text(encoding="utf-8") == TIDY


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_while_writing_leaves_the_original_intact(tmp_path, monkeypatch, capsys, failing):
    messy = _write(tmp_path / "messy.align", MESSY)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, failing, fail)
    assert main(["fmt", str(messy)]) == 1
    assert messy.read_text(encoding="utf-8") == MESSY
    assert _leftovers(tmp_path) == []
    assert str(messy) in capsys.readouterr().err


def test_the_written_file_keeps_its_permissions_and_a_link_stays_a_link(tmp_path):
    real = _write(tmp_path / "real.align", MESSY)
    real.chmod(0o640)
    link = tmp_path / "link.align"
    link.symlink_to(real)
    assert main(["fmt", str(link)]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == TIDY
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path):
    assert main(["fmt", str(tmp_path / "missing.align")]) == 2
    assert main(["fmt", "hubinger2020"]) == 2   # library names are not formatted in place


def _fmt_stdin(*arguments, text):
    return subprocess.run([sys.executable, "-m", "alignspec", "fmt", *arguments], input=text.encode("utf-8"),
                          capture_output=True, timeout=60)


def test_dash_formats_standard_input_to_standard_output():
    completed = _fmt_stdin("-", text=MESSY)
    assert completed.returncode == 0
    assert completed.stdout.decode("utf-8") == TIDY


def test_dash_with_check_writes_nothing_and_says_whether_it_would_change():
    assert _fmt_stdin("--check", "-", text=MESSY).returncode == 1
    completed = _fmt_stdin("--check", "-", text=TIDY)
    assert (completed.returncode, completed.stdout) == (0, b"")


def test_dash_echoes_text_that_does_not_parse_and_reports_it():
    completed = _fmt_stdin("-", text=BROKEN)
    assert completed.returncode == 1
    assert completed.stdout.decode("utf-8") == BROKEN
    assert b"<stdin>:2:" in completed.stderr and b"AS100" in completed.stderr
