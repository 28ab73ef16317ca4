"""Static figures: they draw what they are given and describe themselves."""

import numpy as np
import pytest

from helpers import figures, plotting


def square(x):
    return x**2


def test_png_output_is_deterministic():
    first = plotting.curve_with_path(square, [1.0, 0.5, 0.0])
    second = plotting.curve_with_path(square, [1.0, 0.5, 0.0])
    assert figures.png_bytes(first.figure) == figures.png_bytes(
        second.figure)
    assert first._repr_html_() == second._repr_html_()


def test_plot_html_has_alt_text_and_plain_text():
    plot = plotting.curve_with_path(square, [1.0, 0.0], title="of x^2")
    bundle = plot._repr_mimebundle_()
    assert 'alt="Curve of x^2' in bundle["text/html"]
    assert bundle["text/plain"].startswith("Plot(")
    assert "<img" in bundle["text/html"]


def test_curve_path_points_are_drawn():
    plot = plotting.curve_with_path(square, [1.0, 0.5, 0.0])
    lines = plot.figure.axes[0].get_lines()
    path_line = lines[1]
    np.testing.assert_allclose(path_line.get_xdata(), [1.0, 0.5, 0.0])
    np.testing.assert_allclose(path_line.get_ydata(), [1.0, 0.25, 0.0])


def test_contour_with_path_checks_path_shape():
    def bowl(p):
        return p[0] ** 2 + p[1] ** 2

    plot = plotting.contour_with_path(bowl, [[-5, -5], [0, 0]])
    assert "2 points" in plot.alt
    with pytest.raises(ValueError, match=r"path must have shape"):
        plotting.contour_with_path(bowl, [1.0, 2.0, 3.0])


def test_network_diagram_labels_every_parameter():
    names = [f"w{k}" for k in range(1, 11)] + ["b1", "b2"]
    parameters = {name: 0.25 for name in names}
    plot = plotting.network_diagram(parameters)
    texts = {t.get_text() for t in plot.figure.axes[0].texts}
    for name in names:
        assert f"{name}=0.25" in texts


def test_line_chart_rejects_empty_and_non_finite():
    with pytest.raises(ValueError, match="at least one"):
        plotting.line_chart({})
    with pytest.raises(ValueError, match="finite"):
        plotting.line_chart({"loss": [1.0, float("nan")]})


def test_bad_ranges_are_named():
    with pytest.raises(ValueError, match=r"x_range must be \(low, high\)"):
        plotting.curve_with_path(square, x_range=(1, -1))
    with pytest.raises(TypeError, match="function must be a function"):
        plotting.curve_with_path("x**2")


def test_plot_requires_alt_text():
    with pytest.raises(ValueError, match="alt must describe"):
        figures.Plot(figures.new_figure(), "  ")
