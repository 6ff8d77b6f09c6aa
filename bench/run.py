"""Run the AlignSpec benchmarks and print their tables.

    python bench/run.py [parse|classify|saturation|scenario|framings|all] [--quick] [--json FILE]

Every measured phase runs in a fresh Python process, so that the peak memory of one size does
not leak into the next; the parent generates the spec, writes it to a temporary file and
collects what each child reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import (  # noqa: E402
    SCENARIO_SHAPES,
    chained_spec,
    classification_spec,
    parse_spec,
    scenario_spec,
)

PARSE_SIZES = (1_000, 10_000, 100_000)
PARSE_SIZES_QUICK = (1_000, 10_000)
CLASSIFY_SIZES = (100, 300, 1_000)
CLASSIFY_SIZES_QUICK = (100, 300)
SATURATION_SIZES = (300, 1_000, 5_000)
SATURATION_SIZES_QUICK = (300, 1_000)
SCENARIO_SIZES = (10_000, 100_000)
SCENARIO_SIZES_QUICK = (1_000, 10_000)
SCENARIO_PHASES = ("chase", "check", "table")
BIG_BYTES = 5 * 1024 * 1024
WARM_UP = 'kind A "a"\nkind B: A\nrelation r(A, B) functional\nconcept c(x: A) := r(x, y), B(y)\n'


# ---------------------------------------------------------------------------------------------
# the child side


def _max_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


_WALL: list[float] = []


def _timed(action, repeats: int) -> tuple[list[float], int, object]:
    """Run ``action`` ``repeats`` times; the CPU times (wall-clock times go to ``_WALL``), the
    peak RSS growth of the first run (KiB) over the peak before it, and the first run's result."""
    base = _max_rss_kb()
    times, first = [], None
    _WALL.clear()
    for i in range(repeats):
        start, wall = time.process_time(), time.perf_counter()
        result = action()
        times.append(time.process_time() - start)
        _WALL.append(time.perf_counter() - wall)
        if i == 0:
            peak = _max_rss_kb()
            first = result
        del result
    return times, max(0, peak - base), first


def _phase_parse(args: dict) -> dict:
    from alignspec.syntax.parser import parse_text
    from bench.floor import tokenize

    path = args["path"]
    phase = args["phase"]
    text = Path(path).read_text(encoding="utf-8")
    extra: dict = {}
    if phase == "floor":
        tokenize(WARM_UP)
        action = lambda: tokenize(text)  # noqa: E731
    elif phase == "parse":
        parse_text(WARM_UP)
        action = lambda: parse_text(text, path)  # noqa: E731
    elif phase == "lark-tree":
        from lark import Lark

        from alignspec.syntax.parser import grammar_text

        lark = Lark(grammar_text(), parser="lalr", lexer="contextual")
        lark.parse(WARM_UP)
        action = lambda: lark.parse(text)  # noqa: E731
    elif phase == "load":
        from alignspec.model.loader import Loader

        with tempfile.TemporaryDirectory() as warm:
            small = os.path.join(warm, "warm.align")
            Path(small).write_text(WARM_UP, encoding="utf-8")
            Loader([warm]).load(small)
        root = os.path.dirname(path)

        def action():
            loaded = Loader([root]).load(path)
            return loaded

    else:
        raise ValueError(phase)
    times, growth, first = _timed(action, args["repeats"])
    if phase == "floor":
        extra["tokens"] = first
    elif phase == "parse":
        extra["statements"] = len(first.statements)
    elif phase == "load":
        errors = [d for d in first.diagnostics if d.severity.value == "error"]
        extra["errors"] = len(errors)
        if errors:
            extra["first_error"] = f"{errors[0].name}: {errors[0].message}"
    return {"times": times, "wall": list(_WALL), "rss_growth_kb": growth, "max_rss_kb": _max_rss_kb(), **extra}


def concept_formulas(unit, builder) -> dict:
    """The root spec's usable concepts expanded as the framing analysis expands them:
    name -> (parameters, atoms)."""
    from alignspec.analysis.framings import concept_usable

    memo: dict[int, bool] = {}
    return {builder.namer(concept): builder.expander.concept_formula(concept)
            for concept in unit.concepts if concept_usable(concept, memo)}


def _phase_classify(args: dict) -> dict:
    from alignspec.analysis.axioms import TheoryBuilder
    from alignspec.analysis.spec import analyse
    from alignspec.model.loader import Loader
    from alignspec.reasoning.classification import classify
    from alignspec.reasoning.logic import Budget

    path = args["path"]
    loaded = Loader([os.path.dirname(path)]).load(path)
    unit = loaded.unit
    errors = [d for d in loaded.diagnostics if d.severity.value == "error"]
    if errors:
        raise SystemExit(f"generated spec has errors: {errors[0].message}")
    if args["phase"] == "analyse":
        if args.get("profile"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            analyse(unit)
            profiler.disable()
            stats = pstats.Stats(profiler, stream=sys.stderr)
            stats.sort_stats("cumulative").print_stats(30)
            stats.sort_stats("tottime").print_stats(20)
            return {}
        times, growth, result = _timed(lambda: analyse(unit), args["repeats"])
        return {"times": times, "wall": list(_WALL), "rss_growth_kb": growth, "max_rss_kb": _max_rss_kb(),
                "findings": len(result.reporter.diagnostics), "claims": len(result.claims),
                "outcomes": sorted(_outcome_counts(result).items())}
    if "saturation" in args:
        from alignspec.reasoning import saturation

        saturation.ENABLED = args["saturation"]
    builder = TheoryBuilder(unit)
    framing = next(f for f in unit.framings if f.name == "F")
    theory = builder.theory(framing)
    concepts = concept_formulas(unit, builder)
    if args.get("profile"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        classify(theory, concepts, Budget())
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(15)
        return {}
    times, growth, result = _timed(lambda: classify(theory, concepts, Budget()), args["repeats"])
    return {
        "times": times, "wall": list(_WALL), "rss_growth_kb": growth, "max_rss_kb": _max_rss_kb(),
        "concepts": len(concepts), "implications": result.implications.number_of_edges(),
        "classes": len(result.classes), "collapses": len(result.collapses()),
        "unsatisfiable": len(result.unsatisfiable), "unknown": len(result.unknown),
        "unknown_pairs": len(result.unknown_pairs),
    }


def _outcome_counts(result) -> dict[str, int]:
    """How many claims ended in each status (a check that two runs decided the same)."""
    counts: dict[str, int] = {}
    for outcome in result.claims:
        status = getattr(outcome, "status", None)
        key = getattr(status, "value", str(status))
        counts[key] = counts.get(key, 0) + 1
    return counts


def scenario_budget():
    """The budget of the scenario phases: large enough that no limit stops the measured work
    (the default :class:`Budget` is tried separately, see ``_phase_scenario``)."""
    from alignspec.reasoning.logic import Budget

    return Budget(max_entities=10_000_000, max_facts=100_000_000, max_search_steps=1_000_000_000)


def _phase_scenario(args: dict) -> dict:
    from alignspec.analysis.axioms import TheoryBuilder
    from alignspec.analysis.scenarios import ScenarioEvaluator
    from alignspec.analysis.spec import analyse
    from alignspec.diagnostic_collector import DiagnosticCollector
    from alignspec.model.loader import Loader
    from alignspec.reasoning.chase import chase
    from alignspec.reasoning.logic import Budget

    path = args["path"]
    budget = scenario_budget()
    with tempfile.TemporaryDirectory() as warm:
        small = os.path.join(warm, "warm.align")
        Path(small).write_text(WARM_UP + "scenario s {\n    A a\n    B b\n    r(a, b)\n    expect B(b)\n}\n",
                               encoding="utf-8")
        analyse(Loader([warm]).load(small).unit, budget, tables=True)
    start = time.process_time()
    loaded = Loader([os.path.dirname(path)]).load(path)
    load_time = time.process_time() - start
    unit = loaded.unit
    errors = [d for d in loaded.diagnostics if d.severity.value == "error"]
    if errors:
        raise SystemExit(f"generated spec has errors: {errors[0].name}: {errors[0].message}")
    scenario = unit.scenarios[0]
    phase = args["phase"]
    base = {"load": load_time}
    if phase == "chase":
        builder = TheoryBuilder(unit)
        evaluator = ScenarioEvaluator(builder, {}, budget, lambda framing: True, DiagnosticCollector())
        instance, _, _ = evaluator._world(scenario)
        theory = builder.theory(scenario.framing)
        times, growth, result = _timed(lambda: chase(instance, theory, budget), args["repeats"])
        world = result.instance
        merges = sum(result.fired.get(a.label, 0) for a in theory.axioms if a.equality is not None)
        out = {**base, "times": times, "wall": list(_WALL), "rss_growth_kb": growth, "max_rss_kb": _max_rss_kb(),
               "status": result.status, "given": instance.num_facts(), "facts": world.num_facts(),
               "entities": world.num_entities(), "rounds": result.rounds, "steps": result.steps,
               "merges": merges}
        del result, world
        out["default_budget"] = chase(instance, theory, Budget()).status
        return out
    tables = phase == "table"
    if args.get("profile"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        analyse(unit, budget, tables=tables)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(15)
        return {}
    times, growth, result = _timed(lambda: analyse(unit, budget, tables=tables), args["repeats"])
    evaluation = result.scenarios[0]
    findings = [d for d in result.reporter.diagnostics if d.severity.value != "info"]
    return {**base, "times": times, "wall": list(_WALL), "rss_growth_kb": growth, "max_rss_kb": _max_rss_kb(),
            "status": evaluation.status, "expectations": len(evaluation.expectations),
            "passed": sum(e.passed for e in evaluation.expectations), "cells": len(evaluation.cells),
            "derived": len(evaluation.derivations), "findings": [f"{d.name}: {d.message}" for d in findings]}


def _worker(payload: str) -> None:
    args = json.loads(payload)
    phases = {"parse": _phase_parse, "classify": _phase_classify, "scenario": _phase_scenario}
    result = phases[args["bench"]](args)
    print(json.dumps(result))


# ---------------------------------------------------------------------------------------------
# the parent side


def run_phase(bench: str, phase: str, path: str, repeats: int = 1, **extra) -> dict:
    """Run one measured phase in a fresh interpreter and return what it reports."""
    payload = json.dumps({"bench": bench, "phase": phase, "path": path, "repeats": repeats, **extra})
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, __file__, "_worker", payload], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{bench}/{phase} failed:\n{done.stderr}")
    if extra.get("profile"):
        sys.stdout.write(done.stderr)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _mb(kb: float) -> str:
    return f"{kb / 1024:.1f}"


def _table(headers: list[str], rows: list[list]) -> str:
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> dict:
    """The machine the figures come from: CPU model, core count, memory, Python."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory,
            "python": platform.python_version(), "platform": platform.platform()}


def bench_parse(quick: bool, seed: int = 0) -> dict:
    """Parse and resolve times beside the regex floor, per size; and the 5 MB spec's peak."""
    sizes = PARSE_SIZES_QUICK if quick else PARSE_SIZES
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for lines in sizes:
            text = parse_spec(lines, seed)
            path = os.path.join(tmp, f"spec_{lines}.align")
            Path(path).write_text(text, encoding="utf-8")
            repeats = 1 if quick else (5 if lines <= 1_000 else 3 if lines <= 10_000 else 1)
            row = {"lines": text.count("\n"), "bytes": len(text.encode("utf-8"))}
            for phase in ("floor", "parse", "load", "lark-tree"):
                if quick and phase == "lark-tree":
                    continue
                row[phase] = run_phase("parse", phase, path, max(repeats, 5) if phase == "floor" else repeats)
            results.append(row)
            print(f"  parsed {row['lines']} lines", file=sys.stderr)
        big = None
        if not quick:
            text = parse_spec(max_bytes=BIG_BYTES, seed=seed + 1)
            path = os.path.join(tmp, "spec_5mb.align")
            Path(path).write_text(text, encoding="utf-8")
            big = {"lines": text.count("\n"), "bytes": len(text.encode("utf-8")),
                   "parse": run_phase("parse", "parse", path), "load": run_phase("parse", "load", path)}
    return {"sizes": results, "big": big}


def print_parse(data: dict) -> None:
    """The parse benchmark's tables."""
    rows = []
    previous = None
    for row in data["sizes"]:
        floor, parse, load = (min(row[p]["times"]) for p in ("floor", "parse", "load"))
        tree = min(row["lark-tree"]["times"]) if "lark-tree" in row else None
        growth = "" if previous is None else f"{parse / previous[0]:.1f} / {load / previous[1]:.1f}"
        rows.append([
            row["lines"], f"{row['bytes'] / 1024:.0f}", row["floor"]["tokens"],
            f"{floor * 1000:.1f}", f"{parse * 1000:.0f}", f"{(load - parse) * 1000:.0f}", f"{load * 1000:.0f}",
            f"{parse / floor:.1f}", f"{load / floor:.1f}",
            "" if tree is None else f"{tree / floor:.1f}", growth,
            _mb(row["parse"]["rss_growth_kb"]), _mb(row["load"]["rss_growth_kb"]), _mb(row["load"]["max_rss_kb"]),
        ])
        previous = (parse, load)
    print(_table(["lines", "KiB", "tokens", "floor ms", "parse ms", "resolve ms", "parse+resolve ms",
                  "parse/floor", "p+r/floor", "lark-tree/floor", "growth p / p+r",
                  "parse +MB", "p+r +MB", "p+r max RSS MB"], rows))
    big = data.get("big")
    if big:
        print()
        print(_table(
            ["5 MB spec lines", "MiB", "parse s", "parse+resolve s", "parse +MB", "parse max RSS MB",
             "p+r +MB", "p+r max RSS MB"],
            [[big["lines"], f"{big['bytes'] / 1024 / 1024:.2f}", f"{min(big['parse']['times']):.1f}",
              f"{min(big['load']['times']):.1f}", _mb(big["parse"]["rss_growth_kb"]),
              _mb(big["parse"]["max_rss_kb"]), _mb(big["load"]["rss_growth_kb"]), _mb(big["load"]["max_rss_kb"])]]))
    errors = [r for r in data["sizes"] if r["load"].get("errors")]
    for r in errors:
        print(f"warning: the {r['lines']}-line spec has {r['load']['errors']} errors: {r['load']['first_error']}")


def bench_classify(quick: bool, seed: int = 0, with_analyse: bool = True) -> dict:
    """Classification under the generated framing, per number of concepts."""
    sizes = CLASSIFY_SIZES_QUICK if quick else CLASSIFY_SIZES
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"concepts_{n}.align")
            Path(path).write_text(classification_spec(n, seed), encoding="utf-8")
            row = {"n": n, "classify": run_phase("classify", "classify", path, 1 if quick or n >= 1000 else 3)}
            if with_analyse:
                row["analyse"] = run_phase("classify", "analyse", path, 1)
            results.append(row)
            print(f"  classified {n} concepts", file=sys.stderr)
    return {"sizes": results}


def print_classify(data: dict) -> None:
    """The classification benchmark's table."""
    rows = []
    previous = None
    for row in data["sizes"]:
        c = row["classify"]
        t = min(c["times"])
        growth = "" if previous is None else f"{t / previous[1]:.1f} (n x{row['n'] / previous[0]:.1f})"
        a = row.get("analyse")
        rows.append([row["n"], f"{t:.2f}", growth, _mb(c["rss_growth_kb"]), _mb(c["max_rss_kb"]),
                     c["implications"], c["classes"], c["collapses"], c["unsatisfiable"],
                     c["unknown"] + c["unknown_pairs"],
                     "" if a is None else f"{min(a['times']):.2f}", "" if a is None else _mb(a["max_rss_kb"])])
        previous = (row["n"], t)
    print(_table(["concepts", "classify F s", "growth", "classify +MB", "max RSS MB", "implications",
                  "classes", "collapses", "unsat", "unknown", "analyse s", "analyse max RSS MB"], rows))


def bench_saturation(quick: bool, seed: int = 0) -> dict:
    """Classification of tree-shaped generated specs with the saturation on and off, per number
    of concepts, each run in its own process."""
    sizes = SATURATION_SIZES_QUICK if quick else SATURATION_SIZES
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"tree_concepts_{n}.align")
            Path(path).write_text(classification_spec(n, seed, tree_shaped=True), encoding="utf-8")
            repeats = 1 if quick or n >= 1000 else 3
            row = {"n": n, "on": run_phase("classify", "classify", path, repeats, saturation=True),
                   "off": run_phase("classify", "classify", path, repeats, saturation=False)}
            same = ("implications", "classes", "collapses", "unsatisfiable", "unknown", "unknown_pairs")
            if any(row["on"][k] != row["off"][k] for k in same):
                raise RuntimeError(f"saturation changed the classification of {n} concepts")
            results.append(row)
            print(f"  classified {n} tree-shaped concepts both ways", file=sys.stderr)
    return {"sizes": results}


def print_saturation(data: dict) -> None:
    """The saturation benchmark's table."""
    rows = []
    for row in data["sizes"]:
        on, off = min(row["on"]["times"]), min(row["off"]["times"])
        rows.append([row["n"], f"{off:.2f}", f"{on:.2f}", f"{off / on:.1f}", row["on"]["implications"],
                     row["on"]["classes"], _mb(row["off"]["max_rss_kb"]), _mb(row["on"]["max_rss_kb"])])
    print(_table(["concepts", "general s", "saturation s", "general / saturation", "implications", "classes",
                  "general max RSS MB", "saturation max RSS MB"], rows))


FRAMING_SPECS = (("chained", 300, 100), ("side by side", 300, 100))
SPEC_LINES = 10_000
SPEC_LINES_QUICK = 2_000


def bench_framings(quick: bool, seed: int = 0) -> dict:
    """``analyse`` (what ``check`` runs after loading) of concepts under a chain of framings and
    under the same framings side by side, and of the generated spec of many modules, each in its
    own process, one run each."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        specs = [(f"{kind}, {n} concepts, {framings} framings",
                  chained_spec(n, framings, seed, chained=kind == "chained")) for kind, n, framings in FRAMING_SPECS]
        lines = SPEC_LINES_QUICK if quick else SPEC_LINES
        specs.append((f"generated spec, {lines} lines", parse_spec(lines, seed)))
        for number, (name, text) in enumerate(specs):
            path = os.path.join(tmp, f"framings_{number}.align")
            Path(path).write_text(text, encoding="utf-8")
            results.append({"spec": name, "lines": text.count("\n"), "analyse": run_phase("classify", "analyse", path)})
            print(f"  analysed {name}", file=sys.stderr)
    return {"specs": results}


def print_framings(data: dict) -> None:
    """The framings benchmark's table."""
    rows = []
    for row in data["specs"]:
        a = row["analyse"]
        outcomes = ", ".join(f"{status} {count}" for status, count in a["outcomes"])
        rows.append([row["spec"], row["lines"], f"{min(a['times']):.1f}", f"{min(a['wall']):.1f}",
                     _mb(a["max_rss_kb"]), a["findings"], outcomes])
    print(_table(["spec", "lines", "analyse CPU s", "wall s", "max RSS MB", "findings", "claims"], rows))


def bench_scenario(quick: bool, seed: int = 0) -> dict:
    """One scenario of each shape and size: the chase alone, ``analyse`` as ``check`` runs it,
    and ``analyse`` with the individuals-by-concepts table, each in its own process."""
    sizes = SCENARIO_SIZES_QUICK if quick else SCENARIO_SIZES
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in SCENARIO_SHAPES:
            for facts in sizes:
                text = scenario_spec(facts, shape, seed)
                path = os.path.join(tmp, f"scenario_{shape}_{facts}.align")
                Path(path).write_text(text, encoding="utf-8")
                repeats = 1 if quick or facts >= 100_000 else 3
                row = {"shape": shape, "facts": facts, "lines": text.count("\n"), "bytes": len(text.encode("utf-8"))}
                for phase in SCENARIO_PHASES:
                    row[phase] = run_phase("scenario", phase, path, repeats)
                results.append(row)
                print(f"  evaluated the {shape} scenario of {facts} facts", file=sys.stderr)
    return {"sizes": results}


def print_scenario(data: dict) -> None:
    """The scenario benchmark's tables."""
    rows = []
    previous: dict[str, tuple] = {}
    for row in data["sizes"]:
        c = row["chase"]
        times = {p: min(row[p]["times"]) for p in SCENARIO_PHASES}
        before = previous.get(row["shape"])
        growth = "" if before is None else " / ".join(
            f"{times[p] / before[1][p]:.1f}" for p in SCENARIO_PHASES) + f" (x{c['given'] / before[0]:.1f})"
        rows.append([row["shape"], c["given"], row["lines"], f"{c['load']:.2f}", c["facts"], c["entities"], c["steps"],
                     c["default_budget"],
                     f"{times['chase']:.2f}", f"{times['check']:.2f}", f"{times['table']:.2f}", growth,
                     _mb(c["rss_growth_kb"]), _mb(row["check"]["max_rss_kb"]), _mb(row["table"]["max_rss_kb"])])
        previous[row["shape"]] = (c["given"], times)
    print(_table(["shape", "given facts", "lines", "load s", "chased facts", "entities", "chase steps",
                  "default budget", "chase s", "check s", "table s", "growth chase / check / table",
                  "chase +MB", "check max RSS MB", "table max RSS MB"], rows))
    print()
    rows = []
    for row in data["sizes"]:
        c, t = row["check"], row["table"]
        rows.append([row["shape"], row["chase"]["given"], row["chase"]["status"], row["chase"]["merges"],
                     t["status"], f"{t['passed']}/{t['expectations']}", t["derived"], t["cells"],
                     len(t["findings"])])
    print(_table(["shape", "given facts", "chase", "merges", "scenario", "expectations passed",
                  "derived facts", "table cells", "findings"], rows))
    for row in data["sizes"]:
        for finding in row["table"]["findings"][:3]:
            print(f"warning: {row['shape']} {row['facts']}: {finding}")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``run.py [parse|classify|saturation|scenario|all] [--quick] [--json FILE]
    [--profile N] [--profile-scenario N]``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        _worker(argv[1])
        return 0
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", default="all",
                        choices=("parse", "classify", "saturation", "scenario", "framings", "all"))
    parser.add_argument("--quick", action="store_true", help="small sizes only, one run each (under a minute)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures to FILE")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="print a cProfile of classifying N concepts instead of benchmarking")
    parser.add_argument("--profile-scenario", type=int, metavar="N",
                        help="print a cProfile of checking a generated scenario of N facts (see --shape)")
    parser.add_argument("--shape", choices=SCENARIO_SHAPES, default="chain",
                        help="the scenario shape for --profile-scenario")
    parser.add_argument("--profile-framings", choices=("chained", "side-by-side", "spec"),
                        help="print a cProfile of analysing 300 concepts under 100 chained or side-by-side "
                             "framings, or the 10,000-line generated spec (2,000 with --quick)")
    parser.add_argument("--table", action="store_true",
                        help="with --profile-scenario: profile the evaluation with the table")
    options = parser.parse_args(argv)
    if options.profile_scenario:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "profile.align")
            text = scenario_spec(options.profile_scenario, options.shape, options.seed)
            Path(path).write_text(text, encoding="utf-8")
            run_phase("scenario", "table" if options.table else "check", path, profile=True)
        return 0
    if options.profile_framings:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "profile.align")
            kind = options.profile_framings
            text = (parse_spec(SPEC_LINES_QUICK if options.quick else SPEC_LINES, options.seed) if kind == "spec"
                    else chained_spec(300, 100, options.seed, chained=kind == "chained"))
            Path(path).write_text(text, encoding="utf-8")
            run_phase("classify", "analyse", path, profile=True)
        return 0
    if options.profile:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "profile.align")
            Path(path).write_text(classification_spec(options.profile, options.seed), encoding="utf-8")
            run_phase("classify", "classify", path, profile=True)
        return 0
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, Python {info['python']}")
    out = {"machine": info}
    if options.which in ("parse", "all"):
        print("\nparse + resolve" + (" (quick)" if options.quick else ""))
        out["parse"] = bench_parse(options.quick, options.seed)
        print_parse(out["parse"])
    if options.which in ("classify", "all"):
        print("\nclassification under framing F" + (" (quick)" if options.quick else ""))
        out["classify"] = bench_classify(options.quick, options.seed)
        print_classify(out["classify"])
    if options.which in ("saturation", "all"):
        print("\ntree-shaped classification under framing F, saturation off and on"
              + (" (quick)" if options.quick else ""))
        out["saturation"] = bench_saturation(options.quick, options.seed)
        print_saturation(out["saturation"])
    if options.which in ("scenario", "all"):
        print("\none scenario under framing F" + (" (quick)" if options.quick else ""))
        out["scenario"] = bench_scenario(options.quick, options.seed)
        print_scenario(out["scenario"])
    if options.which in ("framings", "all"):
        print("\nframings chained and side by side" + (" (quick)" if options.quick else ""))
        out["framings"] = bench_framings(options.quick, options.seed)
        print_framings(out["framings"])
    if options.json:
        Path(options.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
