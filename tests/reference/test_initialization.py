"""reference.initialization and its course helpers: the course's printed values and training
runs, the draws of np.random.seed(3), shapes and zero biases, and the shape of the module."""

import ast
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks.coursera import week1_init_reg_cases as cases
from grader.instructor.stubs import strip_solutions
from reference import initialization, nn_helpers, reg_helpers
from reference.initialization import (
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_zeros,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=50)
FUNCTIONS = ("initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he")
layer_dims = st.lists(st.integers(1, 9), min_size=2, max_size=6)


def source() -> str:
    return pathlib.Path(initialization.__file__).read_text()


def seeds_globally(node: ast.AST) -> bool:
    """Whether ``node`` calls ``np.random.seed`` (our code passes its own RandomState instead)."""
    return any(isinstance(n, ast.Call) and ast.unparse(n.func) == "np.random.seed" for n in ast.walk(node))


def global_seed_draws(layers_dims, scale):
    """The course's own code: np.random.seed(3) then randn layer by layer; the global state is restored."""
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(3)  # noqa: NPY002
        return [
            np.random.randn(n, n_prev) * scale(n_prev)  # noqa: NPY002
            for n_prev, n in zip(layers_dims, layers_dims[1:], strict=False)
        ]
    finally:
        np.random.set_state(state)  # noqa: NPY002


# --- the course's values ---------------------------------------------------------------------------


@pytest.mark.parametrize(("function", "generation"),
                         [(f, g) for f in FUNCTIONS for g in cases.INIT_CASES[f]])  # fmt: skip
def test_the_official_cases_give_the_recorded_outputs(function, generation):
    case = cases.initialization_case(function, generation)
    recorded = cases.EXPECTED[function][generation]
    got = getattr(initialization, function)(*case["args"])
    assert set(got) == set(recorded.value)
    for key, value in recorded.value.items():
        np.testing.assert_allclose(got[key], value, rtol=0, atol=recorded.atol)


def test_he_training_on_the_course_circles_prints_the_course_costs():
    """The 2017 notebook's He run: 'Cost after iteration 0: 0.8830537463419761', 1000:
    0.6879825919728063, 2000: 0.6751286264523371 (stored file id 55431307)."""
    train_X, train_Y, _, _ = reg_helpers.load_circles()
    parameters = initialize_parameters_he([2, 10, 5, 1])
    printed = []
    for i in range(2001):
        a3, cache = nn_helpers.forward_propagation(train_X, parameters)
        if i % 1000 == 0:
            printed.append(reg_helpers.compute_cost(a3, train_Y))
        grads = nn_helpers.backward_propagation(train_X, train_Y, cache)
        parameters = reg_helpers.update_parameters(parameters, grads, 0.01)
    np.testing.assert_allclose(
        printed, [0.8830537463419761, 0.6879825919728063, 0.6751286264523371], rtol=1e-12
    )


def test_zeros_and_large_random_start_at_the_costs_the_course_printed():
    train_X, train_Y, _, _ = reg_helpers.load_circles()
    for init, cost in (
        (initialize_parameters_zeros, 0.6931471805599453),
        (initialize_parameters_random, np.inf),
    ):
        a3, _ = nn_helpers.forward_propagation(train_X, init([2, 10, 5, 1]))
        assert reg_helpers.compute_cost(a3, train_Y) == pytest.approx(cost, rel=1e-15)


def test_the_circles_have_the_course_shapes_and_two_balanced_classes():
    train_X, train_Y, test_X, test_Y = reg_helpers.load_circles()
    assert (train_X.shape, train_Y.shape, test_X.shape, test_Y.shape) == (
        (2, 300),
        (1, 300),
        (2, 100),
        (1, 100),
    )
    assert train_Y.sum() == 150 and test_Y.sum() == 50
    radius = np.hypot(*train_X)
    assert radius[train_Y[0] == 0].mean() == pytest.approx(1.0, abs=0.02)  # the outer circle
    assert radius[train_Y[0] == 1].mean() == pytest.approx(0.8, abs=0.02)  # factor 0.8


# --- the draws ---------------------------------------------------------------------------------------


@SETTINGS
@given(dims=layer_dims)
def test_random_and_he_draw_what_the_course_seeded_code_draws(dims):
    for function, scale in ((initialize_parameters_random, lambda n_prev: 10),
                            (initialize_parameters_he, lambda n_prev: np.sqrt(2 / n_prev))):  # fmt: skip
        got = function(dims)
        for l, W in enumerate(global_seed_draws(dims, scale), start=1):
            np.testing.assert_array_equal(got[f"W{l}"], W)


def test_the_initializers_leave_the_global_random_state_alone():
    np.random.seed(11)  # noqa: NPY002
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    initialize_parameters_random([3, 4, 2])
    initialize_parameters_he([3, 4, 2])
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_every_call_draws_the_same_weights():
    assert np.array_equal(initialize_parameters_he([5, 3])["W1"], initialize_parameters_he([5, 3])["W1"])


@SETTINGS
@given(dims=layer_dims)
def test_one_float_weight_matrix_and_one_zero_bias_per_layer(dims):
    for function in (initialize_parameters_zeros, initialize_parameters_random, initialize_parameters_he):
        parameters = function(dims)
        L = len(dims) - 1
        assert list(parameters) == [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
        for l in range(1, L + 1):
            assert parameters[f"W{l}"].shape == (dims[l], dims[l - 1])
            assert parameters[f"W{l}"].dtype == np.float64
            assert parameters[f"b{l}"].dtype == np.float64
            np.testing.assert_array_equal(parameters[f"b{l}"], np.zeros((dims[l], 1)))


def test_zeros_are_all_zero():
    assert all(not np.any(v) for v in initialize_parameters_zeros([4, 3, 2, 1]).values())


def test_he_weights_have_variance_two_over_the_fan_in():
    W = initialize_parameters_he([2000, 300])["W1"]
    assert np.var(W) == pytest.approx(2 / 2000, rel=0.02)
    assert np.mean(W) == pytest.approx(0, abs=3 * np.sqrt(2 / 2000 / W.size))


def test_reg_utils_initialization_is_seed_3_over_the_square_root_of_the_fan_in():
    expected = global_seed_draws([3, 4, 2], lambda n_prev: 1 / np.sqrt(n_prev))
    got = reg_helpers.initialize_parameters([3, 4, 2])
    for l, W in enumerate(expected, start=1):
        np.testing.assert_allclose(
            got[f"W{l}"], W, rtol=1e-15
        )  # / sqrt(n) and * (1 / sqrt(n)) differ by an ulp


# --- the module ----------------------------------------------------------------------------------------


def test_the_module_imports_only_numpy_and_defines_the_three_course_functions():
    tree = ast.parse(source())
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [(a.name, a.asname) for n in imports for a in n.names] == [("numpy", "np")]
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)] == list(FUNCTIONS)


def test_each_function_is_marked_documented_and_has_one_solution_region_inside_its_loop():
    lines = source().splitlines()
    for fn in (n for n in ast.parse(source()).body if isinstance(n, ast.FunctionDef)):
        assert lines[fn.lineno - 2] == f"# GRADED FUNCTION: {fn.name}"
        docstring = ast.get_docstring(fn)
        assert lines[fn.body[0].lineno - 1].lstrip().startswith('r"""')
        for section in ("Parameters\n", "Returns\n", ".. math::"):
            assert section in docstring, (fn.name, section)
        body = "\n".join(lines[fn.lineno - 1 : fn.end_lineno])
        assert body.count("# BEGIN SOLUTION") == body.count("# END SOLUTION") == 1
        assert not seeds_globally(fn)  # RandomState(3) draws the same numbers


def test_the_stubs_raise_not_implemented():
    namespace = {}
    exec(compile(strip_solutions(source()), "initialization (stub)", "exec"), namespace)
    for name in FUNCTIONS:
        with pytest.raises(NotImplementedError):
            namespace[name]([3, 2, 1])
