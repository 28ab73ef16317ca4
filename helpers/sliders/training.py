"""Slider figure for training the worked network: learning rate x batch size.

Every slider position is one full training run of the 3-2-2 network from
``helpers.network``, from the same starting parameters and with the same
seeded shuffling, so the figure is identical on every execution. All runs
are computed once, when the figure is built; moving a slider only looks
the run up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from helpers import _checks
from helpers.network import TrainingResult, loss, train
from helpers.sliders.core import SliderFigure, control

DEFAULT_LEARNING_RATES: tuple[float, ...] = (
    0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0,
)
"""Eight learning rates, each about three times the one before."""

DEFAULT_EPOCHS = 20

MAX_UPDATES = 200_000
"""The most parameter updates all slider positions may take together."""
# Limitation: each update is one small numpy step (about 0.1 ms here), so
# this cap keeps building the figure to roughly 20 s at worst. A reader who
# wants more epochs or examples must drop some slider positions.

LOSS_FLOOR = 1e-12
"""Losses are drawn no lower than this, so the log axis never meets 0."""


# ----------------------------------------------------------------------
# One training run
# ----------------------------------------------------------------------


def method_for(batch_size: int, n_examples: int) -> str:
    """The name of the method a batch size means for n examples.

    Batch size 1 is stochastic gradient descent ("sgd"), batch size n is
    full-batch gradient descent ("batch"), anything between is
    "minibatch".
    """
    batch_size = _checks.positive_int("batch_size", batch_size)
    n_examples = _checks.positive_int("n_examples", n_examples)
    if batch_size > n_examples:
        raise ValueError(
            f"batch_size must be between 1 and {n_examples} (the number "
            f"of examples); got {batch_size}"
        )
    if batch_size == n_examples:
        return "batch"
    return "sgd" if batch_size == 1 else "minibatch"


def updates_per_epoch(batch_size: int, n_examples: int) -> int:
    """Parameter updates in one epoch: ceil(n_examples / batch_size).

    The last batch of an epoch may be smaller than the others; it still
    makes one update.
    """
    method_for(batch_size, n_examples)
    return math.ceil(n_examples / batch_size)


def run_training(
    parameters: Mapping[str, float],
    inputs: object,
    labels: object,
    *,
    learning_rate: float,
    batch_size: int,
    epochs: int,
    seed: int = 0,
) -> TrainingResult:
    """Train the worked network with one learning rate and batch size.

    A thin wrapper over ``helpers.network.train`` that picks the method
    from the batch size (see :func:`method_for`).
    """
    n_examples = len(_two_dimensional("inputs", inputs))
    method = method_for(batch_size, n_examples)
    return train(
        parameters, inputs, labels,
        learning_rate=learning_rate, epochs=epochs, method=method,
        batch_size=batch_size if method == "minibatch" else None,
        seed=seed,
    )


def has_diverged(result: TrainingResult) -> bool:
    """True if training blew up or ended with a larger loss than it began.

    ``helpers.network.train`` reports a run as diverged only when a
    parameter becomes huge or non-finite. With sigmoid outputs a too-large
    learning rate more often throws the outputs into saturation, where the
    loss jumps up and then barely moves. For the reader both are the same
    failure, so both count here.
    """
    _require_result(result)
    losses = result.epoch_losses
    return result.diverged or losses[-1] > losses[0]


def describe_training(result: TrainingResult) -> str:
    """One status line: the final loss, or how the run diverged."""
    _require_result(result)
    losses = result.epoch_losses
    if result.diverged:
        return (
            f"diverged: a parameter left the bound in epoch "
            f"{result.epochs_completed + 1}"
        )
    if has_diverged(result):
        return (
            f"diverged: the loss rose from {losses[0]:.3g} "
            f"to {losses[-1]:.3g}"
        )
    return (
        f"final loss {losses[-1]:.3g} after {result.epochs_completed} "
        f"epochs (from {losses[0]:.3g})"
    )


def _require_result(result: object) -> None:
    if not isinstance(result, TrainingResult):
        raise TypeError(
            "result must be the TrainingResult of a training run (from "
            f"run_training or network.train); got {type(result).__name__}"
        )


# ----------------------------------------------------------------------
# The slider figure
# ----------------------------------------------------------------------


class _TrainingScene:
    """Loss per epoch of the run chosen by the sliders, over a reference.

    All runs are passed in already computed, keyed by (learning rate,
    batch size); ``update`` only moves the curve.
    """

    def __init__(
        self,
        runs: dict[tuple[float, int], TrainingResult],
        reference: tuple[float, int],
        n_examples: int,
        epochs: int,
    ) -> None:
        from helpers.figures import new_figure

        self.runs = runs
        self.n_examples = n_examples
        self.figure = new_figure(7.6, 3.6)
        ax = self.figure.add_subplot()
        self._draw_fixed(ax, runs[reference], reference, epochs)
        self.curve, = ax.plot([], [], "-", color="C0", lw=2,
                              label="this setting")
        self.diverged_curve, = ax.plot([], [], "-", color="C3", lw=2,
                                       label="this setting (diverged)")
        self.end_dot, = ax.plot([], [], "o", color="0.15", ms=5,
                                zorder=5)
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0),
                  fontsize=8, frameon=False)
        self.animated = [self.curve, self.diverged_curve, self.end_dot]

    def _draw_fixed(self, ax, reference_run, reference, epochs) -> None:
        """Axes, the start-loss line and the faint reference curve."""
        from matplotlib.ticker import MaxNLocator

        start = reference_run.epoch_losses[0]
        low, high = _loss_range(self.runs.values())
        ax.set_yscale("log")
        ax.set_xlim(0, epochs)
        ax.set_ylim(low, high)
        ax.axhline(start, color="0.45", ls=":", lw=1,
                   label="loss before training")
        learning_rate, batch_size = reference
        ax.plot(*_curve(reference_run), color="0.6", lw=4, alpha=0.35,
                label=f"reference: batch size {batch_size},\n"
                      f"learning rate {learning_rate:g}")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("epoch")
        ax.set_ylabel(f"loss summed over {self.n_examples} examples")
        ax.grid(alpha=0.3, which="both")

    def update(self, learning_rate: float, batch_size: int) -> str:
        result = self.runs[(learning_rate, batch_size)]
        xs, ys = _curve(result)
        shown, hidden = self.curve, self.diverged_curve
        if has_diverged(result):
            shown, hidden = hidden, shown
        shown.set_data(xs, ys)
        hidden.set_data([], [])
        self.end_dot.set_data(xs[-1:], ys[-1:])
        updates = updates_per_epoch(batch_size, self.n_examples)
        plural = "" if updates == 1 else "s"
        return (
            f"batch size {batch_size} ({result.method}, {updates} "
            f"update{plural} per epoch), learning rate {learning_rate:g}: "
            + describe_training(result)
        )


def _curve(result: TrainingResult) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, losses) of a run, losses kept above ``LOSS_FLOOR``."""
    losses = np.maximum(np.asarray(result.epoch_losses), LOSS_FLOOR)
    return np.arange(len(losses), dtype=float), losses


def _loss_range(runs) -> tuple[float, float]:
    """Log-axis limits that hold every run's losses with some margin."""
    losses = np.concatenate([_curve(run)[1] for run in runs])
    return float(losses.min()) / 1.5, float(losses.max()) * 1.5


def training_explorer(
    inputs: object,
    labels: object,
    parameters: Mapping[str, float],
    *,
    learning_rates: Sequence[float] = DEFAULT_LEARNING_RATES,
    batch_sizes: Sequence[int] | None = None,
    epochs: int = DEFAULT_EPOCHS,
    seed: int = 0,
    initial: Mapping[str, Any] | None = None,
    description: str = "training loss for a learning rate and batch size",
) -> SliderFigure:
    """Sliders for batch size and learning rate over the training curve.

    Each position trains the worked network from ``parameters`` for
    ``epochs`` epochs on all the examples and draws the summed loss after
    every epoch; the run at ``initial`` stays behind as a faint reference.
    ``batch_sizes`` defaults to 1, 2, 4, ... up to the number of examples;
    ``initial`` may name the starting ``batch_size`` and
    ``learning_rate`` (default: the first batch size and the middle
    learning rate).
    The same ``seed`` shuffles the examples for every run, so the figure
    is the same each time it is built.
    """
    start_loss = loss(parameters, inputs, labels)
    n_examples = len(_two_dimensional("inputs", inputs))
    rates = _learning_rates(learning_rates)
    sizes = _batch_sizes(batch_sizes, n_examples)
    epochs = _checks.positive_int("epochs", epochs)
    seed = _checks.non_negative_int("seed", seed)
    _check_cost(sizes, len(rates), n_examples, epochs)
    initial = _checks.named_values("initial", initial,
                                   ("batch_size", "learning_rate"))
    controls = [
        control("batch_size", "batch size", sizes,
                initial.get("batch_size", sizes[0])),
        control("learning_rate", "learning rate", rates,
                initial.get("learning_rate", rates[len(rates) // 2])),
    ]
    runs = {
        (rate, size): run_training(
            parameters, inputs, labels, learning_rate=rate,
            batch_size=size, epochs=epochs, seed=seed,
        )
        for rate in rates for size in sizes
    }
    reference = (controls[1].initial, controls[0].initial)
    scene = _TrainingScene(runs, reference, n_examples, epochs)
    alt = (
        f"Loss of the worked network over {epochs} epochs on "
        f"{n_examples} examples, on a log scale, starting from "
        f"{start_loss:.3g}; the curve for the chosen batch size and "
        "learning rate is drawn over a faint reference curve."
    )
    return SliderFigure(scene, controls, description=description, alt=alt)


# ----------------------------------------------------------------------
# Argument checks
# ----------------------------------------------------------------------


def _two_dimensional(name: str, value: object) -> np.ndarray:
    """The examples as an (n, 3) array; one example (3,) becomes (1, 3)."""
    array = _checks.finite_array(name, value)
    return array.reshape(1, -1) if array.ndim == 1 else array


def _learning_rates(values: Sequence[float]) -> list[float]:
    array = _checks.finite_array("learning_rates", values, ndim=1)
    if np.any(array <= 0):
        raise ValueError(
            f"learning_rates must all be > 0; got {list(values)}"
        )
    return [float(v) for v in array]


def _batch_sizes(values: Sequence[int] | None, n_examples: int) -> list:
    """Check the batch sizes, or make 1, 2, 4, ... up to n_examples."""
    if values is None:
        sizes = [2**k for k in range(n_examples.bit_length())]
        return sizes + ([n_examples] if sizes[-1] != n_examples else [])
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(
            f"batch_sizes must be a sequence of positive integers; got "
            f"{values!r}"
        )
    values = list(values)
    if len(values) < 2:
        raise ValueError(
            "batch_sizes must hold at least 2 sizes, one for each slider "
            f"position; got {values!r}"
        )
    sizes = [
        _checks.positive_int(f"batch_sizes[{k}]", size)
        for k, size in enumerate(values)
    ]
    for size in sizes:
        if size > n_examples:
            raise ValueError(
                f"batch_sizes must lie between 1 and {n_examples} (the "
                f"number of examples); got {size}"
            )
    return sizes


def _check_cost(
    sizes: list[int], n_rates: int, n_examples: int, epochs: int
) -> None:
    """Refuse a grid whose runs would take more than ``MAX_UPDATES``."""
    per_rate = sum(updates_per_epoch(s, n_examples) for s in sizes)
    total = per_rate * n_rates * epochs
    if total > MAX_UPDATES:
        raise ValueError(
            f"these sliders would need {total} parameter updates in all "
            f"(epochs={epochs}, {n_rates} learning rates, batch sizes "
            f"{sizes}); at most {MAX_UPDATES} are allowed: use fewer "
            "epochs, learning rates or small batch sizes"
        )
