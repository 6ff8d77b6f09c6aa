"""Measure the result cache in the documentation build and the language server: a Sphinx build
of ``docs/`` (which renders every library spec) and the reasoner stage of the language server
for one spec, each without the cache, with it empty and with it warm.

    python bench/docs_cache.py [--repeats N] [--spec NAME] [--json FILE]   (default: rflo)

Sphinx: each figure is the CPU time (user + system) of a fresh ``python -m sphinx -E -b html
docs OUT`` process into a new output directory, the minimum over the repeats, with
``XDG_CACHE_HOME`` in a temporary directory (the parser cache there is filled by a first run
that is not measured). ``no cache`` has ``ALIGNSPEC_NO_CACHE=1`` (the reference); ``cold`` an
empty result cache, so the build also stores its results; ``warm`` the results of the build
before it.

Then, in this process, ``alignspec.load`` of every library spec without the cache and with a
warm one (what the cache replaces in a build: the report's sections are rendered in both).

Language server: the reasoner stage (:func:`alignspec.lsp.workspace.run_analysis`) of the
library spec ``NAME`` opened from a copy on disk, in this process: without the cache, with an
empty one and with a warm one, the minimum CPU time over the repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _cpu_of(command: list[str], env: dict[str, str]) -> float:
    """The CPU time (user + system) of running ``command`` to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def sphinx(repeats: int) -> dict[str, float]:
    """The Sphinx build of ``docs/`` without the cache, cold and warm."""
    with tempfile.TemporaryDirectory(prefix="alignspec-bench-") as tmp:
        home = Path(tmp) / "cache-home"
        env = {**os.environ, "XDG_CACHE_HOME": str(home), "PYTHONWARNINGS": "ignore"}
        env.pop("ALIGNSPEC_NO_CACHE", None)
        runs = iter(range(1_000_000))

        def build(extra: dict[str, str]) -> float:
            out = Path(tmp) / f"out-{next(runs)}"
            return _cpu_of([sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html", "docs", str(out)],
                           {**env, **extra})

        def empty_results() -> None:
            shutil.rmtree(home / "alignspec" / "results", ignore_errors=True)

        build({"ALIGNSPEC_NO_CACHE": "1"})  # fills the parser cache, compiles the code
        figures: dict[str, list[float]] = {"no cache": [], "cold": [], "warm": []}
        for _ in range(repeats):
            figures["no cache"].append(build({"ALIGNSPEC_NO_CACHE": "1"}))
            empty_results()
            figures["cold"].append(build({}))
            figures["warm"].append(build({}))
    return {name: min(times) for name, times in figures.items()}


def language_server(name: str, repeats: int) -> dict[str, float]:
    """The reasoner stage for library spec ``name`` without the cache, cold and warm."""
    from pygls.uris import from_fs_path

    from alignspec.lsp.documents import DocumentStore
    from alignspec.lsp.workspace import run_analysis, take_snapshot
    from alignspec.model.loader import library_directory
    from alignspec.result_cache import ResultCache

    os.environ.pop("ALIGNSPEC_NO_CACHE", None)
    figures: dict[str, list[float]] = {"no cache": [], "cold": [], "warm": []}
    with tempfile.TemporaryDirectory(prefix="alignspec-bench-") as tmp:
        folder = Path(tmp)
        path = folder / f"{name}.align"
        shutil.copy(Path(library_directory()) / f"{name}.align", path)
        store = DocumentStore()
        uri = str(from_fs_path(str(path)))
        document = store.open(uri, path.read_text(encoding="utf-8"), 1)
        snapshot = take_snapshot(document, store, argparse.Namespace(isolated=True), [tmp])

        def timed(cache: ResultCache | None) -> float:
            start = time.process_time()
            run_analysis(snapshot, lambda: True, cache)
            return time.process_time() - start

        timed(None)  # warms the code
        for repeat in range(repeats):
            figures["no cache"].append(timed(None))
            results = folder / f"results-{repeat}"
            figures["cold"].append(timed(ResultCache(results)))
            figures["warm"].append(timed(ResultCache(results)))
    return {label: min(times) for label, times in figures.items()}


def library_loads(repeats: int) -> dict[str, float]:
    """``alignspec.load`` of every library spec in this process, without the cache and warm."""
    from alignspec.api import load
    from alignspec.model.loader import library_names
    from alignspec.result_cache import ResultCache

    names = sorted(library_names())
    figures: dict[str, list[float]] = {"no cache": [], "warm": []}
    with tempfile.TemporaryDirectory(prefix="alignspec-bench-") as tmp:
        for name in names:
            load(name, cache=ResultCache(tmp))  # fills the cache, warms the code
        for _ in range(repeats):
            start = time.process_time()
            for name in names:
                load(name)
            figures["no cache"].append(time.process_time() - start)
            start = time.process_time()
            for name in names:
                load(name, cache=ResultCache(tmp))
            figures["warm"].append(time.process_time() - start)
    return {label: min(times) for label, times in figures.items()}


def _table(title: str, figures: dict[str, float]) -> list[str]:
    reference = figures["no cache"]
    return [title, *(f"  {label:<12} {value:7.3f} s CPU   x {reference / value:4.1f}"
                     for label, value in figures.items())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--spec", default="rflo")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    built = sphinx(args.repeats)
    loaded = library_loads(max(3, args.repeats))
    served = language_server(args.spec, max(3, args.repeats))
    print("\n".join(_table("fresh process: sphinx-build -E -b html docs", built)
                    + _table("one process: alignspec.load of every library spec", loaded)
                    + _table(f"one process: the language server's reasoner stage for {args.spec}", served)))
    if args.json:
        Path(args.json).write_text(json.dumps({"sphinx": built, "load": loaded, "lsp": served}, indent=2) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
