"""``alignspec lsp`` as a command: its help, and a clear message with status 2 when pygls is not
installed."""

from __future__ import annotations

import os
import subprocess
import sys

from _lsp_session import REPO

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def test_help_lists_the_transports():
    done = subprocess.run([sys.executable, "-m", "checker", "lsp", "--help"], capture_output=True, text=True,
                          env=ENV, timeout=60, check=False)
    assert done.returncode == 0
    assert "--tcp" in done.stdout and "--stdio" in done.stdout


def test_without_pygls_it_says_what_to_install():
    program = ("import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None; "
               "from checker.cli import main; sys.exit(main(['lsp']))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=ENV, timeout=60,
                          check=False, cwd=REPO)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "pygls" in done.stderr and "[lsp]" in done.stderr
