"""List every slider figure in the committed notebooks with its page size.

Usage: python scripts/report_fallback_sizes.py

The size is that of the kernel-free HTML version the website shows (the
background image, every precomputed position and the script), which must
stay within 400 KB.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

BOOK = Path(__file__).resolve().parents[1] / "book"


def main() -> None:
    for path in sorted(BOOK.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for number, cell in enumerate(notebook.cells, 1):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                page = data.get("text/html", "")
                if "nnb-slider-figure" not in page:
                    continue
                positions = len(re.findall(r'"\d+(?:,\d+)*":\[', page))
                print(f"{len(page.encode()) / 1000:7.1f} KB  "
                      f"{positions:4d} positions  {path.name} cell "
                      f"{number}: {data.get('text/plain', '')[:60]}")


if __name__ == "__main__":
    main()
