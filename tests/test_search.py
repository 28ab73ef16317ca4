"""Tests for helpers.search: the article's probes, where probing fails."""

import dataclasses

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.search import (
    SEARCH_REASONS,
    VERDICTS,
    Probe,
    SearchResult,
    probing_search,
)


def square(x):
    return x * x


def test_article_probes_on_x_squared():
    result = probing_search(square, 1, 0.5)
    assert [(p.x, p.verdict) for p in result.probes] == [
        (1.5, "rejected"),
        (0.5, "accepted"),
        (0.0, "accepted"),
        (-0.5, "rejected"),
    ]
    assert result.minimum == 0
    assert result.reason == "no lower neighbour"


def test_probe_values_are_the_function_values():
    result = probing_search(square, 1, 0.5)
    assert all(p.value == square(p.x) for p in result.probes)
    assert result.start_value == square(1)


def test_moving_right_first_never_turns_back():
    result = probing_search(lambda x: (x - 2) ** 2, 0, 0.5)
    assert [p.verdict for p in result.probes] == (
        ["accepted"] * 4 + ["rejected"]
    )
    assert result.minimum == 2


def test_a_start_between_higher_neighbours_stays_put():
    result = probing_search(square, 0, 1)
    assert [(p.x, p.verdict) for p in result.probes] == [
        (1, "rejected"),
        (-1, "rejected"),
    ]
    assert result.minimum == 0
    assert result.path == (0,)


def test_path_is_the_start_then_every_move():
    result = probing_search(square, 1, 0.5)
    assert result.path == (1, 0.5, 0)


def test_a_minimum_between_grid_points_is_missed():
    # The grid from 1 in steps of 0.5 holds 0.5 and 0, not 0.3; of those,
    # 0.5 is nearer to 0.3 and so has the lower value.
    result = probing_search(lambda x: (x - 0.3) ** 2, 1, 0.5)
    assert result.minimum == 0.5
    assert abs(result.minimum - 0.3) <= 0.5 / 2


def test_a_local_minimum_catches_the_search():
    def two_dips(x):
        return x**4 - 3 * x**2 + x

    result = probing_search(two_dips, 2, 0.1)
    assert result.reason == "no lower neighbour"
    assert 1 < result.minimum < 1.3
    assert two_dips(-1.3) < two_dips(result.minimum)


def test_probe_limit_stops_a_search_that_keeps_falling():
    result = probing_search(lambda x: -x, 0, 1, max_probes=5)
    assert result.reason == "probe limit"
    assert len(result.probes) == 5
    assert result.minimum == 5


def test_equal_values_are_not_lower():
    result = probing_search(lambda x: 1.0, 0, 1)
    assert [p.verdict for p in result.probes] == ["rejected", "rejected"]
    assert result.minimum == 0


def test_grid_points_do_not_drift():
    result = probing_search(lambda x: -x, 0, 0.1, max_probes=30)
    assert result.probes[-1].x == 0 + 30 * 0.1


@settings(max_examples=50, deadline=None)
@given(
    st.floats(-10, 10),
    st.floats(-10, 10),
    st.floats(0.1, 5),
)
def test_on_a_bowl_the_search_ends_within_half_a_step(start, centre, step):
    # A centre exactly halfway between two grid points is a tie that the
    # last bit of rounding decides; the claims below are about the rest.
    assume(abs((centre - start) / step % 1 - 0.5) > 1e-6)

    def bowl(x):
        return (x - centre) ** 2

    result = probing_search(bowl, start, step)
    assert result.reason == "no lower neighbour"
    assert abs(result.minimum - centre) <= step / 2 + 1e-9
    assert bowl(result.minimum + step) >= bowl(result.minimum)
    assert bowl(result.minimum - step) >= bowl(result.minimum)


@settings(max_examples=50, deadline=None)
@given(st.floats(-10, 10), st.floats(0.1, 5))
def test_accepted_probes_go_strictly_downhill(start, step):
    result = probing_search(lambda x: (x - 1) ** 4 - x, start, step)
    values = [p.value for p in result.probes if p.verdict == "accepted"]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)
    assert all(p.verdict in VERDICTS for p in result.probes)
    assert result.reason in SEARCH_REASONS


def test_table_has_a_line_per_probe():
    result = probing_search(square, 1, 0.5)
    lines = result.table().splitlines()
    assert len(lines) == 2 + len(result.probes)
    assert lines[2].split() == ["1", "1.5", "2.25", "rejected"]
    assert lines[-1].split() == ["4", "-0.5", "0.25", "rejected"]


def test_reprs_are_short_and_rounded():
    result = probing_search(square, 1, 0.5)
    assert repr(result) == (
        "SearchResult(minimum=0, probes=4, reason='no lower neighbour')"
    )
    assert repr(Probe(0.30000000000000004, 0.09, "accepted")) == (
        "Probe(x=0.3, value=0.09, verdict='accepted')"
    )


def test_results_cannot_be_changed():
    result = probing_search(square, 1, 0.5)
    assert isinstance(result, SearchResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.minimum = 3.0


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"function": 2}, TypeError, "function"),
        ({"start": float("nan")}, ValueError, "start"),
        ({"start": "1"}, TypeError, "start"),
        ({"step": 0}, ValueError, "step"),
        ({"step": -0.5}, ValueError, "step"),
        ({"max_probes": 0}, ValueError, "max_probes"),
        ({"function": lambda x: float("nan")}, ValueError, "function"),
        ({"function": lambda x: "low"}, ValueError, "function"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, name):
    arguments = {"function": square, "start": 1.0, "step": 0.5, **kwargs}
    with pytest.raises(error, match=name):
        probing_search(**arguments)


@pytest.mark.parametrize(("start", "step"), [(1.0, 1e-300), (1e8, 1e-9)])
def test_a_step_too_small_to_move_start_is_refused(start, step):
    # It used to "reject" probes that stood exactly on the start.
    with pytest.raises(ValueError, match=r"step must be large enough to "
                                         r"move start"):
        probing_search(square, start, step)


def test_the_smallest_step_that_moves_start_is_accepted():
    result = probing_search(square, 1.0, 2.3e-16, max_probes=3)
    assert all(probe.x != 1.0 for probe in result.probes)


def test_a_function_that_overflows_is_a_named_error():
    # Python floats raise OverflowError where numpy would return inf.
    with pytest.raises(ValueError, match=r"overflowed at x=1e\+308"):
        probing_search(lambda x: x**2, 1e308, 1e308)
    with pytest.raises(ValueError, match=r"overflowed at x=1e\+300"):
        probing_search(lambda x: -(x**2), 1.0, 1e300)
