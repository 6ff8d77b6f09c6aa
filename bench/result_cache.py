"""Measure the result cache: ``alignspec check`` of unchanged specs with a warm cache against
the same command without one.

    python bench/result_cache.py [--repeats N] [--json FILE] [TARGET ...]   (default: ontology)

Each figure is the CPU time (user + system) of a fresh ``python -m alignspec check TARGET``
process, the minimum over the repeats, with ``XDG_CACHE_HOME`` in a temporary directory (the
parser cache there is filled by a first run that is not measured):

- ``no cache``: ``--no-cache``, the reference;
- ``cold``: the cache on but empty, so the run also stores its results;
- ``warm``: the cache holding this very run;
- ``one leaf edited``: a copy of the targets in which one spec that nothing imports gained a
  comment, so that only it is analysed again;
- ``import only``: ``python -c "import alignspec.cli.main"``, the floor no cache can lower.

Then the same in one process (``check()`` without and with a warm cache), where the interpreter's
start and the imports do not count.
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


def _cpu_of(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """The CPU time (user + system) of running ``command`` to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _best(command: list[str], env: dict[str, str], cwd: Path, repeats: int, before=None) -> float:
    times = []
    for _ in range(repeats):
        if before is not None:
            before()
        times.append(_cpu_of(command, env, cwd))
    return min(times)


def _leaf(folder: Path) -> Path:
    """A spec in ``folder`` that no other spec there imports (the last such, by name)."""
    specs = sorted(folder.glob("*.align"))
    texts = {p: p.read_text(encoding="utf-8") for p in specs}
    imported = {p for p in specs for text in texts.values() if f"import {p.stem}" in text or f'"{p.name}"' in text}
    return [p for p in specs if p not in imported][-1]


def in_process(targets: list[str], cache_dir: Path, cwd: Path) -> dict[str, float]:
    """``check()`` of ``targets`` without a cache and with a warm one, in this process."""
    from alignspec.check import CheckOptions, check
    from alignspec.result_cache import ResultCache

    os.chdir(cwd)
    check(targets, CheckOptions(cache=ResultCache(cache_dir)))  # fills the cache, warms the code
    start = time.process_time()
    check(targets, CheckOptions())
    uncached = time.process_time() - start
    start = time.process_time()
    check(targets, CheckOptions(cache=ResultCache(cache_dir)))
    return {"no cache": uncached, "warm": time.process_time() - start}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/result_cache.py", description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=["ontology"], metavar="TARGET")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    args = parser.parse_args(argv)
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary) / "cache-home"
        env = {k: v for k, v in os.environ.items() if k not in ("ALIGNSPEC_NO_CACHE", "PYTHONDONTWRITEBYTECODE")}
        env.update(XDG_CACHE_HOME=str(home), NO_COLOR="1", PYTHONHASHSEED="0")
        check = [sys.executable, "-m", "alignspec", "check", *args.targets]
        subprocess.run([*check, "--no-cache"], env=env, cwd=ROOT, capture_output=True)  # parser cache, .pyc files
        results = home / "alignspec" / "results"
        figures["fresh process"] = {
            "no cache": _best([*check, "--no-cache"], env, ROOT, args.repeats),
            "cold": _best(check, env, ROOT, args.repeats, before=lambda: shutil.rmtree(results, ignore_errors=True)),
            "warm": _best(check, env, ROOT, args.repeats),
            "import only": _best([sys.executable, "-c", "import alignspec.cli.main"], env, ROOT, args.repeats),
        }
        copy = Path(temporary) / "copy"
        folders = [ROOT / t for t in args.targets if (ROOT / t).is_dir()]
        if len(folders) == 1:
            shutil.copytree(folders[0], copy)
            leaf = _leaf(copy)
            copied = [sys.executable, "-m", "alignspec", "check", str(copy)]
            _cpu_of(copied, env, ROOT)

            def edit() -> None:
                with leaf.open("a", encoding="utf-8") as handle:
                    handle.write("// edited\n")

            figures["fresh process"]["one leaf edited"] = _best(copied, env, ROOT, args.repeats, before=edit)
        figures["one process"] = in_process(args.targets, Path(temporary) / "in-process", ROOT)
    for where, times in figures.items():
        reference = times["no cache"]
        print(f"{where}: alignspec check {' '.join(args.targets)}")
        for name, seconds in times.items():
            print(f"  {name:16} {seconds:7.3f} s CPU   x{reference / seconds:5.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
