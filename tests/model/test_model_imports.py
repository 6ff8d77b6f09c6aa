"""import-error, the allowed roots, the shipped library and qualified names."""

from __future__ import annotations

import builtins
import os
import stat
import threading

import pytest
from _model_support import at, found, one, places, related_places, run, static_errors, write

from alignspec.cli import main
from alignspec.model.loader import Loader, library_names
from alignspec.model.symbols import KindSym

BASE = """
    kind Agent
    kind Objective
    relation pursues(Agent, Objective)
    concept goal_directed(x: Agent) := pursues(x, o)
    claim: satisfiable goal_directed
"""


def identity(path) -> tuple[int, int]:
    """What names a file whatever the path it is reached by: its device and inode numbers."""
    info = os.stat(path)
    return info.st_dev, info.st_ino


@pytest.fixture
def opened(monkeypatch):
    """The identities (see ``identity``) of every regular file opened while the test runs,
    through ``open`` or ``os.open``, in order."""
    seen: list[tuple[int, int]] = []
    real_open, real_os_open = builtins.open, os.open

    def note(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            seen.append((info.st_dev, info.st_ino))

    def recording_open(file, *args, **kwargs):
        handle = real_open(file, *args, **kwargs)
        note(handle.fileno())
        return handle

    def recording_os_open(path, flags, mode=0o777, *, dir_fd=None):
        fd = real_os_open(path, flags, mode, dir_fd=dir_fd)
        note(fd)
        return fd

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(os, "open", recording_os_open)
    return seen


def test_missing_file_and_directory(tmp_path):
    (tmp_path / "folder.align").mkdir()
    spec = write(tmp_path, "main.align", """
        import "missing.align"
        import "folder.align"
        import "sub/missing.align"
        kind Agent
    """)
    result = run(spec)
    assert places(result, "import-error") == [
        at(spec, '"missing.align"'), at(spec, '"folder.align"'), at(spec, '"sub/missing.align"')]


def test_paths_leaving_the_root_are_refused_and_not_read(tmp_path, opened):
    outside = write(tmp_path, "outside/secret.align", "kind Secret\n")
    root = tmp_path / "project" / "specs"
    root.mkdir(parents=True)
    os.symlink(outside, root / "link.align")
    spec = write(root, "main.align", f"""
        import "../../outside/secret.align"
        import "../sibling.align"
        import "{outside}"
        import "link.align"
        kind Agent
    """)
    write(tmp_path, "project/sibling.align", "kind Sibling\n")
    result = run(spec)
    assert places(result, "import-error") == [
        at(spec, '"../../outside'), at(spec, '"../sibling'), at(spec, f'"{outside}"'), at(spec, '"link.align"')]
    assert found(result, "unknown-name") == []
    assert identity(outside) not in opened
    assert identity(tmp_path / "project/sibling.align") not in opened


def test_symlink_inside_the_root_is_followed(tmp_path):
    write(tmp_path, "lib/base.align", BASE)
    os.symlink(tmp_path / "lib/base.align", tmp_path / "alias.align")
    spec = write(tmp_path, "main.align", """
        import "alias.align"
        concept c(x: Agent) := goal_directed(x)
        claim: satisfiable c
    """)
    assert static_errors(run(spec)) == []


def test_root_option_allows_an_outside_directory(tmp_path):
    write(tmp_path, "common/base.align", BASE)
    spec = write(tmp_path, "project/main.align", """
        import "../common/base.align" as S
        concept c(x: S.Agent) := S.goal_directed(x)
        claim: satisfiable c
    """)
    assert places(run(spec), "import-error") == [at(spec, '"../common')]
    result = run(spec, roots=[tmp_path / "common"])
    assert static_errors(result) == []
    assert main(["check", str(spec)]) == 1
    assert main(["check", "--root", str(tmp_path / "common"), str(spec)]) == 0


def test_import_cycle_shows_the_cycle(tmp_path):
    a = write(tmp_path, "a.align", """
        import "b.align"
        kind A
    """)
    b = write(tmp_path, "b.align", """
        import "a.align"
        kind B
    """)
    result = run(a)
    error = one(result, "import-error", *at(a, '"b.align"'))
    assert "a.align -> b.align -> a.align" in error.message
    assert [(r.span.file, r.span.line, r.span.column) for r in error.related] == [
        (str(b), *at(b, '"a.align"'))]
    both = run(tmp_path)
    assert sorted((d.span.file, d.span.line) for d in found(both, "import-error")) == [
        (str(a), 1), (str(b), 1)]


def test_self_import_is_a_cycle(tmp_path):
    spec = write(tmp_path, "me.align", """
        import "me.align"
        kind A
    """)
    error = one(run(spec), "import-error", *at(spec, '"me.align"'))
    assert "me.align -> me.align" in error.message


def test_same_file_along_two_paths_loads_once(tmp_path, opened):
    base = write(tmp_path, "base.align", BASE)
    write(tmp_path, "sub/mid.align", """
        import "../base.align"
        kind Robot: Agent
    """)
    spec = write(tmp_path, "main.align", """
        import "base.align"
        import "./sub/../base.align"
        import "sub/mid.align"
        concept c(x: Robot) := goal_directed(x)
        claim: satisfiable c
    """)
    result = run(spec)
    assert static_errors(result) == []
    assert opened.count(identity(base)) == 1


def test_imported_spec_with_errors(tmp_path):
    broken = write(tmp_path, "broken.align", """
        kind Agent
        concept c(x: Agnet) := Agent(x)
    """)
    spec = write(tmp_path, "main.align", """
        import "broken.align"
        concept d(x: Agent) := c(x)
        claim: satisfiable d
    """)
    error = one(run(spec), "import-error", *at(spec, '"broken.align"'))
    assert [(r.span.file, r.span.line, r.span.column) for r in error.related] == [
        (str(broken), *at(broken, "Agnet"))]


def test_alias_gives_qualified_names(tmp_path):
    write(tmp_path, "base.align", BASE)
    spec = write(tmp_path, "main.align", """
        import "base.align" as P
        kind Agent
        concept c(x: P.Agent) := P.goal_directed(x), P.pursues(x, o), P.Objective(o)
        concept d(x: Agent) := Agent(x)
        claim: satisfiable c
        claim: satisfiable d
    """)
    result = run(spec)
    assert static_errors(result) == []
    assert found(result, "duplicate-name") == []


def test_alias_clashing_with_a_declaration(tmp_path):
    write(tmp_path, "base.align", BASE)
    spec = write(tmp_path, "main.align", """
        import "base.align" as Agent
        kind Agent
    """)
    duplicate = one(run(spec), "duplicate-name", *at(spec, "Agent\n"))
    assert related_places(duplicate) == [at(spec, "Agent", 2)]


@pytest.fixture
def library_spec():
    """A spec of the shipped library (the first that loads) and one kind it makes visible."""
    names = library_names()
    assert names, "the shipped library has no spec"
    loader = Loader()
    for name in names:
        loaded = loader.load_library(name)
        if loaded.unit is not None:
            kinds = sorted(k for k, v in loaded.unit.scope.items() if isinstance(v, KindSym))
            if kinds:
                return name, kinds[0]
    pytest.skip("no library spec declares a kind")


def test_import_from_the_shipped_library(tmp_path, library_spec):
    name, kind = library_spec
    spec = write(tmp_path, "main.align", f"""
        import {name}
        import {name} as L
        concept my_concept(x: {kind}) := L.{kind}(x)
        claim: satisfiable my_concept
    """)
    result = run(spec)
    assert places(result, "import-error") == []
    assert places(result, "unknown-name") == []
    misspelled = name[:-1] + ("x" if name[-1] != "x" else "y")
    spec = write(tmp_path, "typo.align", f"""
        import {misspelled}
        kind Agent
    """)
    error = one(run(spec), "import-error", *at(spec, misspelled))
    assert f"'{name}'" in error.help
    spec = write(tmp_path, "nothing.align", """
        import zzzzqqqq_not_in_the_library
        kind Agent
    """)
    assert places(run(spec), "import-error") == [at(spec, "zzzz")]


def test_symlink_swapped_during_loading_never_reads_outside_the_root(tmp_path, opened):
    root = tmp_path / "root"
    root.mkdir()
    secret = write(tmp_path, "outside/secret.align", "kind Secret\n")
    inside = write(root, "inside.align", "kind Inside\n")
    spec = write(root, "main.align", 'import "link.align"\nkind Agent\n')
    link = root / "link.align"
    os.symlink(inside, link)
    stop = threading.Event()

    def swap() -> None:
        targets = [secret, inside]
        i = 0
        while not stop.is_set():
            temporary = root / f".swap{i % 2}"
            os.symlink(targets[i % 2], temporary)
            os.replace(temporary, link)
            i += 1

    swapper = threading.Thread(target=swap)
    swapper.start()
    outcomes = {"loaded": 0, "refused": 0}
    try:
        for _ in range(400):
            loaded = Loader([str(root)]).load(str(spec))
            imported = [u.name for u in loaded.unit.imported]
            assert "secret" not in imported
            outcomes["loaded" if imported == ["inside"] else "refused"] += 1
    finally:
        stop.set()
        swapper.join()
    assert identity(secret) not in opened
    assert outcomes["loaded"] and outcomes["refused"], outcomes


def test_an_editors_text_is_imported_even_when_the_file_is_not_on_disk(tmp_path, opened):
    root = tmp_path / "root"
    on_disk = write(root, "base.align", "kind OnDisk\n")
    spec = write(root, "main.align", 'import "base.align"\nimport "unsaved.align"\nkind Agent\n')
    texts = {str(root / "unsaved.align"): b"kind Unsaved\n", str(on_disk): b"kind Edited\n"}
    loaded = Loader([str(root)], overlay=texts.get).load(str(spec))
    assert [d.message for d in loaded.diagnostics] == []
    assert sorted(u.name for u in loaded.unit.imported) == ["base", "unsaved"]
    kinds = {name for u in loaded.unit.imported for name, s in u.scope.items() if isinstance(s, KindSym)}
    assert {"Edited", "Unsaved"} <= kinds and "OnDisk" not in kinds
    assert identity(on_disk) not in opened  # the editor's text is used, the file is not read


def test_an_editors_text_does_not_open_a_way_out_of_the_roots(tmp_path):
    root = tmp_path / "root"
    spec = write(root, "main.align", 'import "../outside.align"\nkind Agent\n')
    outside = str(tmp_path / "outside.align")
    loaded = Loader([str(root)], overlay={outside: b"kind Outside\n"}.get).load(str(spec))
    assert [d.message for d in loaded.diagnostics] == ["import '../outside.align' leaves the allowed directories"]
    assert loaded.unit.imported == []


def test_an_import_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    root = tmp_path / "root"
    spec = write(root, "main.align", 'import "pipe.align"\nkind Agent\n')
    os.mkfifo(root / "pipe.align")
    loaded = Loader([str(root)], overlay=lambda real: None).load(str(spec))
    [problem] = loaded.diagnostics
    assert problem.name == "import-error" and "FIFO" in problem.message
