"""Re-execute chapter notebooks in place, top to bottom, in a fresh kernel.

Usage: python scripts/execute_notebooks.py book/*.ipynb

Each notebook runs in the plain ``python3`` kernel from its own folder, so
relative paths behave as they do for a reader. Outputs and widget state are
saved, run timestamps are not (so an unchanged chapter stays unchanged);
execution counts come out as 1, 2, 3, ... because every cell runs once,
in order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> None:
    """Run one notebook in place; raise if any cell fails."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True, record_timing=False,
    )
    client.execute()
    nbformat.write(notebook, path)


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    for name in paths:
        print(f"executing {name}", flush=True)
        execute(Path(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
