"""Counts in reports and notebooks are singular when they are one: ``1 framing``, ``1 error``."""

from __future__ import annotations

import re

import alignspec
from alignspec.integrations import spec_html
from alignspec.views import render_report

ONE_OF_EACH = """\
kind Agent
concept active(x: Agent) := Agnet(x)
framing only
claim under only: satisfiable active
scenario s {
    Agent a
}
"""


def test_one_of_each_is_singular(tmp_path):
    path = tmp_path / "one.align"
    path.write_text(ONE_OF_EACH, encoding="utf-8")
    spec = alignspec.load(str(path))
    report = render_report(spec, "markdown")
    assert re.search(r"\b\d+ concepts?, 0 claims, 1 framing, 1 scenario\.", report)
    html = spec_html(spec, diagrams=False)
    assert "1 error, 0 warnings, 0 notes" in html
    assert "(s)" not in html and "(s)" not in report
