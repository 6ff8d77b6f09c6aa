"""FIFOs, devices and other files that are not regular files: refused, never opened for a read
that could block. Everything that could hang runs in a subprocess under a time limit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

TIMEOUT = 60


def python(code: str, cwd) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter under a time limit."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT)


@pytest.fixture
def fifo_import(tmp_path):
    """``main.align`` importing ``pipe.align``, a FIFO beside it that nobody writes to."""
    os.mkfifo(tmp_path / "pipe.align")
    (tmp_path / "main.align").write_text('import "pipe.align"\nkind A\nconcept c(x: A) := A(x)\n'
                                         "claim: satisfiable c\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["check", "report", "lattice", "graph", "compare", "scenario"])
def test_commands_do_not_hang_on_an_imported_fifo(fifo_import, bounded_cli, command):
    status, out, err = bounded_cli(command, "main.align", cwd=fifo_import, timeout=TIMEOUT)
    assert status == 1
    assert "pipe.align" in out + err


def test_imported_fifo_is_an_input_error_of_its_own(fifo_import, bounded_cli):
    status, out, _ = bounded_cli("check", "--format", "json", "main.align", cwd=fifo_import, timeout=TIMEOUT)
    assert status == 1
    found = [(d["code"], d["file"], d["line"]) for d in json.loads(out)["diagnostics"]]
    assert ("AS205", "main.align", 1) in found
    assert next(d for d in json.loads(out)["diagnostics"] if d["code"] == "AS205")["related"][0]["file"] == "pipe.align"


def test_reading_a_fifo_or_a_device_is_an_input_error(fifo_import):
    done = python("""
        from alignspec.syntax.errors import read_file, parse_file
        for path in ("pipe.align", "/dev/null", "."):
            source, diagnostics = read_file(path)
            print(source, [d.code for d in diagnostics])
        print(parse_file("pipe.align")[1][0].code)
    """, fifo_import)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["None ['AS101']"] * 3 + ["AS101"]


def test_a_fifo_swapped_in_after_the_check_is_refused_on_the_descriptor(fifo_import):
    # stat says "regular file" (the check), but a FIFO is what gets opened: the descriptor is
    # checked too, and the open does not wait for a writer.
    done = python("""
        import os
        from alignspec.syntax import safe_open
        regular = os.stat("main.align")
        real_stat = os.stat
        safe_open.os.stat = lambda path, **kw: regular if path == "pipe.align" else real_stat(path, **kw)
        try:
            safe_open.read_regular("pipe.align", 100)
        except safe_open.NotRegularFileError as exc:
            print("refused:", exc.strerror)
    """, fifo_import)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused: a FIFO")


def test_a_fifo_in_a_checked_directory_is_skipped(fifo_import, bounded_cli):
    status, out, _ = bounded_cli("check", "--format", "json", ".", cwd=fifo_import, timeout=TIMEOUT)
    assert status == 1
    assert json.loads(out)["files"] == ["main.align"]
    status, _, err = bounded_cli("check", "pipe.align", cwd=fifo_import, timeout=TIMEOUT)
    assert status == 2 and "pipe.align" in err


def test_documentation_builds_do_not_hang_on_an_imported_fifo(fifo_import):
    done = python("""
        from alignspec.mkdocs.markdown import Expander
        logged = []
        expansion = Expander(".", lambda level, message: logged.append(level)).expand(
            "<!-- alignspec: main.align -->\\n", "page.md")
        print("warning" in logged, "pipe.align" in expansion.markdown)
    """, fifo_import)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
