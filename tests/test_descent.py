"""Tests for helpers.descent: the article's numbers, stopping rules, checks."""

import dataclasses
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.calculus import derivative, gradient
from helpers.descent import (
    STOP_REASONS,
    DescentResult,
    gradient_descent,
    max_stable_learning_rate,
    quadratic,
)

square, square_gradient = quadratic(1)
bowl, bowl_gradient = quadratic((1, 1))
long_bowl, long_bowl_gradient = quadratic((1, 10))


# ------------------------------------------------- the article's numbers


def test_sign_steps_from_one_reach_zero_in_two_steps():
    result = gradient_descent(square_gradient, 1, 0.5, rule="sign")
    assert result.path.tolist() == [1, 0.5, 0]
    assert result.reason == "converged"


def test_gradient_step_from_one_lands_on_zero_at_once():
    result = gradient_descent(square_gradient, 1, 0.5)
    assert result.path.tolist() == [1, 0]
    assert result.reason == "converged"
    assert result.steps == 1


def test_sign_steps_from_0_4_with_step_0_5_bounce():
    result = gradient_descent(square_gradient, 0.4, 0.5, rule="sign")
    assert result.path.tolist() == pytest.approx([0.4, -0.1, 0.4])
    assert result.path[-1] == result.path[0]
    assert result.reason == "cycling"


FLOAT_ITERATES = [
    0.4,
    0.30000000000000004,
    0.20000000000000004,
    0.10000000000000003,
    2.7755575615628914e-17,
]


def test_sign_steps_of_0_1_follow_the_rounded_floats():
    result = gradient_descent(square_gradient, 0.4, 0.1, rule="sign")
    assert result.path.tolist() == FLOAT_ITERATES
    assert result.reason == "converged"
    assert result.final == 2.7755575615628914e-17
    assert result.final != 0


def test_without_a_usable_tolerance_the_floats_bounce_forever():
    result = gradient_descent(
        square_gradient, 0.4, 0.1, rule="sign", tolerance=1e-300
    )
    tail = [-0.09999999999999998, 2.7755575615628914e-17]
    assert result.path.tolist() == FLOAT_ITERATES + tail
    assert result.reason == "cycling"


def test_two_dimensional_bowl_is_crossed_in_one_step():
    assert bowl_gradient(np.array([-5.0, -5.0])).tolist() == [-10, -10]
    result = gradient_descent(bowl_gradient, (-5, -5), 0.5, function=bowl)
    assert result.path.tolist() == [[-5, -5], [0, 0]]
    assert result.values.tolist() == [50, 0]
    assert result.reason == "converged"


@pytest.mark.parametrize(
    ("learning_rate", "reason"),
    [(1.01, "diverged"), (0.99, "converged"), (1.0, "cycling")],
)
def test_on_x_squared_a_learning_rate_of_one_is_the_edge(
    learning_rate, reason
):
    result = gradient_descent(
        square_gradient, 1.0, learning_rate, max_steps=5000
    )
    assert result.reason == reason


def test_learning_rate_one_bounces_between_plus_and_minus():
    result = gradient_descent(square_gradient, 3.0, 1.0)
    assert result.path.tolist() == [3, -3, 3]


# ------------------------------------------------------- stopping rules


def test_a_start_at_the_minimum_takes_no_step():
    result = gradient_descent(bowl_gradient, (0, 0), 0.1)
    assert result.steps == 0
    assert result.reason == "converged"


def test_step_limit_stops_after_max_steps():
    result = gradient_descent(square_gradient, 1.0, 0.001, max_steps=5)
    assert result.reason == "step limit"
    assert result.steps == 5
    assert len(result.path) == 6


def test_convergence_is_checked_after_the_last_allowed_step():
    result = gradient_descent(square_gradient, 1.0, 0.5, max_steps=1)
    assert result.reason == "converged"


def test_divergence_keeps_the_first_point_beyond_the_bound():
    result = gradient_descent(square_gradient, 1.0, 2.0, divergence_bound=50)
    assert result.reason == "diverged"
    assert abs(result.path[-1]) > 50
    assert np.all(np.abs(result.path[:-1]) <= 50)
    assert result.path.tolist() == [1, -3, 9, -27, 81]


def test_overflow_keeps_only_finite_points():
    result = gradient_descent(
        square_gradient, 1e300, 1e300, divergence_bound=1e308
    )
    assert result.reason == "diverged"
    assert result.path.tolist() == [1e300]


def test_a_step_too_small_to_move_the_point_counts_as_cycling():
    result = gradient_descent(square_gradient, 1.0, 1e-300)
    assert result.reason == "cycling"
    assert result.path.tolist() == [1, 1]
    assert "too small" in result.explain()


def test_elongated_bowl_zig_zags_below_its_stable_rate():
    limit = max_stable_learning_rate([[2, 0], [0, 20]])
    result = gradient_descent(long_bowl_gradient, (1, 1), 0.9 * limit)
    y_signs = np.sign(result.path[:6, 1])
    assert result.reason == "converged"
    assert np.all(y_signs[1:] == -y_signs[:-1])
    unstable = gradient_descent(long_bowl_gradient, (1, 1), 1.1 * limit)
    assert unstable.reason == "diverged"


# ---------------------------------------------------------------- noise


def test_noise_is_repeatable_with_a_seed():
    first = gradient_descent(bowl_gradient, (1, 2), 0.1, noise=0.1, seed=7)
    again = gradient_descent(bowl_gradient, (1, 2), 0.1, noise=0.1, seed=7)
    other = gradient_descent(bowl_gradient, (1, 2), 0.1, noise=0.1, seed=8)
    assert np.array_equal(first.path, again.path)
    assert not np.array_equal(first.path, other.path)


def test_noise_moves_the_path_off_the_plain_one():
    plain = gradient_descent(square_gradient, 1.0, 0.1, max_steps=20)
    noisy = gradient_descent(
        square_gradient, 1.0, 0.1, max_steps=20, noise=0.05, seed=0
    )
    assert noisy.path[0] == plain.path[0]
    assert not np.allclose(noisy.path[1:], plain.path[1:len(noisy.path)])


def test_with_noise_a_revisited_point_is_not_cycling():
    result = gradient_descent(
        square_gradient, 0.4, 0.5, rule="sign", noise=1e-20, seed=0,
        max_steps=30,
    )
    assert result.reason == "step limit"


# ---------------------------------------------------------- the result


def test_result_shapes_follow_the_start():
    scalar = gradient_descent(square_gradient, 2.0, 0.1, max_steps=3)
    vector = gradient_descent(bowl_gradient, (2, 1), 0.1, max_steps=3)
    assert scalar.path.shape == (4,)
    assert isinstance(scalar.final, float)
    assert vector.path.shape == (4, 2)
    assert vector.final.shape == (2,)
    assert vector.path[0].tolist() == [2, 1]
    assert scalar.values is None


def test_values_are_the_function_along_the_path():
    result = gradient_descent(
        long_bowl_gradient, (1, -2), 0.04, function=long_bowl
    )
    expected = [long_bowl(p) for p in result.path]
    assert np.allclose(result.values, expected, rtol=0, atol=0)


def test_result_cannot_be_changed():
    result = gradient_descent(square_gradient, 1.0, 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.reason = "diverged"
    with pytest.raises(ValueError):
        result.path[0] = 5.0


def test_repr_is_short_and_rounded():
    result = gradient_descent(square_gradient, 0.4, 0.1, rule="sign")
    assert repr(result) == (
        "DescentResult(reason='converged', steps=4, final=2.8e-17)"
    )
    vector = gradient_descent(bowl_gradient, (-5, -5), 0.5)
    assert repr(vector).endswith("final=(0, 0))")


@pytest.mark.parametrize(
    ("learning_rate", "rule", "max_steps", "reason", "words"),
    [
        (0.5, "gradient", 1000, "converged", "tolerance"),
        (0.001, "gradient", 3, "step limit", "3 steps"),
        (1.5, "gradient", 1000, "diverged", "bound"),
        (0.5, "sign", 1000, "cycling", "2 steps before"),
    ],
)
def test_explain_says_why_it_stopped(
    learning_rate, rule, max_steps, reason, words
):
    result = gradient_descent(
        square_gradient, 0.4, learning_rate, rule=rule, max_steps=max_steps
    )
    assert result.reason == reason
    assert reason in STOP_REASONS
    sentence = result.explain()
    assert words in sentence
    assert sentence.endswith(".") and "\n" not in sentence


def test_result_type():
    assert isinstance(gradient_descent(square_gradient, 1, 0.5),
                      DescentResult)


# -------------------------------------------------------------- checks


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"gradient": 3}, TypeError, "gradient"),
        ({"start": float("nan")}, ValueError, "start"),
        ({"start": [[1.0, 2.0]]}, ValueError, "start"),
        ({"start": "one"}, TypeError, "start"),
        ({"start": 2e6}, ValueError, "start"),
        ({"learning_rate": 0}, ValueError, "learning_rate"),
        ({"learning_rate": float("inf")}, ValueError, "learning_rate"),
        ({"rule": "newton"}, ValueError, "rule"),
        ({"max_steps": 0}, ValueError, "max_steps"),
        ({"max_steps": 2.5}, TypeError, "max_steps"),
        ({"tolerance": 0}, ValueError, "tolerance"),
        ({"noise": -1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"divergence_bound": 0}, ValueError, "divergence_bound"),
        ({"function": "f"}, TypeError, "function"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, name):
    arguments = {
        "gradient": square_gradient,
        "start": 1.0,
        "learning_rate": 0.1,
        **kwargs,
    }
    with pytest.raises(error, match=name):
        gradient_descent(**arguments)


@pytest.mark.parametrize(
    ("bad_gradient", "start"),
    [
        (lambda x: np.array([1.0, 2.0]), 1.0),
        (lambda x: 1.0, (1.0, 2.0)),
        (lambda x: "steep", 1.0),
        (lambda x: float("nan"), 1.0),
        (lambda x: np.exp(1000 * x), 1.0),
    ],
)
def test_a_bad_gradient_function_is_named(bad_gradient, start):
    with pytest.raises(ValueError, match="gradient"):
        gradient_descent(bad_gradient, start, 0.1)


def test_a_function_returning_nonsense_is_named():
    with pytest.raises(ValueError, match="function"):
        gradient_descent(
            square_gradient, 1.0, 0.5, function=lambda x: "low"
        )


# ------------------------------------------------- stable learning rate


def test_max_stable_learning_rate_of_x_squared_is_one():
    assert max_stable_learning_rate([[2.0]]) == 1.0
    assert max_stable_learning_rate(np.diag([2.0, 20.0])) == 0.1


def test_max_stable_learning_rate_separates_settling_from_blowing_up():
    hessian = np.array([[3.0, 1.0], [1.0, 2.0]])
    limit = max_stable_learning_rate(hessian)

    def tilted_gradient(x):
        return hessian @ x

    slow = gradient_descent(tilted_gradient, (1, 1), 0.98 * limit,
                            max_steps=5000)
    fast = gradient_descent(tilted_gradient, (1, 1), 1.02 * limit,
                            max_steps=5000)
    assert slow.reason == "converged"
    assert fast.reason == "diverged"


@pytest.mark.parametrize(
    "hessian",
    [[[1.0, 2.0, 3.0]], [[1.0, 2.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, -1.0]],
     [[0.0]], [[float("nan")]]],
)
def test_max_stable_learning_rate_rejects_other_matrices(hessian):
    with pytest.raises(ValueError, match="hessian"):
        max_stable_learning_rate(hessian)


# ------------------------------------------------------------ quadratic


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(0.1, 10), min_size=1, max_size=4).flatmap(
        lambda cs: st.tuples(
            st.just(cs),
            st.lists(st.floats(-10, 10), min_size=len(cs),
                     max_size=len(cs)),
        )
    )
)
def test_quadratic_gradient_matches_finite_differences(case):
    coefficients, point = case
    function, analytic = quadratic(coefficients)
    numeric = gradient(function, point)
    assert np.allclose(analytic(np.array(point)), numeric,
                       rtol=1e-6, atol=1e-6)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.1, 10), st.floats(-10, 10))
def test_one_variable_quadratic_matches_finite_differences(c, x):
    function, analytic = quadratic(c)
    assert function(x) == pytest.approx(c * x * x)
    assert analytic(x) == pytest.approx(derivative(function, x),
                                        rel=1e-6, abs=1e-6)


def test_quadratic_accepts_a_meshgrid():
    function, analytic = quadratic((1, 10))
    grid = np.array(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(0, 2, 3)))
    surface = function(grid)
    assert surface.shape == (3, 4)
    assert surface[2, 3] == pytest.approx(1 + 10 * 4)
    assert analytic(grid).shape == (2, 3, 4)


@pytest.mark.parametrize("coefficients", [0, -1, (1, 0), (1, float("inf"))])
def test_quadratic_rejects_bad_coefficients(coefficients):
    with pytest.raises(ValueError, match="coefficients"):
        quadratic(coefficients)


def test_quadratic_rejects_a_point_of_the_wrong_size():
    with pytest.raises(ValueError, match="coordinates"):
        bowl(np.array([1.0, 2.0, 3.0]))


# ------------------------------------------------------------ properties


@settings(max_examples=50, deadline=None)
@given(
    st.floats(0.1, 10),
    st.floats(0.01, 0.99),
    st.floats(1e-3, 100),
    st.booleans(),
)
def test_below_one_over_c_descent_settles(c, fraction, size, negative):
    _, slope = quadratic(c)
    start = -size if negative else size
    result = gradient_descent(slope, start, fraction / c, max_steps=5000)
    assert result.reason == "converged"
    assert abs(result.final) < abs(start)


@settings(max_examples=50, deadline=None)
@given(
    st.floats(0.1, 10),
    st.floats(1.01, 1e6),
    st.floats(1e-3, 100),
    st.booleans(),
)
def test_above_one_over_c_descent_blows_up(c, factor, size, negative):
    _, slope = quadratic(c)
    start = -size if negative else size
    result = gradient_descent(slope, start, factor / c, max_steps=5000)
    assert result.reason == "diverged"


@settings(max_examples=50, deadline=None)
@given(
    st.floats(1e-300, 1e300),
    st.floats(-1e6, 1e6),
    st.sampled_from(["gradient", "sign"]),
    st.floats(0, 10),
)
def test_no_runtime_warning_for_any_learning_rate(
    learning_rate, start, rule, noise
):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gradient_descent(
            square_gradient, start, learning_rate, rule=rule,
            function=square, noise=noise, seed=1, max_steps=200,
        )
    assert result.reason in STOP_REASONS
    assert np.all(np.isfinite(result.path))


@settings(max_examples=50, deadline=None)
@given(
    st.floats(1e-300, 1e300),
    st.tuples(st.floats(-1e300, 1e300), st.floats(-1e300, 1e300)),
)
def test_no_runtime_warning_near_the_largest_floats(learning_rate, start):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gradient_descent(
            bowl_gradient, start, learning_rate, function=bowl,
            divergence_bound=1e306, max_steps=200,
        )
    assert result.reason in STOP_REASONS


# ------------------------------------------------------------ overflow


def test_max_stable_learning_rate_of_a_nearly_flat_bowl_is_an_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"largest eigenvalue of at "
                                             r"least 1\.11e-308.*got 1e-320"):
            max_stable_learning_rate([[1e-320]])
    assert max_stable_learning_rate([[1e-300]]) == pytest.approx(2e300)


def test_quadratic_too_large_for_a_double_is_inf_without_a_warning():
    function, analytic = quadratic(1e300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert function(1e10) == np.inf
        assert analytic(-1e10) == -np.inf
        assert function(1e-10) == pytest.approx(1e280)


def test_quadratic_overflow_stops_descent_with_a_named_error():
    _, analytic = quadratic(1e300)
    with pytest.raises(ValueError, match="gradient must return finite"):
        gradient_descent(analytic, 1e10, 0.1, divergence_bound=1e11)


@pytest.mark.parametrize("start", [np.array([True, False]), [True], "1"])
def test_start_of_bools_or_text_is_a_type_error(start):
    with pytest.raises(TypeError, match="start must be a real number"):
        gradient_descent(bowl_gradient, start, 0.1)


def test_step_limit_has_a_ceiling():
    with pytest.raises(ValueError, match="max_steps must be at most"):
        gradient_descent(lambda x: 2 * x, 1.0, 0.1, max_steps=10**12)
