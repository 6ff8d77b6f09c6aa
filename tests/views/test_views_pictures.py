"""Pictures in every report, with or without Graphviz, and the zoom script in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import screenshot_report

import alignspec
from alignspec.views import pictures, render_report

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
