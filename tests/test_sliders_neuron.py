"""One neuron: its slider figure, its loss over (w, b), the activation grid."""

import json
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.activations import sigmoid
from helpers.calculus import gradient as numerical_gradient
from helpers.losses import neuron_loss
from helpers.plotting import activation_grid
from helpers.sliders.neuron import neuron_explorer, simplify_curve

FALLBACK_LIMIT = 400_000
POSITION_LIMIT = 300


@pytest.fixture(scope="module")
def explorer():
    return neuron_explorer()


@pytest.fixture(scope="module")
def frames(explorer):
    return explorer.frames()


def out_curve(figure):
    return np.asarray(figure.scene.out_line.get_xydata(), dtype=float)


# -- the slider figure ----------------------------------------------------


def test_default_grid_fits_a_static_page(explorer):
    sizes = [len(c.values) for c in explorer.controls]
    assert int(np.prod(sizes)) <= POSITION_LIMIT
    assert len(explorer.fallback_html()) <= FALLBACK_LIMIT


def test_every_position_draws_something_different(frames):
    drawings = {json.dumps(frame[:-1]) for frame in frames.values()}
    statuses = {frame[-1] for frame in frames.values()}
    assert len(drawings) == len(frames)
    assert len(statuses) == len(frames)


def test_moving_a_slider_changes_the_curve():
    figure = neuron_explorer()
    before = out_curve(figure).copy()
    figure.set(weight=2.0)
    steeper = out_curve(figure)
    assert not np.array_equal(before, steeper)
    figure.set(activation="relu")
    assert "relu" in figure.status
    assert not np.array_equal(steeper, out_curve(figure))


def test_plain_text_is_short_and_stable():
    first, second = neuron_explorer(), neuron_explorer()
    assert repr(first) == repr(second)
    assert len(repr(first)) <= 120
    assert "0x" not in repr(first)


def test_initial_position_is_the_plain_sigmoid(explorer):
    assert explorer.values == {
        "weight": 1.0, "bias": 0.0, "activation": "sigmoid"}
    assert explorer.status.startswith("sigmoid, w = 1, b = 0: u = 0 at")


def test_extreme_positions_give_finite_numbers_and_no_warnings(frames):
    # pytest turns RuntimeWarning into an error, so an overflow would fail
    for key, frame in frames.items():
        assert "nan" not in json.dumps(frame).lower(), key
        assert "inf" not in frame[-1], key
    figure = neuron_explorer(weights=(-1e3, 1e3), biases=(-1e3, 1e3))
    for activation in ("sigmoid", "tanh", "relu", "identity"):
        figure.set(weight=1e3, bias=-1e3, activation=activation)
        assert np.all(np.isfinite(out_curve(figure)))
        assert "nan" not in figure.status


def test_sigmoid_curve_matches_the_formula():
    figure = neuron_explorer()
    figure.set(weight=2.0, bias=-1.0, activation="sigmoid")
    xs, ys = out_curve(figure).T
    np.testing.assert_allclose(ys, 1 / (1 + np.exp(-(2 * xs - 1))))
    assert "u = 0 at x = 0.5" in figure.status


def test_zero_dot_marks_where_the_weighted_sum_is_zero():
    figure = neuron_explorer()
    figure.set(weight=2.0, bias=-1.0, activation="relu")
    dot = figure.scene.zero_dot
    assert dot.get_visible()
    assert dot.get_xydata().tolist() == [[0.5, 0.0]]
    figure.set(weight=0.0)
    assert not dot.get_visible()
    assert "flat" in figure.status


def test_relu_corner_is_kept_when_thinning():
    figure = neuron_explorer(weights=(1.0, 3.0), biases=(-1.0, 0.0),
                             activations=("relu",))
    figure.set(weight=3.0, bias=-1.0)
    xs, ys = out_curve(figure).T
    assert 1 / 3 in xs.tolist()
    assert len(xs) <= 5


def test_single_activation_has_two_sliders():
    figure = neuron_explorer(activations=("tanh",))
    assert [c.name for c in figure.controls] == ["weight", "bias"]
    assert figure.status.startswith("tanh")


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="activations must be one of"):
        neuron_explorer(activations=("sigmoid", "softmax"))
    with pytest.raises(ValueError, match="activations must be a non-empty"):
        neuron_explorer(activations="sigmoid")
    with pytest.raises(ValueError, match="weights must hold only finite"):
        neuron_explorer(weights=(1.0, float("nan")))
    with pytest.raises(ValueError, match="biases must be between"):
        neuron_explorer(biases=(0.0, 1e300))
    with pytest.raises(ValueError, match=r"x_range must be \(low, high\)"):
        neuron_explorer(x_range=(5.0, -5.0))


# -- thinning a sampled curve ---------------------------------------------


@settings(max_examples=50, deadline=None)
@given(
    weight=st.floats(-6, 6, allow_nan=False),
    bias=st.floats(-4, 4, allow_nan=False),
)
def test_thinned_sigmoid_stays_within_tolerance(weight, bias):
    xs = np.linspace(-5, 5, 201)
    ys = sigmoid(weight * xs + bias)
    kept = simplify_curve(xs, ys, 0.002)
    assert kept[0] == 0 and kept[-1] == len(xs) - 1
    rebuilt = np.interp(xs, xs[kept], ys[kept])
    assert np.max(np.abs(rebuilt - ys)) <= 0.002 + 1e-12


def test_thinning_a_line_keeps_only_its_ends():
    xs = np.linspace(0, 1, 50)
    assert simplify_curve(xs, 3 * xs - 1, 1e-9).tolist() == [0, 49]


# -- the loss of one neuron -----------------------------------------------


def small_task():
    inputs = np.array([-2.0, -0.5, 0.3, 1.0, 2.5])
    return inputs, sigmoid(1.5 * inputs - 1.0)


def test_loss_is_zero_at_the_parameters_that_made_the_labels():
    loss, gradient = neuron_loss(*small_task())
    assert loss(np.array([1.5, -1.0])) == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(gradient(np.array([1.5, -1.0])), 0.0,
                               atol=1e-15)


def test_loss_uses_the_half_convention():
    loss, _ = neuron_loss([0.0], [1.0])
    # w x + b = 0 gives out = 0.5; L = 1/2 * (0.5 - 1)^2
    assert loss(np.array([3.0, 0.0])) == pytest.approx(0.125)


@settings(max_examples=50, deadline=None)
@given(
    weight=st.floats(-4, 4, allow_nan=False),
    bias=st.floats(-4, 4, allow_nan=False),
    activation=st.sampled_from(["sigmoid", "tanh", "identity"]),
)
def test_gradient_matches_central_differences(weight, bias, activation):
    loss, gradient = neuron_loss(*small_task(), activation=activation)
    point = np.array([weight, bias])
    np.testing.assert_allclose(gradient(point),
                               numerical_gradient(loss, point),
                               rtol=1e-5, atol=1e-7)


def test_loss_arguments_are_checked():
    with pytest.raises(ValueError, match=r"targets must have shape \(3,\)"):
        neuron_loss([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="activation must be one of"):
        neuron_loss([1.0], [1.0], activation="step")
    loss, _ = neuron_loss([1.0], [1.0])
    with pytest.raises(ValueError, match=r"point must have shape \(2,\)"):
        loss(np.array([1.0, 2.0, 3.0]))


# -- the static figure of activations -------------------------------------


def test_activation_grid_draws_each_function_and_derivative():
    plot = activation_grid(("sigmoid", "relu"))
    panels = [ax for ax in plot.figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == ["sigmoid", "relu"]
    function, derivative = panels[0].get_lines()
    u = function.get_xdata()
    np.testing.assert_allclose(function.get_ydata(), sigmoid(u))
    np.testing.assert_allclose(derivative.get_ydata(),
                               sigmoid(u) * (1 - sigmoid(u)))
    assert "relu" in plot.alt


def test_activation_grid_shows_the_leak_it_draws():
    plot = activation_grid(("leaky_relu",), leaky_slope=0.1)
    ax = plot.figure.axes[0]
    assert ax.get_title() == "leaky_relu (slope 0.1)"
    derivative = ax.get_lines()[1]
    assert min(derivative.get_ydata()) == pytest.approx(0.1)


def test_activation_grid_rejects_unknown_names():
    with pytest.raises(ValueError, match="names must be one of"):
        activation_grid(("sigmoid", "swish"))
    with pytest.raises(ValueError, match="non-empty sequence"):
        activation_grid(())


# -- overflow and bad options ---------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "activation", "point", "words"),
    [([1.0, 2.0], "sigmoid", [1e308, 1e308], "weighted sum w x"),
     ([1e300, 2.0], "identity", [10.0, 0.0], r"gradient \(dL/dw, dL/db\)"),
     ([1e200, 2.0], "relu", [1e200, 0.0], "weighted sum w x"),
     ([1e200, 2.0], "tanh", [1e200, 0.0], "weighted sum w x")],
)
def test_overflow_is_a_named_error_not_a_warning(inputs, activation, point,
                                                 words):
    loss, gradient = neuron_loss(inputs, [0.5, 0.2], activation)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=words + r".* overflows double "
                                                     r"precision at \(w, b"):
            gradient(np.array(point))
        if "sum" in words:
            with pytest.raises(ValueError, match="overflows"):
                loss(np.array(point))


def test_large_but_finite_points_still_work():
    loss, gradient = neuron_loss([1e150, 2.0], [0.5, 0.2], "sigmoid")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(loss(np.array([1e150, -1e150])))
        assert np.all(np.isfinite(gradient(np.array([1.0, 0.0]))))


@pytest.mark.parametrize(
    ("initial", "error", "words"),
    [({"weights": 1.0}, ValueError, r"'weight', 'bias', 'activation'; got "
                                    r"'weights'"),
     ("w=1", TypeError, "initial must be None or a dict")],
)
def test_explorer_initial_names_the_sliders(initial, error, words):
    with pytest.raises(error, match=words):
        neuron_explorer(initial=initial)
    with pytest.raises(ValueError, match=r"'weight', 'bias'; got "
                                         r"'activation'"):
        neuron_explorer(activations=("relu",),
                        initial={"activation": "relu"})
