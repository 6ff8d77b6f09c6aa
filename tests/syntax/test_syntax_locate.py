"""``safe_open.locate``: the physical path of a file, resolved without letting the kernel follow
a symbolic link, agrees with ``os.path.realpath``; ``Located.read`` opens that very entry."""

from __future__ import annotations

import errno
import os

import pytest

from alignspec.syntax.safe_open import NotRegularFileError, locate


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.align").write_text("kind F\n", encoding="utf-8")
    os.symlink("b", tmp_path / "a" / "to_b")                      # relative, to a directory
    os.symlink("../a/b/f.align", tmp_path / "a" / "up_f")          # relative, through ..
    os.symlink(tmp_path / "a" / "to_b", tmp_path / "abs_to_b")     # absolute, to a link
    os.symlink("a/up_f", tmp_path / "chain")                      # a link to a link
    os.symlink("missing/x.align", tmp_path / "dangling")
    os.symlink("loop2", tmp_path / "loop1")
    os.symlink("loop1", tmp_path / "loop2")
    return tmp_path


@pytest.mark.parametrize("relative", [
    "a/b/f.align", "a/to_b/f.align", "a/up_f", "abs_to_b/f.align", "chain", "dangling", "a/to_b/../b/f.align",
    "a/nothing/else.align", "a/to_b", "a",
])
def test_locate_agrees_with_realpath(tree, relative):
    path = os.path.join(tree, relative)
    with locate(path) as located:
        assert located.real == os.path.realpath(path)
        assert located.exists == os.path.exists(path)
        assert located.is_dir == os.path.isdir(path)


def test_a_relative_path_is_resolved_from_the_working_directory(tree, monkeypatch):
    monkeypatch.chdir(tree / "a")
    with locate("to_b/f.align") as located:
        assert located.real == os.path.realpath(tree / "a/b/f.align") and located.read(100) == b"kind F\n"


def test_located_file_is_read_as_resolved(tree):
    with locate(os.path.join(tree, "chain")) as located:
        assert located.read(100) == b"kind F\n"
        assert located.read(3) == b"kind"  # one byte more than the limit: too large


def test_a_symlink_put_in_place_of_the_located_file_is_not_followed(tree):
    (tree / "outside.align").write_text("kind Outside\n", encoding="utf-8")
    target = tree / "a" / "b" / "f.align"
    with locate(str(target)) as located:
        target.unlink()
        os.symlink(tree / "outside.align", target)
        with pytest.raises(OSError):
            located.read(100)


def test_loops_and_non_directories_are_errors(tree):
    with pytest.raises(OSError) as raised:
        locate(os.path.join(tree, "loop1"))
    assert raised.value.errno == errno.ELOOP
    with pytest.raises(NotADirectoryError):
        locate(os.path.join(tree, "a/b/f.align/x.align"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_located_fifo_is_refused_without_blocking(tree):
    os.mkfifo(tree / "pipe.align")
    with locate(os.path.join(tree, "pipe.align")) as located:
        assert located.exists and not located.is_dir
        with pytest.raises(NotRegularFileError):
            located.read(100)
