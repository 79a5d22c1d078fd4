"""reference.optimization: the course's expected outputs, hand-computed steps,
properties of the mini-batch partition and of the update rules, and the shape of the
graded modules (this file checks both graded modules, optimization and
optimization_extras, since the stub generator treats them alike)."""

import ast
import math
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference import optimization, optimization_extras
from reference.nn_helpers import load_params_and_grads
from reference.optimization import (
    initialize_adam,
    initialize_velocity,
    random_mini_batches,
    schedule_lr_decay,
    update_lr,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
)

SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=50)

COURSE_FUNCTIONS = {
    "update_parameters_with_gd",
    "random_mini_batches",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "initialize_adam",
    "update_parameters_with_adam",
    "update_lr",
    "schedule_lr_decay",
}


def course_case():
    """The course's test case: 2-layer parameters and grads drawn after seed 1."""
    W1, b1, W2, b2, dW1, db1, dW2, db2 = load_params_and_grads(seed=1)
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return parameters, grads


def zeros_like(grads):
    return {key: np.zeros_like(value) for key, value in grads.items()}


def course_permutation(m, seed):
    """The course's shuffle, np.random.seed(seed); np.random.permutation(m), with the
    global state restored afterwards."""
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(seed)  # noqa: NPY002
        return np.random.permutation(m)  # noqa: NPY002
    finally:
        np.random.set_state(state)  # noqa: NPY002


finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
away_from_zero = st.tuples(st.floats(1e-3, 10), st.sampled_from([-1.0, 1.0])).map(
    lambda pair: pair[0] * pair[1]
)


@st.composite
def networks(draw, grad_elements=finite):
    """(parameters, grads) of a dense net: 1 to 3 layers of 1 to 4 units."""
    dims = draw(st.lists(st.integers(1, 4), min_size=2, max_size=4))
    parameters, grads = {}, {}
    for l in range(1, len(dims)):
        for p, shape in (("W", (dims[l], dims[l - 1])), ("b", (dims[l], 1))):
            parameters[p + str(l)] = draw(hnp.arrays(np.float64, shape, elements=finite))
            grads["d" + p + str(l)] = draw(hnp.arrays(np.float64, shape, elements=grad_elements))
    return parameters, grads


# The graded modules, as the grader's stub generator and isolated loader see them.

GRADED_MODULES = [optimization, optimization_extras]


def source_of(module):
    return pathlib.Path(module.__file__).read_text()


def functions_of(module):
    tree = ast.parse(source_of(module))
    return [node for node in tree.body if isinstance(node, ast.FunctionDef)]


def stub(source):
    """Replace each solution region by ``raise NotImplementedError``."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() == "# BEGIN SOLUTION":
            lines.append(line.replace("# BEGIN SOLUTION", "raise NotImplementedError"))
            inside = True
        elif line.strip() == "# END SOLUTION":
            inside = False
        elif not inside:
            lines.append(line)
    return "\n".join(lines)


def sample_calls():
    parameters, grads = course_case()
    X, Y = np.arange(12.0).reshape(2, 6), np.ones((1, 6))
    return {
        "update_parameters_with_gd": (parameters, grads, 0.01),
        "random_mini_batches": (X, Y, 4, 0),
        "initialize_velocity": (parameters,),
        "update_parameters_with_momentum": (
            parameters,
            grads,
            zeros_like(grads),
            0.9,
            0.01,
        ),
        "initialize_adam": (parameters,),
        "update_parameters_with_adam": (
            parameters,
            grads,
            zeros_like(grads),
            zeros_like(grads),
            1,
        ),
        "update_lr": (0.1, 3, 1.0),
        "schedule_lr_decay": (0.1, 3, 1.0),
        "exponentially_weighted_average": (np.ones(5), 0.9),
        "bias_corrected_average": (np.ones(5), 0.9),
        "initialize_rmsprop": (parameters,),
        "update_parameters_with_rmsprop": (
            parameters,
            grads,
            zeros_like(grads),
            0.999,
            0.01,
        ),
        "update_lr_exponential": (0.1, 3),
        "update_lr_inverse_sqrt": (0.1, 3),
        "update_lr_staircase": (0.1, 3),
    }


def test_optimization_defines_exactly_the_eight_course_functions():
    assert {fn.name for fn in functions_of(optimization)} == COURSE_FUNCTIONS


@pytest.mark.parametrize("module", GRADED_MODULES, ids=lambda m: m.__name__)
def test_a_graded_module_imports_only_math_and_numpy_as_np(module):
    imports = [
        node
        for node in ast.walk(ast.parse(source_of(module)))
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]
    names = {(alias.name, alias.asname) for node in imports for alias in node.names}
    assert all(isinstance(node, ast.Import) for node in imports)
    assert names == {("math", None), ("numpy", "np")}


@pytest.mark.parametrize("module", GRADED_MODULES, ids=lambda m: m.__name__)
def test_a_graded_module_neither_prints_nor_opens_files(module):
    calls = {
        node.func.id
        for node in ast.walk(ast.parse(source_of(module)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not calls & {"print", "open", "input", "exec", "eval"}


@pytest.mark.parametrize("module", GRADED_MODULES, ids=lambda m: m.__name__)
def test_each_graded_function_is_marked_documented_and_has_one_solution_region(module):
    lines = source_of(module).splitlines()
    for fn in functions_of(module):
        assert lines[fn.lineno - 2] == f"# GRADED FUNCTION: {fn.name}"
        docstring = ast.get_docstring(fn, clean=False)
        assert lines[fn.body[0].lineno - 1].lstrip().startswith('r"""'), fn.name
        for section in ("Parameters\n", "Returns\n", ".. math::"):
            assert section in docstring, (fn.name, section)
        indent = " " * fn.body[1].col_offset
        body = lines[fn.lineno - 1 : fn.end_lineno]
        begins = [i for i, line in enumerate(body) if "# BEGIN SOLUTION" in line]
        ends = [i for i, line in enumerate(body) if "# END SOLUTION" in line]
        assert len(begins) == len(ends) == 1, fn.name
        assert body[begins[0]] == indent + "# BEGIN SOLUTION", fn.name
        assert body[ends[0]] == indent + "# END SOLUTION", fn.name
        assert begins[0] < ends[0]
        assert isinstance(fn.body[-1], ast.Return)
        assert fn.body[-1].lineno > fn.lineno + ends[0], f"{fn.name} returns inside"
        assert fn.end_lineno - fn.lineno < 50, f"{fn.name} is too long"


@pytest.mark.parametrize("module", GRADED_MODULES, ids=lambda m: m.__name__)
def test_every_stubbed_function_runs_its_given_code_then_raises_not_implemented(module):
    namespace = {}
    exec(compile(stub(source_of(module)), f"{module.__file__} (stub)", "exec"), namespace)
    calls = sample_calls()
    for fn in functions_of(module):
        with pytest.raises(NotImplementedError):
            namespace[fn.name](*calls[fn.name])


# The course's expected outputs (2021+ notebook).


def test_gd_matches_the_course_expected_output():
    parameters, grads = course_case()
    parameters = update_parameters_with_gd(parameters, grads, learning_rate=0.01)
    np.testing.assert_allclose(
        parameters["W1"],
        [
            [1.63535156, -0.62320365, -0.53718766],
            [-1.07799357, 0.85639907, -2.29470142],
        ],
        atol=1e-8,
    )


def test_random_mini_batches_matches_the_course_expected_output():
    rng = np.random.RandomState(1)
    X = rng.randn(12288, 148)
    Y = rng.randn(1, 148) < 0.5
    mini_batches = random_mini_batches(X, Y, mini_batch_size=64)
    assert [batch_X.shape for batch_X, _ in mini_batches] == [
        (12288, 64),
        (12288, 64),
        (12288, 20),
    ]
    assert [batch_Y.shape for _, batch_Y in mini_batches] == [(1, 64), (1, 64), (1, 20)]
    np.testing.assert_allclose(mini_batches[0][0][0][0:3], [0.90085595, -0.7612069, 0.2344157], atol=1e-8)


def test_momentum_matches_the_course_expected_output():
    parameters, grads = course_case()
    v = initialize_velocity(parameters)
    parameters, v = update_parameters_with_momentum(parameters, grads, v, beta=0.9, learning_rate=0.01)
    np.testing.assert_allclose(
        parameters["W1"],
        [
            [1.62544598, -0.61290114, -0.52907334],
            [-1.07347112, 0.86450677, -2.30085497],
        ],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        v["dW1"],
        [[-0.11006192, 0.11447237, 0.09015907], [0.05024943, 0.09008559, -0.06837279]],
        atol=1e-8,
    )


def test_adam_matches_the_course_expected_output():
    parameters, grads = course_case()
    v, s = initialize_adam(parameters)
    t, beta1, beta2 = 2, 0.8, 0.888
    parameters, v, s, v_corrected, s_corrected = update_parameters_with_adam(
        parameters,
        grads,
        v,
        s,
        t,
        learning_rate=0.02,
        beta1=beta1,
        beta2=beta2,
        epsilon=1e-2,
    )
    expected_v = {
        "dW1": [-0.22012384, 0.22894474, 0.18031814],
        "db1": [-0.02457805],
        "dW2": [-0.05357762, 0.10607109, -0.13833215],
        "db2": [0.04688314],
    }
    expected_s = {
        "dW1": [0.13567261, 0.14676395, 0.09104097],
        "db1": [0.00169142],
        "dW2": [8.03757060e-03, 3.15030152e-02, 5.35801947e-02],
        "db2": [0.00615448],
    }
    expected_parameters = {
        "W1": [1.63942428, -0.6268425, -0.54320974],
        "b1": [1.75854357],
        "W2": [0.33356139, -0.26425199, 1.47707772],
        "b2": [-0.89228024],
    }
    for key in expected_v:
        np.testing.assert_allclose(v[key][0], expected_v[key], atol=1e-8)
        np.testing.assert_allclose(s[key][0], expected_s[key], atol=1e-8)
        np.testing.assert_allclose(v_corrected[key], v[key] / (1 - beta1**t))
        np.testing.assert_allclose(s_corrected[key], s[key] / (1 - beta2**t))
    for key, row in expected_parameters.items():
        np.testing.assert_allclose(parameters[key][0], row, atol=1e-8)


def test_learning_rate_decays_match_the_course_expected_outputs():
    assert update_lr(0.5, 2, 1) == pytest.approx(0.16666666666666666)
    assert schedule_lr_decay(0.5, 100, 1, 100) == pytest.approx(0.25)
    assert schedule_lr_decay(0.5, 10, 1, 100) == pytest.approx(0.5)
    assert schedule_lr_decay(0.3, 1000, 0.25, 100) == pytest.approx(0.085714285)
    assert schedule_lr_decay(0.3, 100, 0.25, 100) == pytest.approx(0.24)


# Mini-batches.


@SETTINGS
@given(
    m=st.integers(1, 300),
    mini_batch_size=st.integers(1, 100),
    seed=st.integers(0, 2**32 - 1),
)
def test_mini_batches_cut_the_course_permutation_into_full_batches_and_a_remainder(m, mini_batch_size, seed):
    X = np.stack([np.arange(m), -np.arange(m)]).astype(float)  # (2, m)
    Y = np.arange(m).reshape(1, m)  # labels name their example
    mini_batches = random_mini_batches(X, Y, mini_batch_size, seed)
    sizes = [batch_X.shape[1] for batch_X, _ in mini_batches]
    assert len(mini_batches) == math.ceil(m / mini_batch_size)
    assert sizes[:-1] == [mini_batch_size] * (len(sizes) - 1)
    assert sizes[-1] == (m % mini_batch_size or mini_batch_size)
    permutation = course_permutation(m, seed)
    np.testing.assert_array_equal(np.hstack([b_X for b_X, _ in mini_batches]), X[:, permutation])
    for batch_X, batch_Y in mini_batches:
        assert batch_Y.shape == (1, batch_X.shape[1])
        np.testing.assert_array_equal(batch_Y[0], batch_X[0])


def test_fewer_examples_than_the_batch_size_make_one_batch_of_all_of_them():
    X, Y = np.arange(10.0).reshape(2, 5), np.arange(5).reshape(1, 5)
    ((batch_X, batch_Y),) = random_mini_batches(X, Y, mini_batch_size=64, seed=3)
    np.testing.assert_array_equal(np.sort(batch_Y[0]), np.arange(5))
    assert batch_X.shape == (2, 5)


def test_a_multiple_of_the_batch_size_leaves_no_remainder_batch():
    X, Y = np.zeros((3, 128)), np.zeros((1, 128))
    mini_batches = random_mini_batches(X, Y, mini_batch_size=64)
    assert [batch_X.shape[1] for batch_X, _ in mini_batches] == [64, 64]


def test_random_mini_batches_leaves_the_global_random_state_alone():
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    random_mini_batches(np.zeros((2, 10)), np.zeros((1, 10)), 4, seed=7)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_labels_of_shape_1_by_m_keep_that_shape():
    Y = np.ones((1, 7), dtype=bool)
    for _, batch_Y in random_mini_batches(np.zeros((2, 7)), Y, 3):
        assert batch_Y.ndim == 2
        assert batch_Y.shape[0] == 1
        assert batch_Y.dtype == bool


# Initialization.


def test_velocity_starts_at_float_zeros_shaped_like_each_parameter():
    parameters, _ = course_case()
    parameters["W1"] = parameters["W1"].astype(int)
    v = initialize_velocity(parameters)
    assert set(v) == {"dW1", "db1", "dW2", "db2"}
    for key, value in v.items():
        assert value.shape == parameters[key[1:]].shape
        assert value.dtype == np.float64
        assert not value.any()


def test_adam_state_is_two_dicts_of_zeros_sharing_no_array():
    parameters, _ = course_case()
    v, s = initialize_adam(parameters)
    assert v is not s
    assert set(v) == set(s) == {"dW1", "db1", "dW2", "db2"}
    for key in v:
        assert v[key] is not s[key]
        assert v[key].shape == s[key].shape == parameters[key[1:]].shape
        v[key] += 1
        assert not s[key].any()


# Updates.


def test_updates_rebind_the_parameters_and_leave_the_arrays_passed_in_unchanged():
    parameters, grads = course_case()
    W1 = parameters["W1"]
    W1_before = W1.copy()
    returned = update_parameters_with_gd(parameters, grads, 0.1)
    assert returned is parameters
    assert parameters["W1"] is not W1
    np.testing.assert_array_equal(W1, W1_before)


def test_extra_gradient_keys_from_the_course_backward_pass_are_ignored():
    parameters, grads = course_case()
    expected = update_parameters_with_gd(dict(parameters), grads, 0.1)
    noisy = dict(grads, dA1=np.ones((2, 5)), dZ3=np.ones((1, 5)), dA2=np.ones((3, 5)))
    for key, value in update_parameters_with_gd(dict(parameters), noisy, 0.1).items():
        np.testing.assert_array_equal(value, expected[key])


@SETTINGS
@given(network=networks(), learning_rate=st.floats(0, 1))
def test_momentum_with_beta_zero_is_gradient_descent(network, learning_rate):
    parameters, grads = network
    expected = update_parameters_with_gd(dict(parameters), grads, learning_rate)
    velocity = initialize_velocity(parameters)
    result, v = update_parameters_with_momentum(
        dict(parameters), grads, velocity, beta=0, learning_rate=learning_rate
    )
    for key in expected:
        np.testing.assert_allclose(result[key], expected[key])
    for key in grads:
        np.testing.assert_allclose(v[key], grads[key])


def test_momentum_accumulates_an_average_of_the_gradients_by_hand():
    parameters = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    grads = {"dW1": np.array([[2.0]]), "db1": np.array([[0.0]])}
    v = initialize_velocity(parameters)
    parameters, v = update_parameters_with_momentum(parameters, grads, v, 0.9, 0.1)
    assert v["dW1"][0, 0] == pytest.approx(0.2)  # 0.9 * 0 + 0.1 * 2
    assert parameters["W1"][0, 0] == pytest.approx(0.98)  # 1 - 0.1 * 0.2
    parameters, v = update_parameters_with_momentum(parameters, grads, v, 0.9, 0.1)
    assert v["dW1"][0, 0] == pytest.approx(0.38)  # 0.9 * 0.2 + 0.1 * 2
    assert parameters["W1"][0, 0] == pytest.approx(0.942)  # 0.98 - 0.1 * 0.38


@SETTINGS
@given(network=networks(grad_elements=away_from_zero), learning_rate=st.floats(1e-4, 1))
def test_first_adam_step_moves_each_weight_by_the_learning_rate_against_its_gradient(network, learning_rate):
    parameters, grads = network
    before = dict(parameters)
    v, s = initialize_adam(parameters)
    parameters, *_ = update_parameters_with_adam(parameters, grads, v, s, t=1, learning_rate=learning_rate)
    for key in before:
        np.testing.assert_allclose(
            before[key] - parameters[key],
            learning_rate * np.sign(grads["d" + key]),
            rtol=1e-4,
        )


def test_adam_returns_v_and_s_uncorrected_and_the_corrections_separately():
    parameters, grads = course_case()
    v, s = initialize_adam(parameters)
    _, v, s, v_corrected, s_corrected = update_parameters_with_adam(
        parameters, grads, v, s, t=1, beta1=0.9, beta2=0.999
    )
    for key, g in grads.items():
        np.testing.assert_allclose(v[key], 0.1 * g)
        np.testing.assert_allclose(s[key], 0.001 * g**2)
        np.testing.assert_allclose(v_corrected[key], g)
        np.testing.assert_allclose(s_corrected[key], g**2)


def test_adam_adds_epsilon_outside_the_square_root():
    parameters = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    grads = {"dW1": np.array([[1.0]]), "db1": np.array([[1.0]])}
    v, s = initialize_adam(parameters)
    parameters, *_ = update_parameters_with_adam(parameters, grads, v, s, t=1, learning_rate=1.0, epsilon=1.0)
    # v_corrected = 1 and s_corrected = 1: 1 / (sqrt(1) + 1) = 0.5, not 1 / sqrt(2)
    assert parameters["W1"][0, 0] == pytest.approx(-0.5)


# Learning-rate decay.


def test_update_lr_starts_at_the_initial_rate_then_divides_by_1_plus_rate_x_epoch():
    assert update_lr(0.1, 0, 3.0) == 0.1
    assert update_lr(0.1, 4, 0.5) == pytest.approx(0.1 / 3)


@SETTINGS
@given(
    learning_rate0=st.floats(1e-6, 1),
    epoch_num=st.integers(0, 10**6),
    decay_rate=st.floats(0, 10),
    time_interval=st.integers(1, 5000),
)
def test_scheduled_decay_is_update_lr_of_the_number_of_whole_intervals(
    learning_rate0, epoch_num, decay_rate, time_interval
):
    intervals = epoch_num // time_interval
    expected = update_lr(learning_rate0, intervals, decay_rate)
    assert schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval) == pytest.approx(expected)
    start = intervals * time_interval
    assert schedule_lr_decay(learning_rate0, start, decay_rate, time_interval) == pytest.approx(expected)
