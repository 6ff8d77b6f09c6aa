"""Helpers for the command-line tests: write specs and configuration files, and run the command
line in-process."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from alignspec.cli import main

# Two concepts that collapse (AS303, a warning) and a kind nothing uses (AS206, an info).
COLLAPSE = """
    kind Agent
    kind Objective
    kind Spare
    relation pursues(Agent, Objective)
    concept p(x: Agent) := pursues(x, o)
    concept q(a: Agent) := pursues(a, b)
    claim: p implies q
"""

# A claim whose chase needs more than two facts (AS304 at line 7 with --max-facts 2).
BUDGET = """
    kind Agent
    relation helps(Agent, Agent)
    relation knows(Agent, Agent)
    concept helper(a: Agent) := helps(a, b)
    concept knower(a: Agent) := knows(a, b)
    framing chatty { rule k1: helps(a, b) -> knows(a, c), knows(b, d), knows(c, d) }
    claim under chatty: helper implies knower
"""

BROKEN = """
    kind Agent
    concept c(x: Agent) := Agnet(x)
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (dedented) to ``folder/name``, creating parent folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``alignspec ARGS`` in-process: ``(status, stdout, stderr)``."""
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def findings(capsys, *args: str) -> tuple[int, list[tuple[str, int]]]:
    """The exit status and the ``(code, line)`` of each finding of ``check --format json ARGS``."""
    status, out, err = run(capsys, "check", "--format", "json", *args)
    assert out, err
    document: dict[str, Any] = json.loads(out)
    return status, [(d["code"], d["line"]) for d in document["diagnostics"]]
