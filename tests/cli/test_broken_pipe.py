"""A reader that stops early (``alignspec ... | head``) ends the command quietly."""

from __future__ import annotations

import subprocess
import sys


def test_closed_standard_output_gives_no_traceback():
    process = subprocess.Popen([sys.executable, "-m", "checker", "codes"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in errors
    assert process.returncode in (0, 141)
