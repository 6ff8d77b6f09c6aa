"""The homomorphism search alone, beside the reference search it replaced (the one kept in
``tests/reasoning/reference_homomorphism.py``), in the same process, on patterns of thousands of
atoms like those that concept expansion makes.

    python bench/homomorphism_search.py [--sizes 100,1000,5000] [--repeats 3] [--json FILE]

Shapes: ``star`` is the pattern of ``bench/hostile.py deep-concepts`` (one variable, fixed, with
an atom per fresh variable: ``knows(a, b1), knows(a, b2), ...``) over an entity with three
successors; ``chain`` a path ``Agent(v0), knows(v0, v1), Agent(v1), ...`` over a cycle of three
agents; ``chain-fails`` the same path fixed at one end of a path of entities one shorter than the
pattern, so the search goes all the way down and back. Each row gives the CPU seconds of one
search (the best of ``--repeats``), the steps both counted (they must agree), the peak memory
that ``tracemalloc`` sees during a search, and the ratio reference / new. A second table gives
the best partial match (what ``check`` explains a failing claim with) on ``chain-fails``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from alignspec.reasoning.homomorphism import _search, _start, best_partial_match  # noqa: E402
from alignspec.reasoning.instance import Instance  # noqa: E402
from alignspec.reasoning.logic import Atom  # noqa: E402
from alignspec.reasoning.run_budget import StepCounter  # noqa: E402
from tests.reasoning.reference_homomorphism import reference_best_partial_match, reference_search  # noqa: E402

Search = Callable[[list[Atom], dict[str, int], Instance, StepCounter], Iterator[dict[str, int]]]
Case = tuple[list[Atom], Instance, dict[str, int]]


def star(n: int) -> Case:
    inst = Instance()
    a = inst.add_entity("a", named=True)
    for i in range(3):
        inst.add_fact("knows", (a, inst.add_entity(f"b{i}")))
    return [Atom("knows", ("a", f"b{i}")) for i in range(n)], inst, {"a": a}


def _path(n: int) -> list[Atom]:
    out: list[Atom] = []
    i = 0
    while len(out) < n:
        out += [Atom("Agent", (f"v{i}",)), Atom("knows", (f"v{i}", f"v{i + 1}"))]
        i += 1
    return out[:n]


def chain(n: int) -> Case:
    inst = Instance()
    agents = [inst.add_entity(f"e{i}") for i in range(3)]
    for i, e in enumerate(agents):
        inst.add_fact("Agent", (e,))
        inst.add_fact("knows", (e, agents[(i + 1) % 3]))
        inst.add_fact("knows", (e, agents[(i + 2) % 3]))
    return _path(n), inst, {}


def chain_fails(n: int) -> Case:
    pattern = _path(n)
    links = sum(1 for atom in pattern if atom.pred == "knows")
    inst = Instance()
    nodes = [inst.add_entity(f"e{i}") for i in range(links)]  # one entity short of the pattern's path
    for i, e in enumerate(nodes):
        inst.add_fact("Agent", (e,))
        if i + 1 < len(nodes):
            inst.add_fact("knows", (e, nodes[i + 1]))
    return pattern, inst, {"v0": nodes[0]}


SHAPES: dict[str, Callable[[int], Case]] = {"star": star, "chain": chain, "chain-fails": chain_fails}


def run(search: Search, case: Case) -> tuple[bool, int]:
    """Whether the search finds a homomorphism, and the steps it counted (its own and outside)."""
    pattern, inst, fixed = case
    counter = StepCounter(10**12)
    found = next(search(pattern, _start(pattern, inst, fixed), inst, counter), None)
    return found is not None, counter.steps


def cpu(search: Search, case: Case, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run(search, case)
        best = min(best, time.process_time() - start)
    return best


def peak(search: Search, case: Case) -> int:
    tracemalloc.start()
    try:
        run(search, case)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(sizes: list[int], repeats: int) -> list[dict]:
    rows = []
    for shape, make in SHAPES.items():
        for n in sizes:
            case = make(n)
            new, old = run(_search, case), run(reference_search, case)
            if new != old:
                raise SystemExit(f"{shape} {n}: the searches disagree: {new} against {old}")
            rows.append({"shape": shape, "atoms": n, "found": new[0], "steps": new[1],
                         "new_s": cpu(_search, case, repeats), "reference_s": cpu(reference_search, case, repeats),
                         "new_peak_bytes": peak(_search, case), "reference_peak_bytes": peak(reference_search, case)})
    return rows


def measure_partial(sizes: list[int], repeats: int) -> list[dict]:
    rows = []
    for n in sizes:
        pattern, inst, fixed = chain_fails(n)
        times = {}
        for name, match in (("new", best_partial_match), ("reference", reference_best_partial_match)):
            best = float("inf")
            for _ in range(repeats):
                start = time.process_time()
                found = match(pattern, inst, fixed)
                best = min(best, time.process_time() - start)
            times[name] = (best, found)
        if times["new"][1] != times["reference"][1]:
            raise SystemExit(f"best partial match {n}: the searches disagree")
        rows.append({"atoms": n, "unmatched": len(times["new"][1][1]), "new_s": times["new"][0],
                     "reference_s": times["reference"][0]})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    rows = measure([int(s) for s in args.sizes.split(",")], args.repeats)
    print("| shape | atoms | found | steps | new CPU s | reference CPU s | ratio | new peak KiB | reference peak KiB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['shape']} | {r['atoms']:,} | {'yes' if r['found'] else 'no'} | {r['steps']:,} | {r['new_s']:.4f} "
              f"| {r['reference_s']:.4f} | {r['reference_s'] / max(r['new_s'], 1e-9):.1f}x "
              f"| {r['new_peak_bytes'] // 1024:,} | {r['reference_peak_bytes'] // 1024:,} |")
    partial = measure_partial([int(s) for s in args.sizes.split(",")], args.repeats)
    print()
    print("| best partial match, chain-fails | unmatched | new CPU s | reference CPU s | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for r in partial:
        print(f"| {r['atoms']:,} | {r['unmatched']} | {r['new_s']:.4f} | {r['reference_s']:.4f} "
              f"| {r['reference_s'] / max(r['new_s'], 1e-9):.1f}x |")
    if args.json:
        Path(args.json).write_text(json.dumps({"search": rows, "partial": partial}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
