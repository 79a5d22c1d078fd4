"""The rebuilt week 2 cases reproduce the inputs and outputs the official course files show.

Values quoted here are read off the sources named in ``grader/checks/coursera/week2_cases.py``.
A tiny local implementation of the course formulas (kept here on purpose, independent of
``reference/``) ties every recorded output to the case that produced it.
"""

import math

import numpy as np
import pytest

from grader.checks.coursera import week2_cases as w2

GENS_2021 = ("2021a", "2021b", "2021c", "2021d")


# --- the course formulas, written plainly --------------------------------------------------


def gd(parameters, grads, learning_rate):
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in parameters}


def mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    permutation = np.random.RandomState(seed).permutation(m)  # = np.random.seed + permutation
    X, Y = X[:, permutation], Y[:, permutation].reshape((1, m))
    return [
        (X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size]) for k in range(0, m, mini_batch_size)
    ]


def zeros_for(parameters):
    return {"d" + k: np.zeros_like(p) for k, p in parameters.items()}


def momentum(parameters, grads, v, beta, learning_rate):
    v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
    return {k: parameters[k] - learning_rate * v["d" + k] for k in parameters}, v


def adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, inside=False):
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
    new = {}
    for k in parameters:
        vc, sc = v["d" + k] / (1 - beta1**t), s["d" + k] / (1 - beta2**t)
        denominator = np.sqrt(sc + epsilon) if inside else np.sqrt(sc) + epsilon
        new[k] = parameters[k] - learning_rate * vc / denominator
    return {"parameters": new, "v": v, "s": s}


def run(function, case, inside=False):
    calls = case["calls"]
    if function == "update_parameters_with_gd":
        return gd(*calls[0])
    if function == "random_mini_batches":
        return mini_batches(*calls[0])
    if function == "initialize_velocity":
        return zeros_for(*calls[0])
    if function == "update_parameters_with_momentum":
        return momentum(*calls[0])
    if function == "initialize_adam":
        return zeros_for(*calls[0]), zeros_for(*calls[0])
    if function == "update_parameters_with_adam":
        return adam(*calls[0], inside=inside)
    if function == "update_lr":
        lr0, epoch, rate = calls[0]
        return lr0 / (1 + rate * epoch)
    if function == "schedule_lr_decay":
        return [lr0 / (1 + rate * math.floor(epoch / interval)) for lr0, epoch, rate, interval in calls]
    raise AssertionError(function)


def matches(actual, expected, exp: w2.Expected) -> bool:
    if isinstance(expected, dict) and "shapes" in expected:  # shapes + indexed values
        ok = [(x.shape, y.shape) for x, y in actual] == expected["shapes"]
        for expression, value in expected.items():
            if expression != "shapes":
                ok &= matches(eval(expression, {"mini_batches": actual}), value, exp)
        return bool(ok)
    if isinstance(expected, dict):
        return all(matches(actual[k], expected[k], exp) for k in expected)
    if isinstance(expected, (list, tuple)):
        if len(actual) != len(expected):
            return False
        return all(matches(a, e, exp) for a, e in zip(actual, expected, strict=True))
    actual = np.asarray(actual)
    if exp.first_row_only:
        actual = actual[0]
    if np.shape(actual) != np.shape(expected):
        return False
    if exp.check == "equal":
        return bool(np.all(actual == expected))
    if exp.check == "allclose":
        return bool(np.allclose(actual, expected, rtol=exp.rtol, atol=exp.atol))
    return bool(np.all(np.abs(actual.astype(float) - np.asarray(expected, dtype=float)) <= exp.atol))


ENTRIES = [(f, label, e) for f, by_label in w2.EXPECTED.items() for label, e in by_label.items()]


# --- inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("generation", w2.GENERATIONS)
def test_cases_draw_the_same_stream_as_global_seeding(generation):
    # the course's own way, on purpose; the global state is restored afterwards
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(1)  # noqa: NPY002
        w2_shape = (3, 2) if generation == "2021d" else (3, 3)
        drawn = [np.random.randn(*s) for s in [(2, 3), (2, 1), w2_shape, (3, 1)] * 2]  # noqa: NPY002
    finally:
        np.random.set_state(state)  # noqa: NPY002
    parameters, grads, *_ = w2.update_parameters_with_adam_case(generation)["args"]
    ours = [parameters[k] for k in ("W1", "b1", "W2", "b2")]
    ours += [grads[k] for k in ("dW1", "db1", "dW2", "db2")]
    for a, b in zip(ours, drawn, strict=True):
        np.testing.assert_array_equal(a, b)


def test_first_values_are_those_printed_by_the_course():
    # np.random.seed(1); randn -> 1.62434536 -0.61175641 -0.52817175 ... (shown in the
    # 2021c/2021d mini-batch expected arrays, whose X is the same stream)
    parameters, grads, lr = w2.update_parameters_with_gd_case("2017")["args"]
    np.testing.assert_allclose(parameters["W1"][0], [1.62434536, -0.61175641, -0.52817175], atol=1e-8)
    assert lr == 0.01
    X, Y, size = w2.random_mini_batches_case("2021d")["args"]
    np.testing.assert_allclose(X[0, :3], [1.62434536, -0.61175641, -0.52817175], atol=1e-8)
    assert (X.shape, Y.shape, Y.dtype, size) == ((5, 7), (1, 7), np.bool_, 2)


@pytest.mark.parametrize("generation", w2.GENERATIONS)
def test_shapes_follow_each_generation(generation):
    w2_shape = (3, 2) if generation == "2021d" else (3, 3)
    parameters, grads, v, s, t, *hyper = w2.update_parameters_with_adam_case(generation)["args"]
    assert parameters["W2"].shape == grads["dW2"].shape == v["dW2"].shape == w2_shape
    assert v is not s and v["dW1"] is not s["dW1"]
    assert list(v) == ["dW1", "dW2", "db1", "db2"]  # testCases.py key order
    assert t == 2
    defaults = generation in ("2017", "2021a")
    assert hyper == ([0.01, 0.9, 0.999, 1e-8] if defaults else [0.02, 0.8, 0.888, 1e-2])
    (velocity_parameters,) = w2.initialize_velocity_case(generation)["args"]
    expected_w1_b1 = {"2021c": [(3, 2), (2, 1)], "2021d": [(3, 2), (3, 1)]}.get(generation, [(2, 3), (2, 1)])
    assert [velocity_parameters[k].shape for k in ("W1", "b1")] == expected_w1_b1


def test_the_large_and_index_mini_batch_cases():
    X, Y, size = w2.random_mini_batches_large_case()["args"]
    assert (X.shape, Y.shape, Y.dtype, size) == ((12288, 148), (1, 148), np.bool_, 64)
    X, Y, size, seed = w2.random_mini_batches_case("2021a")["args"]
    assert (X.dtype, X[5, 2], size, seed) == (np.int64, 2 * 12288 + 5, 64, 0)
    assert len(w2.random_mini_batches_index_case()["args"]) == 3


def test_decay_cases_exist_only_since_2021():
    with pytest.raises(ValueError, match="2017"):
        w2.update_lr_case("2017")
    assert w2.schedule_lr_decay_case("2021d")["calls"][2] == (0.3, 1000, 0.25, 100)
    assert w2.update_lr_case("2021b")["args"] == (1, 2, 1)


@pytest.mark.parametrize(("function", "label", "exp"), ENTRIES, ids=[f"{f}-{lb}" for f, lb, _ in ENTRIES])
def test_each_case_carries_its_recorded_outputs(function, label, exp):
    assert w2.EXPECTED[function][label] in getattr(w2, exp.case)(exp.generation)["expected"].values()


def test_each_generations_public_case_carries_its_outputs():
    for generation in w2.GENERATIONS:
        case = w2.random_mini_batches_case(generation)
        assert w2.EXPECTED["random_mini_batches"][generation] in case["expected"].values()
    assert w2.update_parameters_with_gd_case("2021d")["expected"] == {
        "2021d": w2.EXPECTED["update_parameters_with_gd"]["2021d"]
    }


def test_cases_are_fresh_objects():
    a, b = w2.update_parameters_with_momentum_case(), w2.update_parameters_with_momentum_case()
    a["args"][0]["W1"][0, 0] = 99.0
    assert b["args"][0]["W1"][0, 0] != 99.0


# --- recorded outputs ----------------------------------------------------------------------


@pytest.mark.parametrize(("function", "label", "exp"), ENTRIES, ids=[f"{f}-{lb}" for f, lb, _ in ENTRIES])
def test_recorded_outputs_follow_from_the_cases(function, label, exp):
    assert exp.generation in w2.GENERATIONS
    case = getattr(w2, exp.case)(exp.generation)
    correct = run(function, case)
    if exp.ground_truth:
        assert matches(correct, exp.value, exp)
    else:  # recorded with epsilon inside the square root: only that variant reproduces them
        assert matches(run(function, case, inside=True), exp.value, exp)
        assert not matches(correct, exp.value, exp)


def test_the_2017_adam_table_is_the_epsilon_inside_variant():
    exp = w2.EXPECTED["update_parameters_with_adam"]["2017"]
    correct = run("update_parameters_with_adam", w2.update_parameters_with_adam_case("2017"))
    assert exp.value["parameters"]["W2"][2, 1] == -1.09245036
    assert round(correct["parameters"]["W2"][2, 1], 8) == -1.09244991  # what 2021a expects
    assert w2.EXPECTED["update_parameters_with_adam"]["2021a"].value["parameters"]["W2"][2, 1] == -1.09244991


def test_tolerances_are_the_official_ones():
    assert (w2.ALLCLOSE_RTOL, w2.ALLCLOSE_ATOL) == (1e-5, 1e-8)
    assert w2.ALMOST_EQUAL_ATOL == 1.5e-6
    kinds = {e.check for _, _, e in ENTRIES}
    assert kinds == {"allclose", "almost_equal", "equal", "printed"}
    assert all(
        e.first_row_only == (f == "update_parameters_with_adam" and lb in ("2021c", "2021d"))
        for f, lb, e in ENTRIES
    )
