"""Every page of the built site, opened in headless Chromium with no network.

Run after `make book`; `make test` does both.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from .conftest import SITE, site_pages

pytestmark = pytest.mark.browser
# index.html only redirects to the first page; it is tested on its own.
PAGES = [p for p in site_pages() if p != "index.html"]
CHAPTERS = [p for p in PAGES if p.startswith("book/")]


def test_site_has_every_chapter():
    toc = (SITE.parents[1] / "_toc.yml").read_text(encoding="utf-8")
    listed = re.findall(r"file: (\S+)", toc)
    assert listed and all(f"{name}.html" in PAGES for name in listed)


def test_index_leads_to_the_first_page(visit):
    page_visit = visit("index.html")
    page_visit.page.wait_for_url("**/book/intro.html")
    page_visit.page.wait_for_load_state("load")
    title = page_visit.page.locator("article h1").first
    title.wait_for(state="visible")
    assert "neural networks" in title.inner_text()
    assert page_visit.console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_page_is_complete_offline(visit, path):
    """One visit per page: clean console, local requests, math, alt text."""
    page = visit(path)
    page.wait_for_math()
    assert page.console_errors == []
    assert page.foreign_requests == []
    assert page.failed_requests == []
    assert page.page.evaluate(MATH_REPORT) == {
        "untypeset": [], "errors": 0, "rawTex": 0}
    assert page.page.evaluate(IMAGES_WITHOUT_ALT) == []


# Formulas not turned into MathJax output, MathJax errors, and TeX
# delimiters left in the text (code and slider data excepted).
MATH_REPORT = """() => {
    const math = [...document.querySelectorAll('.math')];
    const article = document.querySelector('article') || document.body;
    const clone = article.cloneNode(true);
    clone.querySelectorAll('pre, code, script, .nnb-slider-figure')
         .forEach(e => e.remove());
    return {
        untypeset: math.filter(m => !m.querySelector('mjx-container'))
                       .map(m => m.textContent.slice(0, 60)),
        errors: document.querySelectorAll('mjx-merror').length,
        rawTex: (clone.textContent.match(/\\\\\\(|\\\\\\[|\\$\\$/g)
                 || []).length,
    };
}"""

IMAGES_WITHOUT_ALT = """() =>
    [...document.querySelectorAll('article img, main img')]
        .filter(i => !(i.getAttribute('alt') || '').trim())
        .map(i => i.src.slice(0, 80))"""


class _LinkCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])


def _parse(path: Path) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def test_every_internal_link_and_anchor_resolves():
    parsed = {page: _parse(SITE / page) for page in PAGES}
    broken = []
    for page, collector in parsed.items():
        for href in collector.links:
            problem = _check_link(page, href, parsed)
            if problem:
                broken.append(f"{page}: {href} ({problem})")
    assert PAGES and broken == []


def _check_link(page: str, href: str, parsed: dict) -> str | None:
    scheme = urlparse(href).scheme
    if scheme in ("http", "https", "mailto", "javascript"):
        return None
    url, anchor = urldefrag(href)
    target = (SITE / page).parent / unquote(url) if url else SITE / page
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "missing file"
    if anchor and target.suffix == ".html":
        key = str(target.relative_to(SITE.resolve()))
        ids = parsed[key].ids if key in parsed else _parse(target).ids
        if unquote(anchor) not in ids:
            return "missing anchor"
    return None


SLIDER_PAGES = [
    p for p in CHAPTERS
    if "nnb-slider-figure" in (SITE / p).read_text(encoding="utf-8")
]


@pytest.mark.parametrize("path", SLIDER_PAGES)
def test_every_slider_changes_its_figure(visit, path):
    page_visit = visit(path)
    page = page_visit.page
    figures = page.locator(".nnb-slider-figure")
    assert figures.count() >= 1
    for f in range(figures.count()):
        figure = figures.nth(f)
        sliders = figure.locator("input[type=range]")
        assert sliders.count() >= 1
        for s in range(sliders.count()):
            _drag_to_both_ends(figure, sliders.nth(s))
    assert page_visit.console_errors == []
    assert page_visit.foreign_requests == []


def _drag_to_both_ends(figure, slider) -> None:
    layer = figure.locator("g.nnb-layer")
    status = figure.locator(".nnb-status")
    label = slider.evaluate(
        "s => document.querySelector('label[for=\"' + s.id + '\"]')"
        ".textContent")
    assert label.strip()
    seen = set()
    for end in ("min", "max"):
        slider.evaluate(
            f"s => {{ s.value = s.{end}; "
            "s.dispatchEvent(new Event('input')); }")
        drawn = layer.inner_html()
        assert "<polyline" in drawn or "<text" in drawn or "<circle" in drawn
        assert slider.get_attribute("aria-valuetext")
        assert "nan" not in status.inner_text().lower()
        seen.add((drawn, status.inner_text()))
    assert len(seen) == 2, "moving the slider end to end changed nothing"


def test_search_works_offline(visit):
    page_visit = visit("search.html?q=gradient")
    page = page_visit.page
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    hits = page.locator("#search-results ul.search li").count()
    assert hits >= 1
    assert page_visit.foreign_requests == []


def test_dark_mode_switches(visit):
    page = visit("book/intro.html").page
    before = page.evaluate("document.documentElement.dataset.theme")
    for _ in range(3):
        page.locator(".theme-switch-button").first.click()
        if page.evaluate("document.documentElement.dataset.theme") != before:
            break
    after = page.evaluate("document.documentElement.dataset.theme")
    assert {before, after} == {"light", "dark"}


def test_hidden_solutions_open_on_click(visit):
    pages_with_toggles = [
        p for p in CHAPTERS
        if re.search(r"dropdown|toggle", (SITE / p).read_text("utf-8"))
    ]
    assert pages_with_toggles
    page = visit(pages_with_toggles[0]).page
    details = page.locator("details.sd-dropdown").first
    body = details.locator(".sd-summary-content, .admonition, p").last
    assert not body.is_visible()
    details.locator("summary").click()
    assert body.is_visible()
