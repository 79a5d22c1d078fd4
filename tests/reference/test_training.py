"""reference.training.model: the course's training loop with each optimizer."""

import numpy as np
import pytest

from reference import training
from reference.moons import load_dataset
from reference.nn_helpers import (
    compute_cost,
    forward_propagation,
    initialize_parameters,
    predict,
)
from reference.optimization import schedule_lr_decay
from reference.training import model

LAYERS_DIMS = [2, 5, 2, 1]


@pytest.fixture(scope="module")
def moons_data():
    return load_dataset()


def accuracy(parameters, X, Y):
    return np.mean(predict(X, Y, parameters) == Y)


def test_adam_with_the_course_settings_fits_the_moons_within_a_thousand_epochs(
    moons_data,
):
    train_X, train_Y = moons_data
    parameters, costs = model(train_X, train_Y, LAYERS_DIMS, optimizer="adam", num_epochs=1000)
    assert accuracy(parameters, train_X, train_Y) >= 0.9
    assert costs[-1] < 0.5 * costs[0]


@pytest.mark.parametrize(
    ("optimizer", "learning_rate"),
    [("gd", 0.0007), ("momentum", 0.0007), ("rmsprop", 0.001), ("adam", 0.0007)],
)
def test_every_optimizer_runs_and_lowers_the_cost(moons_data, optimizer, learning_rate):
    train_X, train_Y = moons_data
    parameters, costs = model(
        train_X,
        train_Y,
        LAYERS_DIMS,
        optimizer,
        learning_rate=learning_rate,
        num_epochs=30,
    )
    assert len(costs) == 30
    assert all(np.isfinite(costs))
    assert costs[-1] < costs[0]
    assert set(parameters) == {"W1", "b1", "W2", "b2", "W3", "b3"}


def test_the_cost_of_an_epoch_is_the_mean_cross_entropy_over_all_examples(moons_data):
    train_X, train_Y = moons_data
    _, costs = model(train_X, train_Y, LAYERS_DIMS, "gd", learning_rate=0.0, num_epochs=2)
    a3, _ = forward_propagation(train_X, initialize_parameters(LAYERS_DIMS))
    expected = compute_cost(a3, train_Y) / train_X.shape[1]
    assert costs == pytest.approx([expected, expected])


def test_epochs_shuffle_with_the_course_seeds_eleven_twelve_and_so_on(moons_data, monkeypatch):
    seeds = []
    original = training.random_mini_batches

    def recording(X, Y, mini_batch_size, seed):
        seeds.append(seed)
        return original(X, Y, mini_batch_size, seed)

    monkeypatch.setattr(training, "random_mini_batches", recording)
    model(*moons_data, LAYERS_DIMS, "gd", num_epochs=3)
    assert seeds == [11, 12, 13]


def test_adam_counts_its_steps_from_one_across_epochs(moons_data, monkeypatch):
    steps = []
    original = training.update_parameters_with_adam

    def recording(parameters, grads, v, s, t, *args):
        steps.append(t)
        return original(parameters, grads, v, s, t, *args)

    monkeypatch.setattr(training, "update_parameters_with_adam", recording)
    model(*moons_data, LAYERS_DIMS, "adam", mini_batch_size=100, num_epochs=2)
    assert steps == [1, 2, 3, 4, 5, 6]


def test_decay_sets_the_learning_rate_after_each_epoch_from_the_initial_rate(
    moons_data,
):
    calls = []

    def frozen_after_first_epoch(learning_rate0, epoch_num, decay_rate):
        calls.append((learning_rate0, epoch_num, decay_rate))
        return 0.0

    _, costs = model(
        *moons_data,
        LAYERS_DIMS,
        "gd",
        learning_rate=0.1,
        num_epochs=3,
        decay=frozen_after_first_epoch,
        decay_rate=0.3,
    )
    assert calls == [(0.1, 0, 0.3), (0.1, 1, 0.3), (0.1, 2, 0.3)]
    assert costs[1] != pytest.approx(costs[0])
    assert costs[2] == pytest.approx(costs[1])  # learning rate 0 from epoch 1 on


def test_the_course_schedules_plug_in_as_decay(moons_data):
    _, costs = model(
        *moons_data,
        LAYERS_DIMS,
        "adam",
        num_epochs=5,
        decay=schedule_lr_decay,
        decay_rate=1.0,
    )
    assert len(costs) == 5


def test_training_is_deterministic_and_prints_nothing_even_with_print_cost(moons_data, capsys):
    first = model(*moons_data, LAYERS_DIMS, "momentum", num_epochs=5, print_cost=True)
    second = model(*moons_data, LAYERS_DIMS, "momentum", num_epochs=5, print_cost=True)
    assert first[1] == second[1]
    assert capsys.readouterr().out == ""


def test_an_unknown_optimizer_is_refused_with_the_valid_names(moons_data):
    with pytest.raises(ValueError, match=r"unknown optimizer 'sgd'.*'rmsprop'"):
        model(*moons_data, LAYERS_DIMS, "sgd", num_epochs=1)
