"""Which files a directory check covers: hidden directories, virtual environments, build
outputs and what ``.gitignore`` files ignore are skipped; a directory named explicitly is
walked all the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from _model_support import write

from alignspec.cli import main
from alignspec.model.discovery import spec_files_below

BROKEN = "kind Agent\nconcept c(x: Agent) := Agnet(x)\n"
CLEAN = "kind Agent\nconcept c(x: Agent) := Agent(x)\nclaim: satisfiable c\n"


def _names(root: Path, files: list[Path]) -> list[str]:
    return [Path(f).relative_to(root).as_posix() if Path(f).is_absolute() else Path(f).as_posix() for f in files]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose only real spec is specs/main.align, beside everything a walk skips."""
    write(tmp_path, "specs/main.align", CLEAN)
    write(tmp_path, ".venv/pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path, ".venv/lib/site-packages/pkg/bad.align", BROKEN)
    write(tmp_path, "env/pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path, "env/bad.align", BROKEN)
    write(tmp_path, "build/lib/bad.align", BROKEN)
    write(tmp_path, "dist/bad.align", BROKEN)
    write(tmp_path, "editors/node_modules/x/bad.align", BROKEN)
    write(tmp_path, ".cache/bad.align", BROKEN)
    write(tmp_path, "generated/bad.align", BROKEN)
    write(tmp_path, "specs/scratch.align", BROKEN)
    write(tmp_path, ".gitignore", "generated/\n/specs/scratch.align\n")
    return tmp_path


def test_a_walk_skips_hidden_venv_build_and_ignored(project):
    assert _names(project, spec_files_below(project)) == ["specs/main.align"]


def test_check_in_a_project_root_reports_nothing_from_skipped_directories(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["check"]) == 0
    assert main(["check", "."]) == 0
    assert "bad.align" not in capsys.readouterr().out


def test_a_directory_named_explicitly_is_walked_but_not_its_hidden_subdirectories(project, monkeypatch):
    write(project, "build/.hidden/bad.align", BROKEN)
    write(project, "build/venv/pyvenv.cfg", "")
    write(project, "build/venv/bad.align", BROKEN)
    monkeypatch.chdir(project)
    assert _names(project, spec_files_below("build")) == ["build/lib/bad.align"]
    assert _names(project, spec_files_below("generated")) == ["generated/bad.align"]
    assert main(["check", "build"]) == 1


def test_negation_and_nested_gitignore_files(tmp_path):
    write(tmp_path, ".gitignore", "*.draft.align\n!keep.draft.align\n")
    write(tmp_path, "a.draft.align", CLEAN)
    write(tmp_path, "keep.draft.align", CLEAN)
    write(tmp_path, "sub/.gitignore", "!b.draft.align\nlocal.align\n")
    write(tmp_path, "sub/b.draft.align", CLEAN)
    write(tmp_path, "sub/c.draft.align", CLEAN)
    write(tmp_path, "sub/local.align", CLEAN)
    write(tmp_path, "sub/deeper/local.align", CLEAN)
    assert _names(tmp_path, spec_files_below(tmp_path)) == ["keep.draft.align", "sub/b.draft.align"]


def test_nothing_below_an_ignored_directory_comes_back(tmp_path):
    write(tmp_path, ".gitignore", "out/\n!out/keep.align\n")
    write(tmp_path, "out/keep.align", CLEAN)
    write(tmp_path, "main.align", CLEAN)
    assert _names(tmp_path, spec_files_below(tmp_path)) == ["main.align"]


def test_gitignore_files_above_the_walked_directory_apply_inside_a_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "legacy/\n")
    write(tmp_path, "specs/legacy/old.align", BROKEN)
    write(tmp_path, "specs/new.align", CLEAN)
    assert _names(tmp_path, spec_files_below(tmp_path / "specs")) == ["specs/new.align"]


def test_a_directory_with_only_skipped_specs_is_a_usage_error(tmp_path, monkeypatch, capsys):
    write(tmp_path, "build/x.align", CLEAN)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "no .align files" in capsys.readouterr().err
