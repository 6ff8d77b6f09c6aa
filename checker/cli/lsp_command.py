"""``alignspec lsp``: start the language server, which needs the optional extra ``lsp`` (pygls).

The server is a later stage than the command line (it uses the command line's configuration,
finding selection and suppressions), so the command line starts it by module name, the way an
entry point would, rather than importing it.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from typing import Protocol

SERVER_MODULE = "..lsp.server"
NEEDED = ("pygls", "lsprotocol")
INSTALL_HINT = ("install AlignSpec with its language server: pip install '.[lsp]' in a clone of AlignSpec "
                "(or pip install 'pygls>=2,<3' into the same environment)")


def missing_packages() -> list[str]:
    """The packages the server needs that are not installed."""
    return [name for name in NEEDED if importlib.util.find_spec(name) is None]


class Formatter(Protocol):
    """What argparse takes as a formatter class."""

    def __call__(self, *, prog: str) -> argparse.HelpFormatter: ...


def add_lsp_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                   formatter: Formatter = argparse.RawDescriptionHelpFormatter) -> None:
    """Add the ``lsp`` subcommand."""
    parser = commands.add_parser(
        "lsp", help="run the language server (for editors)",
        description="Run the AlignSpec language server: diagnostics, hover, go to definition, references, "
                    "rename, completion, quick fixes, formatting and semantic tokens for .align files. It "
                    "speaks the Language Server Protocol over standard input and output (or TCP with "
                    "--tcp). Settings come from the configuration file nearest each spec, with the options "
                    "given here taking their place.",
        epilog="examples:\n  alignspec lsp                     for an editor that starts it\n"
               "  alignspec lsp --tcp --port 2087   for an editor that connects to it",
        formatter_class=formatter)
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    parser.add_argument("--tcp", action="store_true", help="listen on a TCP port instead")
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on with --tcp (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=2087, help="the port to listen on with --tcp (default 2087)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--config", metavar="PATH",
                       help="read settings from this alignspec.toml or pyproject.toml instead of the nearest one")
    which.add_argument("--isolated", action="store_true", help="read no configuration file")
    parser.add_argument("--root", action="append", metavar="DIR",
                        help="also allow imports from DIR (repeatable); the workspace folders and each spec's "
                             "own directory are always allowed")
    parser.add_argument("--max-entities", type=int, metavar="N", help="the reasoner's limit of new entities")
    parser.add_argument("--max-facts", type=int, metavar="N", help="the reasoner's limit of new facts")
    parser.add_argument("--max-steps", type=int, metavar="N", help="the reasoner's limit of search steps")
    parser.add_argument("--max-total-steps", type=int, metavar="N",
                        help="the reasoner's limit of steps for each version of a document")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="the reasoner's time for each version of a document (default 20)")
    parser.add_argument("--log-file", metavar="PATH", help="write the server's log to PATH instead of standard error")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the server does, for debugging")


def run_lsp(args: argparse.Namespace) -> int:
    """Run ``alignspec lsp``; status 2, with what to install, when pygls is missing."""
    missing = missing_packages()
    if missing:
        print(f"alignspec: error: the language server needs {' and '.join(missing)}, which "
              f"{'is' if len(missing) == 1 else 'are'} not installed; {INSTALL_HINT}", file=sys.stderr)
        return 2
    try:
        server = importlib.import_module(SERVER_MODULE, __package__)
    except ImportError as exc:
        print(f"alignspec: error: the language server cannot start: {exc}; it needs pygls 2 "
              f"({INSTALL_HINT})", file=sys.stderr)
        return 2
    status: int = server.main(args)
    return status
