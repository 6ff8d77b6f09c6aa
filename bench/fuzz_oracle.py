"""The oracle of the fuzzing harness: run the real command line (and the Python API) on one
input, and say what is wrong with what came out.

What must hold for every input, however hostile:

- no command prints a Python traceback, on either stream;
- ``check``, ``scenario``, ``lattice`` and ``report`` exit with 0 or 1 (2 is for a command line
  that is wrong, which the harness never writes), under the memory cap;
- every command keeps the run budget it is given (``--timeout`` and, when set,
  ``--max-total-steps``; ``timeout=`` and ``max_total_steps=`` for the API): it ends, with its
  output, within that budget plus a grace for starting Python, parsing and printing, which is
  what reasoning past the budget's checks must fit in; a command still running then is stopped
  and is a ``timeout`` violation;
- ``--format json`` prints JSON of the command's schema (``check``: always; the views: JSON or
  nothing), and ``check``'s exit status says whether there is an error among its findings;
- every finding (of ``check`` and ``scenario``), related location, claim and justification step
  is positioned within its file
  (line and column in the file's text as the checker reads it: byte-order mark dropped, CRLF and
  CR read as LF; a column may be one past the end of its line) and lies in the input's directory
  or the shipped library: nothing else may be read;
- ``alignspec.load`` returns a spec or raises ``alignspec.SpecError``, nothing else, and its
  findings are positioned in the same way.

Nothing here looks at the wording of a message: only exit statuses, the shape of the JSON and
positions.

Every run's wall time, CPU time (user and system, of the command's process and the worker
processes it waited for) and peak resident memory are kept, for the figures of the long run.

Run as a script, ``python bench/fuzz_oracle.py load FILE LIMITS`` loads ``FILE`` with the Python
API under ``LIMITS`` (a ``Limits`` as JSON) and prints the violations it finds as JSON: the long
run uses it to call the API in a process of its own, under the same budget, grace and memory
cap as the command line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TRACEBACK = b"Traceback (most recent call last)"
COMMANDS = ("check", "scenario", "lattice", "report")
SCHEMAS = {"check": "alignspec-check", "scenario": "alignspec-scenario", "lattice": "alignspec-lattice"}


@dataclass(frozen=True)
class Limits:
    """The limits of one run: the reasoner's (passed as ``--max-entities``, ``--max-facts`` and
    ``--max-steps``), the run budget every command is given (``budget_seconds`` as
    ``--timeout``; ``max_total_steps`` as ``--max-total-steps``, None for the tool's default),
    the grace past the budget after which a command is stopped (None: half the budget, at least
    ten seconds) and the address space a command may map."""

    max_entities: int = 500
    max_facts: int = 5_000
    max_steps: int = 50_000
    budget_seconds: float = 20.0
    max_total_steps: int | None = None
    grace_seconds: float | None = None
    memory_bytes: int = 2 << 30

    @property
    def stop_seconds(self) -> float:
        """The wall time after which a command has not kept its budget and is stopped."""
        grace = self.grace_seconds if self.grace_seconds is not None else max(10.0, self.budget_seconds / 2)
        return self.budget_seconds + grace

    def flags(self) -> list[str]:
        """The reasoner's limits and the run budget as command-line options."""
        flags = ["--max-entities", str(self.max_entities), "--max-facts", str(self.max_facts),
                 "--max-steps", str(self.max_steps), "--timeout", str(self.budget_seconds)]
        if self.max_total_steps is not None:
            flags += ["--max-total-steps", str(self.max_total_steps)]
        return flags


@dataclass(frozen=True)
class Violation:
    """Something that must not happen. ``kind`` is one of ``traceback``, ``memory``, ``crash``,
    ``exit-status``, ``timeout``, ``json``, ``position``, ``outside-roots`` and ``load-raised``;
    ``command`` the command (or ``load``, the API); ``key`` what tells one bug from another of
    the same kind (an exception type and the function it was raised in, an exit status, a
    finding's code); ``detail`` a line for people."""

    kind: str
    command: str
    key: str
    detail: str = field(default="", compare=False)

    @property
    def signature(self) -> tuple[str, str, str]:
        """What identifies the bug: kind, command and key."""
        return (self.kind, self.command, self.key)

    def __str__(self) -> str:
        return f"{self.kind} in {self.command} [{self.key}]: {self.detail}"


@dataclass
class Run:
    """One finished (or stopped) command: its arguments, exit status (negative: the signal that
    ended it; None: stopped for not keeping its run budget), output, wall time, CPU time (user
    and system) and peak resident memory."""

    command: str
    argv: list[str]
    returncode: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_rss_kb: int
    cpu_seconds: float = 0.0


def library_dir() -> Path:
    """The directory of the shipped library the installed checker imports from."""
    import alignspec.ontology

    return Path(alignspec.ontology.__file__).resolve().parent


def command_argv(command: str, path: Path, limits: Limits, report_format: str = "html") -> list[str]:
    """The command line that runs ``command`` on ``path``: the installed checker, no
    configuration file, no colour, small limits, JSON where the command has it."""
    argv = [sys.executable, "-m", "alignspec", command, "--isolated", "--color", "never", *limits.flags()]
    if command in SCHEMAS:
        argv += ["--format", "json"]
    elif command == "report":
        argv += ["--format", report_format]
    return argv + [path.name]


def _limit_memory(memory_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_process(command: str, argv: list[str], cwd: Path, limits: Limits) -> Run:
    """Run ``argv`` in ``cwd`` with no standard input, in a session of its own, under the memory
    cap; stop it (the whole process group) once ``limits.stop_seconds`` have passed. The CPU time
    and the peak memory are the child's own (``wait4``: with the children it waited for), not
    those of earlier children."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONSTARTUP")}
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                   start_new_session=True, preexec_fn=_limit_memory(limits.memory_bytes))
        status = usage = None
        deadline = start + limits.stop_seconds
        delay = 0.005
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                status = None
                break
            time.sleep(delay)
            delay = min(delay * 1.5, 0.05)
        seconds = time.perf_counter() - start
        process.returncode = -9 if status is None else os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(command, argv, None if status is None else process.returncode, out.read(), err.read(),
                   seconds, usage.ru_maxrss if usage is not None else 0,
                   usage.ru_utime + usage.ru_stime if usage is not None else 0.0)


# ---------------------------------------------------------------------------------------------
# what is wrong with a run


def _traceback_key(text: str) -> str:
    """``ExceptionType in file.py:function`` for the last traceback in ``text`` (the innermost
    frame of the checker's own code when there is one)."""
    frames = re.findall(r'File "([^"]+)", line \d+, in (\S+)', text)
    ours = [(f, fn) for f, fn in frames if "/checker/" in f or "/alignspec/" in f] or frames
    where = f"{Path(ours[-1][0]).name}:{ours[-1][1]}" if ours else "?"
    lines = [ln for ln in text.strip().splitlines() if ln and not ln.startswith(" ")]
    last = lines[-1] if lines else ""
    exception = re.match(r"([\w.]+)(?::|$)", last)
    return f"{exception.group(1) if exception else '?'} in {where}"


def source_text(data: bytes) -> str:
    """The text positions refer to, as the checker reads a spec: UTF-8 (undecodable bytes
    replaced), a leading byte-order mark dropped, CRLF and CR read as LF."""
    text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Positions:
    """Checks that locations lie within their files, reading each file once; files must lie in
    one of ``roots``."""

    def __init__(self, cwd: Path, roots: list[Path]):
        self.cwd = cwd
        self.roots = [os.path.realpath(r) for r in roots]
        self._lines: dict[str, list[str] | None] = {}

    def _file_lines(self, file: str) -> list[str] | None:
        """The lines of ``file``; a single empty line for a file that is not a regular one (a
        FIFO, a device, a directory: the checker refuses it, so only its start is a position),
        never opening it; None when there is no such file."""
        if file not in self._lines:
            path = self.cwd / file
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
                self._lines[file] = source_text(path.read_bytes()).split("\n") if regular else [""]
            except OSError:
                self._lines[file] = None
        return self._lines[file]

    def problems(self, where: dict, command: str, code: str) -> list[Violation]:
        """What is wrong with the location ``where`` (a dict with ``file``, ``line``,
        ``column``, ``end_line`` and ``end_column``) of a finding with ``code``."""
        file = where.get("file")
        numbers = [where.get(k) for k in ("line", "column", "end_line", "end_column")]
        if not isinstance(file, str) or not all(isinstance(x, int) and not isinstance(x, bool) for x in numbers):
            return [Violation("position", command, f"{code} unpositioned", json.dumps(where)[:300])]
        full = os.path.normpath(os.path.join(self.cwd, file))
        if not any(full == r or full.startswith(r + os.sep) for r in self.roots):
            return [Violation("outside-roots", command, code, f"a location in {file!r}")]
        lines = self._file_lines(file)
        if lines is None:
            return [Violation("position", command, f"{code} no such file", f"a location in {file!r}")]
        line, column, end_line, end_column = numbers

        def inside(ln: int, col: int) -> bool:
            return 1 <= ln <= len(lines) and 1 <= col <= len(lines[ln - 1]) + 1

        if not inside(line, column) or not inside(end_line, end_column) or (line, column) > (end_line, end_column):
            return [Violation("position", command, f"{code} out of range",
                              f"{file}:{line}:{column}-{end_line}:{end_column}, {len(lines)} lines")]
        return []


def _diagnostic_positions(diagnostics: object, command: str, positions: Positions) -> list[Violation]:
    """The positions of a list of findings (as JSON) and of their related locations and
    justification steps."""
    if not isinstance(diagnostics, list):
        return [Violation("json", command, "shape", "no list of diagnostics")]
    found: list[Violation] = []
    for d in diagnostics:
        if not isinstance(d, dict):
            found.append(Violation("json", command, "shape", "a finding that is not an object"))
            continue
        code = d.get("code", "?")
        found += positions.problems(d, command, code)
        for related in d.get("related") or []:
            found += positions.problems(related, command, f"{code} related")
        for step in d.get("justification") or []:
            found += positions.problems(step, command, f"{code} justification")
    return found


def _check_document(document: object, command: str, positions: Positions) -> list[Violation]:
    """Structure and positions of a ``check --format json`` document."""
    if not isinstance(document, dict) or not isinstance(document.get("diagnostics"), list) \
            or not isinstance(document.get("claims"), list) or not isinstance(document.get("summary"), dict):
        return [Violation("json", command, "shape", "diagnostics, claims and summary missing")]
    found = _diagnostic_positions(document["diagnostics"], command, positions)
    for claim in document["claims"]:
        found += positions.problems(claim, command, "claim")
        for step in claim.get("justification") or []:
            found += positions.problems(step, command, "claim justification")
    summary = document["summary"]
    errors = sum(1 for d in document["diagnostics"] if isinstance(d, dict) and d.get("severity") == "error")
    if summary.get("errors") != errors:
        found.append(Violation("json", command, "summary", f"summary says {summary.get('errors')} errors, "
                                                           f"the findings {errors}"))
    return found


def run_violations(run: Run, positions: Positions | None = None) -> list[Violation]:
    """Everything wrong with one run of a command (see the module's description)."""
    command = run.command
    found: list[Violation] = []
    if run.returncode is None:
        return [Violation("timeout", command, "", f"did not keep its run budget: stopped after {run.seconds:.0f} s "
                                                  f"({run.cpu_seconds:.0f} s of CPU)")]
    for stream in (run.stderr, run.stdout):
        if TRACEBACK in stream:
            text = stream[stream.rindex(TRACEBACK):].decode("utf-8", errors="replace")
            key = _traceback_key(text)
            kind = "memory" if key.startswith("MemoryError") else "traceback"
            found.append(Violation(kind, command, key, text.strip().splitlines()[-1][:300]))
            return found
    if run.returncode < 0:
        name = signal.Signals(-run.returncode).name if -run.returncode in signal.valid_signals() else "?"
        return [Violation("crash", command, name, f"ended by signal {run.returncode}")]
    if run.returncode not in (0, 1):
        first = run.stderr.decode("utf-8", errors="replace").strip().splitlines()[:1]
        found.append(Violation("exit-status", command, str(run.returncode), first[0][:300] if first else ""))
    if command in SCHEMAS and (command == "check" or run.stdout.strip()):
        try:
            document = json.loads(run.stdout)
        except ValueError:
            found.append(Violation("json", command, "not JSON", run.stdout[:120].decode("utf-8", "replace")))
            return found
        if not isinstance(document, dict) or document.get("schema") != SCHEMAS[command]:
            found.append(Violation("json", command, "schema", str(document)[:120]))
            return found
        if command == "scenario" and positions is not None:
            found += _diagnostic_positions(document.get("diagnostics", []), command, positions)
        if command == "check":
            if positions is not None:
                found += _check_document(document, command, positions)
            errors = document.get("summary", {}).get("errors")
            if run.returncode in (0, 1) and isinstance(errors, int) and (errors > 0) != (run.returncode == 1):
                found.append(Violation("exit-status", command, f"{run.returncode} with {errors} errors",
                                       "the exit status disagrees with the findings"))
    return found


@dataclass
class Outcome:
    """The runs made on one input and the violations found in them."""

    runs: list[Run]
    violations: list[Violation]

    @property
    def seconds(self) -> float:
        """The wall time of all the runs."""
        return sum(r.seconds for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        """The CPU time of all the runs."""
        return sum(r.cpu_seconds for r in self.runs)

    @property
    def peak_rss_kb(self) -> int:
        """The largest peak resident memory of one run."""
        return max((r.peak_rss_kb for r in self.runs), default=0)


def check_file(path: Path, limits: Limits, commands: tuple[str, ...] = ("check",), api: str = "none",
               report_format: str = "html") -> Outcome:
    """Run each of ``commands`` on the spec file ``path`` (from its directory, whose files and
    the shipped library's are the only ones it may read) and collect the violations; a command
    that does not keep its run budget stops the ones after it. ``api`` is ``"here"`` to also load the file with the
    Python API in this process, ``"process"`` to do so in a process of its own, ``"none"`` not
    to."""
    directory = path.parent
    positions = Positions(directory, [directory, library_dir()])
    runs: list[Run] = []
    found: list[Violation] = []
    for command in commands:
        run = run_process(command, command_argv(command, path, limits, report_format), directory, limits)
        runs.append(run)
        found += run_violations(run, positions)
        if run.returncode is None:
            return Outcome(runs, found)
    if api == "here":
        found += load_violations(path, limits)
    elif api == "process":
        violations, run = load_in_process(path, limits, directory)
        runs.append(run)
        found += violations
    return Outcome(runs, found)


# ---------------------------------------------------------------------------------------------
# the Python API


def load_violations(path: Path, limits: Limits) -> list[Violation]:
    """Load ``path`` with ``alignspec.load`` in this process, under the limits and the run
    budget: a ``load-raised`` violation for any exception but ``SpecError`` (``memory`` for a
    ``MemoryError``), and the positions of the spec's findings (or of the ``SpecError``'s)."""
    import alignspec
    from alignspec.reasoning.logic import Budget

    budget = Budget(max_entities=limits.max_entities, max_facts=limits.max_facts,
                    max_search_steps=limits.max_steps)
    here = os.getcwd()
    try:
        os.chdir(path.parent)
        try:
            spec = alignspec.load(path.name, budget=budget, timeout=limits.budget_seconds,
                                  max_total_steps=limits.max_total_steps)
            diagnostics = list(spec.diagnostics())
        except alignspec.SpecError as exc:
            diagnostics = list(exc.diagnostics)
        except Exception as exc:  # what the oracle is looking for
            key = _traceback_key("".join(traceback.format_exception(exc)))
            kind = "memory" if isinstance(exc, MemoryError) else "load-raised"
            return [Violation(kind, "load", key, f"{type(exc).__name__}: {str(exc)[:200]}")]
        positions = Positions(path.parent, [path.parent, library_dir()])
        found: list[Violation] = []
        for d in diagnostics:
            for span in [d.span, *(r.span for r in d.related)]:
                where = {"file": span.file, "line": span.line, "column": span.column, "end_line": span.end_line,
                         "end_column": span.end_column}
                found += positions.problems(where, "load", d.code)
        return found
    finally:
        os.chdir(here)


def load_in_process(path: Path, limits: Limits, cwd: Path) -> tuple[list[Violation], Run]:
    """``load_violations`` in a process of its own (this file run as a script), under the run
    budget, its grace and the memory cap; a timeout, a crash or a traceback of that process is
    reported as a violation of ``load``."""
    argv = [sys.executable, str(Path(__file__).resolve()), "load", str(path), json.dumps(dataclasses.asdict(limits))]
    run = run_process("load", argv, cwd, limits)
    if run.returncode == 0:
        try:
            return [Violation(**v) for v in json.loads(run.stdout)], run
        except (ValueError, TypeError):
            pass
    return run_violations(run) or [Violation("crash", "load", str(run.returncode), "no report")], run


def _main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "load":
        print("usage: fuzz_oracle.py load FILE LIMITS_JSON", file=sys.stderr)
        return 2
    limits = Limits(**json.loads(argv[2]))
    found = load_violations(Path(argv[1]), limits)
    print(json.dumps([{"kind": v.kind, "command": v.command, "key": v.key, "detail": v.detail} for v in found]))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
