"""MkDocs builds with the ``alignspec`` plugin."""

from __future__ import annotations

from alignspec.mkdocs.markdown import Expander, shift_headings

from .conftest import CLEAN, FAILING, FAILING_LINE, mkdocs_build

CONFIG = "site_name: test\nplugins:\n  - alignspec\n"


def project(tmp_path, page: str, specs: dict[str, str], config: str = CONFIG):
    docs = tmp_path / "docs"
    (docs / "specs").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (docs / "index.md").write_text(page, encoding="utf-8")
    for name, text in specs.items():
        (docs / "specs" / name).write_text(text, encoding="utf-8")
    return docs


def test_include_and_inline_fence_render_the_report(tmp_path):
    page = ("# Home\n\n<!-- alignspec: specs/clean.align -->\n\nInline:\n\n```alignspec\n"
            "kind Model\nconcept m(x: Model) \"inline concept\" := Model(x)\nclaim: satisfiable m\n```\n")
    project(tmp_path, page, {"clean.align": CLEAN})
    done = mkdocs_build(tmp_path, "--strict")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="alignspec-diagram"' in html and "<svg" in html and 'class="language-mermaid"' not in html
    assert "pursues what was intended" in html and "narrower" in html and "inline concept" in html
    assert '<h2 id="a-clean-spec">' in html


def test_failing_spec_fails_strict_build_with_file_and_line(tmp_path):
    page = ("# Bad\n\n<!-- alignspec: specs/bad.align -->\n\n```alignspec\nkind Model\n"
            "concept m(x: Model) := Model(x)\nconcept n(x: Model) := Model(x)\nclaim nope: m distinct n\n```\n")
    project(tmp_path, page, {"bad.align": FAILING})
    done = mkdocs_build(tmp_path, "--strict")
    assert done.returncode != 0
    assert f"specs/bad.align:{FAILING_LINE}:1: error[AS302 claim-failed]" in done.stderr, done.stderr
    assert "index.md:9:1: error[AS302 claim-failed] claim 'nope'" in done.stderr
    assert mkdocs_build(tmp_path).returncode == 0


def test_include_may_not_leave_the_docs_dir(tmp_path):
    project(tmp_path, "# X\n\n<!-- alignspec: ../mkdocs.yml -->\n", {})
    done = mkdocs_build(tmp_path, "--strict")
    assert done.returncode != 0 and "outside the documentation source directory" in done.stderr


def test_expander_collects_watched_files_and_leaves_other_fences(tmp_path):
    (tmp_path / "clean.align").write_text(CLEAN, encoding="utf-8")
    logged = []
    expander = Expander(str(tmp_path), lambda level, message: logged.append((level, message)))
    text = "```python\n<!-- alignspec: clean.align -->\n```\n<!-- alignspec: clean.align -->\n"
    expansion = expander.expand(text, "page.md")
    assert expansion.markdown.startswith("```python\n<!-- alignspec: clean.align -->\n```\n")
    assert "## A clean spec" in expansion.markdown
    assert expansion.files == {str((tmp_path / "clean.align").resolve())}
    assert not [m for level, m in logged if level == "warning"]


def test_shift_headings_skips_fences():
    assert shift_headings("# A\n```\n# not\n```\n###### F", 1) == "## A\n```\n# not\n```\n###### F"


IMPORTING = 'import hubinger2020 as h\nconcept mine(m: h.MesaOptimizer) := h.inner_aligned(m)\nclaim mine_is: mine equivalent h.inner_aligned\n'


def test_fence_and_include_options_choose_the_sections(tmp_path):
    page = ('# Home\n\n```alignspec show="claims"\n' + IMPORTING + '```\n\n'
            '```{.alignspec show="concepts, source"}\n' + IMPORTING + '```\n\n'
            '<!-- alignspec: specs/clean.align show="lattice" framing="strict" -->\n')
    project(tmp_path, page, {"clean.align": CLEAN})
    done = mkdocs_build(tmp_path, "--strict")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "mine_is" in html and "Vocabulary" not in html and "Comparison of the framings" not in html
    assert html.count(">Claims</h") == 1 and html.count(">Concepts</h") == 1
    assert "Concepts under strict" in html and "Concepts under base framing" not in html
    assert html.count("import hubinger2020 as h") == 1


def test_an_unknown_option_is_a_warning(tmp_path):
    project(tmp_path, '# X\n\n```alignspec shwo="claims"\nkind Model\n```\n', {})
    done = mkdocs_build(tmp_path, "--strict")
    assert done.returncode != 0 and "unknown option 'shwo'" in done.stderr


def test_outcomes_are_coloured_and_the_style_sheet_ships(tmp_path):
    page = '# Bad\n\n```alignspec show="claims"\nkind Model\nconcept m(x: Model) := Model(x)\nclaim bad: m distinct m\n```\n'
    project(tmp_path, page, {})
    assert mkdocs_build(tmp_path).returncode == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<span class="alignspec-status alignspec-fails">fails</span>' in html
    assert 'href="assets/alignspec.css"' in html
    assert ".alignspec-status.alignspec-fails" in (tmp_path / "site" / "assets" / "alignspec.css").read_text()


def test_mermaid_fences_for_themes_that_draw_them(tmp_path):
    config = CONFIG.replace("  - alignspec\n", "  - alignspec:\n      diagrams: mermaid\n")
    project(tmp_path, "# X\n\n<!-- alignspec: specs/clean.align show=lattice -->\n", {"clean.align": CLEAN}, config)
    done = mkdocs_build(tmp_path, "--strict")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="language-mermaid"' in html and "<svg" not in html


def test_a_spec_past_the_page_budget_still_renders_whole(tmp_path, monkeypatch):
    """The analysis and the report share the page's budget for the spec: past it, the report is
    still whole, its sections that decide while drawn are cut (typed), and nothing raises."""
    import alignspec.mkdocs.markdown as markdown
    from alignspec.reasoning.status import Limit
    from alignspec.views import report

    (tmp_path / "clean.align").write_text(CLEAN, encoding="utf-8")
    drawn: list = []
    original = report._report_sections
    monkeypatch.setattr(report, "_report_sections", lambda *args: drawn.extend(original(*args)) or drawn)
    monkeypatch.setattr(markdown, "DOCS_TIMEOUT", 1e-9)
    logged = []
    expander = Expander(str(tmp_path), lambda level, message: logged.append((level, message)))
    expansion = expander.expand("<!-- alignspec: clean.align -->\n", "page.md")
    assert "## A clean spec" in expansion.markdown and "### Comparison of the framings" in expansion.markdown
    assert [s.key for s in drawn] == list(report.SectionKey)
    assert {s.key: s.cut for s in drawn if s.cut is not None} == dict.fromkeys(report.ON_DEMAND, Limit.TIMEOUT)
