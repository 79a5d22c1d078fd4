"""reference.practical_aspects: the initializations' statistics and seeding, normalization by
hand and as properties, the split's contract, the lectures' bias/variance examples, and the
graded module's shape."""

import ast
import math
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.instructor.stubs import strip_solutions
from reference import practical_aspects as pa
from reference.practical_aspects import (
    diagnose_bias_variance,
    fit_normalizer,
    initialize_parameters_glorot,
    initialize_parameters_xavier,
    normalize,
    split_dataset,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=50)
GRADED = ["initialize_parameters_xavier", "initialize_parameters_glorot", "fit_normalizer", "normalize",
          "split_dataset", "diagnose_bias_variance"]  # fmt: skip
INITIALIZATIONS = {
    initialize_parameters_xavier: lambda n_in, n_out: 1 / n_in,
    initialize_parameters_glorot: lambda n_in, n_out: 2 / (n_in + n_out),
}


# --- initialization ------------------------------------------------------------------------------


@pytest.mark.parametrize("init", INITIALIZATIONS, ids=lambda f: f.__name__)
def test_an_initialization_has_the_course_keys_and_shapes_and_zero_biases(init):
    parameters = init([3, 5, 2], seed=1)
    assert list(parameters) == ["W1", "b1", "W2", "b2"]
    assert parameters["W1"].shape == (5, 3) and parameters["W2"].shape == (2, 5)
    assert parameters["b1"].shape == (5, 1) and not parameters["b1"].any() and not parameters["b2"].any()


@pytest.mark.parametrize("init", INITIALIZATIONS, ids=lambda f: f.__name__)
def test_an_initialization_is_reproducible_for_a_seed_and_leaves_the_global_state_alone(init):
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    first, again, other = init([4, 3], seed=7), init([4, 3], seed=7), init([4, 3], seed=8)
    np.testing.assert_array_equal(first["W1"], again["W1"])
    assert not np.array_equal(first["W1"], other["W1"])
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


@pytest.mark.parametrize("init", INITIALIZATIONS, ids=lambda f: f.__name__)
def test_an_initialization_draws_with_its_variance_within_six_standard_errors(init):
    dims = [400, 60, 300]
    parameters = init(dims, seed=3)
    for l in (1, 2):
        W, variance = parameters[f"W{l}"], INITIALIZATIONS[init](dims[l - 1], dims[l])
        assert abs(W.mean()) <= 6 * math.sqrt(variance / W.size)
        assert abs(np.mean(W**2) / variance - 1) <= 6 * math.sqrt(2 / W.size)


def test_xavier_and_glorot_differ_when_fan_in_and_fan_out_do():
    xavier, glorot = initialize_parameters_xavier([400, 60], 0), initialize_parameters_glorot([400, 60], 0)
    ratio = np.var(glorot["W1"]) / np.var(xavier["W1"])
    assert ratio == pytest.approx(2 * 400 / 460, rel=1e-12)  # the same draws, scaled differently


# --- normalization -------------------------------------------------------------------------------


def test_fit_normalizer_by_hand():
    mu, sigma2 = fit_normalizer(np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]))
    np.testing.assert_allclose(mu, [[2.0], [4.0]])
    np.testing.assert_allclose(sigma2, [[2 / 3], [8 / 3]])  # divided by m, not m - 1


def test_normalize_uses_the_statistics_it_is_given():
    mu, sigma2 = np.array([[1.0]]), np.array([[4.0]])
    np.testing.assert_allclose(normalize(np.array([[5.0, -1.0]]), mu, sigma2, 0.0), [[2.0, -1.0]])
    np.testing.assert_allclose(
        normalize(np.array([[3.0]]), mu, np.array([[0.0]]), 1.0), [[2.0]]
    )  # inside the root


features = st.tuples(st.integers(1, 5), st.integers(2, 40), st.integers(0, 10**6))


@SETTINGS
@given(shape_seed=features)
def test_the_training_set_normalized_with_its_own_statistics_is_standard(shape_seed):
    n, m, seed = shape_seed
    rng = np.random.default_rng(seed)
    X = rng.uniform(-10, 10, (n, 1)) + 10 ** rng.uniform(-1, 2, (n, 1)) * rng.standard_normal((n, m))
    X_norm = normalize(X, *fit_normalizer(X), 0.0)
    np.testing.assert_allclose(X_norm.mean(axis=1), 0, atol=1e-9)
    np.testing.assert_allclose(X_norm.var(axis=1), 1, rtol=1e-9)


def test_a_dev_set_keeps_its_offset_from_the_training_set():
    X_train = np.array([[0.0, 2.0]])  # mu 1, sigma2 1
    X_dev = np.array([[3.0, 5.0]])
    np.testing.assert_allclose(normalize(X_dev, *fit_normalizer(X_train), 0.0), [[2.0, 4.0]])


# --- split ---------------------------------------------------------------------------------------


def test_sizes_round_down_and_the_training_set_gets_the_rest():
    X, Y = np.arange(10.0).reshape(1, 10), np.arange(10.0).reshape(1, 10)
    (Xt, _), (Xd, _), (Xs, _) = split_dataset(X, Y, 0.25, 0.15, seed=0)
    assert (Xt.shape[1], Xd.shape[1], Xs.shape[1]) == (7, 2, 1)
    # The floor of the floating-point product: 0.29 * 100 is 28.999999999999996.
    X = np.zeros((1, 100))
    assert split_dataset(X, X, 0.29, 0.0, 0)[1][0].shape == (1, 28)


@SETTINGS
@given(m=st.integers(1, 120), dev=st.sampled_from([0.0, 0.1, 0.25, 1 / 3]), test=st.sampled_from([0.0, 0.2, 0.5]),
       seed=st.integers(0, 1000))  # fmt: skip
def test_a_split_is_a_reproducible_partition_that_keeps_pairs(m, dev, test, seed):
    X = np.vstack([np.arange(m, dtype=float), np.random.default_rng(seed).standard_normal(m)])
    Y = np.arange(m, dtype=float).reshape(1, m) + 0.5
    parts = split_dataset(X, Y, dev, test, seed)
    columns = np.concatenate([Xp[0] for Xp, _ in parts])
    assert sorted(columns.tolist()) == list(range(m))
    for Xp, Yp in parts:
        np.testing.assert_array_equal(Yp[0], Xp[0] + 0.5)
    assert [p[0].shape[1] for p in parts] == [m - math.floor(dev * m) - math.floor(test * m),
                                              math.floor(dev * m), math.floor(test * m)]  # fmt: skip
    again = split_dataset(X, Y, dev, test, seed)
    for (a, b), (c, d) in zip(parts, again, strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


def test_a_split_depends_on_the_seed():
    X = np.arange(50.0).reshape(1, 50)
    held_out = [sorted(split_dataset(X, X, 0.2, 0.2, seed)[1][0][0].tolist()) for seed in (0, 1)]
    assert held_out[0] != held_out[1]


# --- bias and variance -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("errors", "bias", "variance", "focus"),
    [((1, 8, 10), 7, 2, "bias"), ((7.5, 8, 10), 0.5, 2, "variance"),  # "Avoidable bias" lecture
     ((0.5, 5, 6), 4.5, 1, "bias"), ((0.5, 1, 5), 0.5, 4, "variance"),  # "Understanding human-level performance"
     ((1, 3, 5), 2, 2, "bias")],  # a tie: bias first, as the basic recipe does
)  # fmt: skip
def test_the_lectures_examples(errors, bias, variance, focus):
    assert diagnose_bias_variance(*errors) == {"avoidable_bias": bias, "variance": variance, "focus": focus}


# --- the graded module -----------------------------------------------------------------------------

SOURCE = pathlib.Path(pa.__file__).read_text()


def functions():
    return [node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]


def test_the_module_defines_exactly_the_six_graded_functions_and_imports_only_numpy():
    assert [fn.name for fn in functions()] == GRADED
    imports = [n for n in ast.walk(ast.parse(SOURCE)) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [(a.name, a.asname) for n in imports for a in n.names] == [("numpy", "np")]


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


def test_the_stub_runs_its_given_code_then_raises_not_implemented():
    namespace = {"__name__": "stub"}
    exec(compile(strip_solutions(SOURCE), "practical_aspects.py (stub)", "exec"), namespace)
    X = np.ones((2, 4))
    calls = {"initialize_parameters_xavier": ([3, 2],), "initialize_parameters_glorot": ([3, 2],),
             "fit_normalizer": (X,), "normalize": (X, X[:, :1], X[:, :1]),
             "split_dataset": (X, X, 0.25, 0.25, 0), "diagnose_bias_variance": (1, 8, 10)}  # fmt: skip
    for name in GRADED:
        with pytest.raises(NotImplementedError):
            namespace[name](*calls[name])
