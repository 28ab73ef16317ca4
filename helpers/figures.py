"""Turn a matplotlib figure into output that looks the same everywhere.

A figure leaves a cell as HTML holding a PNG with alt text, so the website,
JupyterLab and nbval all see the same thing, and screen readers get a
description. The PNG carries no timestamp or software tag, so running a
notebook twice gives byte-identical output.
"""

from __future__ import annotations

import base64
import html
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 100

PLOT_LIMIT = 1e6
"""Largest size of a range a figure samples (x_range, box, u_range).

Far beyond it the samples' spacing and most functions' values stop being
finite in double precision; no figure of the book comes near it.
"""


def new_figure(width: float = 6.4, height: float = 4.0) -> Figure:
    """Return a figure that no plotting backend will display on its own.

    Figures made this way bypass ``pyplot``, so Jupyter's inline backend does
    not add a second copy of each figure under the cell.
    """
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png_bytes(figure: Figure) -> bytes:
    """Render ``figure`` to PNG bytes with no metadata (deterministic)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def png_data_uri(data: bytes) -> str:
    """Return PNG bytes as a ``data:`` URI for an ``<img>`` tag."""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


class Plot:
    """A finished figure with its alt text; displays as an ``<img>``.

    ``figure`` stays available, so tests and readers can inspect the axes.
    """

    def __init__(self, figure: Figure, alt: str) -> None:
        if not alt.strip():
            raise ValueError("alt must describe the figure; got ''")
        self.figure = figure
        self.alt = alt

    def __repr__(self) -> str:
        return f"Plot({self.alt!r})"

    def _repr_html_(self) -> str:
        uri = png_data_uri(png_bytes(self.figure))
        alt = html.escape(self.alt, quote=True)
        return (
            f'<img src="{uri}" alt="{alt}" class="nnb-figure" '
            'style="max-width:100%;height:auto">'
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self._repr_html_(), "text/plain": repr(self)}
