"""Interactive figures: live sliders in Jupyter, precomputed on the website.

``core`` holds the machinery (:class:`SliderFigure`, :func:`control`); the
other modules build the book's slider figures from it.
"""

from helpers.sliders.core import Control, SliderFigure, control
from helpers.sliders.descent import (
    clip_path_to_box,
    describe_run,
    descent_1d,
    descent_2d,
)

__all__ = [
    "Control", "SliderFigure", "control", "clip_path_to_box",
    "describe_run", "descent_1d", "descent_2d",
]
