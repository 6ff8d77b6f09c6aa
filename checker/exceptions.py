"""The base of the exceptions AlignSpec raises on purpose."""

from __future__ import annotations


class AlignSpecError(Exception):
    """Something AlignSpec was asked cannot be done; the message says what and why.

    Its subclasses are :class:`~alignspec.UsageError` (the call or command cannot run as given:
    a path that names nothing, an argument of the wrong type) and :class:`~alignspec.SpecError`
    (the spec cannot answer as asked: a file that does not parse, an unknown framing, a malformed
    question).
    """
