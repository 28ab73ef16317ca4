"""Slider figures for gradient descent on a curve and on a surface."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers import _checks
from helpers.descent import gradient_descent
from helpers.figures import PLOT_LIMIT, new_figure
from helpers.plotting import curve_samples, draw_contours
from helpers.sliders.core import SliderFigure, control

RULES = ("gradient", "sign")


def clip_path_to_box(
    points: np.ndarray, box: tuple[float, float, float, float]
) -> tuple[np.ndarray, bool]:
    """Cut a path where it first leaves ``box`` = (xmin, xmax, ymin, ymax).

    The last kept point is moved back along its segment onto the box edge,
    so a diverging path is drawn heading the right way without plotting
    numbers far outside the view. Returns the points and whether it was cut.
    ``points`` is an (n, 2) array of finite (x, y) rows.
    """
    points = _checks.finite_array("points", points, shape=(None, 2))
    xmin, xmax, ymin, ymax = _checks.box("box", box)
    inside = (
        (points[:, 0] >= xmin) & (points[:, 0] <= xmax)
        & (points[:, 1] >= ymin) & (points[:, 1] <= ymax)
    )
    if inside.all() or not inside[0]:
        return points, False
    first_out = int(np.argmin(inside))
    a, b = points[first_out - 1], points[first_out]
    t = 1.0
    for axis, low, high in ((0, xmin, xmax), (1, ymin, ymax)):
        delta = b[axis] - a[axis]
        if b[axis] > high:
            t = min(t, (high - a[axis]) / delta)
        elif b[axis] < low:
            t = min(t, (low - a[axis]) / delta)
    edge = a + t * (b - a)
    return np.vstack([points[:first_out], edge]), True


def describe_run(
    result: Any, shown_steps: int, box: Sequence[float] | None = None
) -> str:
    """Return one status line for a descent run, as shown under a figure.

    With the view's ``box`` a run that ran out of steps while leaving the
    view and growing is called diverging, as it is, even though it has not
    yet passed the divergence bound.
    """
    final = np.atleast_1d(result.path[-1])
    where = ", ".join(f"{v:.4g}" for v in final)
    reason = result.reason
    steps = _count_steps(result.steps)
    if reason == "diverged":
        bound = f"{result.divergence_bound:g}"
        text = f"diverged: the distance from 0 passed {bound} after {steps}"
    elif reason == "converged":
        text = f"converged in {steps} at ({where})"
    elif reason == "cycling":
        text = f"cycling: revisits a point after {steps}"
    elif box is not None and _growing_outside(result.path, box):
        text = f"diverging: outside the view and growing after {steps}, " \
               f"at ({where})"
    else:
        text = f"no convergence within {steps}, at ({where})"
    if result.steps > shown_steps:
        text += f"; first {shown_steps} steps drawn"
    return text


def _growing_outside(path: np.ndarray, box: Sequence[float]) -> bool:
    """Whether the run ends outside ``box`` and farther out than it began."""
    points = np.atleast_2d(np.asarray(path, dtype=float).T).T
    last, first = points[-1], points[0]
    inside = all(
        low <= v <= high
        for v, low, high in zip(last, box[0::2], box[1::2])
    )
    return not inside and np.linalg.norm(last) > np.linalg.norm(first)


def _exit_note(ax):
    """A label, hidden until needed, for a path that leaves the view."""
    note = ax.text(0.0, 0.0, "path leaves the view", fontsize=8,
                   color="C3", ha="center", va="center", zorder=7)
    note.set_visible(False)
    return note


def _place_exit_note(note, edge: np.ndarray, box, cut: bool) -> None:
    """Put the label just inside the view, where the path leaves it."""
    note.set_visible(cut)
    if cut:
        center = np.array([(box[0] + box[1]) / 2, (box[2] + box[3]) / 2])
        note.set_position(tuple(edge + 0.3 * (center - edge)))


def _count_steps(count: int) -> str:
    """Return "1 step" or "n steps"."""
    return f"{count} step" if count == 1 else f"{count} steps"


class _Descent1DScene:
    """A curve y = f(x) with the path of a descent run drawn on it."""

    def __init__(self, function, gradient, x_range, options) -> None:
        self.function = function
        self.gradient = gradient
        self.options = options
        self.figure = new_figure(6.4, 3.4)
        ax = self.figure.add_subplot()
        xs, ys = curve_samples(function, *x_range)
        ax.plot(xs, ys, color="0.35", lw=1.5, label="f(x)")
        pad = 0.08 * (ys.max() - ys.min() or 1.0)
        self.box = (x_range[0], x_range[1], ys.min() - pad, ys.max() + pad)
        ax.set_xlim(*self.box[:2])
        ax.set_ylim(*self.box[2:])
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        ax.grid(alpha=0.3)
        self.path_line, = ax.plot([], [], "-o", color="C1", ms=4, lw=1.2,
                                  label="descent path")
        self.start_dot, = ax.plot([], [], "o", color="C2", ms=9,
                                  label="start", zorder=5)
        self.end_dot, = ax.plot([], [], "o", color="C3", ms=7,
                                label="last point", zorder=6)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4,
                  fontsize=8, frameon=False)
        self.exit_note = _exit_note(ax)
        self.animated = [self.path_line, self.start_dot, self.end_dot,
                         self.exit_note]

    def update(self, learning_rate, start, rule=None) -> str:
        rule = rule or self.options["rule"]
        result = gradient_descent(
            self.gradient, float(start), learning_rate, rule=rule,
            function=self.function, **self.options["descent"],
        )
        shown = self.options["shown_steps"]
        xs = np.asarray(result.path[: shown + 1], dtype=float)
        points = np.column_stack([xs, self._heights(xs)])
        points, cut = clip_path_to_box(points, self.box)
        self.path_line.set_data(points[:, 0], points[:, 1])
        self.start_dot.set_data(points[:1, 0], points[:1, 1])
        # A path cut at the edge of the view has no last point inside it;
        # a dot on the edge would mark a point the run never visited.
        end = points[:0] if cut else points[-1:]
        self.end_dot.set_data(end[:, 0], end[:, 1])
        _place_exit_note(self.exit_note, points[-1], self.box, cut)
        return f"{rule} rule, learning rate {learning_rate:g}, start " \
               f"{start:g}: " + describe_run(result, shown, self.box[:2])

    def _heights(self, xs: np.ndarray) -> np.ndarray:
        # Far outside the view a steep f may overflow; those heights are
        # cut away by clip_path_to_box, so cap them instead of warning.
        with np.errstate(over="ignore", invalid="ignore"):
            ys = np.asarray(self.function(xs), dtype=float)
        ys = np.broadcast_to(ys, xs.shape)  # a constant f gives one number
        return np.nan_to_num(ys, nan=1e300, posinf=1e300, neginf=-1e300)


def descent_1d(
    function: Callable,
    gradient: Callable,
    *,
    learning_rates: Sequence[float],
    starts: Sequence[float],
    rules: Sequence[str] = ("gradient",),
    x_range: tuple[float, float] = (-2.0, 2.0),
    initial: dict[str, Any] | None = None,
    shown_steps: int = 40,
    max_steps: int = 1000,
    tolerance: float = 1e-8,
    description: str = "gradient descent on a curve",
) -> SliderFigure:
    """Sliders for learning rate, start point (and step rule) on a curve.

    ``function`` must accept a numpy array of x values (to draw the curve)
    and be finite over ``x_range``. With one rule in ``rules`` every run
    uses it; with two a slider switches between them. ``initial`` may set
    the starting "learning_rate", "start" (and "rule").
    """
    _checks.callable_arg("function", function)
    _checks.callable_arg("gradient", gradient)
    low, high = _checks.interval("x_range", x_range, PLOT_LIMIT)
    rules = _rules(rules)
    names = ("learning_rate", "start") + (("rule",) if len(rules) > 1
                                          else ())
    initial = _checks.named_values("initial", initial, names)
    controls = [
        control("learning_rate", "learning rate",
                _grid("learning_rates", learning_rates, positive=True),
                initial.get("learning_rate")),
        control("start", "start x",
                _grid("starts", starts, within=(low, high)),
                initial.get("start")),
    ]
    if len(rules) > 1:
        controls.append(control("rule", "step rule", rules,
                                initial.get("rule")))
    options = _descent_options(shown_steps, max_steps, tolerance)
    options["rule"] = rules[0]
    scene = _Descent1DScene(function, gradient, (low, high), options)
    alt = (f"Curve of {description} over x from {low:g} to {high:g}, with "
           "the descent path drawn as dots joined by lines.")
    return SliderFigure(scene, controls, description=description, alt=alt)


def _rules(rules: Sequence[str]) -> tuple[str, ...]:
    """The step rules of ``descent_1d``: one or both of RULES."""
    if isinstance(rules, str) or not isinstance(rules, Sequence):
        raise TypeError(
            f"rules must be a sequence of names from {', '.join(RULES)}; "
            f"got {rules!r}"
        )
    if not rules:
        raise ValueError(
            f"rules must name at least one of {', '.join(RULES)}; got ()"
        )
    return tuple(_checks.one_of("rules", rule, RULES) for rule in rules)


class _Descent2DScene:
    """Contours of f(x, y) with the path of a descent run drawn over them."""

    def __init__(self, function, gradient, box, levels, options) -> None:
        self.gradient = gradient
        self.options = options
        self.box = box
        self.figure = new_figure(5.6, _height_for(box, width=5.6))
        ax = self.figure.add_subplot()
        draw_contours(ax, function, box, levels)
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
        ax.set_aspect("equal")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        self.path_line, = ax.plot([], [], "-o", color="C3", ms=3.5, lw=1.2)
        self.start_dot, = ax.plot([], [], "o", color="C2", ms=9, zorder=5)
        self.exit_note = _exit_note(ax)
        self.animated = [self.path_line, self.start_dot, self.exit_note]

    def update(self, learning_rate, start_x, start_y) -> str:
        start = np.array([start_x, start_y], dtype=float)
        result = gradient_descent(
            self.gradient, start, learning_rate, **self.options["descent"]
        )
        shown = self.options["shown_steps"]
        points = np.asarray(result.path[: shown + 1], dtype=float)
        points, cut = clip_path_to_box(points, self.box)
        self.path_line.set_data(points[:, 0], points[:, 1])
        self.start_dot.set_data(points[:1, 0], points[:1, 1])
        _place_exit_note(self.exit_note, points[-1], self.box, cut)
        return (f"learning rate {learning_rate:g}, start ({start_x:g}, "
                f"{start_y:g}): " + describe_run(result, shown, self.box))


def descent_2d(
    function: Callable,
    gradient: Callable,
    *,
    learning_rates: Sequence[float],
    starts_x: Sequence[float],
    starts_y: Sequence[float],
    box: tuple[float, float, float, float] = (-6.0, 6.0, -6.0, 6.0),
    levels: int | Sequence[float] = 12,
    initial: dict[str, Any] | None = None,
    shown_steps: int = 60,
    max_steps: int = 1000,
    tolerance: float = 1e-8,
    description: str = "gradient descent on a surface",
) -> SliderFigure:
    """Sliders for learning rate and start (x, y) over a contour plot.

    ``function`` takes a point ``np.array([x, y])`` and returns a float,
    finite everywhere in ``box``. ``levels`` is how many contour lines to
    draw, or their heights in increasing order. ``initial`` may set the
    starting "learning_rate", "start_x" and "start_y".
    """
    _checks.callable_arg("function", function)
    _checks.callable_arg("gradient", gradient)
    xlow, xhigh, ylow, yhigh = _checks.box("box", box, PLOT_LIMIT)
    levels = _checks.contour_levels("levels", levels)
    initial = _checks.named_values(
        "initial", initial, ("learning_rate", "start_x", "start_y"))
    controls = [
        control("learning_rate", "learning rate",
                _grid("learning_rates", learning_rates, positive=True),
                initial.get("learning_rate")),
        control("start_x", "start x", _grid("starts_x", starts_x,
                                             within=(xlow, xhigh)),
                initial.get("start_x")),
        control("start_y", "start y", _grid("starts_y", starts_y,
                                             within=(ylow, yhigh)),
                initial.get("start_y")),
    ]
    options = _descent_options(shown_steps, max_steps, tolerance)
    scene = _Descent2DScene(function, gradient,
                            (xlow, xhigh, ylow, yhigh), levels, options)
    alt = (f"Contour lines of {description}, with the descent path from "
           "the start point drawn as dots joined by lines.")
    return SliderFigure(scene, controls, description=description, alt=alt)


def _height_for(box, width: float) -> float:
    """A figure height that fits an equal-aspect view of ``box``.

    Without it a wide, flat view leaves empty bands above and below.
    """
    aspect = (box[3] - box[2]) / (box[1] - box[0])
    return float(np.clip(width * aspect + 0.9, 2.6, 5.2))


def _descent_options(shown_steps, max_steps, tolerance) -> dict:
    return {
        "shown_steps": _checks.positive_int("shown_steps", shown_steps),
        "descent": {
            "max_steps": _checks.positive_int("max_steps", max_steps),
            "tolerance": _checks.positive_number("tolerance", tolerance),
        },
    }


def _grid(
    name: str, values: Sequence[float], positive=False, within=None
) -> list:
    """A slider's grid: finite, increasing, optionally > 0 or in a range."""
    array = _checks.finite_array(name, values, ndim=1)
    if positive and np.any(array <= 0):
        raise ValueError(f"{name} must all be > 0; got {list(values)}")
    if np.any(np.diff(array) <= 0):
        raise ValueError(
            f"{name} must be increasing, so the slider runs left to right; "
            f"got {list(values)}"
        )
    if within is not None and not (
        within[0] <= array.min() and array.max() <= within[1]
    ):
        raise ValueError(
            f"{name} must lie inside the view {tuple(within)}; "
            f"got {list(values)}"
        )
    return [float(v) for v in array]

