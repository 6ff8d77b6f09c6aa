"""``-o PATH``: atomic writes that leave the target untouched when anything fails."""

from __future__ import annotations

import os

import pytest

from alignspec.cli import views as commands
from alignspec.views import output, write_atomic


def test_failed_rendering_leaves_the_target_untouched(cli, seed_path, tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")

    def broken(spec, fmt, *options):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(commands, "render_report", broken)
    with pytest.raises(RuntimeError):
        cli("report", seed_path, "-o", target)
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_usage_error_leaves_the_target_untouched(cli, seed_path, tmp_path):
    target = tmp_path / "lattice.dot"
    target.write_text("old\n", encoding="utf-8")
    status, _out, err = cli("lattice", seed_path, "--framing", "harriss", "--format", "dot", "-o", target)
    assert status == 2 and "did you mean 'harris'" in err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lattice.dot"]


def test_failed_replace_removes_the_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(str(target), "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_write_replaces_and_keeps_permissions(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o644)
    write_atomic(str(target), "new ⊥\n")
    assert target.read_text(encoding="utf-8") == "new ⊥\n"
    assert oct(os.stat(target).st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_every_view_accepts_output(cli, seed_path, tmp_path):
    for command, fmt in [("lattice", "json"), ("compare", "markdown"), ("graph", "graphml")]:
        target = tmp_path / f"{command}.{fmt}"
        status, out, _ = cli(command, seed_path, "--format", fmt, "-o", target)
        assert status == 0 and out == "" and target.stat().st_size > 0


def test_missing_directory_is_a_usage_error(cli, seed_path, tmp_path):
    status, _, err = cli("compare", seed_path, "-o", tmp_path / "nowhere" / "x.txt")
    assert status == 2 and "no such directory" in err
