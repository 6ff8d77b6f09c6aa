"""``-o PATH``: atomic writes that leave the target untouched when anything fails."""

from __future__ import annotations

import json
import os
import stat
import threading

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


@pytest.fixture
def spec_copy(seed_path, tmp_path):
    """The seed example copied into ``tmp_path``, importing a spec beside it."""
    (tmp_path / "base.align").write_text("kind Extra\nconcept extra(x: Extra) := Extra(x)\n", encoding="utf-8")
    spec = tmp_path / "seed.align"
    spec.write_text(seed_path.read_text(encoding="utf-8") + 'import "base.align"\n', encoding="utf-8")
    return spec


def test_the_spec_and_its_imports_are_never_overwritten(cli, spec_copy, tmp_path):
    base = tmp_path / "base.align"
    os.symlink(base, tmp_path / "link.align")
    os.link(spec_copy, tmp_path / "hard.align")
    before = {p: p.read_bytes() for p in (spec_copy, base)}
    for target in (spec_copy, base, tmp_path / "link.align", tmp_path / "hard.align", tmp_path / "sub/../seed.align"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        status, out, err = cli("report", spec_copy, "-o", target)
        assert status == 2 and out == "" and "reads" in err, target
    assert {p: p.read_bytes() for p in before} == before
    assert (tmp_path / "link.align").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.align", "hard.align", "link.align", "seed.align", "sub"]


def test_a_symbolic_link_keeps_pointing_at_the_replaced_file(cli, seed_path, tmp_path):
    (tmp_path / "out").mkdir()
    real = tmp_path / "out" / "report.md"
    real.write_text("old\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "report.md"
    os.symlink("out/report.md", link)
    status, _, _ = cli("report", seed_path, "-o", link)
    assert status == 0
    assert link.is_symlink() and os.readlink(link) == "out/report.md"
    assert real.read_text(encoding="utf-8").startswith("# ")
    assert oct(os.stat(real).st_mode & 0o777) == "0o640"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.md"]


def test_a_link_to_nothing_yet_creates_its_target(cli, seed_path, tmp_path):
    link = tmp_path / "report.md"
    os.symlink("made.md", link)
    assert cli("report", seed_path, "-o", link)[0] == 0
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8").startswith("# ")


def test_a_character_device_is_written_to_not_replaced(cli, seed_path, tmp_path):
    # through a link, so that a regression would replace the link and never the device itself
    link = tmp_path / "null"
    os.symlink(os.devnull, link)
    status, out, _ = cli("graph", seed_path, "-o", link)
    assert status == 0 and out == ""
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_written_to_as_a_stream(bounded_cli, seed_path, tmp_path):
    fifo = tmp_path / "view.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    status, _out, err = bounded_cli("lattice", seed_path, "--format", "json", "-o", fifo, timeout=120)
    reader.join(timeout=60)
    assert status == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and json.loads(received[0])["schema"] == "alignspec-lattice"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.fifo"]


def test_a_directory_is_refused(cli, seed_path, tmp_path):
    (tmp_path / "dir").mkdir()
    status, out, err = cli("report", seed_path, "-o", tmp_path / "dir")
    assert status == 2 and out == "" and "directory" in err
    assert list((tmp_path / "dir").iterdir()) == []


def test_refusals_are_os_errors_raised_before_writing(tmp_path):
    spec = tmp_path / "spec.align"
    spec.write_text("kind A\n", encoding="utf-8")
    with pytest.raises(output.OutputRefusedError):
        write_atomic(str(spec), "replaced\n", inputs=[str(spec)])
    assert spec.read_text(encoding="utf-8") == "kind A\n"
