"""Gradient descent in any number of dimensions, with the reason it stops.

One function covers every descent in the book: one variable or many, steps
scaled by the gradient or of fixed length in the gradient's direction
("sign" steps), with or without noise. It returns the whole path so that a
figure can draw it, and says in plain words why it stopped.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from helpers._checks import (
    callable_arg,
    finite_array,
    finite_number,
    non_negative_int,
    one_of,
    positive_int,
    positive_number,
)

# The whole path is kept, so the step limit also bounds the memory used.
MAX_STEPS = 10_000_000
STOP_REASONS = ("converged", "step limit", "diverged", "cycling")
RULES = ("gradient", "sign")

# A new point equal to one of this many most recent points means the
# descent has fallen into a loop it can never leave.
CYCLE_MEMORY = 10


def _format(value: float, digits: int = 2) -> str:
    """A number to ``digits`` significant digits; -0 printed as 0."""
    return f"{float(value) + 0.0:.{digits}g}"


def _format_point(point: float | np.ndarray, digits: int = 2) -> str:
    if np.ndim(point) == 0:
        return _format(float(point), digits)
    return "(" + ", ".join(_format(v, digits) for v in point) + ")"


@dataclass(frozen=True, eq=False)
class DescentResult:
    """The path of a gradient descent and why it stopped.

    ``path[0]`` is the start; one row (or entry, in one dimension) per
    point. ``values`` holds f along the path when ``function`` was given.
    """

    path: np.ndarray
    values: np.ndarray | None
    reason: str
    learning_rate: float
    rule: str
    tolerance: float = 1e-8
    divergence_bound: float = 1e6

    @property
    def steps(self) -> int:
        """How many steps were taken (the path has one more point)."""
        return len(self.path) - 1

    @property
    def final(self) -> float | np.ndarray:
        """The last point reached."""
        last = self.path[-1]
        return float(last) if self.path.ndim == 1 else last.copy()

    def __repr__(self) -> str:
        return (
            f"DescentResult(reason={self.reason!r}, steps={self.steps}, "
            f"final={_format_point(self.final)})"
        )

    def explain(self) -> str:
        """One plain sentence saying why the descent stopped."""
        where = _format_point(self.final, digits=3)
        count = f"{self.steps} step{'' if self.steps == 1 else 's'}"
        if self.reason == "converged":
            return (
                f"It stopped at {where} after {count} because the gradient "
                f"there is within the tolerance {self.tolerance:g} of zero."
            )
        if self.reason == "step limit":
            return (
                f"It stopped at {where} because it used up its {count} "
                "before the gradient came within the tolerance "
                f"{self.tolerance:g} of zero."
            )
        if self.reason == "diverged":
            return self._explain_divergence(where, count)
        return self._explain_cycle(where, count)

    def _explain_divergence(self, where: str, count: str) -> str:
        size = _norm(np.atleast_1d(self.final))
        if size > self.divergence_bound:
            return (
                f"It stopped after {count} because the point {where} lies "
                f"beyond the bound {self.divergence_bound:g}: the steps "
                "grew instead of settling (a learning rate too large for "
                "this function, or no minimum to settle in)."
            )
        return (
            f"It stopped after {count} at {where} because the next point "
            "would have been too large for the computer to represent."
        )

    def _explain_cycle(self, where: str, count: str) -> str:
        period = _cycle_period(self.path)
        if period == 1:
            return (
                f"It stopped after {count} at {where} because the step had "
                "become too small to change the point in floating-point "
                "arithmetic."
            )
        return (
            f"It stopped after {count} because it came back to {where}, "
            f"where it had been {period} steps before, so it would repeat "
            "the same loop forever."
        )


def _cycle_period(path: np.ndarray) -> int:
    """How many steps back the last point was visited before."""
    last = path[-1]
    for back in range(1, min(CYCLE_MEMORY, len(path) - 1) + 1):
        if np.array_equal(path[-1 - back], last):
            return back
    return 0


def _norm(vector: np.ndarray) -> float:
    """Euclidean length, safe from overflow for huge finite entries.

    ``math.hypot`` scales internally, so it neither overflows nor warns,
    and for the short vectors of descent it is far faster than numpy.
    """
    return math.hypot(*vector.tolist())


def gradient_descent(
    gradient: Callable[[Any], Any],
    start: float | Sequence[float] | np.ndarray,
    learning_rate: float,
    *,
    rule: str = "gradient",
    function: Callable[[Any], Any] | None = None,
    max_steps: int = 1000,
    tolerance: float = 1e-8,
    noise: float = 0.0,
    seed: int | None = None,
    divergence_bound: float = 1e6,
) -> DescentResult:
    """Walk downhill from ``start`` and record every point on the way.

    rule "gradient": x_new = x - learning_rate * gradient(x)
    rule "sign":     x_new = x - learning_rate * sign(gradient(x))

    The sign rule keeps only the downhill direction of each coordinate and
    moves it by exactly ``learning_rate`` (in one variable, the article's
    step of fixed length). With ``noise`` > 0 each coordinate of each step
    gets ``noise * N(0, 1)`` added, drawn from
    ``np.random.default_rng(seed)``, so a seed repeats the same run.

    It stops when the gradient's length is at most ``tolerance`` (checked
    before each step, so a start at a minimum takes no step), when a point
    lies beyond ``divergence_bound`` (which the start must not), when the
    path returns exactly to one of its last ten points (without noise) or
    after ``max_steps`` steps. Stopping never waits for an exact zero: in
    floating point it may never come.
    """
    callable_arg("gradient", gradient)
    point = _start(start)
    learning_rate = positive_number("learning_rate", learning_rate)
    rule = one_of("rule", rule, RULES)
    if function is not None:
        callable_arg("function", function)
    max_steps = positive_int("max_steps", max_steps)
    if max_steps > MAX_STEPS:
        raise ValueError(
            f"max_steps must be at most {MAX_STEPS:,}; got {max_steps:,}"
        )
    tolerance = positive_number("tolerance", tolerance)
    noise = _noise(noise)
    rng = np.random.default_rng(_seed(seed))
    divergence_bound = positive_number("divergence_bound", divergence_bound)
    _require_within(point, divergence_bound)
    scalar = np.ndim(point) == 0
    walker = _Walker(gradient, learning_rate, rule, noise, rng, scalar)
    path, reason = walker.walk(
        np.atleast_1d(point), max_steps, tolerance, divergence_bound
    )
    return _result(path, reason, scalar, function, learning_rate, rule,
                   tolerance, divergence_bound)


def _start(start: Any) -> float | np.ndarray:
    if isinstance(start, np.ndarray) and start.ndim == 0:
        start = start.item()
    if np.ndim(start) == 0:
        return finite_number("start", start)
    return finite_array("start", start, ndim=1)


def _require_within(point: float | np.ndarray, bound: float) -> None:
    size = _norm(np.atleast_1d(point))
    if size > bound:
        raise ValueError(
            f"start must lie within divergence_bound={bound:g} of the "
            f"origin; got a start of size {size:g} (raise the bound)"
        )


def _noise(noise: Any) -> float:
    noise = finite_number("noise", noise)
    if noise < 0:
        raise ValueError(f"noise must be a number >= 0; got {noise!r}")
    return noise


def _seed(seed: Any) -> int | None:
    return None if seed is None else non_negative_int("seed", seed)


class _Walker:
    """The descent loop, with its settings held in one place."""

    def __init__(
        self,
        gradient: Callable[[Any], Any],
        learning_rate: float,
        rule: str,
        noise: float,
        rng: np.random.Generator,
        scalar: bool,
    ) -> None:
        self.gradient = gradient
        self.learning_rate = learning_rate
        self.rule = rule
        self.noise = noise
        self.rng = rng
        self.scalar = scalar

    def walk(
        self,
        start: np.ndarray,
        max_steps: int,
        tolerance: float,
        bound: float,
    ) -> tuple[list[np.ndarray], str]:
        path = [start]
        recent = deque([tuple(start.tolist())], maxlen=CYCLE_MEMORY)
        # One errstate for the whole loop: entering it costs more than a
        # step, and every overflow is caught by the finiteness checks.
        with np.errstate(all="ignore"):
            return self._loop(path, recent, max_steps, tolerance, bound)

    def _loop(self, path, recent, max_steps, tolerance, bound):
        while True:
            slope = self.slope_at(path[-1])
            if _norm(slope) <= tolerance:
                return path, "converged"
            if len(path) - 1 == max_steps:
                return path, "step limit"
            new = self.step(path[-1], slope)
            if not np.all(np.isfinite(new)):
                return path, "diverged"
            path.append(new)
            if _norm(new) > bound:
                return path, "diverged"
            if self.noise == 0 and _seen_before(new, recent):
                return path, "cycling"

    def slope_at(self, point: np.ndarray) -> np.ndarray:
        """The gradient at ``point`` as a 1-D array, checked."""
        argument = point[0] if self.scalar else point.copy()
        raw = self.gradient(argument)
        return _checked_gradient(raw, point, self.scalar)

    def step(self, point: np.ndarray, slope: np.ndarray) -> np.ndarray:
        """One move downhill; may overflow to inf, which the caller sees."""
        direction = slope if self.rule == "gradient" else np.sign(slope)
        new = point - self.learning_rate * direction
        if self.noise > 0:
            new = new + self.noise * self.rng.standard_normal(point.shape)
        return new


def _checked_gradient(
    raw: Any, point: np.ndarray, scalar: bool
) -> np.ndarray:
    try:
        slope = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        slope = None
    if slope is None or slope.shape != (() if scalar else point.shape):
        wanted = "a real number" if scalar else f"shape {point.shape}"
        _gradient_error(f"must return {wanted}", raw, point, scalar)
    if not np.all(np.isfinite(slope)):
        _gradient_error("must return finite numbers", raw, point, scalar)
    return np.atleast_1d(slope)


def _gradient_error(
    problem: str, raw: Any, point: np.ndarray, scalar: bool
) -> None:
    where = _format_point(point[0] if scalar else point, digits=6)
    raise ValueError(f"gradient {problem}; got {raw!r} at {where}")


def _seen_before(new: np.ndarray, recent: deque[tuple[float, ...]]) -> bool:
    """Whether ``new`` equals (==) a recent point; then remember it too."""
    key = tuple(new.tolist())
    if key in recent:
        return True
    recent.append(key)
    return False


def _result(
    path: list[np.ndarray],
    reason: str,
    scalar: bool,
    function: Callable[[Any], Any] | None,
    learning_rate: float,
    rule: str,
    tolerance: float,
    divergence_bound: float,
) -> DescentResult:
    points = np.array(path, dtype=float)
    if scalar:
        points = points[:, 0]
    points.flags.writeable = False
    values = None if function is None else _values(function, points)
    return DescentResult(points, values, reason, learning_rate, rule,
                         tolerance, divergence_bound)


def _values(function: Callable[[Any], Any], points: np.ndarray) -> Any:
    """f at every point of the path (inf where f overflows far out)."""
    values = np.array([_value(function, p) for p in points])
    values.flags.writeable = False
    return values


def _value(function: Callable[[Any], Any], point: Any) -> float:
    argument = point.copy() if np.ndim(point) else point
    try:
        with np.errstate(all="ignore"):
            raw = function(argument)
    except OverflowError:
        return float("inf")
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = float("nan")
    if np.isnan(value):
        raise ValueError(
            f"function must return a real number; got {raw!r} at "
            f"{_format_point(point)}"
        )
    return value


def max_stable_learning_rate(hessian: Any) -> float:
    """The largest learning rate for which descent on a bowl still settles.

    For f(x) = x^T H x / 2 + ... with H symmetric positive definite, each
    step multiplies the error along an eigenvector of H by (1 - rate * l),
    l its eigenvalue; that shrinks only if rate < 2 / l_max. For f = x^2,
    H = [[2]] and the limit is 1.
    """
    matrix = finite_array("hessian", hessian, ndim=2)
    rows, columns = matrix.shape
    if rows != columns:
        raise ValueError(
            f"hessian must be a square matrix; got shape {matrix.shape}"
        )
    if not np.allclose(matrix, matrix.T, rtol=1e-12, atol=1e-12):
        raise ValueError(f"hessian must be symmetric; got {matrix.tolist()}")
    eigenvalues = np.linalg.eigvalsh(matrix)
    if eigenvalues[0] <= 0:
        raise ValueError(
            "hessian must be positive definite (all eigenvalues > 0); "
            f"got eigenvalues {np.round(eigenvalues, 6).tolist()}"
        )
    with np.errstate(over="ignore"):
        limit = 2.0 / eigenvalues[-1]
    if not np.isfinite(limit):
        raise ValueError(
            "hessian must have a largest eigenvalue of at least "
            f"{2.0 / np.finfo(float).max:.3g}, so that 2 / it is a finite "
            f"learning rate; got {eigenvalues[-1]:.3g}"
        )
    return float(limit)


def quadratic(
    coefficients: float | Sequence[float],
) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """The bowl f(x) = sum_i c_i x_i^2 and its gradient 2 c_i x_i.

    A single number gives a function of one variable (c x^2); a sequence
    gives one of len(coefficients) variables, such as x^2 + y^2 from
    (1, 1) or the elongated x^2 + 10 y^2 from (1, 10). Both returned
    functions also accept a stack of points of shape (d, ...), e.g. a
    meshgrid, for drawing contours. A value too large for double
    precision comes back as inf, without a warning: the bowl does rise
    past every float there.
    """
    if np.ndim(coefficients) == 0:
        c = np.asarray(positive_number("coefficients", coefficients))
    else:
        c = finite_array("coefficients", coefficients, ndim=1)
        if np.any(c <= 0):
            raise ValueError(
                "coefficients must all be > 0; got "
                f"{c.tolist()}"
            )

    def function(x: Any) -> Any:
        """f(x) = sum_i c_i x_i^2."""
        with np.errstate(over="ignore"):
            terms = _broadcast(c, x) * np.asarray(x, dtype=float) ** 2
            return terms if c.ndim == 0 else terms.sum(axis=0)

    def gradient(x: Any) -> Any:
        """grad f(x) = (2 c_1 x_1, ..., 2 c_d x_d)."""
        with np.errstate(over="ignore"):
            return 2.0 * _broadcast(c, x) * np.asarray(x, dtype=float)

    return function, gradient


def _broadcast(c: np.ndarray, x: Any) -> np.ndarray:
    """Shape the coefficients to multiply a point or a stack of points."""
    x = np.asarray(x)
    if c.ndim == 0:
        return c
    if x.ndim == 0 or x.shape[0] != c.size:
        raise ValueError(
            f"x must have {c.size} coordinates along its first axis; "
            f"got shape {x.shape}"
        )
    return c.reshape((c.size,) + (1,) * (x.ndim - 1))


@dataclass(frozen=True)
class EscapeResult:
    """Where a batch of noisy descents from one start ended.

    ``escaped`` runs ended on the far side of the barrier, ``stayed`` on
    the start's side; ``diverged`` runs left the divergence bound and
    count as neither.
    """

    noise: float
    escaped: int
    stayed: int
    diverged: int

    @property
    def runs(self) -> int:
        """How many runs were made."""
        return self.escaped + self.stayed + self.diverged

    @property
    def rate(self) -> float:
        """The fraction of all runs that ended past the barrier."""
        return self.escaped / self.runs

    def __repr__(self) -> str:
        return (
            f"EscapeResult(noise={_format(self.noise, 3)}, "
            f"escaped={self.escaped}, stayed={self.stayed}, "
            f"diverged={self.diverged}, rate={_format(self.rate, 3)})"
        )


def escape_rate(
    gradient: Callable[[float], float],
    start: float,
    learning_rate: float,
    *,
    barrier: float,
    noise: float,
    runs: int = 200,
    max_steps: int = 100,
) -> EscapeResult:
    """Count how many noisy descents cross a barrier between two valleys.

    Run i is ``gradient_descent(gradient, start, learning_rate,
    noise=noise, seed=i, max_steps=max_steps)`` for i = 0 .. runs - 1, so
    every count can be reproduced one run at a time. ``barrier`` is the
    top of the hill between the start's valley and the next one: a run
    whose last point lies on the other side of it has escaped.
    """
    # Limitation: one variable only; with two or more the border between
    # valleys is a curve or a surface, not a single point.
    start = finite_number("start", start)
    barrier = finite_number("barrier", barrier)
    if start == barrier:
        raise ValueError(
            f"barrier must differ from start, so that the start lies in "
            f"one valley; got barrier={barrier!r} and start={start!r}"
        )
    runs = positive_int("runs", runs)
    side = np.sign(start - barrier)
    counts = {"escaped": 0, "stayed": 0, "diverged": 0}
    for seed in range(runs):
        result = gradient_descent(
            gradient, start, learning_rate, noise=noise, seed=seed,
            max_steps=max_steps,
        )
        counts[_ending(result, barrier, side)] += 1
    return EscapeResult(float(noise), **counts)


def _ending(result: DescentResult, barrier: float, side: float) -> str:
    """Name where one run ended: "escaped", "stayed" or "diverged"."""
    if result.reason == "diverged":
        return "diverged"
    if np.sign(result.final - barrier) == -side:
        return "escaped"
    return "stayed"
