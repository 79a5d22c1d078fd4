"""reference.face_style: the course's triplet-loss examples, the losses' and costs' defining
properties (clipping per example, sums over the batch, the normalizations, style's
indifference to where features sit), and the shape of the graded module."""

import ast
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks import c4w4_mistakes as mistakes
from grader.instructor.stubs import strip_solutions
from reference import face_style
from reference.face_style import (
    compute_content_cost,
    compute_layer_style_cost,
    gram_matrix,
    total_cost,
    triplet_loss,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=50)
GRADED = ["triplet_loss", "verification_probability", "verification_gradients", "compute_content_cost",
          "gram_matrix", "compute_layer_style_cost", "total_cost"]  # fmt: skip
SOURCE = pathlib.Path(face_style.__file__).read_text()
geometry = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))


def activations(n_H, n_W, n_C, seed):
    return np.random.default_rng(seed).standard_normal((1, n_H, n_W, n_C))


# --- triplet loss ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("anchor", "positive", "negative", "alpha", "loss"), [
    ([1.0, 1.0], [1.0, 1.0], [1.0, 1.0], 5, 5.0),
    ([1.0, 1.0], [1.0, 1.0], [0.0, 0.0], 3, 1.0),
    ([1.0, 1.0], [0.0, 0.0], [1.0, 1.0], 0, 2.0),
    ([0.0, 0.0], [0.0, 0.0], [0.0, 0.0], -2, 0.0),
    ([[1.0, 0.0], [1.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]], 3, 2.0),
    ([[1.0, 1.0], [2.0, 0.0]], [[0.0, 3.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], 1, 5.0),
])  # fmt: skip
def test_the_course_examples_give_the_course_losses(anchor, positive, negative, alpha, loss):
    y_pred = tuple(np.array(v) for v in (anchor, positive, negative))
    assert triplet_loss((None, None, None), y_pred, alpha) == loss


def test_the_course_example_that_catches_axis_0_gives_4_with_that_mistake():
    y_pred = tuple(
        np.array(v) for v in ([[1.0, 1.0], [2.0, 0.0]], [[0.0, 3.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    )
    assert mistakes.TRIPLET_LOSS[1].gives(None, y_pred, 1) == 4.0


@SETTINGS
@given(st.integers(1, 6), st.integers(1, 8), st.sampled_from([0.0, 0.2, 1.0]), st.integers(0, 2**32 - 1))
def test_the_loss_is_the_sum_of_each_examples_clipped_loss(m, d, alpha, seed):
    rng = np.random.default_rng(seed)
    y_pred = tuple(rng.standard_normal((m, d)) for _ in range(3))
    each = [triplet_loss(None, tuple(v[i : i + 1] for v in y_pred), alpha) for i in range(m)]
    assert min(each) >= 0
    assert triplet_loss(None, y_pred, alpha) == pytest.approx(sum(each), rel=1e-12, abs=1e-12)


def test_a_negative_farther_by_more_than_alpha_costs_nothing():
    anchor = np.zeros((3, 4))
    positive, negative = anchor + 0.1, anchor + 0.2  # distances 0.04 and 0.16
    assert triplet_loss(None, (anchor, positive, negative), alpha=0.1) == 0.0
    assert triplet_loss(None, (anchor, positive, negative), alpha=0.13) == pytest.approx(3 * 0.01)


# --- content cost, Gram matrix, style cost --------------------------------------------------------


@SETTINGS
@given(geometry)
def test_a_difference_of_one_everywhere_costs_a_quarter_and_none_costs_nothing(g):
    a_C = activations(*g)
    assert compute_content_cost(a_C, a_C + 1) == pytest.approx(0.25)
    assert compute_content_cost(a_C, a_C) == 0.0


def test_the_gram_matrix_of_a_worked_example():
    np.testing.assert_array_equal(
        gram_matrix(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])), [[14, 32], [32, 77]]
    )


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_a_gram_matrix_is_channels_by_channels_symmetric_and_positive_semidefinite(n_C, columns, seed):
    A = np.random.default_rng(seed).standard_normal((n_C, columns))
    G = gram_matrix(A)
    assert G.shape == (n_C, n_C)
    np.testing.assert_array_equal(G, G.T)
    assert np.linalg.eigvalsh(G).min() >= -1e-9
    np.testing.assert_allclose(np.diag(G), np.sum(A**2, axis=1))


@SETTINGS
@given(geometry)
def test_the_style_cost_ignores_where_the_features_are(g):
    n_H, n_W, n_C, seed = g
    a_S = activations(*g)
    order = np.random.default_rng(seed + 1).permutation(n_H * n_W)
    a_G = a_S.reshape(n_H * n_W, n_C)[order].reshape(a_S.shape)
    assert compute_layer_style_cost(a_S, a_G) == pytest.approx(0.0, abs=1e-12)


def test_a_direct_reshape_does_not_ignore_where_the_features_are():
    a_S = activations(2, 2, 3, seed=0)
    a_G = a_S[:, ::-1]  # the rows of pixels swapped
    assert compute_layer_style_cost(a_S, a_G) == pytest.approx(0.0, abs=1e-12)
    assert mistakes.DIRECT_RESHAPE.gives(a_S, a_G) > 1e-3


@SETTINGS
@given(geometry)
def test_zeros_against_ones_cost_a_quarter_whatever_the_shape(g):
    shape = (1, *g[:3])
    assert compute_layer_style_cost(np.zeros(shape), np.ones(shape)) == pytest.approx(0.25)


def test_the_total_cost_weighs_content_by_10_and_style_by_40_by_default():
    assert total_cost(1.0, 0.0) == 10 and total_cost(0.0, 1.0) == 40
    assert total_cost(2.0, 3.0, alpha=1, beta=0.5) == 3.5


# --- the graded module ----------------------------------------------------------------------------


def functions():
    return [node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]


def test_the_module_defines_exactly_the_graded_functions_and_imports_only_numpy():
    assert [fn.name for fn in functions()] == GRADED
    imports = [n for n in ast.walk(ast.parse(SOURCE)) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [(a.name, a.asname) for n in imports for a in n.names] == [("numpy", "np")]


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
        assert fn.end_lineno - fn.body[1].lineno < 40, fn.name  # code after the docstring


def test_the_stub_raises_not_implemented():
    namespace = {"__name__": "stub"}
    exec(compile(strip_solutions(SOURCE), "face_style.py (stub)", "exec"), namespace)
    a = np.ones((1, 2, 2, 3))
    calls = {"triplet_loss": (None, (a[0, 0], a[0, 0], a[0, 0])), "compute_content_cost": (a, a),
             "gram_matrix": (a[0, 0],), "compute_layer_style_cost": (a, a), "total_cost": (1.0, 2.0),
             "verification_probability": (a[0, 0], a[0, 0], a[0, 0, 0], 0.0),
             "verification_gradients": (a[0, 0], a[0, 0], np.ones(2), a[0, 0, 0], 0.0)}  # fmt: skip
    for name in GRADED:
        with pytest.raises(NotImplementedError):
            namespace[name](*calls[name])
