"""``alignspec check`` of the shipped library with one process and with several.

    python bench/jobs.py [--jobs 1,2] [--repeats N] [--json FILE] [PATH ...]

Each ``check --isolated --jobs J PATH...`` (default PATH: the library, ``ontology/``) runs
``--repeats`` times in a fresh process, the job counts taking turns. Wall is the least wall time;
CPU is the least user + system time of the command and every worker process it started
(``RUSAGE_CHILDREN``). The ratios are against the smallest job count (``--jobs 1``) in the same loop.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

LIBRARY = str(Path(__file__).resolve().parent.parent / "ontology")


def one_run(jobs: int, paths: list[str]) -> tuple[float, float]:
    """``(wall, cpu)`` seconds of one ``alignspec check --jobs JOBS PATHS`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "alignspec", "check", "--isolated", "--quiet", "--jobs", str(jobs), *paths],
                   stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(jobs: list[int], repeats: int, paths: list[str]) -> dict[int, tuple[float, float]]:
    """The least wall and the least CPU time of each job count."""
    best = {j: (float("inf"), float("inf")) for j in jobs}
    for _ in range(repeats):
        for j in jobs:
            wall, cpu = one_run(j, paths)
            best[j] = (min(best[j][0], wall), min(best[j][1], cpu))
    return best


def table(figures: dict[int, tuple[float, float]]) -> str:
    wall_1, cpu_1 = figures[min(figures)]
    lines = [f"{'jobs':>4} {'wall s':>7} {'CPU s':>7} {'wall/j1':>8} {'CPU/j1':>7}"]
    for jobs, (wall, cpu) in sorted(figures.items()):
        lines.append(f"{jobs:>4} {wall:7.2f} {cpu:7.2f} {wall / wall_1:8.2f} {cpu / cpu_1:7.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[LIBRARY], help="what to check (default: the library)")
    parser.add_argument("--jobs", default="1,2",
                        help="comma-separated job counts; the smallest is the reference (default 1,2)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each job count (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures (seconds) to FILE")
    options = parser.parse_args(argv)
    figures = measure([int(j) for j in options.jobs.split(",")], options.repeats, options.paths)
    print(table(figures))
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump({str(j): {"wall": w, "cpu": c} for j, (w, c) in figures.items()}, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
