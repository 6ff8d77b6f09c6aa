"""Pictures in every report, with or without Graphviz, and the zoom script in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import screenshot_report

import alignspec
from alignspec.reasoning import run_budget
from alignspec.reasoning.logic import Budget
from alignspec.reasoning.status import Limit
from alignspec.views import pictures, render_report, svg

LIBRARY = sorted((Path(__file__).resolve().parents[2] / "ontology").glob("*.align"))


@pytest.mark.parametrize("path", LIBRARY, ids=[p.stem for p in LIBRARY])
def test_every_library_report_draws_its_diagrams_without_graphviz(path, monkeypatch):
    monkeypatch.setattr(pictures, "dot_program", lambda: None)
    page = render_report(alignspec.load(str(path)), "html")
    figures = page.count('<figure class="diagram"')
    assert figures and page.count('<svg class="alignspec-drawing"') == figures
    assert "mermaid-source" not in page


def test_auto_uses_graphviz_when_it_is_installed_and_the_layout_when_it_is_not(seed, monkeypatch):
    monkeypatch.setattr(pictures, "dot_program", lambda: "/usr/bin/dot")
    assert pictures.resolve("auto") is pictures.Drawing.GRAPHVIZ
    monkeypatch.setattr(pictures, "dot_program", lambda: None)
    assert pictures.resolve("auto") is pictures.Drawing.LAYERED
    monkeypatch.setattr(pictures, "dot_to_svg", lambda source: None)
    page = render_report(seed, "html", drawing="graphviz")
    assert '<svg class="alignspec-drawing"' in page  # Graphviz failed: the layout draws instead


def view_box(dom: str, ident: str) -> list[float]:
    figure = dom.split(f'id="{ident}"', 1)[1]
    return [float(v) for v in re.search(r'viewBox="([^"]+)"', figure).group(1).split()]


@pytest.mark.skipif(screenshot_report.browser() is None, reason="Chromium is not installed")
def test_the_wheel_zooms_at_the_pointer_in_a_browser(seed, tmp_path):
    page = render_report(seed, "html", drawing="layered")
    ident = "figure-vocabulary"
    html = tmp_path / "zoom.html"
    html.write_text(screenshot_report.only_figure(page, ident, wheel=-300), encoding="utf-8")
    dom = screenshot_report.dump_dom(html)
    before = view_box(page, ident)
    after = view_box(dom, ident)
    assert after[2] < before[2] * 0.7 and after[3] < before[3] * 0.7
    assert after[2] / after[3] == pytest.approx(before[2] / before[3], rel=1e-3)
    assert 'class="diagram-tools"' in dom and 'class="diagram-box zoomable"' in dom


def test_graphviz_is_given_only_the_time_the_run_budget_has_left(monkeypatch):
    given: list[float] = []

    def fake_run(argv, **kwargs):
        given.append(kwargs["timeout"])
        raise svg.subprocess.TimeoutExpired(argv, kwargs["timeout"])

    monkeypatch.setattr(svg, "dot_program", lambda: "/usr/bin/dot")
    monkeypatch.setattr(svg.subprocess, "run", fake_run)
    assert svg.dot_to_svg("digraph {}") is None
    assert given == [svg.DOT_TIMEOUT]
    with run_budget.started(Budget(timeout=5.0)):
        assert svg.dot_to_svg("digraph {}") is None
    assert 0 < given[1] <= 5.0
    with run_budget.started(Budget(timeout=0.0)):
        assert svg.dot_to_svg("digraph {}") is None
    assert len(given) == 2  # the budget was spent: Graphviz is not started at all


def test_the_layered_layout_stops_when_the_run_budget_is_spent_and_the_figure_says_why(seed, monkeypatch):
    monkeypatch.setattr(pictures, "dot_program", lambda: None)
    with run_budget.started(Budget(timeout=0.0)):
        page = render_report(seed, "html")
    assert '<svg class="alignspec-drawing"' not in page
    assert page.count('class="mermaid-source"') == page.count('<figure class="diagram"') > 0
    assert page.count('<p class="note" data-cut="timeout">') == page.count('<figure class="diagram"')
    with run_budget.started(Budget(timeout=600.0)):
        assert '<svg class="alignspec-drawing"' in render_report(seed, "html")


def test_a_run_out_of_steps_still_draws_its_diagrams(seed, monkeypatch):
    monkeypatch.setattr(pictures, "dot_program", lambda: None)
    with run_budget.started(Budget(max_total_steps=0)) as run:
        run.exhausted = Limit.TOTAL_STEPS
        page = render_report(seed, "html")
    assert page.count('<svg class="alignspec-drawing"') == page.count('<figure class="diagram"') > 0
