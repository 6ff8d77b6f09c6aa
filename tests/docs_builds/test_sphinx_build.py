"""Sphinx builds with the ``alignspec.sphinx`` extension."""

from __future__ import annotations

import os
import shutil

from .conftest import CLEAN, FAILING, FAILING_LINE, SEED, dot_installed, sphinx_build

PAGE = """\
Specs
=====

See :align:concept:`aligned` and :align:claim:`clean.narrower`, and :ref:`align-concepts`.

.. alignspec:: specs/clean.align
   :show: all
"""


def test_clean_spec_builds_with_concepts_claims_and_diagram(sphinx_project, tmp_path):
    src = sphinx_project(PAGE)
    (src / "specs").mkdir()
    (src / "specs" / "clean.align").write_text(CLEAN, encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "alignspec-concepts" in html and 'id="align-concept-clean-aligned"' in html
    assert "pursues what was intended" in html
    assert 'id="align-claim-clean-narrower"' in html and "not_back" in html
    assert 'href="#align-concept-clean-aligned"' in html and 'href="#align-claim-clean-narrower"' in html
    if dot_installed:
        assert '<img src="_images/graphviz-' in html
    else:
        assert '<svg class="alignspec-drawing"' in html
    assert 'class="highlight-alignspec' in html
    index = (tmp_path / "out" / "align-concepts.html").read_text(encoding="utf-8")
    assert "goal_directed" in index


def test_failing_claim_fails_the_build_at_the_spec_line(sphinx_project, tmp_path):
    src = sphinx_project(".. alignspec:: bad.align\n   :show: claims\n")
    (src / "bad.align").write_text(FAILING, encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode != 0
    expected = f"{src / 'bad.align'}:{FAILING_LINE}: WARNING: error[AS302 claim-failed]"
    assert expected in done.stderr, done.stderr
    assert "[alignspec.claim-failed]" in done.stderr


def test_suppress_warnings_silences_findings(sphinx_project, tmp_path):
    src = sphinx_project(".. alignspec:: bad.align\n", conf_extra='suppress_warnings = ["alignspec"]')
    (src / "bad.align").write_text(FAILING, encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode == 0, done.stderr
    assert "claim-failed" not in done.stderr


def test_paths_may_not_leave_the_source_directory(sphinx_project, tmp_path):
    (tmp_path / "outside.align").write_text(CLEAN, encoding="utf-8")
    src = sphinx_project(".. alignspec:: ../outside.align\n")
    done = sphinx_build(src, tmp_path / "out")
    assert "outside the documentation source directory" in done.stderr


def test_changing_a_spec_or_an_import_rebuilds_the_page(sphinx_project, tmp_path):
    src = sphinx_project(".. alignspec:: main.align\n   :show: concepts\n")
    (src / "base.align").write_text('kind Model "first wording"\n', encoding="utf-8")
    (src / "main.align").write_text('import "base.align" as b\n'
                                    'concept trained(m: b.Model) "original doc" := b.Model(m)\n'
                                    "claim: satisfiable trained\n", encoding="utf-8")
    out = tmp_path / "out"
    assert sphinx_build(src, out, "-W").returncode == 0
    assert "original doc" in (out / "index.html").read_text(encoding="utf-8")

    def touch_later(path):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))

    main = src / "main.align"
    main.write_text(main.read_text(encoding="utf-8").replace("original doc", "changed doc"), encoding="utf-8")
    touch_later(main)
    done = sphinx_build(src, out, "-W")
    assert done.returncode == 0, done.stderr
    assert "changed doc" in (out / "index.html").read_text(encoding="utf-8")

    base = src / "base.align"
    base.write_text('kind Model "first wording"\nconcept broken(m: Model) := Missing(m)\n', encoding="utf-8")
    touch_later(base)
    done = sphinx_build(src, out, "-W")
    assert done.returncode != 0 and "base.align" in done.stderr and "import-error" in done.stderr, done.stderr


def test_seed_with_a_framing_and_links_between_pages(sphinx_project, tmp_path):
    shutil.copyfile(SEED, tmp_path / "seed.align")
    src = sphinx_project("Seed\n====\n\n.. alignspec:: seed.align\n   :framing: harris\n"
                         "   :show: concepts, lattice, claims, scenarios\n")
    shutil.copyfile(SEED, src / "seed.align")
    (src / "other.rst").write_text("Other\n=====\n\n.. toctree::\n\n   index\n\n"
                                   ":align:concept:`inner_aligned` :align:claim:`collapse`\n\n"
                                   ".. alignspec:: seed.align\n   :show: concepts\n   :no-index:\n",
                                   encoding="utf-8")
    (src / "conf.py").write_text('extensions = ["alignspec.sphinx"]\nroot_doc = "other"\n', encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "collapse" in html and "a1" not in html.split("Claims", 1)[1].split("Framings", 1)[0]
    other = (tmp_path / "out" / "other.html").read_text(encoding="utf-8")
    assert 'href="index.html#align-concept-seed-inner-aligned"' in other
    assert 'href="index.html#align-claim-seed-collapse"' in other


def test_unknown_framing_is_an_error(sphinx_project, tmp_path):
    src = sphinx_project(".. alignspec:: clean.align\n   :framing: nowhere\n")
    (src / "clean.align").write_text(CLEAN, encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode != 0 and "no framing named 'nowhere'" in done.stderr


def test_parallel_read_merges_the_domain_data(sphinx_project, tmp_path):
    names = [f"p{i}" for i in range(7)]
    src = sphinx_project("Root\n====\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names)
                         + "\n:align:concept:`p3.aligned` :align:claim:`p5.narrower` :align:concept:`goal_directed`\n")
    for name in names:
        (src / f"{name}.align").write_text(CLEAN.replace("spec clean", f"spec {name}"), encoding="utf-8")
        (src / f"{name}.rst").write_text(f"{name}\n==\n\n.. alignspec:: {name}.align\n   :show: concepts, claims\n",
                                         encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W", "-j", "2")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="p3.html#align-concept-p3-aligned"' in html
    assert 'href="p5.html#align-claim-p5-narrower"' in html
    assert 'href="p0.html#align-concept-p0-goal-directed"' in html


def test_an_incremental_build_fails_again_while_a_spec_has_an_error(sphinx_project, tmp_path):
    src = sphinx_project("Bad\n===\n\n.. toctree::\n\n   other\n\n.. alignspec:: bad.align\n   :show: claims\n")
    (src / "bad.align").write_text(FAILING, encoding="utf-8")
    (src / "other.rst").write_text("Other\n=====\n", encoding="utf-8")
    out = tmp_path / "out"
    first = sphinx_build(src, out, "-W")
    assert first.returncode != 0 and "claim-failed" in first.stderr
    again = sphinx_build(src, out, "-W")
    assert again.returncode != 0 and "claim-failed" in again.stderr, again.stderr
    (src / "bad.align").write_text(FAILING.replace("claim bad: anything implies trained",
                                                   "claim good: trained implies anything"), encoding="utf-8")
    fixed = sphinx_build(src, out, "-W")
    assert fixed.returncode == 0, fixed.stderr
    assert sphinx_build(src, out, "-W").returncode == 0


def test_a_framing_keeps_the_targets_of_the_other_claims(sphinx_project, tmp_path):
    src = sphinx_project("Seed\n====\n\n.. alignspec:: seed.align\n   :framing: harris\n   :show: claims\n\n"
                         ":align:claim:`a1` :align:claim:`collapse`\n")
    shutil.copyfile(SEED, src / "seed.align")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'id="align-claim-seed-a1"' in html and 'href="#align-claim-seed-a1"' in html
    assert 'id="align-claim-seed-collapse"' in html


def test_outcomes_are_coloured_by_a_shipped_style_sheet(sphinx_project, tmp_path):
    src = sphinx_project(".. alignspec:: bad.align\n   :show: claims\n", conf_extra='suppress_warnings = ["alignspec"]')
    (src / "bad.align").write_text(FAILING, encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'class="alignspec-status alignspec-fails' in html
    assert 'href="_static/alignspec.css' in html
    css = (tmp_path / "out" / "_static" / "alignspec.css").read_text(encoding="utf-8")
    assert ".alignspec-status.alignspec-fails" in css


def test_without_graphviz_diagrams_are_inline_svg(sphinx_project, tmp_path):
    src = sphinx_project(".. alignspec:: clean.align\n   :show: lattice\n", conf_extra='alignspec_diagrams = "layered"')
    (src / "clean.align").write_text(CLEAN, encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out", "-W")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert html.count('<svg class="alignspec-drawing"') == 2
    assert "graphviz" not in html.split("<body", 1)[1]


RECORD_CUTS = """
import json
import alignspec.sphinx.directive as _directive
import alignspec.views.report as _report
_directive.DOCS_TIMEOUT = 1e-9
_draw = _report._report_sections
def _recording(*args):
    sections = _draw(*args)
    with open("cuts.json", "a", encoding="utf-8") as out:
        out.write(json.dumps({s.key.value: s.cut and s.cut.value for s in sections}) + "\\n")
    return sections
_report._report_sections = _recording
"""


def test_a_spec_past_the_page_budget_still_builds_whole(sphinx_project, tmp_path):
    """The analysis and the report share the page's budget for the spec: past it, the page is
    built whole, the sections that decide while drawn are cut (typed), and nothing raises."""
    import json

    from alignspec.views.report import ON_DEMAND, SectionKey

    src = sphinx_project(PAGE, conf_extra=RECORD_CUTS)
    (src / "specs").mkdir()
    (src / "specs" / "clean.align").write_text(CLEAN, encoding="utf-8")
    done = sphinx_build(src, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'id="align-concept-clean-aligned"' in html
    cuts = [json.loads(line) for line in (tmp_path / "cuts.json").read_text(encoding="utf-8").splitlines()]
    assert cuts and all(set(cut) <= {k.value for k in SectionKey} for cut in cuts)
    assert all(value == ("timeout" if SectionKey(key) in ON_DEMAND else None)
               for cut in cuts for key, value in cut.items())
