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
