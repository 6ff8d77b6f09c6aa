"""The commands that need no spec start without loading the parser, the reasoner or the views.

Structural, not timed: ``python -X importtime`` lists every module a run imports, and none of
the heavy ones may be among them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from alignspec.cli.view_arguments import DRAWINGS, FOCUS_DEPTH

HEAVY = ("networkx", "lark", "alignspec.reasoning", "alignspec.views", "alignspec.analysis",
         "alignspec.syntax", "alignspec.model", "alignspec.api")

LIGHT_COMMANDS = [
    ["--version"],
    ["codes"],
    ["explain", "AS200"],
    ["--help"],
    ["check", "--help"],
    ["ask", "--help"],
    ["scenario", "--help"],
    ["lattice", "--help"],
    ["argue", "--help"],
    ["report", "--help"],
    ["fmt", "--help"],
    ["lsp", "--help"],
    ["explain", "--help"],
]


def imported_modules(*args: str) -> set[str]:
    """The modules ``python -m alignspec ARGS`` imports, from ``-X importtime``."""
    completed = subprocess.run([sys.executable, "-X", "importtime", "-m", "alignspec", *args],
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    modules = set()
    for line in completed.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            modules.add(line.rsplit("|", 1)[1].strip())
    assert "alignspec.cli.main" in modules  # the listing is what it claims to be
    return modules


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


@pytest.mark.parametrize("args", LIGHT_COMMANDS, ids=" ".join)
def test_light_command_imports_nothing_heavy(args):
    assert _heavy(imported_modules(*args)) == set()


def test_check_still_loads_what_it_needs():
    modules = imported_modules("check", "--help")
    assert "alignspec.cli.check_command" not in modules


def test_api_names_load_on_first_use():
    script = ("import sys, alignspec; assert 'alignspec.api' not in sys.modules; "
              "from alignspec import Spec, SpecError, TableCells, load; "
              "assert alignspec.load is load and 'alignspec.api' in sys.modules; "
              "assert {'Spec', 'load'} <= set(dir(alignspec))")
    subprocess.run([sys.executable, "-c", script], check=True)


def test_unknown_attribute_is_an_attribute_error():
    import alignspec

    with pytest.raises(AttributeError):
        _ = alignspec.no_such_name  # type: ignore[attr-defined]


def test_view_argument_defaults_agree_with_the_views():
    from alignspec.views.focus import DEFAULT_DEPTH
    from alignspec.views.pictures import Drawing

    assert tuple(d.value for d in Drawing) == DRAWINGS
    assert DRAWINGS[0] == Drawing.AUTO.value
    assert FOCUS_DEPTH == DEFAULT_DEPTH
