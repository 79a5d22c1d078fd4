"""The rebuilt gradient checking cases reproduce the inputs and outputs the course files show.

Values quoted here are read off the sources named in ``grader/checks/coursera/week1_gradcheck_cases.py``.
A tiny local implementation of the course formulas (kept here on purpose, independent of
``reference/``) ties every recorded output to the case that produced it.
"""

import numpy as np
import pytest

from grader.checks.coursera import week1_gradcheck_cases as gc

# --- the course formulas, written plainly --------------------------------------------------

KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]
SHAPES = [(5, 4), (5, 1), (3, 5), (3, 1), (1, 3), (1, 1)]


def cost(X, Y, theta):
    params, start = {}, 0
    for key, (r, c) in zip(KEYS, SHAPES, strict=True):
        params[key] = theta[start : start + r * c].reshape((r, c))
        start += r * c
    A1 = np.maximum(0, np.dot(params["W1"], X) + params["b1"])
    A2 = np.maximum(0, np.dot(params["W2"], A1) + params["b2"])
    A3 = 1 / (1 + np.exp(-(np.dot(params["W3"], A2) + params["b3"])))
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    return 1.0 / X.shape[1] * np.sum(log_probs)


def check_n(parameters, gradients, X, Y, epsilon):
    theta = np.concatenate([parameters[k].reshape(-1, 1) for k in KEYS])
    grad = np.concatenate([gradients["d" + k].reshape(-1, 1) for k in KEYS])
    approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        approx[i] = (cost(X, Y, plus) - cost(X, Y, minus)) / (2 * epsilon)
    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))


def check_1d(x, theta, epsilon=1e-7):
    approx = (x * (theta + epsilon) - x * (theta - epsilon)) / (2 * epsilon)
    return np.linalg.norm(x - approx) / (np.linalg.norm(x) + np.linalg.norm(approx))


def run(case_name, call):
    if case_name == "forward_propagation_case":
        x, theta = call
        return theta * x
    if case_name == "backward_propagation_case":
        return call[0]
    if case_name == "gradient_check_case":
        return check_1d(*call)
    return check_n(*call)


# --- inputs --------------------------------------------------------------------------------


def test_the_test_case_is_drawn_as_testcases_py_draws_it():
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(1)  # noqa: NPY002
        x = np.random.randn(4, 3)  # noqa: NPY002
        draws = [np.random.randn(*shape) for shape in SHAPES]  # noqa: NPY002
    finally:
        np.random.set_state(state)  # noqa: NPY002
    X, Y, parameters = gc.gradient_check_n_test_case()
    np.testing.assert_array_equal(X, x)
    assert Y.shape == (3,) and Y.tolist() == [1, 1, 0]
    assert list(parameters) == KEYS
    for key, draw in zip(KEYS, draws, strict=True):
        np.testing.assert_array_equal(parameters[key], draw)


def test_the_notebooks_backward_pass_differs_from_the_corrected_one_only_by_its_two_planted_bugs():
    buggy, fixed = (call[1] for call in gc.gradient_check_n_case()["calls"])
    assert (
        set(buggy)
        == set(fixed)
        == {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}
    )
    for key in fixed:
        factor = {"dW2": 2, "db1": 4}.get(key, 1)
        np.testing.assert_array_equal(buggy[key], factor * fixed[key])


@pytest.mark.parametrize("generation", gc.GENERATIONS)
def test_the_one_dimensional_cases_of_each_generation(generation):
    expected = {"2017": (2, 4), "2021a": (2, 4), "2021b": (3, 4)}[generation]
    assert gc.forward_propagation_case(generation)["args"] == (2, 4)
    assert gc.backward_propagation_case(generation)["args"] == expected
    assert gc.gradient_check_case(generation)["args"] == expected


def test_an_unknown_generation_is_refused():
    with pytest.raises(ValueError, match="no official case for generation '2019'"):
        gc.gradient_check_case("2019")


# --- outputs -------------------------------------------------------------------------------


@pytest.mark.parametrize("label", [k for k, e in gc.EXPECTED.items() if e.ground_truth])
def test_every_recorded_output_is_what_the_course_formula_gives(label):
    e = gc.EXPECTED[label]
    case = getattr(gc, e.case)(e.generation)
    assert case["expected"][label] is e
    got = run(e.case, case["calls"][e.call])
    if e.check == "equal":
        assert got == e.value
    else:
        assert abs(got - e.value) <= e.atol + e.rtol * abs(e.value), (got, e.value)


def test_the_2017_table_value_is_a_typo_the_formula_does_not_give():
    e = gc.EXPECTED["2017 difference (table)"]
    got = check_1d(2, 4)
    assert not e.ground_truth and abs(got - e.value) > 1e3 * e.atol
    assert f"{got:.11e}" == "2.91933588329e-10"  # what the same notebook prints


def test_the_corrected_backward_pass_scores_below_the_threshold_and_the_buggy_one_above():
    buggy, fixed = gc.gradient_check_n_case()["calls"]
    assert check_n(*fixed) < gc.THRESHOLD < check_n(*buggy)
