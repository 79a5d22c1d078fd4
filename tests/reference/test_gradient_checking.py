"""reference.gradient_checking and reference.gc_helpers: the course's expected outputs, the
helpers' contract (gc_utils order and shapes), the corrected backward pass against finite
differences, the order of the centred difference's error, and the graded module's shape."""

import ast
import pathlib
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.boundary.sandbox import SHIMS_DIR
from grader.checks import week1_gradient_checking_mistakes as mistakes
from grader.checks.coursera import week1_gradcheck_cases as cases
from grader.instructor.stubs import strip_solutions
from reference import gc_helpers
from reference import gradient_checking as gc
from reference.gc_helpers import (
    backward_propagation_n,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=30)
GRADED = ["forward_propagation", "backward_propagation", "gradient_check", "gradient_check_n"]


def network(seed, m=5):
    rng = np.random.default_rng(seed)
    parameters = {k: rng.standard_normal(s) * 0.7 for k, s in gc_helpers.PARAMETER_SHAPES.items()}
    X = rng.standard_normal((4, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return parameters, X, Y


def away_from_kinks(parameters, X, Y, margin=1e-3):
    _, (Z1, _, _, _, Z2, *_rest) = forward_propagation_n(X, Y, parameters)
    return min(np.abs(Z1).min(), np.abs(Z2).min()) > margin


# --- the 1-D model -----------------------------------------------------------------------------


def test_the_1d_model_by_hand():
    assert gc.forward_propagation(2, 4) == 8
    assert gc.backward_propagation(3, 4) == 3


def test_gradient_check_gives_the_course_values_to_the_last_bit():
    assert gc.gradient_check(2, 4) == 2.919335883291695e-10  # 2021a public_tests
    assert gc.gradient_check(3, 4) == 7.814075313343006e-11  # 2021b public_tests
    assert gc.gradient_check(3, 4, 1e-7, True) == gc.gradient_check(3, 4)  # print_msg changes nothing


def test_gradient_check_is_one_when_theta_swallows_epsilon():
    # 1e10 + 1e-7 == 1e10 in float64: gradapprox is 0, so ||g|| / ||g|| = 1.
    assert gc.gradient_check(3.0, 1e10) == 1.0
    assert gc.gradient_check(3.0, 1e10, 0.5) < gc.THRESHOLD


@SETTINGS
@given(x=st.floats(0.01, 1e4) | st.floats(-1e4, -0.01), theta=st.floats(-10, 10))
def test_gradient_check_is_relative_so_it_stays_small_at_any_scale_of_x(x, theta):
    assert 0 <= gc.gradient_check(x, theta) < gc.THRESHOLD


# --- the helpers (gc_utils) ----------------------------------------------------------------------


def test_dictionary_to_vector_rolls_w1_b1_w2_b2_w3_b3_row_by_row():
    parameters = {k: np.arange(np.prod(s), dtype=float).reshape(s) + 100 * i
                  for i, (k, s) in enumerate(gc_helpers.PARAMETER_SHAPES.items())}  # fmt: skip
    theta, keys = dictionary_to_vector(parameters)
    assert theta.shape == (47, 1)
    assert keys == ["W1"] * 20 + ["b1"] * 5 + ["W2"] * 15 + ["b2"] * 3 + ["W3"] * 3 + ["b3"]
    assert theta[:4, 0].tolist() == [0, 1, 2, 3] and theta[20, 0] == 100 and theta[46, 0] == 500
    back = vector_to_dictionary(theta)
    assert list(back) == list(gc_helpers.PARAMETER_KEYS)
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
    assert np.shares_memory(back["W2"], theta)  # views, as in the course


def test_gradients_to_vector_uses_the_d_keys_in_the_same_order_and_ignores_the_rest():
    parameters, X, Y = network(1)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    grad = gradients_to_vector(gradients)
    expected = np.concatenate([gradients["d" + k].reshape(-1, 1) for k in gc_helpers.PARAMETER_KEYS])
    np.testing.assert_array_equal(grad, expected)


def test_the_cost_is_the_mean_cross_entropy_and_accepts_flat_labels():
    X, Y, parameters = cases.gradient_check_n_test_case()
    cost, cache = forward_propagation_n(X, Y, parameters)
    A3 = cache[9]
    assert cost == pytest.approx(-np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)), rel=1e-14)
    assert cost == forward_propagation_n(X, Y.reshape(1, 3), parameters)[0]


@SETTINGS
@given(seed=st.integers(0, 10**6), m=st.integers(1, 8))
def test_the_corrected_backward_pass_matches_centred_differences(seed, m):
    parameters, X, Y = network(seed, m)
    if not away_from_kinks(parameters, X, Y):
        return
    _, cache = forward_propagation_n(X, Y, parameters)
    grad = gradients_to_vector(backward_propagation_n(X, Y, cache))
    theta, _ = dictionary_to_vector(parameters)
    approx = np.zeros_like(theta)
    for i in range(47):
        shift = np.zeros_like(theta)
        shift[i] = 1e-6
        approx[i] = (forward_propagation_n(X, Y, vector_to_dictionary(theta + shift))[0]
                     - forward_propagation_n(X, Y, vector_to_dictionary(theta - shift))[0]) / 2e-6  # fmt: skip
    np.testing.assert_allclose(grad, approx, rtol=1e-5, atol=1e-8)


# --- the N-dimensional check ---------------------------------------------------------------------


def test_gradient_check_n_gives_the_course_values_to_a_few_ulps():
    # Not to the last bit: numpy's SIMD sums (and so np.linalg.norm) round differently by CPU.
    buggy, fixed = cases.gradient_check_n_case()["calls"]
    assert gc.gradient_check_n(*buggy) == pytest.approx(0.2850931567761623, rel=1e-14, abs=0)
    assert gc.gradient_check_n(*fixed) == pytest.approx(1.1890913024229996e-07, rel=1e-6, abs=0)


def test_gradient_check_n_leaves_its_arguments_alone():
    parameters, X, Y = network(3)
    before = {k: v.copy() for k, v in parameters.items()}
    _, cache = forward_propagation_n(X, Y, parameters)
    gc.gradient_check_n(parameters, backward_propagation_n(X, Y, cache), X, Y)
    for key in before:
        np.testing.assert_array_equal(parameters[key], before[key])


SMOOTH_SEEDS = [s for s in range(200) if away_from_kinks(*network(s, m=3), margin=0.05)][:4]


@pytest.mark.parametrize("seed", SMOOTH_SEEDS)
def test_the_centred_error_falls_like_epsilon_squared_and_the_one_sided_like_epsilon(seed):
    """Away from the ReLUs' kinks (no pre-activation within 0.05 of 0, so no shift crosses one)."""
    parameters, X, Y = network(seed, m=3)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    centred = [gc.gradient_check_n(parameters, gradients, X, Y, eps) for eps in (1e-2, 1e-3)]
    one_sided = [mistakes.gradient_check_n_variant(parameters, gradients, X, Y, eps, one_sided=True)
                 for eps in (1e-2, 1e-3)]  # fmt: skip
    assert centred[0] / centred[1] == pytest.approx(100, rel=0.2)
    assert one_sided[0] / one_sided[1] == pytest.approx(10, rel=0.2)
    assert one_sided[1] > 100 * centred[1]


@pytest.mark.parametrize("index", range(len(mistakes.WRONG_BACKWARDS)))
def test_every_wrong_backward_pass_is_caught_on_the_course_case(index):
    X, Y, parameters = cases.gradient_check_n_test_case()
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = mistakes.WRONG_BACKWARDS[index][1](X, Y, cache)
    assert set(gradients) >= {"dW1", "db1", "dW2", "db2", "dW3", "db3"}
    assert gc.gradient_check_n(parameters, gradients, X, Y) > 1e-3


# --- the graded module -----------------------------------------------------------------------------

SOURCE = pathlib.Path(gc.__file__).read_text()


def functions():
    return [node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]


def test_the_module_defines_exactly_the_four_course_functions_in_notebook_order():
    assert [fn.name for fn in functions()] == GRADED


def test_the_module_imports_numpy_and_the_course_helpers_only_and_never_prints():
    imported = {(node.module, node.level) if isinstance(node, ast.ImportFrom) else node.names[0].name
                for node in ast.walk(ast.parse(SOURCE)) if isinstance(node, (ast.Import, ast.ImportFrom))}  # fmt: skip
    assert imported == {"numpy", ("gc_helpers", 1), ("gc_utils", 0)}
    calls = {node.func.id for node in ast.walk(ast.parse(SOURCE))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}  # fmt: skip
    assert not calls & {"print", "open", "input", "exec", "eval"}


def test_each_graded_function_is_marked_documented_and_has_one_solution_region():
    lines = SOURCE.splitlines()
    for fn in functions():
        assert lines[fn.lineno - 2] == f"# GRADED FUNCTION: {fn.name}"
        assert lines[fn.body[0].lineno - 1].lstrip().startswith('r"""'), fn.name
        docstring = ast.get_docstring(fn, clean=False)
        for section in ("Parameters\n", "Returns\n", ".. math::"):
            assert section in docstring, (fn.name, section)
        body = lines[fn.lineno - 1 : fn.end_lineno]
        assert (
            sum("# BEGIN SOLUTION" in line for line in body)
            == sum("# END SOLUTION" in line for line in body)
            == 1
        )
        assert isinstance(fn.body[-1], ast.Return)
        assert fn.end_lineno - fn.lineno < 60, f"{fn.name} is too long"


def test_the_stub_runs_its_given_code_then_raises_not_implemented(monkeypatch):
    """As in the worker: the course's gc_utils (the grader's shim) on the path."""
    monkeypatch.syspath_prepend(str(SHIMS_DIR))
    monkeypatch.syspath_prepend(str(pathlib.Path(gc_helpers.__file__).parent))
    for name in ("gc_utils", "gc_helpers", "nn_helpers", "moons"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    namespace = {"__name__": "stub", "__package__": ""}  # a top-level script, as the worker runs it
    exec(compile(strip_solutions(SOURCE), "gradient_checking.py (stub)", "exec"), namespace)
    buggy = cases.gradient_check_n_case()["args"]
    for name, args in zip(GRADED, [(2, 4), (2, 4), (2, 4), buggy], strict=True):
        with pytest.raises(NotImplementedError):
            namespace[name](*args)
    for name in ("gc_utils", "gc_helpers", "nn_helpers", "moons"):
        sys.modules.pop(name, None)
