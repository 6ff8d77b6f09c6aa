"""A real language-server session for each test: ``python -m checker lsp`` started over standard
streams by pytest-lsp's client, initialized with VS Code's capabilities, a temporary workspace
folder and a short pause before the reasoner runs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from _lsp_session import SERVER, TIMEOUT, RecordingClient  # noqa: E402
from lsprotocol import types as lsp  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp import client_capabilities  # noqa: E402


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The workspace folder of the session."""
    folder = tmp_path / "workspace"
    folder.mkdir()
    return folder


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: RecordingClient, workspace: Path):
    params = lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=from_fs_path(str(workspace)),
        workspace_folders=[lsp.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="workspace")],
        initialization_options={"analysisDelay": 0.1},
    )
    result = await asyncio.wait_for(lsp_client.initialize_session(params), TIMEOUT)
    lsp_client.server_capabilities = result.capabilities
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)
