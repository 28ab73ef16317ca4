"""Tests for helpers.activations: values, derivatives, stability."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import activations
from helpers.activations import (
    ACTIVATIONS,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    saturation_table,
    sigmoid,
    sigmoid_derivative,
    tanh,
)

EXTREMES = [-1e308, -1000.0, -745.5, -40.0, 0.0, 40.0, 1000.0, 1e308]
moderate = st.floats(-20, 20, allow_nan=False)


def central_difference(function, u: float, h: float = 1e-6) -> float:
    return (function(u + h) - function(u - h)) / (2 * h)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@settings(max_examples=50, deadline=None)
@given(u=moderate)
def test_derivative_matches_central_difference(name, u):
    function, derivative = ACTIVATIONS[name]
    if name in ("relu", "leaky_relu") and abs(u) < 1e-3:
        return  # the corner at 0 has no derivative to compare with
    numeric = central_difference(function, u)
    assert derivative(u) == pytest.approx(numeric, rel=1e-6, abs=1e-8)


@settings(max_examples=50, deadline=None)
@given(u=moderate)
def test_sigmoid_derivative_is_g_times_one_minus_g(u):
    g = sigmoid(u)
    assert sigmoid_derivative(u) == pytest.approx(g * (1 - g), rel=1e-9)


def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid_derivative(0.0) == 0.25
    assert sigmoid(2.0) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert sigmoid(-2.0) == pytest.approx(1 / (1 + math.exp(2.0)))


def test_sigmoid_keeps_precision_in_the_far_negative_tail():
    assert sigmoid(-40.0) == pytest.approx(math.exp(-40.0), rel=1e-12)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_no_warning_and_no_nan_at_extremes(name):
    function, derivative = ACTIVATIONS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = function(np.array(EXTREMES))
        slopes = derivative(np.array(EXTREMES))
    if name == "sigmoid":
        assert np.all(np.isfinite(values))
    assert not np.any(np.isnan(values))
    assert np.all(np.isfinite(slopes))


def test_sigmoid_at_extremes_is_exactly_0_or_1():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sigmoid(-1e308) == 0.0
        assert sigmoid(1e308) == 1.0
        assert sigmoid(-1000.0) == 0.0
        assert sigmoid(1000.0) == 1.0
        assert sigmoid_derivative(1e308) == 0.0
        assert sigmoid_derivative(-1000.0) == 0.0


@settings(max_examples=50, deadline=None)
@given(values=st.lists(st.floats(-1e308, 1e308), min_size=2, max_size=20))
def test_sigmoid_and_tanh_are_monotone_and_bounded(values):
    u = np.sort(np.array(values))
    g = sigmoid(u)
    t = tanh(u)
    assert np.all(np.diff(g) >= 0)
    assert np.all(np.diff(t) >= 0)
    assert np.all((g >= 0) & (g <= 1))
    assert np.all((t >= -1) & (t <= 1))


@settings(max_examples=50, deadline=None)
@given(u=st.floats(-30, 30))
def test_sigmoid_is_strictly_inside_0_1_for_moderate_inputs(u):
    assert 0 < sigmoid(u) < 1
    assert 0 < sigmoid_derivative(u) <= 0.25


@settings(max_examples=50, deadline=None)
@given(u=moderate)
def test_relu_family_ranges(u):
    assert relu(u) >= 0
    assert relu(u) == max(u, 0.0)
    assert leaky_relu(u, slope=0.1) == (u if u > 0 else 0.1 * u)


def test_derivatives_at_the_corner():
    assert relu_derivative(0.0) == 0.0
    assert leaky_relu_derivative(0.0, slope=0.2) == 0.2
    assert leaky_relu_derivative(3.0, slope=0.2) == 1.0


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_same_kind_in_and_out(name):
    function, derivative = ACTIVATIONS[name]
    assert isinstance(function(0.5), float)
    assert isinstance(derivative(0.5), float)
    grid = np.linspace(-2, 2, 6).reshape(2, 3)
    assert function(grid).shape == (2, 3)
    assert derivative(grid).shape == (2, 3)
    assert isinstance(function([1.0, 2.0]), np.ndarray)


def test_identity_does_not_alias_its_input():
    u = np.array([1.0, 2.0])
    out = activations.identity(u)
    out[0] = 5.0
    assert u[0] == 1.0
    assert activations.identity_derivative(7.0) == 1.0


def test_get_activation_returns_the_pair():
    assert get_activation("sigmoid") == (sigmoid, sigmoid_derivative)
    assert set(ACTIVATIONS) == {
        "sigmoid", "tanh", "relu", "leaky_relu", "identity",
    }


def test_get_activation_names_unknown_and_allowed():
    with pytest.raises(ValueError, match="'softplus'") as caught:
        get_activation("softplus")
    for allowed in ACTIVATIONS:
        assert repr(allowed) in str(caught.value)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -np.inf])
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_non_finite_input_is_rejected(name, bad):
    function, derivative = ACTIVATIONS[name]
    with pytest.raises(ValueError, match="finite"):
        function(bad)
    with pytest.raises(ValueError, match="finite"):
        derivative(np.array([0.0, bad]))


def test_leaky_slope_is_checked():
    with pytest.raises(ValueError, match="slope"):
        leaky_relu(1.0, slope=-0.5)
    with pytest.raises(ValueError, match="slope"):
        leaky_relu_derivative(1.0, slope=2.0)


def test_saturation_table_numbers():
    rows = saturation_table([0, 2, 5, 10, 20])
    assert [u for u, _, _ in rows] == [0, 2, 5, 10, 20]
    slopes = [d for _, _, d in rows]
    quoted = [0.25, 0.105, 0.0066, 4.5e-5, 2.1e-9]
    for slope, number in zip(slopes, quoted):
        assert slope == pytest.approx(number, rel=0.02)
    assert rows[0][1] == 0.5
    assert rows[4][1] == pytest.approx(1 - 2.06e-9, abs=1e-11)


def test_saturation_table_keeps_precision_where_1_minus_g_cancels():
    (_, _, slope), = saturation_table([30.0])
    assert slope == pytest.approx(math.exp(-30.0), rel=1e-9)


def test_saturation_table_rejects_non_finite_and_scalars():
    with pytest.raises(ValueError, match="finite"):
        saturation_table([0.0, float("inf")])
    with pytest.raises(ValueError, match="values"):
        saturation_table(3.0)


@pytest.mark.parametrize(
    "bad", ["1", None, True, np.bool_(False), [True, False],
            np.array([True]), [1.0, "a"], 1 + 2j],
)
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_text_none_bools_and_complex_are_type_errors(name, bad):
    # As strict as gradient_descent: sigmoid("1") is not sigmoid(1).
    function, derivative = ACTIVATIONS[name]
    for f in (function, derivative):
        with pytest.raises(TypeError, match=r"u must be a real number or "
                                            r"an array of real numbers"):
            f(bad)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_numpy_numbers_and_integer_arrays_are_accepted(name):
    function, _ = ACTIVATIONS[name]
    assert function(np.float64(0.5)) == function(0.5)
    assert function(np.int64(2)) == function(2.0)
    np.testing.assert_array_equal(function(np.array([1, -2])),
                                  function(np.array([1.0, -2.0])))
