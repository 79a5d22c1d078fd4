"""reference.optimization_extras: exponentially weighted averages, RMSprop and the
further learning-rate schedules, by hand and as properties. (The module's graded
structure is checked with optimization's in test_optimization.py.)"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference.optimization_extras import (
    bias_corrected_average,
    exponentially_weighted_average,
    initialize_rmsprop,
    update_lr_exponential,
    update_lr_inverse_sqrt,
    update_lr_staircase,
    update_parameters_with_rmsprop,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=50)

sequences = hnp.arrays(np.float64, st.integers(0, 30), elements=st.floats(-100, 100, allow_nan=False))
betas = st.floats(0, 0.99)


def one_layer(W, b, dW, db):
    parameters = {"W1": np.array([[W]]), "b1": np.array([[b]])}
    grads = {"dW1": np.array([[dW]]), "db1": np.array([[db]])}
    return parameters, grads


# Exponentially weighted averages.


def test_weighted_average_by_hand():
    # v1 = 0.5 * 0 + 0.5 * 10 = 5, v2 = 0.5 * 5 + 0.5 * 20 = 12.5
    np.testing.assert_allclose(exponentially_weighted_average([10, 20], 0.5), [5, 12.5])


def test_bias_correction_by_hand():
    # 5 / (1 - 0.5), 12.5 / (1 - 0.25)
    np.testing.assert_allclose(bias_corrected_average([10, 20], 0.5), [10, 12.5 / 0.75])


@SETTINGS
@given(theta=sequences, beta=betas)
def test_weighted_average_is_the_geometrically_weighted_sum_of_the_past(theta, beta):
    v = exponentially_weighted_average(theta, beta)
    assert v.shape == theta.shape
    assert v.dtype == np.float64
    for t in range(1, theta.shape[0] + 1):
        weights = (1 - beta) * beta ** (t - np.arange(1, t + 1))  # for theta_1..theta_t
        assert v[t - 1] == pytest.approx(weights @ theta[:t], abs=1e-9)


@SETTINGS
@given(theta=sequences)
def test_weighted_average_with_beta_zero_is_the_sequence_itself(theta):
    np.testing.assert_array_equal(exponentially_weighted_average(theta, 0.0), theta)


@SETTINGS
@given(value=st.floats(-100, 100), length=st.integers(1, 50), beta=betas)
def test_bias_corrected_average_of_a_constant_is_that_constant_from_the_start(value, length, beta):
    corrected = bias_corrected_average(np.full(length, value), beta)
    np.testing.assert_allclose(corrected, value, rtol=1e-9, atol=1e-12)


def test_weighted_average_takes_lists_of_ints_and_returns_floats():
    v = exponentially_weighted_average([1, 2, 3], 0.9)
    assert v.dtype == np.float64
    assert v.shape == (3,)


def test_weighted_average_rejects_a_two_dimensional_sequence():
    with pytest.raises(ValueError, match=r"shape \(T,\)"):
        exponentially_weighted_average(np.ones((2, 3)), 0.9)


def test_bias_correction_rejects_beta_one():
    with pytest.raises(ValueError, match="beta < 1"):
        bias_corrected_average([1.0, 2.0], 1.0)


# RMSprop.


def test_rmsprop_starts_at_float_zeros_shaped_like_each_parameter():
    parameters = {
        "W1": np.ones((3, 2), dtype=int),
        "b1": np.ones((3, 1)),
        "W2": np.ones((1, 3)),
        "b2": np.ones((1, 1)),
    }
    s = initialize_rmsprop(parameters)
    assert set(s) == {"dW1", "db1", "dW2", "db2"}
    for key, value in s.items():
        assert value.shape == parameters[key[1:]].shape
        assert value.dtype == np.float64
        assert not value.any()


def test_rmsprop_step_by_hand():
    parameters, grads = one_layer(W=1.0, b=0.0, dW=2.0, db=0.0)
    s = initialize_rmsprop(parameters)
    parameters, s = update_parameters_with_rmsprop(parameters, grads, s, beta2=0.9, learning_rate=0.1)
    assert s["dW1"][0, 0] == pytest.approx(0.4)  # 0.9 * 0 + 0.1 * 2**2
    assert parameters["W1"][0, 0] == pytest.approx(1 - 0.1 * 2 / math.sqrt(0.4))
    assert parameters["b1"][0, 0] == 0.0


def test_rmsprop_adds_epsilon_outside_the_square_root():
    parameters, grads = one_layer(W=0.0, b=0.0, dW=1.0, db=1.0)
    s = initialize_rmsprop(parameters)
    parameters, _ = update_parameters_with_rmsprop(
        parameters, grads, s, beta2=0.0, learning_rate=1.0, epsilon=1.0
    )
    assert parameters["W1"][0, 0] == pytest.approx(-0.5)  # 1 / (sqrt(1) + 1)


@SETTINGS
@given(
    g=st.floats(1e-3, 10),
    sign=st.sampled_from([-1.0, 1.0]),
    beta2=betas,
    learning_rate=st.floats(1e-4, 1),
)
def test_first_rmsprop_step_has_length_lr_over_sqrt_one_minus_beta2(g, sign, beta2, learning_rate):
    parameters, grads = one_layer(W=0.0, b=0.0, dW=sign * g, db=0.0)
    s = initialize_rmsprop(parameters)
    parameters, _ = update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate)
    expected = -sign * learning_rate / math.sqrt(1 - beta2)  # no bias correction
    assert parameters["W1"][0, 0] == pytest.approx(expected, rel=1e-4)


def test_rmsprop_ignores_extra_gradient_keys_and_rebinds_the_parameters():
    parameters, grads = one_layer(W=1.0, b=1.0, dW=1.0, db=1.0)
    W1 = parameters["W1"]
    grads.update(dA1=np.ones((1, 4)), dZ1=np.ones((1, 4)))
    s = initialize_rmsprop(parameters)
    returned, returned_s = update_parameters_with_rmsprop(parameters, grads, s, 0.9, 0.1)
    assert returned is parameters
    assert returned_s is s
    assert set(s) == {"dW1", "db1"}
    assert parameters["W1"] is not W1
    assert W1[0, 0] == 1.0


# Learning-rate schedules.


def test_exponential_decay_by_hand():
    assert update_lr_exponential(0.2, 0) == 0.2
    assert update_lr_exponential(0.2, 2) == pytest.approx(0.2 * 0.95**2)
    assert update_lr_exponential(0.2, 3, base=0.5) == pytest.approx(0.025)


def test_inverse_sqrt_decay_by_hand():
    assert update_lr_inverse_sqrt(0.2, 1) == pytest.approx(0.2)
    assert update_lr_inverse_sqrt(0.2, 4) == pytest.approx(0.1)
    assert update_lr_inverse_sqrt(0.2, 9, k=3.0) == pytest.approx(0.2)


def test_inverse_sqrt_decay_needs_epoch_one_or_later():
    with pytest.raises(ValueError, match="epoch_num must be >= 1"):
        update_lr_inverse_sqrt(0.2, 0)


@SETTINGS
@given(
    learning_rate0=st.floats(1e-6, 1),
    epoch_num=st.integers(0, 10**4),
    drop=st.floats(0.01, 1),
    epochs_per_drop=st.integers(1, 100),
)
def test_staircase_is_constant_between_drops_and_multiplies_by_drop_at_each(
    learning_rate0, epoch_num, drop, epochs_per_drop
):
    drops = epoch_num // epochs_per_drop
    learning_rate = update_lr_staircase(learning_rate0, epoch_num, drop, epochs_per_drop)
    assert learning_rate == pytest.approx(learning_rate0 * drop**drops)
    first_of_step = drops * epochs_per_drop
    assert update_lr_staircase(learning_rate0, first_of_step, drop, epochs_per_drop) == learning_rate


def test_staircase_defaults_halve_the_rate_every_ten_epochs():
    rates = [update_lr_staircase(0.8, epoch) for epoch in (0, 9, 10, 19, 20)]
    assert rates == pytest.approx([0.8, 0.8, 0.4, 0.4, 0.2])
