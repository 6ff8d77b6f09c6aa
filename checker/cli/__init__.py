"""The ``alignspec`` command line: ``main`` parses the arguments and runs one subcommand."""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
