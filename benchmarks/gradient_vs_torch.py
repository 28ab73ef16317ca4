"""Time helpers.network.backward against torch autograd on the same data.

For n = 1e3, 1e4 and 1e5 seeded examples (``make_dataset``), both compute
the 12 gradients of the summed loss of the worked 3-2-2 network, in
float64, at the same parameters (``example_parameters``). The table shows
the median time of 31 alternating repeats, the ratio helpers / torch (below 1
means helpers is faster) and the largest absolute difference between the
two sets of gradients.

torch is needed for this script only: pip install torch==2.13.0

Run from the repository's root: python benchmarks/gradient_vs_torch.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from helpers import network  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
REPEATS = 31
SEED = 0
TARGET_DIFFERENCE = 1e-12


def import_torch():
    """Return the torch module, or exit with a message if it is missing."""
    try:
        import torch
    except ImportError:
        sys.exit(
            "torch is not installed; this benchmark needs it "
            "(pip install torch==2.13.0). The book itself does not."
        )
    return torch


def torch_gradients(torch, parameters, columns, labels):
    """The 12 gradients of the summed loss through torch autograd."""
    p = {
        name: torch.tensor(value, dtype=torch.float64, requires_grad=True)
        for name, value in parameters.items()
    }
    i1, i2, i3 = columns
    f1, f2 = labels
    h1 = torch.sigmoid(p["w1"] * i1 + p["w2"] * i2 + p["w3"] * i3)
    h2 = p["w4"] * i1 + p["w5"] * i2 + p["w6"] * i3
    o1 = torch.sigmoid(p["w7"] * h1 + p["w8"] * h2 + p["b1"])
    o2 = torch.sigmoid(p["w9"] * h1 + p["w10"] * h2 + p["b2"])
    loss = 0.5 * (((o1 - f1) ** 2).sum() + ((o2 - f2) ** 2).sum())
    loss.backward()
    return {name: p[name].grad.item() for name in network.PARAMETER_NAMES}


def paired_medians(
    first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    """Median wall times of two functions, run in alternation.

    Alternating means both see the same state of a shared machine, so
    a busy moment slows both rather than one; one warm-up call each.
    """
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(REPEATS):
        for function, record in zip((first, second), times):
            start = time.perf_counter()
            function()
            record.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def measure(torch, n_examples: int) -> tuple[float, float, float]:
    """(helpers seconds, torch seconds, max |gradient difference|)."""
    parameters = network.example_parameters()
    inputs, labels = network.make_dataset(n_examples, seed=SEED)
    columns = torch.from_numpy(np.ascontiguousarray(inputs.T)).unbind(0)
    targets = torch.from_numpy(np.ascontiguousarray(labels.T)).unbind(0)

    ours = network.backward(parameters, inputs, labels).gradients
    theirs = torch_gradients(torch, parameters, columns, targets)
    difference = max(abs(ours[k] - theirs[k]) for k in ours)

    helpers_time, torch_time = paired_medians(
        lambda: network.backward(parameters, inputs, labels),
        lambda: torch_gradients(torch, parameters, columns, targets),
    )
    return helpers_time, torch_time, difference


def main() -> int:
    torch = import_torch()
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} thread(s); "
        f"numpy {np.__version__}; median of {REPEATS} repeats"
    )
    header = (
        f"{'n':>8}  {'helpers (ms)':>12}  {'torch (ms)':>10}  "
        f"{'ratio':>6}  {'max |diff|':>10}"
    )
    print(header)
    worst = 0.0
    for n_examples in SIZES:
        ours, theirs, difference = measure(torch, n_examples)
        worst = max(worst, difference)
        print(
            f"{n_examples:>8}  {ours * 1e3:>12.3f}  {theirs * 1e3:>10.3f}  "
            f"{ours / theirs:>6.2f}  {difference:>10.2e}"
        )
    verdict = "within" if worst <= TARGET_DIFFERENCE else "OUTSIDE"
    print(f"largest difference {worst:.2e}: {verdict} {TARGET_DIFFERENCE}")
    return 0 if worst <= TARGET_DIFFERENCE else 1


if __name__ == "__main__":
    sys.exit(main())
