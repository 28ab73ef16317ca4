"""Time from a slider value change to a new image, live in a Jupyter kernel.

Compares the book's slider figures (cached background, only the changing
artists redrawn, PNG into an ``ipywidgets.Image``) with the usual approach
(``ipywidgets.interactive`` redrawing a whole pyplot figure with the inline
backend into an Output widget), on the same 1-D and 2-D descent problems.

Runs inside a real ``python3`` kernel (via nbclient), so the inline backend
and widget callbacks behave as they do for a reader.

Usage: python benchmarks/slider_latency.py [--repeats 200]
"""

from __future__ import annotations

import argparse
import json

import nbformat
from nbclient import NotebookClient

KERNEL_CODE = r'''
import json, time
import numpy as np
import matplotlib.pyplot as plt
import ipywidgets
from helpers import sliders
from helpers.descent import gradient_descent

REPEATS = {repeats}
rates = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.0, 1.05]
starts = [-1.5, -1.0, -0.5, 0.5, 1.0, 1.5]
f1 = lambda x: x**2
g1 = lambda x: 2 * x
f2 = lambda p: p[0]**2 + 10 * p[1]**2
g2 = lambda p: np.array([2 * p[0], 20 * p[1]])
rates2 = [0.01, 0.03, 0.05, 0.07, 0.09, 0.095, 0.1, 0.105]
grid2 = [-5.0, -3.0, -1.0, 1.0, 3.0, 5.0]

def time_changes(slider, values):
    times = []
    for k in range(REPEATS):
        value = values[k % len(values)]
        if slider.value == value:
            value = values[(k + 1) % len(values)]
        start = time.perf_counter()
        slider.value = value
        times.append(time.perf_counter() - start)
    return times

def book_1d():
    fig = sliders.descent_1d(f1, g1, learning_rates=rates, starts=starts,
                             x_range=(-2, 2), description="x^2")
    box = fig.widget()
    return time_changes(box.children[1], rates)

def book_2d():
    fig = sliders.descent_2d(f2, g2, learning_rates=rates2,
                             starts_x=grid2, starts_y=grid2,
                             description="bowl")
    box = fig.widget()
    return time_changes(box.children[1], rates2)

def baseline_1d():
    xs = np.linspace(-2, 2, 400)
    def draw(learning_rate, start):
        r = gradient_descent(g1, start, learning_rate, function=f1)
        path = np.clip(r.path[:41], -2, 2)
        plt.figure(figsize=(6.4, 3.4))
        plt.plot(xs, f1(xs), color="0.35")
        plt.plot(path, f1(path), "-o", color="C1", ms=4)
        plt.ylim(-0.3, 4.3)
        plt.show()
    w = ipywidgets.interactive(
        draw, learning_rate=ipywidgets.SelectionSlider(options=rates),
        start=ipywidgets.SelectionSlider(options=starts))
    return time_changes(w.children[0], rates)

def baseline_2d():
    xs = np.linspace(-6, 6, 121)
    X, Y = np.meshgrid(xs, xs)
    Z = X**2 + 10 * Y**2
    def draw(learning_rate, start_x, start_y):
        r = gradient_descent(g2, np.array([start_x, start_y]),
                             learning_rate)
        path = np.clip(r.path[:61], -6, 6)
        plt.figure(figsize=(5.6, 4.6))
        plt.contour(xs, xs, Z, levels=12)
        plt.plot(path[:, 0], path[:, 1], "-o", color="C3", ms=3.5)
        plt.show()
    w = ipywidgets.interactive(
        draw, learning_rate=ipywidgets.SelectionSlider(options=rates2),
        start_x=ipywidgets.SelectionSlider(options=grid2),
        start_y=ipywidgets.SelectionSlider(options=grid2))
    return time_changes(w.children[0], rates2)

%matplotlib inline
results = {{}}
for name, run in [("book 1-D", book_1d), ("book 2-D", book_2d),
                  ("interact 1-D", baseline_1d),
                  ("interact 2-D", baseline_2d)]:
    ms = np.array(run()) * 1000
    results[name] = [float(np.median(ms)), float(np.percentile(ms, 90))]
plt.close("all")
print("RESULTS" + json.dumps(results))
'''


def run(repeats: int) -> dict:
    """Execute the timing code in a fresh kernel and return its results."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(KERNEL_CODE.format(repeats=repeats))
    ]
    NotebookClient(notebook, timeout=1800, kernel_name="python3").execute()
    for output in notebook.cells[0].outputs:
        text = output.get("text", "")
        if "RESULTS" in text:
            return json.loads(text.split("RESULTS", 1)[1])
    raise RuntimeError("the kernel printed no results")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    results = run(args.repeats)
    print(f"{'figure':<14} {'median ms':>10} {'p90 ms':>8}   "
          f"({args.repeats} value changes each)")
    for name, (median, p90) in results.items():
        print(f"{name:<14} {median:>10.1f} {p90:>8.1f}")


if __name__ == "__main__":
    main()
