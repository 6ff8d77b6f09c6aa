"""Echoing untrusted text to a terminal or a log: control characters are shown, never obeyed.

File names, import paths, doc strings and messages can hold characters that a terminal or a CI
log would act on: a line break that starts a new line (a GitHub Actions ``::error`` command,
say), an escape sequence, a bidirectional override that reorders what is shown. Every text
renderer passes what it echoes through :func:`visible`; the colour codes the renderers add
themselves are added afterwards, so they are kept.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidirectional embeddings, overrides and isolates, and the Unicode line and paragraph separators.
_FORMAT_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def is_control(char: str) -> bool:
    """Whether ``char`` is a C0 or C1 control (DEL included), a bidirectional control, or a
    line or paragraph separator."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in _FORMAT_CONTROLS


def escape_char(char: str) -> str:
    """``char`` itself, or how it is shown when it is a control (see :func:`visible`)."""
    if not is_control(char):
        return char
    return _NAMED.get(char) or f"\\u{{{ord(char):x}}}"


def visible(text: str) -> str:
    """``text`` with every control character (see :func:`is_control`) replaced by a visible
    escape: ``\\n``, ``\\r`` and ``\\t`` as those two characters, any other as ``\\u{1b}``
    (its code point in hexadecimal). Text without controls is returned unchanged.

    >>> visible("a\\nb\\x1b[31m\\u202e")
    'a\\\\nb\\\\u{1b}[31m\\\\u{202e}'
    """
    if not any(is_control(char) for char in text):
        return text
    return "".join(escape_char(char) for char in text)


# Characters XML 1.0 does not allow in a document at all, even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF, lone
    surrogates) shown as ``\\u{1b}``, as :func:`visible` shows controls; tab, line feed and
    carriage return, which XML allows, are kept."""
    return _NOT_XML.sub(lambda m: f"\\u{{{ord(m.group()):x}}}", text)
