"""reference.residual: the given "same" convolution against a loop, the identity block's lecture
properties and its channel contract, the 1x1 convolution as a per-pixel matrix product, the
lecture's bottleneck numbers, and the graded module's shape."""

import ast
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.instructor.stubs import strip_solutions
from reference import residual
from reference.residual import bottleneck_cost, conv_1x1, conv_same, identity_block

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=30)
GRADED = ["identity_block", "conv_1x1", "bottleneck_cost"]
SOURCE = pathlib.Path(residual.__file__).read_text()


def conv_loop(A, W, b):
    """A stride-1 'same' convolution, one output at a time."""
    m, n_H, n_W, _ = A.shape
    f = W.shape[0]
    pad = (f - 1) // 2
    A_pad = np.pad(A, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    Z = np.zeros((m, n_H, n_W, W.shape[3]))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(W.shape[3]):
                    Z[i, h, w, c] = np.sum(A_pad[i, h : h + f, w : w + f, :] * W[..., c]) + b[0, 0, 0, c]
    return Z


def block(rng, m=2, n_H=4, n_W=3, n_C=3, F1=2, F2=4, f=3, F3=None):
    F3 = n_C if F3 is None else F3
    X = rng.standard_normal((m, n_H, n_W, n_C))
    shapes = {"W1": (1, 1, n_C, F1), "b1": (1, 1, 1, F1), "W2": (f, f, F1, F2), "b2": (1, 1, 1, F2),
              "W3": (1, 1, F2, F3), "b3": (1, 1, 1, F3)}  # fmt: skip
    return X, {k: rng.standard_normal(s) for k, s in shapes.items()}


# --- the given convolution ----------------------------------------------------------------------


@SETTINGS
@given(f=st.sampled_from([1, 3, 5]), n_H=st.integers(1, 5), n_W=st.integers(1, 5), seed=st.integers(0, 99))
def test_conv_same_equals_a_loop_and_keeps_height_and_width(f, n_H, n_W, seed):
    rng = np.random.default_rng(seed)
    A, W, b = (
        rng.standard_normal((2, n_H, n_W, 3)),
        rng.standard_normal((f, f, 3, 2)),
        rng.standard_normal((1, 1, 1, 2)),
    )
    Z = conv_same(A, W, b)
    assert Z.shape == (2, n_H, n_W, 2)
    np.testing.assert_allclose(Z, conv_loop(A, W, b), atol=1e-12)


def test_conv_same_rejects_an_even_filter_or_the_wrong_channels():
    A = np.zeros((1, 3, 3, 2))
    with pytest.raises(ValueError, match="f must be odd"):
        conv_same(A, np.zeros((2, 2, 2, 1)), np.zeros((1, 1, 1, 1)))
    with pytest.raises(ValueError):
        conv_same(A, np.zeros((3, 3, 4, 1)), np.zeros((1, 1, 1, 1)))


# --- identity block -----------------------------------------------------------------------------


def test_a_block_of_zeros_gives_back_a_nonnegative_input():
    X, parameters = block(np.random.default_rng(0))
    X = np.abs(X)
    zeros = {k: np.zeros_like(v) for k, v in parameters.items()}
    np.testing.assert_array_equal(identity_block(X, zeros), X)


def test_a_zero_last_layer_gives_relu_of_the_input_whatever_the_first_two():
    X, parameters = block(np.random.default_rng(1))
    parameters["W3"], parameters["b3"] = np.zeros_like(parameters["W3"]), np.zeros_like(parameters["b3"])
    np.testing.assert_array_equal(identity_block(X, parameters), np.maximum(X, 0))


@SETTINGS
@given(n_C=st.integers(1, 4), F1=st.integers(1, 4), F2=st.integers(1, 4), f=st.sampled_from([1, 3, 5]),
       seed=st.integers(0, 99))  # fmt: skip
def test_the_block_is_relu_of_its_three_convolutions_plus_the_shortcut(n_C, F1, F2, f, seed):
    X, p = block(np.random.default_rng(seed), n_C=n_C, F1=F1, F2=F2, f=f)
    A1 = np.maximum(conv_loop(X, p["W1"], p["b1"]), 0)
    A2 = np.maximum(conv_loop(A1, p["W2"], p["b2"]), 0)
    expected = np.maximum(conv_loop(A2, p["W3"], p["b3"]) + X, 0)
    A = identity_block(X, p)
    assert A.shape == X.shape
    np.testing.assert_allclose(A, expected, atol=1e-12)


@pytest.mark.parametrize(("n_C", "F3"), [(3, 1), (1, 3), (2, 3)])
def test_a_block_that_would_change_the_channel_count_raises_value_error(n_C, F3):
    X, parameters = block(np.random.default_rng(2), n_C=n_C, F3=F3)
    with pytest.raises(ValueError, match="cannot add the shortcut"):
        identity_block(X, parameters)


# --- 1x1 convolution ----------------------------------------------------------------------------


@SETTINGS
@given(m=st.integers(1, 3), n_H=st.integers(1, 4), n_W=st.integers(1, 4), n_C_prev=st.integers(1, 5),
       n_C=st.integers(1, 5), seed=st.integers(0, 99))  # fmt: skip
def test_a_1x1_convolution_is_a_matrix_product_at_every_pixel(m, n_H, n_W, n_C_prev, n_C, seed):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((m, n_H, n_W, n_C_prev))
    W, b = rng.standard_normal((1, 1, n_C_prev, n_C)), rng.standard_normal((1, 1, 1, n_C))
    Z = conv_1x1(A, W, b)
    assert Z.shape == (m, n_H, n_W, n_C)
    for i, h, w in np.ndindex(m, n_H, n_W):
        np.testing.assert_allclose(Z[i, h, w], A[i, h, w] @ W[0, 0] + b[0, 0, 0], atol=1e-12)
    np.testing.assert_allclose(Z, conv_same(A, W, b), atol=1e-12)


# --- bottleneck cost ----------------------------------------------------------------------------


def test_the_lectures_120_million_and_12_4_million():
    assert bottleneck_cost(28, 28, 192, 32, 5) == 120_422_400
    assert bottleneck_cost(28, 28, 192, 32, 5, n_bottleneck=16) == 2_408_448 + 10_035_200 == 12_443_648


@SETTINGS
@given(sizes=st.tuples(*[st.integers(1, 64)] * 4), f=st.sampled_from([1, 3, 5]), n_b=st.integers(1, 32))
def test_costs_are_integers_of_the_lectures_formulas(sizes, f, n_b):
    n_H, n_W, n_C_prev, n_C = sizes
    direct, through = bottleneck_cost(*sizes, f), bottleneck_cost(*sizes, f, n_b)
    assert type(direct) is int and type(through) is int
    assert direct == n_H * n_W * n_C * f * f * n_C_prev
    assert through == n_H * n_W * n_b * n_C_prev + n_H * n_W * n_C * f * f * n_b


# --- the graded module --------------------------------------------------------------------------


def functions():
    return [node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]


def test_the_module_defines_the_given_convolution_and_the_three_graded_functions_and_imports_only_numpy():
    assert [fn.name for fn in functions()] == ["conv_same", *GRADED]
    imports = [n for n in ast.walk(ast.parse(SOURCE)) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [(a.name, a.asname) for n in imports for a in n.names] == [("numpy", "np")]


def test_each_graded_function_is_marked_documented_and_has_one_solution_region():
    lines = SOURCE.splitlines()
    for fn in functions()[1:]:
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
        assert isinstance(fn.body[-1], ast.Return)


def test_the_stub_keeps_the_given_convolution_and_raises_not_implemented_in_each_graded_function():
    namespace = {"__name__": "stub"}
    exec(compile(strip_solutions(SOURCE), "residual.py (stub)", "exec"), namespace)
    X, parameters = block(np.random.default_rng(3))
    W1, b1 = parameters["W1"], parameters["b1"]
    np.testing.assert_array_equal(namespace["conv_same"](X, W1, b1), conv_same(X, W1, b1))
    calls = {"identity_block": (X, parameters), "conv_1x1": (X, parameters["W1"], parameters["b1"]),
             "bottleneck_cost": (28, 28, 192, 32, 5)}  # fmt: skip
    for name in GRADED:
        with pytest.raises(NotImplementedError):
            namespace[name](*calls[name])
