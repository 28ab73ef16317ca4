"""Argument checks shared by every public helper.

Each check returns the cleaned value or raises ``ValueError`` (``TypeError``
for a value of the wrong kind) with a message naming the argument, the value
it got and what it accepts, so a reader who drags a slider too far or types a
typo learns what went wrong instead of meeting a silent NaN.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping

import numpy as np

MIN_STEP = 1e-10
MIN_RELATIVE_STEP = 1e-12
MAX_STEP = 1.0
"""Bounds of a finite-difference step h taken at x (see difference_step)."""


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


def non_negative_int(name: str, value: object) -> int:
    """Return ``value`` as an int >= 0 (a seed, a count that may be 0)."""
    return _int_at_least(name, value, 0, "a non-negative integer")


def function_value(function, x: object) -> float:
    """Call a reader's ``function`` at ``x``; insist on a finite real.

    Overflow, a domain error (such as ``math.log(0)``), a non-number or a
    NaN becomes a ValueError naming ``function`` and the point, instead
    of a bare library error or a NaN travelling on.
    """
    try:
        with np.errstate(all="ignore"):
            raw = function(x)
    except OverflowError:
        raise ValueError(
            f"function must return a finite number; it overflowed at x={x}"
        ) from None
    except ValueError as error:  # such as math.log's "math domain error"
        raise ValueError(
            f"function could not be evaluated at x={x}: {error}"
        ) from error
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise ValueError(
            f"function must return a real number; got {raw!r} at x={x}"
        ) from None
    if not np.isfinite(value):
        raise ValueError(
            f"function must return a finite number; got {value} at x={x}"
        )
    return value


def positive_int(name: str, value: object) -> int:
    """Return ``value`` as an int >= 1; reject floats, bools and the rest."""
    return _int_at_least(name, value, 1, "a positive integer")


def _int_at_least(name: str, value: object, low: int, kind: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {kind}; got {_describe(value)}")
    if value < low:
        raise ValueError(f"{name} must be {kind}; got {_describe(value)}")
    return int(value)


def finite_array(
    name: str,
    value: object,
    ndim: int | None = None,
    shape: tuple[int | None, ...] | None = None,
) -> np.ndarray:
    """Return ``value`` as a float array of finite, non-empty entries.

    ``shape`` may hold ``None`` for a dimension of any length. Text,
    None, booleans and complex numbers are refused with a TypeError, as
    ``finite_number`` refuses them: "1" or True is not a real number.
    """
    array = _real_array(name, value)
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


_REAL_KINDS = "iuf"  # numpy dtype kinds of integers and floats
_NOT_REAL = (str, bytes, bool, np.bool_, complex, np.complexfloating)


def _real_array(name: str, value: object) -> np.ndarray:
    """``value`` as a float array, if it holds only real numbers."""
    if value is None or isinstance(value, (str, bytes)):
        raise _not_real(name, value)
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):  # ragged nesting, for one
        raise _not_real(name, value) from None
    if array.dtype.kind == "O":
        array = _object_to_float(name, value, array)
    if array.dtype.kind not in _REAL_KINDS:
        raise _not_real(name, value)
    return array.astype(float, copy=False)


def _object_to_float(
    name: str, value: object, array: np.ndarray
) -> np.ndarray:
    """Convert mixed Python objects (huge ints, Decimals) entry by entry."""
    if any(item is None or isinstance(item, _NOT_REAL)
           for item in array.flat):
        raise _not_real(name, value)
    try:
        return array.astype(float)
    except (TypeError, ValueError, OverflowError):
        raise _not_real(name, value) from None


def _not_real(name: str, value: object) -> TypeError:
    return TypeError(
        f"{name} must be a real number or an array of real numbers; "
        f"got {_describe(value)}"
    )


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


def interval(
    name: str, pair: object, limit: float | None = None
) -> tuple[float, float]:
    """Return ``pair`` as finite (low, high) with low < high.

    With ``limit``, both ends must also lie within [-limit, limit], so
    that a figure's samples and the function values on them stay finite.
    """
    low, high = finite_array(name, pair, shape=(2,))
    if not low < high:
        raise ValueError(
            f"{name} must be (low, high) with low < high; "
            f"got {_describe(pair)}"
        )
    if limit is not None and max(-low, high) > limit:
        raise ValueError(
            f"{name} must lie between {-limit:g} and {limit:g}; "
            f"got {_describe(pair)}"
        )
    return float(low), float(high)


def difference_step(name: str, value: object, scale: float = 0.0) -> float:
    """Return a finite-difference step h suited to points of size ``scale``.

    max(1e-10, 1e-12 |scale|) <= h <= max(1, |scale|): a smaller step is
    lost to rounding (x + h may even equal x, and the quotient becomes 0
    or noise), a larger one measures the slope of a long chord instead of
    the derivative.
    """
    h = positive_number(name, value)
    low = max(MIN_STEP, MIN_RELATIVE_STEP * abs(scale))
    high = max(MAX_STEP, abs(scale))
    if not low <= h <= high:
        raise ValueError(
            f"{name} must be between {low:g} and {high:g} for points of "
            f"size {abs(scale):g} (smaller steps drown in rounding, larger "
            f"ones measure a chord, not a slope); got {_describe(value)}"
        )
    return h


def named_values(
    name: str, value: object, allowed: Iterable[str]
) -> dict[str, object]:
    """Return ``value`` (None or a mapping) as a dict keyed by ``allowed``.

    For options such as a slider figure's ``initial``: a misspelt key
    would otherwise be ignored without a word.
    """
    allowed = tuple(allowed)
    names = ", ".join(map(repr, allowed))
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{name} must be None or a dict with keys from {names}; "
            f"got {_describe(value)}"
        )
    unknown = [key for key in value if key not in allowed]
    if unknown:
        raise ValueError(
            f"{name} may only hold the keys {names}; got "
            f"{', '.join(map(repr, unknown))} in {_describe(value)}"
        )
    return dict(value)



def contour_levels(name: str, levels: object) -> int | np.ndarray:
    """Return a count of contour lines (>= 1) or finite, rising heights."""
    if isinstance(levels, numbers.Integral) and not isinstance(levels, bool):
        return positive_int(name, levels)
    if isinstance(levels, (str, bytes, numbers.Number)) or not isinstance(
        levels, Iterable
    ):
        raise TypeError(
            f"{name} must be a positive integer (how many lines) or an "
            f"increasing sequence of heights; got {_describe(levels)}"
        )
    heights = finite_array(name, levels, ndim=1)
    if np.any(np.diff(heights) <= 0):
        raise ValueError(
            f"{name} must be increasing heights; got {_describe(levels)}"
        )
    return heights


def curve_values(
    name: str, function: Callable, xs: np.ndarray, where: str
) -> np.ndarray:
    """``function(xs)`` as finite floats, one per x, or a clear error.

    The function is called once on the whole array with numpy's overflow
    and invalid-value warnings silenced; a value that is not finite is
    reported with the first x where it occurs. ``where`` names the x
    values in that message, e.g. "x_range=(-1, 1)". A function that
    returns one number for every x (a constant) is broadcast.
    """
    try:
        with np.errstate(all="ignore"):
            raw = function(xs)
    except TypeError as error:
        raise TypeError(
            f"{name} must accept a numpy array of x values (wrap a "
            f"function of one number in np.vectorize); it failed: {error}"
        ) from error
    except OverflowError:
        raise ValueError(f"{name} overflows over {where}") from None
    values = _real_array(f"the values of {name}", raw)
    try:
        values = np.broadcast_to(values, xs.shape)
    except ValueError:
        raise ValueError(
            f"{name} must return one value per x; got shape "
            f"{values.shape} for x values of shape {xs.shape}"
        ) from None
    _require_finite(name, values, where, lambda i: f"x={xs.flat[i]:g}")
    return values


def surface_values(
    name: str,
    function: Callable,
    xs: np.ndarray,
    ys: np.ndarray,
    where: str,
) -> np.ndarray:
    """f(np.array([x, y])) on a grid, as finite floats, or a clear error.

    Row i holds the heights at y = ys[i], as ``contour`` expects. As in
    ``curve_values``, numpy's warnings are silenced and a value that is
    not finite is reported with the first point where it occurs.
    """
    try:
        with np.errstate(all="ignore"):
            raw = [[function(np.array([x, y])) for x in xs] for y in ys]
    except OverflowError:
        raise ValueError(f"{name} overflows over {where}") from None
    heights = _real_array(f"the values of {name}", raw)
    if heights.shape != (len(ys), len(xs)):
        raise ValueError(
            f"{name} must return one number per point (x, y); got values "
            f"of shape {heights.shape[2:]}"
        )

    def at(index: int) -> str:
        row, column = divmod(index, len(xs))
        return f"(x, y)=({xs[column]:g}, {ys[row]:g})"

    _require_finite(name, heights, where, at)
    return heights


def _require_finite(
    name: str, values: np.ndarray, where: str, at: Callable[[int], str]
) -> None:
    """Name the first value that is not finite, and where it occurs."""
    bad = ~np.isfinite(values)
    if bad.any():
        index = int(np.argmax(bad))
        raise ValueError(
            f"{name} must be finite over {where}; got "
            f"{values.flat[index]:g} at {at(index)}"
        )


def box(
    name: str, value: object, limit: float | None = None
) -> tuple[float, float, float, float]:
    """Return ``value`` as (xmin, xmax, ymin, ymax), each pair rising."""
    corners = finite_array(name, value, shape=(4,))
    xmin, xmax = interval(f"{name}[0:2]", corners[:2].tolist(), limit)
    ymin, ymax = interval(f"{name}[2:4]", corners[2:].tolist(), limit)
    return xmin, xmax, ymin, ymax
