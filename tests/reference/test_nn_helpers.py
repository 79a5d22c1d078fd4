"""reference.nn_helpers and reference.moons: the course's 3-layer network helpers
(opt_utils_v1a) and the moons data set, without scikit-learn or global seeding."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from reference import moons, nn_helpers
from reference.moons import load_dataset, make_moons
from reference.nn_helpers import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    load_params_and_grads,
    predict,
    predict_dec,
    relu,
    sigmoid,
)

LAYERS_DIMS = [2, 5, 2, 1]


def with_global_seed(seed, draw):
    """What ``draw()`` gives after np.random.seed(seed), the global state restored."""
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(seed)  # noqa: NPY002
        return draw()
    finally:
        np.random.set_state(state)  # noqa: NPY002


def small_network(m=7, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, 4):
        n, n_prev = LAYERS_DIMS[l], LAYERS_DIMS[l - 1]
        parameters["W" + str(l)] = rng.normal(size=(n, n_prev))
        parameters["b" + str(l)] = rng.normal(size=(n, 1))
    X = rng.normal(size=(2, m))
    Y = (rng.random((1, m)) < 0.5).astype(int)
    return X, Y, parameters


def test_sigmoid_and_relu_by_hand():
    np.testing.assert_allclose(sigmoid(np.array([0.0, np.log(3)])), [0.5, 0.75])
    np.testing.assert_array_equal(relu(np.array([-2.0, 0.0, 3.0])), [0.0, 0.0, 3.0])


def test_initialize_parameters_is_he_initialization_drawn_like_the_course():
    parameters = initialize_parameters(LAYERS_DIMS)

    def course():
        return [
            np.random.randn(LAYERS_DIMS[l], LAYERS_DIMS[l - 1])  # noqa: NPY002
            * np.sqrt(2 / LAYERS_DIMS[l - 1])
            for l in range(1, 4)
        ]

    for l, W in enumerate(with_global_seed(3, course), start=1):
        np.testing.assert_array_equal(parameters["W" + str(l)], W)
        np.testing.assert_array_equal(parameters["b" + str(l)], np.zeros((LAYERS_DIMS[l], 1)))
    assert len(parameters) == 6


def test_load_params_and_grads_draws_the_course_shapes_from_the_seed():
    arrays = load_params_and_grads(seed=1)
    shapes = [(2, 3), (2, 1), (3, 3), (3, 1)] * 2
    assert [a.shape for a in arrays] == shapes
    expected = with_global_seed(1, lambda: [np.random.randn(*s) for s in shapes])  # noqa: NPY002
    for got, want in zip(arrays, expected, strict=True):
        np.testing.assert_array_equal(got, want)


def test_compute_cost_sums_the_cross_entropy_over_examples_rather_than_averaging():
    a3 = np.array([[0.5, 0.5, 0.9]])
    Y = np.array([[1, 0, 1]])
    assert compute_cost(a3, Y) == pytest.approx(2 * np.log(2) - np.log(0.9))


def test_forward_propagation_caches_the_course_twelve_tuple():
    X, _, parameters = small_network()
    a3, cache = forward_propagation(X, parameters)
    _z1, a1, W1, b1, z2, a2, W2, b2, _z3, cached_a3, W3, b3 = cache
    assert a3.shape == (1, 7)
    assert np.all((a3 > 0) & (a3 < 1))
    assert cached_a3 is a3
    assert W2 is parameters["W2"]
    assert b3 is parameters["b3"]
    np.testing.assert_allclose(a1, np.maximum(0, W1 @ X + b1))
    np.testing.assert_allclose(z2, W2 @ a1 + b2)
    np.testing.assert_allclose(a3, 1 / (1 + np.exp(-(W3 @ a2 + b3))))


def test_backward_propagation_returns_the_course_keys():
    X, Y, parameters = small_network()
    _, cache = forward_propagation(X, parameters)
    gradients = backward_propagation(X, Y, cache)
    assert set(gradients) == {
        "dz3",
        "dW3",
        "db3",
        "da2",
        "dz2",
        "dW2",
        "db2",
        "da1",
        "dz1",
        "dW1",
        "db1",
    }
    for key in ("W1", "b1", "W2", "b2", "W3", "b3"):
        assert gradients["d" + key].shape == parameters[key].shape


def test_backward_propagation_is_the_gradient_of_the_mean_cost():
    X, Y, parameters = small_network(m=9, seed=1)
    m = X.shape[1]

    def mean_cost():
        return compute_cost(forward_propagation(X, parameters)[0], Y) / m

    _, cache = forward_propagation(X, parameters)
    gradients = backward_propagation(X, Y, cache)
    h = 1e-6
    for key, value in parameters.items():
        numerical = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            saved = value[index]
            value[index] = saved + h
            plus = mean_cost()
            value[index] = saved - h
            minus = mean_cost()
            value[index] = saved
            numerical[index] = (plus - minus) / (2 * h)
        np.testing.assert_allclose(gradients["d" + key], numerical, rtol=1e-5, atol=1e-8, err_msg=key)


def test_predict_thresholds_at_one_half_and_prints_nothing(capsys):
    X, Y, parameters = small_network()
    a3, _ = forward_propagation(X, parameters)
    p = predict(X, Y, parameters)
    assert p.shape == (1, 7)
    assert np.issubdtype(p.dtype, np.integer)
    np.testing.assert_array_equal(p, (a3 > 0.5).astype(int))
    np.testing.assert_array_equal(predict_dec(parameters, X), p == 1)
    assert capsys.readouterr().out == ""


# The moons data set.


def test_make_moons_returns_points_by_row_and_balanced_labels():
    X, y = make_moons(n_samples=11, noise=0.1, rng=np.random.default_rng(0))
    assert X.shape == (11, 2)
    assert X.dtype == np.float64
    assert y.shape == (11,)
    assert set(np.unique(y)) == {0, 1}
    assert np.sum(y == 0) == 5
    assert np.sum(y == 1) == 6


def test_without_noise_the_moons_are_two_half_circles():
    X, y = make_moons(n_samples=100, noise=None, rng=np.random.default_rng(0))
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert np.all(upper[:, 1] >= -1e-12)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)


def test_make_moons_draws_everything_from_the_rng_it_is_given():
    first = make_moons(50, 0.2, rng=np.random.default_rng(5))
    second = make_moons(50, 0.2, rng=np.random.default_rng(5))
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_load_dataset_gives_the_course_training_set():
    train_X, train_Y = load_dataset()
    assert train_X.shape == (2, 300)
    assert train_Y.shape == (1, 300)
    # scikit-learn 1.9.1 after np.random.seed(3); make_moons(n_samples=300, noise=.2)
    np.testing.assert_allclose(
        train_X[:, :3],
        [
            [-0.21687013460912397, 0.8050501531955674, 0.7112745129750352],
            [1.0154493742029873, -0.5579733951321297, -0.4100602407591063],
        ],
        rtol=1e-12,
    )
    np.testing.assert_array_equal(train_Y[0, :10], [0, 1, 1, 1, 0, 0, 1, 1, 0, 1])
    assert train_X.sum() == pytest.approx(229.31214774688254, rel=1e-12)
    assert train_Y.sum() == 150


def test_load_dataset_leaves_the_global_random_state_alone():
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    load_dataset(n_samples=20, seed=9)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_nn_helpers_reexports_load_dataset_from_moons():
    assert nn_helpers.load_dataset is moons.load_dataset


def test_nn_helpers_works_as_a_top_level_module_next_to_moons(tmp_path):
    for module in (nn_helpers, moons):
        shutil.copy(module.__file__, tmp_path)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    script = (
        "import nn_helpers; X, Y = nn_helpers.load_dataset(); "
        "p = nn_helpers.initialize_parameters([2, 5, 2, 1]); "
        "print(X.shape, nn_helpers.predict(X, Y, p).shape)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(2, 300) (1, 300)"
