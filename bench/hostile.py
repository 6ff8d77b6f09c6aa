"""Hostile specs: small inputs that make a checker do a great deal of work, each checked under
the default limits in a fresh process, with its wall time, CPU time and peak memory.

    python bench/hostile.py [CASE ...] [--quick] [--cap SECONDS] [--json FILE] [-- CHECK-OPTIONS]

Each case is written to a temporary file and checked by ``python -m alignspec check --format
json FILE`` in a child process; the parent reads the child's resource usage (``wait4``), so the
figures are the whole command's: interpreter start, parse, reasoning and output. A child that
runs past ``--cap`` (default 300 s) is killed and reported as such. Options after ``--`` are
passed to every ``check`` (for instance ``-- --timeout 5``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent


def chase_blowup(depth: int = 16, claims: int = 20) -> str:
    """Two existential rules per level of a kind chain, so a chase from level 0 builds a binary
    tree of ``2 ** (depth + 1)`` entities, under a transitive relation that both rules' relations
    are sub-relations of (each entity is related to all its ancestors); ``claims`` claims chase it
    from the first levels, and each fails, so each wants a counterexample."""
    out = ['spec blowup "existential and transitive rules that make every chase grow"', "kind Node"]
    out += [f"kind L{i}: Node" for i in range(depth + 1)]
    out += ["kind Goal", "relation below(Node, Node) transitive",
            "relation left(Node, Node): below", "relation right(Node, Node): below", "framing grow {"]
    for i in range(depth):
        out.append(f"    rule l{i}: L{i}(x) -> left(x, y), L{i + 1}(y)")
        out.append(f"    rule r{i}: L{i}(x) -> right(x, y), L{i + 1}(y)")
    out.append("}")
    out += [f"claim c{k} under grow: L{k % 3}(x) implies Goal(x)" for k in range(claims)]
    return "\n".join(out) + "\n"


def many_framings(count: int = 2_000) -> str:
    """``count`` framings, each extending the one before with one rule, over a handful of
    concepts that every framing classifies, and one claim under the last."""
    out = ['spec framings "a long line of framings"', "kind Agent", "kind Goal",
           "relation pursues(Agent, Goal)", "relation endorses(Agent, Goal)"]
    out += [f"concept c{i}(a: Agent) := pursues(a, g), endorses(a, g{i})" for i in range(5)]
    previous = ""
    for i in range(count):
        extends = f" extends {previous}" if previous else ""
        out.append(f"framing f{i}{extends} {{ rule r{i}: pursues(a, g) -> endorses(a, g) }}")
        previous = f"f{i}"
    out.append(f"claim last under {previous}: pursues(a, g) implies endorses(a, g)")
    return "\n".join(out) + "\n"


def many_concepts(count: int = 3_000) -> str:
    """``count`` concepts over a few kinds and relations, so classification compares many pairs."""
    out = ['spec concepts "many concepts to classify"', "kind Agent", "kind Goal: Agent",
           "relation pursues(Agent, Goal)", "relation endorses(Agent, Goal)", "relation knows(Agent, Agent)"]
    relations = ("pursues", "endorses", "knows")
    for i in range(count):
        atoms = [f"{relations[(i >> k) % 3]}(a, x{k})" for k in range(1 + i % 3)]
        out.append(f"concept c{i}(a: Agent) := {', '.join(atoms)}")
    return "\n".join(out) + "\n"


def kind_chain(length: int = 8_000) -> str:
    """A chain of ``length`` kinds, each a sub-kind of the one before, and one claim about the
    last that fails (so a counterexample of one entity in every kind of the chain is written)."""
    out = ['spec chain "a long chain of kinds"', "kind K0", "kind Other"]
    out += [f"kind K{i}: K{i - 1}" for i in range(1, length)]
    out.append(f"claim fails: K{length - 1}(x) implies Other(x)")
    return "\n".join(out) + "\n"


def long_doc_string(size: int = 10 * 1024 * 1024) -> str:
    """One kind whose doc string is ``size`` bytes."""
    return f'spec doc "one long doc string"\nkind Agent "{"a" * size}"\n'


def deep_concepts(depth: int = 1_000) -> str:
    """A chain of ``depth`` concepts, each using the one before and adding one atom, so the last
    unfolds into ``depth`` atoms, and a claim about it."""
    out = ['spec deep "a deep chain of concepts"', "kind Agent", "relation knows(Agent, Agent)",
           "concept c0(a: Agent) := knows(a, b)"]
    out += [f"concept c{i}(a: Agent) := c{i - 1}(a), knows(a, b)" for i in range(1, depth)]
    out.append(f"claim deep: c{depth - 1}(a) implies knows(a, b)")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Case:
    """A hostile spec and how to make it at full size and at a quick size."""

    name: str
    make: Callable[..., str]
    full: int
    quick: int


CASES = (
    Case("chase-blowup", chase_blowup, 16, 10),
    Case("framings", many_framings, 2_000, 200),
    Case("concepts", many_concepts, 3_000, 300),
    Case("kind-chain", kind_chain, 8_000, 1_000),
    Case("doc-string", long_doc_string, 10 * 1024 * 1024, 1024 * 1024),
    Case("deep-concepts", deep_concepts, 1_000, 200),
)


def measure(path: Path, options: list[str], cap: float) -> dict[str, object]:
    """Check ``path`` in a fresh process: exit status, wall and CPU seconds, peak RSS in MiB,
    the claims' statuses and whether the process was killed at ``cap``."""
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "alignspec", "check", "--isolated", "--format", "json", *options, str(path)]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        killed = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > cap:
                child.send_signal(signal.SIGKILL)
                killed = True
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        claims = _claim_statuses(out) if not killed else {}
    return {"status": child.returncode, "killed": killed, "wall_s": round(wall, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "peak_mib": round(usage.ru_maxrss / 1024),
            "claims": claims}


_COUNT_STATUSES = """
import collections, json, sys
try:
    claims = json.load(sys.stdin).get("claims", [])
except ValueError:
    claims = []
print(json.dumps(collections.Counter(c["status"] for c in claims)))
"""


def _claim_statuses(output: IO[bytes]) -> dict[str, int]:
    """How many claims of each status a JSON report gives. Read in a child of its own: a parent
    grown by a large report would pass its peak memory on to the children it starts next."""
    done = subprocess.run([sys.executable, "-c", _COUNT_STATUSES], stdin=output, capture_output=True, check=False)
    try:
        counts: dict[str, int] = json.loads(done.stdout)
    except ValueError:
        return {}
    return counts


def main(argv: list[str] | None = None) -> int:
    """Generate the chosen cases, measure each in a fresh process and print one line per case."""
    argv = list(sys.argv[1:] if argv is None else argv)
    options = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(prog="bench/hostile.py", description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", choices=[[], *(c.name for c in CASES)], default=[])
    parser.add_argument("--quick", action="store_true", help="the smaller sizes")
    parser.add_argument("--cap", type=float, default=300.0, help="kill a check after this many seconds")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    chosen = [c for c in CASES if not args.cases or c.name in args.cases]
    rows = []
    print(f"{'case':<14} {'size':>9} {'bytes':>10} {'exit':>4} {'wall s':>7} {'cpu s':>7} {'peak MiB':>8}  claims")
    with tempfile.TemporaryDirectory() as directory:
        for case in chosen:
            size = case.quick if args.quick else case.full
            path = Path(directory) / f"{case.name.replace('-', '_')}.align"
            path.write_text(case.make(size), encoding="utf-8")
            row = {"case": case.name, "size": size, "bytes": path.stat().st_size,
                   **measure(path, options, args.cap)}
            rows.append(row)
            exit_text = "kill" if row["killed"] else str(row["status"])
            claims = ", ".join(f"{n} {s}" for s, n in sorted(row["claims"].items()))  # type: ignore[attr-defined]
            print(f"{case.name:<14} {size:>9} {row['bytes']:>10} {exit_text:>4} {row['wall_s']:>7} "
                  f"{row['cpu_s']:>7} {row['peak_mib']:>8}  {claims}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
