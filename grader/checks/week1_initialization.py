r"""Checks for course 2 week 1, "Initialization": zeros, large random and He.

Each class grades one function: the official fixed cases of every Coursera generation
(with their tolerance), the course's exact draws on random layer sizes (the course
seeds 3 inside and draws ``W1`` first, each matrix row by row), the shapes and the zero
biases, and, for the random initializers, a statistical check of the weights' scale
that a correct implementation passes whatever stream it draws from.

The statistical check
---------------------
The mean square of each layer's weights must lie in the Chernoff band of a chi-square law
(:func:`grader.judge.statistics.chi_square_band`, derived in :mod:`grader.judge.statistics`), for
:data:`~grader.judge.statistics.FALSE_FAILURE` = 1e-9: a correct implementation fails a layer with
probability at most 1e-9 (at most 5e-9 over the five layers tested), whatever its seed.
For the smallest layer tested (3000 weights) the band is about -16% / +18%; the
mistakes it is there for are off by a factor of 2 (Xavier), 1.7 to 50 (the size of the
layer instead of the fan-in), or far more (no square root, ``rand`` instead of ``randn``).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from grader.checks import coursera
from grader.checks import week1_init_reg_mistakes as mistakes
from grader.checks.coursera import week1_init_reg_cases as cases
from grader.judge.compare import expect_array, expect_keys, fail, kind, on
from grader.judge.exercises import Exercise, declare
from grader.judge.judging import judged
from grader.judge.statistics import FALSE_FAILURE, chi_square_band
from grader.judge.strategies import Case, Sampled, batches
from reference import initialization as ref

#: Layer sizes of the statistical checks; every weight matrix has at least 3000 entries,
#: and the fan-in differs from the layer size in every layer.
LARGE_NETWORKS = ([400, 60, 100, 30], [1000, 20, 200])

#: Do-nothing bodies that are right (``grade validate``, :mod:`grader.instructor.do_nothing`): the
#: zeros initialization *is* zeros of the right shapes.
RIGHT_BY_DOING_NOTHING = {
    "initialize_parameters_zeros/zeros": "the zeros initialization is zeros of the right shapes",
    "initialize_parameters_zeros/echo": "with no input array to hand back, the echo body returns zeros too",
}


def official_cases(function: str) -> list[Case]:
    """Every official Coursera call of ``function``, all generations."""
    return coursera.official_cases(cases, function, cases.INIT_GENERATIONS,
                                   lambda g, args: f"the Coursera {g} test case, layers_dims={args[0]}")  # fmt: skip


def layer_dims_cases(max_units: int = 8) -> Sampled[Case]:
    """``(layers_dims,)`` for networks of 1 to 4 layers (uniformly) with 1 to ``max_units``
    units each, sampled (see :func:`~grader.judge.strategies.batches`)."""

    def sample(rng: np.random.Generator) -> Case:
        count = int(rng.integers(2, 6))
        dims = [int(n) for n in rng.integers(1, max_units + 1, size=count)]
        return Case((dims,), f"layers_dims={dims}")

    return Sampled(sample)


ZEROS = Exercise("initialize_parameters_zeros", ref.initialize_parameters_zeros, returns="parameters",
                 official=lambda: official_cases("initialize_parameters_zeros"))  # fmt: skip
RANDOM = Exercise("initialize_parameters_random", ref.initialize_parameters_random, returns="parameters",
                  mistakes=mistakes.RANDOM, official=lambda: official_cases("initialize_parameters_random"))  # fmt: skip
HE = Exercise("initialize_parameters_he", ref.initialize_parameters_he, returns="parameters",
              mistakes=mistakes.HE, official=lambda: official_cases("initialize_parameters_he"))  # fmt: skip
EXERCISES = declare(ZEROS, RANDOM, HE)


def expect_layers(got: object, dims: list[int], what: str = "parameters", biases: bool = True) -> dict:
    """Keys W1, b1, ..., WL, bL exactly; W_l float (n_l, n_{l-1}); b_l float zeros (n_l, 1)
    (not judged when ``biases`` is false)."""
    L = len(dims) - 1
    expected_keys = {f"{p}{l}": None for l in range(1, L + 1) for p in ("W", "b")}
    expect_keys(got, expected_keys, what)
    assert isinstance(got, dict)
    for l in range(1, L + 1):
        W, b = got[f"W{l}"], got[f"b{l}"]
        w_shape, b_shape = (dims[l], dims[l - 1]), (dims[l], 1)
        if type(W) is not np.ndarray or W.shape != w_shape:
            transposed = (
                " (transposed? W_l is (layers_dims[l], layers_dims[l-1]))"
                if (isinstance(W, np.ndarray) and W.shape == w_shape[::-1])
                else ""
            )
            fail(f"{what}['W{l}'] should have shape {w_shape}, got {kind(W)}{transposed}")
        if W.dtype.kind != "f":
            fail(f"{what}['W{l}'] has dtype {W.dtype}, expected floats")
        if biases:
            expect_array(b, np.zeros(b_shape), f"{what}['b{l}']")
    return got


def expect_weight_variance(function, variance, formula: str) -> None:
    """The mean square of each layer's weights is within :func:`chi_square_band` of
    ``variance(n_l, n_{l-1})``, on :data:`LARGE_NETWORKS`."""
    calls = [Case((dims,), f"layers_dims={dims}") for dims in LARGE_NETWORKS]
    for case, parameters in judged(function, calls):
        with on(case.description):
            expect_layer_variances(parameters, case.args[0], variance, formula)


def expect_layer_variances(parameters: object, dims: list[int], variance, formula: str) -> None:
    expect_layers(parameters, dims, biases=False)  # the biases are judged by check_shapes_and_zero_biases
    assert isinstance(parameters, dict)
    for l in range(1, len(dims)):
        W = parameters[f"W{l}"]
        intended = variance(dims[l], dims[l - 1])
        low, high = chi_square_band(W.size)
        mean_square = float(np.mean(np.square(W)))
        if not low * intended <= mean_square <= high * intended:
            fail(
                f"the {W.size} weights of W{l} have mean square {mean_square:.4g}; weights drawn with "
                f"variance {formula} = {intended:.4g} give {low * intended:.4g} to {high * intended:.4g} "
                f"(all but a {FALSE_FAILURE:g} chance)"
            )


# --------------------------------------------------------------------------- zeros


@pytest.mark.exercise("initialize_parameters_zeros")
class CheckZeros:
    @pytest.mark.points(8)
    @pytest.mark.hint(
        "W_l = np.zeros((layers_dims[l], layers_dims[l-1])) and b_l = np.zeros((layers_dims[l], 1))"
    )
    def check_coursera_cases(self, student):
        ZEROS.like_official(student)

    @pytest.mark.points(12)
    @pytest.mark.hint(
        "one W and one b per layer l = 1..L (L = len(layers_dims) - 1), float zeros, "
        "W_l of shape (layers_dims[l], layers_dims[l-1]), b_l of shape (layers_dims[l], 1)"
    )
    @given(batch=batches(layer_dims_cases()))
    def check_every_layer_zero_with_right_shapes(self, student, batch):
        for case, parameters in judged(student.initialize_parameters_zeros, batch):
            with on(case.description):
                expect_layers(parameters, case.args[0])
                for key, value in parameters.items():
                    if np.any(value != 0):
                        fail(f"parameters[{key!r}] is not all zeros")


# --------------------------------------------------------------------------- large random


@pytest.mark.exercise("initialize_parameters_random")
class CheckRandom:
    @pytest.mark.points(8)
    @pytest.mark.hint(
        "np.random.seed(3) once, then W_l = np.random.randn(layers_dims[l], layers_dims[l-1]) * 10"
    )
    def check_coursera_cases(self, student):
        RANDOM.like_official(student)

    @pytest.mark.points(12)
    @pytest.mark.hint(
        "seed once with np.random.seed(3) before the loop, and draw W1, W2, ... in order "
        "with np.random.randn(layers_dims[l], layers_dims[l-1]) * 10"
    )
    @given(batch=batches(layer_dims_cases()))
    def check_same_draws_as_coursera(self, student, batch):
        RANDOM.like_reference(student, batch)

    @pytest.mark.points(6)
    @pytest.mark.hint(
        "biases start at zero: b_l = np.zeros((layers_dims[l], 1)); "
        "W_l has shape (layers_dims[l], layers_dims[l-1])"
    )
    @given(batch=batches(layer_dims_cases()))
    def check_shapes_and_zero_biases(self, student, batch):
        for case, parameters in judged(student.initialize_parameters_random, batch):
            with on(case.description):
                expect_layers(parameters, case.args[0])

    @pytest.mark.points(9)
    @pytest.mark.hint(
        "large random weights are standard normal draws times 10 (variance 100): np.random.randn(...) * 10"
    )
    def check_weight_scale_is_10(self, student):
        expect_weight_variance(student.initialize_parameters_random, lambda n, n_prev: 100.0, "10**2")


# --------------------------------------------------------------------------- He


@pytest.mark.exercise("initialize_parameters_he")
class CheckHe:
    @pytest.mark.points(8)
    @pytest.mark.hint(
        "W_l = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2 / layers_dims[l-1])"
    )
    def check_coursera_cases(self, student):
        HE.like_official(student)

    @pytest.mark.points(14)
    @pytest.mark.hint(
        "seed once with np.random.seed(3), loop l = 1..L, and draw W1, W2, ... in order "
        "with np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2 / layers_dims[l-1])"
    )
    @given(batch=batches(layer_dims_cases()))
    def check_same_draws_as_coursera(self, student, batch):
        HE.like_reference(student, batch)

    @pytest.mark.points(8)
    @pytest.mark.hint(
        "one W and one b per layer l = 1..L with L = len(layers_dims) - 1, "
        "b_l = np.zeros((layers_dims[l], 1))"
    )
    @given(batch=batches(layer_dims_cases()))
    def check_shapes_and_zero_biases(self, student, batch):
        for case, parameters in judged(student.initialize_parameters_he, batch):
            with on(case.description):
                expect_layers(parameters, case.args[0])

    @pytest.mark.points(15)
    @pytest.mark.hint(
        "He initialization gives each weight the variance 2 / (size of the previous layer): "
        "multiply np.random.randn(...) by np.sqrt(2 / layers_dims[l-1])"
    )
    def check_weight_variance_is_2_over_fan_in(self, student):
        expect_weight_variance(
            student.initialize_parameters_he, lambda n, n_prev: 2 / n_prev, "2 / layers_dims[l-1]"
        )
