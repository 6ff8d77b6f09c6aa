"""Render the seed's HTML report and take a screenshot of it with headless Chromium.

Not a test (pytest does not collect it): run it by hand to look at the report as a browser
draws it, e.g.

    .venv/bin/python tests/views/screenshot_report.py [SPEC] [--out report.png] [--html report.html]

SPEC defaults to the repository's ``examples/seed.align``. Needs ``chromium``
(``apt-get install -y chromium``); the diagrams are pictures only when Graphviz's ``dot`` is
installed (``apt-get install -y graphviz``). Prints the paths of the HTML file and the PNG.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import alignspec
from alignspec.views import render_report, write_atomic

SEED = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "seed_v0.align"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def browser() -> str | None:
    """The first Chromium-like browser on PATH."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def screenshot(html: Path, png: Path, width: int = 1200, height: int = 2000, timeout: float = 120) -> None:
    """Draw ``html`` in headless Chromium into ``png`` (a throwaway profile, no network chatter)."""
    program = browser()
    if program is None:
        raise SystemExit("no chromium on PATH: apt-get install -y chromium")
    with tempfile.TemporaryDirectory(prefix="alignspec-chromium-") as profile:
        subprocess.run([program, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={width},{height}",
                        html.resolve().as_uri()],
                       check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", default=str(SEED))
    parser.add_argument("--out", default="report.png", help="the PNG to write (default report.png)")
    parser.add_argument("--html", default=None, help="also keep the HTML at this path")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args(argv)
    html = render_report(alignspec.load(args.spec), "html")
    with tempfile.TemporaryDirectory(prefix="alignspec-report-") as folder:
        page = Path(args.html) if args.html else Path(folder) / "report.html"
        write_atomic(str(page), html)
        screenshot(page, Path(args.out).resolve(), args.width, args.height)
        print(f"html: {page}" if args.html else "html: (temporary)")
    print(f"png: {Path(args.out).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
