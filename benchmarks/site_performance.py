"""Performance figures for the website, each measured, none asserted.

Usage:
  python benchmarks/site_performance.py pages        # needs a built site
  python benchmarks/site_performance.py timings      # test run and build
  python benchmarks/site_performance.py clean-clone  # README commands

``pages``: for every page, the bytes it loads (the page and everything it
requests, as transferred from a local server) and, for the heaviest page,
the time from navigation start until MathJax has typeset every formula, in
headless Chromium with no network. ``timings``: wall time of ``make
test-fast`` (unit tests and nbval) and of the site build. ``clean-clone``:
clones the repository's committed state into a temporary folder and times
``bash setup.sh book`` and then ``bash setup.sh test`` there (the pip and
npm caches of this machine are used as they would be by a reader).
Targets on a 2-core machine: tests <= 60 s, build <= 90 s, clean clone to
site <= 5 min, no page over 3 MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(command: list[str], cwd: Path) -> float:
    """Run ``command`` in ``cwd``; return its wall time; fail loudly."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return time.perf_counter() - start


def timings() -> None:
    python = str(ROOT / ".venv" / "bin" / "python")
    print(f"make test-fast: {timed(['make', 'test-fast'], ROOT):.1f} s")
    subprocess.run(["make", "clean"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"make book (clean): {timed(['make', 'book'], ROOT):.1f} s")
    browser = [python, "-m", "pytest", "-m", "browser", "-q",
               "tests/browser"]
    print(f"browser tests: {timed(browser, ROOT):.1f} s")


def clean_clone() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "book"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)],
                       check=True)
        book = timed(["bash", "setup.sh", "book"], clone)
        print(f"clean clone, `bash setup.sh book`: {book:.1f} s")
        test = timed(["bash", "setup.sh", "test"], clone)
        print(f"then `bash setup.sh test`: {test:.1f} s")


def pages() -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import (
        CHROMIUM,
        CHROMIUM_FLAGS,
        serve,
        site_pages,
    )

    weights = {}
    with serve() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=CHROMIUM_FLAGS)
        for path in site_pages():
            weights[path] = _page_weight(browser, f"{base}/{path}")
        heaviest = max(weights, key=weights.get)
        typeset = _typeset_ms(browser, f"{base}/{heaviest}")
        browser.close()
    for path, size in sorted(weights.items(), key=lambda kv: -kv[1]):
        print(f"{size / 1e6:8.2f} MB  {path}")
    print(f"heaviest page: {heaviest}; math typeset "
          f"{typeset:.0f} ms after navigation start")


def _page_weight(browser, url: str) -> int:
    page = browser.new_page()
    sizes = []
    page.on("requestfinished",
            lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    page.close()
    return sum(sizes)


def _typeset_ms(browser, url: str) -> float:
    page = browser.new_page()
    page.goto(url, wait_until="load")
    elapsed = page.evaluate("""async () => {
        if (!window.MathJax) return NaN;
        await window.MathJax.startup.promise;
        return performance.now();
    }""")
    page.close()
    return elapsed


def main() -> None:
    actions = {"pages": pages, "timings": timings,
               "clean-clone": clean_clone}
    if len(sys.argv) != 2 or sys.argv[1] not in actions:
        print(__doc__)
        sys.exit(2)
    actions[sys.argv[1]]()


if __name__ == "__main__":
    main()
