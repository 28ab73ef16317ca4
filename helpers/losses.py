"""Loss functions that compare predictions with targets, and their gradients.

A loss turns "how wrong is the network" into one number, so gradient
descent has something to make smaller. Each loss here sums over every
entry it is given (all outputs, all examples), and its gradient is taken
with respect to the predictions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from helpers._checks import finite_array, one_of
from helpers.activations import ACTIVATIONS, get_activation

ArrayOrFloat = float | np.ndarray

LOSS_CONSTANT = 0.5
"""The factor in front of the squared error: L = 1/2 * sum (p - t)^2.

Any positive constant gives the same minimiser; 1/2 is the one for which
the 2 brought down by differentiating cancels, so dL/dp = p - t.
"""

CROSS_ENTROPY_EPSILON = 1e-12
"""Probabilities are clipped into [eps, 1 - eps] before taking logarithms.

So log(0) never happens: the largest loss one entry can contribute is
-log(1e-12), about 27.6.
"""


def _pair(
    predictions: object,
    targets: object,
    predictions_name: str = "predictions",
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Check two finite, non-empty arrays of one shape; say if numbers."""
    p = finite_array(predictions_name, predictions)
    t = finite_array("targets", targets)
    if p.shape != t.shape:
        raise ValueError(
            f"{predictions_name} and targets must have the same shape; "
            f"got {p.shape} and {t.shape}"
        )
    return p, t, p.ndim == 0


def _same_kind(result: np.ndarray, was_number: bool) -> ArrayOrFloat:
    """Give back a float for numbers and an array for arrays."""
    return float(result) if was_number else result


def _difference(p: np.ndarray, t: np.ndarray) -> np.ndarray:
    """p - t, or a clear error where it overflows double precision."""
    with np.errstate(over="ignore", invalid="ignore"):
        difference = p - t
    return _finite("the difference of predictions and targets", difference)


def _finite(what: str, value: np.ndarray) -> np.ndarray:
    """Reject a result that overflowed to infinity."""
    if not np.all(np.isfinite(value)):
        raise ValueError(
            f"{what} overflows double precision; the predictions and "
            "targets are too large"
        )
    return value


def _probabilities(name: str, array: np.ndarray) -> None:
    """Reject entries outside [0, 1]."""
    if np.any((array < 0) | (array > 1)):
        raise ValueError(
            f"{name} must lie between 0 and 1; got values from "
            f"{array.min():g} to {array.max():g}"
        )


def absolute_error(predictions: object, targets: object) -> float:
    """The sum of absolute errors: L = sum |p - t|."""
    p, t, _ = _pair(predictions, targets)
    with np.errstate(over="ignore"):
        total = np.sum(np.abs(_difference(p, t)))
    return float(_finite("the absolute error", total))


def absolute_error_gradient(
    predictions: object, targets: object
) -> ArrayOrFloat:
    """dL/dp of the absolute error: sign(p - t), one entry per prediction.

    |p - t| has a corner at p = t, where no derivative exists; we return 0
    there (a prediction that is exactly right need not move). Away from
    the corner the gradient is +1 or -1 whatever the size of the error,
    which is why this loss takes equally large steps near the answer.
    """
    p, t, was_number = _pair(predictions, targets)
    return _same_kind(np.sign(_difference(p, t)), was_number)


def squared_error(predictions: object, targets: object) -> float:
    """The squared error with the 1/2 convention: L = 1/2 * sum (p - t)^2.

    The factor 1/2 (``LOSS_CONSTANT``) is there so that the 2 from
    differentiating the square cancels and the gradient is simply p - t.
    It changes the value of the loss, not where its minimum lies.
    """
    p, t, _ = _pair(predictions, targets)
    with np.errstate(over="ignore"):
        total = LOSS_CONSTANT * np.sum(_difference(p, t) ** 2)
    return float(_finite("the squared error", total))


def squared_error_gradient(
    predictions: object, targets: object
) -> ArrayOrFloat:
    """dL/dp of the squared error: p - t, one entry per prediction.

    From L = 1/2 * sum (p - t)^2: dL/dp = 2 * 1/2 * (p - t) = p - t.
    """
    p, t, was_number = _pair(predictions, targets)
    return _same_kind(2 * LOSS_CONSTANT * _difference(p, t), was_number)


def _clipped(probabilities: np.ndarray) -> np.ndarray:
    eps = CROSS_ENTROPY_EPSILON
    return np.clip(probabilities, eps, 1.0 - eps)


def cross_entropy(probabilities: object, targets: object) -> float:
    """Binary cross-entropy summed: L = -sum [t log p + (1-t) log(1-p)].

    ``probabilities`` and ``targets`` lie in [0, 1]. Each probability is
    first clipped into [eps, 1 - eps] with eps = ``CROSS_ENTROPY_EPSILON``
    (1e-12), so a confident wrong answer costs about 27.6, never infinity.
    """
    p, t, _ = _pair(probabilities, targets, "probabilities")
    _probabilities("probabilities", p)
    _probabilities("targets", t)
    q = _clipped(p)
    return float(-np.sum(t * np.log(q) + (1 - t) * np.log1p(-q)))


def cross_entropy_gradient(
    probabilities: object, targets: object
) -> ArrayOrFloat:
    """dL/dp of the binary cross-entropy: (p - t) / (p (1 - p)).

    It is evaluated at the clipped probability (see ``cross_entropy``),
    so it stays finite at p = 0 and p = 1 and still points the right way.
    """
    p, t, was_number = _pair(probabilities, targets, "probabilities")
    _probabilities("probabilities", p)
    _probabilities("targets", t)
    q = _clipped(p)
    return _same_kind((q - t) / (q * (1.0 - q)), was_number)


def neuron_loss(
    inputs: Sequence[float],
    targets: Sequence[float],
    activation: str = "sigmoid",
) -> tuple[Callable[[np.ndarray], float],
           Callable[[np.ndarray], np.ndarray]]:
    """The loss of one neuron over (w, b) on fixed examples, and its gradient.

    With out_n = g(w x_n + b) and the book's squared error,

        L(w, b)  = 1/2 * sum_n (out_n - t_n)^2
        dL/dw    = sum_n (out_n - t_n) * g'(u_n) * x_n
        dL/db    = sum_n (out_n - t_n) * g'(u_n)

    The examples (x_n, t_n) are fixed, so only w and b vary: the switch
    from an objective function to a loss function. Both returned functions
    take a point ``np.array([w, b])``, as ``gradient_descent`` and
    ``contour_with_path`` expect. Where w x_n + b or the gradient would
    overflow double precision they raise a ValueError naming (w, b).
    """
    xs = finite_array("inputs", inputs, ndim=1)
    ts = finite_array("targets", targets, shape=xs.shape)
    function, slope = get_activation(one_of(
        "activation", activation, ACTIVATIONS))

    def loss(point: np.ndarray) -> float:
        """L(w, b) = 1/2 * sum_n (g(w x_n + b) - t_n)^2."""
        weight, bias = _point(point)
        return squared_error(function(_weighted_sums(weight, bias, xs)), ts)

    def gradient(point: np.ndarray) -> np.ndarray:
        """(dL/dw, dL/db) by the chain rule through g."""
        weight, bias = _point(point)
        u = _weighted_sums(weight, bias, xs)
        with np.errstate(over="ignore", invalid="ignore"):
            signal = squared_error_gradient(function(u), ts) * slope(u)
            slopes = np.array([np.sum(signal * xs), np.sum(signal)])
        if not np.all(np.isfinite(slopes)):
            raise ValueError(_overflow("the gradient (dL/dw, dL/db)",
                                       weight, bias))
        return slopes

    return loss, gradient


def _weighted_sums(
    weight: float, bias: float, xs: np.ndarray
) -> np.ndarray:
    """u_n = w x_n + b for every input, or a ValueError if it overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        u = weight * xs + bias
    if not np.all(np.isfinite(u)):
        raise ValueError(_overflow("the weighted sum w x + b", weight, bias))
    return u


def _overflow(what: str, weight: float, bias: float) -> str:
    return (
        f"{what} overflows double precision at (w, b) = ({weight:g}, "
        f"{bias:g}); the weights, biases or inputs are too large"
    )


def _point(point: Any) -> tuple[float, float]:
    weight, bias = finite_array("point", point, shape=(2,))
    return float(weight), float(bias)
