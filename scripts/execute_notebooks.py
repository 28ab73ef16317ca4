"""Re-execute chapter notebooks in place, top to bottom, in a fresh kernel.

Usage: python scripts/execute_notebooks.py book/*.ipynb

Each notebook runs in the plain ``python3`` kernel from its own folder, so
relative paths behave as they do for a reader. Outputs and widget state are
saved, run timestamps are not (so an unchanged chapter stays unchanged);
execution counts come out as 1, 2, 3, ... because every cell runs once,
in order.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def fresh_kernel_client(notebook, path: Path) -> NotebookClient:
    """A client that runs ``notebook`` in a new ``python3`` kernel.

    The kernel starts in the notebook's own folder, as for a reader.
    """
    return NotebookClient(
        notebook, timeout=600, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True, record_timing=False,
    )


def execute(path: Path) -> None:
    """Run one notebook in place; raise if any cell fails."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }
    fresh_kernel_client(notebook, path).execute()
    text = stable_widget_ids(nbformat.writes(notebook), path.name)
    notebook = nbformat.reads(text, as_version=4)
    widgets = notebook.metadata.get("widgets", {}).get(WIDGET_STATE)
    if widgets:
        widgets["state"] = dict(sorted(widgets["state"].items()))
    nbformat.write(notebook, path)


def stable_widget_ids(text: str, name: str) -> str:
    """Replace the random ids of saved widgets with repeatable ones.

    Jupyter gives every widget a random id, so without this each run would
    rewrite the notebook even when nothing it shows has changed. Widgets
    are numbered in a fixed order (from the cell outputs that show them,
    then through the widgets each one refers to), and the n-th widget of a
    notebook always gets the same id.
    """
    notebook = json.loads(text)
    state = notebook.get("metadata", {}).get("widgets", {})
    models = state.get(WIDGET_STATE, {}).get("state", {})
    for index, model_id in enumerate(_widget_order(notebook, models)):
        stable = hashlib.sha256(f"{name}:{index}".encode()).hexdigest()
        text = text.replace(model_id, stable[:32])
    return text


def _widget_order(notebook: dict, models: dict) -> list[str]:
    """Widget ids in a run-independent order: outputs first, then refs."""
    queue = [
        output["data"][WIDGET_VIEW]["model_id"]
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    ]
    order: list[str] = []
    while queue:
        model_id = queue.pop(0)
        if model_id in order or model_id not in models:
            continue
        order.append(model_id)
        refs = json.dumps(models[model_id].get("state", {}), sort_keys=True)
        queue.extend(re.findall(r"IPY_MODEL_([0-9a-f]{32})", refs))
    return order


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
