"""Test-session checks that span the whole repository."""

from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parent / "book"


def pytest_collection_finish(session):
    """With --nbval, refuse to run unless every chapter notebook is checked."""
    if not getattr(session.config.option, "nbval", False):
        return
    source = session.config.args_source
    whole_run = source == pytest.Config.ArgsSource.TESTPATHS
    if session.config.option.keyword or not whole_run:
        return
    expected = {p.resolve() for p in BOOK.glob("*.ipynb")}
    checked = {
        Path(str(item.fspath)).resolve() for item in session.items
        if str(item.fspath).endswith(".ipynb")
    }
    if checked != expected:
        missing = sorted(p.name for p in expected - checked)
        raise pytest.UsageError(f"nbval would skip notebooks: {missing}")


def pytest_report_header(config):
    if getattr(config.option, "nbval", False):
        count = len(list(BOOK.glob("*.ipynb")))
        return f"nbval: every notebook in book/ ({count}) is checked"
    return None
