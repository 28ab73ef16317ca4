"""Noisy descent on a curve with two valleys: how often it escapes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.calculus import derivative
from helpers.descent import EscapeResult, escape_rate, gradient_descent


def valleys(x):
    """x^4 - 3x^2 + x: a deep valley near -1.30, a shallow one near 1.13."""
    return x ** 4 - 3 * x ** 2 + x


def valleys_gradient(x):
    return 4 * x ** 3 - 6 * x + 1


# The hill top between the valleys, where the gradient is zero.
HILL_TOP = 0.16993844


def test_valleys_gradient_matches_finite_differences():
    for x in (-1.7, -0.4, 0.0, 0.9, 1.6):
        assert valleys_gradient(x) == pytest.approx(
            derivative(valleys, x), rel=1e-6, abs=1e-8
        )


def test_hill_top_separates_the_valleys():
    assert abs(valleys_gradient(HILL_TOP)) < 1e-6
    left = gradient_descent(valleys_gradient, HILL_TOP - 0.01, 0.05)
    right = gradient_descent(valleys_gradient, HILL_TOP + 0.01, 0.05)
    assert left.final == pytest.approx(-1.3008, abs=1e-3)
    assert right.final == pytest.approx(1.1309, abs=1e-3)


def test_without_noise_no_run_escapes():
    result = escape_rate(valleys_gradient, 1.0, 0.05, barrier=HILL_TOP,
                         noise=0.0, runs=20)
    assert (result.escaped, result.stayed, result.diverged) == (0, 20, 0)
    assert result.rate == 0.0


def test_counts_match_the_runs_one_by_one():
    result = escape_rate(valleys_gradient, 1.0, 0.05, barrier=HILL_TOP,
                         noise=0.3, runs=30, max_steps=80)
    finals = [
        gradient_descent(valleys_gradient, 1.0, 0.05, noise=0.3, seed=seed,
                         max_steps=80).final
        for seed in range(30)
    ]
    assert result.escaped == sum(final < HILL_TOP for final in finals)
    assert result.stayed == sum(final > HILL_TOP for final in finals)


def test_same_seeds_give_the_same_counts():
    first = escape_rate(valleys_gradient, 1.0, 0.05, barrier=HILL_TOP,
                        noise=0.25, runs=25)
    second = escape_rate(valleys_gradient, 1.0, 0.05, barrier=HILL_TOP,
                         noise=0.25, runs=25)
    assert first == second


def test_more_noise_means_more_escapes():
    rates = [
        escape_rate(valleys_gradient, 1.0, 0.05, barrier=HILL_TOP,
                    noise=level, runs=60).rate
        for level in (0.05, 0.2, 0.35)
    ]
    assert rates[0] == 0.0
    assert rates[0] < rates[1] < rates[2]


def test_escape_from_the_left_means_ending_on_the_right():
    # From the deep valley the far side is the shallow one, to the right.
    result = escape_rate(valleys_gradient, -1.3, 0.05, barrier=HILL_TOP,
                         noise=0.35, runs=40)
    finals = np.array([
        gradient_descent(valleys_gradient, -1.3, 0.05, noise=0.35,
                         seed=seed, max_steps=100).final
        for seed in range(40)
    ])
    assert result.escaped == int(np.sum(finals > HILL_TOP))


def test_runs_that_blow_up_are_counted_apart():
    result = escape_rate(valleys_gradient, 1.0, 0.2, barrier=HILL_TOP,
                         noise=1.0, runs=20)
    assert result.diverged > 0
    assert result.runs == 20


@settings(max_examples=30, deadline=None)
@given(noise=st.floats(0.0, 0.5), runs=st.integers(1, 8))
def test_every_run_is_counted_once(noise, runs):
    result = escape_rate(valleys_gradient, 1.0, 0.05, barrier=HILL_TOP,
                         noise=noise, runs=runs, max_steps=20)
    assert result.runs == runs
    assert 0.0 <= result.rate <= 1.0


def test_repr_is_short_and_rounded():
    result = EscapeResult(noise=0.3, escaped=153, stayed=47, diverged=0)
    assert repr(result) == (
        "EscapeResult(noise=0.3, escaped=153, stayed=47, diverged=0, "
        "rate=0.765)"
    )


@pytest.mark.parametrize(
    ("arguments", "error", "words"),
    [
        ({"barrier": 1.0}, ValueError, "barrier must differ from start"),
        ({"runs": 0}, ValueError, "runs must be a positive integer"),
        ({"runs": 2.5}, TypeError, "runs must be a positive integer"),
        ({"noise": -0.1}, ValueError, "noise must be a number >= 0"),
        ({"barrier": float("nan")}, ValueError, "barrier must be a finite"),
    ],
)
def test_bad_arguments_are_named(arguments, error, words):
    settings_ = {"barrier": HILL_TOP, "noise": 0.1, "runs": 3}
    settings_.update(arguments)
    with pytest.raises(error, match=words):
        escape_rate(valleys_gradient, 1.0, 0.05, **settings_)
