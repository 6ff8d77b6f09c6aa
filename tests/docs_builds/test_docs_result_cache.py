"""The result cache in the Python API and the documentation builds: a spec taken from the cache is
the spec analysed afresh (its findings, claims, framings, scenarios, report and answers to new
questions); an entry keeps none of the reasoner's tables keyed by ``id``; an edit to an imported
file is seen; Sphinx and MkDocs pages of library specs are the same with the cache cold, warm
and off, and ``alignspec_cache = False`` / ``cache: false`` turn it off."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from alignspec.analysis.axioms import Expander, Namer, TheoryBuilder
from alignspec.analysis.exclusions import Exclusions
from alignspec.analysis.framings import FramingAnalysis
from alignspec.analysis.justify import Justifier
from alignspec.analysis.scenarios import TableCells
from alignspec.analysis_cache import CachedSpec
from alignspec.api import load
from alignspec.model.kinds import KindTable
from alignspec.model.loader import library_directory
from alignspec.reasoning.classification import Classification
from alignspec.reasoning.logic import Theory
from alignspec.reasoning.status import Limit
from alignspec.result_cache import ResultCache
from alignspec.views.report import render_report

from .conftest import mkdocs_build, sphinx_build

LIBRARY = library_directory()
QUESTION = "under objective_focused: objective_robust implies capability_robust"


def _entries(home: Path, kind: str) -> list[Path]:
    folder = home / "alignspec" / "results"
    return sorted(p for p in folder.iterdir() if p.name.startswith(kind + "-")) if folder.is_dir() else []


def _seen(spec) -> dict[str, object]:
    """Everything a page shows of ``spec``, and what it answers when asked."""
    return {
        "diagnostics": [d.to_dict() for d in spec.diagnostics()],
        "claims": [c.to_dict() for c in spec.claims],
        "framings": [v.to_dict() for v in spec.analysis.framings],
        "scenarios": [e.to_dict() for e in spec.scenarios],
        "markdown": render_report(spec, "markdown"),
        "html": render_report(spec, "html", "layered"),
    }


@pytest.mark.parametrize("name", ["rflo", "harris_thread", "hubinger2020"])
def test_a_cached_library_spec_is_the_spec_analysed_afresh(name, tmp_path):
    fresh = load(name)
    cold_cache = ResultCache(tmp_path / "results")
    cold = load(name, cache=cold_cache)
    warm_cache = ResultCache(tmp_path / "results")
    warm = load(name, cache=warm_cache)
    assert (cold_cache.hits, cold_cache.misses, warm_cache.hits, warm_cache.misses) == (0, 1, 1, 0)
    assert warm.unit is warm.analysis.unit and warm.unit is not fresh.unit
    expected = _seen(fresh)
    assert _seen(cold) == expected
    assert _seen(warm) == expected


def test_questions_to_a_cached_spec_are_answered_afresh(tmp_path):
    load("hubinger2020", cache=ResultCache(tmp_path))
    warm = load("hubinger2020", cache=ResultCache(tmp_path))
    fresh = load("hubinger2020")
    asked, expected = warm.ask(QUESTION), fresh.ask(QUESTION)
    assert asked.to_dict() == expected.to_dict()
    for view in fresh.analysis.framings:
        if view.classification is None:
            continue
        warm_view = warm.classification(view.framing.name if view.framing is not None else None)
        for left, right in sorted(view.classification.implications.edges)[:5]:
            assert (warm.analysis.justifier.implication(warm_view.framing, left, right)
                    == fresh.analysis.justifier.implication(view.framing, left, right))


def _reachable(root: object) -> list[object]:
    seen: dict[int, object] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (type, str, bytes, int, float)):
            continue
        seen[id(obj)] = obj
        stack.extend(gc.get_referents(obj))
    return list(seen.values())


def test_an_entry_keeps_none_of_the_tables_keyed_by_id(tmp_path):
    load("harris_thread", cache=ResultCache(tmp_path))
    cache = ResultCache(tmp_path)
    (entry,) = [p for p in tmp_path.iterdir() if p.name.startswith("spec-")]
    found = cache.load(entry.name)
    assert isinstance(found, CachedSpec)
    reachable = _reachable(found)
    live = (TheoryBuilder, Namer, Expander, Justifier, Exclusions, FramingAnalysis, KindTable, Theory)
    assert not [type(o).__name__ for o in reachable if isinstance(o, live)]
    classifications = [o for o in reachable if isinstance(o, Classification)]
    assert classifications and all(not c.chased and c.theory is None and c.masks is None for c in classifications)


def test_other_limits_or_cells_are_other_entries(tmp_path):
    from alignspec.reasoning.logic import Budget

    cache = ResultCache(tmp_path)
    load("rflo_deception", cache=cache)
    load("rflo_deception", cache=cache, cells=TableCells.ALL)
    load("rflo_deception", cache=cache, budget=Budget(max_facts=Budget().max_facts - 1))
    load("rflo_deception", cache=cache)
    assert (cache.hits, cache.misses) == (1, 3)


def test_what_the_timeout_cut_short_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))
    from bench.hostile import chase_blowup

    slow = _write(tmp_path, "slow.align", chase_blowup(13, 20))
    cache = ResultCache(tmp_path / "results")
    spec = load(slow, timeout=0.5, cache=cache)
    assert spec.analysis.exhausted is Limit.TIMEOUT
    assert not (tmp_path / "results").is_dir() or not list((tmp_path / "results").glob("spec-*"))
    quick = _write(tmp_path, "quick.align", "kind A\nkind B: A\nclaim: B(x) implies A(x)\n")
    load(quick, timeout=60, cache=cache)
    assert load(quick, cache=cache).analysis.exhausted is None and cache.hits == 1  # the timeout is not in the key


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


LIB = """\
kind Agent
relation helps(Agent, Agent)
relation knows(Agent, Agent)
concept helper(x: Agent) := helps(x, y)
"""
LIB_EDITED = LIB.replace(":= helps(x, y)", ":= helps(x, y), knows(x, y)")
MAIN = """\
spec main "A spec that imports another"
import "lib.align" as lib
concept strong(x: lib.Agent) := lib.helps(x, y)
claim strong_helps: strong implies lib.helper
"""


def test_an_edit_to_an_imported_file_is_seen(tmp_path):
    project = tmp_path / "project"
    _write(project, "lib.align", LIB)
    main = _write(project, "main.align", MAIN)
    cache = ResultCache(tmp_path / "results")
    assert [c.status.value for c in load(main, cache=cache).claims] == ["holds"]
    assert [c.status.value for c in load(main, cache=cache).claims] == ["holds"]
    _write(project, "lib.align", LIB_EDITED)
    edited = load(main, cache=cache)
    assert [c.status.value for c in edited.claims] == ["fails"]
    assert (cache.hits, cache.misses) == (1, 2)
    assert _seen(edited) == _seen(load(main))


SPHINX_PAGE = """\
Specs
=====

.. alignspec:: specs/rflo.align
   :show: all

.. alignspec:: specs/main.align
"""


def _sphinx_project(tmp_path: Path, conf_extra: str = "") -> Path:
    src = tmp_path / "src"
    _write(src, "conf.py", 'extensions = ["alignspec.sphinx"]\nproject = "test"\nalignspec_diagrams = "layered"\n'
           + conf_extra)
    _write(src, "index.rst", SPHINX_PAGE)
    shutil.copy(LIBRARY / "rflo.align", _write(src / "specs", "lib.align", LIB).parent / "rflo.align")
    _write(src / "specs", "main.align", MAIN)
    return src


def _sphinx_html(src: Path, out: Path) -> str:
    done = sphinx_build(src, out, "-E")
    assert done.returncode == 0, done.stderr
    return (out / "index.html").read_text(encoding="utf-8")


def test_sphinx_pages_are_the_same_with_the_cache_cold_warm_and_off(tmp_path, cache_home, monkeypatch):
    src = _sphinx_project(tmp_path)
    cold = _sphinx_html(src, tmp_path / "cold")
    assert len(_entries(cache_home, "spec")) == 2
    stamps = {p.name: p.stat().st_mtime_ns for p in _entries(cache_home, "spec")}
    warm = _sphinx_html(src, tmp_path / "warm")
    assert {p.name for p in _entries(cache_home, "spec")} == set(stamps)
    monkeypatch.setenv("ALIGNSPEC_NO_CACHE", "1")
    off = _sphinx_html(src, tmp_path / "off")
    assert cold == warm == off
    assert "strong_helps" in cold and "align-concept-rflo-" in cold
    monkeypatch.delenv("ALIGNSPEC_NO_CACHE")
    _write(src / "specs", "lib.align", LIB_EDITED)
    edited = _sphinx_html(src, tmp_path / "edited")
    monkeypatch.setenv("ALIGNSPEC_NO_CACHE", "1")
    assert edited == _sphinx_html(src, tmp_path / "edited-off") != cold


def test_sphinx_configuration_turns_the_cache_off(tmp_path, cache_home):
    src = _sphinx_project(tmp_path, "alignspec_cache = False\n")
    _sphinx_html(src, tmp_path / "out")
    assert _entries(cache_home, "spec") == []


MKDOCS_PAGE = "# Home\n\n<!-- alignspec: specs/rflo.align -->\n\n<!-- alignspec: specs/main.align -->\n"


def _mkdocs_project(tmp_path: Path, cache_option: str = "") -> Path:
    _write(tmp_path, "mkdocs.yml", "site_name: test\nplugins:\n  - alignspec" + cache_option + "\n")
    docs = tmp_path / "docs"
    _write(docs, "index.md", MKDOCS_PAGE)
    shutil.copy(LIBRARY / "rflo.align", _write(docs / "specs", "lib.align", LIB).parent / "rflo.align")
    _write(docs / "specs", "main.align", MAIN)
    return tmp_path


def _mkdocs_html(root: Path) -> str:
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    return (root / "site" / "index.html").read_text(encoding="utf-8")


def test_mkdocs_pages_are_the_same_with_the_cache_cold_warm_and_off(tmp_path, cache_home, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the build date MkDocs writes into each page
    root = _mkdocs_project(tmp_path)
    cold = _mkdocs_html(root)
    assert len(_entries(cache_home, "spec")) == 2
    warm = _mkdocs_html(root)
    monkeypatch.setenv("ALIGNSPEC_NO_CACHE", "1")
    assert cold == warm == _mkdocs_html(root)
    assert "strong_helps" in cold


def test_mkdocs_configuration_turns_the_cache_off(tmp_path, cache_home):
    _mkdocs_html(_mkdocs_project(tmp_path, ":\n      cache: false"))
    assert _entries(cache_home, "spec") == []
