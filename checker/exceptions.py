"""The base of the exceptions AlignSpec raises on purpose."""

from __future__ import annotations


class AlignSpecError(Exception):
    """Something AlignSpec was asked cannot be done; the message says what and why.

    Its subclasses are :class:`~alignspec.UsageError` (the call or command cannot run as given:
    a path that names nothing, an argument of the wrong type) and :class:`~alignspec.SpecError`
    (the spec cannot answer as asked: a file that does not parse, an unknown framing, a malformed
    question).
    """


class UsageError(AlignSpecError):
    """The command or call cannot run as given (exit status 2 on the command line): a missing
    path, an empty directory, a file name too long, an argument of the wrong type..."""
