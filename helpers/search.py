"""Probing search: find a low point of f(x) by stepping left and right.

The simplest idea of "going downhill" without any calculus: look one step
to the right; if it is lower, go there and keep going; if not, look one
step to the left instead. Every probe is recorded with its verdict so the
chapter can replay the search one probe at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers._checks import (
    callable_arg,
    finite_number,
    function_value,
    positive_int,
    positive_number,
)

VERDICTS = ("accepted", "rejected")
SEARCH_REASONS = ("no lower neighbour", "probe limit")


def _format(value: float) -> str:
    """Six significant digits; -0 printed as 0."""
    return f"{float(value) + 0.0:.6g}"


@dataclass(frozen=True)
class Probe:
    """One look at f: where, what f was there, and whether we moved."""

    x: float
    value: float
    verdict: str

    def __repr__(self) -> str:
        return (
            f"Probe(x={_format(self.x)}, value={_format(self.value)}, "
            f"verdict={self.verdict!r})"
        )


@dataclass(frozen=True)
class SearchResult:
    """Every probe of a probing search, where it ended and why."""

    probes: tuple[Probe, ...]
    minimum: float
    reason: str
    start: float | None = None
    start_value: float | None = None

    @property
    def path(self) -> tuple[float, ...]:
        """The points the search stood on: the start, then each move."""
        moves = tuple(p.x for p in self.probes if p.verdict == "accepted")
        return moves if self.start is None else (self.start, *moves)

    def __repr__(self) -> str:
        return (
            f"SearchResult(minimum={_format(self.minimum)}, "
            f"probes={len(self.probes)}, reason={self.reason!r})"
        )

    def table(self) -> str:
        """The probes as a plain-text table, one line each."""
        lines = [f"{'probe':>5}  {'x':>10}  {'f(x)':>12}  verdict"]
        if self.start is not None and self.start_value is not None:
            lines.append(
                f"{'start':>5}  {_format(self.start):>10}  "
                f"{_format(self.start_value):>12}"
            )
        for number, probe in enumerate(self.probes, start=1):
            lines.append(
                f"{number:>5}  {_format(probe.x):>10}  "
                f"{_format(probe.value):>12}  {probe.verdict}"
            )
        return "\n".join(lines)


def probing_search(
    function: Callable[[float], float],
    start: float,
    step: float,
    *,
    max_probes: int = 1000,
) -> SearchResult:
    """Step along the grid start + k * step while f keeps going down.

    First probe x + step. If f is lower there, move and keep probing to
    the right; if not, reject it and probe x - step, moving left while f
    keeps going down. Stop at a point whose next probe is not lower once
    the other side is known not to be lower either (at the start: both
    neighbours rejected; after a move: the point we came from is higher).

    The search only ever sees grid points, so it lands on a grid point
    next to the minimum (within step / 2 of it for a symmetric bowl), and
    it stops in the first dip it meets, which may be only a local minimum.
    ``step`` must be large enough to move ``start`` in floating point.
    """
    callable_arg("function", function)
    start = finite_number("start", start)
    step = _step(positive_number("step", step), start)
    max_probes = positive_int("max_probes", max_probes)
    start_value = function_value(function, start)
    probes: list[Probe] = []
    index, value, direction = 0, start_value, 1
    while len(probes) < max_probes:
        x = _grid_point(start, step, index + direction)
        candidate = function_value(function, x)
        if candidate < value:
            probes.append(Probe(x, candidate, "accepted"))
            index, value = index + direction, candidate
            continue
        probes.append(Probe(x, candidate, "rejected"))
        if len(probes) > 1:
            return _result(probes, start, step, index, "no lower neighbour",
                           start_value)
        direction = -1
    return _result(probes, start, step, index, "probe limit", start_value)


def _step(step: float, start: float) -> float:
    """Refuse a step that rounds away: start + step == start."""
    if start + step == start or start - step == start:
        raise ValueError(
            f"step must be large enough to move start={start:g} in "
            f"floating point (at least {np.spacing(abs(start)):.2g}, the "
            f"gap between neighbouring floats there); got {step:g}"
        )
    return step


def _grid_point(start: float, step: float, index: int) -> float:
    """start + index * step, computed afresh so rounding never piles up."""
    x = start + index * step
    if not np.isfinite(x):
        raise ValueError(
            f"the probes ran past the largest float (start={start}, "
            f"step={step}); the function keeps falling that way"
        )
    return x


def _result(
    probes: list[Probe],
    start: float,
    step: float,
    index: int,
    reason: str,
    start_value: float,
) -> SearchResult:
    minimum = _grid_point(start, step, index)
    return SearchResult(tuple(probes), minimum, reason, start, start_value)
