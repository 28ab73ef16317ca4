"""One neuron: a slider figure of its output.

A neuron with one input x computes the weighted sum u = w x + b and passes
it through an activation g, so its output is out = g(w x + b). The slider
figure lets the reader move w and b (and switch g) and watch the output
curve bend, shift and saturate. (The loss of such a neuron over a few
examples, as a function of (w, b), is ``helpers.losses.neuron_loss``.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers import _checks
from helpers.activations import ACTIVATIONS, get_activation
from helpers.figures import new_figure
from helpers.sliders.core import SliderFigure, control

DEFAULT_WEIGHTS = (-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 5.0)
DEFAULT_BIASES = (-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0)
DEFAULT_ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")

Y_VIEW = (-2.0, 2.0)
"""The output axis of the explorer: sigmoid, tanh and the bend of ReLU."""

GRID_LIMIT = 1e6
"""Largest size of a weight, a bias or an input, so w x + b stays finite."""

SAMPLES = 201
SIMPLIFY_TOLERANCE = 0.002
"""Largest vertical error, in output units, allowed when thinning a curve.

At the figure's size one pixel is about 0.015 output units, so the thinned
curve looks the same while each precomputed frame stays small.
"""


def simplify_curve(
    xs: np.ndarray, ys: np.ndarray, tolerance: float
) -> np.ndarray:
    """Keep only the points of a sampled curve that its shape needs.

    Ramer-Douglas-Peucker: keep the two ends; if some point lies farther
    than ``tolerance`` (measured vertically) from the chord between them,
    keep the farthest and repeat on both halves. Straight pieces shrink to
    their ends, curved pieces keep their samples. Returns the indices kept,
    in order.
    """
    xs = _checks.finite_array("xs", xs, ndim=1)
    ys = _checks.finite_array("ys", ys, shape=xs.shape)
    tolerance = _checks.positive_number("tolerance", tolerance)
    keep = np.zeros(len(xs), dtype=bool)
    keep[[0, -1]] = True
    pending = [(0, len(xs) - 1)]
    while pending:
        first, last = pending.pop()
        farthest, distance = _farthest_from_chord(xs, ys, first, last)
        if distance > tolerance:
            keep[farthest] = True
            pending += [(first, farthest), (farthest, last)]
    return np.flatnonzero(keep)


def _farthest_from_chord(
    xs: np.ndarray, ys: np.ndarray, first: int, last: int
) -> tuple[int, float]:
    """The inner sample farthest (vertically) from the chord, and how far."""
    if last - first < 2:
        return first, 0.0
    inner = slice(first + 1, last)
    t = (xs[inner] - xs[first]) / (xs[last] - xs[first])
    chord = ys[first] + t * (ys[last] - ys[first])
    gaps = np.abs(ys[inner] - chord)
    index = int(np.argmax(gaps))
    return first + 1 + index, float(gaps[index])


class _NeuronScene:
    """The output curve out = g(w x + b), its weighted sum, and u = 0."""

    def __init__(
        self, x_range: tuple[float, float], activation: str
    ) -> None:
        self.x_range = x_range
        self.activation = activation
        self.xs = np.linspace(*x_range, SAMPLES)
        self.figure = new_figure(6.4, 3.6)
        ax = self.figure.add_subplot()
        ax.set_xlim(*x_range)
        ax.set_ylim(*Y_VIEW)
        ax.axhline(0.0, color="0.6", lw=0.8)
        ax.axhline(1.0, color="0.6", lw=0.8, ls=":")
        ax.set_xlabel("input x")
        ax.set_ylabel("value")
        ax.grid(alpha=0.3)
        self.sum_line, = ax.plot([], [], "--", color="0.45", lw=1.2,
                                 label="weighted sum u = w x + b")
        self.out_line, = ax.plot([], [], color="C0", lw=2.2,
                                 label="output out = g(u)")
        self.zero_dot, = ax.plot([], [], "o", color="C3", ms=7,
                                 label="where u = 0", zorder=5)
        self.formula = ax.text(0.02, 0.95, "", transform=ax.transAxes,
                               ha="left", va="top", fontsize=10,
                               color="C0")
        ax.legend(loc="lower right", fontsize=8)
        self.animated = [self.sum_line, self.out_line, self.zero_dot,
                         self.formula]

    def update(self, weight: float, bias: float,
               activation: str | None = None) -> str:
        activation = activation or self.activation
        function, _ = get_activation(activation)
        xs = self._samples(weight, bias)
        outputs = function(weight * xs + bias)
        kept = simplify_curve(xs, outputs, SIMPLIFY_TOLERANCE)
        self.out_line.set_data(xs[kept], outputs[kept])
        ends = np.array(self.x_range)
        self.sum_line.set_data(ends, weight * ends + bias)
        self.formula.set_text(
            f"out = {activation}({_affine_text(weight, bias)})")
        crossing = self._crossing(weight, bias)
        self.zero_dot.set_visible(crossing is not None)
        if crossing is not None:
            self.zero_dot.set_data([crossing], [function(0.0)])
        return _status(activation, weight, bias, crossing, function,
                       self.x_range)

    def _samples(self, weight: float, bias: float) -> np.ndarray:
        """Evenly spaced inputs, plus the corner at u = 0 if it is in view."""
        crossing = self._crossing(weight, bias)
        if crossing is None:
            return self.xs
        return np.unique(np.append(self.xs, crossing))

    def _crossing(self, weight: float, bias: float) -> float | None:
        """The input where u = w x + b = 0, if there is one in view."""
        if weight == 0:
            return None
        crossing = -bias / weight + 0.0
        low, high = self.x_range
        return crossing if low <= crossing <= high else None


def _affine_text(weight: float, bias: float) -> str:
    """Write w x + b readably: '2x - 1', '-x', '3', '0.5x'."""
    if weight == 0:
        return f"{bias:g}"
    slope = {1.0: "", -1.0: "-"}.get(weight, f"{weight:g}")
    if bias == 0:
        return f"{slope}x"
    sign = "+" if bias > 0 else "-"
    return f"{slope}x {sign} {abs(bias):g}"


def _status(
    activation: str,
    weight: float,
    bias: float,
    crossing: float | None,
    function: Callable,
    x_range: tuple[float, float],
) -> str:
    """One line of numbers describing the current neuron."""
    head = f"{activation}, w = {weight:g}, b = {bias:g}: "
    if weight == 0:
        return head + (f"u = b for every x, so out = "
                       f"{function(bias):.3g} is flat")
    low, high = x_range
    ends = (f"out({low:g}) = {function(weight * low + bias):.3g}, "
            f"out({high:g}) = {function(weight * high + bias):.3g}")
    if crossing is None:
        return head + f"u = 0 at x = {-bias / weight:.3g} (out of view); " \
            + ends
    return head + f"u = 0 at x = {crossing:.3g}; " + ends


def neuron_explorer(
    *,
    weights: Sequence[float] = DEFAULT_WEIGHTS,
    biases: Sequence[float] = DEFAULT_BIASES,
    activations: Sequence[str] = DEFAULT_ACTIVATIONS,
    x_range: tuple[float, float] = (-5.0, 5.0),
    initial: dict[str, Any] | None = None,
    description: str = "one neuron, out = g(w x + b)",
) -> SliderFigure:
    """Sliders for the weight, the bias (and the activation) of a neuron.

    The figure shows out = g(w x + b) over ``x_range``, the straight line
    u = w x + b it bends, and the input where u = 0. ``activations`` are
    names from ``helpers.activations.ACTIVATIONS``; with more than one, a
    third slider switches between them. The sliders start at w = 1 and
    b = 0 when the grids hold them, unless ``initial`` says otherwise
    (it may set "weight", "bias" and, with a third slider, "activation").
    Every combination is precomputed for the website, so keep
    len(weights) * len(biases) * len(activations) near 300 or below.
    """
    low, high = _checks.interval("x_range", x_range)
    for end in (low, high):
        _checks.number_in_range("x_range", end, -GRID_LIMIT, GRID_LIMIT)
    names = _activation_names(activations)
    slider_names = ("weight", "bias") + (
        ("activation",) if len(names) > 1 else ())
    initial = _checks.named_values("initial", initial, slider_names)
    controls = [
        control("weight", "weight w", _grid("weights", weights),
                initial.get("weight", _preferred(weights, 1.0))),
        control("bias", "bias b", _grid("biases", biases),
                initial.get("bias", _preferred(biases, 0.0))),
    ]
    if len(names) > 1:
        controls.append(control("activation", "activation g", names,
                                initial.get("activation")))
    scene = _NeuronScene((low, high), names[0])
    alt = (f"The output of {description} for inputs x from {low:g} to "
           f"{high:g}, with the straight weighted sum it bends and a dot "
           "where the weighted sum is zero.")
    return SliderFigure(scene, controls, description=description, alt=alt)


def _activation_names(activations: Sequence[str]) -> tuple[str, ...]:
    if isinstance(activations, str) or len(activations) == 0:
        raise ValueError(
            "activations must be a non-empty sequence of names from "
            f"{', '.join(ACTIVATIONS)}; got {activations!r}"
        )
    return tuple(_checks.one_of("activations", name, ACTIVATIONS)
                 for name in activations)


def _grid(name: str, values: Sequence[float]) -> list[float]:
    """Slider values as floats, each within +-GRID_LIMIT."""
    array = _checks.finite_array(name, values, ndim=1)
    return [_checks.number_in_range(name, float(v), -GRID_LIMIT, GRID_LIMIT)
            for v in array]


def _preferred(values: Sequence[float], preferred: float) -> float | None:
    """``preferred`` if the grid holds it, else the grid's first value."""
    return preferred if preferred in [float(v) for v in values] else None
