"""Render HTML reports and take screenshots of them with headless Chromium.

Not a test (pytest does not collect it): run it by hand to look at reports as a browser draws
them. Two ways:

    .venv/bin/python tests/views/screenshot_report.py [SPEC] [--out report.png] [--html report.html]

draws one spec's whole report page (SPEC defaults to ``examples/seed.align``), and

    .venv/bin/python tests/views/screenshot_report.py --review OUTDIR [--layered]

writes the review set into OUTDIR: the library's ``comparison.align`` report, with one of its
whole lattices at 100 % before and after a scripted wheel zoom, and the report of a generated
spec of 300 concepts (``bench/generate.py``), with the focus view of one concept at 100 % and a
whole lattice's place in the page. ``--layered`` draws without Graphviz. Needs ``chromium``
(``apt-get install -y chromium``). Prints the path of each PNG.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import alignspec
from alignspec.views import render_report, write_atomic

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.align"
COMPARISON = ROOT / "ontology" / "comparison.align"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")

# Shows one figure of a report alone, at the top of the page.
ONLY_FIGURE = "<style>main > *:not(#{ident}) {{ display: none; }}</style>"
# Zooms on that figure with a wheel event over its first node, as a user's wheel would.
WHEEL = """<script>
window.addEventListener("load", function () {{
  var svg = document.querySelector("#{ident} svg");
  var node = svg.querySelector("g.node").getBoundingClientRect();
  svg.dispatchEvent(new WheelEvent("wheel", {{deltaY: {delta}, clientX: node.left + node.width / 2,
    clientY: node.top + node.height / 2, bubbles: true, cancelable: true}}));
}});
</script>"""


def browser() -> str | None:
    """The first Chromium-like browser on PATH."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def run_browser(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throwaway profile and no network chatter."""
    program = browser()
    if program is None:
        raise SystemExit("no chromium on PATH: apt-get install -y chromium")
    with tempfile.TemporaryDirectory(prefix="alignspec-chromium-") as profile:
        return subprocess.run([program, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=3000", *args],
                              check=True, timeout=timeout, capture_output=True)


def screenshot(html: Path, png: Path, width: int = 1200, height: int = 2000, timeout: float = 120) -> None:
    """Draw ``html`` in headless Chromium into ``png``."""
    run_browser([f"--screenshot={png}", f"--window-size={width},{height}", html.resolve().as_uri()], timeout)


def dump_dom(html: Path, width: int = 1200, height: int = 1000) -> str:
    """The page's DOM after its scripts ran, as Chromium serialises it."""
    done = run_browser(["--dump-dom", f"--window-size={width},{height}", html.resolve().as_uri()])
    return done.stdout.decode("utf-8", errors="replace")


def only_figure(page: str, ident: str, wheel: int | None = None) -> str:
    """``page`` showing only the figure ``ident``; with ``wheel`` (a wheel's ``deltaY``), zoomed
    by a wheel event over its first node once the page has loaded."""
    page = page.replace("</head>", ONLY_FIGURE.format(ident=ident) + "</head>", 1)
    if wheel is not None:
        page = page.replace("</body>", WHEEL.format(ident=ident, delta=wheel) + "</body>", 1)
    return page


def widest_figure(page: str, prefix: str) -> str:
    """The id of the widest drawn figure whose id starts with ``prefix``."""
    found = re.findall(r'<figure class="diagram" id="(' + re.escape(prefix) + r'[^"]*)">\s*<div[^>]*>\s*'
                       r'<svg[^>]*?viewBox="[\d.\s-]*?([\d.]+) [\d.]+"', page)
    if not found:
        raise SystemExit(f"no drawn figure '{prefix}...' in the report")
    return max(found, key=lambda item: float(item[1]))[0]


def review(folder: Path, drawing: str) -> list[Path]:
    """Write the review screenshots into ``folder``; returns their paths."""
    sys.path.insert(0, str(ROOT))
    from bench.generate import classification_spec

    folder.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    def shoot(name: str, page: str, width: int = 1200, height: int = 900) -> None:
        html = folder / f"{name}.html"
        write_atomic(str(html), page)
        png = folder / f"{name}.png"
        screenshot(html, png, width, height)
        shots.append(png)

    comparison = render_report(alignspec.load(str(COMPARISON)), "html", drawing=drawing)
    write_atomic(str(folder / "comparison-report.html"), comparison)
    whole = widest_figure(comparison, "figure-lattice")
    shoot("comparison-lattice-before-zoom", only_figure(comparison, whole))
    shoot("comparison-lattice-after-zoom", only_figure(comparison, whole, -300))

    spec_path = folder / "classification300.align"
    write_atomic(str(spec_path), classification_spec(300))
    large = render_report(alignspec.load(str(spec_path)), "html", drawing=drawing)
    write_atomic(str(folder / "classification300-report.html"), large)
    focus = widest_figure(large, "figure-focus")
    shoot("classification300-focus", only_figure(large, focus))
    shoot("classification300-focus-first", only_figure(large, "figure-focus0-0"))
    from_framings = "<style>main > *:not(#framings):not(#framings ~ *) { display: none; }</style></head>"
    shoot("classification300-framings", large.replace("</head>", from_framings, 1))
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", default=str(SEED))
    parser.add_argument("--out", default="report.png", help="the PNG to write (default report.png)")
    parser.add_argument("--html", default=None, help="also keep the HTML at this path")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--review", metavar="OUTDIR", help="write the review set of screenshots into OUTDIR")
    parser.add_argument("--layered", action="store_true", help="draw with the layered layout, not Graphviz")
    args = parser.parse_args(argv)
    drawing = "layered" if args.layered else "auto"
    if args.review:
        for png in review(Path(args.review), drawing):
            print(f"png: {png}")
        return 0
    html = render_report(alignspec.load(args.spec), "html", drawing=drawing)
    with tempfile.TemporaryDirectory(prefix="alignspec-report-") as folder:
        page = Path(args.html) if args.html else Path(folder) / "report.html"
        write_atomic(str(page), html)
        screenshot(page, Path(args.out).resolve(), args.width, args.height)
        print(f"html: {page}" if args.html else "html: (temporary)")
    print(f"png: {Path(args.out).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
