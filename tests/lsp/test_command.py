"""``alignspec lsp`` as a command: its help, and a clear message with status 2 when pygls is not
installed."""

from __future__ import annotations

import os
import subprocess
import sys

from _lsp_session import REPO

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def test_help_lists_the_transports():
    done = subprocess.run([sys.executable, "-m", "checker", "lsp", "--help"], capture_output=True, text=True,
                          env=ENV, timeout=60, check=False)
    assert done.returncode == 0
    assert "--tcp" in done.stdout and "--stdio" in done.stdout


def test_without_pygls_it_says_what_to_install():
    program = ("import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None; "
               "from checker.cli import main; sys.exit(main(['lsp']))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=ENV, timeout=60,
                          check=False, cwd=REPO)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "pygls" in done.stderr and "[lsp]" in done.stderr


def test_a_session_over_tcp():
    import asyncio
    import socket

    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "checker", "lsp", "--tcp", "--port", str(port)],
                               env=ENV, stderr=subprocess.PIPE, text=True)

    async def session() -> lsp.InitializeResult:
        client = LanguageClient("tcp-test", "1")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while True:
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                if loop.time() > deadline:
                    raise
                await asyncio.sleep(0.1)
        result = await asyncio.wait_for(client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities())), 60)
        await asyncio.wait_for(client.shutdown_async(None), 60)
        client.exit(None)
        await asyncio.sleep(0.2)
        return result

    try:
        result = asyncio.run(session())
        assert result.server_info is not None and result.server_info.name == "alignspec"
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        _, errors = process.communicate(timeout=60)
    assert "Traceback" not in errors
