"""Fuzz the whole tool for a while and write down what breaks.

    python bench/fuzz.py --minutes 30 --seed 0 --generated 200 --out fuzz-results

Inputs come from ``bench/fuzz_inputs.py`` (mutations of the library, the examples and generated
specs; hostile Unicode and bytes; deep nesting; huge statements; hostile imports), drawn by
Hypothesis from a fixed seed; each is laid out in a directory of its own and checked by
``bench/fuzz_oracle.py``: ``check --format json`` on every input, and on every ``--views-every``
-th input also ``scenario``, ``lattice``, ``report`` and ``alignspec.load`` (in a process of its
own). One command runs at a time. Every command is given the run budget ``--budget-seconds`` (as
``--timeout``; ``--max-total-steps`` too when given) and must end with its output within it plus
a grace (half the budget, at least 10 s) for starting, parsing and printing; one still running
then is stopped: a ``timeout`` violation.

``--out`` receives ``summary.json`` and ``summary.md`` (rewritten as the run goes: inputs tried
per family, commands run, violations per kind, the slowest input by wall and by CPU time, the
largest peak memory, and the runs that ended past their budget but within the grace), the
slowest inputs (``slowest/``, ``slowest-cpu/``), and ``violations/``: a directory per kind of
violation (kind, command and key) holding the first inputs that showed it (with the files laid
beside them), ``violation.json`` (how they were made, the command line, its exit status, wall
and CPU time and the end of its standard error) and, for all but timeouts and crashes,
``minimal.align``: the input cut down, statement by statement, then line by line, then lexeme
by lexeme, while the same violation remains.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings  # noqa: E402

from bench.fuzz_inputs import (  # noqa: E402
    FAMILIES,
    INPUT_NAME,
    LARGE,
    Base,
    FuzzInput,
    generated_bases,
    library_bases,
)
from bench.fuzz_inputs import fuzz_inputs as input_strategy  # noqa: E402
from bench.fuzz_oracle import (  # noqa: E402
    COMMANDS,
    Limits,
    Outcome,
    Violation,
    check_file,
)
from bench.generate import parse_spec  # noqa: E402

NOT_MINIMIZED = ("timeout", "crash", "memory")


@dataclass
class Record:
    """What the run knows of one kind of violation."""

    violation: Violation
    count: int = 0
    directory: Path | None = None
    kept: int = 0
    minimal: Path | None = None
    minimal_bytes: int | None = None
    families: Counter = field(default_factory=Counter)


class _TimeUp(Exception):
    """The run's time is over."""


# ---------------------------------------------------------------------------------------------
# minimizing an input


def _units_by_offsets(text: str, offsets: list[int]) -> list[str]:
    cuts = sorted({0, *offsets, len(text)})
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def _splitters() -> list[Callable[[bytes], list[bytes] | None]]:
    from alignspec.syntax.lexemes import lexemes
    from bench.fuzz_inputs import _cut

    def decoded(data: bytes) -> str | None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def statements(data: bytes) -> list[bytes] | None:
        text = decoded(data)
        try:
            found = _cut(text)[3] if text is not None else None
        except Exception:
            return None
        if not found or text is None:
            return None
        return [u.encode("utf-8") for u in _units_by_offsets(text, [a for a, _ in found])]

    def lines(data: bytes) -> list[bytes] | None:
        return data.splitlines(keepends=True)

    def tokens(data: bytes) -> list[bytes] | None:
        text = decoded(data)
        try:
            found = lexemes(text) if text is not None else None
        except Exception:
            return None
        if not found or text is None:
            return None
        return [u.encode("utf-8") for u in _units_by_offsets(text, [x.start for x in found])]

    def chunks(data: bytes) -> list[bytes] | None:
        size = max(1, len(data) // 64)
        return [data[k:k + size] for k in range(0, len(data), size)]

    return [statements, lines, tokens, chunks]


def ddmin(units: list[bytes], fails: Callable[[bytes], bool], deadline: float) -> list[bytes]:
    """Delta debugging: drop parts of ``units`` for as long as the rest still ``fails``."""
    n = 2
    while len(units) >= 2 and time.monotonic() < deadline:
        size = math.ceil(len(units) / n)
        parts = [units[k:k + size] for k in range(0, len(units), size)]
        for k in range(len(parts)):
            rest = [u for j, part in enumerate(parts) if j != k for u in part]
            if time.monotonic() >= deadline:
                return units
            if fails(b"".join(rest)):
                units, n = rest, max(n - 1, 2)
                break
        else:
            if n >= len(units):
                break
            n = min(len(units), 2 * n)
    return units


def minimize(data: bytes, fails: Callable[[bytes], bool], seconds: float) -> bytes:
    """``data`` cut down, by statements, lines, lexemes and then chunks of bytes, for as long as
    ``fails`` holds of it (at most ``seconds``)."""
    deadline = time.monotonic() + seconds
    for split in _splitters():
        units = split(data)
        if units and len(units) > 1:
            data = b"".join(ddmin(units, fails, deadline))
    return data


# ---------------------------------------------------------------------------------------------
# the run


class Fuzzer:
    """Checks inputs, keeps the figures and writes the violations down."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.out = Path(args.out)
        self.limits = Limits(max_entities=args.max_entities, max_facts=args.max_facts, max_steps=args.max_steps,
                             budget_seconds=args.budget_seconds, max_total_steps=args.max_total_steps,
                             memory_bytes=args.memory_mb << 20)
        self.start = time.monotonic()
        self.deadline = self.start + args.minutes * 60
        self.tried = 0
        self.skipped = 0
        self.too_slow: dict[str, int] = {}  # nesting or huge shape -> smallest size that ran out of time or memory
        self.by_family: Counter = Counter()
        self.commands: Counter = Counter()
        self.records: dict[tuple[str, str, str], Record] = {}
        self.slowest: dict | None = None
        self.slowest_cpu: dict | None = None
        self.peak: dict | None = None
        self.late: Counter = Counter()  # command -> runs that ended past the budget, within the grace
        self.latest: dict | None = None
        self.last_summary = 0.0
        self.work = Path(tempfile.mkdtemp(prefix="alignspec-fuzz-"))

    def _commands_for(self, index: int) -> tuple[tuple[str, ...], str]:
        if self.args.views_every and index % self.args.views_every == 0:
            return COMMANDS, "process"
        return ("check",), "none"

    def _lay_out(self, fuzz_input: FuzzInput, data: bytes | None = None) -> Path:
        directory = Path(tempfile.mkdtemp(dir=self.work))
        path = fuzz_input.write(directory)
        if data is not None:
            path.write_bytes(data)
        return path

    def _sized(self, fuzz_input: FuzzInput) -> tuple[str, int] | None:
        """``(family shape, size)`` of a nesting or huge input."""
        if fuzz_input.family not in ("nesting", "huge"):
            return None
        shape, _, size = fuzz_input.origin.rpartition(" ")
        return f"{fuzz_input.family} {shape}", int(size)

    def run_one(self, fuzz_input: FuzzInput) -> None:
        """Check one input and record what came of it. A nesting or huge input at least as large
        as one of its shape that ran out of time or memory is skipped: it would only do so again."""
        if time.monotonic() > self.deadline:
            raise _TimeUp
        sized = self._sized(fuzz_input)
        if sized and sized[1] >= self.too_slow.get(sized[0], sized[1] + 1):
            self.skipped += 1
            return
        index = self.tried
        self.tried += 1
        self.by_family[fuzz_input.family] += 1
        commands, api = self._commands_for(index)
        report_format = "markdown" if index % (2 * max(self.args.views_every, 1)) else "html"
        path = self._lay_out(fuzz_input)
        try:
            outcome = check_file(path, self.limits, commands, api=api, report_format=report_format)
            self._figures(fuzz_input, outcome, path)
            if sized and any(v.kind in ("timeout", "memory") for v in outcome.violations):
                self.too_slow[sized[0]] = min(sized[1], self.too_slow.get(sized[0], sized[1]))
            for violation in outcome.violations:
                self._record(violation, fuzz_input, outcome, path)
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)
        if time.monotonic() - self.last_summary > 30:
            self.write_summary()

    def _figures(self, fuzz_input: FuzzInput, outcome: Outcome, path: Path) -> None:
        for run in outcome.runs:
            self.commands[run.command] += 1
            description = {"family": fuzz_input.family, "origin": fuzz_input.origin[:300], "command": run.command,
                           "bytes": len(fuzz_input.data), "seconds": round(run.seconds, 2),
                           "cpu_seconds": round(run.cpu_seconds, 2), "peak_rss_kb": run.peak_rss_kb}
            if self.slowest is None or run.seconds > self.slowest["seconds"]:
                self.slowest = description
                self._save(path, self.out / "slowest")
            if self.slowest_cpu is None or run.cpu_seconds > self.slowest_cpu["cpu_seconds"]:
                self.slowest_cpu = description
                self._save(path, self.out / "slowest-cpu")
            if self.peak is None or run.peak_rss_kb > self.peak["peak_rss_kb"]:
                self.peak = description
            if run.returncode is not None and run.seconds > self.limits.budget_seconds:
                self.late[run.command] += 1
                if self.latest is None or run.seconds > self.latest["seconds"]:
                    self.latest = description

    def _save(self, path: Path, target: Path) -> None:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(path.parent, target, symlinks=True, ignore_dangling_symlinks=True)

    def _record(self, violation: Violation, fuzz_input: FuzzInput, outcome: Outcome, path: Path) -> None:
        record = self.records.get(violation.signature)
        new = record is None
        if record is None:
            record = self.records[violation.signature] = Record(violation)
            slug = "-".join(x for x in violation.signature if x)
            slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in slug)[:80]
            record.directory = self.out / "violations" / f"{len(self.records):03d}-{slug}"
        record.count += 1
        record.families[fuzz_input.family] += 1
        assert record.directory is not None
        if record.kept < self.args.keep:
            record.kept += 1
            target = record.directory / f"input-{record.kept}"
            self._save(path, target)
            run = next((r for r in outcome.runs if r.command == violation.command), None)
            (target / "violation.json").write_text(json.dumps({
                "kind": violation.kind, "command": violation.command, "key": violation.key,
                "detail": violation.detail, "family": fuzz_input.family, "origin": fuzz_input.origin,
                "argv": run.argv[1:] if run else None, "returncode": run.returncode if run else None,
                "seconds": round(run.seconds, 2) if run else None,
                "cpu_seconds": round(run.cpu_seconds, 2) if run else None,
                "stderr_tail": run.stderr[-2000:].decode("utf-8", "replace") if run else None,
            }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if new:
            print(f"[{self._elapsed()}] new: {violation}", flush=True)
            if violation.kind not in NOT_MINIMIZED and self.args.minimize_seconds > 0:
                self._minimize(record, fuzz_input)

    def _minimize(self, record: Record, fuzz_input: FuzzInput) -> None:
        violation = record.violation
        commands = (violation.command,) if violation.command in COMMANDS else ()
        api = "process" if violation.command == "load" else "none"
        seconds = min(self.args.minimize_seconds, max(0.0, self.deadline - time.monotonic()))

        def fails(data: bytes) -> bool:
            path = self._lay_out(fuzz_input, data)
            try:
                outcome = check_file(path, self.limits, commands, api=api)
            finally:
                shutil.rmtree(path.parent, ignore_errors=True)
            return any(v.signature == violation.signature for v in outcome.violations)

        minimal = minimize(fuzz_input.data, fails, seconds)
        assert record.directory is not None
        record.directory.mkdir(parents=True, exist_ok=True)
        record.minimal = record.directory / "minimal.align"
        record.minimal.write_bytes(minimal)
        record.minimal_bytes = len(minimal)
        print(f"[{self._elapsed()}]   minimal: {len(fuzz_input.data)} -> {len(minimal)} bytes", flush=True)

    def _elapsed(self) -> str:
        seconds = int(time.monotonic() - self.start)
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

    def summary(self) -> dict:
        """The figures so far, as JSON."""
        kinds: Counter = Counter()
        for record in self.records.values():
            kinds[record.violation.kind] += record.count
        return {
            "seed": self.args.seed, "minutes": round((time.monotonic() - self.start) / 60, 1),
            "bases": self.bases_count, "inputs": self.tried, "by_family": dict(self.by_family),
            "skipped": self.skipped, "timed_out_from": dict(self.too_slow),
            "commands": dict(self.commands),
            "limits": {**dataclasses.asdict(self.limits), "stop_seconds": self.limits.stop_seconds},
            "slowest": self.slowest, "slowest_cpu": self.slowest_cpu, "peak_memory": self.peak,
            "past_budget": {"runs": dict(self.late), "slowest": self.latest},
            "violations_by_kind": dict(kinds),
            "violations": [
                {"kind": r.violation.kind, "command": r.violation.command, "key": r.violation.key,
                 "detail": r.violation.detail, "count": r.count, "families": dict(r.families),
                 "directory": str(r.directory), "minimal": str(r.minimal) if r.minimal else None,
                 "minimal_bytes": r.minimal_bytes}
                for r in self.records.values()
            ],
        }

    def write_summary(self) -> dict:
        """Write ``summary.json`` and ``summary.md``; the summary."""
        self.last_summary = time.monotonic()
        summary = self.summary()
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        (self.out / "summary.md").write_text(summary_text(summary), encoding="utf-8")
        return summary

    bases_count = 0


def summary_text(summary: dict) -> str:
    """The summary for people."""
    lines = [f"inputs tried: {summary['inputs']} in {summary['minutes']} min (seed {summary['seed']}, "
             f"{summary['bases']} base specs)",
             "by family: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["by_family"].items())),
             f"skipped: {summary['skipped']} (at least as large as an input of the same shape that ran out of "
             "time or memory: "
             + (", ".join(f"{k} from {v}" for k, v in sorted(summary["timed_out_from"].items())) or "none") + ")",
             "commands run: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["commands"].items()))]
    limits = summary["limits"]
    lines.append(f"run budget: {limits['budget_seconds']} s (--timeout)"
                 + (f", {limits['max_total_steps']} total steps" if limits["max_total_steps"] else "")
                 + f"; a command is stopped after {limits['stop_seconds']} s")

    def run_text(r: dict) -> str:
        return (f"{r['command']} on {r['family']} input ({r['bytes']} bytes; {r['seconds']} s wall, "
                f"{r['cpu_seconds']} s CPU, {r['peak_rss_kb'] / 1024:.1f} MB): {r['origin']}")

    for key, title in (("slowest", "slowest (wall)"), ("slowest_cpu", "slowest (CPU)"), ("peak_memory",
                                                                                     "peak memory")):
        if summary[key]:
            lines.append(f"{title}: {run_text(summary[key])}")
    past = summary["past_budget"]
    lines.append("ended past the budget, within the grace: " + (", ".join(
        f"{k} {v}" for k, v in sorted(past["runs"].items())) or "none"))
    if past["slowest"]:
        lines.append(f"  latest: {run_text(past['slowest'])}")
    lines.append("violations by kind: " + (", ".join(f"{k} {v}" for k, v in sorted(
        summary["violations_by_kind"].items())) or "none"))
    for v in summary["violations"]:
        lines.append(f"- {v['kind']} in {v['command']} [{v['key']}] x{v['count']}: {v['detail'][:160]}")
        lines.append(f"  inputs: {v['directory']}" + (f"; minimal ({v['minimal_bytes']} bytes): {v['minimal']}"
                                                      if v["minimal"] else ""))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer for ``--minutes`` and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to run (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="the seed of the inputs (default 0)")
    parser.add_argument("--generated", type=int, default=200, metavar="N",
                        help="generated base specs (bench/generate.py) besides the library (default 200)")
    parser.add_argument("--no-library", action="store_true", help="leave out the library and the examples")
    parser.add_argument("--families", default=",".join(FAMILIES), help="comma-separated input families")
    parser.add_argument("--out", default="fuzz-results", help="where to write (default fuzz-results)")
    parser.add_argument("--budget-seconds", type=float, default=20.0,
                        help="the run budget of every command, passed as --timeout (and timeout= to the API); a "
                             "command is stopped after it plus half of it, at least 10 s more (default 20)")
    parser.add_argument("--max-total-steps", type=int, default=None, metavar="N",
                        help="also pass --max-total-steps N (default: the tool's own)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space cap of a command (default 2048)")
    parser.add_argument("--max-entities", type=int, default=500)
    parser.add_argument("--max-facts", type=int, default=5_000)
    parser.add_argument("--max-steps", type=int, default=50_000)
    parser.add_argument("--views-every", type=int, default=4, metavar="K",
                        help="run scenario, lattice, report and the API on every K-th input (default 4; 0: never)")
    parser.add_argument("--keep", type=int, default=3, help="inputs kept per kind of violation (default 3)")
    parser.add_argument("--minimize-seconds", type=float, default=90.0,
                        help="time spent cutting down the first input of each kind of violation (default 90)")
    args = parser.parse_args(argv)

    families = tuple(f for f in args.families.split(",") if f)
    unknown = set(families) - set(FAMILIES)
    if unknown:
        parser.error(f"unknown families: {', '.join(sorted(unknown))}; known: {', '.join(FAMILIES)}")
    fuzzer = Fuzzer(args)
    bases = ([] if args.no_library else library_bases()) + generated_bases(args.generated, args.seed)
    if not bases:
        bases = [Base("generated/parse", parse_spec(100, seed=args.seed))]
    fuzzer.bases_count = len(bases)
    print(f"[{fuzzer._elapsed()}] {len(bases)} base specs; fuzzing for {args.minutes} min into {fuzzer.out}",
          flush=True)

    @seed(args.seed)
    @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet)
    @given(input_strategy(bases, LARGE, families))
    def fuzz(fuzz_input: FuzzInput) -> None:
        fuzzer.run_one(fuzz_input)

    try:
        fuzz()
    except _TimeUp:
        pass
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        summary = fuzzer.write_summary()
        shutil.rmtree(fuzzer.work, ignore_errors=True)
    sys.stdout.write(summary_text(summary))
    return 0


__all__ = ["INPUT_NAME", "Fuzzer", "ddmin", "main", "minimize", "summary_text"]

if __name__ == "__main__":
    sys.exit(main())
