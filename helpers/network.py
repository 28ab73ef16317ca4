"""The book's worked 3-2-2 network: forward pass, backward pass, training.

The network, with inputs i1, i2, i3, hidden neurons h1, h2 and outputs
o1, o2 (the predictions of the labels f1, f2)::

    h1 = sigmoid(w1*i1 + w2*i2 + w3*i3)      no bias
    h2 = w4*i1 + w5*i2 + w6*i3               no activation, no bias
    o1 = sigmoid(w7*h1 + w8*h2 + b1)
    o2 = sigmoid(w9*h1 + w10*h2 + b2)

The loss of one example is L = 1/2 * ((o1 - f1)^2 + (o2 - f2)^2), and the
loss of a set of examples is the sum of their losses. Parameters travel as
a dict from the names in ``PARAMETER_NAMES`` to floats.

Every batch computation is vectorised with numpy: a batch of n examples is
an (n, 3) array of inputs and an (n, 2) array of labels, and no Python
loop runs over the examples of a batch.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from helpers._checks import (
    difference_step,
    finite_array,
    finite_number,
    non_negative_int,
    one_of,
    positive_int,
    positive_number,
)
from helpers.activations import _stable_sigmoid
from helpers.losses import LOSS_CONSTANT, squared_error

PARAMETER_NAMES: tuple[str, ...] = (
    "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "b1", "b2",
)

METHODS: tuple[str, ...] = ("batch", "sgd", "minibatch")

PARAMETER_LIMIT = 1e6
"""Training stops as diverged once a parameter's size passes this."""
# Limitation: the sigmoids saturate, so a learning rate that is too large
# usually drives the loss up and then stalls it, with large but bounded
# parameters, rather than blowing up. Only non-finite values or parameters
# past PARAMETER_LIMIT count as diverged; a reader sees the rest in the
# loss curve, not in the ``diverged`` flag.

MAX_EXAMPLES = 1_000_000
"""The most examples ``make_dataset`` draws (about 100 MB of arrays)."""

GRADIENT_CHECK_FLOOR = 1e-3
"""Below this size a gradient's difference is measured against the floor.

Central differences with h = 1e-6 carry rounding noise of up to about
1e-9 on this loss; relative to a gradient much smaller than the floor
that noise would look like a disagreement when there is none.
"""

GRADIENT_FORMULAS: dict[str, str] = {
    "w1": "(d1*w7 + d2*w9) * h1*(1-h1) * i1",
    "w2": "(d1*w7 + d2*w9) * h1*(1-h1) * i2",
    "w3": "(d1*w7 + d2*w9) * h1*(1-h1) * i3",
    "w4": "(d1*w8 + d2*w10) * 1 * i1",
    "w5": "(d1*w8 + d2*w10) * 1 * i2",
    "w6": "(d1*w8 + d2*w10) * 1 * i3",
    "w7": "d1 * h1",
    "w8": "d1 * h2",
    "w9": "d2 * h1",
    "w10": "d2 * h2",
    "b1": "d1",
    "b2": "d2",
}
"""dL/d(parameter) for one example, written with the reused deltas."""

TEACHER_PARAMETERS: dict[str, float] = {
    "w1": 1.5, "w2": -1.0, "w3": 0.5, "w4": -0.5, "w5": 1.0, "w6": 1.5,
    "w7": 2.0, "w8": -1.5, "w9": -2.5, "w10": 1.0, "b1": 0.5, "b2": -0.5,
}
"""The hidden network whose outputs are the labels of ``make_dataset``."""

Parameters = dict[str, float]
Values = tuple[np.ndarray, ...]


# ----------------------------------------------------------------------
# Example numbers and data
# ----------------------------------------------------------------------


def example_parameters() -> Parameters:
    """The worked example's starting parameters: readable, mixed signs."""
    return {
        "w1": 0.15, "w2": -0.20, "w3": 0.25, "w4": 0.30,
        "w5": -0.35, "w6": 0.40, "w7": 0.45, "w8": -0.50,
        "w9": 0.55, "w10": 0.60, "b1": 0.10, "b2": -0.10,
    }


def example_inputs() -> tuple[float, float, float]:
    """The worked example's inputs (i1, i2, i3)."""
    return (1.0, 0.5, -1.0)


def example_labels() -> tuple[float, float]:
    """The worked example's labels (f1, f2)."""
    return (1.0, 0.0)


def make_dataset(
    n_examples: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A seeded task the network can learn: (inputs (n, 3), labels (n, 2)).

    Inputs are standard normal; labels are the outputs of a hidden
    "teacher" network of the same shape (``TEACHER_PARAMETERS``), so they
    lie in (0, 1) and a perfect fit exists. The same seed gives the same
    examples. At most ``MAX_EXAMPLES`` examples are drawn.
    """
    n_examples = positive_int("n_examples", n_examples)
    if n_examples > MAX_EXAMPLES:
        raise ValueError(
            f"n_examples must be at most {MAX_EXAMPLES:,} (more would not "
            f"fit in memory comfortably); got {n_examples:,}"
        )
    rng = np.random.default_rng(non_negative_int("seed", seed))
    inputs = rng.normal(size=(n_examples, 3))
    values = _forward_values(TEACHER_PARAMETERS, _columns(inputs))
    labels = np.stack([values[4], values[6]], axis=1)
    return inputs, labels


# ----------------------------------------------------------------------
# Argument checks
# ----------------------------------------------------------------------


def _check_parameters(
    parameters: object, name: str = "parameters"
) -> Parameters:
    """Return a fresh dict of the 12 named, finite parameter values."""
    if not isinstance(parameters, Mapping):
        raise TypeError(
            f"{name} must be a dict from the names "
            f"{', '.join(PARAMETER_NAMES)} to numbers; "
            f"got {type(parameters).__name__}"
        )
    missing = [key for key in PARAMETER_NAMES if key not in parameters]
    extra = sorted(
        (str(key) for key in parameters if key not in PARAMETER_NAMES)
    )
    if missing or extra:
        raise ValueError(
            f"{name} must have exactly the names "
            f"{', '.join(PARAMETER_NAMES)}; missing: "
            f"{', '.join(missing) or 'none'}; extra: "
            f"{', '.join(extra) or 'none'}"
        )
    return {
        key: finite_number(f"{name}[{key!r}]", parameters[key])
        for key in PARAMETER_NAMES
    }


def _check_inputs(inputs: object) -> tuple[np.ndarray, bool]:
    """Return inputs as an (n, 3) array and whether it was one example."""
    array = finite_array("inputs", inputs)
    if array.shape == (3,):
        return array[np.newaxis, :], True
    if array.ndim == 2 and array.shape[1] == 3:
        return array, False
    raise ValueError(
        "inputs must have shape (3,) for one example or (n, 3) for n "
        f"examples; got shape {array.shape}"
    )


def _check_data(
    inputs: object, labels: object
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Return (inputs (n, 3), labels (n, 2), one example?) checked."""
    x, single = _check_inputs(inputs)
    y = finite_array("labels", labels)
    wanted = (2,) if single else (len(x), 2)
    if y.shape != wanted:
        raise ValueError(
            f"labels must have shape {wanted} to match inputs of shape "
            f"{x.shape[1:] if single else x.shape}; got shape {y.shape}"
        )
    return x, y.reshape(-1, 2), single


def _batch_size_for(
    method: str, batch_size: object, n_examples: int
) -> int:
    """The number of examples per step that ``method`` uses."""
    fixed = {"batch": n_examples, "sgd": 1}
    if method in fixed:
        if batch_size is not None and batch_size != fixed[method]:
            raise ValueError(
                f"batch_size for method {method!r} is always "
                f"{fixed[method]}; leave it None (got {batch_size!r})"
            )
        return fixed[method]
    if batch_size is None:
        raise ValueError(
            f"method 'minibatch' needs a batch_size between 1 and "
            f"{n_examples}; got None"
        )
    size = positive_int("batch_size", batch_size)
    if size > n_examples:
        raise ValueError(
            f"batch_size must be between 1 and {n_examples} (the number "
            f"of examples); got {size}"
        )
    return size


# ----------------------------------------------------------------------
# Forward pass
# ----------------------------------------------------------------------


def _columns(x: np.ndarray) -> np.ndarray:
    """The (n, 3) inputs as a (3, n) array whose rows are i1, i2, i3.

    Each row then runs over the batch in contiguous memory, which is what
    the elementwise formulas below read fastest.
    """
    return np.ascontiguousarray(x.T)


def _targets(y: np.ndarray) -> np.ndarray:
    """The (n, 2) labels as a (2, n) array whose rows are f1, f2."""
    return np.ascontiguousarray(y.T)


def _forward_values(p: Mapping[str, object], columns: np.ndarray) -> Values:
    """(z_h1, h1, h2, z_o1, o1, z_o2, o2) with no checks.

    Works unchanged when each parameter is an array with one value per
    example, which is how ``fit_each_example_then_average`` trains one
    copy of the network per example in a single pass.
    """
    i1, i2, i3 = columns
    z_h1 = p["w1"] * i1 + p["w2"] * i2 + p["w3"] * i3
    h1 = _stable_sigmoid(z_h1)
    h2 = p["w4"] * i1 + p["w5"] * i2 + p["w6"] * i3
    z_o1 = p["w7"] * h1 + p["w8"] * h2 + p["b1"]
    o1 = _stable_sigmoid(z_o1)
    z_o2 = p["w9"] * h1 + p["w10"] * h2 + p["b2"]
    o2 = _stable_sigmoid(z_o2)
    return z_h1, h1, h2, z_o1, o1, z_o2, o2


def _quiet_forward(p: Mapping[str, object], columns: np.ndarray) -> Values:
    """``_forward_values`` with overflow left to the caller to detect."""
    with np.errstate(all="ignore"):
        return _forward_values(p, columns)


def _checked_forward(p: Parameters, columns: np.ndarray) -> Values:
    """The forward values, or a clear error if a weighted sum overflowed."""
    values = _quiet_forward(p, columns)
    if not all(np.all(np.isfinite(value)) for value in values):
        raise ValueError(
            "the weighted sums overflow: the parameters and inputs are too "
            "large for double precision"
        )
    return values


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _format_number(value: float) -> str:
    return f"{value:.6f}" if abs(value) < 1e6 else f"{value:.6g}"


@dataclass(frozen=True, eq=False)
class ForwardPass:
    """Every intermediate value of the forward pass.

    Each field is a float for one example, or an array with one entry
    per example for a batch. ``inputs`` is (3,) or (n, 3).
    """

    inputs: np.ndarray
    z_h1: float | np.ndarray
    h1: float | np.ndarray
    h2: float | np.ndarray
    z_o1: float | np.ndarray
    o1: float | np.ndarray
    z_o2: float | np.ndarray
    o2: float | np.ndarray

    @property
    def n_examples(self) -> int:
        """How many examples went through the network."""
        return 1 if self.inputs.ndim == 1 else len(self.inputs)

    def example(self, index: int = 0) -> dict[str, float]:
        """The values of one example, by name (i1 .. o2)."""
        index = _example_index(index, self.n_examples)
        row = self.inputs.reshape(-1, 3)[index]
        values = {"i1": row[0], "i2": row[1], "i3": row[2]}
        for name in ("z_h1", "h1", "h2", "z_o1", "o1", "z_o2", "o2"):
            values[name] = np.reshape(getattr(self, name), -1)[index]
        return {key: float(value) for key, value in values.items()}

    def table(self, index: int = 0) -> str:
        """A table of one example's values with the formula of each."""
        values = self.example(index)
        rows = [("quantity", "formula", "value")]
        rows += [
            (name, _FORWARD_FORMULAS[name], _format_number(values[name]))
            for name in _FORWARD_FORMULAS
        ]
        return _render(rows)

    def __repr__(self) -> str:
        if self.n_examples > 1:
            return f"ForwardPass(n_examples={self.n_examples})"
        return f"ForwardPass(o1={self.o1:.4f}, o2={self.o2:.4f})"


_FORWARD_FORMULAS: dict[str, str] = {
    "i1": "input",
    "i2": "input",
    "i3": "input",
    "z_h1": "w1*i1 + w2*i2 + w3*i3",
    "h1": "sigmoid(z_h1)",
    "h2": "w4*i1 + w5*i2 + w6*i3",
    "z_o1": "w7*h1 + w8*h2 + b1",
    "o1": "sigmoid(z_o1)",
    "z_o2": "w9*h1 + w10*h2 + b2",
    "o2": "sigmoid(z_o2)",
}


def _example_index(index: object, n_examples: int) -> int:
    """Accept an example index in [0, n_examples)."""
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise TypeError(f"index must be an integer; got {index!r}")
    if not 0 <= index < n_examples:
        raise ValueError(
            f"index must be between 0 and {n_examples - 1}; got {index}"
        )
    return int(index)


def _render(rows: list[tuple[str, ...]]) -> str:
    """Left-aligned columns, two spaces apart."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def _packed(value: np.ndarray, single: bool) -> float | np.ndarray:
    """A float for one example, a read-only array for a batch."""
    return float(value[0]) if single else _read_only(value)


def forward(parameters: Mapping[str, float], inputs: object) -> ForwardPass:
    """Run the network on one example (3,) or a batch (n, 3) of inputs."""
    p = _check_parameters(parameters)
    x, single = _check_inputs(inputs)
    columns = _columns(x)
    values = _checked_forward(p, columns)
    return _forward_pass(columns, values, single)


def _forward_pass(
    columns: np.ndarray, values: Values, single: bool
) -> ForwardPass:
    """Package the forward values; the inputs are a view of ``columns``."""
    inputs = _read_only(columns[:, 0].copy() if single else columns.T)
    return ForwardPass(inputs, *(_packed(v, single) for v in values))


def loss(
    parameters: Mapping[str, float], inputs: object, labels: object
) -> float:
    """The summed loss: L = sum over examples of 1/2 (o - f)^2 summed.

    For one example this is 1/2 * ((o1 - f1)^2 + (o2 - f2)^2); for a set
    of examples the per-example losses are added into one number, the
    function that training makes small.
    """
    p = _check_parameters(parameters)
    x, y, _ = _check_data(inputs, labels)
    values = _checked_forward(p, _columns(x))
    predictions = np.stack([values[4], values[6]])
    return squared_error(predictions, _targets(y))


def _example_losses(values: Values, targets: np.ndarray) -> np.ndarray:
    """Each example's 1/2 * ((o1 - f1)^2 + (o2 - f2)^2), unchecked."""
    with np.errstate(all="ignore"):
        return LOSS_CONSTANT * (
            (values[4] - targets[0]) ** 2 + (values[6] - targets[1]) ** 2
        )


def _summed_loss(values: Values, targets: np.ndarray) -> float:
    """The loss of the batch: the sum of its examples' losses."""
    return float(np.sum(_example_losses(values, targets)))


def _quiet_loss(
    p: Parameters, columns: np.ndarray, targets: np.ndarray
) -> float:
    """The summed loss with no checks; may be NaN if values overflow."""
    return _summed_loss(_quiet_forward(p, columns), targets)


# ----------------------------------------------------------------------
# Backward pass
# ----------------------------------------------------------------------


def _deltas(
    p: Mapping[str, object], values: Values, targets: np.ndarray
) -> Values:
    """(d1, d2, delta_h1, delta_h2): each computed once, then reused.

    d1 = (o1 - f1) o1 (1 - o1) and d2 = (o2 - f2) o2 (1 - o2) are dL/dz_o1
    and dL/dz_o2. Going one layer back, each hidden neuron collects the
    output deltas through the weights that leave it, times its own
    activation's derivative: h1*(1-h1) for the sigmoid, 1 for h2.
    """
    _, h1, _, _, o1, _, o2 = values
    f1, f2 = targets
    d1 = (o1 - f1) * o1 * (1.0 - o1)
    d2 = (o2 - f2) * o2 * (1.0 - o2)
    delta_h1 = (d1 * p["w7"] + d2 * p["w9"]) * ((1.0 - h1) * h1)
    delta_h2 = d1 * p["w8"] + d2 * p["w10"]  # times 1: h2 is linear
    return d1, d2, delta_h1, delta_h2


def _weight_factors(
    columns: np.ndarray, values: Values, deltas: Values
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each weight's gradient as two factors: dL/dw = delta * signal.

    The delta belongs to the neuron the weight feeds, the signal is what
    flows along the weight (an input or a hidden output). The biases'
    gradients are the output deltas themselves.
    """
    i1, i2, i3 = columns
    h1, h2 = values[1], values[2]
    d1, d2, delta_h1, delta_h2 = deltas
    return {
        "w1": (delta_h1, i1), "w2": (delta_h1, i2), "w3": (delta_h1, i3),
        "w4": (delta_h2, i1), "w5": (delta_h2, i2), "w6": (delta_h2, i3),
        "w7": (d1, h1), "w8": (d1, h2), "w9": (d2, h1), "w10": (d2, h2),
    }


def _gradient_terms(
    columns: np.ndarray, values: Values, deltas: Values
) -> Iterator[tuple[str, np.ndarray]]:
    """Each parameter's name with its gradient for every example.

    A generator, so that a caller who sums the terms holds only one of
    them in memory at a time.
    """
    for name, (delta, signal) in _weight_factors(
        columns, values, deltas
    ).items():
        yield name, delta * signal
    yield "b1", deltas[0]
    yield "b2", deltas[1]


def _quiet_gradients(
    p: Parameters, columns: np.ndarray, targets: np.ndarray
) -> tuple[Values, Values, Parameters]:
    """(forward values, deltas, summed gradients), overflow unchecked.

    The gradient of the summed loss is the sum of the per-example
    gradients; numpy's pairwise summation keeps its rounding error small.
    """
    with np.errstate(all="ignore"):
        values = _forward_values(p, columns)
        deltas = _deltas(p, values, targets)
        sums = _summed_gradients(columns, values, deltas)
    return values, deltas, sums


def _summed_gradients(
    columns: np.ndarray, values: Values, deltas: Values
) -> Parameters:
    """The 12 gradients summed over the batch, in one reused buffer.

    Each per-example term is written into the same scratch array and
    summed there (numpy's pairwise summation, so the rounding error stays
    near 1e-16 of the total even over 10^5 examples). Reusing the buffer
    spares a fresh allocation, and its page faults, for each of the ten
    weight terms.
    """
    factors = _weight_factors(columns, values, deltas)
    d1, d2 = deltas[0], deltas[1]
    scratch = np.empty(np.broadcast(d1, columns[0]).shape)
    sums = {}
    for name, (delta, signal) in factors.items():
        np.multiply(delta, signal, out=scratch)
        sums[name] = float(np.sum(scratch))
    sums["b1"], sums["b2"] = float(np.sum(d1)), float(np.sum(d2))
    return sums


def _all_finite(numbers_: Mapping[str, float]) -> bool:
    return all(np.isfinite(value) for value in numbers_.values())


@dataclass(frozen=True, eq=False)
class Backward:
    """The backward pass: the reused deltas and the 12 gradients.

    ``d1``, ``d2`` are the output deltas dL/dz_o1, dL/dz_o2; ``delta_h1``
    and ``delta_h2`` the hidden deltas dL/dz_h1, dL/dh2 (floats for one
    example, arrays over a batch). ``gradients`` holds dL/d(parameter)
    for all 12 names, summed over the examples. ``forward`` is the
    forward pass the deltas were built from, ``labels`` the labels.
    """

    d1: float | np.ndarray
    d2: float | np.ndarray
    delta_h1: float | np.ndarray
    delta_h2: float | np.ndarray
    gradients: Parameters
    forward: ForwardPass
    labels: np.ndarray

    @property
    def n_examples(self) -> int:
        """How many examples the gradients are summed over."""
        return self.forward.n_examples

    def table(self) -> str:
        """Each parameter, its gradient's formula and its value."""
        rows = [("parameter", "dL/d(parameter)", "value")]
        rows += [
            (name, GRADIENT_FORMULAS[name],
             _format_number(self.gradients[name]))
            for name in PARAMETER_NAMES
        ]
        return "\n".join(self._header() + [_render(rows)])

    def _header(self) -> list[str]:
        lines = [
            "d1 = (o1 - f1) * o1 * (1 - o1)",
            "d2 = (o2 - f2) * o2 * (1 - o2)",
        ]
        if self.n_examples == 1:
            lines = [
                f"{line} = {_format_number(value)}"
                for line, value in zip(lines, (self.d1, self.d2))
            ]
        else:
            lines.append(
                f"each gradient is summed over {self.n_examples} examples"
            )
        return lines

    def __repr__(self) -> str:
        if self.n_examples > 1:
            return f"Backward(n_examples={self.n_examples})"
        return f"Backward(d1={self.d1:.4f}, d2={self.d2:.4f})"


def backward(
    parameters: Mapping[str, float], inputs: object, labels: object
) -> Backward:
    """The gradient of the summed loss, built from reusable deltas.

    First the output deltas d1 = (o1 - f1) o1 (1 - o1) and d2 likewise;
    then, e.g., dL/dw7 = d1*h1, dL/db1 = d1,
    dL/dw1 = (d1*w7 + d2*w9) * h1*(1-h1) * i1,
    dL/dw4 = (d1*w8 + d2*w10) * 1 * i1 (see ``GRADIENT_FORMULAS``).
    The deltas are computed once and reused by every earlier layer:
    that reuse is what makes it back-propagation. Over a batch each
    gradient is the sum of the per-example gradients.
    """
    p = _check_parameters(parameters)
    x, y, single = _check_data(inputs, labels)
    columns, targets = _columns(x), _targets(y)
    values, deltas, gradients = _quiet_gradients(p, columns, targets)
    if not _all_finite(gradients):
        raise ValueError(
            "the gradients overflow: the parameters, inputs or labels are "
            "too large for double precision"
        )
    return Backward(
        *(_packed(delta, single) for delta in deltas),
        gradients=gradients,
        forward=_forward_pass(columns, values, single),
        labels=_read_only(targets[:, 0].copy() if single else targets.T),
    )


# ----------------------------------------------------------------------
# Gradient check
# ----------------------------------------------------------------------


def numerical_gradients(
    parameters: Mapping[str, float],
    inputs: object,
    labels: object,
    *,
    h: float = 1e-6,
) -> Parameters:
    """Central differences: dL/dw ~ (L(w + h) - L(w - h)) / (2h).

    An independent estimate of every gradient from the loss alone, with
    no calculus, against which ``backward`` is checked. The difference
    is taken example by example and then summed, so the rounding error
    of a large total loss does not swamp a small change. ``h`` is bounded
    as in ``helpers.calculus.derivative``, with |x| the largest parameter.
    """
    p = _check_parameters(parameters)
    x, y, _ = _check_data(inputs, labels)
    h = difference_step("h", h, max(abs(value) for value in p.values()))
    columns, targets = _columns(x), _targets(y)
    estimates = {}
    for name in PARAMETER_NAMES:
        above = _quiet_forward({**p, name: p[name] + h}, columns)
        below = _quiet_forward({**p, name: p[name] - h}, columns)
        with np.errstate(all="ignore"):
            change = _example_losses(above, targets) - _example_losses(
                below, targets
            )
            estimates[name] = float(np.sum(change)) / (2 * h)
    if not _all_finite(estimates):
        raise ValueError(
            "the loss overflows: the parameters, inputs or labels are "
            "too large for double precision"
        )
    return estimates


def gradient_check(
    parameters: Mapping[str, float], inputs: object, labels: object
) -> dict[str, float]:
    """Relative difference of backward vs central differences, per name.

    |a - n| / max(|a|, |n|, floor) with a from ``backward`` and n from
    ``numerical_gradients``; below ``GRADIENT_CHECK_FLOOR`` the
    difference is absolute. Values below about 1e-6 mean the two agree;
    a wrong formula shows up as a value near 1.
    """
    analytic = backward(parameters, inputs, labels).gradients
    numeric = numerical_gradients(parameters, inputs, labels)
    return {
        name: abs(analytic[name] - numeric[name])
        / max(abs(analytic[name]), abs(numeric[name]), GRADIENT_CHECK_FLOOR)
        for name in PARAMETER_NAMES
    }


# ----------------------------------------------------------------------
# Descent
# ----------------------------------------------------------------------


def step(
    parameters: Mapping[str, float],
    gradients: Mapping[str, float],
    learning_rate: float,
) -> Parameters:
    """One gradient-descent step: w_new = w - learning_rate * dL/dw.

    Returns a new dict; the parameters passed in are left as they were.
    """
    p = _check_parameters(parameters)
    g = _check_parameters(gradients, "gradients")
    learning_rate = positive_number("learning_rate", learning_rate)
    moved = {name: p[name] - learning_rate * g[name] for name in p}
    if not _all_finite(moved):
        raise ValueError(
            f"the step overflows: learning_rate {learning_rate!r} times "
            "these gradients is too large for double precision"
        )
    return moved


def _within_limit(p: Mapping[str, object]) -> bool:
    """True while every parameter is finite and below PARAMETER_LIMIT."""
    return all(
        np.all(np.abs(value) <= PARAMETER_LIMIT) for value in p.values()
    )


def _mean_gradient_step(
    p: Parameters,
    columns: np.ndarray,
    targets: np.ndarray,
    learning_rate: float,
) -> tuple[Parameters | None, float]:
    """(new parameters or None if diverged, mean loss of the batch).

    The step uses the mean gradient over the batch; the loss is the
    batch's mean loss per example, measured before the step.
    """
    values, _, sums = _quiet_gradients(p, columns, targets)
    m = targets.shape[1]
    batch_loss = _summed_loss(values, targets) / m
    moved = {k: p[k] - learning_rate * sums[k] / m for k in p}
    if not (_all_finite(sums) and _within_limit(moved)):
        return None, batch_loss
    return moved, batch_loss


@dataclass(frozen=True)
class TrainingResult:
    """What training returns: final parameters and the loss history.

    ``epoch_losses[k]`` is the summed loss over the whole training set
    after k epochs (``epoch_losses[0]`` is before training).
    ``step_losses`` holds, for every step, the mean loss per example of
    the batch that step used, measured just before the step; a mean, so
    that steps on batches of different sizes share one scale.
    ``reason`` is "completed" or "diverged"; on divergence training stops
    mid-epoch, ``epoch_losses`` ends with the last finished epoch and
    ``parameters`` are the last ones still within bounds.
    """

    parameters: Parameters
    epoch_losses: tuple[float, ...]
    step_losses: tuple[float, ...]
    method: str
    learning_rate: float
    batch_size: int
    diverged: bool
    reason: str

    @property
    def epochs_completed(self) -> int:
        """How many full epochs ran."""
        return len(self.epoch_losses) - 1

    def __repr__(self) -> str:
        return (
            f"TrainingResult(method={self.method!r}, "
            f"learning_rate={self.learning_rate:g}, "
            f"batch_size={self.batch_size}, "
            f"epochs={self.epochs_completed}, "
            f"loss {self.epoch_losses[0]:.4g} -> "
            f"{self.epoch_losses[-1]:.4g}, reason={self.reason!r})"
        )


def _epoch(
    p: Parameters,
    columns: np.ndarray,
    targets: np.ndarray,
    order: np.ndarray,
    batch_size: int,
    learning_rate: float,
) -> tuple[Parameters | None, list[float]]:
    """One pass over the examples in ``order``; None if it diverged."""
    step_losses = []
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        p, batch_loss = _mean_gradient_step(
            p, columns[:, rows], targets[:, rows], learning_rate
        )
        if p is None:
            return None, step_losses
        step_losses.append(batch_loss)
    return p, step_losses


def train(
    parameters: Mapping[str, float],
    inputs: object,
    labels: object,
    *,
    learning_rate: float,
    epochs: int,
    method: str = "batch",
    batch_size: int | None = None,
    seed: int = 0,
) -> TrainingResult:
    """Gradient descent on the summed loss, for a number of epochs.

    ``method`` "batch" takes one step per epoch on all n examples; "sgd"
    one step per example (batch size 1), "minibatch" one step per
    ``batch_size`` examples (the last batch of an epoch may be smaller).
    sgd and minibatch shuffle the examples each epoch with ``seed``.

    Each step follows the *mean* gradient over its batch, that is the
    gradient of the summed loss scaled by 1/batch size. Scaling does not
    move the minimiser, and it lets one learning rate mean the same
    step length whatever the batch size.
    """
    p = _check_parameters(parameters)
    x, y, _ = _check_data(inputs, labels)
    learning_rate = positive_number("learning_rate", learning_rate)
    epochs = positive_int("epochs", epochs)
    method = one_of("method", method, METHODS)
    size = _batch_size_for(method, batch_size, len(x))
    rng = np.random.default_rng(non_negative_int("seed", seed))

    columns, targets = _columns(x), _targets(y)
    epoch_losses = [_quiet_loss(p, columns, targets)]
    step_losses: list[float] = []
    for _ in range(epochs):
        order = np.arange(len(x))
        if method != "batch":
            order = rng.permutation(len(x))
        moved, losses = _epoch(
            p, columns, targets, order, size, learning_rate
        )
        step_losses += losses
        if moved is None:
            break
        p = moved
        epoch_losses.append(_quiet_loss(p, columns, targets))

    diverged = moved is None
    return TrainingResult(
        parameters=p,
        epoch_losses=tuple(epoch_losses),
        step_losses=tuple(step_losses),
        method=method,
        learning_rate=learning_rate,
        batch_size=size,
        diverged=diverged,
        reason="diverged" if diverged else "completed",
    )


def fit_each_example_then_average(
    parameters: Mapping[str, float],
    inputs: object,
    labels: object,
    *,
    learning_rate: float,
    epochs: int,
) -> Parameters:
    """Train one copy per example on that example alone, then average.

    The tempting first idea for many examples, and not what training
    does: each copy is pulled to values that suit its own example only,
    and the average of those is in general not a minimiser of the summed
    loss. After a single step the average equals one batch step (the
    mean gradient); from then on each copy follows the gradient at its
    own point and the two drift apart.
    """
    p = _check_parameters(parameters)
    x, y, _ = _check_data(inputs, labels)
    learning_rate = positive_number("learning_rate", learning_rate)
    epochs = positive_int("epochs", epochs)

    columns, targets = _columns(x), _targets(y)
    copies = {name: np.full(len(x), value) for name, value in p.items()}
    for _ in range(epochs):
        with np.errstate(all="ignore"):
            values = _forward_values(copies, columns)
            deltas = _deltas(copies, values, targets)
            copies = {
                name: copies[name] - learning_rate * term
                for name, term in _gradient_terms(columns, values, deltas)
            }
        if not _within_limit(copies):
            raise ValueError(
                f"training a copy on its own example diverged with "
                f"learning_rate {learning_rate!r}; use a smaller one"
            )
    return {name: float(np.mean(copies[name])) for name in PARAMETER_NAMES}
