"""Whether terminal output is coloured: the ``--color`` choice and the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from ..enums import TextEnum


class ColorChoice(TextEnum):
    """``--color``: colour when the stream is a terminal (and the environment allows), always,
    or never."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def should_use_color(stream: TextIO, environ: Mapping[str, str] | None = None,
                     choice: ColorChoice = ColorChoice.AUTO) -> bool:
    """Whether to colour output written to ``stream``.

    ``always`` and ``never`` decide alone. Otherwise: never when ``NO_COLOR`` is set to a
    non-empty value (https://no-color.org); always when ``FORCE_COLOR`` is (https://force-color.org:
    any non-empty value forces colour, and ``NO_COLOR`` wins over it); never for ``TERM=dumb``;
    else only on a terminal (``stream.isatty()``).
    """
    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", "") != "":
        return False
    if env.get("FORCE_COLOR", "") != "":
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
