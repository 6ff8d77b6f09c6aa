"""The ``alignspec`` command line: parse the arguments and run one subcommand."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from ..exceptions import UsageError
from ..render.escape import visible
from ..streams import BROKEN_PIPE_STATUS, discard_stdout, is_output_error, say
from .arguments import build_parser
from .lsp_command import run_lsp
from .view_arguments import VIEW_COMMANDS

__all__ = ["build_parser", "main"]


def _explain(args: argparse.Namespace) -> int:
    from ..render.explain import UnknownCodeError, explain

    try:
        sys.stdout.write(explain(args.code).rstrip("\n") + "\n")
    except UnknownCodeError as exc:
        say(f"alignspec: {visible(str(exc))}")
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``alignspec`` console script; returns the exit status.

    Output that cannot be written (a full disk, ``> /dev/full``) is a one-line error and exit
    status 2; a reader that goes away (``| head``) ends the command quietly with status 141.
    Called without ``argv``, as the console script calls it, it takes the process to end next
    and freezes the garbage collector's objects (:func:`gc.freeze`), so that the interpreter's
    exit does not walk every object the run made; pass ``argv`` to call it more than once."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = _run(parser, args)
        sys.stdout.flush()
        if argv is None:
            gc.freeze()
        return status
    except UsageError as exc:
        say(f"alignspec: error: {visible(str(exc))}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of standard output went away (``alignspec ... | head``): stop quietly.
        discard_stdout()
        return BROKEN_PIPE_STATUS
    except OSError as exc:
        if not is_output_error(exc):
            raise
        discard_stdout()
        say(f"alignspec: error: cannot write the output: {exc.strerror or exc}")
        return 2


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    # Each command imports what it needs when it runs, so that help, codes and explain start fast.
    if args.command == "check":
        from .check_command import run_check
        return run_check(args)
    if args.command == "ask":
        from .ask import run_ask
        return run_ask(args)
    if args.command == "explain":
        return _explain(args)
    if args.command == "scenario":
        from .scenario_command import run_scenario
        return run_scenario(args)
    if args.command in VIEW_COMMANDS:
        from .settings import resolve_settings
        from .views import run_view
        return run_view(args, resolve_settings(args))
    if args.command == "fmt":
        from .fmt import run_fmt
        return run_fmt(args)
    if args.command == "lsp":
        return run_lsp(args)
    if args.command == "codes":
        from ..render.explain import list_codes
        sys.stdout.write(list_codes().rstrip("\n") + "\n")
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
