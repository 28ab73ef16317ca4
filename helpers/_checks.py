"""Argument checks shared by every public helper.

Each check returns the cleaned value or raises ``ValueError`` (``TypeError``
for a value of the wrong kind) with a message naming the argument, the value
it got and what it accepts, so a reader who drags a slider too far or types a
typo learns what went wrong instead of meeting a silent NaN.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import numpy as np


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def finite_number(name: str, value: object) -> float:
    """Return ``value`` as a float; reject non-numbers, NaN and infinities."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a real number; got {_describe(value)}"
        )
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(
            f"{name} must be a finite number; got {_describe(value)}"
        )
    return number


def positive_number(name: str, value: object) -> float:
    """Return ``value`` as a float that is finite and strictly positive."""
    number = finite_number(name, value)
    if number <= 0:
        raise ValueError(
            f"{name} must be a finite number > 0; got {_describe(value)}"
        )
    return number


def number_in_range(
    name: str, value: object, low: float, high: float
) -> float:
    """Return ``value`` as a float in the closed interval [low, high]."""
    number = finite_number(name, value)
    if not low <= number <= high:
        raise ValueError(
            f"{name} must be between {low} and {high}; "
            f"got {_describe(value)}"
        )
    return number


def positive_int(name: str, value: object) -> int:
    """Return ``value`` as an int >= 1; reject floats, bools and the rest."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a positive integer; got {_describe(value)}"
        )
    if value < 1:
        raise ValueError(
            f"{name} must be a positive integer; got {_describe(value)}"
        )
    return int(value)


def finite_array(
    name: str,
    value: object,
    ndim: int | None = None,
    shape: tuple[int | None, ...] | None = None,
) -> np.ndarray:
    """Return ``value`` as a float array of finite, non-empty entries.

    ``shape`` may hold ``None`` for a dimension of any length.
    """
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be an array of real numbers; "
            f"got {_describe(value)}"
        ) from None
    if array.size == 0:
        raise ValueError(f"{name} must not be empty; got {_describe(value)}")
    if ndim is not None and array.ndim != ndim:
        raise ValueError(
            f"{name} must have {ndim} dimension(s); got shape {array.shape}"
        )
    if shape is not None and not _shape_matches(array.shape, shape):
        wanted = tuple("any" if n is None else n for n in shape)
        raise ValueError(
            f"{name} must have shape {wanted}; got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} must hold only finite numbers; got {_describe(value)}"
        )
    return array


def _shape_matches(
    actual: tuple[int, ...], wanted: tuple[int | None, ...]
) -> bool:
    if len(actual) != len(wanted):
        return False
    return all(w is None or a == w for a, w in zip(actual, wanted))


def one_of(name: str, value: object, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of the ``allowed`` names."""
    options = list(allowed)
    if value not in options:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, options))}; "
            f"got {_describe(value)}"
        )
    return str(value)


def callable_arg(name: str, value: object) -> None:
    """Reject a ``value`` that cannot be called like a function."""
    if not callable(value):
        raise TypeError(
            f"{name} must be a function; got {_describe(value)}"
        )


def interval(name: str, pair: object) -> tuple[float, float]:
    """Return ``pair`` as finite (low, high) with low < high."""
    low, high = finite_array(name, pair, shape=(2,))
    if not low < high:
        raise ValueError(
            f"{name} must be (low, high) with low < high; "
            f"got {_describe(pair)}"
        )
    return float(low), float(high)
