"""Every static figure in the book, made by functions, never by copy-paste.

Each function returns a :class:`helpers.figures.Plot`: it displays as an
image with alt text and keeps its matplotlib ``figure`` for inspection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from helpers import _checks
from helpers.figures import PLOT_LIMIT, Plot, new_figure
from helpers.network import _check_parameters
from helpers.search import SearchResult


def curve_with_path(
    function: Callable,
    path: Sequence[float] | None = None,
    *,
    x_range: tuple[float, float] = (-2.0, 2.0),
    title: str = "",
    alt: str | None = None,
) -> Plot:
    """Draw y = f(x) and, if given, the points of a descent path on it.

    ``function`` must accept a numpy array of x values and be finite over
    ``x_range`` and at every point of ``path``.
    """
    _checks.callable_arg("function", function)
    low, high = _checks.interval("x_range", x_range, PLOT_LIMIT)
    figure = new_figure(6.0, 3.4)
    ax = figure.add_subplot()
    ax.plot(*curve_samples(function, low, high), color="0.35", lw=1.5)
    if path is not None:
        points = _checks.finite_array("path", path, ndim=1)
        heights = _checks.curve_values("function", function, points,
                                       "the points of path")
        ax.plot(points, heights, "-o", color="C1", ms=5, lw=1.2)
        ax.plot(points[:1], heights[:1], "o", color="C2", ms=9)
        _number_steps(ax, points, heights, spacing=0.04 * (high - low))
    _label(ax, "x", "f(x)", title)
    return Plot(figure, alt or _curve_alt(title, low, high, path))


def curve_samples(
    function: Callable, low: float, high: float
) -> tuple[np.ndarray, np.ndarray]:
    """400 samples of y = f(x) over [low, high], checked to be finite."""
    xs = np.linspace(low, high, 400)
    where = f"x_range=({low:g}, {high:g})"
    return xs, _checks.curve_values("function", function, xs, where)


def _number_steps(ax, xs, ys, spacing: float, most: int = 8) -> None:
    """Write step numbers beside the first points of a path.

    A point within ``spacing`` of an already numbered one shares its label
    ("0, 2"), so a path that returns to a point, or crowds near a minimum,
    does not print numbers on top of each other.
    """
    labels = []  # (x, annotation) of each numbered point
    for number, (x, y) in enumerate(zip(xs[:most], ys)):
        near = [note for x0, note in labels if abs(x - x0) < spacing]
        if near:
            near[0].set_text(f"{near[0].get_text()}, {number}")
            continue
        note = ax.annotate(str(number), (x, y), fontsize=8,
                           textcoords="offset points", xytext=(4, 6))
        labels.append((x, note))


def _curve_alt(title, low, high, path) -> str:
    text = f"Curve {title or 'of f'} for x from {low:g} to {high:g}"
    if path is None:
        return text + "."
    return text + f", with a descent path of {len(path)} points."


def probes_on_curve(
    function: Callable,
    result,
    *,
    x_range: tuple[float, float] = (-2.0, 2.0),
    title: str = "",
) -> Plot:
    """Draw a probing search: accepted probes filled, rejected ones hollow.

    ``result`` is what ``helpers.search.probing_search`` returned.
    """
    _checks.callable_arg("function", function)
    if not isinstance(result, SearchResult):
        raise TypeError(
            "result must be the SearchResult of search.probing_search; "
            f"got {type(result).__name__}"
        )
    low, high = _checks.interval("x_range", x_range, PLOT_LIMIT)
    figure = new_figure(6.0, 3.4)
    ax = figure.add_subplot()
    ax.plot(*curve_samples(function, low, high), color="0.35", lw=1.5)
    for number, probe in enumerate(result.probes, start=1):
        accepted = probe.verdict == "accepted"
        ax.plot(probe.x, probe.value, "o", ms=9, color="C2" if accepted
                else "C3", mfc="C2" if accepted else "none", mew=2)
        ax.annotate(f"{number}: {probe.verdict}", (probe.x, probe.value),
                    fontsize=8, textcoords="offset points", xytext=(6, 4))
    ax.axvline(result.minimum, color="C0", ls="--", lw=1)
    _label(ax, "x", "f(x)", title)
    alt = (f"Probing search on a curve: {len(result.probes)} probes, "
           f"stopping at x = {result.minimum:g}.")
    return Plot(figure, alt)


def contour_with_path(
    function: Callable,
    path: Sequence[Sequence[float]] | None = None,
    *,
    box: tuple[float, float, float, float] = (-6.0, 6.0, -6.0, 6.0),
    levels: int | Sequence[float] = 12,
    title: str = "",
    xlabel: str = "x",
    ylabel: str = "y",
    alt: str | None = None,
) -> Plot:
    """Draw contour lines of f(x, y) and, if given, a path over them.

    ``function`` takes a point ``np.array([x, y])`` and returns a float,
    finite everywhere in ``box``. ``levels`` is how many contour lines
    to draw, or their heights in increasing order.
    """
    _checks.callable_arg("function", function)
    xlow, xhigh, ylow, yhigh = _checks.box("box", box, PLOT_LIMIT)
    levels = _checks.contour_levels("levels", levels)
    figure = new_figure(5.2, 4.4)
    ax = figure.add_subplot()
    draw_contours(ax, function, (xlow, xhigh, ylow, yhigh), levels)
    if path is not None:
        points = _checks.finite_array("path", path, shape=(None, 2))
        ax.plot(points[:, 0], points[:, 1], "-o", color="C3", ms=4, lw=1.2)
        ax.plot(points[:1, 0], points[:1, 1], "o", color="C2", ms=9)
    ax.set_aspect("equal")
    _label(ax, xlabel, ylabel, title)
    default_alt = f"Contour lines {title or 'of f(x, y)'}" + (
        "." if path is None else f" with a path of {len(path)} points.")
    return Plot(figure, alt or default_alt)


def draw_contours(ax, function: Callable, box, levels) -> None:
    """Draw labelled contour lines of f(x, y) over ``box`` on ``ax``.

    Shared by the static contour figures and the 2-D slider figures, so
    both show a surface the same way.
    """
    xs = np.linspace(box[0], box[1], 121)
    ys = np.linspace(box[2], box[3], 121)
    where = "box=({:g}, {:g}, {:g}, {:g})".format(*box)
    heights = _checks.surface_values("function", function, xs, ys, where)
    contours = ax.contour(xs, ys, heights, levels=levels, cmap="viridis",
                          linewidths=0.9)
    ax.clabel(contours, fontsize=7, fmt="%g")


def line_chart(
    series: Mapping[str, Sequence[float]],
    *,
    x: Sequence[float] | None = None,
    xlabel: str = "epoch",
    ylabel: str = "loss",
    log_y: bool = False,
    title: str = "",
    alt: str | None = None,
) -> Plot:
    """Draw one or more named series (loss curves, timings) on one axes.

    ``series`` maps each name to its values; with ``x`` every series has
    one value per x. With ``log_y`` every value must be > 0.
    """
    if not isinstance(series, Mapping):
        raise TypeError(
            "series must be a dict from names to sequences of numbers; "
            f"got {type(series).__name__}"
        )
    if not series:
        raise ValueError("series must hold at least one named sequence")
    xs = None if x is None else _checks.finite_array("x", x, ndim=1)
    checked = {name: _series(name, values, xs, log_y)
               for name, values in series.items()}
    figure = new_figure(6.0, 3.4)
    ax = figure.add_subplot()
    for name, ys in checked.items():
        steps = np.arange(len(ys)) if xs is None else xs
        ax.plot(steps, ys, "-o" if len(ys) <= 12 else "-", ms=4,
                label=name)
    if log_y:
        ax.set_yscale("log")
    if len(series) > 1:
        ax.legend(fontsize=8)
    _label(ax, xlabel, ylabel, title)
    names = ", ".join(series)
    return Plot(figure, alt or f"{ylabel} against {xlabel}: {names}.")


def _series(
    name: str, values: object, xs: np.ndarray | None, log_y: bool
) -> np.ndarray:
    """One series of ``line_chart``, checked against x and the log axis."""
    label = f"series[{name!r}]"
    ys = _checks.finite_array(label, values, ndim=1)
    if xs is not None and len(xs) != len(ys):
        raise ValueError(
            f"{label} must have one value per x ({len(xs)}); "
            f"got {len(ys)} values"
        )
    if log_y and np.any(ys <= 0):
        raise ValueError(
            f"{label} must hold only values > 0 on a log axis "
            f"(log_y=True); got {ys.min():g}"
        )
    return ys


def loss_curves(
    curves: Mapping[str, Sequence[float]], *, title: str = "",
    log_y: bool = False,
) -> Plot:
    """Draw training losses per epoch, one line per training run."""
    return line_chart(curves, xlabel="epoch", ylabel="loss", title=title,
                      log_y=log_y)


# Positions of the worked network's neurons, and which weight joins which.
_NODES = {
    "i1": (0.0, 2.0), "i2": (0.0, 1.0), "i3": (0.0, 0.0),
    "h1": (1.0, 1.6), "h2": (1.0, 0.4),
    "o1": (2.0, 1.6), "o2": (2.0, 0.4),
}
_EDGES = {
    "w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i3", "h1"),
    "w4": ("i1", "h2"), "w5": ("i2", "h2"), "w6": ("i3", "h2"),
    "w7": ("h1", "o1"), "w8": ("h2", "o1"),
    "w9": ("h1", "o2"), "w10": ("h2", "o2"),
}


def network_diagram(
    parameters: Mapping[str, float] | None = None,
    *,
    title: str = "",
) -> Plot:
    """Draw the worked 3-2-2 network with every weight and bias labelled.

    With ``parameters`` the labels also show the values, e.g. ``w7=0.5``;
    they are checked as ``helpers.network`` checks them.
    """
    if parameters is not None:
        parameters = _check_parameters(parameters)
    figure = new_figure(6.4, 4.2)
    ax = figure.add_subplot()
    for name, (start, end) in _EDGES.items():
        _edge(ax, name, _NODES[start], _NODES[end], parameters)
    for name, (x, y) in _NODES.items():
        _neuron(ax, name, x, y)
    for bias, node in (("b1", "o1"), ("b2", "o2")):
        x, y = _NODES[node]
        ax.annotate(_weight_label(bias, parameters), (x, y),
                    xytext=(x + 0.12, y + 0.22), fontsize=9, color="C3")
    ax.text(1.0, 2.05, "sigmoid", ha="center", fontsize=8, color="0.4")
    ax.text(1.0, -0.05, "linear (no activation)", ha="center", fontsize=8,
            color="0.4")
    ax.text(2.0, 2.05, "sigmoid", ha="center", fontsize=8, color="0.4")
    ax.set_xlim(-0.3, 2.5)
    ax.set_ylim(-0.3, 2.3)
    ax.axis("off")
    if title:
        ax.set_title(title)
    alt = ("Network diagram: inputs i1, i2, i3 feed hidden neurons h1 "
           "(sigmoid) and h2 (linear) through weights w1 to w6; h1 and h2 "
           "feed outputs o1 and o2 through w7 to w10, with biases b1, b2.")
    return Plot(figure, alt)


def _edge(ax, name, start, end, parameters) -> None:
    ax.annotate("", xy=end, xytext=start, arrowprops={
        "arrowstyle": "-|>", "color": "0.55", "lw": 1,
        "shrinkA": 14, "shrinkB": 14})
    t = 0.28 if end[0] == 1.0 else 0.3
    if name in ("w8", "w9"):
        t = 0.7
    x = start[0] + t * (end[0] - start[0])
    y = start[1] + t * (end[1] - start[1])
    ax.text(x, y, _weight_label(name, parameters), fontsize=8.5,
            ha="center", va="center", color="C0",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white",
                  "ec": "none", "alpha": 0.9})


def _neuron(ax, name, x, y) -> None:
    ax.add_patch(_circle((x, y)))
    ax.text(x, y, name, ha="center", va="center", fontsize=11,
            fontweight="bold")


def _circle(center):
    from matplotlib.patches import Circle

    return Circle(center, 0.13, fc="#f2f2f2", ec="0.2", lw=1.2, zorder=3)


def _weight_label(name: str, parameters) -> str:
    if parameters is None:
        return name
    return f"{name}={parameters[name]:.3g}"


def _label(ax, xlabel: str, ylabel: str, title: str) -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title)



def activation_grid(
    names: Sequence[str] = ("sigmoid", "tanh", "relu", "leaky_relu",
                            "identity"),
    *,
    u_range: tuple[float, float] = (-5.0, 5.0),
    leaky_slope: float = 0.1,
) -> Plot:
    """Draw each named activation g(u) beside its derivative g'(u).

    One panel per name from ``helpers.activations.ACTIVATIONS``, three to
    a row. Leaky ReLU is drawn with ``leaky_slope`` (0.1, not the default
    0.01) so that its leak can be seen at this scale; the panel says so.
    The u grid has an even number of points, so no sample falls on the
    corner u = 0, where ReLU's derivative jumps and is drawn as a steep
    line.
    """
    from helpers.activations import ACTIVATIONS, get_activation

    if isinstance(names, str) or not names:
        raise ValueError("names must be a non-empty sequence of "
                         f"activation names; got {names!r}")
    low, high = _checks.interval("u_range", u_range, PLOT_LIMIT)
    slope = _checks.number_in_range("leaky_slope", leaky_slope, 0.0, 1.0)
    pairs = [get_activation(_checks.one_of("names", name, ACTIVATIONS))
             for name in names]
    columns = min(3, len(names))
    rows = -(-len(names) // columns)
    figure = new_figure(3.0 * columns, 2.5 * rows)
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    us = np.linspace(low, high, 400)
    for ax, name, (function, derivative) in zip(axes, names, pairs):
        extra = {"slope": slope} if name == "leaky_relu" else {}
        ax.plot(us, function(us, **extra), color="C0", lw=2, label="g(u)")
        ax.plot(us, derivative(us, **extra), "--", color="C3", lw=1.5,
                label="g'(u)")
        title = f"{name} (slope {slope:g})" if extra else name
        _label(ax, "u", "", title)
    for ax in axes[len(names):]:
        ax.axis("off")
    axes[0].legend(fontsize=8)
    alt = (f"Activation functions {', '.join(names)}: each panel draws "
           f"g(u) solid and its derivative g'(u) dashed, for u from "
           f"{low:g} to {high:g}.")
    return Plot(figure, alt)
