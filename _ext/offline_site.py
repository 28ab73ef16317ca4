"""Sphinx extension: keep every page free of network-loaded scripts.

Jupyter Book 1 always loads sphinx-thebe, which declares its settings in an
inline script (twice: a console error on every page) and points at a CDN
copy of thebe. This book runs no code in the browser, so thebe is dropped
from every page.
"""

from __future__ import annotations


def _is_thebe(script) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "thebe" in filename.lower() or "THEBE_JS_URL" in body


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Remove thebe's scripts and styles from the page about to be written."""
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            context[key] = [f for f in files if not _is_thebe(f)]


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
