"""The rebuilt week 1 Initialization and Regularization cases reproduce what the course files show.

Values quoted here are read off the sources named in
``grader/checks/coursera/week1_init_reg_cases.py``.  A tiny local implementation of the course
formulas (kept here on purpose, independent of ``reference/``) ties every recorded output
to the case that produced it.
"""

import numpy as np
import pytest

from grader.checks.coursera import week1_init_reg_cases as w1

# --- the course formulas, written plainly ------------------------------------------------------


def seeded_init(dims, scale, seed=3):
    rs = np.random.RandomState(seed)
    out = {}
    for l in range(1, len(dims)):
        out[f"W{l}"] = rs.randn(dims[l], dims[l - 1]) * scale(dims[l - 1])
        out[f"b{l}"] = np.zeros((dims[l], 1))
    return out


def relu(z):
    return np.maximum(z, 0)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def l2_cost(A3, Y, p, lambd):
    m = Y.shape[1]
    ce = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    return ce + lambd / (2 * m) * sum(np.sum(p[k] ** 2) for k in ("W1", "W2", "W3"))


def backward(X, Y, cache, lambd=0.0, keep_prob=None):
    """Both backward passes of the course: masks when ``keep_prob`` is given, L2 otherwise."""
    if keep_prob is None:
        Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
        D1 = D2 = None
    else:
        Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    g = {"dZ3": A3 - Y}
    g["dW3"] = g["dZ3"] @ A2.T / m + lambd / m * W3
    g["db3"] = g["dZ3"].sum(axis=1, keepdims=True) / m
    g["dA2"] = W3.T @ g["dZ3"] if D2 is None else W3.T @ g["dZ3"] * D2 / keep_prob
    g["dZ2"] = g["dA2"] * (A2 > 0)
    g["dW2"] = g["dZ2"] @ A1.T / m + lambd / m * W2
    g["db2"] = g["dZ2"].sum(axis=1, keepdims=True) / m
    g["dA1"] = W2.T @ g["dZ2"] if D1 is None else W2.T @ g["dZ2"] * D1 / keep_prob
    g["dZ1"] = g["dA1"] * (A1 > 0)
    g["dW1"] = g["dZ1"] @ X.T / m + lambd / m * W1
    g["db1"] = g["dZ1"].sum(axis=1, keepdims=True) / m
    return g


def dropout_forward(X, p, keep_prob):
    rs = np.random.RandomState(1)
    Z1 = p["W1"] @ X + p["b1"]
    D1 = rs.rand(*Z1.shape) < keep_prob
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = p["W2"] @ A1 + p["b2"]
    D2 = rs.rand(*Z2.shape) < keep_prob
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = p["W3"] @ A2 + p["b3"]
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])


SCALES = {"initialize_parameters_zeros": lambda n: 0.0, "initialize_parameters_random": lambda n: 10.0,
          "initialize_parameters_he": lambda n: np.sqrt(2 / n)}  # fmt: skip


def run(function, args):
    if function in SCALES:
        return seeded_init(*args, SCALES[function])
    if function == "compute_cost_with_regularization":
        return l2_cost(*args)
    if function == "backward_propagation_with_regularization":
        X, Y, cache, lambd = args
        return backward(X, Y, cache, lambd)
    if function == "forward_propagation_with_dropout":
        return dropout_forward(*args)
    X, Y, cache, keep_prob = args
    return backward(X, Y, cache, keep_prob=keep_prob)


def close(actual, expected, exp) -> bool:
    if isinstance(expected, dict):
        return all(close(actual[k], v, exp) for k, v in expected.items())
    if isinstance(expected, tuple):
        return all(close(a, e, exp) for a, e in zip(actual, expected, strict=False))
    return bool(
        np.allclose(
            np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=exp.rtol, atol=exp.atol
        )
    )


ALL = [(f, label) for f, by_label in w1.EXPECTED.items() for label in by_label]


# --- every recorded output comes from its case -------------------------------------------------


@pytest.mark.parametrize(("function", "label"), ALL)
def test_each_recorded_output_is_what_the_course_formula_gives_on_its_case(function, label):
    exp = w1.EXPECTED[function][label]
    case = getattr(w1, exp.case)(exp.generation)
    assert case["expected"][label] is exp
    assert close(run(function, case["args"]), exp.value, exp), (function, label)


@pytest.mark.parametrize(("function", "label"), ALL)
def test_every_recorded_output_names_its_source_and_how_it_was_compared(function, label):
    exp = w1.EXPECTED[function][label]
    assert exp.source and exp.check in ("allclose", "almost_equal", "printed")
    assert exp.atol > 0


def test_the_official_inputs_are_the_draws_after_seed_1():
    X, parameters, keep_prob = w1.forward_propagation_with_dropout_case()["args"]
    assert keep_prob == 0.7
    np.testing.assert_allclose(
        X[0, :3], [1.62434536, -0.61175641, -0.52817175]
    )  # testCases: randn(3, 5) first
    np.testing.assert_allclose(parameters["W1"][0], [-1.09989127, -0.17242821, -0.87785842])  # the cache's W1
    A3, Y, parameters, lambd = w1.compute_cost_with_regularization_case()["args"]
    np.testing.assert_allclose(parameters["W1"][0], [1.62434536, -0.61175641, -0.52817175])
    assert lambd == 0.1 and Y.tolist() == [[1, 1, 0, 1, 0]]


def test_the_dropout_cache_was_made_with_keep_prob_0_5_though_the_call_passes_0_8():
    """A quirk of the course files: Z1 is W1 X + b1, but A1 is relu(Z1) * D1 / 0.5."""
    X, _, cache, keep_prob = w1.backward_propagation_with_dropout_case()["args"]
    Z1, D1, A1, W1, b1 = cache[:5]
    np.testing.assert_allclose(W1 @ X + b1, Z1, atol=1e-7)
    np.testing.assert_allclose(A1, relu(Z1) * D1 / 0.5, atol=1e-7)
    assert keep_prob == 0.8 and cache[1].dtype == bool and cache[6].dtype == bool


def test_the_cases_come_fresh_each_time():
    first = w1.backward_propagation_with_dropout_case()["args"][2]
    first[0][0, 0] = 99.0
    assert w1.backward_propagation_with_dropout_case()["args"][2][0][0, 0] != 99.0


@pytest.mark.parametrize(("builder", "generation"), [
    (w1.initialize_parameters_zeros_case, "2017"),
    (w1.compute_cost_with_regularization_case, "2021a"),
])  # fmt: skip
def test_a_generation_without_that_case_is_an_error_naming_the_known_ones(builder, generation):
    with pytest.raises(ValueError, match="known here"):
        builder(generation)


def test_he_changed_its_official_layer_sizes_between_the_2021_versions():
    assert [w1.initialize_parameters_he_case(g)["args"][0] for g in w1.INIT_GENERATIONS] == [
        [2, 4, 1],
        [2, 4, 1],
        [3, 1, 2],
    ]
