"""reference.convolution: the notebook's printed values, the output size rule, each layer against
an independent vectorized version and against central differences, and the graded module's
shape (the blocks called as globals, as in the notebook)."""

import ast
import functools
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks import c4w1_mistakes as independent
from grader.instructor.stubs import strip_solutions
from grader.judge.numerical import numerical_gradient as central_differences
from reference import convolution
from reference.convolution import (
    conv_backward,
    conv_forward,
    conv_single_step,
    create_mask_from_window,
    distribute_value,
    pool_backward,
    pool_forward,
    zero_pad,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=30)
SOURCE = pathlib.Path(convolution.__file__).read_text()
GRADED = ["zero_pad", "conv_single_step", "conv_forward", "pool_forward", "conv_backward",
          "create_mask_from_window", "distribute_value", "pool_backward"]  # fmt: skip


def notebook(*shapes):
    rng = np.random.RandomState(1)  # the notebook's np.random.seed(1)
    return [rng.randn(*shape) for shape in shapes]


@st.composite
def geometries(draw):
    """(A_prev, W, b, hparameters) with f <= n + 2 pad."""
    f, pad, stride = draw(st.integers(1, 4)), draw(st.integers(0, 2)), draw(st.integers(1, 3))
    low = max(1, f - 2 * pad)
    n_H, n_W = draw(st.integers(low, 6)), draw(st.integers(low, 6))
    m, n_C_prev, n_C = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return (rng.standard_normal((m, n_H, n_W, n_C_prev)), rng.standard_normal((f, f, n_C_prev, n_C)),
            rng.standard_normal((1, 1, 1, n_C)), {"stride": stride, "pad": pad})  # fmt: skip


numerical_gradient = functools.partial(central_differences, step=1e-5)


# --- the notebook's printed values -------------------------------------------------------------


def test_conv_single_step_prints_the_notebooks_value():
    assert conv_single_step(*notebook((4, 4, 3), (4, 4, 3), (1, 1, 1))) == pytest.approx(
        -6.999089450680221, abs=1e-12
    )


def test_conv_forward_prints_the_notebooks_mean():
    Z, cache = conv_forward(*notebook((2, 5, 7, 4), (3, 3, 4, 8), (1, 1, 1, 8)), {"pad": 1, "stride": 2})
    assert Z.shape == (2, 3, 4, 8)
    assert np.mean(Z) == pytest.approx(0.5511276474566768, abs=1e-12)
    assert cache[3] == {"pad": 1, "stride": 2}


def test_conv_backward_prints_the_notebooks_means():
    Z, cache = conv_forward(*notebook((10, 4, 4, 3), (2, 2, 3, 8), (1, 1, 1, 8)), {"pad": 2, "stride": 2})
    dA, dW, db = conv_backward(Z, cache)
    assert (np.mean(dA), np.mean(dW), np.mean(db)) == pytest.approx(
        (1.45243777754, 1.72699145831, 7.83923256462)
    )


def test_distribute_value_and_the_mask_by_hand():
    np.testing.assert_array_equal(distribute_value(2, (2, 2)), np.full((2, 2), 0.5))
    np.testing.assert_array_equal(
        create_mask_from_window(np.array([[1.0, 3.0], [3.0, 2.0]])), [[0, 1], [1, 0]]
    )


# --- properties ----------------------------------------------------------------------------------


def test_zero_pad_pads_only_the_spatial_axes_with_zeros():
    X = np.arange(24, dtype=float).reshape(2, 3, 2, 2) + 1
    X_pad = zero_pad(X, 2)
    assert X_pad.shape == (2, 7, 6, 2)
    np.testing.assert_array_equal(X_pad[:, 2:5, 2:4, :], X)
    assert np.count_nonzero(X_pad) == X.size
    np.testing.assert_array_equal(zero_pad(X, 0), X)


@SETTINGS
@given(geometries())
def test_conv_forward_is_the_vectorized_correlation_with_the_size_rule(args):
    A_prev, W, b, hp = args
    Z, cache = conv_forward(A_prev, W, b, hp)
    f, pad, stride = W.shape[0], hp["pad"], hp["stride"]
    assert Z.shape == (A_prev.shape[0], (A_prev.shape[1] + 2 * pad - f) // stride + 1,
                       (A_prev.shape[2] + 2 * pad - f) // stride + 1, W.shape[3])  # fmt: skip
    np.testing.assert_allclose(Z, independent.conv_variant(A_prev, W, b, hp)[0], rtol=1e-12, atol=1e-12)
    assert cache[0] is A_prev and cache[3] is hp


@SETTINGS
@given(geometries(), st.sampled_from(["max", "average"]))
def test_pool_forward_is_the_vectorized_pooling_per_channel(args, mode):
    A_prev, W, _, hp = args
    hparameters = {"f": min(W.shape[0], *A_prev.shape[1:3]), "stride": hp["stride"]}
    A, cache = pool_forward(A_prev, hparameters, mode)
    np.testing.assert_allclose(A, independent.pool_variant(A_prev, hparameters, mode)[0], rtol=1e-12)
    assert A.shape[3] == A_prev.shape[3] and cache == (A_prev, hparameters)


@SETTINGS
@given(geometries())
def test_conv_backward_is_the_vectorized_backward_pass(args):
    A_prev, W, b, hp = args
    Z, cache = conv_forward(A_prev, W, b, hp)
    dZ = np.random.default_rng(0).standard_normal(Z.shape)
    for got, expected in zip(
        conv_backward(dZ, cache), independent.conv_backward_variant(dZ, cache), strict=True
    ):
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(("pad", "stride"), [(0, 1), (1, 2), (2, 1), (0, 3)])
def test_conv_backward_matches_central_differences(pad, stride):
    rng = np.random.default_rng(pad * 10 + stride)
    A_prev, W, b = (
        rng.standard_normal((2, 4, 3, 2)),
        rng.standard_normal((2, 2, 2, 2)),
        rng.standard_normal((1, 1, 1, 2)),
    )
    hp = {"pad": pad, "stride": stride}
    Z, cache = conv_forward(A_prev, W, b, hp)
    dZ = rng.standard_normal(Z.shape)
    dA_prev, dW, db = conv_backward(dZ, cache)

    def loss(A_prev=A_prev, W=W, b=b):
        return np.sum(dZ * conv_forward(A_prev, W, b, hp)[0])

    np.testing.assert_allclose(dA_prev, numerical_gradient(lambda x: loss(A_prev=x), A_prev), atol=1e-7)
    np.testing.assert_allclose(dW, numerical_gradient(lambda x: loss(W=x), W), atol=1e-7)
    np.testing.assert_allclose(db, numerical_gradient(lambda x: loss(b=x), b), atol=1e-7)
    assert dW.size + db.size == (2 * 2 * 2 + 1) * 2  # (f f n_C_prev + 1) n_C parameters


@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize(("f", "stride"), [(2, 1), (2, 2), (3, 1), (3, 2)])
def test_pool_backward_matches_central_differences(mode, f, stride):
    rng = np.random.default_rng(f * 10 + stride)
    A_prev = rng.permutation(2 * 5 * 4 * 2).reshape(2, 5, 4, 2) * 0.5  # distinct values: no ties
    hp = {"f": f, "stride": stride}
    A, cache = pool_forward(A_prev, hp, mode)
    dA = rng.standard_normal(A.shape)
    numerical = numerical_gradient(lambda x: np.sum(dA * pool_forward(x, hp, mode)[0]), A_prev)
    np.testing.assert_allclose(pool_backward(dA, cache, mode), numerical, atol=1e-7)


def test_a_mask_marks_every_maximum_and_distribute_value_sums_to_dz():
    assert create_mask_from_window(np.array([[5.0, 5.0], [1.0, 5.0]])).sum() == 3
    a = distribute_value(-3.5, (2, 3))
    assert a.shape == (2, 3) and np.sum(a) == pytest.approx(-3.5) and np.all(a == a[0, 0])


# --- the graded module -------------------------------------------------------------------------


def test_the_module_has_a_graded_marker_and_a_solution_region_per_exercise():
    markers = [line.split(": ")[1] for line in SOURCE.splitlines() if line.startswith("# GRADED FUNCTION")]
    assert markers == GRADED
    assert SOURCE.count("# BEGIN SOLUTION") == len(GRADED)


def calls_in(name):
    tree = next(
        node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef) and node.name == name
    )
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def test_the_layers_call_the_blocks_as_globals_as_the_notebook_does():
    assert {"zero_pad", "conv_single_step"} <= calls_in("conv_forward")
    assert "zero_pad" in calls_in("conv_backward")
    assert {"create_mask_from_window", "distribute_value"} <= calls_in("pool_backward")


def test_the_module_imports_numpy_only_and_seeds_nothing():
    imports = [node for node in ast.parse(SOURCE).body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [alias.name for node in imports for alias in node.names] == ["numpy"]
    assert "seed" not in SOURCE


def test_the_stub_raises_not_implemented_in_every_exercise():
    namespace = {}
    exec(compile(strip_solutions(SOURCE), "stub", "exec"), namespace)
    x = np.ones((1, 3, 3, 1))
    with pytest.raises(NotImplementedError):
        namespace["conv_forward"](x, np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1)), {"pad": 0, "stride": 1})
    with pytest.raises(NotImplementedError):
        namespace["distribute_value"](1.0, (2, 2))
