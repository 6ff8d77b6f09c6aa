"""Small documentation projects built for real, in temporary directories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "seed_v0.align"

CLEAN = """\
spec clean "A clean spec"
kind Model "a system produced by training"
kind Objective
disjoint Model, Objective
relation pursues(Model, Objective) functional
relation intended(Model, Objective)
concept aligned(m: Model) "pursues what was intended" := pursues(m, o), intended(m, o)
concept goal_directed(m: Model) "pursues something" := pursues(m, o)
framing strict {
    rule one: intended(m, a), intended(m, b) -> a = b
}
claim narrower: aligned implies goal_directed
claim not_back: goal_directed does not imply aligned
"""

FAILING = """\
kind Model
kind Optimizer
relation trains(Optimizer, Model)
concept trained(m: Model) := trains(b, m)
concept anything(m: Model) := Model(m)
claim bad: anything implies trained
"""
FAILING_LINE = 6

dot_installed = shutil.which("dot") is not None


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a Python module of the test environment in ``cwd``, capturing its output."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=300, check=False)


@pytest.fixture
def sphinx_project(tmp_path):
    """A Sphinx source directory with conf.py; returns a function that writes a page."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["alignspec.sphinx"]\nproject = "test"\n', encoding="utf-8")

    def page(text: str, name: str = "index", conf_extra: str = "") -> Path:
        if conf_extra:
            with (src / "conf.py").open("a", encoding="utf-8") as conf:
                conf.write(conf_extra + "\n")
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
        return src

    return page


def sphinx_build(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """``sphinx-build -b html [extra] src out``."""
    return run(["sphinx", "-b", "html", *extra, str(src), str(out)], src.parent)


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess:
    """``mkdocs build [extra]`` in ``root``."""
    return run(["mkdocs", "build", *extra], root)
