"""Execute every notebook twice in fresh kernels and compare text outputs.

Usage: python scripts/check_determinism.py [book/*.ipynb]

The committed notebooks are not touched: each run works on a copy. Text
outputs are what nbval compares (text/plain, text/html, streams, errors);
cells tagged ``nbval-ignore-output`` (wall-clock timings) are skipped.
Exits non-zero, listing the cells, if any output differs.
"""

from __future__ import annotations

import copy
import glob
import sys
from pathlib import Path

import nbformat
from execute_notebooks import fresh_kernel_client

TEXT_KEYS = ("text/plain", "text/html", "text/latex", "text/markdown")


def text_outputs(notebook) -> list[list[str]]:
    """The comparable text of every code cell's outputs, cell by cell."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            cells.append(["<ignored>"])
            continue
        cells.append([_text(output) for output in cell.outputs])
    return cells


def _text(output) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return f"{output.ename}: {output.evalue}"
    data = output.get("data", {})
    return "\n".join(str(data[key]) for key in TEXT_KEYS if key in data)


def run_once(path: Path):
    notebook = copy.deepcopy(nbformat.read(path, as_version=4))
    fresh_kernel_client(notebook, path).execute()
    return text_outputs(notebook)


def compare(path: Path) -> list[int]:
    """Return the numbers of code cells whose outputs differ between runs."""
    first, second = run_once(path), run_once(path)
    return [n for n, (a, b) in enumerate(zip(first, second), 1) if a != b]


def main(paths: list[str]) -> int:
    paths = paths or sorted(glob.glob("book/*.ipynb"))
    failed = False
    for name in paths:
        differing = compare(Path(name))
        verdict = "identical" if not differing else (
            f"DIFFERENT in code cells {differing}")
        print(f"{name}: two fresh runs, text outputs {verdict}", flush=True)
        failed = failed or bool(differing)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
