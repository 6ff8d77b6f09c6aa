"""The result cache the documentation builds use."""

from __future__ import annotations

from ..result_cache import ResultCache, disabled_by_environment


def build_cache(enabled: bool = True) -> ResultCache | None:
    """The result cache for a documentation build: the user's (see
    :func:`~alignspec.result_cache.results_directory`), or None when ``enabled`` is false (the
    build's configuration turns it off) or ``ALIGNSPEC_NO_CACHE`` asks for none."""
    if not enabled or disabled_by_environment():
        return None
    return ResultCache()
