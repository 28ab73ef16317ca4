"""Serve the built site on 127.0.0.1 and drive Debian's Chromium offline.

Every name lookup but 127.0.0.1 is mapped to nothing, so a page that asks
any other host for anything shows up as a failed request in the test.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "_build" / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def site_pages() -> list[str]:
    """Every HTML page of the built site, as paths relative to its root."""
    if not SITE.is_dir():
        return []
    return sorted(
        str(p.relative_to(SITE)) for p in SITE.rglob("*.html")
        if "_static" not in p.parts and "mathjax" not in p.parts
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(directory: Path = SITE):
    """Serve ``directory`` on a free port of 127.0.0.1; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url():
    """The built site, served for the whole test session."""
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}; run `make book` first")
    with serve() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


class PageVisit:
    """A page opened in a fresh context, with its console and requests."""

    def __init__(self, browser, base_url: str, path: str) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.failed_requests: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda e: self.console_errors.append(
            f"page error: {e}"))
        self.page.on("request", self._on_request)
        self.page.on("requestfailed", lambda r: self.failed_requests.append(
            r.url))
        self.page.goto(f"{base_url}/{path}", wait_until="load")

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.base_url) or url.startswith("data:")
                or url.startswith("blob:") or url == "about:blank"):
            self.foreign_requests.append(url)

    def wait_for_math(self) -> None:
        """Wait until MathJax has finished typesetting, if it is on the page."""
        self.page.wait_for_function(
            "() => !window.MathJax || (window.MathJax.startup &&"
            " window.MathJax.startup.promise &&"
            " (window.__nnbMathDone || (window.MathJax.startup.promise"
            ".then(() => { window.__nnbMathDone = true; }), false)))",
            timeout=20000,
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    """Open a page of the site: ``visit("index.html")``."""
    opened = []

    def open_page(path: str) -> PageVisit:
        page_visit = PageVisit(browser, site_url, path)
        opened.append(page_visit)
        return page_visit

    yield open_page
    for page_visit in opened:
        page_visit.close()
