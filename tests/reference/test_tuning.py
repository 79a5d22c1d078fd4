"""reference.tuning: the shape of the graded module, the math of each function checked by
hand, by numerical gradients and by the invariances the lectures teach, and the classifier
trained on three Gaussian blobs."""

import ast
import functools
import math
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.assignments import get_assignment
from grader.judge.numerical import numerical_gradient as central_differences
from reference import tuning
from reference.tuning import (
    adam_update,
    backward_bn_network,
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_forward_test,
    coarse_to_fine,
    compute_softmax_cost,
    forward_bn_network,
    initialize_bn_network,
    linear_batchnorm_forward,
    predict_bn_network,
    sample_beta,
    sample_learning_rate,
    softmax,
    softmax_backward,
    train_softmax_classifier,
    update_running_averages,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=50)
SOURCE = pathlib.Path(tuning.__file__).read_text()
EXERCISES = get_assignment("week3").exercises
HELPERS = (
    "initialize_bn_network",
    "forward_bn_network",
    "backward_bn_network",
    "adam_update",
    "predict_bn_network",
)
seeds = st.integers(0, 2**32 - 1)


numerical_gradient = functools.partial(central_differences, step=1e-5)


def units(n, m, seed):
    rng = np.random.default_rng(seed)
    Z = rng.uniform(-3, 3, (n, 1)) + rng.uniform(0.5, 2, (n, 1)) * rng.standard_normal((n, m))
    return Z, rng.normal(1, 0.5, (n, 1)), rng.normal(0, 1, (n, 1))


def blobs(m, seed):
    rng = np.random.default_rng(seed)
    labels = np.arange(m) % 3
    angles = 2 * np.pi * labels / 3
    X = np.stack([4 + 3 * np.cos(angles), -3 + 3 * np.sin(angles)]) + rng.standard_normal((2, m))
    return X, np.eye(3)[:, labels], labels


# The module's shape.


def functions():
    return [node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]


def test_graded_functions_are_the_exercises_in_order_and_the_rest_are_given_helpers():
    lines = SOURCE.splitlines()
    graded = [fn.name for fn in functions() if lines[fn.lineno - 2] == f"# GRADED FUNCTION: {fn.name}"]
    assert tuple(graded) == EXERCISES
    assert sorted(fn.name for fn in functions() if fn.name not in graded) == sorted(HELPERS)
    for fn in functions():
        body = "\n".join(lines[fn.lineno - 1 : fn.end_lineno])
        assert ("# BEGIN SOLUTION" in body) == (fn.name in graded), fn.name


def test_the_module_imports_only_math_and_numpy_and_never_prints_opens_or_seeds():
    tree = ast.parse(SOURCE)
    imports = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert all(isinstance(node, ast.Import) for node in imports)
    assert {(a.name, a.asname) for node in imports for a in node.names} == {("math", None), ("numpy", "np")}
    names = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not names & {"print", "open", "input", "exec", "eval"}
    assert "np.random.seed" not in SOURCE and "np.random.rand" not in SOURCE


@pytest.mark.parametrize("name", EXERCISES)
def test_each_graded_function_is_documented_small_and_has_one_solution_region_before_its_return(name):
    fn = next(f for f in functions() if f.name == name)
    lines = SOURCE.splitlines()
    assert lines[fn.body[0].lineno - 1].lstrip().startswith('r"""')
    docstring = ast.get_docstring(fn, clean=False)
    for section in ("Parameters\n", "Returns\n", ".. math::", "shape"):
        assert section in docstring, section
    indent = " " * fn.body[1].col_offset
    body = lines[fn.lineno - 1 : fn.end_lineno]
    assert body.count(indent + "# BEGIN SOLUTION") == body.count(indent + "# END SOLUTION") == 1
    assert isinstance(fn.body[-1], ast.Return)
    assert fn.body[-1].lineno > fn.lineno + body.index(indent + "# END SOLUTION")
    code = fn.end_lineno - fn.body[1].lineno + 1  # without the signature and docstring
    assert code <= 30, f"{name} has {code} lines of code"


def test_each_stubbed_function_runs_its_given_code_then_raises_not_implemented():
    stub, inside = [], False
    for line in SOURCE.splitlines():
        if line.strip() == "# BEGIN SOLUTION":
            stub.append(line.replace("# BEGIN SOLUTION", "raise NotImplementedError"))
            inside = True
        elif line.strip() == "# END SOLUTION":
            inside = False
        elif not inside:
            stub.append(line)
    namespace = {}
    exec(compile("\n".join(stub), "tuning (stub)", "exec"), namespace)
    Z, gamma, beta = units(3, 4, 0)
    X, Y, _ = blobs(12, 0)
    calls = {
        "sample_learning_rate": (5, 0), "sample_beta": (5, 0),
        "coarse_to_fine": (np.ones((4, 2)), np.arange(4.0), np.array([True, False])),
        "batchnorm_forward": (Z, gamma, beta), "batchnorm_backward": (Z, batchnorm_forward(Z, gamma, beta)[1]),
        "update_running_averages": (gamma, gamma, beta, gamma), "batchnorm_forward_test": (Z, gamma, beta, beta, gamma),
        "linear_batchnorm_forward": (Z, np.ones((2, 3)), gamma[:2], beta[:2]), "softmax": (Z,),
        "compute_softmax_cost": (softmax(Z), Y[:, :4]), "softmax_backward": (softmax(Z), Y[:, :4]),
        "train_softmax_classifier": (X, Y, [2, 4, 3], 0),
    }  # fmt: skip
    for name in EXERCISES:
        with pytest.raises(NotImplementedError):
            namespace[name](*calls[name])


# Sampling.


@SETTINGS
@given(low=st.floats(-8, 1), width=st.floats(0.5, 6), num=st.integers(1, 50), seed=seeds)
def test_learning_rates_are_ten_to_the_draws_of_one_uniform_call(low, width, num, seed):
    rates = sample_learning_rate(num, seed, low, low + width)
    expected = 10.0 ** np.random.default_rng(seed).uniform(low, low + width, size=num)
    np.testing.assert_array_equal(rates, expected)
    assert rates.shape == (num,) and ((rates >= 10.0**low) & (rates <= 10.0 ** (low + width))).all()


def test_a_generator_and_its_seed_give_the_same_draws_and_the_global_state_is_untouched():
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    np.testing.assert_array_equal(
        sample_learning_rate(20, 7), sample_learning_rate(20, np.random.default_rng(7))
    )
    np.testing.assert_array_equal(sample_beta(20, 7), sample_beta(20, np.random.default_rng(7)))
    rng = np.random.default_rng(7)
    assert not np.array_equal(
        sample_learning_rate(20, rng), sample_learning_rate(20, rng)
    )  # the generator advances
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_each_decade_gets_the_same_share_of_learning_rates():
    rates = sample_learning_rate(100_000, 0, -4, 0)
    shares = np.histogram(np.log10(rates), bins=4, range=(-4, 0))[0] / len(rates)
    np.testing.assert_allclose(shares, 0.25, atol=0.01)  # binomial sd 0.0014


@SETTINGS
@given(bounds=st.sampled_from([(0.9, 0.999), (0.0, 0.9), (0.5, 0.99), (0.99, 0.9999)]), seed=seeds)
def test_betas_lie_in_their_bounds_with_one_minus_beta_log_uniform(bounds, seed):
    low, high = bounds
    betas = sample_beta(2000, seed, low, high)
    assert ((betas >= low - 1e-12) & (betas <= high + 1e-12)).all()
    r = np.log10(1 - betas)
    expected = np.random.default_rng(seed).uniform(np.log10(1 - high), np.log10(1 - low), 2000)
    np.testing.assert_allclose(r, expected, atol=1e-9)


def test_betas_between_0_9_and_0_999_put_a_third_in_each_decade_of_1_minus_beta():
    betas = sample_beta(90_000, 1)
    shares = [np.mean((betas >= a) & (betas < b)) for a, b in ((0.9, 0.99), (0.99, 0.999))]
    np.testing.assert_allclose(shares, 0.5, atol=0.01)


# Coarse to fine.


def test_the_box_holds_the_best_trials_in_exponents_on_log_scaled_dimensions():
    trials = np.array([[1e-3, 0.5], [1e-1, 0.9], [1e-2, 0.7], [1e-4, 0.1]])
    box = coarse_to_fine(trials, np.array([0.9, 0.8, 0.95, 0.1]), np.array([True, False]), 0.5)
    np.testing.assert_allclose(box, [[-3, -2], [0.5, 0.7]])


def test_the_number_of_trials_kept_rounds_up_and_ties_keep_the_earlier_trial():
    trials = np.arange(10.0).reshape(10, 1)
    scores = np.array([0, 9, 8, 7, 0, 0, 0, 0, 0, 0.0])
    np.testing.assert_array_equal(
        coarse_to_fine(trials, scores, np.array([False]), 0.25), [[1, 3]]
    )  # ceil(2.5)
    np.testing.assert_array_equal(
        coarse_to_fine(trials, scores, np.array([False]), 0.01), [[1, 1]]
    )  # at least one
    np.testing.assert_array_equal(coarse_to_fine(trials, np.zeros(10), np.array([False]), 0.2), [[0, 1]])


@SETTINGS
@given(k=st.integers(1, 40), d=st.integers(1, 4), fraction=st.floats(0.01, 1.0), seed=seeds)
def test_the_box_is_the_tightest_around_the_best_ceil_fraction_k_trials(k, d, fraction, seed):
    rng = np.random.default_rng(seed)
    trials, scores = 10 ** rng.uniform(-5, 1, (k, d)), rng.standard_normal(k)
    log_scale = rng.random(d) < 0.5
    box = coarse_to_fine(trials, scores, log_scale, fraction)
    best = np.where(log_scale, np.log10(trials), trials)[scores >= np.sort(scores)[-math.ceil(fraction * k)]]
    np.testing.assert_allclose(box, np.stack([best.min(axis=0), best.max(axis=0)], axis=1))
    assert box.shape == (d, 2) and trials.shape == (k, d)  # inputs untouched


# Batch norm.


@SETTINGS
@given(n=st.integers(1, 5), m=st.integers(2, 20), seed=seeds)
def test_batchnorm_gives_each_unit_mean_beta_and_standard_deviation_gamma(n, m, seed):
    Z, gamma, beta = units(n, m, seed)
    Z_tilde, (Z_c, Z_norm, mu, var, gamma_c, epsilon) = batchnorm_forward(Z, gamma, beta, epsilon=0.0)
    np.testing.assert_allclose(Z_tilde.mean(axis=1, keepdims=True), beta, atol=1e-12)
    np.testing.assert_allclose(Z_tilde.std(axis=1, keepdims=True), np.abs(gamma), rtol=1e-9)
    np.testing.assert_allclose(mu, Z.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(var, Z.var(axis=1, keepdims=True))  # divided by m
    assert Z_c is Z and gamma_c is gamma and epsilon == 0.0


def test_batchnorm_adds_epsilon_inside_the_square_root_by_hand():
    Z = np.array([[1.0, 3.0]])  # mu 2, var 1
    Z_tilde, _ = batchnorm_forward(Z, np.ones((1, 1)), np.zeros((1, 1)), epsilon=3.0)
    np.testing.assert_allclose(Z_tilde, [[-0.5, 0.5]])  # (z - 2) / sqrt(1 + 3)


@SETTINGS
@given(n=st.integers(1, 4), m=st.integers(2, 8), epsilon=st.sampled_from([1e-8, 1e-3, 0.5]), seed=seeds)
def test_batchnorm_backward_matches_numerical_gradients_of_the_forward_pass(n, m, epsilon, seed):
    Z, gamma, beta = units(n, m, seed)
    G = np.random.default_rng(seed + 1).standard_normal((n, m))

    def loss(Z=Z, gamma=gamma, beta=beta):
        return np.sum(G * batchnorm_forward(Z, gamma, beta, epsilon)[0])

    dZ, dgamma, dbeta = batchnorm_backward(G, batchnorm_forward(Z, gamma, beta, epsilon)[1])
    np.testing.assert_allclose(dZ, numerical_gradient(lambda x: loss(Z=x), Z), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(
        dgamma, numerical_gradient(lambda x: loss(gamma=x), gamma), rtol=1e-5, atol=1e-7
    )
    np.testing.assert_allclose(dbeta, numerical_gradient(lambda x: loss(beta=x), beta), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(dZ.sum(axis=1), 0, atol=1e-10)


def test_running_averages_weight_the_past_by_momentum_and_converge_to_steady_statistics():
    mean, var = update_running_averages(
        np.zeros((2, 1)), np.ones((2, 1)), np.full((2, 1), 10.0), np.full((2, 1), 4.0)
    )
    np.testing.assert_allclose(mean, 1.0)  # 0.9 * 0 + 0.1 * 10
    np.testing.assert_allclose(var, 1.3)  # 0.9 * 1 + 0.1 * 4
    for _ in range(300):
        mean, var = update_running_averages(mean, var, np.full((2, 1), 10.0), np.full((2, 1), 4.0), 0.95)
    np.testing.assert_allclose((mean, var), (np.full((2, 1), 10.0), np.full((2, 1), 4.0)), rtol=1e-6)


@SETTINGS
@given(n=st.integers(1, 4), m=st.integers(2, 10), seed=seeds)
def test_test_time_batchnorm_with_the_batch_statistics_is_training_mode_and_works_one_example_at_a_time(
    n, m, seed
):
    Z, gamma, beta = units(n, m, seed)
    Z_tilde, (_, _, mu, var, _, _) = batchnorm_forward(Z, gamma, beta)
    np.testing.assert_allclose(batchnorm_forward_test(Z, gamma, beta, mu, var), Z_tilde, atol=1e-12)
    column = batchnorm_forward_test(Z[:, :1], gamma, beta, mu, var)
    np.testing.assert_allclose(column, Z_tilde[:, :1], atol=1e-12)


@SETTINGS
@given(n_prev=st.integers(1, 4), n=st.integers(1, 4), m=st.integers(2, 10), seed=seeds)
def test_a_bias_before_batch_norm_is_cancelled_by_the_mean_subtraction(n_prev, n, m, seed):
    rng = np.random.default_rng(seed)
    A_prev, W, b = (
        rng.standard_normal((n_prev, m)),
        rng.standard_normal((n, n_prev)),
        rng.uniform(-10, 10, (n, 1)),
    )
    _, gamma, beta = units(n, 1, seed)
    Z_tilde, (A_c, W_c, bn_cache) = linear_batchnorm_forward(A_prev, W, gamma, beta)
    np.testing.assert_allclose(Z_tilde, batchnorm_forward(W @ A_prev + b, gamma, beta)[0], atol=1e-6)
    np.testing.assert_allclose(Z_tilde, batchnorm_forward(W @ A_prev, gamma, beta)[0])
    assert A_c is A_prev and W_c is W and len(bn_cache) == 6


# Softmax.


def test_softmax_of_huge_logits_does_not_overflow():
    A = softmax(np.array([[1000.0, -1000.0, 0.0], [999.0, -1000.0, 0.0], [0.0, -1000.0, 0.0]]))
    assert np.isfinite(A).all()
    np.testing.assert_allclose(A[:, 0], [1 / (1 + math.exp(-1)), 1 / (1 + math.exp(1)), 0.0], atol=1e-300)
    np.testing.assert_allclose(A[:, 1], 1 / 3)


@SETTINGS
@given(C=st.integers(1, 6), m=st.integers(1, 8), shift=st.floats(-900, 900), seed=seeds)
def test_softmax_columns_are_probabilities_unchanged_by_a_constant_per_column(C, m, shift, seed):
    Z = np.random.default_rng(seed).normal(0, 3, (C, m))
    A = softmax(Z)
    assert (A > 0).all()
    np.testing.assert_allclose(A.sum(axis=0), 1.0)
    np.testing.assert_allclose(softmax(Z + shift * np.linspace(0.5, 1, m)), A, rtol=1e-9, atol=1e-12)


def test_two_class_softmax_is_the_sigmoid_and_its_cost_and_gradient_are_logistic_regression():
    z, y = np.array([-3.0, 0.0, 0.7, 5.0]), np.array([0.0, 1.0, 1.0, 0.0])
    a = 1 / (1 + np.exp(-z))
    Y_hat, Y = softmax(np.vstack([z, np.zeros(4)])), np.vstack([y, 1 - y])
    np.testing.assert_allclose(Y_hat[0], a)
    np.testing.assert_allclose(
        compute_softmax_cost(Y_hat, Y), -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    )
    np.testing.assert_allclose(softmax_backward(Y_hat, Y)[0], a - y)


def test_the_cost_by_hand_is_a_float():
    Y_hat = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    cost = compute_softmax_cost(Y_hat, Y)
    assert type(cost) is float
    assert cost == pytest.approx(-(math.log(0.7) + math.log(0.3)) / 2)


@SETTINGS
@given(C=st.integers(2, 6), m=st.integers(1, 8), seed=seeds)
def test_softmax_backward_is_the_numerical_gradient_of_m_times_the_cost(C, m, seed):
    rng = np.random.default_rng(seed)
    Z, Y = rng.normal(0, 2, (C, m)), np.eye(C)[:, rng.integers(0, C, m)]
    numerical = numerical_gradient(lambda x: m * compute_softmax_cost(softmax(x), Y), Z)
    np.testing.assert_allclose(softmax_backward(softmax(Z), Y), numerical, rtol=1e-5, atol=1e-7)


# The classifier and its helpers.


@SETTINGS
@given(dims=st.lists(st.integers(1, 4), min_size=2, max_size=4), seed=seeds)
def test_the_network_backward_pass_is_the_numerical_gradient_of_the_cost(dims, seed):
    layers = [2, *dims[:-1], 3]
    X, Y, _ = blobs(7, seed)
    parameters, _ = initialize_bn_network(layers, np.random.default_rng(seed))
    for key in parameters:  # away from gamma = 1, beta = 0
        parameters[key] = parameters[key] + np.random.default_rng(seed + 1).normal(
            0, 0.3, parameters[key].shape
        )
    Y_hat, caches = forward_bn_network(X, parameters, epsilon=1e-3)
    grads = backward_bn_network(Y_hat, Y, caches)
    for key, value in parameters.items():

        def cost(x, key=key):
            return compute_softmax_cost(forward_bn_network(X, {**parameters, key: x}, epsilon=1e-3)[0], Y)

        np.testing.assert_allclose(grads["d" + key], numerical_gradient(cost, value), rtol=1e-4, atol=1e-7)


def test_the_first_adam_step_moves_every_parameter_by_the_learning_rate():
    parameters = {"W1": np.array([[1.0, -2.0]]), "gamma1": np.ones((1, 1))}
    grads = {"dW1": np.array([[0.3, -5.0]]), "dgamma1": np.array([[-1e-3]])}
    state = {"t": 0, "v": {}, "s": {}}
    updated = adam_update(dict(parameters), grads, state, 0.01)
    np.testing.assert_allclose(updated["W1"], [[0.99, -1.99]])
    np.testing.assert_allclose(updated["gamma1"], [[1.01]], rtol=1e-5)
    assert state["t"] == 1


@pytest.mark.parametrize("seed", range(5))
def test_the_classifier_learns_three_blobs_reproducibly_without_touching_the_global_state(seed):
    X, Y, _ = blobs(240, seed)
    X_test, _, labels = blobs(300, seed + 1000)
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    parameters, running = train_softmax_classifier(X, Y, [2, 8, 3], seed)
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002
    assert np.mean(predict_bn_network(X_test, parameters, running) == labels) >= 0.94
    again, _ = train_softmax_classifier(X, Y, [2, 8, 3], np.random.default_rng(seed))
    for key in parameters:
        np.testing.assert_array_equal(again[key], parameters[key])
    # the running averages track the first layer's statistics on the data
    Z1 = parameters["W1"] @ X
    np.testing.assert_allclose(running["running_mean1"], Z1.mean(axis=1, keepdims=True), rtol=0.2, atol=0.2)
