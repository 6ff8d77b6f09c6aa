"""How long the command line takes to start, against the interpreter starting and doing nothing.

    python bench/startup.py [--repeats N] [--json FILE]

Each command runs ``--repeats`` times in a fresh process, the commands taking turns so that a
change in the machine's load touches them alike; the figure of a command is its least wall time.
The reference is ``python -c pass`` with the same interpreter and environment, run in the same
loop: the tables give each command's time, its difference from the reference and their ratio.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

REFERENCE = ("-c", "pass")
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--version",),
    ("--help",),
    ("check", "--help"),
    ("codes",),
    ("explain", "AS200"),
)


def wall_time(args: tuple[str, ...]) -> float:
    """The wall time of one ``python ARGS`` run, in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(repeats: int, commands: tuple[tuple[str, ...], ...] = COMMANDS) -> dict[str, float]:
    """The least wall time of the reference and of ``alignspec`` with each of ``commands``."""
    runs = {REFERENCE: REFERENCE, **{c: ("-m", "alignspec", *c) for c in commands}}
    best = {key: float("inf") for key in runs}
    for _ in range(repeats):
        for key, args in runs.items():
            best[key] = min(best[key], wall_time(args))
    return {" ".join(key): seconds for key, seconds in best.items()}


def table(figures: dict[str, float]) -> str:
    reference = figures[" ".join(REFERENCE)]
    lines = [f"{'command':28} {'ms':>7} {'+ms':>7} {'ratio':>6}"]
    lines.append(f"{'python -c pass':28} {reference * 1000:7.1f} {'':>7} {'1.00':>6}")
    for name, seconds in figures.items():
        if name != " ".join(REFERENCE):
            lines.append(f"{'alignspec ' + name:28} {seconds * 1000:7.1f} {(seconds - reference) * 1000:7.1f} "
                         f"{seconds / reference:6.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20, help="runs of each command (default 20)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures (seconds) to FILE")
    options = parser.parse_args(argv)
    figures = measure(options.repeats)
    print(table(figures))
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
