"""Chase one generated scenario with AlignSpec and with the Nemo rule engine; compare.

    python bench/nemo_chase.py [--facts 100000] [--shape chain] [--seed N] [--json FILE]

The scenario of ``generate.scenario_spec`` is loaded, its world built and chased under its
framing as ``run.py``'s chase phase does, in a fresh Python process; that process also writes
the given facts as one CSV file per predicate and the framing's axioms as Nemo rules (kind,
signature, sub-relation and property axioms and the framing's rules; an existential variable is
``!w``; a ``false`` head derives a fact of ``violated``). A second fresh process loads them into
Nemo (``nmo_python``, from the ``nemo-python`` package) and reasons. Both report the CPU time of
the chase (Nemo's includes reading the CSV files) and of the whole process, and the facts whose
arguments are all named individuals; these must be the same set: they are the facts that hold in
every model (the unknown entities each engine invents are not compared). Equality axioms
(functional relations) and ``acyclic`` have no Nemo counterpart; the comparison is exact only
when AlignSpec's chase merged nothing, which it checks and reports.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.anchors import AnchorFailed, run_child  # noqa: E402
from bench.generate import SCENARIO_SHAPES, scenario_spec  # noqa: E402


def _variable(name: str, existential: set[str]) -> str:
    return f"!{name}" if name in existential else f"?{name}"


def nemo_rules(theory) -> tuple[list[str], list[str]]:
    """The theory as Nemo rules, and the labels of the axioms left out (equalities, acyclic)."""
    rules, skipped = [], []
    for axiom in theory.axioms:
        if axiom.equality is not None or not axiom.body:
            skipped.append(axiom.label)
            continue
        existential = axiom.existential_variables()
        body = ", ".join(f"{a.pred}({', '.join(_variable(v, set()) for v in a.args)})" for a in axiom.body)
        if axiom.is_false:
            head = f'violated("{axiom.label}")'
        else:
            head = ", ".join(f"{a.pred}({', '.join(_variable(v, existential) for v in a.args)})" for a in axiom.head)
        rules.append(f"{head} :- {body} .")
    return rules, skipped


def _named_facts(instance) -> list[str]:
    out = []
    for pred, args in instance.facts():
        if all(instance.is_named(a) for a in args):
            out.append(f"{pred}({','.join(instance.label(a) for a in args)})")
    return sorted(out)


def _alignspec_child(path: str, work: str) -> None:
    from alignspec.analysis.axioms import TheoryBuilder
    from alignspec.analysis.scenarios import ScenarioEvaluator
    from alignspec.diagnostic_collector import DiagnosticCollector
    from alignspec.model.loader import Loader
    from alignspec.reasoning.chase import chase
    from bench.run import scenario_budget

    budget = scenario_budget()
    loaded = Loader([os.path.dirname(path)]).load(path)
    errors = [d for d in loaded.diagnostics if d.severity.value == "error"]
    if errors:
        raise SystemExit(f"the generated spec has errors: {errors[0].name}: {errors[0].message}")
    unit = loaded.unit
    scenario = unit.scenarios[0]
    builder = TheoryBuilder(unit)
    evaluator = ScenarioEvaluator(builder, {}, budget, lambda framing: True, DiagnosticCollector())
    instance, _, _ = evaluator._world(scenario)
    theory = builder.theory(scenario.framing)
    given = instance.copy()
    start, wall = time.process_time(), time.perf_counter()
    result = chase(instance, theory, budget)
    cpu, wall = time.process_time() - start, time.perf_counter() - wall
    merges = sum(result.fired.get(a.label, 0) for a in theory.axioms if a.equality is not None)
    out = Path(work)
    by_pred: dict[str, list[tuple[str, ...]]] = {}
    for pred, args in given.facts():
        by_pred.setdefault(pred, []).append(tuple(given.label(a) for a in args))
    lines = []
    for pred, rows in sorted(by_pred.items()):
        with open(out / f"{pred}.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        lines.append(f'@import {pred} :- csv{{resource="{out / f"{pred}.csv"}"}} .')
    rules, skipped = nemo_rules(theory)
    (out / "program.rls").write_text("\n".join(lines + rules) + "\n", encoding="utf-8")
    predicates = sorted({a.pred for ax in theory.axioms for a in (*ax.body, *ax.head)} | set(by_pred))
    (out / "predicates.json").write_text(json.dumps(predicates), encoding="utf-8")
    (out / "alignspec.txt").write_text("\n".join(_named_facts(result.instance)) + "\n", encoding="utf-8")
    print(json.dumps({"chase_cpu": cpu, "chase_wall": wall, "status": result.status, "merges": merges,
                      "given": given.num_facts(), "facts": result.instance.num_facts(),
                      "entities": result.instance.num_entities(), "rules": len(rules), "skipped": skipped}))


def _nemo_child(work: str) -> None:
    from nmo_python import NemoEngine, load_file

    out = Path(work)
    predicates = json.loads((out / "predicates.json").read_text(encoding="utf-8"))
    start, wall = time.process_time(), time.perf_counter()
    engine = NemoEngine(load_file(str(out / "program.rls")))
    engine.reason()
    cpu, wall = time.process_time() - start, time.perf_counter() - wall
    facts, total = [], 0
    for pred in [*predicates, "violated"]:
        rows = list(engine.result(pred))
        total += len(rows)
        for row in rows:
            values = [str(v) for v in row]
            if pred == "violated":
                facts.append(f"violated({','.join(values)})")
            elif not any(v.startswith("_:") for v in values):
                facts.append(f"{pred}({','.join(v.strip('<>') for v in values)})")
    (out / "nemo.txt").write_text("\n".join(sorted(facts)) + "\n", encoding="utf-8")
    print(json.dumps({"chase_cpu": cpu, "chase_wall": wall, "facts": total}))


def compare(facts: int, shape: str, seed: int, timeout: float) -> dict:
    """Chase the scenario of ``facts`` given facts with both engines; their figures and the difference."""
    if importlib.util.find_spec("nmo_python") is None:
        raise SystemExit("nemo is not installed (`pip install nemo-python`: Python bindings of the Nemo rule engine)")
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "scenario.align"
        spec.write_text(scenario_spec(facts, shape, seed), encoding="utf-8")
        done, ours_cpu = run_child([sys.executable, __file__, "_alignspec", str(spec), tmp], timeout)
        ours = json.loads(done.stdout.strip().splitlines()[-1])
        try:
            done, theirs_cpu = run_child([sys.executable, __file__, "_nemo", tmp], timeout)
        except AnchorFailed as failed:
            raise SystemExit(f"nemo failed: {failed.summary}") from None
        theirs = json.loads(done.stdout.strip().splitlines()[-1])
        a = set((Path(tmp) / "alignspec.txt").read_text(encoding="utf-8").split())
        b = set((Path(tmp) / "nemo.txt").read_text(encoding="utf-8").split())
    return {"facts": facts, "shape": shape, "alignspec": {**ours, "process_cpu": ours_cpu},
            "nemo": {**theirs, "process_cpu": theirs_cpu, "version": importlib.metadata.version("nemo-python")},
            "named_facts": len(a), "only_alignspec": sorted(a - b)[:5], "only_nemo": sorted(b - a)[:5],
            "only_alignspec_count": len(a - b), "only_nemo_count": len(b - a)}


def main(argv: list[str] | None = None) -> int:
    """Command line, see the module's doc string."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_alignspec":
        _alignspec_child(argv[1], argv[2])
        return 0
    if argv and argv[0] == "_nemo":
        _nemo_child(argv[1])
        return 0
    parser = argparse.ArgumentParser(prog="bench/nemo_chase.py", description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--shape", choices=SCENARIO_SHAPES, default="chain")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=3600.0)
    parser.add_argument("--json", metavar="FILE")
    options = parser.parse_args(argv)
    data = compare(options.facts, options.shape, options.seed, options.timeout)
    ours, theirs = data["alignspec"], data["nemo"]
    from bench.anchors import _table

    print(_table(["engine", "chase CPU s", "process CPU s", "facts after the chase", "facts over individuals"], [
        ["alignspec", f"{ours['chase_cpu']:.2f}", f"{ours['process_cpu']:.2f}", ours["facts"], data["named_facts"]],
        [f"nemo {theirs['version']}", f"{theirs['chase_cpu']:.2f}", f"{theirs['process_cpu']:.2f}", theirs["facts"],
         data["named_facts"] - data["only_alignspec_count"] + data["only_nemo_count"]],
    ]))
    print(f"alignspec/nemo: chase {ours['chase_cpu'] / max(theirs['chase_cpu'], 1e-3):.2f}, "
          f"process {ours['process_cpu'] / theirs['process_cpu']:.2f}")
    print(f"given facts {ours['given']}, {ours['rules']} rules, left out: {', '.join(ours['skipped']) or '-'}; "
          f"AlignSpec merges {ours['merges']}, status {ours['status']}")
    same = not (data["only_alignspec_count"] or data["only_nemo_count"])
    print("facts over individuals: " + ("identical" if same else
          f"DIFFERENT: {data['only_alignspec_count']} only AlignSpec's ({', '.join(data['only_alignspec'])}), "
          f"{data['only_nemo_count']} only nemo's ({', '.join(data['only_nemo'])})"))
    if ours["merges"]:
        print("warning: AlignSpec merged entities; nemo has no equality, so the comparison is not exact")
    if options.json:
        Path(options.json).write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
