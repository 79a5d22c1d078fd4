"""reference.regularization and reg_helpers: the course's expected outputs, the L2 gradient
against central differences, inverted dropout's masks, scale and expectation, the backward
pass against the cache's masks, and the shape of the module."""

import ast
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks.coursera import week1_init_reg_cases as cases
from grader.instructor.stubs import strip_solutions
from reference import reg_helpers, regularization
from reference.regularization import (
    backward_propagation_with_dropout,
    backward_propagation_with_regularization,
    compute_cost_with_regularization,
    forward_propagation_with_dropout,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=40)
FUNCTIONS = ("compute_cost_with_regularization", "backward_propagation_with_regularization",
             "forward_propagation_with_dropout", "backward_propagation_with_dropout")  # fmt: skip
KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")


def network(n0, n1, n2, m, seed):
    rng = np.random.default_rng(seed)
    shapes = {"W1": (n1, n0), "b1": (n1, 1), "W2": (n2, n1), "b2": (n2, 1), "W3": (1, n2), "b3": (1, 1)}
    parameters = {k: rng.standard_normal(s) for k, s in shapes.items()}
    return rng.standard_normal((n0, m)), rng.integers(0, 2, (1, m)), parameters


networks = st.builds(network, st.integers(1, 4), st.integers(1, 5), st.integers(1, 4), st.integers(1, 6),
                     st.integers(0, 2**32 - 1))  # fmt: skip


def cost(X, Y, parameters, lambd):
    """The course's regularized cost written out, independent of the reference."""
    Z1 = parameters["W1"] @ X + parameters["b1"]
    Z2 = parameters["W2"] @ np.maximum(Z1, 0) + parameters["b2"]
    A3 = 1 / (1 + np.exp(-(parameters["W3"] @ np.maximum(Z2, 0) + parameters["b3"])))
    m = Y.shape[1]
    cross_entropy = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    return cross_entropy + lambd / (2 * m) * sum(np.sum(parameters[k] ** 2) for k in ("W1", "W2", "W3"))


def central_differences(X, Y, parameters, lambd, epsilon=1e-6):
    grads = {}
    for key, value in parameters.items():
        g = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            plus, minus = dict(parameters), dict(parameters)
            plus[key], minus[key] = value.copy(), value.copy()
            plus[key][index] += epsilon
            minus[key][index] -= epsilon
            g[index] = (cost(X, Y, plus, lambd) - cost(X, Y, minus, lambd)) / (2 * epsilon)
        grads["d" + key] = g
    return grads


# --- the course's values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "generation"), [(f, g) for f in FUNCTIONS for g in cases.REG_GENERATIONS]
)
def test_the_official_cases_give_the_recorded_outputs(function, generation):
    recorded = cases.EXPECTED[function][generation]
    got = getattr(regularization, function)(*getattr(cases, recorded.case)(generation)["args"])
    expected = recorded.value
    if function == "forward_propagation_with_dropout":
        got = (got[0], *got[1]) if len(expected) == 2 else (got[0],)
        expected = (expected[0], *expected[1]) if len(expected) == 2 else expected
        for g, e in zip(got, expected, strict=True):
            np.testing.assert_allclose(
                np.asarray(g, dtype=float), np.asarray(e, dtype=float), atol=recorded.atol
            )
    elif isinstance(expected, dict):
        for key, value in expected.items():
            np.testing.assert_allclose(got[key], value, rtol=recorded.rtol, atol=recorded.atol, err_msg=key)
    else:
        assert got == pytest.approx(expected, rel=recorded.rtol, abs=recorded.atol)


def test_the_official_forward_case_keeps_the_course_masks_and_0_7():
    X, parameters, keep_prob = cases.forward_propagation_with_dropout_case()["args"]
    _, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    assert cache[1].tolist() == [[1, 0, 1, 1, 1], [1, 1, 1, 1, 1]]
    assert cache[6].tolist() == [[1, 1, 1, 0, 1], [1, 1, 1, 1, 1], [0, 0, 1, 1, 0]]


# --- L2 regularization -----------------------------------------------------------------------------------


@SETTINGS
@given(net=networks, lambd=st.sampled_from([0.0, 0.1, 0.7, 3.0]))
def test_the_cost_is_the_cross_entropy_plus_lambd_over_2m_times_the_squared_weights(net, lambd):
    X, Y, parameters = net
    A3, _ = reg_helpers.forward_propagation(X, parameters)
    assert compute_cost_with_regularization(A3, Y, parameters, lambd) == pytest.approx(
        cost(X, Y, parameters, lambd)
    )


@SETTINGS
@given(net=networks, lambd=st.sampled_from([0.0, 0.1, 0.7, 3.0]))
def test_the_l2_gradients_are_the_central_differences_of_the_l2_cost(net, lambd):
    X, Y, parameters = net
    _, cache = reg_helpers.forward_propagation(X, parameters)
    grads = backward_propagation_with_regularization(X, Y, cache, lambd)
    approx = central_differences(X, Y, parameters, lambd)
    for key, value in approx.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-5, atol=1e-7, err_msg=key)


def test_the_penalty_touches_the_weight_gradients_only():
    X, Y, parameters = network(3, 4, 2, 5, seed=1)
    _, cache = reg_helpers.forward_propagation(X, parameters)
    plain = reg_helpers.backward_propagation(X, Y, cache)
    regularized = backward_propagation_with_regularization(X, Y, cache, 0.7)
    for key in KEYS:
        penalty = 0.7 / 5 * parameters[key[1:]] if key.startswith("dW") else 0
        np.testing.assert_allclose(regularized[key], plain[key] + penalty, rtol=1e-13)


# --- dropout ------------------------------------------------------------------------------------------------


def test_the_masks_are_the_course_draws_of_np_random_seed_1():
    X, _, parameters = network(3, 6, 5, 7, seed=2)
    _, cache = forward_propagation_with_dropout(X, parameters, 0.6)
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(1)  # noqa: NPY002
        D1 = np.random.rand(6, 7) < 0.6  # noqa: NPY002
        D2 = np.random.rand(5, 7) < 0.6  # noqa: NPY002
    finally:
        np.random.set_state(state)  # noqa: NPY002
    assert np.array_equal(cache[1], D1) and np.array_equal(cache[6], D2)
    assert cache[1].dtype.kind == "i"  # 0/1 ints, as the 2021 notebook asks


def test_dropout_zeroes_the_dropped_units_and_rescales_the_others():
    X, _, parameters = network(3, 6, 5, 7, seed=2)
    _, (Z1, D1, A1, _, _, Z2, D2, A2, *_) = forward_propagation_with_dropout(X, parameters, 0.6)
    np.testing.assert_array_equal(A1, np.maximum(Z1, 0) * D1 / 0.6)
    np.testing.assert_array_equal(A2, np.maximum(Z2, 0) * D2 / 0.6)
    assert not np.any(A1[D1 == 0]) and not np.any(A2[D2 == 0])


@pytest.mark.parametrize("keep_prob", [0.3, 0.86])
def test_about_keep_prob_of_the_units_are_kept_and_the_expected_activation_is_unchanged(keep_prob):
    X, _, parameters = network(2, 50, 40, 1000, seed=4)
    X = np.repeat(
        X[:, :1], 1000, axis=1
    )  # every column the same input: the mean over columns is an expectation
    _, (Z1, D1, A1, *_) = forward_propagation_with_dropout(X, parameters, keep_prob)
    assert D1.mean() == pytest.approx(keep_prob, abs=0.02)
    np.testing.assert_allclose(A1.mean(axis=1), np.maximum(Z1[:, 0], 0), rtol=0.2, atol=1e-12)


def test_keep_prob_1_is_the_plain_network():
    X, _, parameters = network(3, 6, 5, 7, seed=2)
    A3, cache = forward_propagation_with_dropout(X, parameters, 1.0)
    plain_A3, plain = reg_helpers.forward_propagation(X, parameters)
    np.testing.assert_array_equal(A3, plain_A3)
    assert cache[1].all() and cache[6].all()
    np.testing.assert_array_equal(cache[2], plain[1])


def test_the_backward_pass_applies_the_masks_in_the_cache_whatever_their_dtype():
    X, Y, parameters = network(3, 6, 5, 7, seed=2)
    _, cache = forward_propagation_with_dropout(X, parameters, 0.6)
    opposite = list(cache)
    opposite[1], opposite[6] = 1 - cache[1], 1 - cache[6]
    for masks in (cache, tuple(opposite)):
        grads = {}
        for dtype in (bool, int, float):
            typed = tuple(c.astype(dtype) if i in (1, 6) else c for i, c in enumerate(masks))
            grads[dtype] = backward_propagation_with_dropout(X, Y, typed, 0.6)
        for key in KEYS:
            np.testing.assert_array_equal(grads[bool][key], grads[float][key])
        assert not np.any(grads[int]["dA1"][masks[1] == 0]) and not np.any(grads[int]["dA2"][masks[6] == 0])


def test_dropout_backward_is_the_gradient_of_the_masked_network():
    """With the masks fixed, the dropout network is a differentiable function of the parameters."""
    X, Y, parameters = network(2, 4, 3, 5, seed=6)
    keep_prob = 0.7
    _, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
    D1, D2 = cache[1], cache[6]

    def masked_cost(p):
        A1 = np.maximum(p["W1"] @ X + p["b1"], 0) * D1 / keep_prob
        A2 = np.maximum(p["W2"] @ A1 + p["b2"], 0) * D2 / keep_prob
        A3 = 1 / (1 + np.exp(-(p["W3"] @ A2 + p["b3"])))
        return -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))

    grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
    for key, value in parameters.items():
        for index in np.ndindex(value.shape):
            plus, minus = dict(parameters), dict(parameters)
            plus[key], minus[key] = value.copy(), value.copy()
            plus[key][index] += 1e-6
            minus[key][index] -= 1e-6
            numerical = (masked_cost(plus) - masked_cost(minus)) / 2e-6
            assert grads["d" + key][index] == pytest.approx(numerical, rel=1e-5, abs=1e-8), (key, index)


def test_keep_prob_1_with_masks_of_ones_is_plain_backpropagation():
    X, Y, parameters = network(3, 6, 5, 7, seed=2)
    _, plain = reg_helpers.forward_propagation(X, parameters)
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = plain
    cache = (Z1, np.ones(Z1.shape, int), A1, W1, b1, Z2, np.ones(Z2.shape, int), A2, W2, b2, Z3, A3, W3, b3)
    expected = reg_helpers.backward_propagation(X, Y, plain)
    got = backward_propagation_with_dropout(X, Y, cache, 1.0)
    for key in KEYS:
        np.testing.assert_array_equal(got[key], expected[key])


# --- the course helpers -----------------------------------------------------------------------------


def test_the_mean_cost_ignores_the_0_log_0_terms_as_nansum_does():
    assert reg_helpers.compute_cost(np.array([[1.0, 0.5]]), np.array([[1, 1]])) == pytest.approx(
        np.log(2) / 2
    )


def test_the_stand_in_football_data_has_the_course_shapes():
    train_X, train_Y, test_X, test_Y = reg_helpers.load_2D_dataset()
    assert (train_X.shape, train_Y.shape, test_X.shape, test_Y.shape) == (
        (2, 211),
        (1, 211),
        (2, 200),
        (1, 200),
    )
    assert set(np.unique(train_Y)) == {0, 1}


# --- the module ---------------------------------------------------------------------------------------


def source() -> str:
    return pathlib.Path(regularization.__file__).read_text()


def test_the_module_imports_numpy_and_the_course_helpers_only():
    tree = ast.parse(source())
    imported = sorted((n.module or "", n.level, tuple(a.name for a in n.names)) if isinstance(n, ast.ImportFrom)
                      else ("", 0, tuple(a.name for a in n.names))
                      for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)))  # fmt: skip
    assert imported == [("", 0, ("numpy",)), ("reg_helpers", 1, ("compute_cost", "relu", "sigmoid")),
                        ("reg_utils", 0, ("compute_cost", "relu", "sigmoid"))]  # fmt: skip
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)] == list(FUNCTIONS)


def test_each_function_is_marked_documented_and_keeps_its_solution_regions_apart():
    lines = source().splitlines()
    for fn in (n for n in ast.parse(source()).body if isinstance(n, ast.FunctionDef)):
        assert lines[fn.lineno - 2] == f"# GRADED FUNCTION: {fn.name}"
        docstring = ast.get_docstring(fn)
        for section in ("Parameters\n", "Returns\n", ".. math::"):
            assert section in docstring, (fn.name, section)
        body = "\n".join(lines[fn.lineno - 1 : fn.end_lineno])
        assert body.count("# BEGIN SOLUTION") == body.count("# END SOLUTION") >= 1
        assert not any(
            isinstance(n, ast.Call) and ast.unparse(n.func) == "np.random.seed" for n in ast.walk(fn)
        )
        assert fn.end_lineno - fn.lineno < 90


def test_the_stubs_run_the_given_code_then_raise_not_implemented():
    """As the grader loads a module: imports and defs only (the try-import of the helpers is dropped,
    the course helpers come from reg_utils)."""
    tree = ast.parse(strip_solutions(source()))
    tree.body = [n for n in tree.body if isinstance(n, (ast.Import, ast.FunctionDef))]
    namespace = {
        "compute_cost": reg_helpers.compute_cost,
        "relu": reg_helpers.relu,
        "sigmoid": reg_helpers.sigmoid,
    }
    exec(compile(tree, "regularization (stub)", "exec"), namespace)
    for name in FUNCTIONS:
        with pytest.raises(NotImplementedError):
            namespace[name](*getattr(cases, f"{name}_case")()["args"])
