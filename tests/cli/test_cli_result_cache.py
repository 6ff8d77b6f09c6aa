"""The result cache of ``alignspec check``: cached output is byte for byte the uncached output in
every format; a changed import, other limits or another version are never served from it; a
corrupt, foreign or unusable entry is ignored and replaced; an unusable cache directory only
turns caching off; the directory stays within its size bound."""

from __future__ import annotations

import os
import pickle
import stat
import sys
from pathlib import Path

import pytest
from _cli_support import BUDGET, run, write

from alignspec import result_cache
from alignspec.check import CheckOptions, check
from alignspec.cli import main
from alignspec.codes import BUDGET_EXCEEDED, CLAIM_FAILED
from alignspec.result_cache import FORMAT, ResultCache, code_version

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
sys.path.insert(0, str(GOLDEN))
from test_golden import CASES, EXPECTED  # noqa: E402

CHECK_CASES = sorted(name for name, args in CASES.items() if args[0] == "check")


def _results(home: Path) -> Path:
    return home / "alignspec" / "results"


def _entries(home: Path, kind: str = "") -> list[Path]:
    folder = _results(home)
    return sorted(p for p in folder.iterdir() if p.name.startswith(kind) and p.name != "key") if folder.is_dir() else []


def _golden_run(capsys, args: list[str]) -> str:
    status = main(args)
    captured = capsys.readouterr()
    return f"exit status {status}\n--- stdout\n{captured.out}--- stderr\n{captured.err}"


@pytest.fixture(scope="module")
def library_cache(tmp_path_factory) -> Path:
    """One cache home for every check of the library, so that it is analysed once."""
    return tmp_path_factory.mktemp("library-cache")


@pytest.mark.parametrize("name", CHECK_CASES)
def test_cached_output_is_the_uncached_output(name, capsys, monkeypatch, cache_home, library_cache):
    """Every ``check`` golden case, first computed with the cache on (from a cache of its own,
    but for the library, which all its cases share), then taken from the cache."""
    if "library" in name:
        monkeypatch.setenv("XDG_CACHE_HOME", str(library_cache))
        cache_home = library_cache
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    assert _golden_run(capsys, CASES[name]) == expected
    assert _entries(cache_home, "analysis-")
    assert _golden_run(capsys, CASES[name]) == expected


def _checked(folder: Path, *args: str) -> dict[str, object]:
    options = CheckOptions(cache=ResultCache(folder / "cache"))
    result = check([str(folder / a) for a in args] or [str(folder)], options)
    return {"codes": sorted((d.code, d.span.line) for d in result.diagnostics),
            "claims": [(c.claim.label, c.status.value) for c in result.claims],
            "hits": options.cache.hits if options.cache else 0}


def _project(folder: Path) -> Path:
    project = folder / "project"
    write(project, "lib.align", """
        kind Agent
        relation helps(Agent, Agent)
        concept helper(x: Agent) := helps(x, y)
    """)
    write(project, "main.align", """
        import "lib.align" as lib
        kind Thing
        concept strong(x: lib.Agent) := lib.helps(x, y)
        claim strong_helps: strong implies lib.helper
    """)
    return project


def test_an_edit_to_an_imported_file_is_seen(tmp_path):
    project = _project(tmp_path)
    first = _checked(tmp_path, "project/main.align")
    assert ("strong_helps", "holds") in first["claims"]
    assert _checked(tmp_path, "project/main.align")["hits"] == 1
    write(project, "lib.align", """
        kind Agent
        relation helps(Agent, Agent)
        relation knows(Agent, Agent)
        concept helper(x: Agent) := helps(x, y), knows(x, y)
    """)
    edited = _checked(tmp_path, "project/main.align")
    assert ("strong_helps", "fails") in edited["claims"]
    assert (CLAIM_FAILED.code, 4) in edited["codes"]
    assert edited["hits"] == 0


def test_an_import_that_now_resolves_to_another_file_is_seen(tmp_path):
    project = tmp_path / "project"
    shared = "kind Agent\nrelation helps(Agent, Agent)\nrelation knows(Agent, Agent)\n"
    write(project, "one/lib.align", shared + "concept a(x: Agent) := helps(x, y)\nconcept b(x: Agent) := helps(x, y)\n")
    write(project, "two/lib.align", shared + "concept a(x: Agent) := helps(x, y)\nconcept b(x: Agent) := knows(x, y)\n")
    (project / "current").symlink_to("one")
    write(project, "main.align", 'import "current/lib.align" as lib\nclaim same: lib.a implies lib.b\n')
    first = _checked(tmp_path, "project/main.align")
    assert _checked(tmp_path, "project/main.align") == {**first, "hits": 1}
    (project / "current").unlink()
    (project / "current").symlink_to("two")
    moved = _checked(tmp_path, "project/main.align")
    assert moved["hits"] == 0
    assert (first["claims"], moved["claims"]) == ([("same", "holds")], [("same", "fails")])


def test_only_the_specs_an_edit_reaches_are_analysed_again(tmp_path):
    project = _project(tmp_path)
    write(project, "other.align", "kind Lonely\n")
    assert _checked(tmp_path, "project")["hits"] == 0
    assert _checked(tmp_path, "project")["hits"] == 3
    write(project, "other.align", "kind Lonely\nkind Alone\n")
    assert _checked(tmp_path, "project")["hits"] == 2  # lib and main: other is analysed again


def test_undecided_results_are_kept_with_their_limits(tmp_path, capsys, cache_home):
    spec = write(tmp_path, "budget.align", BUDGET)
    limited = run(capsys, "check", "--format", "json", "--max-facts", "2", str(spec))
    assert BUDGET_EXCEEDED.code in limited[1]
    assert run(capsys, "check", "--format", "json", "--max-facts", "2", str(spec)) == limited
    status, out, _ = run(capsys, "check", "--format", "json", str(spec))
    assert BUDGET_EXCEEDED.code not in out
    assert status == 0


def _corrupt_truncated(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def _corrupt_garbage(entry: Path) -> None:
    entry.write_bytes(os.urandom(4096))


def _corrupt_flipped(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF
    entry.write_bytes(bytes(data))


def _corrupt_empty(entry: Path) -> None:
    entry.write_bytes(b"")


def _corrupt_symlink(entry: Path) -> None:
    target = entry.with_name("elsewhere")
    entry.rename(target)
    entry.symlink_to(target)


def _corrupt_fifo(entry: Path) -> None:
    entry.unlink()
    os.mkfifo(entry)


def _corrupt_writable_by_others(entry: Path) -> None:
    entry.chmod(0o666)


def _from_another_version(entry: Path) -> None:
    """A well-signed entry whose stamp names another version of the code."""
    store = ResultCache(entry.parent).store
    payload = store.load(entry.name)
    assert payload is not None
    _, value = pickle.loads(payload)
    store.store(entry.name, pickle.dumps(((FORMAT, "another version", entry.name), value)))


def _corrupt_key(entry: Path) -> None:
    (entry.parent / "key").write_bytes(os.urandom(32))


CORRUPTIONS = [_corrupt_truncated, _corrupt_garbage, _corrupt_flipped, _corrupt_empty,
               _corrupt_writable_by_others, _from_another_version, _corrupt_key]


def _assert_replaced(home: Path) -> None:
    cache = ResultCache(_results(home))
    entries = [e for e in _entries(home) if e.name != "elsewhere"]
    assert {e.name.split("-")[0] for e in entries} == {"run", "analysis"}
    for entry in entries:
        assert stat.S_ISREG(entry.lstat().st_mode)
        assert cache.load(entry.name) is not None, entry.name


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__.strip("_"))
def test_a_corrupt_entry_is_ignored_and_replaced(corrupt, tmp_path, capsys, cache_home):
    project = _project(tmp_path)
    expected = run(capsys, "check", "--format", "json", "--no-cache", str(project))
    assert run(capsys, "check", "--format", "json", str(project)) == expected
    for entry in _entries(cache_home):
        corrupt(entry)
    assert run(capsys, "check", "--format", "json", str(project)) == expected
    _assert_replaced(cache_home)
    assert run(capsys, "check", "--format", "json", str(project)) == expected


@pytest.mark.parametrize("corrupt", [_corrupt_symlink, _corrupt_fifo], ids=["symlink", "fifo"])
def test_an_entry_that_is_no_regular_file_is_replaced_without_a_hang(corrupt, tmp_path, bounded_cli):
    project = _project(tmp_path)
    home = tmp_path / "home"
    env = {"XDG_CACHE_HOME": str(home), "ALIGNSPEC_NO_CACHE": ""}
    expected = bounded_cli("check", "--format", "json", project, env=env)
    for entry in _entries(home):
        corrupt(entry)
    assert bounded_cli("check", "--format", "json", project, env=env, timeout=60) == expected
    _assert_replaced(home)


def test_an_unusable_cache_directory_turns_caching_off(tmp_path, capsys, monkeypatch, cache_home):
    project = _project(tmp_path)
    expected = run(capsys, "check", str(project))
    told = run(capsys, "check", "--verbose", str(project))[2].splitlines()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be\n")
    for home in (blocked, blocked / "below"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(home))
        assert run(capsys, "check", str(project)) == expected
        status, out, err = run(capsys, "check", "--verbose", str(project))
        assert (status, out) == expected[:2]
        assert len(err.splitlines()) == len(told)  # one line about the cache, as when it works
        assert str(home) in err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="permissions do not bind root")
def test_a_read_only_cache_directory_turns_caching_off(tmp_path, bounded_cli):
    project = _project(tmp_path)
    results = tmp_path / "home" / "alignspec" / "results"
    results.mkdir(parents=True, mode=0o700)
    results.chmod(0o500)
    env = {"XDG_CACHE_HOME": str(tmp_path / "home"), "ALIGNSPEC_NO_CACHE": ""}
    try:
        first = bounded_cli("check", project, env=env)
        assert first[2] == ""
        assert bounded_cli("check", project, env=env) == first
        assert list(results.iterdir()) == []
    finally:
        results.chmod(0o700)


def test_a_group_writable_cache_directory_is_not_trusted(tmp_path):
    _project(tmp_path)
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    folder.chmod(0o770)
    _checked(tmp_path, "project/main.align")
    assert list(folder.iterdir()) == []


def test_the_size_bound_evicts_the_least_recently_used(tmp_path):
    project = _project(tmp_path)
    cache = ResultCache(tmp_path / "bounded", max_total_bytes=1)
    check([str(project / "main.align")], CheckOptions(cache=cache))
    assert [p.name for p in (tmp_path / "bounded").iterdir()] == ["key"]
    cache.max_total_bytes = 10 ** 9
    check([str(project / "lib.align")], CheckOptions(cache=cache))
    older = {p.name for p in (tmp_path / "bounded").iterdir()} - {"key"}
    os.utime(tmp_path / "bounded", None)
    for entry in older:
        os.utime(tmp_path / "bounded" / entry, (1, 1))
    check([str(project / "main.align")], CheckOptions(cache=cache))
    newer = {p.name for p in (tmp_path / "bounded").iterdir()} - {"key"} - older
    newest = sum((tmp_path / "bounded" / p).stat().st_size for p in newer)
    cache.max_total_bytes = newest
    cache.trim()
    assert {p.name for p in (tmp_path / "bounded").iterdir()} - {"key"} == newer


def test_no_cache_the_environment_and_the_configuration_turn_it_off(tmp_path, capsys, monkeypatch, cache_home):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    run(capsys, "check", "--no-cache", ".")
    assert _entries(cache_home) == []
    monkeypatch.setenv("ALIGNSPEC_NO_CACHE", "1")
    run(capsys, "check", ".")
    assert _entries(cache_home) == []
    monkeypatch.delenv("ALIGNSPEC_NO_CACHE")
    write(project, "alignspec.toml", "cache = false\n")
    run(capsys, "check", ".")
    assert _entries(cache_home) == []
    run(capsys, "check", "--cache", ".")
    assert _entries(cache_home, "run-")


def test_a_wrong_config_value_is_an_error(tmp_path, capsys, cache_home):
    project = _project(tmp_path)
    write(project, "alignspec.toml", 'cache = "yes"\n')
    status, _, err = run(capsys, "check", "--config", str(project / "alignspec.toml"), str(project))
    assert status == 2
    assert "cache" in err


def test_the_version_digest_covers_the_code():
    assert len(code_version()) == 64
    assert result_cache.results_directory().parts[-2:] == ("alignspec", "results")


def test_the_suite_runs_without_the_cache():
    assert result_cache.disabled_by_environment()


@pytest.mark.parametrize("name", ["check-findings.json", "check-findings.sarif"])
def test_specs_missing_from_the_cache_are_analysed_by_the_jobs_asked_for(name, capsys, monkeypatch, cache_home):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    args = [*CASES[name], "--jobs", "2"]
    assert _golden_run(capsys, args).replace(" --jobs 2", "") == expected
    assert _entries(cache_home, "analysis-")
    assert _golden_run(capsys, args).replace(" --jobs 2", "") == expected


def test_what_the_timeout_cut_short_is_not_kept(tmp_path, cache_home):
    sys.path.insert(0, str(ROOT))
    from alignspec.limits import Budget
    from bench.hostile import chase_blowup

    (tmp_path / "slow.align").write_text(chase_blowup(13, 20), encoding="utf-8")
    (tmp_path / "quick.align").write_text("kind A\nkind B: A\nclaim: B(x) implies A(x)\n", encoding="utf-8")
    options = CheckOptions(budget=Budget(timeout=0.5), cache=ResultCache(tmp_path / "cache"))
    result = check([str(tmp_path / "quick.align"), str(tmp_path / "slow.align")], options)
    assert any(d.code == BUDGET_EXCEEDED.code for d in result.diagnostics)
    kept = [p for p in (tmp_path / "cache").iterdir() if p.name.startswith("analysis-")]
    assert len(kept) == 1  # the quick spec's, decided before the clock ran out
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith("run-")]
