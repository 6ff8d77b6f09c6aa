"""Keeping every document whose specs have findings outdated, so that an incremental build logs
the findings again.

Sphinx logs warnings only while it reads a document; a later build that finds the document
unchanged does not read it, so its warnings are not logged and ``sphinx-build -W`` would pass on
a spec that still has an error. The number of warnings each document gave is kept in the
environment (per document, merged from parallel readers, forgotten when the document is
purged), and ``env-get-outdated`` asks Sphinx to read those documents again.
"""

from __future__ import annotations

from typing import Any

ATTRIBUTE = "alignspec_findings"


def _store(env: Any) -> dict[str, int]:
    store: dict[str, int] | None = getattr(env, ATTRIBUTE, None)
    if store is None:
        store = {}
        setattr(env, ATTRIBUTE, store)
    return store


def note_findings(env: Any, docname: str, count: int) -> None:
    """Record that ``docname`` logged ``count`` more findings as warnings."""
    store = _store(env)
    store[docname] = store.get(docname, 0) + count


def purge_doc(app: Any, env: Any, docname: str) -> None:
    """``env-purge-doc``: forget what ``docname`` logged (it is about to be read again)."""
    _store(env).pop(docname, None)


def merge_info(app: Any, env: Any, docnames: set[str], other: Any) -> None:
    """``env-merge-info``: take what parallel readers recorded for ``docnames``."""
    theirs = _store(other)
    store = _store(env)
    for docname in docnames:
        if docname in theirs:
            store[docname] = theirs[docname]


def outdated(app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: the documents that logged findings, to be read (and logged) again."""
    return sorted(d for d in _store(env) if d not in removed and d not in added and d not in changed)
