"""Activation functions of a neuron, each with its derivative.

A neuron computes a weighted sum ``u`` and passes it through an activation
``g``. Back-propagation needs ``g'(u)`` as well, so every function here
comes with its derivative, and ``ACTIVATIONS`` pairs them by name.

Every function accepts a number or an array and returns the same kind: a
float for a number, an array of the same shape for an array.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from helpers._checks import finite_array, number_in_range, one_of

ArrayOrFloat = float | np.ndarray
Activation = Callable[..., ArrayOrFloat]

DEFAULT_LEAKY_SLOPE = 0.01


def _as_array(name: str, value: object) -> tuple[np.ndarray, bool]:
    """Return ``value`` as a finite float array and whether it was a number."""
    array = finite_array(name, value)
    return array, array.ndim == 0


def _same_kind(result: np.ndarray, was_number: bool) -> ArrayOrFloat:
    """Give back a float for a number and an array for an array."""
    return float(result) if was_number else result


def _stable_sigmoid(u: np.ndarray) -> np.ndarray:
    """The sigmoid of an array, computed without overflow.

    Only ``e = exp(-|u|)`` is ever evaluated, and it lies in (0, 1]: for
    ``u >= 0`` the sigmoid is ``1 / (1 + e)``, for ``u < 0`` it is
    ``e / (1 + e)``. Both branches are the same function, and each keeps
    full relative precision on its own side. The steps work in place
    because the network calls this on arrays of every example at once.
    """
    e = np.empty_like(u, dtype=float)
    np.abs(u, out=e)
    np.negative(e, out=e)
    with np.errstate(under="ignore"):
        np.exp(e, out=e)
    positive_side = np.add(e, 1.0, out=np.empty_like(e))
    np.reciprocal(positive_side, out=positive_side)  # 1 / (1 + e)
    np.multiply(e, positive_side, out=e)  # e / (1 + e)
    np.copyto(e, positive_side, where=u >= 0)
    return e


def _stable_sigmoid_derivative(u: np.ndarray) -> np.ndarray:
    """g(u) (1 - g(u)) written as e / (1 + e)^2 with e = exp(-|u|).

    The sigmoid's derivative is symmetric in ``u``, and this form keeps
    full precision where ``1 - g(u)`` would cancel (large ``u``). Near
    u = 0 rounding can land a hair above the true maximum 0.25, so the
    result is capped there.
    """
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(u))
        return np.minimum(e / (1.0 + e) ** 2, 0.25)


def sigmoid(u: object) -> ArrayOrFloat:
    """The logistic sigmoid g(u) = 1 / (1 + exp(-u)), a value in [0, 1].

    It is evaluated in a form that never overflows, so any finite ``u``
    (even 1e308) gives a number, never a warning or NaN. Far from 0 the
    result rounds to exactly 0.0 or 1.0, as doubles must.
    """
    array, was_number = _as_array("u", u)
    return _same_kind(_stable_sigmoid(array), was_number)


def sigmoid_derivative(u: object) -> ArrayOrFloat:
    """The sigmoid's derivative g'(u) = g(u) (1 - g(u)), at most 0.25.

    It is largest at u = 0 and falls towards 0 on both sides: a neuron
    whose weighted sum is far from 0 barely learns (it is *saturated*).
    """
    array, was_number = _as_array("u", u)
    return _same_kind(_stable_sigmoid_derivative(array), was_number)


def tanh(u: object) -> ArrayOrFloat:
    """The hyperbolic tangent tanh(u), a value in [-1, 1]."""
    array, was_number = _as_array("u", u)
    return _same_kind(np.tanh(array), was_number)


def tanh_derivative(u: object) -> ArrayOrFloat:
    """The derivative of tanh: 1 - tanh(u)^2."""
    array, was_number = _as_array("u", u)
    return _same_kind(1.0 - np.tanh(array) ** 2, was_number)


def relu(u: object) -> ArrayOrFloat:
    """The rectified linear unit max(0, u)."""
    array, was_number = _as_array("u", u)
    return _same_kind(np.maximum(array, 0.0), was_number)


def relu_derivative(u: object) -> ArrayOrFloat:
    """The derivative of ReLU: 1 for u > 0, else 0.

    At u = 0 ReLU has a corner and no derivative; like most libraries we
    return 0 there.
    """
    array, was_number = _as_array("u", u)
    return _same_kind(np.where(array > 0, 1.0, 0.0), was_number)


def leaky_relu(u: object, slope: float = DEFAULT_LEAKY_SLOPE) -> ArrayOrFloat:
    """The leaky ReLU: u for u > 0, else slope * u.

    The small slope on the negative side keeps a gradient alive where
    plain ReLU would give none. ``slope`` lies in [0, 1].
    """
    slope = number_in_range("slope", slope, 0.0, 1.0)
    array, was_number = _as_array("u", u)
    return _same_kind(np.where(array > 0, array, slope * array), was_number)


def leaky_relu_derivative(
    u: object, slope: float = DEFAULT_LEAKY_SLOPE
) -> ArrayOrFloat:
    """The derivative of leaky ReLU: 1 for u > 0, else slope.

    At the corner u = 0 we return ``slope``, the left-hand derivative.
    """
    slope = number_in_range("slope", slope, 0.0, 1.0)
    array, was_number = _as_array("u", u)
    return _same_kind(np.where(array > 0, 1.0, slope), was_number)


def identity(u: object) -> ArrayOrFloat:
    """The identity g(u) = u: a neuron with no activation (like h2)."""
    array, was_number = _as_array("u", u)
    return _same_kind(array.copy(), was_number)


def identity_derivative(u: object) -> ArrayOrFloat:
    """The identity's derivative, 1 everywhere."""
    array, was_number = _as_array("u", u)
    return _same_kind(np.ones_like(array), was_number)


ACTIVATIONS: dict[str, tuple[Activation, Activation]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
    "identity": (identity, identity_derivative),
}


def get_activation(name: str) -> tuple[Activation, Activation]:
    """Return the pair (function, derivative) registered under ``name``."""
    one_of("name", name, ACTIVATIONS)
    return ACTIVATIONS[name]


def saturation_table(
    values: Sequence[float] | np.ndarray,
) -> list[tuple[float, float, float]]:
    """Rows (u, g(u), g'(u)) of the sigmoid for each u in ``values``.

    They show saturation in numbers: at u = 0 the derivative is 0.25, at
    u = 10 it is already about 4.5e-5, so a weight feeding a neuron with
    a large weighted sum barely moves under gradient descent.
    """
    array = finite_array("values", values, ndim=1)
    outputs = _stable_sigmoid(array)
    slopes = _stable_sigmoid_derivative(array)
    return [
        (float(u), float(g), float(d))
        for u, g, d in zip(array, outputs, slopes)
    ]
