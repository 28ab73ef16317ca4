"""Tests for helpers.network: the worked 3-2-2 network."""

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import activations, network
from helpers.network import (
    PARAMETER_NAMES,
    backward,
    example_inputs,
    example_labels,
    example_parameters,
    fit_each_example_then_average,
    forward,
    gradient_check,
    loss,
    make_dataset,
    numerical_gradients,
    step,
    train,
)


def sigmoid(u: float) -> float:
    return 1 / (1 + math.exp(-u))


def by_hand(p, i, f):
    """The forward pass and the deltas, written out once more in math."""
    z_h1 = p["w1"] * i[0] + p["w2"] * i[1] + p["w3"] * i[2]
    h1 = sigmoid(z_h1)
    h2 = p["w4"] * i[0] + p["w5"] * i[1] + p["w6"] * i[2]
    o1 = sigmoid(p["w7"] * h1 + p["w8"] * h2 + p["b1"])
    o2 = sigmoid(p["w9"] * h1 + p["w10"] * h2 + p["b2"])
    d1 = (o1 - f[0]) * o1 * (1 - o1)
    d2 = (o2 - f[1]) * o2 * (1 - o2)
    return {"h1": h1, "h2": h2, "o1": o1, "o2": o2, "d1": d1, "d2": d2}


parameter_sets = st.lists(
    st.floats(-2, 2), min_size=12, max_size=12
).map(lambda values: dict(zip(PARAMETER_NAMES, values)))


def batches(max_examples: int = 5):
    return st.integers(1, max_examples).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.lists(st.floats(-2, 2), min_size=3, max_size=3),
                min_size=n, max_size=n,
            ),
            st.lists(
                st.lists(st.floats(0, 1), min_size=2, max_size=2),
                min_size=n, max_size=n,
            ),
        )
    )


@pytest.fixture
def worked():
    return example_parameters(), example_inputs(), example_labels()


@pytest.fixture
def dataset():
    return make_dataset(20, seed=0)


# --- the worked example -------------------------------------------------


def test_parameter_names_are_the_twelve_of_the_article():
    assert PARAMETER_NAMES == tuple(
        [f"w{k}" for k in range(1, 11)] + ["b1", "b2"]
    )
    assert tuple(example_parameters()) == PARAMETER_NAMES


def test_example_numbers_are_readable_and_non_trivial(worked):
    p, i, f = worked
    assert all(round(v, 2) == v for v in p.values())
    assert any(v < 0 for v in p.values())
    assert len(i) == 3 and len(f) == 2
    result = forward(p, i)
    for value in (result.z_h1, result.h2, result.z_o1, result.z_o2):
        assert abs(value) > 0.01


def test_forward_matches_the_formulas_by_hand(worked):
    p, i, f = worked
    result = forward(p, i)
    hand = by_hand(p, i, f)
    for name in ("h1", "h2", "o1", "o2"):
        assert getattr(result, name) == pytest.approx(hand[name], rel=1e-14)
    assert result.h1 == activations.sigmoid(result.z_h1)
    assert isinstance(result.o1, float)


def test_loss_is_half_the_squared_error_of_the_outputs(worked):
    p, i, f = worked
    hand = by_hand(p, i, f)
    expected = 0.5 * ((hand["o1"] - f[0]) ** 2 + (hand["o2"] - f[1]) ** 2)
    assert loss(p, i, f) == pytest.approx(expected, rel=1e-14)


def test_article_formula_for_w7(worked):
    p, i, f = worked
    fp = forward(p, i)
    expected = (fp.o1 - f[0]) * fp.o1 * (1 - fp.o1) * fp.h1
    assert backward(p, i, f).gradients["w7"] == pytest.approx(
        expected, rel=1e-14
    )


def test_article_formula_for_w1(worked):
    p, i, f = worked
    fp = forward(p, i)
    d1 = (fp.o1 - f[0]) * fp.o1 * (1 - fp.o1)
    d2 = (fp.o2 - f[1]) * fp.o2 * (1 - fp.o2)
    expected = (d1 * p["w7"] + d2 * p["w9"]) * fp.h1 * (1 - fp.h1) * i[0]
    result = backward(p, i, f)
    assert result.d1 == pytest.approx(d1, rel=1e-14)
    assert result.d2 == pytest.approx(d2, rel=1e-14)
    assert result.gradients["w1"] == pytest.approx(expected, rel=1e-14)


def test_article_formula_for_w6(worked):
    p, i, f = worked
    hand = by_hand(p, i, f)
    expected = (hand["d1"] * p["w8"] + hand["d2"] * p["w10"]) * 1 * i[2]
    assert backward(p, i, f).gradients["w6"] == pytest.approx(
        expected, rel=1e-13
    )


def test_the_deltas_are_reused_by_every_formula(worked):
    p, i, f = worked
    r = backward(p, i, f)
    g, fp = r.gradients, r.forward
    assert g["b1"] == r.d1 and g["b2"] == r.d2
    assert g["w8"] == pytest.approx(r.d1 * fp.h2)
    assert g["w10"] == pytest.approx(r.d2 * fp.h2)
    for k, name in enumerate(("w1", "w2", "w3")):
        assert g[name] == pytest.approx(r.delta_h1 * i[k])
    for k, name in enumerate(("w4", "w5", "w6")):
        assert g[name] == pytest.approx(r.delta_h2 * i[k])


def test_worked_example_passes_the_gradient_check(worked):
    differences = gradient_check(*worked)
    assert set(differences) == set(PARAMETER_NAMES)
    assert max(differences.values()) < 1e-6


# --- gradients against central differences -----------------------------


@settings(max_examples=50, deadline=None)
@given(p=parameter_sets, example=batches(1))
def test_all_gradients_match_central_differences_one_example(p, example):
    inputs, labels = example[0][0], example[1][0]
    differences = gradient_check(p, inputs, labels)
    assert max(differences.values()) < 1e-6


@settings(max_examples=50, deadline=None)
@given(p=parameter_sets, batch=batches())
def test_all_gradients_match_central_differences_batch(p, batch):
    differences = gradient_check(p, *batch)
    assert max(differences.values()) < 1e-6


@settings(max_examples=50, deadline=None)
@given(p=parameter_sets, batch=batches())
def test_batch_gradient_is_the_sum_of_per_example_gradients(p, batch):
    inputs, labels = np.array(batch[0]), np.array(batch[1])
    summed = backward(p, inputs, labels).gradients
    for name in PARAMETER_NAMES:
        alone = [
            backward(p, x, y).gradients[name] for x, y in zip(inputs, labels)
        ]
        assert summed[name] == pytest.approx(sum(alone), rel=1e-12,
                                             abs=1e-14)


def test_batch_loss_is_the_sum_of_per_example_losses(dataset):
    p = example_parameters()
    inputs, labels = dataset
    alone = [loss(p, x, y) for x, y in zip(inputs, labels)]
    assert loss(p, inputs, labels) == pytest.approx(sum(alone), rel=1e-13)


def test_numerical_gradients_agree_with_backward_in_absolute_terms(
    dataset,
):
    p = example_parameters()
    numeric = numerical_gradients(p, *dataset)
    analytic = backward(p, *dataset).gradients
    for name in PARAMETER_NAMES:
        assert numeric[name] == pytest.approx(analytic[name], abs=1e-8)


def test_gradient_check_detects_a_wrong_gradient(worked, monkeypatch):
    real = network._summed_gradients

    def wrong(columns, values, deltas):
        sums = real(columns, values, deltas)
        return {**sums, "w3": 2 * sums["w3"]}

    monkeypatch.setattr(network, "_summed_gradients", wrong)
    differences = gradient_check(*worked)
    assert differences["w3"] > 0.1
    assert differences["w2"] < 1e-6


# --- descent and training -----------------------------------------------


def test_one_small_step_lowers_the_loss(worked):
    p, i, f = worked
    moved = step(p, backward(p, i, f).gradients, learning_rate=0.01)
    assert loss(moved, i, f) < loss(p, i, f)


@settings(max_examples=50, deadline=None)
@given(p=parameter_sets, batch=batches())
def test_one_tiny_step_never_raises_the_loss(p, batch):
    gradients = backward(p, *batch).gradients
    moved = step(p, gradients, learning_rate=1e-4)
    assert loss(moved, *batch) <= loss(p, *batch) + 1e-12


def test_step_returns_a_new_dict_and_keeps_the_old(worked):
    p, i, f = worked
    before = dict(p)
    gradients = backward(p, i, f).gradients
    moved = step(p, gradients, learning_rate=0.5)
    assert p == before
    assert moved["w7"] == pytest.approx(p["w7"] - 0.5 * gradients["w7"])


@pytest.mark.parametrize(
    "method, batch_size", [("batch", None), ("sgd", None), ("minibatch", 6)]
)
def test_training_lowers_the_loss(dataset, method, batch_size):
    result = train(
        example_parameters(), *dataset, learning_rate=0.5, epochs=15,
        method=method, batch_size=batch_size,
    )
    losses = result.epoch_losses
    assert len(losses) == 16
    assert losses[-1] < 0.8 * losses[0]
    assert not result.diverged and result.reason == "completed"


@pytest.mark.parametrize(
    "method, batch_size, steps_per_epoch",
    [("batch", None, 1), ("sgd", None, 20), ("minibatch", 6, 4)],
)
def test_number_of_steps(dataset, method, batch_size, steps_per_epoch):
    result = train(
        example_parameters(), *dataset, learning_rate=0.1, epochs=3,
        method=method, batch_size=batch_size,
    )
    assert len(result.step_losses) == 3 * steps_per_epoch
    assert result.batch_size == (batch_size or {"batch": 20, "sgd": 1}[
        method])


def test_a_batch_epoch_is_one_step_on_the_mean_gradient(dataset):
    p = example_parameters()
    inputs, labels = dataset
    summed = backward(p, inputs, labels).gradients
    mean = {name: value / len(inputs) for name, value in summed.items()}
    expected = step(p, mean, learning_rate=0.3)
    result = train(p, inputs, labels, learning_rate=0.3, epochs=1)
    for name in PARAMETER_NAMES:
        assert result.parameters[name] == pytest.approx(expected[name])
    assert result.step_losses[0] == pytest.approx(
        loss(p, inputs, labels) / len(inputs)
    )


def test_epoch_losses_are_losses_over_the_whole_set(dataset):
    result = train(
        example_parameters(), *dataset, learning_rate=0.5, epochs=2,
        method="sgd",
    )
    assert result.epoch_losses[0] == pytest.approx(
        loss(example_parameters(), *dataset)
    )
    assert result.epoch_losses[-1] == pytest.approx(
        loss(result.parameters, *dataset)
    )


def test_seeded_training_is_reproducible(dataset):
    def run(seed):
        return train(
            example_parameters(), *dataset, learning_rate=0.5, epochs=3,
            method="sgd", seed=seed,
        )

    assert run(1) == run(1)
    assert run(1).parameters != run(2).parameters


def test_divergence_stops_training_without_warnings(dataset):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = train(
            example_parameters(), *dataset, learning_rate=1e8, epochs=5
        )
    assert result.diverged and result.reason == "diverged"
    assert all(math.isfinite(v) for v in result.parameters.values())
    assert "diverged" in repr(result)


def test_training_result_repr_is_short_and_stable(dataset):
    result = train(
        example_parameters(), *dataset, learning_rate=0.5, epochs=2
    )
    text = repr(result)
    assert text.startswith("TrainingResult(method='batch'")
    assert "epochs=2" in text and "0x" not in text
    assert len(text) < 160


# --- averaging per-example parameters vs summing the losses -------------


def test_averaging_is_measurably_worse_than_summing_the_losses():
    p = example_parameters()
    inputs, labels = make_dataset(20, seed=0)
    averaged = fit_each_example_then_average(
        p, inputs, labels, learning_rate=0.5, epochs=200
    )
    summed = train(p, inputs, labels, learning_rate=0.5, epochs=200)
    averaged_loss = loss(averaged, inputs, labels)
    summed_loss = summed.epoch_losses[-1]
    # About 1.40 against 0.053 from a start of 2.72.
    assert summed_loss < 0.1
    assert averaged_loss > 10 * summed_loss


def test_after_one_step_averaging_equals_a_batch_step(dataset):
    p = example_parameters()
    averaged = fit_each_example_then_average(
        p, *dataset, learning_rate=0.5, epochs=1
    )
    batch = train(p, *dataset, learning_rate=0.5, epochs=1).parameters
    for name in PARAMETER_NAMES:
        assert averaged[name] == pytest.approx(batch[name], rel=1e-12)


def test_each_copy_trains_as_if_alone(dataset):
    p = example_parameters()
    inputs, labels = dataset
    alone = train(
        p, inputs[3], labels[3], learning_rate=0.5, epochs=10
    ).parameters
    copy = fit_each_example_then_average(
        p, inputs[3:4], labels[3:4], learning_rate=0.5, epochs=10
    )
    for name in PARAMETER_NAMES:
        assert copy[name] == pytest.approx(alone[name], rel=1e-12)


# --- data --------------------------------------------------------------


def test_make_dataset_is_seeded_and_learnable():
    inputs, labels = make_dataset(30, seed=4)
    again, _ = make_dataset(30, seed=4)
    other, _ = make_dataset(30, seed=5)
    assert inputs.shape == (30, 3) and labels.shape == (30, 2)
    assert np.array_equal(inputs, again)
    assert not np.array_equal(inputs, other)
    assert np.all((labels > 0) & (labels < 1))
    assert labels.std() > 0.1
    assert loss(network.TEACHER_PARAMETERS, inputs, labels) == 0.0


# --- printed results ---------------------------------------------------


def test_forward_table_and_repr(worked):
    p, i, _ = worked
    result = forward(p, i)
    table = result.table()
    for name in ("i1", "z_h1", "h1", "h2", "z_o1", "o1", "z_o2", "o2"):
        assert f"\n{name} " in table
    assert f"{result.o2:.6f}" in table
    assert repr(result) == (
        f"ForwardPass(o1={result.o1:.4f}, o2={result.o2:.4f})"
    )


def test_forward_over_a_batch_keeps_arrays(dataset):
    inputs, _ = dataset
    result = forward(example_parameters(), inputs)
    assert result.o1.shape == (20,)
    assert repr(result) == "ForwardPass(n_examples=20)"
    row = forward(example_parameters(), inputs[7])
    assert result.example(7)["o2"] == pytest.approx(row.o2, rel=1e-14)
    assert f"{row.o2:.6f}" in result.table(7)
    with pytest.raises(ValueError, match="index must be between 0 and 19"):
        result.table(20)


def test_results_cannot_be_changed(worked, dataset):
    result = forward(example_parameters(), dataset[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.o1 = None
    with pytest.raises(ValueError):
        result.o1[0] = 0.0
    with pytest.raises(ValueError):
        result.inputs[0, 0] = 0.0


def test_backward_table_lists_every_parameter(worked):
    result = backward(*worked)
    table = result.table()
    for name in PARAMETER_NAMES:
        assert f"\n{name} " in table
        assert network.GRADIENT_FORMULAS[name] in table
    assert "(d1*w7 + d2*w9) * h1*(1-h1) * i1" in table
    assert f"{result.d1:.6f}" in table
    assert repr(result).startswith("Backward(d1=")


def test_backward_table_for_a_batch_says_summed(dataset):
    result = backward(example_parameters(), *dataset)
    assert "summed over 20 examples" in result.table()
    assert result.d1.shape == (20,)


# --- validation --------------------------------------------------------


def test_parameters_must_have_exactly_the_twelve_names(worked):
    p, i, f = worked
    broken = {k: v for k, v in p.items() if k != "w3"}
    broken["w11"] = 0.1
    with pytest.raises(ValueError, match="missing: w3; extra: w11"):
        forward(broken, i)
    with pytest.raises(TypeError, match="parameters must be a dict"):
        loss([0.1] * 12, i, f)


def test_parameter_values_must_be_finite(worked):
    p, i, f = worked
    with pytest.raises(ValueError, match=r"parameters\['w2'\].*finite"):
        backward({**p, "w2": float("nan")}, i, f)
    with pytest.raises(ValueError, match=r"gradients\['b1'\].*finite"):
        step(p, {**p, "b1": float("inf")}, learning_rate=0.1)


def test_inputs_and_labels_shapes_are_checked(worked, dataset):
    p, i, f = worked
    inputs, labels = dataset
    with pytest.raises(ValueError, match=r"inputs must have shape \(3,\)"):
        forward(p, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"labels must have shape \(2,\)"):
        loss(p, i, [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match=r"labels must have shape \(20, 2\)"):
        backward(p, inputs, labels[:5])
    with pytest.raises(ValueError, match="inputs must hold only finite"):
        forward(p, [1.0, float("nan"), 0.0])


def test_training_arguments_are_checked(dataset):
    p = example_parameters()
    with pytest.raises(ValueError, match="learning_rate.*> 0; got -0.1"):
        train(p, *dataset, learning_rate=-0.1, epochs=1)
    with pytest.raises(ValueError, match="learning_rate.*finite"):
        train(p, *dataset, learning_rate=float("nan"), epochs=1)
    with pytest.raises(ValueError, match="epochs must be a positive"):
        train(p, *dataset, learning_rate=0.1, epochs=0)
    with pytest.raises(TypeError, match="epochs must be a positive"):
        train(p, *dataset, learning_rate=0.1, epochs=2.5)
    with pytest.raises(ValueError, match="method must be one of.*'adam'"):
        train(p, *dataset, learning_rate=0.1, epochs=1, method="adam")


@pytest.mark.parametrize(
    "method, batch_size, message",
    [
        ("minibatch", None, "needs a batch_size between 1 and 20"),
        ("minibatch", 21, "between 1 and 20.*got 21"),
        ("minibatch", 0, "batch_size must be a positive integer"),
        ("sgd", 4, "always 1"),
        ("batch", 5, "always 20"),
    ],
)
def test_batch_size_is_checked(dataset, method, batch_size, message):
    with pytest.raises(ValueError, match=message):
        train(
            example_parameters(), *dataset, learning_rate=0.1, epochs=1,
            method=method, batch_size=batch_size,
        )


def test_other_arguments_are_checked(worked, dataset):
    p, i, f = worked
    with pytest.raises(ValueError, match="h must be a finite number > 0"):
        numerical_gradients(p, i, f, h=0.0)
    with pytest.raises(ValueError, match="seed must be a non-negative"):
        make_dataset(5, seed=-1)
    with pytest.raises(ValueError, match="n_examples"):
        make_dataset(0)
    with pytest.raises(ValueError, match="learning_rate"):
        fit_each_example_then_average(
            p, *dataset, learning_rate=0.0, epochs=1
        )


def test_overflow_becomes_a_clear_error(worked):
    p, _, f = worked
    huge = {**p, "w4": 1e200}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="overflow"):
            forward(huge, [1e200, 0.0, 0.0])
        with pytest.raises(ValueError, match="overflow"):
            backward(huge, [1e200, 0.0, 0.0], f)


@pytest.mark.parametrize("h", [1e-300, 1e-11, 1e300, 2.0])
def test_numerical_gradients_refuse_a_useless_step(worked, h):
    # h = 1e-300 used to give all zeros, h = 1e300 meaningless numbers.
    with pytest.raises(ValueError, match=r"h must be between 1e-10 and 1"):
        numerical_gradients(*worked, h=h)


def test_numerical_gradients_step_scales_with_the_parameters(worked):
    p, i, f = worked
    large = {**p, "w7": 1e7}
    with pytest.raises(ValueError, match=r"h must be between 1e-05"):
        numerical_gradients(large, i, f)
    estimates = numerical_gradients(large, i, f, h=1e-3)
    analytic = backward(large, i, f).gradients
    assert estimates["w7"] == pytest.approx(analytic["w7"], abs=1e-6)


def test_make_dataset_is_capped_before_it_fills_memory():
    with pytest.raises(ValueError, match=r"n_examples must be at most "
                                         r"1,000,000 .*; got 10,000,000,000"):
        make_dataset(10**10)
