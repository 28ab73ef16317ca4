"""Tests for helpers.losses: values, gradients, clipping, errors."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.losses import (
    CROSS_ENTROPY_EPSILON,
    LOSS_CONSTANT,
    absolute_error,
    absolute_error_gradient,
    cross_entropy,
    cross_entropy_gradient,
    squared_error,
    squared_error_gradient,
)

LOSSES = [
    (absolute_error, absolute_error_gradient),
    (squared_error, squared_error_gradient),
    (cross_entropy, cross_entropy_gradient),
]


def numeric_gradient(loss, p: np.ndarray, t: np.ndarray, h=1e-6):
    """Central differences of ``loss`` in each prediction."""
    gradient = np.empty_like(p)
    for k in range(p.size):
        step = np.zeros_like(p)
        step.flat[k] = h
        gradient.flat[k] = (loss(p + step, t) - loss(p - step, t)) / (2 * h)
    return gradient


pairs = st.integers(1, 5).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(-3, 3), min_size=n, max_size=n),
        st.lists(st.floats(-3, 3), min_size=n, max_size=n),
    )
)
probability_pairs = st.integers(1, 5).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0.01, 0.99), min_size=n, max_size=n),
        st.lists(st.floats(0, 1), min_size=n, max_size=n),
    )
)


def test_values_by_hand():
    p, t = [1.0, 2.0, -1.0], [0.0, 4.0, -1.0]
    assert absolute_error(p, t) == 3.0
    assert squared_error(p, t) == 0.5 * (1 + 4 + 0)
    assert LOSS_CONSTANT == 0.5


def test_cross_entropy_by_hand():
    expected = -(math.log(0.8) + math.log(1 - 0.3))
    assert cross_entropy([0.8, 0.3], [1.0, 0.0]) == pytest.approx(expected)


@settings(max_examples=50, deadline=None)
@given(pair=pairs)
def test_squared_error_gradient_matches_central_differences(pair):
    p, t = np.array(pair[0]), np.array(pair[1])
    numeric = numeric_gradient(squared_error, p, t)
    analytic = squared_error_gradient(p, t)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(analytic, p - t, rtol=0, atol=0)


@settings(max_examples=50, deadline=None)
@given(pair=pairs)
def test_absolute_error_gradient_matches_central_differences(pair):
    p, t = np.array(pair[0]), np.array(pair[1])
    if np.any(np.abs(p - t) < 1e-3):
        return  # the corner p = t has no derivative to compare with
    numeric = numeric_gradient(absolute_error, p, t)
    analytic = absolute_error_gradient(p, t)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@settings(max_examples=50, deadline=None)
@given(pair=probability_pairs)
def test_cross_entropy_gradient_matches_central_differences(pair):
    p, t = np.array(pair[0]), np.array(pair[1])
    numeric = numeric_gradient(cross_entropy, p, t)
    analytic = cross_entropy_gradient(p, t)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-7)


def test_absolute_error_gradient_is_zero_at_the_corner():
    assert absolute_error_gradient(2.0, 2.0) == 0.0
    np.testing.assert_array_equal(
        absolute_error_gradient([1.0, 3.0, 2.0], [2.0, 2.0, 2.0]),
        [-1.0, 1.0, 0.0],
    )


def test_gradients_keep_the_kind_of_their_input():
    assert isinstance(squared_error_gradient(1.0, 0.5), float)
    assert squared_error_gradient(1.0, 0.5) == 0.5
    out = squared_error_gradient(np.ones((2, 2)), np.zeros((2, 2)))
    assert out.shape == (2, 2)


def test_cross_entropy_is_smallest_where_p_equals_t():
    assert cross_entropy_gradient(0.3, 0.3) == pytest.approx(0.0, abs=1e-12)
    assert cross_entropy(0.3, 0.3) < cross_entropy(0.31, 0.3)
    assert cross_entropy(0.3, 0.3) < cross_entropy(0.29, 0.3)


def test_cross_entropy_clips_instead_of_log_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        worst = cross_entropy([0.0], [1.0])
        best = cross_entropy([1.0], [1.0])
        slope = cross_entropy_gradient([0.0, 1.0], [1.0, 0.0])
    assert worst == pytest.approx(-math.log(CROSS_ENTROPY_EPSILON))
    assert best == pytest.approx(0.0, abs=1e-11)
    assert np.all(np.isfinite(slope))
    assert slope[0] < 0 < slope[1]


@pytest.mark.parametrize("loss, gradient", LOSSES)
def test_shape_mismatch_is_named(loss, gradient):
    for function in (loss, gradient):
        with pytest.raises(ValueError, match=r"same shape.*\(2,\).*\(3,\)"):
            function([0.5, 0.5], [0.5, 0.5, 0.5])


@pytest.mark.parametrize("loss, gradient", LOSSES)
def test_empty_and_non_finite_are_rejected(loss, gradient):
    for function in (loss, gradient):
        with pytest.raises(ValueError, match="empty"):
            function([], [])
        with pytest.raises(ValueError, match="finite"):
            function([0.5, float("nan")], [0.5, 0.5])
        with pytest.raises(ValueError, match="targets.*finite"):
            function([0.5, 0.5], [0.5, float("inf")])


def test_cross_entropy_rejects_values_outside_0_1():
    with pytest.raises(ValueError, match="probabilities must lie"):
        cross_entropy([1.5], [1.0])
    with pytest.raises(ValueError, match="targets must lie"):
        cross_entropy_gradient([0.5], [-0.2])


@pytest.mark.parametrize("loss, gradient", LOSSES[:2])
def test_overflow_is_a_clear_error_not_a_warning(loss, gradient):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="overflows"):
            loss([1e308], [-1e308])
        with pytest.raises(ValueError, match="overflows"):
            gradient([1e308], [-1e308])


def test_squared_error_overflow_of_the_square_is_caught():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert absolute_error([1e200, 0.0], [-1e200, 0.0]) == 2e200
        with pytest.raises(ValueError, match="squared error overflows"):
            squared_error([1e200, 0.0], [-1e200, 0.0])


@pytest.mark.parametrize("loss, gradient", LOSSES)
@pytest.mark.parametrize("bad", [True, "0.5", None, [True, False]])
def test_text_none_and_bools_are_type_errors(loss, gradient, bad):
    for function in (loss, gradient):
        with pytest.raises(TypeError, match="predictions|probabilities"):
            function(bad, 1.0)
        with pytest.raises(TypeError, match="targets must be a real"):
            function(0.5, bad)
