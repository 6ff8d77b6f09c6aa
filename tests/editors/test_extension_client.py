"""The extension's language client (``extension.js``), run by node with stand-ins for VS Code and
vscode-languageclient (``client_harness.js``): it starts the configured command over standard
streams, and says so clearly when the command cannot be found or does not start."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
EXTENSION = HERE.parents[1] / "editors" / "vscode"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def activate(path_dirs: list[Path], **settings) -> dict:
    """Activate the client with ``settings`` and only ``path_dirs`` on PATH; what it did, as JSON."""
    env = {**os.environ, "PATH": os.pathsep.join(map(str, path_dirs))}
    done = subprocess.run([NODE, str(HERE / "client_harness.js"), str(EXTENSION), json.dumps(settings)],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def server(tmp_path) -> Path:
    """A directory holding an executable named ``alignspec``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "alignspec"
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)
    return bin_dir


def test_starts_the_default_command_over_standard_streams(server):
    reported = activate([server])
    assert reported["errors"] == []
    (client,) = reported["clients"]
    assert client["serverOptions"]["command"] == str(server / "alignspec")
    assert client["serverOptions"]["args"] == ["lsp"]
    assert "transport" not in client["serverOptions"]
    assert {"scheme": "file", "language": "alignspec"} in client["clientOptions"]["documentSelector"]
    assert client["started"] and client["stopped"]
    assert "alignspec.server.restart" in reported["commands"]


def test_starts_a_configured_command_by_its_path(server, tmp_path):
    reported = activate([tmp_path], command=[str(server / "alignspec"), "lsp", "--verbose"])
    assert reported["errors"] == []
    (client,) = reported["clients"]
    assert client["serverOptions"]["command"] == str(server / "alignspec")
    assert client["serverOptions"]["args"] == ["lsp", "--verbose"]


def test_a_missing_command_is_reported_and_nothing_starts(tmp_path):
    for command in (["alignspec", "lsp"], [str(tmp_path / "nowhere" / "alignspec"), "lsp"]):
        reported = activate([tmp_path], command=command)
        assert reported["clients"] == []
        (error,) = reported["errors"]
        assert command[0] in error["text"] and "alignspec.server.command" in error["text"]
        assert error["items"]


def test_a_server_that_does_not_start_is_reported(server):
    reported = activate([server], startFails=True)
    (error,) = reported["errors"]
    assert "alignspec lsp" in error["text"]


def test_an_unusable_setting_is_reported(server):
    for command in ([], [""], "alignspec lsp"):
        reported = activate([server], command=command)
        assert reported["clients"] == [] and len(reported["errors"]) == 1, command


def test_a_disabled_server_is_not_started(tmp_path):
    reported = activate([tmp_path], enabled=False)
    assert reported["clients"] == [] and reported["errors"] == []


def test_explanation_links_are_shown_from_the_server(server):
    reported = activate([server])
    assert reported["schemes"] == ["alignspec-explain"]
    assert reported["requests"] == [{"method": "workspace/executeCommand",
                                     "params": {"command": "alignspec.explain", "arguments": ["AS302"]}}]
    assert reported["explained"] == "explanation of AS302"
