"""The pre-commit manifest at the repository's root: its hooks, and ``pre-commit try-repo`` running
them from this repository against a temporary git repository that holds specs."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alignspec.syntax.formatter import format_text

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
HAS_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None
needs_pre_commit = pytest.mark.skipif(not HAS_PRE_COMMIT, reason="pre-commit is not installed (pip install pre-commit)")

LIBRARY = "kind  Agent\nkind Objective\nrelation pursues( Agent,Objective )\n"
IMPORTER = 'import "lib.align" as L\n\nconcept goal_directed(x: L.Agent) := L.wants(x, o)\n'


def _hooks() -> dict[str, dict]:
    yaml = pytest.importorskip("yaml", reason="PyYAML (a dependency of pre-commit) is not installed")
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def test_the_manifest_has_a_check_hook_over_the_repository_and_a_fmt_hook_over_changed_specs():
    hooks = _hooks()
    assert set(hooks) == {"alignspec-check", "alignspec-fmt"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        pattern = re.compile(hook["files"])
        assert pattern.search("specs/seed.align") and not pattern.search("notes.txt")
        assert not pattern.search("specs/seed.align.orig")
    assert hooks["alignspec-check"]["entry"].split() == ["alignspec", "check"]
    assert hooks["alignspec-check"]["pass_filenames"] is False
    assert hooks["alignspec-fmt"]["entry"].split() == ["alignspec", "fmt"]
    assert hooks["alignspec-fmt"].get("pass_filenames", True) is True


@needs_pre_commit
def test_pre_commit_accepts_the_manifest():
    completed = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                               capture_output=True, timeout=60)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _git(directory: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=directory, check=True, capture_output=True, timeout=60)


@needs_pre_commit
def test_try_repo_installs_this_repository_and_runs_both_hooks(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("the source tree is not a git repository, which pre-commit try-repo needs")
    project = tmp_path / "project"
    project.mkdir()
    (project / "lib.align").write_text(LIBRARY, encoding="utf-8")
    (project / "importer.align").write_text(IMPORTER, encoding="utf-8")
    (project / "notes.txt").write_text("kind  not a spec\n", encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
                   "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PRE_COMMIT_COLOR": "never"}
    completed = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files"],
                               cwd=project, env=environment, capture_output=True, text=True, timeout=300)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    # alignspec-check ran over every spec: the importer is broken by what lib.align declares
    assert re.search(r"importer\.align:3:\d+: error\[AS200", output), output
    # alignspec-fmt rewrote the spec that was not in the canonical layout, and nothing else
    assert (project / "lib.align").read_text(encoding="utf-8") == format_text(LIBRARY, "lib.align")
    assert (project / "importer.align").read_text(encoding="utf-8") == IMPORTER
    assert (project / "notes.txt").read_text(encoding="utf-8") == "kind  not a spec\n"
    assert "notes.txt" not in output
