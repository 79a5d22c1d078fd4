"""reference.rnn: the course's printed RNN cell values, the cells' defining cases (zero
inputs, saturated gates, a_prev on top), the loops as the cells repeated, the caches'
layout, the helpers, and the shape of the graded module."""

import ast
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.instructor.stubs import strip_solutions
from reference import rnn
from reference.rnn import lstm_cell_forward, lstm_forward, rnn_cell_forward, rnn_forward
from reference.rnn_helpers import sigmoid, softmax

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=30)
GRADED = ["rnn_cell_forward", "rnn_forward", "lstm_cell_forward", "lstm_forward"]
SOURCE = pathlib.Path(rnn.__file__).read_text()
geometry = st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4), st.integers(1, 5),
                     st.integers(1, 4), st.integers(0, 2**32 - 1))  # n_x, n_a, n_y, m, T_x, seed  # fmt: skip


def rnn_parameters(n_x, n_a, n_y, rng):
    return {"Waa": rng.standard_normal((n_a, n_a)), "Wax": rng.standard_normal((n_a, n_x)),
            "Wya": rng.standard_normal((n_y, n_a)), "ba": rng.standard_normal((n_a, 1)),
            "by": rng.standard_normal((n_y, 1))}  # fmt: skip


def lstm_parameters(n_x, n_a, n_y, rng):
    p = {}
    for gate in "fico":
        p[f"W{gate}"], p[f"b{gate}"] = rng.standard_normal((n_a, n_a + n_x)), rng.standard_normal((n_a, 1))
    p["Wy"], p["by"] = rng.standard_normal((n_y, n_a)), rng.standard_normal((n_y, 1))
    return p


# --- the cells ------------------------------------------------------------------------------------


def test_the_rnn_cell_prints_the_course_values_for_seed_1():
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(1)  # noqa: NPY002 - the notebook's own test case
        xt, a_prev = np.random.randn(3, 10), np.random.randn(5, 10)  # noqa: NPY002
        p = {k: np.random.randn(*s) for k, s in  # noqa: NPY002
             (("Waa", (5, 5)), ("Wax", (5, 3)), ("Wya", (2, 5)), ("ba", (5, 1)), ("by", (2, 1)))}  # fmt: skip
    finally:
        np.random.set_state(state)  # noqa: NPY002
    a_next, yt_pred, _ = rnn_cell_forward(xt, a_prev, p)
    np.testing.assert_allclose(
        a_next[4],
        [
            0.59584544,
            0.18141802,
            0.61311866,
            0.99808218,
            0.85016201,
            0.99980978,
            -0.18887155,
            0.99815551,
            0.6531151,
            0.82872037,
        ],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        yt_pred[1],
        [
            0.9888161,
            0.01682021,
            0.21140899,
            0.36817467,
            0.98988387,
            0.88945212,
            0.36920224,
            0.9966312,
            0.9982559,
            0.17746526,
        ],
        atol=1e-8,
    )


def test_zero_input_and_state_leave_tanh_of_the_bias_and_predictions_are_distributions():
    p = rnn_parameters(3, 4, 2, np.random.default_rng(0))
    a_next, yt_pred, cache = rnn_cell_forward(np.zeros((3, 5)), np.zeros((4, 5)), p)
    np.testing.assert_allclose(a_next, np.tanh(p["ba"]) * np.ones((1, 5)))
    np.testing.assert_allclose(yt_pred.sum(axis=0), 1.0)
    assert cache[0] is a_next and cache[3] is p and len(cache) == 4


def test_saturated_gates_keep_the_memory_or_overwrite_it():
    rng = np.random.default_rng(1)
    p = lstm_parameters(2, 3, 2, rng)
    xt, a_prev, c_prev = rng.standard_normal((2, 4)), rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    keep = {
        **p,
        "bf": np.full((3, 1), 40.0),
        "bi": np.full((3, 1), -40.0),
        "Wf": 0 * p["Wf"],
        "Wi": 0 * p["Wi"],
    }
    np.testing.assert_allclose(lstm_cell_forward(xt, a_prev, c_prev, keep)[1], c_prev, atol=1e-12)
    write = {
        **p,
        "bf": np.full((3, 1), -40.0),
        "bi": np.full((3, 1), 40.0),
        "Wf": 0 * p["Wf"],
        "Wi": 0 * p["Wi"],
    }
    cct = np.tanh(p["Wc"] @ np.vstack([a_prev, xt]) + p["bc"])
    np.testing.assert_allclose(lstm_cell_forward(xt, a_prev, c_prev, write)[1], cct, atol=1e-12)


def test_a_prev_is_stacked_on_top_so_zero_input_columns_ignore_xt():
    rng = np.random.default_rng(2)
    p = lstm_parameters(3, 2, 2, rng)
    for gate in "fico":
        p[f"W{gate}"][:, 2:] = 0.0
    a_prev, c_prev = rng.standard_normal((2, 4)), rng.standard_normal((2, 4))
    first = lstm_cell_forward(rng.standard_normal((3, 4)), a_prev, c_prev, p)
    second = lstm_cell_forward(rng.standard_normal((3, 4)), a_prev, c_prev, p)
    for i in range(3):
        np.testing.assert_array_equal(first[i], second[i])


def test_the_lstm_cache_holds_the_gates_in_the_course_order():
    rng = np.random.default_rng(3)
    p = lstm_parameters(2, 3, 2, rng)
    xt, a_prev, c_prev = rng.standard_normal((2, 4)), rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    a_next, c_next, _, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
    cached_a, cached_c, cached_a_prev, cached_c_prev, ft, it, cct, ot, cached_xt, cached_p = cache
    concat = np.vstack([a_prev, xt])
    np.testing.assert_allclose(ft, sigmoid(p["Wf"] @ concat + p["bf"]))
    np.testing.assert_allclose(c_next, ft * c_prev + it * cct)
    np.testing.assert_allclose(a_next, ot * np.tanh(c_next))
    assert cached_a is a_next and cached_c is c_next and cached_a_prev is a_prev and cached_c_prev is c_prev
    assert cached_xt is xt and cached_p is p


# --- the loops ------------------------------------------------------------------------------------


@SETTINGS
@given(geometry)
def test_rnn_forward_is_the_cell_repeated_from_a0(g):
    n_x, n_a, n_y, m, T_x, seed = g
    rng = np.random.default_rng(seed)
    p, x, a0 = (
        rnn_parameters(n_x, n_a, n_y, rng),
        rng.standard_normal((n_x, m, T_x)),
        rng.standard_normal((n_a, m)),
    )
    a, y_pred, (caches, x_cached) = rnn_forward(x, a0, p)
    a_prev = a0
    for t in range(T_x):
        a_prev, yt, cache = rnn_cell_forward(x[:, :, t], a_prev, p)
        np.testing.assert_array_equal(a[:, :, t], a_prev)
        np.testing.assert_array_equal(y_pred[:, :, t], yt)
        np.testing.assert_array_equal(caches[t][1], a0 if t == 0 else a[:, :, t - 1])
    assert len(caches) == T_x and x_cached is x


@SETTINGS
@given(geometry)
def test_lstm_forward_is_the_cell_repeated_from_a0_and_an_empty_memory(g):
    n_x, n_a, n_y, m, T_x, seed = g
    rng = np.random.default_rng(seed)
    p, x, a0 = (
        lstm_parameters(n_x, n_a, n_y, rng),
        rng.standard_normal((n_x, m, T_x)),
        rng.standard_normal((n_a, m)),
    )
    a, y, c, (caches, x_cached) = lstm_forward(x, a0, p)
    a_prev, c_prev = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_prev, c_prev, yt, _ = lstm_cell_forward(x[:, :, t], a_prev, c_prev, p)
        np.testing.assert_array_equal(a[:, :, t], a_prev)
        np.testing.assert_array_equal(c[:, :, t], c_prev)
        np.testing.assert_array_equal(y[:, :, t], yt)
    assert len(caches) == T_x and x_cached is x
    np.testing.assert_array_equal(caches[0][3], np.zeros((n_a, m)))


def test_softmax_normalizes_columns_without_overflow():
    z = np.array([[1000.0, 0.0], [1000.0, 1.0]])
    np.testing.assert_allclose(softmax(z), [[0.5, 1 / (1 + np.e)], [0.5, np.e / (1 + np.e)]])


# --- the graded module ----------------------------------------------------------------------------


def functions():
    return [node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]


def test_the_module_defines_exactly_the_graded_functions_and_imports_numpy_and_the_course_helpers():
    assert [fn.name for fn in functions()] == GRADED
    imports = {
        (type(n).__name__, getattr(n, "module", None), a.name)
        for n in ast.walk(ast.parse(SOURCE))
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names
    }
    assert imports == {("Import", None, "numpy"), ("ImportFrom", "rnn_utils", "sigmoid"),
                       ("ImportFrom", "rnn_utils", "softmax"), ("ImportFrom", "rnn_helpers", "sigmoid"),
                       ("ImportFrom", "rnn_helpers", "softmax")}  # fmt: skip


def test_each_graded_function_is_marked_documented_short_and_has_one_solution_region():
    lines = SOURCE.splitlines()
    assert len(lines) < 300
    for fn in functions():
        assert lines[fn.lineno - 2] == f"# GRADED FUNCTION: {fn.name}"
        docstring = ast.get_docstring(fn, clean=False)
        for section in ("Parameters\n", "Returns\n", ".. math::"):
            assert section in docstring, (fn.name, section)
        body = lines[fn.lineno - 1 : fn.end_lineno]
        assert (
            sum("# BEGIN SOLUTION" in line for line in body)
            == sum("# END SOLUTION" in line for line in body)
            == 1
        )
        assert fn.end_lineno - fn.body[1].lineno < 40, fn.name


def test_the_stub_raises_not_implemented():
    namespace = {"__name__": "stub", "softmax": softmax, "sigmoid": sigmoid}
    stub = strip_solutions(SOURCE).replace("from .rnn_helpers", "from reference.rnn_helpers")
    exec(compile(stub, "rnn.py (stub)", "exec"), namespace)
    rng = np.random.default_rng(0)
    p_rnn, p_lstm = rnn_parameters(2, 3, 2, rng), lstm_parameters(2, 3, 2, rng)
    x, a = np.ones((2, 4, 3)), np.ones((3, 4))
    calls = {"rnn_cell_forward": (x[:, :, 0], a, p_rnn), "rnn_forward": (x, a, p_rnn),
             "lstm_cell_forward": (x[:, :, 0], a, a, p_lstm), "lstm_forward": (x, a, p_lstm)}  # fmt: skip
    for name in GRADED:
        with pytest.raises(NotImplementedError):
            namespace[name](*calls[name])
