"""Configuration in ``pyproject.toml`` ``[tool.alignspec]`` or ``alignspec.toml``, found by walking
up from the current directory; ``--config`` and ``--isolated``; options override it."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli_support import BROKEN, BUDGET, COLLAPSE, findings, run, write

from alignspec.cli.config import ConfigError, find_config, load_config


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    write(tmp_path, "specs/collapse.align", COLLAPSE)
    monkeypatch.chdir(tmp_path / "specs")
    return tmp_path


def test_pyproject_section_is_found_from_a_subdirectory(project, capsys):
    write(project, "pyproject.toml", "[project]\nname = 'x'\n\n[tool.alignspec]\nstrict = true\n")
    status, out, _ = run(capsys, "check", "collapse.align")
    assert status == 1
    assert "AS303" in out


def test_a_pyproject_without_the_section_is_passed_over(project, capsys):
    write(project, "specs/pyproject.toml", "[project]\nname = 'inner'\n")
    write(project, "pyproject.toml", "[tool.alignspec]\nstrict = true\n")
    assert find_config(project / "specs") == project / "pyproject.toml"
    assert run(capsys, "check", "collapse.align")[0] == 1


def test_the_nearest_file_wins_and_alignspec_toml_before_pyproject(project):
    write(project, "pyproject.toml", "[tool.alignspec]\nstrict = true\n")
    write(project, "specs/pyproject.toml", "[tool.alignspec]\nstrict = false\n")
    assert find_config(project / "specs") == project / "specs" / "pyproject.toml"
    write(project, "specs/alignspec.toml", "strict = true\n")
    assert find_config(project / "specs") == project / "specs" / "alignspec.toml"


def test_command_line_overrides_the_configuration(project, capsys):
    write(project, "alignspec.toml", "strict = true\nignore = ['AS206']\n")
    assert run(capsys, "check", "collapse.align")[0] == 1
    assert run(capsys, "check", "--no-strict", "collapse.align")[0] == 0
    assert ("AS206", 3) not in findings(capsys, "collapse.align")[1]
    assert ("AS206", 3) in findings(capsys, "--ignore", "AS303", "collapse.align")[1]


def test_isolated_ignores_the_configuration_and_config_names_one(project, capsys, tmp_path_factory):
    write(project, "alignspec.toml", "strict = true\n")
    assert run(capsys, "check", "--isolated", "collapse.align")[0] == 0
    elsewhere = write(tmp_path_factory.mktemp("other"), "custom.toml", "strict = false\n")
    assert run(capsys, "check", "--config", str(elsewhere), "collapse.align")[0] == 0
    assert run(capsys, "check", "--config", str(elsewhere) + ".missing", "collapse.align")[0] == 2


def test_limits_come_from_the_configuration(project, capsys):
    write(project, "specs/budget.align", BUDGET)
    write(project, "alignspec.toml", "max-facts = 2\n")
    assert ("AS304", 7) in findings(capsys, "budget.align")[1]
    assert ("AS304", 7) not in findings(capsys, "--max-facts", "1000", "budget.align")[1]


def test_roots_are_relative_to_the_configuration_file(project, capsys):
    write(project, "common/base.align", "kind Agent\n")
    write(project, "specs/uses.align", 'import "../common/base.align" as b\nkind Model: b.Agent\n')
    assert findings(capsys, "uses.align")[1][0][0] == "AS205"
    write(project, "alignspec.toml", "roots = ['common']\n")
    assert not [c for c, _ in findings(capsys, "uses.align")[1] if c == "AS205"]


def test_per_file_ignores_use_gitignore_patterns_relative_to_the_file(project, capsys):
    write(project, "specs/legacy/old.align", COLLAPSE)
    write(project, "alignspec.toml", '[per-file-ignores]\n"legacy/" = ["concept-collapse"]\n')
    assert ("AS303", 5) in findings(capsys, "collapse.align")[1]
    write(project, "alignspec.toml", '[per-file-ignores]\n"specs/legacy/" = ["concept-collapse"]\n')
    assert ("AS303", 5) not in findings(capsys, "legacy/old.align")[1]
    assert ("AS303", 5) in findings(capsys, "collapse.align")[1]


@pytest.mark.parametrize(("text", "line"), [
    ("strict = true\nmax-entites = 3\n", 2),
    ("[tool.alignspec]\nstrict = true\n\n[tool.alignspec.per-file-ignore]\n'x' = []\n", None),
])
def test_unknown_keys_are_errors_with_file_and_line(tmp_path, text, line):
    name = "pyproject.toml" if text.startswith("[tool") else "alignspec.toml"
    path = write(tmp_path, name, text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert str(path) in message
    if line is not None:
        assert f"{path}:{line}:" in message
    assert "did you mean" in message


@pytest.mark.parametrize("text", [
    "strict = 'yes'\n",
    "max-steps = 0\n",
    "select = 'AS303'\n",
    "select = ['AS999']\n",
    "ignore = ['concept-colapse']\n",
    "per-file-ignores = ['x']\n",
    "strict = \n",
])
def test_bad_values_stop_the_run_with_status_2(project, capsys, text):
    write(project, "alignspec.toml", text)
    status, out, err = run(capsys, "check", "collapse.align")
    assert status == 2
    assert "alignspec.toml" in err and out == ""


def test_selection_by_code_name_and_prefix(project, capsys):
    write(project, "specs/broken.align", BROKEN)
    everything = {code for code, _ in findings(capsys, "--isolated", ".")[1]}
    assert {"AS200", "AS206", "AS303"} <= everything
    assert {c for c, _ in findings(capsys, "--select", "AS3", ".")[1]} == {"AS303"}
    assert {c for c, _ in findings(capsys, "--select", "AS3,unused-declaration", ".")[1]} == {"AS303", "AS206"}
    assert {c for c, _ in findings(capsys, "--select", "AS3", "--ignore", "AS303", ".")[1]} == set()
    assert {c for c, _ in findings(capsys, "--ignore", "AS2", "--select", "AS206", ".")[1]} == {"AS206"}
    assert run(capsys, "check", "--select", "AS9", ".")[0] == 2


def test_syntax_errors_cannot_be_deselected(project, capsys):
    write(project, "specs/bad.align", "kind\n")
    assert findings(capsys, "--ignore", "AS1", "bad.align") == (1, [("AS100", 1)])
