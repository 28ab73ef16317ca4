"""Slider figures: live redraws, precomputed frames, and their limits."""

import json
import re
import warnings

import numpy as np
import pytest

from helpers import sliders
from helpers.figures import new_figure, png_bytes
from helpers.sliders.core import MAX_FRAMES, SliderFigure, control


class DotScene:
    """A dot at (x, y) with a label: the smallest useful scene."""

    def __init__(self):
        self.figure = new_figure(3, 2)
        ax = self.figure.add_subplot()
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        self.dot, = ax.plot([], [], "o", color="C1", ms=8)
        self.label = ax.text(0, 0.8, "", ha="center")
        self.animated = [self.dot, self.label]

    def update(self, x, y):
        self.dot.set_data([x], [y])
        self.label.set_text(f"x={x:g}")
        return f"dot at ({x:g}, {y:g})"


def dot_figure(xs=(-0.5, 0.0, 0.5), ys=(-0.5, 0.5)):
    return SliderFigure(
        DotScene(),
        [control("x", "x position", xs), control("y", "y position", ys)],
        description="a dot", alt="A dot in a square.",
    )


def frames_of(html_text):
    payload = re.search(
        r'<script type="application/json" class="nnb-frames">(.*?)</script>',
        html_text, re.S).group(1)
    return json.loads(payload.replace("<\\/", "</"))


def test_control_checks_its_grid():
    with pytest.raises(ValueError, match="at least 2 positions"):
        control("x", "x", [1.0])
    with pytest.raises(ValueError, match="must not repeat"):
        control("x", "x", [1.0, 1.0])
    with pytest.raises(ValueError, match=r"initial for 'x' must be one of"):
        control("x", "x", [1.0, 2.0], initial=3.0)
    with pytest.raises(ValueError, match="identifier"):
        control("learning rate", "x", [1.0, 2.0])


def test_numpy_grids_become_plain_numbers():
    grid = control("x", "x", np.array([0.1, 0.2]))
    assert grid.values == (0.1, 0.2) and type(grid.values[0]) is float


def test_plain_text_is_short_and_stable():
    first, second = dot_figure(), dot_figure()
    assert repr(first) == repr(second)
    assert repr(first) == (
        "SliderFigure(a dot; sliders: x position, y position)")


def test_every_position_gets_a_frame():
    figure = dot_figure()
    frames = figure.frames()
    assert len(frames) == 3 * 2
    assert frames["2,1"][-1] == "dot at (0.5, 0.5)"
    assert len({json.dumps(frame) for frame in frames.values()}) == 6
    assert figure.status == "dot at (-0.5, -0.5)"


def test_fallback_is_deterministic_and_self_contained():
    html_text = dot_figure().fallback_html()
    assert html_text == dot_figure().fallback_html()
    assert html_text.count('type="range"') == 2
    assert re.findall(r'(?:src|href)="(?!data:)[^"]*"', html_text) == []
    assert "http" not in html_text.replace(
        "http://www.w3.org/2000/svg", "")
    assert 'alt="A dot in a square."' in html_text
    data = frames_of(html_text)
    assert data["labels"] == [["-0.5", "0", "0.5"], ["-0.5", "0.5"]]


def test_frame_points_are_in_svg_pixels():
    figure = dot_figure()
    point = figure.frames()["1,1"][0]
    x, y = map(float, point.split(","))
    width, height = figure.scene.figure.bbox.size
    assert 0 < x < width and 0 < y < height
    assert y < height / 2  # y = 0.5 is in the upper half: SVG y grows down


def test_set_rejects_values_off_the_grid():
    figure = dot_figure()
    with pytest.raises(ValueError, match=r"x must be one of \(-0.5, 0.0"):
        figure.set(x=0.25)
    with pytest.raises(ValueError, match="no slider named 'z'"):
        figure.set(z=0.0)


def test_blitted_image_matches_a_full_redraw():
    from PIL import Image
    import io

    figure = dot_figure()
    figure.set(x=0.5, y=0.5)
    blitted = np.asarray(Image.open(io.BytesIO(figure.render_png())))
    for artist in figure.scene.animated:
        artist.set_animated(False)
    full = np.asarray(Image.open(io.BytesIO(png_bytes(figure.scene.figure))))
    assert blitted.shape[:2] == full.shape[:2]
    differing = np.any(blitted[..., :3] != full[..., :3], axis=-1).mean()
    assert differing < 0.002


def test_live_widget_redraws_on_slider_change():
    figure = dot_figure()
    box = figure.widget()
    image, x_slider = box.children[0], box.children[1]
    before = image.value
    x_slider.value = 0.5
    assert image.value != before
    assert figure.values["x"] == 0.5
    assert box.children[-1].value == "dot at (0.5, -0.5)"


def test_mime_bundle_offers_widget_html_and_text():
    bundle = dot_figure()._repr_mimebundle_()
    assert set(bundle) == {
        "text/plain", "text/html",
        "application/vnd.jupyter.widget-view+json",
    }


def test_too_many_positions_are_refused():
    many = [float(v) for v in range(MAX_FRAMES + 1)]
    with pytest.raises(ValueError, match="static page"):
        SliderFigure(DotScene(), [control("x", "x", many),
                                  control("y", "y", (0.0, 1.0))],
                     description="d", alt="a")


def test_clip_path_stops_at_the_box_edge():
    points = np.array([[0.0, 0.0], [1.0, 1.0], [4.0, 1.0], [9.0, 9.0]])
    clipped, cut = sliders.clip_path_to_box(points, (-2, 2, -2, 2))
    assert cut
    np.testing.assert_allclose(clipped, [[0, 0], [1, 1], [2, 1]])
    inside = np.array([[0.0, 0.0], [1.0, 1.0]])
    assert sliders.clip_path_to_box(inside, (-2, 2, -2, 2))[1] is False


def square(x):
    return x**2


def square_gradient(x):
    return 2 * x


RATES = (0.1, 0.5, 0.9, 1.0, 1.5, 1e3)


def x_squared_explorer():
    return sliders.descent_1d(
        square, square_gradient, learning_rates=RATES,
        starts=(-1.5, 0.4, 1.5), rules=("gradient", "sign"),
        x_range=(-2, 2), description="f(x) = x^2",
    )


def test_descent_1d_reports_every_outcome_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = x_squared_explorer()
        statuses = [frame[-1] for frame in figure.frames().values()]
    assert any("converged" in s for s in statuses)
    assert any("diverged" in s for s in statuses)
    assert any("cycling" in s for s in statuses)
    assert not any("nan" in s.lower() for s in statuses)


def test_descent_1d_diverging_path_is_clipped_to_the_view():
    figure = x_squared_explorer()
    status = figure.set(learning_rate=1e3, start=1.5, rule="gradient")
    assert status.startswith("gradient rule, learning rate 1000, start 1.5")
    assert "diverged" in status
    xs, ys = figure.scene.path_line.get_data()
    low, high, bottom, top = figure.scene.box
    assert np.all((low <= xs) & (xs <= high))
    assert np.all((bottom <= ys) & (ys <= top))


def test_descent_1d_fallback_size():
    assert len(x_squared_explorer().fallback_html()) < 400_000


def test_descent_1d_rejects_bad_grids():
    with pytest.raises(ValueError, match="learning_rates must all be > 0"):
        sliders.descent_1d(square, square_gradient,
                           learning_rates=(0.1, -0.1), starts=(1.0, 2.0))
    with pytest.raises(ValueError, match="starts must hold only finite"):
        sliders.descent_1d(square, square_gradient,
                           learning_rates=(0.1, 0.2), starts=(1.0, np.inf))
    with pytest.raises(ValueError, match="rules must be one of"):
        sliders.descent_1d(square, square_gradient, rules=("gradient", "x"),
                           learning_rates=(0.1, 0.2), starts=(1.0, 2.0))


def bowl(point):
    return point[0] ** 2 + 10 * point[1] ** 2


def bowl_gradient(point):
    return np.array([2 * point[0], 20 * point[1]])


def test_descent_2d_at_the_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = sliders.descent_2d(
            bowl, bowl_gradient, learning_rates=(0.01, 0.09, 0.11, 50.0),
            starts_x=(-5.0, 5.0), starts_y=(-5.0, 5.0),
            description="f(x, y) = x^2 + 10 y^2",
        )
        assert "diverged" in figure.set(learning_rate=50.0)
        assert "converged" in figure.set(learning_rate=0.09)
        figure.frames()
    assert len(figure.fallback_html()) < 400_000


# ------------------------------------------------------------ bad input

GRIDS_1D = {"learning_rates": (0.1, 0.5), "starts": (-1.0, 1.0)}
GRIDS_2D = {"learning_rates": (0.01, 0.05), "starts_x": (-1.0, 1.0),
            "starts_y": (1.0, 2.0)}


@pytest.mark.parametrize(
    ("points", "box", "words"),
    [([[0.5, 0.5], [np.nan, 0.5]], (0, 1, 0, 1), "finite"),
     ([0.5, 2.0], (0, 1, 0, 1), r"shape \('any', 2\)"),
     ([[0.5, 0.5], [2.0, 2.0]], (1, 0, 1, 0), r"box\[0:2\] must be"),
     ([[0.5, 0.5]], (0, 1), r"box must have shape \(4,\)")],
)
def test_clip_path_checks_its_points_and_box(points, box, words):
    with pytest.raises(ValueError, match=words):
        sliders.clip_path_to_box(np.array(points), box)


@pytest.mark.parametrize(
    ("initial", "error", "words"),
    [({"bogus": 1}, ValueError, r"initial may only hold the keys "
                                r"'learning_rate', 'start'; got 'bogus'"),
     ({"rule": "sign"}, ValueError, "'rule'"),
     ([1], TypeError, r"initial must be None or a dict with keys from "
                      r"'learning_rate', 'start'")],
)
def test_descent_1d_initial_names_the_sliders(initial, error, words):
    with pytest.raises(error, match=words):
        sliders.descent_1d(square, square_gradient, initial=initial,
                           **GRIDS_1D)


def test_descent_1d_rules_are_checked_and_a_single_rule_is_used():
    with pytest.raises(ValueError, match="rules must name at least one"):
        sliders.descent_1d(square, square_gradient, rules=(), **GRIDS_1D)
    with pytest.raises(TypeError, match="rules must be a sequence"):
        sliders.descent_1d(square, square_gradient, rules="sign",
                           **GRIDS_1D)
    figure = sliders.descent_1d(square, square_gradient, rules=("sign",),
                                **GRIDS_1D)
    assert figure.status.startswith("sign rule")
    # From 1 with steps of 0.1 the sign rule needs 10 steps to reach 0.
    assert figure.scene.path_line.get_xdata()[10] == pytest.approx(0.0)


def test_descent_1d_curve_must_be_finite_and_vectorised():
    import math

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"finite over x_range=\(-1, 1"
                                             r"\); got nan at x=-1"):
            sliders.descent_1d(np.log, lambda x: 1 / x, x_range=(-1, 1),
                               learning_rates=(0.1, 0.2), starts=(0.5, 1))
    with pytest.raises(TypeError, match="must accept a numpy array"):
        sliders.descent_1d(math.sin, math.cos, **GRIDS_1D)
    with pytest.raises(ValueError, match="x_range must lie between"):
        sliders.descent_1d(square, square_gradient, x_range=(-1e200, 1),
                           **GRIDS_1D)


def test_descent_1d_constant_function_is_broadcast():
    figure = sliders.descent_1d(lambda x: 1.0, lambda x: 0.0, **GRIDS_1D)
    assert "converged in 0 steps" in figure.status
    figure.frames()


@pytest.mark.parametrize(
    ("function", "box", "words"),
    [(bowl, (-1e200, 1e200, -1e200, 1e200), r"box\[0:2\] must lie"),
     (lambda p: np.exp(200 * p[0]), (-6, 6, -6, 6), r"got inf at \(x, y"),
     (lambda p: float("nan"), (-6, 6, -6, 6), r"box=\(-6, 6, -6, 6\); "
                                              r"got nan")],
)
def test_descent_2d_surface_must_be_finite_over_the_box(function, box,
                                                        words):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=words):
            sliders.descent_2d(function, bowl_gradient, box=box, **GRIDS_2D)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [({"levels": []}, ValueError, "levels must not be empty"),
     ({"levels": 0}, ValueError, "levels must be a positive integer"),
     ({"levels": [np.nan]}, ValueError, "levels must hold only finite"),
     ({"initial": {"start": 1.0}}, ValueError,
      r"'learning_rate', 'start_x', 'start_y'; got 'start'")],
)
def test_descent_2d_levels_and_initial_are_checked(kwargs, error, words):
    with pytest.raises(error, match=words):
        sliders.descent_2d(bowl, bowl_gradient, **GRIDS_2D, **kwargs)


def test_descent_2d_calls_a_growing_run_diverging_and_labels_the_exit():
    figure = sliders.descent_2d(
        bowl, bowl_gradient, learning_rates=(0.09, 0.101),
        starts_x=(-5.0, 0.0), starts_y=(-2.0, 2.0), box=(-6, 6, -3, 3),
        max_steps=300,
    )
    status = figure.set(learning_rate=0.101, start_x=-5.0, start_y=2.0)
    assert "diverging: outside the view and growing after 300 steps" in status
    assert figure.scene.exit_note.get_visible()
    assert "converged" in figure.set(learning_rate=0.09)
    assert not figure.scene.exit_note.get_visible()


def test_start_grids_must_increase_and_lie_in_view():
    with pytest.raises(ValueError, match="starts must be increasing"):
        sliders.descent_1d(square, square_gradient,
                           learning_rates=(0.1, 0.2), starts=(1.0, -1.0))
    with pytest.raises(ValueError, match="starts must lie inside the view"):
        sliders.descent_1d(square, square_gradient, x_range=(-2, 2),
                           learning_rates=(0.1, 0.2), starts=(1.0, 5.0))
    with pytest.raises(ValueError, match="starts_y must lie inside"):
        sliders.descent_2d(bowl, bowl_gradient, learning_rates=(0.01, 0.02),
                           starts_x=(-1.0, 1.0), starts_y=(-9.0, 1.0))
