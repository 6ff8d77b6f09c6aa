"""A wheel installed into a clean virtual environment, outside the repository, can parse and
check a library spec: the grammar and the library ship inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.environ.get("ALIGNSPEC_SKIP_WHEEL") == "1", reason="wheel test disabled")
def test_wheel_installs_and_checks_a_library_spec(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(REPO)],
                   check=True, cwd=tmp_path, timeout=300)
    (wheel,) = dist.glob("alignspec-*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, cwd=tmp_path, timeout=600)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    tool = env_dir / "bin" / "alignspec"
    listing = subprocess.run([str(python), "-c", "import alignspec, sys; print(alignspec.__file__)"],
                             cwd=outside, capture_output=True, text=True, check=True)
    assert str(REPO) not in listing.stdout
    done = subprocess.run([str(tool), "check", "harris_thread", "--format", "json"], cwd=outside,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"errors": 0' in done.stdout
    spec = outside / "mine.align"
    spec.write_text('import harris_thread as T\nconcept c(m: T.Model) := T.trains(b, m)\nclaim: c implies c\n')
    done = subprocess.run([str(tool), "check", str(spec)], cwd=outside, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
