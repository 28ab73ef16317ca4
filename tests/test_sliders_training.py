"""The training slider: one seeded run per position, honest status lines."""

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import network
from helpers.sliders import training
from helpers.sliders.training import (
    describe_training,
    has_diverged,
    method_for,
    run_training,
    training_explorer,
    updates_per_epoch,
)

FALLBACK_LIMIT = 400_000


@pytest.fixture(scope="module")
def chapter_figure():
    """The chapter's setting: 64 examples, the default grid and epochs."""
    inputs, labels = network.make_dataset(64, seed=0)
    return training_explorer(
        inputs, labels, network.example_parameters(),
        initial={"batch_size": 64, "learning_rate": 1.0},
    )


@pytest.fixture(scope="module")
def small_data():
    return network.make_dataset(8, seed=1)


def small_figure(small_data, **options):
    inputs, labels = small_data
    settings_ = {"learning_rates": (0.3, 3.0), "batch_sizes": (1, 8),
                 "epochs": 3}
    settings_.update(options)
    return training_explorer(
        inputs, labels, network.example_parameters(), **settings_
    )


def curve_points(figure):
    """The drawn (x, y) data of whichever curve is showing."""
    scene = figure.scene
    for line in (scene.curve, scene.diverged_curve):
        if len(line.get_xdata()):
            return np.asarray(line.get_xydata(), dtype=float)
    raise AssertionError("no curve is drawn")


def test_chapter_grid_size_and_fallback_limit(chapter_figure):
    sizes = [len(c.values) for c in chapter_figure.controls]
    assert sizes == [7, 8]
    assert len(chapter_figure.fallback_html()) <= FALLBACK_LIMIT


def test_figure_changes_between_positions(chapter_figure):
    frames = chapter_figure.frames()
    assert len(frames) == 56
    curves = {frame[0] or frame[1] for frame in frames.values()}
    statuses = {frame[-1] for frame in frames.values()}
    assert len(curves) == 56
    assert len(statuses) == 56


def test_live_view_changes_between_positions(chapter_figure):
    first = chapter_figure.render_png()
    chapter_figure.set(batch_size=8)
    try:
        assert chapter_figure.render_png() != first
    finally:
        chapter_figure.set(batch_size=64)
    assert chapter_figure.render_png() == first


def test_text_plain_is_short_and_stable(chapter_figure, small_data):
    text = chapter_figure._repr_mimebundle_()["text/plain"]
    assert len(text) < 120
    assert "0x" not in text
    assert text == repr(small_figure(small_data))


def test_figure_is_identical_when_built_again(small_data):
    first = small_figure(small_data, seed=3)
    second = small_figure(small_data, seed=3)
    assert first.fallback_html() == second.fallback_html()


def test_seed_changes_the_shuffled_runs(small_data):
    first = small_figure(small_data, seed=3).frames()
    second = small_figure(small_data, seed=4).frames()
    # The status line ends with the final loss of the run.
    assert first["0,0"][-1] != second["0,0"][-1]  # batch size 1 shuffles
    assert first["1,0"][-1] == second["1,0"][-1]  # full batch does not


def test_extreme_positions_give_finite_curves_and_no_warnings(
    chapter_figure,
):
    extremes = [(1, 100.0), (1, 0.03), (64, 100.0), (64, 0.03)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for batch_size, rate in extremes:
                status = chapter_figure.set(
                    batch_size=batch_size, learning_rate=rate
                )
                points = curve_points(chapter_figure)
                assert np.all(np.isfinite(points))
                assert "nan" not in status.lower()
    finally:
        chapter_figure.set(batch_size=64, learning_rate=1.0)


def test_largest_rate_with_batch_size_one_is_reported_diverged(
    chapter_figure,
):
    try:
        status = chapter_figure.set(batch_size=1, learning_rate=100.0)
        assert "diverged: the loss rose from" in status
        assert len(chapter_figure.scene.curve.get_xdata()) == 0
        assert len(chapter_figure.scene.diverged_curve.get_xdata()) > 0
    finally:
        chapter_figure.set(batch_size=64, learning_rate=1.0)


def test_blown_up_parameters_are_reported_diverged(small_data):
    figure = small_figure(small_data, learning_rates=(0.3, 1e9))
    status = figure.set(batch_size=1, learning_rate=1e9)
    assert "diverged: a parameter left the bound" in status
    assert np.all(np.isfinite(curve_points(figure)))


def test_good_setting_reports_final_loss(chapter_figure):
    status = chapter_figure.status
    assert status.startswith("batch size 64 (batch, 1 update per epoch)")
    assert "final loss" in status and "diverged" not in status


def test_run_training_matches_network_train(small_data):
    inputs, labels = small_data
    parameters = network.example_parameters()
    ours = run_training(parameters, inputs, labels, learning_rate=0.5,
                        batch_size=4, epochs=2, seed=5)
    theirs = network.train(parameters, inputs, labels, learning_rate=0.5,
                           epochs=2, method="minibatch", batch_size=4,
                           seed=5)
    assert ours.epoch_losses == theirs.epoch_losses
    assert ours.method == "minibatch"


def test_has_diverged_compares_last_loss_with_first(small_data):
    inputs, labels = small_data
    result = network.train(network.example_parameters(), inputs, labels,
                           learning_rate=0.5, epochs=2)
    assert not has_diverged(result)
    assert describe_training(result).startswith("final loss")
    worse = dataclasses.replace(result, epoch_losses=(1.0, 0.5, 2.0))
    assert has_diverged(worse)
    assert describe_training(worse) == (
        "diverged: the loss rose from 1 to 2"
    )


def test_method_names_follow_the_batch_size():
    assert method_for(1, 64) == "sgd"
    assert method_for(64, 64) == "batch"
    assert method_for(8, 64) == "minibatch"
    with pytest.raises(ValueError, match="batch_size must be between 1"):
        method_for(65, 64)


@settings(max_examples=50, deadline=None)
@given(n=st.integers(1, 500), data=st.data())
def test_updates_per_epoch_cover_every_example_once(n, data):
    size = data.draw(st.integers(1, n))
    updates = updates_per_epoch(size, n)
    assert (updates - 1) * size < n <= updates * size
    assert updates == math.ceil(n / size)


def test_default_batch_sizes_double_up_to_n():
    inputs, labels = network.make_dataset(12, seed=0)
    figure = training_explorer(
        inputs, labels, network.example_parameters(),
        learning_rates=(0.1, 1.0), epochs=1,
    )
    assert figure.controls[0].values == (1, 2, 4, 8, 12)


@pytest.mark.parametrize(
    ("options", "error", "pattern"),
    [
        ({"learning_rates": (0.1, -1.0)}, ValueError,
         r"learning_rates must all be > 0"),
        ({"learning_rates": (0.1, float("nan"))}, ValueError,
         r"learning_rates must hold only finite"),
        ({"batch_sizes": (1, 9)}, ValueError,
         r"batch_sizes must lie between 1 and 8 .*got 9"),
        ({"batch_sizes": (1, 2.5)}, TypeError,
         r"batch_sizes\[1\] must be a positive integer; got 2.5"),
        ({"epochs": 0}, ValueError, r"epochs must be a positive integer"),
        ({"seed": -1}, ValueError, r"seed must be a non-negative integer"),
        ({"epochs": 10**6}, ValueError,
         r"would need \d+ parameter updates"),
        ({"initial": {"batch_size": 3}}, ValueError,
         r"initial for 'batch_size' must be one of"),
    ],
)
def test_bad_arguments_are_named(small_data, options, error, pattern):
    with pytest.raises(error, match=pattern):
        small_figure(small_data, **options)


def test_bad_data_is_rejected_by_name(small_data):
    inputs, labels = small_data
    with pytest.raises(ValueError, match="labels must have shape"):
        training_explorer(inputs, labels[:3], network.example_parameters())
    with pytest.raises(ValueError, match="missing: w1"):
        parameters = network.example_parameters()
        del parameters["w1"]
        training_explorer(inputs, labels, parameters)


def test_cost_cap_counts_every_update():
    assert training.MAX_UPDATES >= 8 * 20 * (64 + 32 + 16 + 8 + 4 + 2 + 1)


@pytest.mark.parametrize("result", [None, "x", {"epoch_losses": [1.0]}])
def test_status_helpers_need_a_training_result(result):
    for helper in (has_diverged, describe_training):
        with pytest.raises(TypeError, match="result must be the "
                                            "TrainingResult"):
            helper(result)


@pytest.mark.parametrize(
    ("options", "error", "pattern"),
    [({"batch_sizes": []}, ValueError, r"batch_sizes must hold at least 2 "
                                       r"sizes.*got \[\]"),
     ({"batch_sizes": 8}, TypeError, "batch_sizes must be a sequence"),
     ({"initial": {"epochs": 3}}, ValueError,
      r"'batch_size', 'learning_rate'; got 'epochs'"),
     ({"initial": [8]}, TypeError, "initial must be None or a dict")],
)
def test_empty_grids_and_unknown_initial_keys_are_named(
    small_data, options, error, pattern
):
    with pytest.raises(error, match=pattern):
        small_figure(small_data, **options)
