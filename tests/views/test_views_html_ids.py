"""Every id in the HTML report is unique: heading anchors and diagram ids share one namespace."""

from __future__ import annotations

import re
from collections import Counter

from alignspec.views import render_report


def test_ids_are_unique_and_links_resolve(seed):
    html = render_report(seed, "html", drawing="source")
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids)
