"""Sphinx extension: keep every page free of network-loaded scripts.

Jupyter Book 1 always loads sphinx-thebe, which declares its settings in an
inline script (twice: a console error on every page), adds a settings block
naming an example repository, and points at a CDN copy of thebe. This book
runs no code in the browser, so all of thebe is dropped from every page.
So is the saved widget state that myst-nb embeds for notebooks with live
sliders: the site shows each slider figure's precomputed, kernel-free
version instead, and the state would only add weight to the page. Last,
the theme's 1.5 MB icon script goes: the theme's style sheet already draws
the same icons from a font, so the script only doubled the page weight.
"""

from __future__ import annotations

import re
from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
THEBE_CONFIG = re.compile(
    r'<script type="text/x-thebe-config">.*?</script>', re.DOTALL
)


def _unwanted(asset) -> bool:
    filename = str(getattr(asset, "filename", asset) or "")
    attributes = getattr(asset, "attributes", {})
    body = str(attributes.get("body", ""))
    return (
        "thebe" in filename.lower()
        or "THEBE_JS_URL" in body
        or attributes.get("type") == WIDGET_STATE
    )


def drop_unwanted(app, pagename, templatename, context, doctree) -> None:
    """Remove thebe and widget state from the page about to be written."""
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            context[key] = [f for f in files if not _unwanted(f)]
    if "body" in context:
        context["body"] = THEBE_CONFIG.sub("", context["body"])


def launch_buttons_need_a_repository(app, config) -> None:
    """Show no launch buttons until ``repository: url:`` is filled in.

    The launch buttons open a notebook from the book's repository; with no
    address they would point nowhere (and the theme fails on them). A fork
    fills in its own address in ``_config.yml`` and the buttons appear.
    """
    options = config.html_theme_options
    if not options.get("repository_url"):
        options.pop("launch_buttons", None)


ICON_SCRIPT = re.compile(
    r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*">'
    r"</script>\n?"
)


def drop_icon_script(app, exception) -> None:
    """Take the theme's icon script out of every written page.

    The theme writes the script tag straight into its page template, so it
    can only be removed from the finished pages.
    """
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.outdir)
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        cleaned = ICON_SCRIPT.sub("", text)
        if cleaned != text:
            page.write_text(cleaned, encoding="utf-8")
    for leftover in (root / "_static" / "scripts").glob("fontawesome.js*"):
        leftover.unlink()


def setup(app):
    app.connect("config-inited", launch_buttons_need_a_repository)
    app.connect("html-page-context", drop_unwanted, priority=900)
    app.connect("build-finished", drop_icon_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
