"""The compiled-parser cache: written whole, loaded only when it is the user's own and its keyed
hash matches. Hostile files in its place (a FIFO, an endless device, a crafted pickle) are
ignored; the runs that meet them are bounded in time and memory."""

from __future__ import annotations

import os
import pickle
import resource
import stat
import subprocess
import sys

import pytest

from alignspec.syntax.parser import Grammar, default_grammar, grammar_text, parse_text
from alignspec.syntax.parser_cache import KEY_FILE, MAGIC, ParserCache

SPEC = "kind A\nkind B: A\nconcept c(x: B) := A(x)\nclaim: satisfiable c\n"


def cache_files(directory) -> list:
    return sorted(p for p in directory.iterdir() if p.name != KEY_FILE)


@pytest.fixture
def warm(tmp_path):
    """A cache directory holding the compiled grammar, and the cache object over it."""
    cache = ParserCache(tmp_path / "alignspec")
    assert not Grammar(grammar_text(), cache).from_cache
    return cache


def test_compiled_once_then_loaded_with_the_same_results(warm):
    again = Grammar(grammar_text(), warm)
    assert again.from_cache
    assert again.parse(SPEC, "a.align") == parse_text(SPEC, "a.align")
    assert stat.S_IMODE(os.stat(warm.directory).st_mode) == 0o700
    assert [stat.S_IMODE(p.stat().st_mode) for p in warm.directory.iterdir()] == [0o600, 0o600]
    assert len(cache_files(warm.directory)) == 1


def test_the_grammar_is_an_owned_object():
    assert default_grammar() is default_grammar()
    own = Grammar(grammar_text())
    assert own is not default_grammar() and own.transformer is not default_grammar().transformer
    assert own.parse(SPEC) == default_grammar().parse(SPEC)


def tamper(cache: ParserCache, how: str) -> None:
    [path] = cache_files(cache.directory)
    key = cache.directory / KEY_FILE
    if how == "one byte changed":
        data = bytearray(path.read_bytes())
        data[-1] ^= 1
        path.write_bytes(bytes(data))
    elif how == "group-writable":
        os.chmod(path, 0o620)
    elif how == "a link to a valid copy":
        copy = path.with_name("copy")
        path.rename(copy)
        os.symlink(copy.name, path)
    elif how == "key readable by others":
        os.chmod(key, 0o644)
    elif how == "another key":
        key.unlink()
        key.write_bytes(b"k" * 32)
        os.chmod(key, 0o600)
    elif how == "directory writable by others":
        os.chmod(cache.directory, 0o777)
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[:100])


@pytest.mark.parametrize("how", ["one byte changed", "group-writable", "a link to a valid copy",
                                 "key readable by others", "another key", "directory writable by others",
                                 "truncated"])
def test_a_cache_that_cannot_be_trusted_is_not_loaded(warm, how):
    tamper(warm, how)
    names = [p.name for p in cache_files(warm.directory)]
    assert all(warm.load(name) is None for name in names)
    grammar = Grammar(grammar_text(), warm)
    assert not grammar.from_cache
    assert grammar.parse(SPEC) == parse_text(SPEC)


def test_a_cache_stored_under_another_name_is_not_loaded(warm):
    [path] = cache_files(warm.directory)
    payload = warm.load(path.name)
    assert payload is not None
    os.rename(path, path.with_name("parser-other"))
    assert warm.load("parser-other") is None


class _Exploit:
    """Unpickling this writes a file: proof that a pickle was executed."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('executed')",))


def plant(directory, what: str, marker) -> None:
    """Put ``what`` in place of every cache file (the key aside) in ``directory``."""
    files = cache_files(directory)
    assert files
    for path in files:
        path.unlink()
        if what == "fifo":
            os.mkfifo(path)
        elif what == "endless":
            os.symlink("/dev/zero", path)
        else:
            exploit = pickle.dumps(_Exploit(marker))
            path.write_bytes(b"0\n" + exploit if what == "pickle after a line" else MAGIC + bytes(32) + exploit)
            os.chmod(path, 0o600)


MEMORY_CAP = 512 << 20


def cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_check(tmp_path, env) -> tuple[int, str, int]:
    """``alignspec check spec.align`` in a fresh process under a time limit and a memory cap:
    its status, its output and the peak of its resident memory in MiB."""
    code = ("import resource, sys\n"
            "from alignspec.cli import main\n"
            "status = main(['check', 'spec.align'])\n"
            "sys.stdout.flush()\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n"
            "sys.exit(status)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=120, preexec_fn=cap_memory)
    return done.returncode, done.stdout, int(done.stderr.split()[-1]) if done.stderr.split() else -1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("what", ["fifo", "endless", "pickle after a line", "pickle with a forged tag"])
def test_hostile_cache_files_are_ignored(tmp_path, what):
    home = tmp_path / "home"
    env = {"XDG_CACHE_HOME": str(home / ".cache"), "HOME": str(home), "LOCALAPPDATA": str(home), "NO_COLOR": "1"}
    (tmp_path / "spec.align").write_text(SPEC, encoding="utf-8")
    status, _, ordinary = run_check(tmp_path, env)
    assert status == 0
    marker = tmp_path / "executed"
    plant(home / ".cache" / "alignspec", what, marker)
    status, out, peak = run_check(tmp_path, env)
    assert status == 0 and out.endswith("in 1 file\n")
    assert not marker.exists()
    assert peak < ordinary + 64, (peak, ordinary)
