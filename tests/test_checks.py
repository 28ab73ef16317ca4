"""The argument checks name the argument, the bad value and what is allowed."""

import math

import numpy as np
import pytest

from helpers import _checks


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_finite_number_rejects_non_finite(bad):
    with pytest.raises(ValueError, match=r"learning_rate must be a finite"):
        _checks.finite_number("learning_rate", bad)


@pytest.mark.parametrize("bad", ["0.1", None, True, [1.0]])
def test_finite_number_rejects_non_numbers(bad):
    with pytest.raises(TypeError, match="start must be a real number"):
        _checks.finite_number("start", bad)


@pytest.mark.parametrize("bad", [0, -0.1, -1e300])
def test_positive_number_names_value_and_range(bad):
    with pytest.raises(ValueError) as error:
        _checks.positive_number("learning_rate", bad)
    assert "learning_rate" in str(error.value)
    assert repr(bad) in str(error.value)
    assert "> 0" in str(error.value)


@pytest.mark.parametrize("bad", [0, -3])
def test_positive_int_rejects_non_positive(bad):
    with pytest.raises(ValueError, match=rf"max_steps .*got {bad}"):
        _checks.positive_int("max_steps", bad)


@pytest.mark.parametrize("bad", [2.0, "3", True, None])
def test_positive_int_rejects_non_integers(bad):
    with pytest.raises(TypeError, match="positive integer"):
        _checks.positive_int("max_steps", bad)


def test_positive_int_accepts_numpy_integers():
    assert _checks.positive_int("epochs", np.int64(3)) == 3


def test_number_in_range():
    assert _checks.number_in_range("p", 0.5, 0, 1) == 0.5
    with pytest.raises(ValueError, match="between 0 and 1; got 1.5"):
        _checks.number_in_range("p", 1.5, 0, 1)


def test_finite_array_shape_and_content():
    array = _checks.finite_array("x", [[1, 2], [3, 4]], shape=(None, 2))
    assert array.dtype == float and array.shape == (2, 2)
    with pytest.raises(ValueError, match=r"x must have shape \('any', 3\)"):
        _checks.finite_array("x", [[1, 2]], shape=(None, 3))
    with pytest.raises(ValueError, match="x must have 1 dimension"):
        _checks.finite_array("x", [[1.0]], ndim=1)
    with pytest.raises(ValueError, match="x must not be empty"):
        _checks.finite_array("x", [])
    with pytest.raises(ValueError, match="only finite numbers"):
        _checks.finite_array("x", [1.0, np.nan])
    with pytest.raises(TypeError, match="array of real numbers"):
        _checks.finite_array("x", ["a", "b"])


def test_one_of_lists_the_choices():
    with pytest.raises(ValueError, match="'gradient', 'sign'; got 'sgn'"):
        _checks.one_of("rule", "sgn", ("gradient", "sign"))


def test_callable_arg():
    with pytest.raises(TypeError, match="gradient must be a function"):
        _checks.callable_arg("gradient", 3)


def test_interval():
    assert _checks.interval("x_range", (-1, 2)) == (-1.0, 2.0)
    with pytest.raises(ValueError, match="low < high"):
        _checks.interval("x_range", (2, 2))


# ------------------------------------------- what counts as a real number


@pytest.mark.parametrize(
    "bad",
    ["1", b"1", None, True, np.True_, [True, False], np.array([True]),
     [1.0, None], [1, "a"], [1 + 2j], np.array([1 + 2j]), [[1, 2], [3]]],
)
def test_finite_array_rejects_text_none_bools_and_complex(bad):
    with pytest.raises(TypeError, match=r"u must be a real number or an "
                                        r"array of real numbers; got"):
        _checks.finite_array("u", bad)


@pytest.mark.parametrize(
    ("good", "expected"),
    [(np.float64(0.5), 0.5), (np.int64(3), 3.0), (2, 2.0),
     ([1, 2.5], [1.0, 2.5]), (np.array([1, 2]), [1.0, 2.0]),
     (np.float32([1.5]), [1.5]), ([2**70], [2.0**70])],
)
def test_finite_array_accepts_numbers_and_numeric_arrays(good, expected):
    array = _checks.finite_array("u", good)
    assert array.dtype == float
    np.testing.assert_array_equal(array, expected)


def test_finite_array_keeps_a_float_array_without_copying():
    array = np.array([1.0, 2.0])
    assert _checks.finite_array("u", array) is array


# ------------------------------------------------------- ranges and steps


def test_interval_limit_names_the_bounds():
    assert _checks.interval("x_range", (-1e6, 1e6), 1e6) == (-1e6, 1e6)
    with pytest.raises(ValueError, match=r"x_range must lie between "
                                         r"-1e\+06 and 1e\+06"):
        _checks.interval("x_range", (-1e308, 1e308), 1e6)


@pytest.mark.parametrize(
    ("h", "scale"), [(1e-320, 0.0), (1e-11, 1.0), (1e300, 1.0), (2.0, 1.0),
                     (1e-6, 1e7), (1e9, 1e8)],
)
def test_difference_step_outside_its_range_is_refused(h, scale):
    with pytest.raises(ValueError, match=r"h must be between .*got"):
        _checks.difference_step("h", h, scale)


@pytest.mark.parametrize(
    ("h", "scale"), [(1e-10, 0.0), (1e-6, -3.0), (1.0, 0.0), (1e-5, 1e7),
                     (5.0, 1e7)],
)
def test_difference_step_inside_its_range_is_kept(h, scale):
    assert _checks.difference_step("h", h, scale) == h
    # The step really moves x: x + h differs from x.
    assert scale + h != scale


def test_named_values_refuses_unknown_keys_and_non_mappings():
    allowed = ("learning_rate", "start")
    assert _checks.named_values("initial", None, allowed) == {}
    assert _checks.named_values("initial", {"start": 1}, allowed) == {
        "start": 1}
    with pytest.raises(ValueError, match=r"initial may only hold the keys "
                                         r"'learning_rate', 'start'; got "
                                         r"'bogus'"):
        _checks.named_values("initial", {"bogus": 1}, allowed)
    with pytest.raises(TypeError, match=r"initial must be None or a dict"):
        _checks.named_values("initial", [1], allowed)


def test_box_checks_each_pair():
    assert _checks.box("box", (-1, 1, -2, 2)) == (-1.0, 1.0, -2.0, 2.0)
    with pytest.raises(ValueError, match=r"box\[0:2\] must be \(low, high"):
        _checks.box("box", (1, 0, 1, 0))
    with pytest.raises(ValueError, match=r"box must have shape \(4,\)"):
        _checks.box("box", (0, 1))
    with pytest.raises(ValueError, match=r"box\[2:4\] must lie between"):
        _checks.box("box", (0, 1, 0, 1e200), limit=1e6)


@pytest.mark.parametrize(
    ("levels", "error", "words"),
    [([], ValueError, "not be empty"), ([np.nan], ValueError, "finite"),
     (0, ValueError, "positive integer"), (-3, ValueError, "positive"),
     ("abc", TypeError, "increasing sequence"), (2.5, TypeError, "integer"),
     (True, TypeError, "positive integer"),
     ([3, 2, 1], ValueError, "increasing"), ([1, 1], ValueError, "incr")],
)
def test_contour_levels_are_checked(levels, error, words):
    with pytest.raises(error, match=f"levels must.*{words}"):
        _checks.contour_levels("levels", levels)


def test_contour_levels_accepts_a_count_or_rising_heights():
    assert _checks.contour_levels("levels", 12) == 12
    heights = _checks.contour_levels("levels", [1, 4, 9])
    np.testing.assert_array_equal(heights, [1.0, 4.0, 9.0])


# --------------------------------------------------- a function's values


def test_curve_values_names_the_first_bad_x():
    xs = np.linspace(-1.0, 1.0, 5)
    with pytest.raises(ValueError, match=r"function must be finite over "
                                         r"x_range=\(-1, 1\); got nan at "
                                         r"x=-1"):
        _checks.curve_values("function", np.log, xs, "x_range=(-1, 1)")


def test_curve_values_catches_overflow_without_a_warning():
    xs = np.array([1.0, 1e200])
    with pytest.raises(ValueError, match=r"got inf at x=1e\+200"):
        _checks.curve_values("function", np.square, xs, "path")


def test_curve_values_broadcasts_a_constant():
    xs = np.linspace(0.0, 1.0, 4)
    values = _checks.curve_values("function", lambda x: 2.0, xs, "here")
    np.testing.assert_array_equal(values, [2.0] * 4)


def test_curve_values_refuses_a_function_of_one_number_only():
    with pytest.raises(TypeError, match=r"function must accept a numpy "
                                        r"array .*np.vectorize"):
        _checks.curve_values("function", math.sin, np.zeros(3), "here")


def test_curve_values_refuses_text_and_wrong_lengths():
    with pytest.raises(TypeError, match="values of function"):
        _checks.curve_values("function", lambda x: "a", np.zeros(3), "h")
    with pytest.raises(ValueError, match="one value per x"):
        _checks.curve_values("function", lambda x: x[:2], np.zeros(3), "h")


def test_surface_values_are_rows_over_y_and_report_the_bad_point():
    xs, ys = np.array([0.0, 1.0, 2.0]), np.array([10.0, 20.0])
    heights = _checks.surface_values(
        "function", lambda p: p[0] + p[1], xs, ys, "box")
    np.testing.assert_array_equal(heights, [[10, 11, 12], [20, 21, 22]])
    with pytest.raises(ValueError, match=r"got inf at \(x, y\)=\(2, 10\)"):
        _checks.surface_values(
            "function", lambda p: np.exp(400 * p[0]), xs, ys, "box")
    with pytest.raises(ValueError, match="one number per point"):
        _checks.surface_values("function", lambda p: p, xs, ys, "box")
