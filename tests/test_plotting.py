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


# ------------------------------------------------------------ bad input


def bowl(p):
    return p[0] ** 2 + p[1] ** 2


def test_curve_that_is_not_finite_over_the_range_is_named():
    with pytest.raises(ValueError, match=r"function must be finite over "
                                         r"x_range=\(-1, 1\); got nan at "
                                         r"x=-1"):
        plotting.curve_with_path(np.log, x_range=(-1, 1))


def test_path_point_where_the_curve_overflows_is_named():
    with pytest.raises(ValueError, match=r"finite over the points of path;"
                                         r" got inf at x=1e\+200"):
        plotting.curve_with_path(square, [1e200])


def test_a_constant_curve_is_drawn_flat():
    plot = plotting.curve_with_path(lambda x: 1.0, [0.5, -0.5])
    curve, path = plot.figure.axes[0].get_lines()[:2]
    assert set(curve.get_ydata()) == {1.0}
    np.testing.assert_array_equal(path.get_ydata(), [1.0, 1.0])


def test_a_function_of_one_number_only_is_a_type_error():
    import math

    with pytest.raises(TypeError, match="must accept a numpy array"):
        plotting.curve_with_path(math.sin)


@pytest.mark.parametrize("x_range", [(-1e308, 1e308), (0.0, 1e7)])
def test_ranges_far_beyond_any_figure_are_refused(x_range):
    with pytest.raises(ValueError, match="must lie between -1e"):
        plotting.curve_with_path(square, x_range=x_range)
    with pytest.raises(ValueError, match="u_range must lie between"):
        plotting.activation_grid(u_range=x_range)


@pytest.mark.parametrize("result", [None, "x", [0.5]])
def test_probes_on_curve_needs_a_search_result(result):
    with pytest.raises(TypeError, match="result must be the SearchResult"):
        plotting.probes_on_curve(square, result)
    with pytest.raises(TypeError, match="function must be a function"):
        plotting.probes_on_curve(3, result)


@pytest.mark.parametrize(
    ("levels", "error"),
    [([], ValueError), ([np.nan], ValueError), (0, ValueError),
     (-3, ValueError), ("abc", TypeError), ([3, 2, 1], ValueError)],
)
def test_contour_levels_are_checked(levels, error):
    with pytest.raises(error, match="levels must"):
        plotting.contour_with_path(bowl, [[1.0, 1.0]], levels=levels)


def test_contour_levels_as_given_are_the_lines_drawn():
    plot = plotting.contour_with_path(bowl, levels=[1, 4, 9])
    contours = plot.figure.axes[0].collections[0]
    np.testing.assert_array_equal(contours.levels, [1.0, 4.0, 9.0])


def test_a_surface_that_is_not_finite_is_named():
    with pytest.raises(ValueError, match=r"function must be finite over "
                                         r"box=\(-6, 6, -6, 6\); got nan"):
        plotting.contour_with_path(lambda p: float("nan"), [[0.0, 0.0]])
    with pytest.raises(ValueError, match=r"got inf at \(x, y\)="):
        plotting.contour_with_path(lambda p: np.exp(200 * p[0]))


def test_line_chart_needs_a_mapping_and_matching_x():
    with pytest.raises(TypeError, match="series must be a dict"):
        plotting.line_chart([1, 2])
    with pytest.raises(ValueError, match=r"series\['a'\] must have one "
                                         r"value per x \(3\); got 2"):
        plotting.line_chart({"a": [1, 2]}, x=[1, 2, 3])


@pytest.mark.parametrize("values", [[0.0, 1.0], [-1.0, 1.0]])
def test_log_axis_needs_positive_values(values):
    with pytest.raises(ValueError, match=r"must hold only values > 0 on a "
                                         r"log axis"):
        plotting.line_chart({"a": values}, log_y=True)
    with pytest.raises(ValueError, match="log axis"):
        plotting.loss_curves({"a": values}, log_y=True)
    assert plotting.line_chart({"a": values}).alt


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [({"w1": float("nan")}, ValueError, r"parameters\['w1'\] must be a "
                                        r"finite"),
     ({"w1": "0.1"}, TypeError, r"parameters\['w1'\] must be a real"),
     ({"w11": 0.0}, ValueError, "extra: w11")],
)
def test_network_diagram_checks_parameters_like_the_network(
    change, error, words
):
    names = [f"w{k}" for k in range(1, 11)] + ["b1", "b2"]
    parameters = {**{name: 0.25 for name in names}, **change}
    with pytest.raises(error, match=words):
        plotting.network_diagram(parameters)
    with pytest.raises(ValueError, match="missing: w1, w2"):
        plotting.network_diagram({})


def test_revisited_points_share_one_step_label():
    plot = plotting.curve_with_path(square, [0.4, -0.1, 0.4, -0.1, 0.4],
                                    x_range=(-1, 1))
    texts = [t.get_text() for t in plot.figure.axes[0].texts]
    assert texts == ["0, 2, 4", "1, 3"]
