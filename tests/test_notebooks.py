"""The committed chapter notebooks: clean, complete and light enough.

nbval (run with ``--nbval``) re-executes them and compares outputs; these
checks cover what nbval does not look at.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
FALLBACK_LIMIT = 400_000


def outputs(notebook):
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            yield cell, output


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def test_there_are_chapters():
    assert len(NOTEBOOKS) >= 2


def test_plain_python3_kernel(notebook):
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def test_executed_top_to_bottom(notebook):
    counts = [c.execution_count for c in notebook.cells
              if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))


def test_no_errors_warnings_or_stderr(notebook):
    for cell, output in outputs(notebook):
        assert output.output_type != "error", cell.source
        if output.output_type == "stream":
            assert output.name != "stderr", output.text
            assert "Warning" not in output.text, output.text
        text = output.get("data", {}).get("text/plain", "")
        assert "nan" not in text.lower().split(), cell.source


def test_slider_fallbacks_stay_small(notebook):
    for cell, output in outputs(notebook):
        page = output.get("data", {}).get("text/html", "")
        if "nnb-slider-figure" in page:
            assert len(page.encode()) <= FALLBACK_LIMIT, cell.source


CAPTION_KEYWORDS = {"alt", "title", "description", "label", "xlabel",
                    "ylabel"}


def sentences_in(source: str) -> list[str]:
    """String constants of six or more words, captions excepted."""
    tree = ast.parse(source)
    captions = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in CAPTION_KEYWORDS:
            captions.update(id(n) for n in ast.walk(node.value))
    return [
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in captions
        and len(re.findall(r"[A-Za-z]{2,}", node.value)) >= 6
    ]


def test_prose_and_code_stay_apart(notebook):
    """Code cells compute; markdown cells explain.

    A translated edition reuses the code cells, so no sentence may hide in
    a code cell's strings; figure captions and alt texts, passed by name,
    are the one exception (a translation edits those arguments).
    """
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert sentences_in(cell.source) == [], cell.source
